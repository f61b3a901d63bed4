# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's own file dialogs (the Sync dock's, the menu's Open, the dashboard's reports,
the Import's source) offer files named in capitals as a USB stick or a Windows computer
names them (PACKAGE.GPKG, EDITS.ZIP), in English and in Chinese: a desktop's file dialog
(GTK's on Linux) matches a name against each pattern as written, case by case, and hid
them. A package so named, chosen, is the dock's."""

from __future__ import annotations

import fnmatch
import gc
import re

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for


@pytest.fixture(params=["en", "zh"])
def plugin(request, iface, master, tmp_path, monkeypatch):
    """The plugin in a QGIS in English or in Chinese, the master open."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[request.param], tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        p.load(master)
        QgsApplication.processEvents()
        yield p
        for d in list(p.dialogs):
            d.close()
        iface.mapCanvas().waitWhileRendering()
        p.unload()


class Dialogs:
    """QFileDialog's static functions as the user answers them: each filter offered, by the
    dialog's title; the answer given, or Cancel."""

    def __init__(self, monkeypatch):
        self.offered: dict[str, str] = {}
        self.answer = ""
        for name in ("getOpenFileName", "getSaveFileName", "getOpenFileNames"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._asked(name)))

    def _asked(self, name):
        def asked(parent, caption, directory, file_filter, *args, **kwargs):
            self.offered[caption] = file_filter
            answer, self.answer = self.answer, ""
            if name == "getOpenFileNames":
                return ([answer] if answer else []), ""
            return answer, ""
        return asked


def shown(file_filter: str, name: str) -> bool:
    """Whether a dialog matching case by case shows the file ``name`` under the filter."""
    return any(fnmatch.fnmatchcase(name, p) for p in re.findall(r"\*\.\w+", file_filter))


def test_the_plugins_file_dialogs_offer_names_in_capitals(plugin, tmp_path, monkeypatch):
    from qgis_plugin.i18n import tr
    dialogs = Dialogs(monkeypatch)
    sync = plugin.show_sync()
    out = tmp_path / "DEV1.GPKG"
    dialogs.answer = str(out)
    sync.device.setText("dev1")
    sync.checkout_button.click()  # (its dialog names the package to write)
    _wait_for(sync)
    gc.collect()
    assert out.is_file(), sync.report.toPlainText()
    dialogs.answer = str(out)
    sync.choose_package()  # the dock's Choose…
    assert sync.field_package == out and sync.export_button.isEnabled()
    sync.export_button.click()
    sync.add_packages()  # the dock's Add…
    plugin.open_other()
    dashboard = plugin.show_dashboard()
    dashboard.export_xlsx()
    dashboard.export_pdf()
    plugin.show_import().browse()
    files = {
        tr("Save the field package"): ("DEV1.GPKG",),
        tr("A field package"): ("DEV1.GPKG",),
        tr("Save the change package"): ("EDITS.ZIP",),
        tr("Change packages"): ("EDITS.ZIP",),
        tr("Open a master or field package"): ("MASTER.GPKG",),
        tr("Export report (Excel)"): ("REPORT.XLSX",),
        tr("Export report (PDF)"): ("REPORT.PDF",),
        tr("Choose the surveyed data"): ("TB.SHP", "TB.GEOJSON", "TB.GPKG", "TB.KML",
                                         "TB.GPX", "TB.CSV"),
    }
    assert sorted(dialogs.offered) == sorted(files)
    for caption, names in files.items():
        for name in names:
            offered = dialogs.offered[caption]
            assert shown(offered, name) and shown(offered, name.lower()), (caption, offered)
