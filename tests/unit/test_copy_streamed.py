# SPDX-License-Identifier: GPL-2.0-or-later
"""Rows sent to PostgreSQL by COPY as they are read: the server takes the first in while the
last are still being read here, a statement at most CHUNK rows; a row that cannot be sent
ends the data there, whole lines only, and is raised as itself once the statement is
done."""

import pytest

from field_kit.sync.postgis import copy_in


class Cursor:
    """Reads a COPY's data as psycopg2 does (``read(size)`` until it gives nothing), noting
    each block and how many rows had been read when it came; a read that raises cancels the
    statement, as psycopg2 says it."""

    def __init__(self, pulled: list[int]):
        self.pulled = pulled
        self.statements: list[list[str]] = []
        self.when: list[int] = []

    def copy_expert(self, sql, file, size=8192):
        assert sql.startswith("COPY t (")
        blocks: list[str] = []
        self.statements.append(blocks)
        while True:
            try:
                block = file.read(size)
            except BaseException as exc:
                raise RuntimeError("COPY from stdin failed: error in .read() call") from exc
            if not block:
                return
            blocks.append(block)
            self.when.append(self.pulled[0])


def rows(n: int, pulled: list[int], bad: int | None = None):
    for i in range(n):
        pulled[0] += 1
        yield (f"row {i}", i, None if i % 2 else 1.5, "bad" if i == bad else "ok")


def lines(n: int) -> list[str]:
    """The rows of :func:`rows` as COPY's text format writes them (NULL as \\N)."""
    return [f"row {i}\t{i}\t" + ("\\N" if i % 2 else "1.5") + "\tok" for i in range(n)]


def sent(cur: Cursor) -> list[str]:
    return [line for blocks in cur.statements for line in "".join(blocks).splitlines()]


def test_the_first_rows_go_while_the_last_are_still_read(monkeypatch):
    monkeypatch.setattr(copy_in, "BLOCK", 40, raising=False)
    pulled = [0]
    cur = Cursor(pulled)
    assert copy_in.copy_rows(cur, "t", ["a", "b", "c", "d"], rows(50, pulled),
                             [copy_in.as_is] * 4) == 50
    assert len(cur.statements) == 1 and cur.when[0] < 5 and cur.when[-1] == 50
    assert sent(cur) == lines(50)
    assert all(block.endswith("\n") for block in cur.statements[0])  # whole lines
    # a statement takes at most CHUNK rows; none is sent for no rows
    monkeypatch.setattr(copy_in, "CHUNK", 4)
    cur = Cursor(pulled)
    assert copy_in.copy_rows(cur, "t", ["a", "b", "c", "d"], rows(9, pulled),
                             [copy_in.as_is] * 4) == 9
    assert [len("".join(b).splitlines()) for b in cur.statements] == [4, 4, 1]
    assert copy_in.copy_rows(cur, "t", ["a", "b", "c", "d"], rows(8, pulled),
                             [copy_in.as_is] * 4) == 8
    assert copy_in.copy_rows(cur, "t", ["a"], iter(()), [copy_in.as_is]) == 0
    assert len(cur.statements) == 5


def test_a_row_that_cannot_be_sent_ends_the_data_and_is_raised_as_itself(monkeypatch):
    monkeypatch.setattr(copy_in, "BLOCK", 30, raising=False)

    def check(v):
        if v == "bad":
            raise ValueError("no such value")
        return v
    pulled = [0]
    cur = Cursor(pulled)
    with pytest.raises(ValueError, match="no such value"):
        copy_in.copy_rows(cur, "t", ["a", "b", "c", "d"], rows(20, pulled, bad=7),
                          [copy_in.as_is] * 3 + [check])
    assert sent(cur) == lines(7)
    assert all(block.endswith("\n") for block in cur.statements[0])
