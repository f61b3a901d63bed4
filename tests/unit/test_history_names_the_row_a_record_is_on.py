# SPDX-License-Identifier: GPL-2.0-or-later
"""History in Chinese names the patch a verification is on by its code, as the History
dialog does in either language, not by the uuid the record holds; the English lines too
(``--json`` keeps the uuid, as the change log holds it)."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import rows, verify

CODE = "CT6504222017000026002"


def _values(capsys, monkeypatch, lang: str, master, row) -> list[str]:
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "history", master, row)
    assert code == errors.OK, out + err
    return [line for line in out.splitlines() if line.startswith("    ")]


def _verified(master) -> tuple[str, str]:
    """A verification of patch ``CODE``: its uuid, and the patch's."""
    verify(master, CODE)
    ((record, patch),) = rows(master, "SELECT uuid, patch_uuid FROM patch_verifications")
    return record, patch


def test_history_in_chinese_names_the_patch_a_record_is_on_by_its_code(
        master, capsys, monkeypatch):
    record, patch = _verified(master)
    values = _values(capsys, monkeypatch, "zh", master, record)
    assert f"    图斑：{CODE}" in values, values
    assert not [line for line in values if patch in line], values
    assert f"    patch_uuid: {CODE}" in _values(capsys, monkeypatch, "en", master, record)

