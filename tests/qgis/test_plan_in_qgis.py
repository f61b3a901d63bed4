# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan GeoPackage in a real (headless) QGIS: layers load, styled and labelled."""

from __future__ import annotations

import subprocess
import sys

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QImage

from field_kit.plan import schema
from qgis_plugin.plan_layers import GROUP_NAME, MAP_ORDER, load_plan, open_layer
from qgis_plugin.printing.plan_map import render_plan_map
from tests.plan_build import ROOT
from tests.unit.test_plan_gpkg import EXPECTED_COUNTS


@pytest.fixture()
def project(qgis_app):
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


def test_every_table_opens_as_a_valid_qgis_layer(plan_gpkg, qgis_app):
    for table in schema.TABLES:
        layer = open_layer(plan_gpkg, table.name)
        assert layer.isValid()
        assert layer.featureCount() == EXPECTED_COUNTS[table.name], table.name
        assert layer.crs().authid() == ("EPSG:4490" if table.geometry_type else "")
        if table.geometry_type:
            assert QgsWkbTypes.displayString(layer.wkbType()).upper() == table.geometry_type


def test_layers_open_styled_from_the_file_itself(plan_gpkg, qgis_app):
    # a plain QgsVectorLayer, as any QGIS user would open it: the style comes from
    # the GeoPackage's layer_styles table
    zones = QgsVectorLayer(f"{plan_gpkg}|layername=restoration_zones", "zones", "ogr")
    renderer = zones.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "zone_id"
    assert [c.value() for c in renderer.categories()] == ["Z1", "Z2", "Z3", "Z4"]
    assert zones.labelsEnabled()
    patches = QgsVectorLayer(f"{plan_gpkg}|layername=mine_patches", "patches", "ogr")
    assert isinstance(patches.renderer(), QgsCategorizedSymbolRenderer)
    assert {c.value() for c in patches.renderer().categories()} == {"近期", "中期"}
    towns = QgsVectorLayer(f"{plan_gpkg}|layername=townships", "towns", "ogr")
    assert towns.labelsEnabled()
    assert towns.labeling().settings().fieldName == "name_zh"


def test_field_names_show_in_chinese(plan_gpkg, qgis_app):
    layer = open_layer(plan_gpkg, "patch_verifications")
    table = schema.table("patch_verifications")
    for col in table.columns:
        index = layer.fields().indexOf(col.name)
        assert layer.attributeDisplayName(index) == col.label.zh


def test_load_plan_puts_every_layer_in_one_group(plan_gpkg, project):
    layers = load_plan(plan_gpkg, project)
    group = project.layerTreeRoot().findGroup(GROUP_NAME)
    assert group is not None
    assert [n.layer().id() for n in group.findLayers()] == [layers[n].id() for n in layers]
    assert set(layers) == {t.name for t in schema.TABLES}
    # loading again replaces the group instead of stacking a second copy
    load_plan(plan_gpkg, project)
    assert len(project.mapLayers()) == len(schema.TABLES)
    assert len([g for g in project.layerTreeRoot().children() if g.name() == GROUP_NAME]) == 1


def test_a_technicians_package_shows_the_plan_locked_and_the_records_open(master, project,
                                                                         tmp_path):
    from field_kit.sync import package_checkout
    tech, gis = tmp_path / "t.gpkg", tmp_path / "g.gpkg"
    package_checkout.checkout(master, tech, "tab-t", role="technician")
    package_checkout.checkout(master, gis, "tab-g", role="gis")
    layers = load_plan(tech, project)
    locked = {n for n, layer in layers.items() if layer.readOnly()}
    assert locked == {t.name for t in schema.TABLES if not t.editable_by("technician")}
    assert "mine_patches" in locked and "patch_verifications" not in locked
    assert not layers["mine_patches"].startEditing()
    assert layers["patch_verifications"].startEditing()
    layers["patch_verifications"].rollBack()
    for path in (gis, master):  # GIS staff edit the plan, in their package or the master
        assert not any(layer.readOnly() for layer in load_plan(path, project).values())


def test_the_countys_own_layers_load_with_the_plan_locked_as_the_roles_grants_say(
        master, project, tmp_path):
    """A county's own layers (as ogr2ogr adds them) load with the plan's, below its map
    layers; in a technician's package what the master's grants do not give the role is
    locked: the layer, or the fields outside its grant."""
    from field_kit.cli.commands import main
    from field_kit.sync import package_checkout
    from tests.unit.gpkg_factory import edit
    for name in ("wells", "springs"):
        csv = tmp_path / f"{name}.csv"
        csv.write_text("name,depth,lon,lat\nw1,12.5,88.70,42.85\n")
        subprocess.run(["ogr2ogr", "-update", str(master), str(csv), "-nln", name, "-a_srs",
                        "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon", "-oo",
                        "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"], check=True)
    assert main(["init", str(master)]) == 0
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', 'wells', "
         "'depth')")
    tech = tmp_path / "t.gpkg"
    package_checkout.checkout(master, tech, "tab-t", role="technician")
    for path, locked in ((master, False), (tech, True)):
        load_plan(path, project)
        group = project.layerTreeRoot().findGroup(GROUP_NAME)
        order = [n.layer().source().partition("layername=")[2] for n in group.findLayers()]
        assert order.index("county_boundary") < min(order.index("springs"), order.index(
            "wells")) and max(order.index("springs"), order.index("wells")) < order.index(
            "plan_indicators"), order
        wells, springs = (project.mapLayersByName(n)[0] for n in ("wells", "springs"))
        assert springs.readOnly() == locked and not wells.readOnly()
        config = wells.editFormConfig()
        read_only = {f.name() for i, f in enumerate(wells.fields()) if config.readOnly(i)}
        assert read_only == ({f.name() for f in wells.fields()} - {"depth"} if locked
                             else set()), read_only


def test_plan_map_shows_the_plan(plan_gpkg, project, tmp_path):
    layers = load_plan(plan_gpkg, project)
    out = render_plan_map(project, layers, tmp_path / "plan.png", dpi=72)
    image = QImage(str(out))
    assert image.width() > 700 and image.height() > 500
    colors = {image.pixel(x, y) for x in range(0, image.width(), 7)
              for y in range(0, image.height(), 7)}
    assert len(colors) > 50  # not a blank page: zones, patches, labels
    # the oasis zone's yellow is drawn somewhere in the map frame
    assert any(_close(image.pixelColor(x, y).getRgb()[:3], (242, 227, 163))
               for x in range(0, image.width(), 5) for y in range(0, image.height(), 5))


def _close(rgb, want, tol=20):
    return all(abs(a - b) <= tol for a, b in zip(rgb, want))


def test_demo_prints_the_summary_and_writes_the_map(plan_gpkg, tmp_path):
    out = tmp_path / "plan.png"
    result = subprocess.run(
        [sys.executable, "-m", "qgis_plugin.demo", str(plan_gpkg), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
             "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for expected in ("草原综合植被盖度", "35      37      38", "历史遗留矿山综合治理面积",
                     "1.9    2.46    3.18", "生态保护红线面积 = 55.07 平方千米",
                     "耕地保有量 ≥ 261.51 平方千米", "CT6504222017000026002",
                     "历史遗留矿山图斑 Legacy mine patches                     11"):
        assert expected in text, expected
    assert out.exists() and out.stat().st_size > 50_000


def test_demo_summary_gives_each_control_its_year_and_the_plans_digits(plan_gpkg, project):
    """The summary printed the controls with no year (耕地保有量 ≥ 261.51 is the plan's
    2025 figure, 永久基本农田 its 2035 one) and as 202.8, 0.1 where the plan writes 202.80,
    0.10."""
    from qgis_plugin.demo import summary

    text = summary(load_plan(plan_gpkg, project))
    for expected in ("生态保护红线面积 = 55.07 平方千米（2025年）  [第三节 规划目标]",
                     "至2035年生态保护红线面积 = 55.07 平方千米  [",
                     "耕地保有量 ≥ 261.51 平方千米（2025年）",
                     "永久基本农田面积 ≥ 202.80 平方千米（2035年）",
                     "永久基本农田面积（万亩） ≥ 30.42 万亩（2035年）",
                     "城镇开发边界面积 = 74.91 平方千米  [第一节 生态现状]",
                     "用水总量 ≤ 3.78 亿立方米（2025年）",
                     "项目治理面积 0.10 km²", "项目治理面积 0.33 km²"):
        assert expected in text, (expected, text)
    assert "202.8 " not in text and "0.1 km²" not in text


def test_map_order_covers_every_layer_with_geometry():
    assert set(MAP_ORDER) == {t.name for t in schema.TABLES if t.geometry_type}
