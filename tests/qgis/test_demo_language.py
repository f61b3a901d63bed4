# SPDX-License-Identifier: GPL-2.0-or-later
"""The demo's reports (``python -m qgis_plugin.demo``, ``make demo``) in the command line's
language, as ``field-kit report`` writes them: an English user's workbook and PDF in English,
a Chinese user's in Chinese, then English."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.plan_build import ROOT
from tests.qgis.test_report import pdftotext
from tests.unit.test_report_xlsx import SHEETS
from tests.unit.test_report_xlsx_language import ENGLISH_SHEETS

openpyxl = pytest.importorskip("openpyxl")


def demo_in(locale: str, plan_gpkg, tmp_path):
    """The demo run by a user of ``locale``: its workbook and its PDF's first page."""
    out = tmp_path / "plan.png"
    result = subprocess.run(
        [sys.executable, "-m", "qgis_plugin.demo", str(plan_gpkg), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "LANG": locale})
    assert result.returncode == 0, result.stderr
    assert "专栏3-1" in result.stdout  # (the summary the same for both)
    return (openpyxl.load_workbook(tmp_path / "progress_report.xlsx"),
            " ".join(pdftotext(tmp_path / "progress_report.pdf", 1).split()))


def test_an_english_users_demo_writes_its_reports_in_english(plan_gpkg, tmp_path):
    wb, summary = demo_in("en_US.UTF-8", plan_gpkg, tmp_path)
    assert wb.sheetnames == ENGLISH_SHEETS
    assert ": progress report" in summary and "实施进度报告" not in summary, summary[:300]
    assert "Plan-consistency check:" in summary and "规划一致性检查" not in summary


def test_a_chinese_users_demo_writes_its_reports_as_before(plan_gpkg, tmp_path):
    wb, summary = demo_in("zh_CN.UTF-8", plan_gpkg, tmp_path)
    assert wb.sheetnames == SHEETS
    assert "实施进度报告" in summary and "规划一致性检查 Plan-consistency check" in summary, \
        summary[:300]
