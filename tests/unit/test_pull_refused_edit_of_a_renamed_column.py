# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit refused at the merge, of a column GIS staff rename in the master
afterwards (as the sync prepares it), met at the pull by another device's edit of that
field: the edit is not sent again, so the pull leaves no conflict to settle; it says the
conflict closed and what the master holds in the renamed column, and exits 0."""

from __future__ import annotations

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import column_edits
from tests.unit.cli_run import cli, cli_said, sent
from tests.unit.gpkg_factory import edit, rows

TECH = "technician"


def test_no_conflict_is_left_for_an_edit_given_up(master, tmp_path, capsys, monkeypatch):
    assert cli(capsys, "roles", master, "--revoke", TECH, "patch_verifications", "--grant",
               TECH, "patch_verifications.notes")[0] == errors.OK
    edit(master, "INSERT INTO patch_verifications (notes, verifier) VALUES ('初查', '李')")
    pkgs = {}
    for device in ("tab-1", "tab-3"):
        pkgs[device] = tmp_path / f"{device}.gpkg"
        assert cli(capsys, "checkout", master, pkgs[device], "--device", device, "--role",
                   TECH)[0] == errors.OK
    # tab-3 writes a column it may not change too: its edit is refused whole
    edit(pkgs["tab-3"], "UPDATE patch_verifications SET notes = 't3备注', verifier = '王'")
    edit(pkgs["tab-1"], "UPDATE patch_verifications SET notes = '已复核'")
    assert sent(capsys, pkgs["tab-1"], master, tmp_path / "1.zip")[0] == errors.OK
    assert sent(capsys, pkgs["tab-3"], master, tmp_path / "3.zip")[0] == errors.REFUSED
    column_edits.prepare(master, "patch_verifications", rename={"notes": "remark"})
    with connect(master) as conn:
        conn.execute("ALTER TABLE patch_verifications RENAME COLUMN notes TO remark")
    ((row,),) = rows(master, "SELECT uuid FROM patch_verifications")
    code, said = cli_said(capsys, "pull", pkgs["tab-3"], master)
    assert code == errors.OK and "conflicts 0 (" in said, said
    assert "is not sent again" in said and "conflict: " not in said, said
    line = next(x.strip() for x in said.splitlines() if x.strip().startswith("conflict 1 "))
    assert line == (f"conflict 1 (patch_verifications {row} notes) closed, nothing to settle: "
                    "your edit of it was refused and is not sent again; the master renamed "
                    "the column remark, which holds \"已复核\" there"), line
    code, listed = cli_said(capsys, "conflicts", pkgs["tab-3"])
    assert code == errors.OK and "0 conflicts" in listed, listed
    assert "the master holds" not in listed, listed
    code, every = cli_said(capsys, "conflicts", pkgs["tab-3"], "--every")
    assert "closed: the master refused this package's edit, its column renamed or dropped " \
           "there; it is not sent again, nothing is left to settle" in every, every
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, history = cli_said(capsys, "history", pkgs["tab-3"], row)
    assert code == errors.OK and "冲突 1 在拉取时关闭：主库拒绝了本机对该字段的修改" in history, \
        history
