# SPDX-License-Identifier: GPL-2.0-or-later
"""The scratch tables a command fills in PostgreSQL: rows sent by COPY as they are read (a
row that cannot be sent is said as itself, the statement ended whole, not cancelled)."""

import pytest

from field_kit.sync.postgis import address, copy_in


@pytest.fixture
def pg(database):
    conn = address.connect(database)
    yield conn
    conn.close()


def test_a_row_that_cannot_be_sent_is_said_as_itself_not_as_the_copy_cancelled(pg,
                                                                              monkeypatch):
    monkeypatch.setattr(copy_in, "BLOCK", 64, raising=False)

    def number(v):
        if v == 30:
            raise ValueError("30 cannot be sent")
        return v
    with pg.cursor() as cur:
        cur.execute("CREATE TEMP TABLE scratch (a text, b integer)")
        with pytest.raises(ValueError, match="30 cannot be sent"):
            copy_in.copy_rows(cur, "scratch", ["a", "b"], ((f"row\t{i}", i) for i in range(50)),
                              [copy_in.as_is, number])
        # the rows read before it went in whole, and the transaction goes on
        cur.execute("SELECT count(*), min(b), max(b), bool_and(a = 'row' || chr(9) || b) "
                    "FROM scratch")
        assert cur.fetchone() == (30, 0, 29, True)
    pg.rollback()

