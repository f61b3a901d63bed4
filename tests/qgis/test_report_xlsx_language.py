# SPDX-License-Identifier: GPL-2.0-or-later
"""The Excel report the plugin writes (the dock's Export report (Excel)…, the Processing
report algorithm) is in QGIS's language, as the command line's is in the locale's."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from qgis_plugin.processing.provider import Provider
from tests.qgis.conftest import qgis_speaking
from tests.unit.test_report_xlsx import SHEETS
from tests.unit.test_report_xlsx_language import ENGLISH_SHEETS

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def provider(qgis_app):
    p = Provider()
    assert QgsApplication.processingRegistry().addProvider(p)
    yield p
    QgsApplication.processingRegistry().removeProvider(p)


def reported(master, out):
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:report")
    _, ok = alg.run({"MASTER": str(master), "OUTPUT": str(out)}, QgsProcessingContext(),
                    QgsProcessingFeedback())
    assert ok
    return openpyxl.load_workbook(out)


def test_the_processing_report_follows_qgis_language(provider, master, tmp_path):
    with qgis_speaking("en_GB", tmp_path / "qm"):
        wb = reported(master, tmp_path / "en.xlsx")
    assert wb.sheetnames == ENGLISH_SHEETS
    assert wb["Indicators"]["A2"].value == "Report date"
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        wb = reported(master, tmp_path / "zh.xlsx")
    assert wb.sheetnames == SHEETS
    assert wb["指标表"]["A2"].value == "报告日期 Report date"


def test_the_dock_exports_the_workbook_in_qgis_language(master, qgis_iface, qtbot, tmp_path):
    from qgis_plugin.docks.dashboard import DashboardDock

    def exported(locale: str):
        with qgis_speaking(locale, tmp_path / "qm"):
            dock = DashboardDock(qgis_iface, master)
            qtbot.addWidget(dock)
            out = tmp_path / f"{locale}.xlsx"
            assert dock.export_xlsx(str(out)) is not None
            qtbot.waitUntil(lambda: dock.task is None, timeout=20000)
        return openpyxl.load_workbook(out)

    assert exported("en_GB").sheetnames == ENGLISH_SHEETS
    assert exported("zh_CN").sheetnames == SHEETS
