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
    assert "conflicts 1 to settle in 1 change (where they clash, the package's unsent " \
        "values kept), fields brought in 1" in out, out
    assert f"  conflict: patch_verifications {uuid} ({code}) notes: the package keeps " \
        '"mine", the master holds "gis note"' in out, out
    # in Chinese, the layer by its title and the field by its label
    assert f'  冲突：图斑核查记录 {uuid}（{code}）的备注：数据包保留 "mine"，主库中为 ' \
        '"gis note"' in out, out
    assert sqlite3.connect(pkg).execute("SELECT verifier, notes FROM patch_verifications"
                                        ).fetchone() == ("Wang", "mine")


def test_a_conflict_a_later_change_of_the_pull_settled_is_not_counted_as_one_to_settle(
        tmp_path, capsys, monkeypatch):
    """The master changed a field this package holds unsent, another field of it, then the
    first back to the package's value: one conflict is left to settle, in one change; the
    change whose conflict the later one settled is said apart."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'mine', verifier = 'me'")
    edit(master, "UPDATE patch_verifications SET notes = 'gis note'")
    edit(master, "UPDATE patch_verifications SET verifier = 'Wang'")
    edit(master, "UPDATE patch_verifications SET notes = 'mine'")
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert fk("pull", pkg, master) == errors.CONFLICTS
    out = capsys.readouterr().out
    assert "conflicts 1 to settle in 1 change (where they clash" in out, out
    assert out.count("  conflict: ") == 1 and 'verifier: the package keeps "me"' in out, out
    assert "  1 change met a conflict that a later change of the master settled: the " \
        "package holds what the master holds, nothing to settle" in out, out
    assert "1 项修改曾遇到冲突，已由主库较晚的修改解决" in out, out
