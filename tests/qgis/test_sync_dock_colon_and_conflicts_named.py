# SPDX-License-Identifier: GPL-2.0-or-later
"""What the Sync dock says: a piece of work that failed is named before its error with the
language's colon (a Chinese name took an ASCII one: 正在生成外业数据包: …); and English names
the conflicts panel as its action does, as Chinese does (“Settle conflicts”, not “the
conflicts panel”)."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for


@pytest.fixture(params=["en", "zh"])
def dock(request, iface, master, tmp_path, monkeypatch):
    """The Sync dock of a QGIS in English or in Chinese, the master open."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    locale = {"en": "en_US", "zh": "zh_CN"}[request.param]
    with qgis_speaking(locale, tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        p.load(master)
        QgsApplication.processEvents()
        # (the map drawn: while it reads the master, nothing else may write it, a project
        # saved in it by QGIS included)
        iface.mapCanvas().waitWhileRendering()
        yield request.param, p.show_sync()
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_a_failed_checkout_is_named_with_the_languages_colon(dock, tmp_path, monkeypatch):
    lang, dock = dock
    blocked = tmp_path / "a-file"  # a file where the package's folder should be
    blocked.write_text("")
    out = blocked / "tab-1.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dock.device.setText("tab-1")
    dock.checkout_button.click()
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    work = {"en": "Field package not created", "zh": "未生成外业数据包"}[lang]
    colon = {"en": ": ", "zh": "："}[lang]
    assert said.startswith(work + colon), said
    assert str(out) in said[len(work + colon):], said
    assert not out.exists()


def test_a_merges_conflicts_name_the_action_that_settles_them(dock, master, tmp_path):
    from qgis_plugin.i18n import tr
    from tests.qgis.test_plugin import verification_edited_by_two

    lang, dock = dock
    for package in verification_edited_by_two(
            master, tmp_path, "0b5e2f6c-0000-4000-8000-000000000003", {"notes": None},
            [{"notes": "11"}, {"notes": "22"}]):
        dock.package_list.addItem(str(package))
    dock.merge_packages()
    _wait_for(dock)
    gc.collect()
    if dock.report_dialog is not None:
        dock.report_dialog.close()
    said = dock.report.toPlainText()
    settle = tr("Settle conflicts")  # the action that opens it, in the menu
    told = {"en": f"Open “{settle}” to settle them field by field.",
            "zh": f"请打开“{settle}”逐字段处理。"}[lang]
    assert told in said, said
