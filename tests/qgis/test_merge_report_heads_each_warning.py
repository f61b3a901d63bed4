# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's merge report, and Processing's merge, give the verifications marked
restored with no photo and the projects whose patches disagree on a figure each a heading of
their own among the warnings: they were listed under "Codes left as they were, or off the
national format", which neither is. The message bar counts them too: it read as a clean
merge. In English and in Chinese."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingFeedback

from field_kit import errors
from field_kit.cli.commands import main
from tests.qgis.conftest import plugin_speaking
from tests.qgis.test_bar_follows_the_file_open import _merged_by_hand
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import edit
from tests.unit.test_restored_without_photo import RESTORE, _checkout, _verified

CODE = "CT6504222017000026002"
TITLES = {  # codes, no photo, project figures
    "en_US": ("Codes left as they were, or off the national format",
              "Verifications restored without a photo",
              "Projects whose patches disagree on a figure"),
    "zh_CN": ("编号保持原样，或不符合国家格式", "标记为已恢复治理但未附照片的核查记录",
              "各图斑所填项目数值不一致的项目"),
}
SAID = {"en_US": ("with no photo", "disagree on"), "zh_CN": ("但未附照片", "不一致")}
ON_BAR = {"en_US": ("1 verification marked restored without a photo: the report says "
                    "which.", "1 figure of a project its patches disagree on: the report "
                    "says which."),
          "zh_CN": ("1 条核查记录标记为已恢复治理但未附照片：详见报告。",
                    "1 项项目数值各图斑填写不一致：详见报告。")}


def _packages(master, tmp_path) -> list:
    """A technician's verification marked restored with no photo; a GIS package giving one
    patch of project P1-1 a treated area of its own."""
    uuid = _verified(master)
    tech = _checkout(master, tmp_path, "tech-a")
    edit(tech, RESTORE, uuid)
    gis = str(tmp_path / "gis-1.gpkg")
    assert main(["checkout", str(master), gis, "--device", "gis-1", "--role", "gis",
                 "--township", "郭勒布依乡"]) == errors.OK
    edit(gis, "UPDATE mine_patches SET project_treated_area_km2 = 1.5 WHERE patch_code = ?",
         CODE)
    for pkg in (tech, gis):
        assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    return [f"{tech}.zip", f"{gis}.zip"]


def _under(lines: list[str], title: str) -> str:
    """The line under the heading ``title`` (there once)."""
    assert lines.count(title) == 1, lines
    return lines[lines.index(title) + 1]


@pytest.mark.parametrize("locale", sorted(TITLES))
def test_the_dock_heads_each_warning_of_its_own(iface, master, tmp_path, monkeypatch, locale):
    zips = _packages(master, tmp_path)
    codes, no_photo, apart = TITLES[locale]
    photo_said, apart_said = SAID[locale]
    with plugin_speaking(iface, locale, tmp_path / "qm") as plugin:
        dock = _merged_by_hand(plugin, monkeypatch, master, zips)
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        lines = dock.report.toPlainText().splitlines()
        assert codes not in lines, lines
        assert photo_said in _under(lines, no_photo), lines
        assert apart_said in _under(lines, apart), lines
        (bar,) = [text for kind, title, text in iface.messages
                  if kind == "warning" and title == ("Merge" if locale == "en_US" else "合并")]
        assert all(said in bar for said in ON_BAR[locale]), bar


class _Heard(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushWarning(self, text):  # noqa: N802 (QGIS API)
        self.lines.append(text)

    def pushInfo(self, text):  # noqa: N802 (QGIS API)
        self.lines.append(text)


def test_processing_heads_each_warning_of_its_own(provider, master, tmp_path):  # noqa: F811
    zips = _packages(master, tmp_path)
    heard = _Heard()
    run("merge", {"MASTER": str(master), "PACKAGES": zips}, feedback=heard)
    codes, no_photo, apart = TITLES["en_US"]
    assert codes not in heard.lines, heard.lines
    assert "with no photo" in _under(heard.lines, no_photo), heard.lines
    assert "disagree on" in _under(heard.lines, apart), heard.lines
