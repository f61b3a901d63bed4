# SPDX-License-Identifier: GPL-2.0-or-later
"""A delete kept aside against a later edit of the row, that edit's merge undone: the undo
takes away all the delete met, so the conflict does not stay open; it is settled taking the
delete (the row deleted, as a merge without the one undone would have), by whoever undid
it, and the undo says so, in Chinese too."""

from __future__ import annotations

from field_kit import errors
from field_kit.sync import masters
from field_kit.sync.conflicts_now import conflicts
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import rows
from tests.unit.test_conflicts_name_the_undo import ROW, _undone


def test_the_delete_the_undo_freed_goes_in(master, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    merge_id, said = _undone(master, tmp_path, capsys, "--by", "王科长")
    assert "conflict 1 (" in said and "gis-2's delete of the row) stood against the value " \
        "undone, which the undo took away: settled taking the delete, the row deleted" in said, \
        said
    assert "gis-2 删除该要素）曾与被撤销的值冲突，该值已随撤销去除：已按采用删除处理" in said, said
    (c,) = conflicts(master, status=None)
    assert (c.status, c.resolution, c.resolved_by) == ("resolved", "theirs", "王科长")
    assert rows(master, "SELECT count(*) FROM mine_patches WHERE patch_code = ?", ROW) == [(0,)]
    code, said = cli_said(capsys, "conflicts", master)
    assert code == errors.OK, said
    # the delete's record bears gis-2's edit, settling conflict 1
    (delete,) = [e for e in masters.history(master, c.row_uuid) if e["op"] == "delete"]
    assert (delete["device"], delete["origin"], delete["by"]) == ("gis-2", "resolve:1", "王科长")
