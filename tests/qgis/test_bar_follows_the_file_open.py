# SPDX-License-Identifier: GPL-2.0-or-later
"""What the plugin said on QGIS's message bar of a file that did not open, or of the master
open before, is taken off the bar once a master opens (by the plugin's own ways, or in a saved
QGIS project read): a red "Not opened … No master is open." never stays above the master now
open, nor a merge's result or the conflicts of another master; one "Not opened" at a time.
Another plugin's messages stay."""

from __future__ import annotations

import gc
import shutil

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for, verification_edited_by_two
from tests.qgis.test_settle_conflicts import WithItsMessageBar
from tests.qgis.test_sync_dock_follows import _added

NOT_OPENED = {"en": "Not opened", "zh": "未打开"}
CONFLICTS = {"en": "Conflicts to settle", "zh": "待处理的冲突"}
MERGE = {"en": "Merge", "zh": "合并"}


def _opened_by_hand(plugin, monkeypatch, path) -> None:
    """``path`` chosen under "Open a master or field package…"."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    next(a for a in plugin.actions if a.objectName() == "toksun_open_other").trigger()
    QgsApplication.processEvents()
    gc.collect()


def _merged_by_hand(plugin, monkeypatch, master, zips):
    """``master`` opened as a user opens it, and ``zips`` merged into it from the Sync dock,
    as a user clicks: the dock."""
    _opened_by_hand(plugin, monkeypatch, master)
    next(a for a in plugin.actions if a.objectName() == "toksun_show_sync").trigger()
    dock = plugin.docks["sync"]
    _added(dock, monkeypatch, [str(z) for z in zips])
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    return dock


def _titles(bar) -> list[str]:
    return [item.title() for item in bar.items()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_not_opened_goes_once_a_master_opens(lang, iface, master, tmp_path, monkeypatch):
    iface = WithItsMessageBar(iface)
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n", encoding="utf-8")
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        iface.bar.pushWarning("Another plugin", "its own words")
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            _opened_by_hand(plugin, monkeypatch, notes)
            _opened_by_hand(plugin, monkeypatch, tmp_path / "missing.gpkg")
            # (one at a time: the newer, of missing.gpkg, in place of that of notes.csv)
            assert _titles(iface.bar).count(NOT_OPENED[lang]) == 1, _titles(iface.bar)
            said = next(i.text() for i in iface.bar.items() if i.title() == NOT_OPENED[lang])
            assert "missing.gpkg" in said and "notes.csv" not in said, said
            _opened_by_hand(plugin, monkeypatch, master)
            assert plugin.gpkg == master
            titles = _titles(iface.bar)
            assert NOT_OPENED[lang] not in titles, titles
            assert "Another plugin" in titles, titles
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_conflicts_of_the_master_before_go_once_another_opens(lang, iface, master,
                                                                   tmp_path, monkeypatch):
    iface = WithItsMessageBar(iface)
    other = tmp_path / "other" / "master.gpkg"
    other.parent.mkdir()
    shutil.copyfile(master, other)
    zips = verification_edited_by_two(master, tmp_path, "0b5e2f6c-0000-4000-8000-00000000000a",
                                      {"notes": None}, [{"notes": "11"}, {"notes": "22"}])
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            dock = _merged_by_hand(plugin, monkeypatch, master, zips)
            assert CONFLICTS[lang] in _titles(iface.bar), _titles(iface.bar)
            for dialog in plugin.dialogs:
                dialog.close()
            if dock.report_dialog is not None:
                dock.report_dialog.close()
            del dock
            _opened_by_hand(plugin, monkeypatch, other)
            assert plugin.gpkg == other
            assert CONFLICTS[lang] not in _titles(iface.bar), _titles(iface.bar)
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()


def _project_saved(master, path) -> None:
    """A QGIS project holding the plan layers of ``master``, saved to ``path``."""
    project = QgsProject()
    layer = QgsVectorLayer(f"{master}|layername=mine_patches", "mine_patches", "ogr")
    assert layer.isValid()
    project.addMapLayer(layer)
    assert project.write(str(path))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_not_opened_goes_once_a_saved_project_of_the_plan_is_read(lang, iface, master,
                                                                  tmp_path, monkeypatch):
    iface = WithItsMessageBar(iface)
    saved = tmp_path / "county.qgz"
    _project_saved(master, saved)
    plain = tmp_path / "plain.qgz"
    assert QgsProject().write(str(plain))  # (no plan layer in it)
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        iface.bar.pushWarning("Another plugin", "its own words")
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            _opened_by_hand(plugin, monkeypatch, tmp_path / "missing.gpkg")
            assert QgsProject.instance().read(str(plain))
            QgsApplication.processEvents()
            titles = _titles(iface.bar)
            assert NOT_OPENED[lang] in titles, titles  # (still no master open)
            assert QgsProject.instance().read(str(saved))
            QgsApplication.processEvents()
            titles = _titles(iface.bar)
            assert NOT_OPENED[lang] not in titles, titles
            assert "Another plugin" in titles, titles
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_merges_result_goes_once_another_master_opens(lang, iface, master, tmp_path,
                                                        monkeypatch):
    iface = WithItsMessageBar(iface)
    other = tmp_path / "other" / "master.gpkg"
    other.parent.mkdir()
    shutil.copyfile(master, other)
    zips = verification_edited_by_two(master, tmp_path, "0b5e2f6c-0000-4000-8000-00000000000b",
                                      {"notes": None}, [{"notes": "11"}])
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        iface.bar.pushInfo("Another plugin", "its own words")
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            dock = _merged_by_hand(plugin, monkeypatch, master, zips)
            assert MERGE[lang] in _titles(iface.bar), _titles(iface.bar)
            if dock.report_dialog is not None:
                dock.report_dialog.close()
            del dock
            _opened_by_hand(plugin, monkeypatch, other)
            assert plugin.gpkg == other
            titles = _titles(iface.bar)
            assert MERGE[lang] not in titles, titles
            assert "Another plugin" in titles, titles
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()
