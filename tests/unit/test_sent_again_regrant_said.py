# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit the master refused that the pull can no longer send again, the package
holding no more what it wrote (the field changed again, the master's value, the row gone): the
pull says so by row and field, and why, in English and in Chinese; a later edit of the field
waiting to be exported goes instead, from the master's value."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli, cli_said, sent
from tests.unit.gpkg_factory import edit
from tests.unit.gpkg_factory import rows as value

PATCH = "CT6504222017000026002"  # (its mineral 建筑用砂 in the plan)




@pytest.fixture
def refused_mineral(master, tmp_path, capsys):
    """A technician's package whose edit of a patch's mineral the master refused (the role
    granted the phase only), then the mineral granted with ``field-kit roles``."""
    assert cli(capsys, "roles", master, "--grant", "technician",
               "mine_patches.phase")[0] == errors.OK
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE patch_code = ?", PATCH)
    code, out = sent(capsys, pkg, master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "may not change column mineral" in out, out
    assert cli(capsys, "roles", master, "--grant", "technician",
               "mine_patches.mineral")[0] == errors.OK
    return master, pkg


def test_a_refused_edit_changed_again_before_the_grant_is_pulled_is_said_and_the_later_goes(
        refused_mineral, tmp_path, capsys):
    """Changed again meanwhile: the pull says the refused edit is not sent again and that
    the later one goes instead; that one merges with no conflict (it goes from the master's
    value, not from the refused one the master never held)."""
    master, pkg = refused_mineral
    edit(pkg, "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?", PATCH)
    code, out = cli_said(capsys, "pull", pkg, master)
    said = f"your edit of mine_patches {PATCH} (mineral) was refused, as the merge said; it " \
           "is not sent again: a later edit of it waits to be exported, and goes instead"
    assert code == errors.OK and said in out, out
    assert chinese(said) == f"本机对历史遗留矿山图斑 {PATCH}（矿种）的修改被主库拒收（原因见合并" \
                            "时的说明）；不再重新发送：本机其后对它的修改尚待导出，将改由该修改发送"
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.OK and "conflicts 0" in out and "refused 0" in out, out
    assert value(master, "SELECT mineral FROM mine_patches WHERE patch_code = ?", PATCH) == [
        ("砖瓦用粘土",)]


def test_a_refused_edit_set_back_to_the_masters_value_is_said_not_sent(
        refused_mineral, tmp_path, capsys):
    """Set back to the master's value and merged before the pull: the package holds the
    master's value, and the pull says that is why the edit is not sent again."""
    master, pkg = refused_mineral
    edit(pkg, "UPDATE mine_patches SET mineral = '建筑用砂' WHERE patch_code = ?", PATCH)
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.OK and "refused 0" in out, out
    code, out = cli_said(capsys, "pull", pkg, master)
    said = f"your edit of mine_patches {PATCH} (mineral) was refused, as the merge said; it " \
           "is not sent again: the package now holds the master's value"
    assert code == errors.OK and said in out, out
    assert chinese(said).endswith("；不再重新发送：数据包现已采用主库的值"), chinese(said)
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out, out


def test_a_refused_edit_of_a_row_deleted_since_is_said_not_sent(master, tmp_path, capsys):
    """A record's edit refused for a bad value, the record deleted on the device before the
    pull: the pull says the edit is not sent again, the package no longer holding the row,
    with why the merge refused it; the delete goes."""
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    project = value(pkg, "SELECT uuid, project_id FROM restoration_projects LIMIT 1")[0]
    edit(pkg, "INSERT INTO project_inspections (project_uuid, project_id, rating, notes) "
              "VALUES (?, ?, '3', '渠道渗漏')", *project)
    assert sent(capsys, pkg, master, tmp_path / "e1.zip")[0] == errors.OK
    edit(pkg, "UPDATE project_inspections SET rating = '5'")
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.REFUSED, out
    edit(pkg, "DELETE FROM project_inspections")
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, out
    lines = [line.strip() for line in out.splitlines() if "not sent again" in line]
    assert len(lines) == 1 and lines[0].startswith("your edit of project_inspections ") and \
        lines[0].endswith(" (rating) was refused: rating: '5' is not in the code list Rating "
                          "(评价): one of 1 Excellent, 2 Good, 3 Fair, 4 Poor "
                          "(1 优、2 良、3 中、4 差); "
                          "it is not sent again: the package no longer "
                          "holds the row"), out
    assert chinese(lines[0]).endswith("的修改被主库拒收：评价：“5”不在代码表“评价”中，可用："
                                      "1 优、2 良、3 中、4 差；不再重新发送："
                                      "数据包中已不再有该行"), \
        chinese(lines[0])
    code, out = sent(capsys, pkg, master, tmp_path / "e3.zip")
    assert code == errors.OK and "refused 0" in out, out
    assert value(master, "SELECT count(*) FROM project_inspections") == [(0,)]
