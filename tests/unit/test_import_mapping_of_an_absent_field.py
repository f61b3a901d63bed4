# SPDX-License-Identifier: GPL-2.0-or-later
"""A mapping naming a field the source does not have (one written for another file, or
mistyped) maps nothing: the patch code it names is still to be mapped, and the import is
refused for it, never reading every row as having no code (and, with --delete-missing,
deleting the whole layer)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _patches(master) -> int:
    conn = sqlite3.connect(master)
    try:
        return conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0]
    finally:
        conn.close()


def test_a_code_mapped_from_an_absent_field_is_refused(master, plan_gpkg, tmp_path, capsys):
    src = L.write_gpkg(tmp_path / "surveyed.gpkg", L.surveyed(plan_gpkg))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"地块编码": "patch_code"}, ensure_ascii=False),
                       encoding="utf-8")
    before, n = L.sha256(master), _patches(master)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--source-layer",
                    "kcfj_tb", "--mapping", mapping, "--delete-missing")
    assert code == errors.INVALID, out
    assert ("warning: field 地块编码: the mapping names a field the source does not have: "
            "no patch_code is read from it") in out, out
    assert 'no source field is mapped to patch_code' in out and '{"TBBH": "patch_code"}' in out, \
        out
    assert "refused: the report has errors; the master is unchanged" in out, out
    assert L.sha256(master) == before and _patches(master) == n


def test_said_in_chinese(master, plan_gpkg, tmp_path, capsys, chinese_locale):
    src = L.write_gpkg(tmp_path / "surveyed.gpkg", L.surveyed(plan_gpkg))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"地块编码": "patch_code"}), encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--source-layer",
                    "kcfj_tb", "--mapping", mapping, "--dry-run")
    assert code == errors.INVALID, out
    assert "字段 地块编码：字段对应中的字段在数据源中不存在：patch_code 不从它读取" in out, out
