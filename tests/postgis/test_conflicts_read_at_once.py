# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too, `field-kit conflicts` takes no more statements to list twice
the conflicts: neither of the database (what it stages is read set-based) nor of its stage
(the conflicts' rows, edits and other conflicts read for all of them at once)."""

from __future__ import annotations

import psycopg2.extensions

from field_kit.cli.commands import main
from field_kit.sync.postgis import address
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import make_gpkg
from tests.unit.test_conflicts_read_at_once import statements, three_merges


def listed_of(n: int, database: str, tmp_path, monkeypatch, capsys) -> tuple[int, int, str]:
    """The statements the database and the stage ran for the listing, and what it
    printed."""
    tmp = tmp_path / str(n)
    tmp.mkdir()
    assert main(["init", database, "--from",
                 make_gpkg(tmp / "src.gpkg", patches=n, verifications=n)]) == 0
    three_merges(database, tmp, capsys, local=lambda sql: query(database, sql))
    ran: list[str] = []

    class Counted(psycopg2.extensions.cursor):
        def execute(self, sql, args=None):
            ran.append(str(sql))
            return super().execute(sql, args)
    connect = address.connect

    def counted(*args, **kwargs):
        pg = connect(*args, **kwargs)
        pg.cursor_factory = Counted
        return pg
    monkeypatch.setattr(address, "connect", counted)
    try:
        staged, out = statements(monkeypatch, capsys, "conflicts", database, "--every",
                                 copies=False)
    finally:
        monkeypatch.setattr(address, "connect", connect)
    return len(ran), staged, out


def test_twice_the_conflicts_take_no_more_statements(cluster, database, tmp_path,
                                                     monkeypatch, capsys):
    twice = database.replace("dbname=", "dbname=twice_")
    name = twice.split("dbname=")[1].split()[0]
    cluster.sql(f"CREATE DATABASE {name}")
    cluster.sql("CREATE EXTENSION postgis", db=name)
    asked, staged, out = listed_of(5, database, tmp_path, monkeypatch, capsys)
    asked2, staged2, out2 = listed_of(10, twice, tmp_path, monkeypatch, capsys)
    for listing, n in ((out, 5), (out2, 10)):
        assert listing.count("\n#") == 3 * n, listing
        assert "which its conflict" in listing and " (row) " in listing, listing
        assert "\n    take:theirs by " in listing, listing
    assert asked2 <= asked + 2, (asked, asked2)
    assert staged2 <= staged + 2, (staged, staged2)
