# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog refuses a survey team's Shapefile in Xi'an 1980, or one typed as
Beijing 1954 in its coordinate system box, naming the system, why and what to do, in the
language QGIS speaks."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from tests.qgis.test_import_dialog_kml_csv import _typed
from tests.qgis.test_import_dialog_refused import (  # noqa: F401 (fixtures)
    _problems,
    _pump,
    import_dialog,
    speaking,
)
from tests.unit import import_layers as L

pytest.importorskip("pyproj")

SAID = {"en": ("the data is in Xian 1980 / 3-degree Gauss-Kruger zone 30 (EPSG:2354), not "
               "CGCS2000: the two differ by up to about 100 m",
               "have the survey team deliver it in CGCS2000",
               "the data is in Beijing 1954 / 3-degree Gauss-Kruger zone 29 (EPSG:2405), not "
               "CGCS2000"),
        "zh": ("数据采用 西安 1980 / 3 度高斯-克吕格第 30 带（EPSG:2354） 坐标系，不是 CGCS2000："
               "两者相差可达约 100 米",
               "请测量单位提交 CGCS2000 数据",
               "数据采用 北京 1954 / 3 度高斯-克吕格第 29 带（EPSG:2405） 坐标系，不是 CGCS2000")}


def test_a_shapefile_in_xian_1980_is_refused_by_name(
        import_dialog, plan_gpkg, tmp_path, speaking):  # noqa: F811
    dlg = import_dialog
    _typed(dlg, L.write_shapefile(tmp_path / "测量成果.shp", L.surveyed(plan_gpkg), epsg=2354))
    named, todo, _ = SAID[speaking]
    assert dlg.plan is not None and dlg.plan.has_errors
    said = [p for p in _problems(dlg) if named in p]
    assert said and todo in said[0], _problems(dlg)
    assert not dlg.import_button.isEnabled()


def test_beijing_1954_typed_in_the_coordinate_system_box_is_refused_by_name(
        import_dialog, plan_gpkg, tmp_path, speaking):  # noqa: F811
    dlg = import_dialog
    shp = L.write_shapefile(tmp_path / "tb.shp", L.surveyed(plan_gpkg), epsg=4517)
    shp.with_suffix(".prj").unlink()
    _typed(dlg, shp)
    dlg.crs_edit.setFocus(Qt.MouseFocusReason)
    dlg.crs_edit.setText("EPSG:2405")
    QTest.keyClick(dlg.crs_edit, Qt.Key_Return)
    _pump()
    named = SAID[speaking][2]
    assert named in dlg.summary_label.text(), dlg.summary_label.text()
    assert not dlg.import_button.isEnabled()
