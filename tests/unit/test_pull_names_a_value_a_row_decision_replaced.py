# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's value that met a delete (a whole-row conflict), then gave way to a decision
that brought the row back with another technician's value, is named by the pull that
replaces it: the record, the field, the value sent and the master's, in English and
Chinese."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit, make_gpkg

SETTLED = "met a conflict that a later change of the master settled"


def _two_notes_and_a_delete(tmp_path, capsys):
    """A master whose record two technicians (ra, rb) noted and GIS staff (rg) deleted,
    merged so, both notes then taken in turn: rb's last. Returns the master, ra, rb."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    edit(master, "UPDATE patch_verifications SET notes = NULL, verified_on = '2026-11-20'")
    ra, rb, rg = (tmp_path / f"{d}.gpkg" for d in ("ra", "rb", "rg"))
    for pkg in (ra, rb, rg):
        role = ("--role", "gis") if pkg is rg else ()
        assert cli_said(capsys, "checkout", master, pkg, "--device", pkg.stem,
                        *role)[0] == errors.OK
    edit(ra, "UPDATE patch_verifications SET notes = 'note A'")
    edit(rb, "UPDATE patch_verifications SET notes = 'note B'")
    edit(rg, "DELETE FROM patch_verifications")
    assert sent(capsys, rg, master, tmp_path / "rg.zip")[0] == errors.OK
    for pkg in (ra, rb):
        assert sent(capsys, pkg, master, tmp_path / f"{pkg.stem}.zip")[0] == errors.CONFLICTS
    ids = [i for (i,) in sqlite3.connect(master).execute(
        "SELECT id FROM sync_conflicts WHERE field IS NULL ORDER BY device")]
    for conflict in ids:  # ra's, then rb's
        assert cli_said(capsys, "resolve", master, conflict, "--take", "theirs")[0] == errors.OK
    return master, ra, rb


def test_a_value_a_decision_on_its_row_replaced_is_named(tmp_path, capsys, monkeypatch):
    master, ra, _ = _two_notes_and_a_delete(tmp_path, capsys)
    uuid, code = sqlite3.connect(master).execute(
        "SELECT uuid, patch_code FROM patch_verifications").fetchone()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, said = cli_said(capsys, "pull", ra, master)
    assert status == errors.OK, said
    lines = said.splitlines()
    assert "  1 value(s) this device sent are replaced by the master's, which holds another " \
           "value:" in lines, said
    english = f'    patch_verifications {uuid} ({code} 2026-11-20) notes: "note A" -> "note B"'
    assert english in lines, said
    assert lines[lines.index(english) + 1] == \
        f'    图斑核查记录 {uuid}（{code} 2026-11-20）的备注："note A" -> "note B"', said
    assert sqlite3.connect(ra).execute(
        "SELECT notes FROM patch_verifications").fetchone()[0] == "note B"
