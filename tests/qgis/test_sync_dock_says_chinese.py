# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock in Chinese names a merge's refusals one way (已拒收, as the core says them)
and the conflicts panel by the name of its action (处理冲突); a checkout is said on the bar
in Chinese too; Processing's merge names its counts in Chinese."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QFileDialog

from tests.qgis.test_plugin import _conflict_on, _field_edit, _wait_for


@pytest.fixture()
def dock(plugin_in_chinese):
    dock = plugin_in_chinese.show_sync()
    yield dock
    if dock.report_dialog is not None:
        dock.report_dialog.close()


def test_a_merge_report_says_refused_one_way(dock, master, tmp_path):
    refused = _field_edit(master, tmp_path, "tech-he", "何", measured_area_m2=-5)
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))  # merged before
    dock.package_list.addItem(str(refused))
    dock.merge_packages()
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    assert "已拒收" in said and "拒绝" not in said, said
    # the record by its layer's title in Chinese, not the table's name
    assert f"{refused.name}: 图斑核查记录 " in said and "patch_verifications" not in said, said


def test_the_conflicts_panel_is_named_as_its_action(dock, master, tmp_path):
    from qgis_plugin.i18n import tr

    settle = tr("Settle conflicts")  # the action that opens it, in the menu
    assert settle == "处理冲突"
    told = tr("Open “Settle conflicts” to settle them field by field.")
    assert f"“{settle}”" in told, told


def test_a_checkout_in_chinese_is_said_on_the_bar_and_in_the_dock(iface, dock, tmp_path,
                                                                  monkeypatch):
    pkg = tmp_path / "tech-ma.gpkg"
    dock.device.setText(pkg.stem)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(pkg), "")))
    heard = len(iface.messages)
    dock.checkout_button.click()
    _wait_for(dock)
    gc.collect()
    (kind, title, text), = iface.messages[heard:]
    assert (kind, title, text) == ("info", "外业数据包已生成", f"外业数据包已生成：{pkg}"), \
        iface.messages[heard:]
    dock.resize(360, 900)
    dock.show()
    QgsApplication.processEvents()
    dock.grab().save(str(tmp_path / "dock.png"))  # to look at
    dock.report.grab().save(str(tmp_path / "report.png"))


def test_processing_s_merge_names_its_counts_in_chinese(dock):
    # (the plugin loaded, its Processing provider with it)
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:merge")
    named = {o.name(): o.description() for o in alg.outputDefinitions()}
    assert (named["APPLIED"], named["ALREADY"], named["CONFLICTS"], named["REFUSED"]) == (
        "已应用", "此前已应用", "冲突", "已拒收"), named
