# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge of several devices' packages writes the fates of the changes it settles at once
in ``sync_applied``'s own order (device, then change): each row goes after the one before
it, where in the order of the change alone the devices' rows would take turns across the
table and its index (a slower write)."""

from __future__ import annotations

from field_kit.sync import changelog, merge
from tests.unit.gpkg_factory import exported_edits, make_gdal_layer


def test_the_settled_fates_are_written_in_key_order(tmp_path):
    master = make_gdal_layer(tmp_path / "master.gpkg", 60)
    changelog.install(master)
    # each device edits rows of its own: every change is settled at once
    zips = exported_edits(master, tmp_path, [
        (f"dev{d}", f"UPDATE forest_stands SET status = 'd{d}' WHERE fid % 3 = {d}")
        for d in range(3)])

    def watch(conn) -> None:  # (once the merge has set up its temporary store)
        conn.execute("CREATE TEMP TABLE written (n INTEGER PRIMARY KEY, device, change)")
        conn.execute("CREATE TEMP TRIGGER fate_written AFTER INSERT ON main.sync_applied "
                     "BEGIN INSERT INTO written (device, change) VALUES (NEW.device, "
                     "NEW.change_uuid); END")
    conn = changelog.open_master(master)
    try:
        report = merge.merge_into(conn, zips, before_apply=watch)
        written = conn.execute("SELECT device, change FROM written ORDER BY n").fetchall()
    finally:
        conn.close()
    assert report.totals["applied"] == 60 and not report.refused
    assert len(written) == 60 and {d for d, _ in written} == {"dev0", "dev1", "dev2"}
    assert written == sorted(written)
