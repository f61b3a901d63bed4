# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit pull` into a record with one field in conflict and another the master changed:
it counts the field brought in and names the record, the field and both values."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_cli import fk


def test_pull_names_the_field_in_conflict_and_counts_the_one_brought_in(
        tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    uuid, code = sqlite3.connect(master).execute(
        "SELECT uuid, patch_code FROM patch_verifications").fetchone()
    edit(pkg, "UPDATE patch_verifications SET notes = 'mine'")  # not sent yet
    edit(master, "UPDATE patch_verifications SET notes = 'gis note', verifier = 'Wang'")
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert fk("pull", pkg, master) == errors.CONFLICTS
    out = capsys.readouterr().out
    assert "conflicts 1 to settle in 1 change(s) (where they clash, the package's unsent " \
        "values kept), fields brought in 1" in out, out
    assert f"  conflict: patch_verifications {uuid} ({code}) notes: the package keeps " \
        '"mine", the master holds "gis note"' in out, out
    # in Chinese, the layer by its title and the field by its label
    assert f'  冲突：图斑核查记录 {uuid}（{code}）的备注：数据包保留 "mine"，主库中为 ' \
        '"gis note"' in out, out
    assert sqlite3.connect(pkg).execute("SELECT verifier, notes FROM patch_verifications"
                                        ).fetchone() == ("Wang", "mine")
