# SPDX-License-Identifier: GPL-2.0-or-later
"""Undoing a merge leaves the master as merging the other packages without it would: a
later merge's edit that wrote the same value (counted "already applied") keeps it, and one a
later merge set aside in a conflict against the value undone is written, its conflict
settled, as a merge without the one undone would have done. Every conflict that stood
against the values undone is named. The scenarios run on a PostgreSQL master too
(tests/postgis/test_undo_leaves_later_merges_edits.py)."""

from __future__ import annotations

import json
import re
import shutil
import time

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows, snapshot

MINERAL_ROW = "CT6504222017000026001"
NAME_ROW = "CT6504222016000037002"
# each device's edits, in the order they were made (the latest last)
EDITS = (("gis-2", [(MINERAL_ROW, "mineral", "砖瓦用粘土")]),
         ("gis-3", [(MINERAL_ROW, "mineral", "水泥用石灰岩"),
                    (NAME_ROW, "project_name", "三号改名")]),
         ("gis-1", [(MINERAL_ROW, "mineral", "水泥用石灰岩"),
                    (NAME_ROW, "project_name", "一号改名")]))
# what the edits wrote, row by row, for comparing two masters
EDITED = "SELECT uuid, patch_code, mineral, project_name, phase FROM mine_patches ORDER BY uuid"


def _packages(master, tmp_path, capsys) -> dict[str, str]:
    """Each device's package, checked out of ``master`` before any edit, edited in turn."""
    pkgs = {}
    for device, _ in EDITS:
        pkgs[device] = str(tmp_path / f"{device}.gpkg")
        assert cli_said(capsys, "checkout", master, pkgs[device], "--device", device,
                        "--role", "gis")[0] == errors.OK
    zips = {}
    for device, edits in EDITS:
        for code, col, value in edits:
            time.sleep(0.01)  # (each edit later than the one before)
            edit(pkgs[device], f"UPDATE mine_patches SET {col} = ? WHERE patch_code = ?",
                 value, code)
        zips[device] = str(tmp_path / f"{device}.zip")
        assert cli_said(capsys, "export", pkgs[device], zips[device])[0] == errors.OK
    return zips


def _merged(capsys, master, *zips) -> list[str]:
    code, said = cli_said(capsys, "merge", master, *zips, "--json")
    assert code in (errors.OK, errors.CONFLICTS), said
    return [m["merge_id"] for m in json.loads(said[said.index("{"):])["merges"]]


def what_a_merge_without_it_gives(master, tmp_path, capsys, read, copy) -> None:
    """Three packages merged, the first undone: the master holds what merging the other two
    gives (``copy()``: a copy of ``master``, the packages checked out, and how to read it),
    each later merge's edit and conflict as that merge would leave them. ``read(sql,
    *args)``: the rows a query of ``master`` gives (``?`` for each argument)."""
    zips = _packages(master, tmp_path, capsys)
    without, read_without = copy()
    g1, _g2, g3 = _merged(capsys, master, zips["gis-1"], zips["gis-2"], zips["gis-3"])
    _merged(capsys, without, zips["gis-2"], zips["gis-3"])
    code, said = cli_said(capsys, "undo-merge", master, g1)
    assert code == errors.OK, said
    assert read(EDITED) == read_without(EDITED)
    # gis-3's edit of the mineral, "already applied" at its merge, now wrote it
    assert (f"Legacy mine patches {MINERAL_ROW} Mineral keeps \"水泥用石灰岩\": gis-3's edit "
            f"(merge {g3}) wrote it too, and now counts as the edit that wrote it") in said, said
    assert read("SELECT status, count(*) FROM sync_applied WHERE merge_id = ? GROUP BY status "
                "ORDER BY status", g3) == [("applied", 1), ("conflict", 1)]
    code, history = cli_said(capsys, "history", master, MINERAL_ROW)
    # (a master holding the plan's code lists labels each code: "建筑用砂" (Construction sand))
    assert f"gis-3 merge:{g3} update" in history and re.search(
        r'mineral: "建筑用砂"(?: \([^)]*\))? -> "水泥用石灰岩"', history), history
    # gis-3's name, set aside against gis-1's, is written, its conflict settled
    ((cid,),) = read("SELECT id FROM sync_conflicts WHERE field = 'project_name'")
    assert f"conflict {cid} settled taking it" in said, said
    assert read("SELECT status, resolution FROM sync_conflicts WHERE id = ?", cid) == \
        [("resolved", "theirs")]
    assert read("SELECT count(*) FROM sync_changes WHERE origin = ?", f"resolve:{cid}") == \
        [(1,)]
    # gis-2's mineral, set aside against the value undone, waits against gis-3's: named
    ((other,),) = read("SELECT id FROM sync_conflicts WHERE field = 'mineral'")
    line = (f"conflict {other} (Legacy mine patches {MINERAL_ROW} Mineral, gis-2's "
            "\"砖瓦用粘土\") stood against the value undone and stays open, against "
            "\"水泥用石灰岩\" now: settle it with field-kit resolve")
    assert line in said, said
    assert f"冲突 {other}（" in chinese(line) and "仍未处理" in chinese(line)
    assert read("SELECT status, ours FROM sync_conflicts WHERE id = ?", other) in (
        [("open", '"水泥用石灰岩"')], [("open", "水泥用石灰岩")])


def gis3s_pull_keeps_its_edit(master, tmp_path, capsys) -> None:
    zips = _packages(master, tmp_path, capsys)
    g1, *_ = _merged(capsys, master, zips["gis-1"], zips["gis-2"], zips["gis-3"])
    assert cli_said(capsys, "undo-merge", master, g1)[0] == errors.OK
    code, said = cli_said(capsys, "pull", tmp_path / "gis-3.gpkg", master)
    assert code in (errors.OK, errors.CONFLICTS), said
    assert "undid the merge" not in said, said
    assert rows(tmp_path / "gis-3.gpkg", "SELECT mineral FROM mine_patches WHERE patch_code "
                "= ?", MINERAL_ROW) == [("水泥用石灰岩",)]


def test_undo_leaves_what_a_merge_without_it_gives(master, tmp_path, capsys):
    without = tmp_path / "without.gpkg"

    def copy():
        shutil.copyfile(master, without)
        return without, lambda sql, *args: rows(without, sql, *args)
    what_a_merge_without_it_gives(master, tmp_path, capsys,
                                  lambda sql, *args: rows(master, sql, *args), copy)
    assert snapshot(master, ["mine_patches"]) == snapshot(without, ["mine_patches"])


def test_gis3s_pull_keeps_its_edit(master, tmp_path, capsys):
    gis3s_pull_keeps_its_edit(master, tmp_path, capsys)


def deletes_kept_from_the_row_are_named(master, tmp_path, capsys, read) -> tuple[int, str]:
    """gis-2's delete of a row, earlier than gis-1's edit of it merged before, was kept from
    the row in a whole-row conflict; undoing gis-1's merge takes away all the delete met, and
    the delete is the latest edit then: the undo settles the conflict taking it, the row
    deleted, as a merge without gis-1's would have, and names it by id, row and device, in
    both languages. Returns the conflict's id and the merge undone."""
    pkgs = {}
    for device in ("gis-1", "gis-2"):
        pkgs[device] = str(tmp_path / f"{device}.gpkg")
        assert cli_said(capsys, "checkout", master, pkgs[device], "--device", device,
                        "--role", "gis")[0] == errors.OK
    edit(pkgs["gis-2"], "DELETE FROM mine_patches WHERE patch_code = ?", MINERAL_ROW)
    time.sleep(0.01)  # (gis-1's edit later than gis-2's delete)
    edit(pkgs["gis-1"], "UPDATE mine_patches SET mineral = ? WHERE patch_code = ?", "砖瓦用粘土",
         MINERAL_ROW)
    zips = {}
    for device, pkg in pkgs.items():
        zips[device] = str(tmp_path / f"{device}.zip")
        assert cli_said(capsys, "export", pkg, zips[device])[0] == errors.OK
    g1, _g2 = _merged(capsys, master, zips["gis-1"], zips["gis-2"])
    ((cid, before),) = read("SELECT id, mineral FROM sync_conflicts, mine_patches WHERE "
                            "kind = 'delete/update' AND row_uuid = uuid")
    assert before == "砖瓦用粘土"
    code, said = cli_said(capsys, "undo-merge", master, g1)
    assert code == errors.OK, said
    line = (f"conflict {cid} (Legacy mine patches {MINERAL_ROW}, gis-2's delete of the row) "
            "stood against the value undone, which the undo took away: settled taking the "
            "delete, the row deleted, as a merge without the one undone would have")
    assert line in said, said
    assert chinese(line).startswith(f"冲突 {cid}（") and "gis-2 删除该要素" in chinese(line)
    assert read("SELECT count(*) FROM mine_patches WHERE patch_code = ?", MINERAL_ROW) == [(0,)]
    ((status, resolution),) = read("SELECT status, resolution FROM sync_conflicts WHERE id = ?",
                                   cid)
    assert (status, resolution) == ("resolved", "theirs")
    return cid, g1


def test_deletes_kept_from_the_row_are_named(master, tmp_path, capsys):
    deletes_kept_from_the_row_are_named(master, tmp_path, capsys,
                                        lambda sql, *args: rows(master, sql, *args))


def a_decision_after_the_undo_names_what_the_undo_left(master, tmp_path, capsys,
                                                       read) -> None:
    """The conflict the undo settled taking gis-2's delete: the decision dropped the values
    the undo put back, not gis-1's edit the undo took away, and conflicts --every names the
    undo as what held "ours", with who undid it, not the master's device."""
    cid, g1 = deletes_kept_from_the_row_are_named(master, tmp_path, capsys, read)
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert f"#{cid} resolved" in said, said
    assert "held the value gis-1 gave" not in said, said
    assert f"held the value the undo of merge {g1} left, undone by " in said, said
    assert "held the value master gave at " not in said, said


def test_a_decision_after_the_undo_names_what_the_undo_left(master, tmp_path, capsys):
    a_decision_after_the_undo_names_what_the_undo_left(
        master, tmp_path, capsys, lambda sql, *args: rows(master, sql, *args))
