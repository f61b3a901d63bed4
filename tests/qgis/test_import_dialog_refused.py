# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog with the files a GIS officer brings that the importer cannot take as
they are: a KML of several folders (its folder chosen in the dialog, as a GeoPackage's
layer), a CSV without coordinate columns, an X/Y CSV with no coordinate system; each said in
the user's language and by the dialog's own boxes, whether QGIS speaks English or Chinese."""

from __future__ import annotations

import subprocess

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from tests.qgis.test_import_dialog_kml_csv import SURVEYED, _previewed, _typed, opened
from tests.unit import import_layers as L
from tests.unit.test_import_kml_csv import _points_csv

pytest.importorskip("pyproj")


def _pump(n: int = 10) -> None:
    for _ in range(n):
        QgsApplication.processEvents()


@pytest.fixture(params=["en", "zh"])
def speaking(request, monkeypatch, tmp_path):
    """QGIS in English or in Chinese (Settings → Options → Override system locale)."""
    from tests.qgis.conftest import qgis_speaking

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[request.param], tmp_path / "qm"):
        yield request.param


@pytest.fixture()
def import_dialog(speaking, iface, master):
    """The import dialog, opened as the user opens it: the plugin's menu entry."""
    for dialog in opened(iface, master):
        dialog.show()
        _pump()
        yield dialog


def _two_folders(plan_gpkg, tmp_path):
    """The surveyed patches as ogr2ogr writes them to KML, in two folders of the same
    patches (two survey batches): neither stands out, the user says which."""
    gpkg = L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg))
    kml = tmp_path / "两批.kml"
    subprocess.run(["ogr2ogr", "-f", "KML", str(kml), str(gpkg), "kcfj_tb"], check=True)
    text = kml.read_text("utf-8")
    start, end = text.index("<Folder>"), text.index("</Folder>") + len("</Folder>")
    folder = text[start:end]
    first = folder.replace("<name>kcfj_tb</name>", "<name>第一批</name>", 1)
    second = folder.replace("<name>kcfj_tb</name>", "<name>第二批</name>", 1)
    assert first != folder and second != folder, folder[:200]
    kml.write_text(text[:start] + first + second + text[end:], "utf-8")
    return kml


def _preview_clicked(dialog) -> None:
    QTest.mouseClick(dialog.preview_button, Qt.LeftButton)
    _pump()


def _problems(dialog) -> list[str]:
    t = dialog.problems_table
    return [t.item(i, 4).text() for i in range(t.rowCount())]


def test_a_kml_of_two_folders_is_imported_by_choosing_its_folder_under_source_layer(
        import_dialog, plan_gpkg, tmp_path, speaking):
    dlg = import_dialog
    _typed(dlg, _two_folders(plan_gpkg, tmp_path))
    combo = dlg.source_layer_combo
    assert combo.isEnabled(), "the Source layer box stays disabled for a KML"
    assert [combo.itemData(i) for i in range(combo.count())] == [None, "第一批", "第二批"]
    box = {"en": "“Source layer”", "zh": "“数据图层”"}[speaking]
    for said in (dlg.verdict.text(), dlg.summary_label.text()):
        assert box in said and "--source-layer" not in said, said
    _preview_clicked(dlg)  # Preview before the folder is chosen: still the box named
    for said in (dlg.verdict.text(), dlg.summary_label.text()):
        assert box in said and "--source-layer" not in said, said
    assert not dlg.import_button.isEnabled()
    # the folder picked in the box, as a user picks it: previewed, and imported if wished
    combo.setCurrentIndex(combo.findData("第二批"))
    combo.activated.emit(combo.currentIndex())
    _pump()
    assert _previewed(dlg)[:2] == [{"en": s, "zh": s.replace("Updated", "更新")
                                    .replace("New", "新增")}[speaking] for s in SURVEYED], \
        dlg.summary_label.text()
    assert dlg.plan.source_info["name"] == "第二批"
    assert dlg.import_button.isEnabled()
    # the placemarks of the folder not chosen, named in the report with the box to choose it
    (unread,) = [s for s in _problems(dlg) if "第一批" in s]
    assert {"en": "in other folders, not read by this import: 第一批 (11: ",
            "zh": "的其他文件夹中还有 11 个地标，本次导入未读取：第一批（11 个："
            }[speaking] in unread, unread
    assert {"en": "import them one at a time (choose one under “Source layer”)",
            "zh": "请逐个导入（请在“数据图层”中选择一个）"}[speaking] in unread, unread
    assert "--" not in unread, unread


@pytest.mark.parametrize("speaking", ["zh"], indirect=True)  # (English: as the core says it)
def test_a_refused_file_is_said_in_the_users_language_after_enter_and_preview(
        import_dialog, tmp_path):
    dlg = import_dialog
    src = tmp_path / "图斑属性表.csv"
    src.write_text("图斑编号,乡镇,矿种\r\nCT001,郭勒布依乡,建筑用砂\r\n", "utf-8")
    said = "中没有可识别的坐标列"
    _typed(dlg, src)  # Enter in the path box: read, then previewed (Preview is the default)
    assert said in dlg.summary_label.text(), dlg.summary_label.text()
    _preview_clicked(dlg)
    assert said in dlg.summary_label.text(), dlg.summary_label.text()
    assert said in dlg.verdict.text() and not dlg.import_button.isEnabled()
    assert "columns" not in dlg.summary_label.text(), dlg.summary_label.text()


@pytest.mark.parametrize("speaking", ["zh"], indirect=True)  # (English: as the core says it)
def test_an_xy_csv_without_coordinate_system_asks_its_code_once(
        import_dialog, plan_gpkg, tmp_path):
    dlg = import_dialog
    src = _points_csv(tmp_path / "界址点_XY.csv", L.surveyed(plan_gpkg),
                      ["图斑编号", "点号", "X", "Y", "乡镇"],
                      lambda ring: L.to_epsg(ring, 4518), "utf-8-sig")
    _typed(dlg, src)
    (said,) = [s for s in _problems(dlg) if "EPSG" in s]
    asked = "在“坐标系”中填入 EPSG:4518"
    assert asked in said and said.count("EPSG") == 1, said
    assert "--crs" not in said and "代码" not in said, said
    dlg.crs_edit.setFocus(Qt.MouseFocusReason)
    dlg.crs_edit.setText("EPSG:4518")
    QTest.keyClick(dlg.crs_edit, Qt.Key_Return)
    _pump()
    assert not dlg.plan.has_errors and dlg.import_button.isEnabled()


def test_the_file_box_names_every_kind_of_file_it_reads(import_dialog, speaking):
    placeholder = import_dialog.source_edit.placeholderText()
    assert {"en": "Shapefile, GeoJSON, GeoPackage, KML/KMZ, GPX or CSV",
            "zh": "Shapefile、GeoJSON、GeoPackage、KML/KMZ、GPX 或 CSV"}[speaking] == placeholder


def test_a_closed_gpx_track_refused_for_the_system_given_is_not_said_imported(
        import_dialog, plan_gpkg, tmp_path, speaking):
    """A GPX with a projected system typed under “Coordinate system” by mistake: refused, and
    its closed track said as what would be imported once that is mended, not as imported."""
    from tests.unit.test_import_closed_track import CLOSED, CLOSED_REFUSED, IMPORTED, _gpx

    dlg = import_dialog
    dlg.crs_edit.setText("EPSG:4518")
    _typed(dlg, _gpx(tmp_path, L.surveyed(plan_gpkg)[:1]))
    problems = _problems(dlg)
    assert dlg.plan.has_errors and not dlg.import_button.isEnabled(), problems
    assert CLOSED_REFUSED[speaking] in problems, problems
    assert not [s for s in problems if IMPORTED[speaking] in s], problems
    # the box emptied, as the refusal asks: imported as the polygon it bounds, and said so
    dlg.crs_edit.setFocus(Qt.MouseFocusReason)
    dlg.crs_edit.clear()
    QTest.keyClick(dlg.crs_edit, Qt.Key_Return)
    _pump()
    assert not dlg.plan.has_errors and dlg.import_button.isEnabled(), _problems(dlg)
    assert CLOSED[speaking] in _problems(dlg), _problems(dlg)


def test_a_gpxs_track_points_are_asked_for_the_field_of_their_code_by_none_of_gdals(
        import_dialog, plan_gpkg, tmp_path, speaking):
    """The points walked, chosen under “Source layer”: no field holds the patch code, and
    none of those GDAL numbers the points by (track_fid) is offered as the one to choose it
    for: the field that holds it, in the mapping table."""
    from tests.qgis.test_import_dialog_kml_csv import _gpx

    dlg = import_dialog
    _typed(dlg, _gpx(plan_gpkg, tmp_path))
    combo = dlg.source_layer_combo
    combo.setCurrentIndex(combo.findData("track_points"))
    combo.activated.emit(combo.currentIndex())
    _pump()
    assert dlg.plan.source_info["name"] == "track_points"
    said = {"en": "choose patch_code for the field that holds it in the “Field mapping” table",
            "zh": "在“字段对应”表中为存有它的字段选择 patch_code"}[speaking]
    problems = _problems(dlg)
    assert [s for s in problems if s.endswith(said)], problems
    assert not [s for s in problems if "track_fid" in s and "patch_code" in s], problems
