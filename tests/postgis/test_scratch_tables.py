# SPDX-License-Identifier: GPL-2.0-or-later
"""The scratch tables a command fills in PostgreSQL: rows sent by COPY as they are read (a
row that cannot be sent is said as itself, the statement ended whole, not cancelled), and
described for the planner from a sample of their keys, the session's settings left as they
were."""

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


def test_a_scratch_table_is_described_by_its_keys_from_a_sample(pg):
    with pg.cursor() as cur:
        cur.execute("SET default_statistics_target = 120")
        cur.execute("CREATE TEMP TABLE toksun_upd (uuid text, new0 geometry, new1 text)")
        copy_in.copy_rows(cur, "toksun_upd", ["uuid", "new0", "new1"],
                          ((f"u{i:05}", None, f"v{i % 7}") for i in range(20000)),
                          [copy_in.as_is] * 3)
        copy_in.analyze(cur, {"toksun_upd": ["uuid"]})
        cur.execute("SELECT attname, n_distinct FROM pg_stats WHERE tablename = 'toksun_upd'")
        assert cur.fetchall() == [("uuid", -1.0)]  # (distinct keys; the values not read)
        cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'toksun_upd'")
        assert 19000 < cur.fetchone()[0] < 21000
        cur.execute("SHOW default_statistics_target")
        assert cur.fetchone() == ("120",)
    pg.rollback()

