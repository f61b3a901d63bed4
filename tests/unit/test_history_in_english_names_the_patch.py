# SPDX-License-Identifier: GPL-2.0-or-later
"""History in English reads as the Chinese does, for GIS staff who read English: a
verification's patch by its code, not the uuid the record holds; a figure as the reports
write it (60,000, not 60000.0); a code with its English label. The row's own line keeps its
uuid, ``--json`` the uuid and the figure as the change log holds them, and a patch deleted
since is named by its uuid, said deleted, with the code it held, in either language."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import changelog
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"


def _verified(master) -> tuple[str, str]:
    """A verification of patch ``CODE``, then edited: its uuid, and the patch's."""
    verify(master, CODE)
    edit(master, "UPDATE patch_verifications SET remediation_status = 'C'")
    ((record, patch),) = rows(master, "SELECT uuid, patch_uuid FROM patch_verifications")
    return record, patch


def _history(capsys, monkeypatch, lang: str, *argv) -> list[str]:
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "history", *argv)
    assert code == errors.OK, out + err
    return out.splitlines()


def test_history_in_english_names_the_patch_by_its_code_and_writes_figures(
        master, capsys, monkeypatch):
    record, patch = _verified(master)
    lines = _history(capsys, monkeypatch, "en", master, record)
    values = [line for line in lines if line.startswith("    ")]
    assert f"    patch_uuid: {CODE}" in values, values
    assert "    measured_area_m2: 60,000" in values, values
    assert "    treated_area_m2: 50,000" in values, values
    assert '    remediation_status: "B" (Restored) -> "C" (Work in progress)' in values, values
    assert not [v for v in values if patch in v or "60000.0" in v], values
    # the row's own line still by its uuid
    assert f" master local insert patch_verifications {record} change " in lines[0], lines
    # for scripts, the uuid and the figure as the change log holds them
    (made, _) = json.loads("\n".join(_history(capsys, monkeypatch, "en", master, record,
                                                "--json")))["changes"]
    assert (made["new"]["patch_uuid"], made["new"]["measured_area_m2"]) == (patch, 60000.0)


def _values(capsys, monkeypatch, lang: str, master, record) -> list[str]:
    return [line for line in _history(capsys, monkeypatch, lang, master, record)
            if line.startswith("    ")]


def test_history_names_a_patch_deleted_since_by_its_uuid_said_deleted(
        master, capsys, monkeypatch):
    record, patch = _verified(master)
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", patch)
    # the delete captured, not sealed yet: the code the patch held when deleted, at once
    was = [f"    patch_uuid: {patch} (deleted, was {CODE})",
           f"    图斑：{patch}（已删除，原为 {CODE}）"]
    assert was[0] in _values(capsys, monkeypatch, "en", master, record)
    assert was[1] in _values(capsys, monkeypatch, "zh", master, record)
    # ... and alike once sealed into the log
    with connect(master) as conn:
        changelog.seal(conn)
    assert was[0] in _values(capsys, monkeypatch, "en", master, record)
    assert was[1] in _values(capsys, monkeypatch, "zh", master, record)
