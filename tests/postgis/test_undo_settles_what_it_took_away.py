# SPDX-License-Identifier: GPL-2.0-or-later
"""In a PostgreSQL master as in a GeoPackage one (tests/unit/test_undo_takes_the_delete_it_
freed.py, tests/unit/test_conflict_its_device_replaced_closes.py): a delete kept aside
against the edit of a merge undone since is settled by the undo, the row deleted; and a
value kept aside that its own device's later edit, merged, replaced closes as superseded;
and conflicts name a value the undo took as the undo's."""

from __future__ import annotations

import json
import time

from field_kit.sync import masters
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, export, master  # noqa: F401
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit

NOTES = "UPDATE patch_verifications SET notes = ? WHERE uuid = ?"


def _record(database) -> str:
    return rows(database, "SELECT uuid FROM patch_verifications ORDER BY fid LIMIT 1")[0][0]


def test_the_delete_the_undo_freed_goes_in(master):  # noqa: F811
    database, _, tmp = master
    record = _record(database)
    pkg = {d: checkout(database, tmp, d) for d in ("gis-1", "gis-2")}
    edit(pkg["gis-2"], "DELETE FROM patch_verifications WHERE uuid = ?", record)
    time.sleep(0.01)
    edit(pkg["gis-1"], NOTES, "gis-1", record)
    merged = {d: masters.merge(database, [export(pkg[d], tmp)]).results[-1].merge_id
              for d in ("gis-1", "gis-2")}
    undone = masters.undo(database, merged["gis-1"], by="王科长")
    assert any("settled taking the delete" in line for line in undone.others.said()), \
        undone.others.said()
    (c,) = masters.conflicts(database, status=None)
    # (on PostgreSQL the database's session after --by's name)
    assert (c.status, c.resolution) == ("resolved", "theirs") and \
        c.resolved_by.startswith("王科长"), c
    assert rows(database, "SELECT count(*) FROM patch_verifications WHERE uuid = %s",
                record) == [(0,)]


def test_a_later_edit_of_the_same_device_merged_closes_the_first(master):  # noqa: F811
    database, _, tmp = master
    record = _record(database)
    tab2 = checkout(database, tmp, "tab-2")
    edit(tab2, NOTES, "t2", record)
    time.sleep(0.01)
    rows(database, "UPDATE patch_verifications SET notes = 'GIS 复核' WHERE uuid = %s", record)
    time.sleep(0.01)
    tab1 = checkout(database, tmp, "tab-1")
    edit(tab1, NOTES, "t1", record)
    merged = {d: masters.merge(database, [export(p, tmp)]).results[-1].merge_id
              for d, p in (("tab-1", tab1), ("tab-2", tab2))}
    masters.undo(database, merged["tab-1"], by="王科长")
    (first,) = masters.conflicts(database, status="open")
    time.sleep(0.01)
    edit(tab2, NOTES, "t2 复查后", record)
    masters.pull(tab2, database)
    again = masters.merge(database, [export(tab2, tmp)]).results[-1]
    assert again.superseded and f"({first.id})" in again.superseded[0], again.superseded
    got = next(c for c in masters.conflicts(database, status=None) if c.id == first.id)
    assert (got.status, got.resolution) == ("resolved", f"superseded:{again.merge_id}")


def test_conflicts_name_the_value_the_undo_took(master, capsys):  # noqa: F811
    """tab-2's and tab-3's notes each kept aside against tab-1's later ones, tab-1's merge
    undone: tab-2's conflict, left open, names "ours" as the undo's, with who undid it."""
    database, _, tmp = master
    record = _record(database)
    pkgs = {}
    for device in ("tab-2", "tab-3", "tab-1"):
        pkgs[device] = checkout(database, tmp, device)
        edit(pkgs[device], NOTES, device, record)
        time.sleep(0.01)  # (each edit later than the one before)
    merged = {d: masters.merge(database, [export(pkgs[d], tmp)]).results[-1].merge_id
              for d in ("tab-1", "tab-2", "tab-3")}
    masters.undo(database, merged["tab-1"], by="王科长")
    code, out, _ = cli(capsys, "conflicts", database, "--json")
    (c,) = json.loads(out)
    assert (c["ours_from"]["device"], c["ours_from"]["undo_of"]) == ("tab-3", merged["tab-1"])
    assert c["ours_from"]["undone_by"].startswith("王科长"), c
    code, out, _ = cli(capsys, "conflicts", database)
    assert f"the value the undo of merge {merged['tab-1']} took from conflict " in out, out


def test_the_older_value_in_the_same_package_closes(master):  # noqa: F811
    """tab-1's two edits of the field, both kept aside against tab-2's later one: the
    older closes as superseded by the same merge, the later alone left to settle."""
    database, _, tmp = master
    record = _record(database)
    pkgs = {d: checkout(database, tmp, d) for d in ("tab-1", "tab-2")}
    for device, value in (("tab-1", "初记"), ("tab-1", "复绿良好"), ("tab-2", "边坡仍有裸露")):
        time.sleep(0.01)  # (each edit later than the one before)
        edit(pkgs[device], NOTES, value, record)
    zips = {d: export(pkgs[d], tmp) for d in ("tab-2", "tab-1")}
    masters.merge(database, [zips["tab-2"]])
    merged = masters.merge(database, [zips["tab-1"]]).results[-1]
    (left,) = masters.conflicts(database, status="open")
    assert (left.device, left.theirs) == ("tab-1", "复绿良好"), left
    (older,) = [c for c in masters.conflicts(database, status=None) if c.id != left.id]
    assert (older.theirs, older.status, older.resolution) == (
        "初记", "resolved", f"superseded:{merged.merge_id}"), older
    assert merged.superseded and f"({older.id})" in merged.superseded[0], merged.superseded
