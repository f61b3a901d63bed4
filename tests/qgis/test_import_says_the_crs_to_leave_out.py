# SPDX-License-Identifier: GPL-2.0-or-later
"""A coordinate system given against what the source says (a KML, always longitude and
latitude; a CSV of EWKT rows of another SRID) is refused naming the box or parameter it was
given in, the Import dialog's or Processing's import's, to leave empty, never "leave out
--crs" (the dialog said 请去掉 请在“坐标系”中填写)."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_import_dialog_kml_csv import _kml
from tests.qgis.test_import_dialog_said import chinese_qgis, open_import, problems  # noqa: F401
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit import import_layers as L
from tests.unit.test_import_sent_again_wkt import _wkt_csv

ZONE = "EPSG:4518 CGCS2000 / 3-degree Gauss-Kruger zone 30"


def sources(plan_gpkg, tmp_path) -> dict:
    patches = L.surveyed(plan_gpkg)
    return {"kml": _kml(plan_gpkg, tmp_path),
            "wkt": _wkt_csv(tmp_path / "w.csv", patches, [4490] * len(patches))}


def said(box: str, lang: str) -> dict[str, str]:
    return {"en": {"kml": f"KML is always WGS 84 longitude/latitude; it cannot be read in "
                          f"{ZONE}: leave “{box}” empty",
                   "wkt": f"“{box}” gives {ZONE}, but the WKT rows' SRID is EPSG:4490: they "
                          f"disagree; leave “{box}” empty, or mend the rows' SRID"},
            "zh": {"kml": f"KML 总是 WGS 84 经纬度，不能按 {ZONE} 读取：请将“{box}”留空",
                   "wkt": f"“{box}”给出 {ZONE}，而 WKT 各行的 SRID 为 EPSG:4490：两者不一致；"
                          f"请将“{box}”留空，或修正各行的 SRID"}}[lang]


def test_the_import_dialog_says_its_box_to_leave_empty(open_import, plan_gpkg,  # noqa: F811
                                                      tmp_path):
    dlg = open_import()
    dlg.set_target("mine_patches")
    for kind, src in sources(plan_gpkg, tmp_path).items():
        dlg.crs_edit.setText("EPSG:4518")
        dlg.load_source(str(src))
        errors = [m for s, m in problems(dlg) if s == "错误"]
        assert errors == [said("坐标系", "zh")[kind]], errors


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_processing_says_its_parameter_to_leave_empty(processing, lang, master,  # noqa: F811
                                                      plan_gpkg, tmp_path):
    box = {"en": "Coordinate system of the surveyed data (empty: as the file says)",
           "zh": "实测数据的坐标系（留空：按文件所述）"}[lang]
    for kind, src in sources(plan_gpkg, tmp_path).items():
        heard = Heard()
        with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"), \
                pytest.raises(QgsProcessingException):
            processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(src),
                                             "CRS": "EPSG:4518", "LAYER": 0}, feedback=heard)
        error = {"en": "error: ", "zh": "错误："}[lang] + said(box, lang)[kind]
        assert error in [text for _, text in heard.lines], heard.lines
