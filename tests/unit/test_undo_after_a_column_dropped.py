# SPDX-License-Identifier: GPL-2.0-or-later
"""undo-merge of a merge that wrote a column the master has dropped since, the documented
way (``column_edits.prepare``, then ``ALTER TABLE … DROP COLUMN``; QGIS with the plugin
does the same): the values of that column have nowhere to go back to. The undo sets back
every other value the merge wrote and says, by name, that the dropped column's are not set
back, and why; it does not take the column's absence for a change since the merge written
while capture was off. A column renamed since keeps what it holds, said so."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import column_edits, masters, package_checkout
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg, rows


@pytest.fixture
def merged(tmp_path, capsys):
    """A master whose mine_patches GIS staff gave a column priority, and a GIS package's
    merge setting patch P0000001's priority and section: (master, merge id, the patch's
    uuid)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    edit(master, "ALTER TABLE mine_patches ADD COLUMN priority INTEGER")  # (QGIS's Add Field)
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    edit(pkg, "UPDATE mine_patches SET priority = 2, section = 'B' WHERE patch_code = "
              "'P0000001'")
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g.zip")
    assert code == errors.OK, said
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.OK and "applied 1," in said, said
    (merge_id,) = [m["merge_id"] for m in masters.merges(master)]
    ((uuid,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = 'P0000001'")
    return master, merge_id, uuid


def dropped(master, column: str = "priority") -> None:
    """``column`` of mine_patches dropped as the README says for a drop outside QGIS."""
    column_edits.prepare(master, "mine_patches", drop=[column])
    with sqlite3.connect(master) as conn:
        conn.execute(f"ALTER TABLE mine_patches DROP COLUMN {column}")


def _section(master) -> str | None:
    return rows(master, "SELECT section FROM mine_patches WHERE patch_code = 'P0000001'")[0][0]


def _undone(master) -> bool:
    return masters.merges(master)[0]["undone_at"] is not None


def test_the_undo_sets_back_the_rest_and_names_the_dropped_column(merged, capsys):
    master, merge_id, _ = merged
    dropped(master)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    lines = said.splitlines()
    assert lines[0] == f"merge {merge_id} undone: 1 change reverted", said
    assert len(lines) == 2, said
    assert lines[1].startswith("column priority of mine_patches was dropped from the master "
                               "on "), said
    assert lines[1].endswith(", after this merge: the values it wrote there in 1 row are "
                             "not set back (field-kit history shows them)"), said
    assert "capture was off" not in said and "cannot undo" not in said, said
    assert _section(master) is None and _undone(master)


def test_it_is_said_in_chinese(merged, capsys, monkeypatch):
    master, merge_id, _ = merged
    dropped(master)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    zh = [line for line in said.splitlines() if "priority" in line and "历史遗留矿山图斑" in line]
    assert len(zh) == 1 and zh[0].startswith("历史遗留矿山图斑的字段 priority 已于 "), said
    assert zh[0].endswith("从主库删除，晚于此次合并：此次合并在其中写入的 1 个要素的值未还原"
                          "（field-kit history 可查看）"), said


def test_a_merge_that_wrote_only_the_dropped_column_is_undone_reverting_nothing(
        tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    edit(master, "ALTER TABLE mine_patches ADD COLUMN priority INTEGER")
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET priority = 2 WHERE patch_code = 'P0000001'")
    cli_said(capsys, "export", pkg, tmp_path / "g.zip")
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.OK
    (merge_id,) = [m["merge_id"] for m in masters.merges(master)]
    dropped(master)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert said.splitlines()[0] == f"merge {merge_id} undone: 0 changes reverted", said
    assert "column priority of mine_patches was dropped from the master on " in said, said
    assert _undone(master)


def test_a_row_set_back_by_hand_as_told_lets_the_undo_go(merged, capsys):
    """Another field of the row edited in the master since: the refusal asks to set back
    only what the master still has, and once that is done, the undo goes."""
    master, merge_id, _ = merged
    dropped(master)
    edit(master, "UPDATE mine_patches SET section = 'C' WHERE patch_code = 'P0000001'")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.REFUSED, said
    assert "P0000001 (Plan section, changed by master at " in said, said
    assert "), to set back: Plan section null; edited in the master itself" in said, said
    assert "priority" not in said and "capture was off" not in said, said
    assert _section(master) == "C"
    edit(master, "UPDATE mine_patches SET section = NULL WHERE patch_code = 'P0000001'")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert "1 row edited in the master since was set back by hand" in said, said
    assert "column priority of mine_patches was dropped from the master on " in said, said
    assert _undone(master)


def test_a_column_renamed_since_keeps_what_it_holds(merged, capsys):
    master, merge_id, _ = merged
    column_edits.prepare(master, "mine_patches", rename={"priority": "urgency"})
    with sqlite3.connect(master) as conn:
        conn.execute("ALTER TABLE mine_patches RENAME COLUMN priority TO urgency")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert "column priority of mine_patches was renamed urgency in the master on " in said
    assert ", after this merge: the values it wrote there in 1 row are not set back; "\
        "urgency keeps what it holds (field-kit history shows them)" in said, said
    assert _section(master) is None
    assert rows(master, "SELECT urgency FROM mine_patches WHERE patch_code = 'P0000001'") \
        == [(2,)]
    zh = chinese(said.splitlines()[1])
    assert "已于 " in zh and "在主库中改名为 urgency，晚于此次合并" in zh, zh



def _a_row_deleted_by_a_merge(tmp_path, capsys):
    """A master whose column priority holds 5 in patch P0000001, and the merge of a GIS
    package that deleted that patch: (the master, the merge's id)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    edit(master, "ALTER TABLE mine_patches ADD COLUMN priority INTEGER")
    edit(master, "UPDATE mine_patches SET priority = 5 WHERE patch_code = 'P0000001'")
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, "DELETE FROM mine_patches WHERE patch_code = 'P0000001'")
    cli_said(capsys, "export", pkg, tmp_path / "g.zip")
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.OK
    (merge_id,) = [m["merge_id"] for m in masters.merges(master)]
    return master, merge_id

def test_a_row_the_merge_deleted_comes_back_without_the_dropped_column(tmp_path, capsys):
    master, merge_id = _a_row_deleted_by_a_merge(tmp_path, capsys)
    dropped(master)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert f"merge {merge_id} undone: 1 change reverted" in said, said
    assert rows(master, "SELECT count(*) FROM mine_patches WHERE patch_code = 'P0000001'") \
        == [(1,)]
    assert "column priority of mine_patches was dropped from the master on " in said, said


def test_a_column_dropped_and_added_again_keeps_what_it_holds(merged, capsys, tmp_path):
    """The drop took the values the merge wrote, and those of every other row: without the
    merge the row holds what the column added again holds, so nothing is set back there,
    said so; the rest is set back."""
    master, merge_id, _ = merged
    dropped(master)
    code, said = cli_said(capsys, "checkout", master, tmp_path / "h.gpkg", "--device", "gis-2",
                          "--role", "gis")  # (a command sees the drop done)
    assert code == errors.OK, said
    edit(master, "ALTER TABLE mine_patches ADD COLUMN priority INTEGER")  # (QGIS's Add Field)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    lines = said.splitlines()
    assert lines[0] == f"merge {merge_id} undone: 1 change reverted", said
    assert lines[1].startswith("column priority of mine_patches was dropped from the master "
                               "on "), said
    assert lines[1].endswith(", after this merge, and added again since: the values it wrote "
                             "there in 1 row went with the drop and are not set back; the "
                             "column added again keeps what it holds (field-kit history shows "
                             "them)"), said
    assert "set back by hand" not in said and "cannot undo" not in said, said
    assert _section(master) is None and _undone(master)
    zh = chinese(lines[1])
    assert "，晚于此次合并，其后又重新添加：此次合并在其中写入的 1 个要素的值已随删除丢失，" \
           "未还原；重新添加的字段保持现有的值" in zh, zh


def test_a_row_the_merge_deleted_comes_back_whole_after_a_rename(tmp_path, capsys):
    """The merge deleted the row, writing nothing in the column: put back, the row holds
    its value in the column under its new name, and no line says a value was left."""
    master, merge_id = _a_row_deleted_by_a_merge(tmp_path, capsys)
    column_edits.prepare(master, "mine_patches", rename={"priority": "urgency"})
    with sqlite3.connect(master) as conn:
        conn.execute("ALTER TABLE mine_patches RENAME COLUMN priority TO urgency")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert said.splitlines() == [f"merge {merge_id} undone: 1 change reverted"], said
    assert rows(master, "SELECT urgency FROM mine_patches WHERE patch_code = 'P0000001'") \
        == [(5,)]
    code, history = cli_said(capsys, "history", master, "P0000001")
    assert "urgency: 5" in history, history


@pytest.mark.parametrize("renamed", [False, True])
def test_rows_the_merge_inserted_are_not_counted(tmp_path, capsys, renamed):
    """The merge gave P0000001 a priority and added a row with one: the undo takes the new
    row out whole, so only P0000001's value is not set back."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    edit(master, "ALTER TABLE mine_patches ADD COLUMN priority INTEGER")
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET priority = 2 WHERE patch_code = 'P0000001'")
    edit(pkg, "INSERT INTO mine_patches (geom, patch_code, priority) SELECT geom, 'P0000009', "
              "3 FROM mine_patches WHERE patch_code = 'P0000002'")
    cli_said(capsys, "export", pkg, tmp_path / "g.zip")
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.OK and "applied 2," in said, said
    (merge_id,) = [m["merge_id"] for m in masters.merges(master)]
    if renamed:
        column_edits.prepare(master, "mine_patches", rename={"priority": "urgency"})
        with sqlite3.connect(master) as conn:
            conn.execute("ALTER TABLE mine_patches RENAME COLUMN priority TO urgency")
    else:
        dropped(master)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert rows(master, "SELECT count(*) FROM mine_patches WHERE patch_code = 'P0000009'") \
        == [(0,)]
    assert "the values it wrote there in 1 row are not set back" in said, said
