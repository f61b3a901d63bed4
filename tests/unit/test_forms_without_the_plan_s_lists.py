# SPDX-License-Identifier: GPL-2.0-or-later
"""A package checked out from a master that is not the whole plan (no ``code_lists``, no
``project_targets``): its forms open, and each field whose list those tables hold says it
cannot be checked, by the table's name, in Chinese too."""

import sqlite3

from field_kit import forms
from field_kit.cli.commands import main
from tests.unit.gpkg_factory import make_gpkg


def _lacking(problems) -> dict:
    return {p.field: p for p in problems if p.code == "list_lacking"}


def test_forms_of_a_package_without_the_plan_s_lists(tmp_path):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "p.gpkg"
    assert main(["checkout", "--device", "d1", master, str(pkg)]) == 0
    conn = sqlite3.connect(pkg)
    project = conn.execute("SELECT uuid FROM restoration_projects LIMIT 1").fetchone()[0]
    ctx = forms.form_context(conn, forms.PROJECT_INSPECTION, project)
    said = _lacking(forms.validate(forms.PROJECT_INSPECTION, {}, ctx))
    assert set(said) == {"target_uuid", "rating"}, said
    assert said["target_uuid"].severity == forms.WARNING
    assert said["target_uuid"].message.en.endswith(
        "cannot be checked against its list: this file has no table project_targets")
    assert said["rating"].message.zh.endswith("无法对照其代码列表核对：本文件没有表 code_lists")
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    ctx = forms.form_context(conn, forms.PATCH_VERIFICATION, patch)
    said = _lacking(forms.validate(forms.PATCH_VERIFICATION, {}, ctx))
    assert "remediation_status" in said and "target_uuid" not in said, said
    conn.close()

