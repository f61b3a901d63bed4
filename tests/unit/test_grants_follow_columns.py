# SPDX-License-Identifier: GPL-2.0-or-later
"""A column granted to technicians by name, renamed or dropped in the master as the sync
prepares it (QGIS's Rename Field, Delete Field): the grant follows the rename and goes with
the drop; a pull says so and gives the package the master's grants."""

from __future__ import annotations

import re

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import column_edits, registry
from tests.unit.cli_run import cli, cli_said, sent
from tests.unit.gpkg_factory import edit

TECH = "technician"


def held(path) -> set:
    with connect(path, readonly=True) as conn:
        return {(t, c) for r, t, c in registry.roles_held(conn) if r == TECH
                and t == "patch_verifications"}


def test_a_granted_column_renamed_keeps_its_grant_and_one_dropped_loses_it(master, tmp_path,
                                                                           capsys):
    assert cli(capsys, "roles", master, "--revoke", TECH, "patch_verifications", "--grant",
               TECH, "patch_verifications.notes,verifier")[0] == errors.OK
    edit(master, "INSERT INTO patch_verifications (notes, verifier) VALUES ('初查', '李')")
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               TECH)[0] == errors.OK
    column_edits.prepare(master, "patch_verifications", ["verifier"], {"notes": "remark"})
    with connect(master) as c:
        c.execute("ALTER TABLE patch_verifications RENAME COLUMN notes TO remark")
        c.execute("ALTER TABLE patch_verifications DROP COLUMN verifier")
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, out
    assert "technician may now change patch_verifications.remark" in out, out
    assert "technician may no longer change patch_verifications.notes, " \
           "patch_verifications.verifier" in out, out
    assert held(master) == held(pkg) == {("patch_verifications", "remark")}
    code, out = cli_said(capsys, "roles", master)
    assert "ignored" not in out and "technician may change patch_verifications.remark" in out
    # the technician's edit of the renamed column goes in
    edit(pkg, "UPDATE patch_verifications SET remark = '复查' WHERE fid = 1")
    code, out = sent(capsys, pkg, master, tmp_path / "e1.zip")
    assert code == errors.OK and "refused 0" in out, out


def test_edits_refused_after_a_revoke_are_named_with_the_values_typed(master, tmp_path,
                                                                       capsys):
    """A grant taken back before the merge: the pull gives the package the master's values
    and names what the technician typed, and where the package keeps it."""
    from field_kit.messages_zh import chinese

    edit(master, "INSERT INTO patch_verifications (notes) VALUES ('初查')")
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               TECH)[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 't2改' WHERE fid = 1")
    edit(pkg, "INSERT INTO patch_verifications (notes, verifier) VALUES ('新', '赵六')")
    assert cli(capsys, "roles", master, "--revoke", TECH,
               "patch_verifications")[0] == errors.OK
    code, out = sent(capsys, pkg, master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "refused 2" in out, out
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, out
    lines = [line.strip() for line in out.splitlines() if "was refused" in line]
    edited = next(line for line in lines if "(notes)" in line)
    assert "the package now holds the master's value; you typed notes = 't2改': the " \
           f"package's history keeps it (field-kit history {pkg} " in edited, edited
    added = next(line for line in lines if "new row" in line)
    assert "; you typed verifier = '赵六', notes = '新': the package's history keeps it" \
        in added, added
    assert "本机填写的是 notes = 't2改'：数据包的修改记录中仍保存（field-kit history " \
        in chinese(edited), chinese(edited)
    row = re.search(r"field-kit history \S+ (\S+?)\)", edited)[1]
    code, out = cli_said(capsys, "history", pkg, row)
    assert code == errors.OK and "t2改" in out, out
