# SPDX-License-Identifier: GPL-2.0-or-later
"""Verify a patch in QGIS, on a field package made by checkout: the new record's form lists
no faults before anything is typed (its required fields marked * and counted in a neutral
line); Save names what is missing at its field, in English and Chinese, and refuses the
record as before."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from field_kit.sync import package_checkout
from qgis_plugin.dialogs import record
from tests.qgis.test_plugin import plugin  # noqa: F401 (the plugin, the master open)

CODE = "CT6504222017000026002"


def _said(form) -> list[str]:
    return [label.text() for label in form.problem_labels.values() if not label.isHidden()]


@pytest.mark.parametrize("language, quiet, refused, missing", [
    ("en", "Fields marked * are required: 8 still empty", "8 errors to fix before saving",
     ["Patch class is required", "Damage type is required", "Verifier is required"]),
    ("zh", "带 * 的为必填项，还有 8 项未填", "8 处错误，改正后才能保存",
     ["请填写图斑大类", "请填写损毁类型", "请填写核查人"])])
def test_a_new_verification_is_quiet_until_save_is_tried(
        plugin, master, tmp_path, qtbot, monkeypatch, language, quiet, refused,  # noqa: F811
        missing):
    monkeypatch.setattr(record, "user_language", lambda: language)
    package = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, package, "tab-1", role="technician")
    plugin.load(package)
    QgsApplication.processEvents()
    plugin.layers["mine_patches"].selectByExpression(f"\"patch_code\" = '{CODE}'")
    dialog = plugin.verify_patch()
    form = dialog.form
    assert form.record_uuid is None and form.master.resolve() == package.resolve()
    assert _said(form) == [] and form.summary.text() == quiet
    assert form.save_button.isEnabled()

    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    with sqlite3.connect(package) as conn:
        assert conn.execute("SELECT count(*) FROM patch_verifications").fetchone() == (0,)
    said = "\n".join(_said(form))
    assert all(m in said for m in missing), said
    assert refused in form.summary.text()
    assert not form.save_button.isEnabled()
    dialog.close()
