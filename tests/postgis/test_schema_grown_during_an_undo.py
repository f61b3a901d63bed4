# SPDX-License-Identifier: GPL-2.0-or-later
"""An undo-merge on a PostgreSQL master while a GIS editor adds a column in psql (and edits
a row): whichever commits first, the row the undo deletes keeps in its history what it held
then (the column's value where the editor committed first), as the two one after the
other leave it."""

from __future__ import annotations

import json
import threading

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import masters
from field_kit.sync.postgis import address, stage
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout, cli_json, export
from tests.unit.gpkg_factory import edit, make_gpkg, patch_rows, patch_uuids


def test_a_column_added_in_psql_while_an_undo_runs(database, tmp_path, monkeypatch, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == errors.OK
    other = patch_uuids(src)[0]
    pkg = checkout(database, tmp_path, "w-1")
    added = next(patch_rows(1, start=50))
    edit(pkg, "INSERT INTO mine_patches (uuid, patch_code, township, phase, area_m2, "
         "centre_lon, centre_lat, geometry_source, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         *added)
    code, out = cli_json(capsys, "merge", database, export(pkg, tmp_path))
    assert code == errors.OK, out
    merge_id = out["merges"][0]["merge_id"]

    inside, go_on = threading.Event(), threading.Event()
    copy_for = stage.Stage.copy_for

    def held_copy_for(self, needs, **kwargs):  # (its template read, its rows not yet)
        if needs == "undo" and not inside.is_set():
            inside.set()
            go_on.wait()
        return copy_for(self, needs, **kwargs)
    monkeypatch.setattr(stage.Stage, "copy_for", held_copy_for)

    undone: dict = {}

    def undo() -> None:
        try:
            undone["it"] = masters.undo(database, merge_id)
        except Exception as exc:  # noqa: BLE001 - the test says it
            undone["it"] = exc

    editor = address.connect(database)
    altered = threading.Event()

    def alter_in_psql() -> None:
        with editor.cursor() as cur:
            cur.execute("ALTER TABLE mine_patches ADD COLUMN checked_by text DEFAULT 'Li'")
            cur.execute("UPDATE mine_patches SET phase = 'checked' WHERE uuid = %s", (other,))
        editor.commit()
        altered.set()

    undoing = threading.Thread(target=undo)
    undoing.start()
    inside.wait()
    altering = threading.Thread(target=alter_in_psql)
    altering.start()
    pid = editor.get_backend_pid()
    while not altered.wait(0.05):  # the undo goes on once the editor waits, or committed
        if query(database, "SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", pid):
            break
    go_on.set()
    undoing.join()
    altering.join()
    editor.close()
    assert not isinstance(undone["it"], Exception), undone["it"]
    assert query(database, "SELECT uuid FROM mine_patches WHERE uuid = %s", added[0]) == []
    old, deleted_at = query(database, "SELECT old, seq FROM sync_changes WHERE row_uuid = %s "
                            "AND op = 'delete'", added[0])[0]
    old = json.loads(old) if isinstance(old, str) else old
    (edited_at,), = query(database, "SELECT seq FROM sync_changes WHERE row_uuid = %s",
                          other)
    assert old.get("checked_by") == ("Li" if edited_at < deleted_at else None), \
        (old, edited_at, deleted_at)
    assert main(["status", database]) == errors.OK
