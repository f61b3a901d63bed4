# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog as a GIS user in a Chinese QGIS meets it, opened through the plugin's
menu: its own controls named where the command line names options, errors first in a pane
tall enough to read them, a GeoPackage's layer chosen by what fits the plan layer (or asked
for), and Import disabled when nothing would change."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from tests.plan_build import ROOT
from tests.qgis.test_import_dialog import wait_for
from tests.unit import import_layers as L

pytest.importorskip("pyproj")
L._proj_data()


@pytest.fixture()
def chinese_qgis(monkeypatch, tmp_path):
    """QGIS in Chinese (Settings → Options → Override system locale), its translation on."""
    from tests.qgis.conftest import qgis_speaking

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        yield


@pytest.fixture()
def open_import(chinese_qgis, iface, master):
    """The import dialog, opened as the user opens it: the plugin's menu entry."""
    from qgis_plugin.plugin import ToksunPlugin

    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()

    def opened(other=None):
        """The dialog on the master, or on ``other`` (a field package) opened first."""
        if other is not None:
            assert p.load(other)
            QgsApplication.processEvents()
        (action,) = [a for a in p.actions if a.objectName() == "toksun_show_import"]
        assert action.text() == "导入测绘数据…", action.text()
        action.trigger()
        dialog = p.dialogs[-1]
        for _ in range(5):
            QgsApplication.processEvents()
        return dialog

    yield opened
    for d in list(p.dialogs):
        d.close()
    iface.mapCanvas().waitWhileRendering()
    p.unload()


def problems(dialog) -> list[tuple[str, str]]:
    t = dialog.problems_table
    return [(t.item(i, 0).text(), t.item(i, 4).text()) for i in range(t.rowCount())]


def test_the_dialog_names_its_own_controls_not_the_commands_options(
        open_import, plan_gpkg, tmp_path):
    src = L.write_shapefile(tmp_path / "图斑.shp", L.surveyed(plan_gpkg), epsg=4518)
    src.with_suffix(".prj").unlink()  # no coordinate system: the dialog asks for one
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(src))
    (said,) = [m for s, m in problems(dlg) if s == "错误"]
    assert "--crs" not in said and "在“坐标系”中填入 EPSG:4518" in said, said
    dlg.crs_edit.setText("EPSG:4518")
    dlg.crs_edit.editingFinished.emit()
    assert not dlg.plan.has_errors
    summary = dlg.summary_label.text()
    assert "--delete-missing" not in summary and "“删除数据源中没有的记录”" in summary, summary
    tops = [dlg.changes_tree.topLevelItem(i).text(0)
            for i in range(dlg.changes_tree.topLevelItemCount())]
    assert tops == ["更新 (10)", "新增 (1)", "数据源中缺少：保留 (1)", "未变 (0)"], tops


def test_errors_come_first_in_a_pane_tall_enough_to_read_them(open_import, plan_gpkg,
                                                              tmp_path):
    src = L.write_shapefile(tmp_path / "bad.shp", L.bad_patches(plan_gpkg), epsg=4518)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(src))
    for _ in range(5):
        QgsApplication.processEvents()
    severities = [s for s, _ in problems(dlg)]
    assert len(severities) >= 5 and "警告" in severities, severities
    assert severities == sorted(severities, key=["错误", "警告", "说明"].index), severities
    table = dlg.problems_table  # several problems at once, and no less room than the changes
    assert table.height() >= table.horizontalHeader().height() + 3 * table.rowHeight(1), (
        table.height(), table.rowHeight(1))
    assert table.height() >= dlg.changes_tree.height() >= 3 * dlg.changes_tree.sizeHintForRow(0)
    sizes = {"dialog": dlg.minimumSizeHint().height(), "summary": dlg.split.widget(2).height(),
             "mapping": dlg.mapping_table.height(), "tree": dlg.changes_tree.height(),
             "problems": table.height()}
    assert sizes["dialog"] <= 768 - 60, sizes
    print(sizes)  # a laptop's screen, less QGIS's title bar
    mapping = dlg.mapping_table
    assert all(mapping.rowViewportPosition(i) + mapping.rowHeight(i)
               <= mapping.viewport().height() for i in range(mapping.rowCount()))
    (ROOT / "out").mkdir(exist_ok=True)
    dlg.grab().save(str(ROOT / "out" / "qgis_import_zh.png"))


def test_import_is_disabled_when_nothing_would_change(open_import, plan_gpkg, tmp_path):
    src = L.write_shapefile(tmp_path / "图斑.shp", L.surveyed(plan_gpkg), epsg=4518)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(src))
    assert dlg.import_button.isEnabled()
    dlg.import_button.click()
    wait_for(dlg)
    assert dlg.result is not None and dlg.result.updated == 10
    dlg.preview_button.click()  # the same source again: nothing changes
    assert "更新 0，新增 0，未变 11" in dlg.summary_label.text()
    assert not dlg.import_button.isEnabled()
    assert dlg.verdict.text() == "无需导入：主库已与数据源一致"
    dlg.delete_missing.setChecked(True)  # deleting the row the source lacks is a change
    assert dlg.import_button.isEnabled() and dlg.verdict.text() == ""


def _county_survey(path, plan_gpkg):
    """A county's survey GeoPackage: its zones, its patches and its boundary."""
    from osgeo import ogr

    patches = L.surveyed(plan_gpkg)
    ring = patches[0]["ring"]
    ds = L._write(path, "GPKG", "修复分区", 4490,
                  [("分区编号", ogr.OFTString), ("分区名称", ogr.OFTString)],
                  [(("Z1", "北部山地修复区"), ring)])
    L._write(path, "GPKG", "图斑", 4490,
             [("图斑编号", ogr.OFTString), ("乡镇", ogr.OFTString), ("矿种", ogr.OFTString)],
             [((p["code"], p["township"], p["mineral"]), p["ring"]) for p in patches], ds=ds)
    L._write(path, "GPKG", "县界", 4490,
             [("名称", ogr.OFTString), ("行政区代码", ogr.OFTString)],
             [(("托克逊县", "650422"), ring)], ds=ds)
    ds = None  # noqa: F841
    return path


def test_a_geopackage_of_several_layers_takes_the_one_that_fits_or_asks(
        open_import, plan_gpkg, tmp_path):
    src = _county_survey(tmp_path / "county_survey.gpkg", plan_gpkg)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(src))
    assert dlg.source_layer_combo.currentText() == "图斑"
    assert dlg.mapping()["图斑编号"] == "patch_code"
    assert "unmapped_required" not in {p.kind for p in dlg.plan.problems}
    dlg.set_target("restoration_zones")
    assert dlg.source_layer_combo.currentText() == "修复分区"
    dlg.set_target("county_boundary")
    assert dlg.source_layer_combo.currentText() == "县界"

    # no layer holds patch codes: none is taken, the user is asked
    other = tmp_path / "other.gpkg"
    ds = L._write(other, "GPKG", "a", 4490, [("MC", L.ogr.OFTString)],
                  [(("x",), L.surveyed(plan_gpkg)[0]["ring"])])
    L._write(other, "GPKG", "b", 4490, [("MC", L.ogr.OFTString)],
             [(("y",), L.surveyed(plan_gpkg)[0]["ring"])], ds=ds)
    ds = None
    dlg.set_target("mine_patches")
    dlg.load_source(str(other))
    assert dlg.source_layer_combo.currentData() is None
    assert dlg.plan is None and not dlg.import_button.isEnabled()
    assert "请在“数据图层”中选择" in dlg.verdict.text(), dlg.verdict.text()
    dlg.source_layer_combo.setCurrentIndex(dlg.source_layer_combo.findData("b"))
    assert dlg.plan is not None and dlg.plan.source_info["name"] == "b"


def test_deleting_what_the_source_lacks_keeps_a_patch_with_records(
        open_import, master, plan_gpkg, tmp_path):
    """The patch the source lacks has a verification: the dialog says it is kept, and with
    nothing else to do there is nothing to import."""
    from tests.unit.gpkg_factory import edit

    src = L.write_shapefile(tmp_path / "图斑.shp", L.surveyed(plan_gpkg), epsg=4518)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(src))
    (missing,) = [m.key for m in dlg.plan.missing]
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on) SELECT uuid, patch_code, 'A', '王', '2025-05-01' FROM "
         "mine_patches WHERE patch_code = ?", missing)
    dlg.preview_button.click()  # (the master changed since the preview)
    dlg.import_button.click()
    wait_for(dlg)
    dlg.preview_button.click()
    dlg.delete_missing.setChecked(True)
    summary = dlg.summary_label.text()
    assert "“删除数据源中没有的记录”：删除 0，保留 1 个有核查记录的图斑" in summary, summary
    top = dlg.changes_tree.topLevelItem(2)
    assert (top.child(0).text(0), top.child(0).text(1)) == (missing, "1 条核查记录：保留，不删除")
    assert not dlg.import_button.isEnabled(), (dlg.summary_label.text(), dlg.task)
    assert dlg.verdict.text() == "无需导入：主库已与数据源一致"
