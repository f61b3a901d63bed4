# SPDX-License-Identifier: GPL-2.0-or-later
"""Merges of different devices on a PostgreSQL master at once, while the schema grows: a GIS
package adding a column to mine_patches, or a GIS editor adding one in psql, and another
device's package editing and deleting mine_patches rows. Whoever commits first, both merge,
nothing of the new column is lost (a row deleted keeps it in its history) and the master
ends as the same merges run one after the other, in the order they commit, leave it."""

from __future__ import annotations

import json
import threading

import pytest

from field_kit import db, errors
from field_kit.cli.commands import main
from field_kit.sync.postgis import address, waiting
from tests.postgis.cluster import query
from tests.postgis.test_one_devices_merges_at_once import HELD, Sessions
from tests.postgis.test_postgis_master import checkout, export
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids


@pytest.fixture
def two(database, tmp_path, monkeypatch):
    """(address, the rows, the GIS package adding survey_note (set on the first), the other device's
    package editing the first row and deleting the second)."""
    monkeypatch.setattr(waiting, "EVERY_S", 0.05)
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == errors.OK
    kept, gone = patch_uuids(src)[:2]
    gis = checkout(database, tmp_path, "w-gis")
    other = checkout(database, tmp_path, "w-field")
    edit(gis, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT DEFAULT 'unsurveyed'")
    edit(gis, "UPDATE mine_patches SET survey_note = 'surveyed' WHERE uuid = ?", kept)
    edit(other, "UPDATE mine_patches SET phase = 'phase 9' WHERE uuid = ?", kept)
    edit(other, "DELETE FROM mine_patches WHERE uuid = ?", gone)
    return database, (kept, gone), export(gis, tmp_path), export(other, tmp_path)


def as_serial(database: str, rows: tuple[str, str]) -> None:
    """The master as the two merges one after the other, in the order they committed,
    leave it."""
    kept, gone = rows
    (noted_at,), = query(database, "SELECT seq FROM sync_changes WHERE row_uuid = %s AND "
                         "new::jsonb ? 'survey_note'", kept)
    assert query(database, "SELECT uuid, phase, survey_note FROM mine_patches WHERE uuid = "
                 "ANY(%s)", list(rows)) == [(kept, "phase 9", "surveyed")]
    deleted = query(database, "SELECT old, seq FROM sync_changes WHERE row_uuid = %s AND op = "
                    "'delete'", gone)
    assert len(deleted) == 1, deleted
    old, deleted_at = deleted[0]
    old = json.loads(old) if isinstance(old, str) else old
    # its history holds what it held when deleted
    assert old.get("survey_note") == ("unsurveyed" if noted_at < deleted_at else None), old


def merged(sessions: Sessions) -> None:
    for name in ("first", "second"):
        rep = sessions.reports[name]
        assert not isinstance(rep, Exception), (name, rep)
        assert not rep.refused, (name, rep.refused)


def run(database, monkeypatch, gis, other, *, held: str):
    """The GIS package as "first", the other as "second"; ``held`` waits inside its merge,
    its stage made, until the other waits on a lock or has committed."""
    sessions = Sessions(database, monkeypatch, hold={held})
    packages = {"first": gis, "second": other}
    threads = [sessions.start(held, packages[held])]
    sessions.inside[held].wait()
    later = "first" if held == "second" else "second"
    threads.append(sessions.start(later, packages[later]))
    for t in threads:
        t.join()
    return sessions


def test_the_column_added_while_the_other_device_merges(two, monkeypatch):
    """The other device's merge has made its stage when the GIS package's merge adds the
    column and commits: it merges its rows with the column, or waits for it, saying so."""
    database, rows, gis, other = two
    sessions = run(database, monkeypatch, gis, other, held="second")
    merged(sessions)
    as_serial(database, rows)
    # (the column waited for the other merge, said as any lock waited for is)
    assert any(HELD in line for line in sessions.said["first"]), sessions.said
    assert main(["status", database]) == errors.OK


def test_the_other_device_merged_while_the_column_is_added(two, monkeypatch):
    database, rows, gis, other = two
    sessions = run(database, monkeypatch, gis, other, held="first")
    merged(sessions)
    as_serial(database, rows)
    assert main(["status", database]) == errors.OK


def test_a_column_added_in_psql_while_a_merge_runs(two, monkeypatch):
    """A GIS editor adds a column in psql (and edits a row) while the other device's merge
    runs (its stage made): whichever commits first, the deleted row's history holds what it
    held then (the column's value where the editor committed first)."""
    database, (kept, gone), _, other = two
    third = query(database, "SELECT uuid FROM mine_patches WHERE NOT uuid = ANY(%s)",
                  [kept, gone])[0][0]
    editor = address.connect(database)
    sessions = Sessions(database, monkeypatch, hold={"second"})

    def alter_in_psql() -> None:
        with editor.cursor() as cur:
            cur.execute("ALTER TABLE mine_patches ADD COLUMN checked_by text DEFAULT 'Li'")
            cur.execute("UPDATE mine_patches SET phase = 'checked' WHERE uuid = %s", (third,))
        editor.commit()
        sessions.done["first"].set()

    merging = sessions.start("second", other)
    sessions.inside["second"].wait()
    altering = threading.Thread(target=alter_in_psql)
    altering.start()
    pid = editor.get_backend_pid()
    while not sessions.done["first"].wait(0.05):  # the merge goes on once the editor waits
        if query(database, "SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", pid):
            sessions.waits["first"].set()
            break
    altering.join()
    merging.join()
    editor.close()
    rep = sessions.reports["second"]
    assert not isinstance(rep, Exception), rep
    assert query(database, "SELECT uuid, phase FROM mine_patches WHERE uuid = ANY(%s)",
                 [kept, gone]) == [(kept, "phase 9")]
    old, deleted_at = query(database, "SELECT old, seq FROM sync_changes WHERE row_uuid = %s "
                            "AND op = 'delete'", gone)[0]
    old = json.loads(old) if isinstance(old, str) else old
    (edited_at,), = query(database, "SELECT seq FROM sync_changes WHERE row_uuid = %s", third)
    assert old.get("checked_by") == ("Li" if edited_at < deleted_at else None), old


def test_a_layer_added_while_the_other_device_merges(two, tmp_path, monkeypatch):
    """A GIS package adding a layer merged while the other device's merge runs (its stage
    made without the layer): both merge, and the layer is the master's, tracked."""
    database, (kept, gone), _, other = two
    gis = checkout(database, tmp_path, "w-wells")
    edit(gis, "CREATE TABLE wells (fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)")
    edit(gis, "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
         "('wells', 'attributes', 'wells')")
    edit(gis, "INSERT INTO wells (name) VALUES ('north well')")
    sessions = run(database, monkeypatch, export(gis, tmp_path), other, held="second")
    merged(sessions)
    assert query(database, "SELECT uuid, phase FROM mine_patches WHERE uuid = ANY(%s)",
                 [kept, gone]) == [(kept, "phase 9")]
    assert query(database, "SELECT name FROM wells") == [("north well",)]
    assert query(database, "SELECT count(*) FROM sync_changes WHERE tbl = 'wells'") == [(1,)]
    assert main(["status", database]) == errors.OK
    later = checkout(database, tmp_path, "w-later")
    assert db.connect(later).execute("SELECT name FROM wells").fetchall() == \
        [("north well",)]
