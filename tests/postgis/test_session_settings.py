# SPDX-License-Identifier: GPL-2.0-or-later
"""A master's times and intervals travel in one form, whoever's session wrote or read them:
PostgreSQL prints a ``timestamptz`` in the session's time zone and an ``interval`` in its
IntervalStyle, so an editor whose session is set otherwise (``SET TimeZone``, a role's own
setting, PGTZ or PGOPTIONS in a supervisor's environment) would give the log, and so the
field packages, another text of the same value, and a later edit of it a conflict nobody
made. The master keeps the zone it was set up in, and every session of the sync (and the
capture in an editor's session) writes and reads in it."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit, rows

LAYER = """
CREATE SCHEMA og;
CREATE TABLE og.wells (id serial PRIMARY KEY, code text, t timestamptz, v interval);
INSERT INTO og.wells (code, t, v) VALUES ('R0', '2025-01-01 08:00+08', '1 day 02:00:00'),
  ('R1', '2025-01-01 08:00+08', '1 year 2 mons');
"""
HELD = "SELECT code, t, v FROM wells ORDER BY id"
# an editor whose session prints times in UTC and intervals as ISO 8601 durations
ELSEWHERE = "SET TimeZone = 'UTC'; SET IntervalStyle = 'iso_8601'; "


def set_up(cluster, database, capsys) -> tuple[str, str]:
    """The wells in a database whose zone is Asia/Shanghai, tracked: (its name, the master)."""
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYER, db=db)
    cluster.sql(f"ALTER DATABASE {db} SET timezone = 'Asia/Shanghai'")
    og = cluster.address(db, schema="og")
    code, said = cli_said(capsys, "init", og)
    assert code == errors.OK, said
    return db, og


def test_times_and_intervals_travel_in_the_masters_form_whatever_a_session_says(
        cluster, database, tmp_path, capsys, monkeypatch):
    db, og = set_up(cluster, database, capsys)
    pkg = tmp_path / "a.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "a", "--role", "gis")
    assert code == errors.OK, said
    as_set_up = rows(pkg, HELD)
    assert as_set_up == [("R0", "2025-01-01T08:00:00+08:00", "1 day 02:00:00"),
                         ("R1", "2025-01-01T08:00:00+08:00", "1 year 2 mons")]

    # an editor in psql, set otherwise, edits R1 (captured in the master's form) and R0's
    # code; a supervisor whose environment says another zone and style pulls
    cluster.sql(ELSEWHERE + "UPDATE og.wells SET t = '2025-03-01 00:00+00', v = '5 days' "
                "WHERE code = 'R1'; UPDATE og.wells SET code = 'R0x' WHERE code = 'R0'", db=db)
    monkeypatch.setenv("PGTZ", "America/New_York")
    monkeypatch.setenv("PGOPTIONS", "-c intervalstyle=sql_standard")
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    fresh = tmp_path / "fresh.gpkg"
    code, said = cli_said(capsys, "checkout", og, fresh, "--device", "b", "--role", "gis")
    assert code == errors.OK, said
    assert rows(pkg, HELD) == rows(fresh, HELD) == [
        ("R0x", "2025-01-01T08:00:00+08:00", "1 day 02:00:00"),
        ("R1", "2025-03-01T08:00:00+08:00", "5 days")]

    # the device edits both values it was given: no conflict, and the master reads them
    edit(pkg, "UPDATE wells SET t = '2025-04-01T00:00:00Z', v = '6 days' WHERE code = 'R1'")
    edit(pkg, "UPDATE wells SET v = '2 days' WHERE code = 'R0x'")
    code, said = sent(capsys, pkg, og, tmp_path / "a1.zip")
    assert code == errors.OK, said
    assert "conflict" not in said.replace("conflicts 0", ""), said
    assert query(og, "SET TimeZone = 'UTC'; SELECT code, t::text, v::text FROM wells "
                 "ORDER BY id") == [("R0x", "2025-01-01 00:00:00+00", "2 days"),
                                    ("R1", "2025-04-01 00:00:00+00", "6 days")]
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, HELD) == [("R0x", "2025-01-01T08:00:00+08:00", "2 days"),
                               ("R1", "2025-04-01T08:00:00+08:00", "6 days")]


def test_a_master_set_up_before_keeps_the_zone_its_sessions_printed_in(cluster, database,
                                                                        capsys):
    from field_kit.sync.postgis import address, sql
    db, og = set_up(cluster, database, capsys)
    # as an earlier version left it: no zone kept, a capture printing in the editor's
    earlier = sql.functions_sql("og", "UTC").replace(sql.VERSION, "toksun capture 13")
    cluster.sql(f"SET search_path = og, public; DELETE FROM sync_meta WHERE key = "
                f"'{address.ZONE}'; " + earlier.replace(
                    " SET TimeZone = 'UTC' SET IntervalStyle = 'postgres'", ""), db=db)
    code, said = cli_said(capsys, "status", og)
    assert code == errors.OK, said
    assert query(og, f"SELECT value FROM sync_meta WHERE key = '{address.ZONE}'") == [
        ("Asia/Shanghai",)]
    cluster.sql(ELSEWHERE + "UPDATE og.wells SET t = '2025-03-01 00:00+00', v = '5 days' "
                "WHERE code = 'R1'", db=db)
    assert query(og, "SELECT new FROM sync_changes WHERE op = 'update'") == [
        ('{"t": "2025-03-01T08:00:00+08:00", "v": "5 days"}',)]
