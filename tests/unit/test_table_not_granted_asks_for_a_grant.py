# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit of a table the role holds no grant of at all: status, export, the
merge and the pull each say what to do, a grant of the table asked of GIS staff with the
command they run, in English and in Chinese."""

from __future__ import annotations

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit

ROW = "CT6504222017000026001"
ASK = ("ask GIS staff for a grant of mine_patches: field-kit roles MASTER --grant technician "
       "mine_patches")
ASK_ZH = ("请向 GIS 人员申请历史遗留矿山图斑（mine_patches）的权限（GIS 人员运行：field-kit roles "
          "MASTER --grant technician mine_patches）")


def test_an_edit_of_a_table_not_granted_asks_for_its_grant(master, tmp_path, capsys,
                                                         monkeypatch):
    pkg = tmp_path / "tech1.gpkg"
    assert cli_said(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
                    "technician")[0] == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = '金' WHERE patch_code = ?", ROW)
    why = f"a technician may not change mine_patches; {ASK}"
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.OK and f"the master will refuse the edits of 1 of these: {why}" in said, \
        said
    code, said = cli_said(capsys, "export", pkg, tmp_path / "t.zip")
    assert code == errors.OK and why in said, said
    code, said = cli_said(capsys, "merge", master, tmp_path / "t.zip")
    assert code == errors.REFUSED and f"{ROW} change " in said and why in said, said
    assert chinese(why) == f"技术员无权修改历史遗留矿山图斑；{ASK_ZH}"
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    line = next(s for s in said.splitlines() if "your edit of" in s)
    assert line.startswith(f"  your edit of mine_patches {ROW} (mineral) was refused: a "
                           "technician may not change mine_patches; the package now holds "
                           "the master's value") and line.endswith(f"; {ASK}"), line
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    edit(pkg, "UPDATE mine_patches SET mineral = '银' WHERE patch_code = ?", ROW)
    code, said = cli_said(capsys, "status", pkg)
    assert f"技术员无权修改历史遗留矿山图斑；{ASK_ZH}" in said, said


def test_a_column_not_granted_asks_for_no_grant_of_the_table(master, tmp_path, capsys):
    """A table granted by some columns: the refusal of another column names no grant of the
    whole table."""
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phase')")
    pkg = tmp_path / "tech1.gpkg"
    assert cli_said(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
                    "technician")[0] == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = '金' WHERE patch_code = ?", ROW)
    code, said = cli_said(capsys, "status", pkg)
    assert "a technician may not change column mineral of mine_patches" in said, said
    assert "ask GIS staff for a grant of mine_patches" not in said, said
