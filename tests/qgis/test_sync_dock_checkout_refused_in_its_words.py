# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout the core refuses in the command line's words (--bbox, --township, --replace)
is said in the Sync dock's own, in English and in Chinese: features selected outside the
county, a township with no patch, a device that has a package already."""

from __future__ import annotations

import gc

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtWidgets import QFileDialog

from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.gpkg_factory import edit

WORK = {"en": "Field package not created: ", "zh": "未生成外业数据包："}


@pytest.fixture
def selected_at():
    """A layer of points in EPSG:4490, each selected, on the map: made by the call."""
    made = []

    def make(*points):
        layer = QgsVectorLayer("Point?crs=EPSG:4490", "surveyed points", "memory")
        for x, y in points:
            f = QgsFeature()
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            layer.dataProvider().addFeature(f)
        QgsProject.instance().addMapLayer(layer)
        layer.selectAll()
        made.append(layer)
        return layer
    yield make
    for layer in made:
        QgsProject.instance().removeMapLayer(layer.id())


def take(sync, out, monkeypatch, *, by_selection: bool = True) -> str:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    sync.device.setText("tab-1")
    (sync.by_selection if by_selection else sync.by_township).setChecked(True)
    sync.checkout_button.click()
    _wait_for(sync)
    gc.collect()
    return sync.report.toPlainText()


def refused_on_the_bar(sync) -> list[str]:
    return [text for kind, _, text in sync.iface.messages if kind == "critical"]


@pytest.mark.parametrize("point, hint", [
    ((10.0, 50.0), {"en": "select features within the county",
                    "zh": "请选择县域内的要素"}),
    ((500000.0, 4700000.0), {
        "en": "their coordinates look like metres: check the coordinate system their layer "
              "is set to",
        "zh": "其坐标像是米制坐标：请检查其图层所设的坐标系"}),
    ((42.7, 88.5), {
        "en": "their latitude and longitude look swapped: check the coordinate system their "
              "layer is set to",
        "zh": "其经纬度像是写反了：请检查其图层所设的坐标系"})])
def test_a_selection_outside_the_county_is_said_by_the_selection(
        dock, tmp_path, monkeypatch, selected_at, point, hint):  # noqa: F811
    lang, dock = dock
    selected_at(point)
    out = tmp_path / "tab-1.gpkg"
    said = take(dock, out, monkeypatch)
    box = ",".join(f"{v:.12g}" for v in (*point, *point))
    first = {"en": f"The features selected ({box}, W,S,E,N in degrees) do not meet the county, "
                   "whose extent is ",
             "zh": f"所选要素（{box}，西,南,东,北，度）与县域不相交，县域范围为 "}[lang]
    last = {"en": f": the package would hold none of its patches; {hint['en']}.",
            "zh": f"（西,南,东,北，度）：数据包将不含任何图斑；{hint['zh']}。"}[lang]
    assert said.startswith(WORK[lang] + first) and said.endswith(last), said
    assert "--bbox" not in said and "W,S,E,N: " not in said
    (bar,) = refused_on_the_bar(dock)
    assert bar == said[len(WORK[lang]):], bar
    assert not out.exists()


def test_a_selection_of_no_longitude_and_latitude_is_said_by_the_selection(
        dock, master, tmp_path, monkeypatch, selected_at):  # noqa: F811
    """No county boundary to go by (its layer empty, of no extent): a selection that is
    no longitude and latitude."""
    lang, dock = dock
    edit(master, "DELETE FROM county_boundary")
    edit(master, "UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL, "
         "max_y = NULL WHERE table_name = 'county_boundary'")
    selected_at((500000.0, 4700000.0))
    said = take(dock, tmp_path / "tab-1.gpkg", monkeypatch)
    told = {"en": "The features selected (500000,4700000,500000,4700000, W,S,E,N) are not in "
                  "longitude and latitude once taken to EPSG:4490: check the coordinate "
                  "system their layer is set to.",
            "zh": "所选要素（500000,4700000,500000,4700000，西,南,东,北）转换到 EPSG:4490 后不是"
                  "经纬度：请检查其图层所设的坐标系。"}[lang]
    assert said == WORK[lang] + told, said


def test_a_township_with_no_patch_picked_in_the_dock_is_said_by_the_selection(
        dock, tmp_path, monkeypatch):  # noqa: F811
    lang, dock = dock
    dock.township.setCurrentIndex(dock.township.findData("夏镇"))
    out = tmp_path / "tab-1.gpkg"
    said = take(dock, out, monkeypatch, by_selection=False)
    told = {"en": "No mine patch in township 夏镇, in layer 历史遗留矿山图斑 Legacy mine patches "
                  "(mine_patches): nothing to cut a package to; check it out by the features "
                  "selected on the map instead.",
            "zh": "图层历史遗留矿山图斑（mine_patches）中没有乡镇 夏镇 的矿山"
                  "图斑，无法按乡镇签出；请改按地图上所选要素签出。"}[lang]
    assert said == WORK[lang] + told, said
    assert refused_on_the_bar(dock) == [told]
    assert not out.exists()


HAS_PACKAGE = {
    "en": "Device tab-1 has a field package already (checked out {at}): choose another device "
          "name. Only the command line replaces a package (field-kit checkout --replace), and "
          "the earlier package could then never be merged, nor pulled into.",
    "zh": "设备 tab-1 已有外业数据包（签出于 {at}）：请换一个设备名称。替换数据包只能在命令行中"
          "进行（field-kit checkout --replace），此后旧数据包将无法合并，也无法拉取主库更新。"}


def checked_out_at(master, device: str) -> str:
    from field_kit.db import connect
    from field_kit.sync.changelog import local_time
    conn = connect(master, readonly=True)
    try:
        (issued,) = conn.execute("SELECT issued_at FROM sync_devices WHERE device = ?",
                                 (device,)).fetchone()
    finally:
        conn.close()
    return local_time(issued)


def test_a_device_with_a_package_is_said_without_the_command_lines_option(
        dock, master, tmp_path, monkeypatch):  # noqa: F811
    """The dock replaces no package: another name, or the command line, which does."""
    lang, dock = dock
    assert take(dock, tmp_path / "first.gpkg", monkeypatch, by_selection=False).startswith(
        {"en": "Field package written", "zh": "外业数据包已生成"}[lang])
    out = tmp_path / "again.gpkg"
    said = take(dock, out, monkeypatch, by_selection=False)
    told = HAS_PACKAGE[lang].format(at=checked_out_at(master, "tab-1"))
    assert said == WORK[lang] + told, said
    assert not out.exists()
