# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge whose one conflict is one field of one change, merged through the Sync dock and
through Processing, in English and in Chinese: each counts it as the command line does ("1
to settle in 1 change", "（涉及 1 项修改）"), not as a bare "1"."""

from __future__ import annotations

import gc
import re
import shutil

import pytest
from qgis.core import QgsApplication, QgsProcessingFeedback

from field_kit.cli.commands import main
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import fields_met_in_the_master

LOCALES = {"en": "en_US", "zh": "zh_CN"}


@pytest.fixture(params=["en", "zh"])
def said(request, master, tmp_path, capsys, monkeypatch):
    """(the language, the package, how the command line counts its conflicts in that
    language, merging it into a copy of the master)."""
    package = fields_met_in_the_master(master, tmp_path, ("notes",))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the command line says both
    copy = tmp_path / "copy.gpkg"
    shutil.copyfile(master, copy)
    capsys.readouterr()
    main(["merge", str(copy), str(package)])
    out = capsys.readouterr().out
    counted = {"en": re.search(r", conflicts (.+?), refused ", out),
               "zh": re.search(r"，冲突 \d+ 项待处理(（涉及 \d+ 项修改）)，拒收", out)
               }[request.param]
    assert counted, out
    if request.param == "en":
        assert counted[1] == "1 to settle in 1 change", out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking(LOCALES[request.param], tmp_path / "qm"):
        yield request.param, package, counted[1]


def test_the_sync_docks_merge_counts_a_conflict_as_the_command_line(
        said, iface, master):
    lang, package, counted = said
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        plugin.load(master)
        QgsApplication.processEvents()
        dock = plugin.show_sync()
        dock.package_list.addItem(str(package))
        dock.merge_packages()
        _wait_for(dock)
        gc.collect()
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        cells = dock.report.toPlainText().split("\n")  # (a table's cells a line each)
        assert (counted if lang == "en" else f"1 项待处理{counted}") in cells, cells
        listed = dock.merge_list.item(0).text()
        assert (f", conflicts {counted}, refused " if lang == "en" else counted) in listed, \
            listed
    finally:
        iface.mapCanvas().waitWhileRendering()
        plugin.unload()


def test_processings_merge_counts_a_conflict_as_the_command_line(
        said, provider, master):  # noqa: F811 (a fixture)
    lang, package, counted = said
    lines: list[str] = []

    class Heard(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            lines.append(info)
            super().pushInfo(info)
    got = run("merge", {"MASTER": str(master), "PACKAGES": [str(package)]}, Heard())
    assert got["CONFLICTS"] == 1
    told = (f", conflicts {counted}, refused " if lang == "en" else f"冲突 1 项待处理{counted}")
    assert any(told in line for line in lines), lines
