# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's value that met a delete (a whole-row conflict), then gave way to a decision
that brought the row back with another technician's value, is named by the pull that
replaces it: the record, the field, the value sent and the master's, in English and
Chinese. The changes of the master that met the package's edits and were settled since are
counted by the package's own edits they met."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg, noted_twice_and_deleted

SETTLED = "change met a conflict that a later change of the master settled"


def _master(tmp_path):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    edit(master, "UPDATE patch_verifications SET notes = NULL, verified_on = '2026-11-20'")
    return master


def test_a_value_a_decision_on_its_row_replaced_is_named(tmp_path, capsys, monkeypatch):
    master = _master(tmp_path)
    uuid, code = sqlite3.connect(master).execute(
        "SELECT uuid, patch_code FROM patch_verifications").fetchone()
    ra, _ = noted_twice_and_deleted(master, tmp_path)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, said = cli_said(capsys, "pull", ra, master)
    assert status == errors.OK, said
    lines = said.splitlines()
    assert "  1 value this device sent is replaced by the master's, which holds another " \
           "value:" in lines, said
    english = f'    patch_verifications {uuid} ({code} 2026-11-20) notes: "note A" -> "note B"'
    assert english in lines, said
    assert lines[lines.index(english) + 1] == \
        f'    图斑核查记录 {uuid}（{code} 2026-11-20）的备注："note A" -> "note B"', said
    assert sqlite3.connect(ra).execute(
        "SELECT notes FROM patch_verifications").fetchone()[0] == "note B"


def test_changes_settled_since_are_counted_by_the_package_s_own_edits(tmp_path, capsys,
                                                                       monkeypatch):
    """rb's one note met the delete and the decision that brought the row back with ra's
    note; the decision for rb's note settled both: one edit of rb's, said once."""
    master = _master(tmp_path)
    _, rb = noted_twice_and_deleted(master, tmp_path)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, said = cli_said(capsys, "pull", rb, master)
    assert status == errors.OK, said
    lines = said.splitlines()
    assert f"  1 {SETTLED}: the package holds what the master holds, nothing to settle" in \
        lines, said
    assert "  1 项修改曾遇到冲突，已由主库较晚的修改解决：数据包现与主库一致，无需处理" in \
        lines, said
    assert "replaced" not in said, said
