# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package of the features selected on the map, as GIS staff take one in the Sync
dock: a selection around no patch is said on the message bar and in the report, in the
user's language, not written as a package like any other."""

from __future__ import annotations

import gc
import sqlite3

from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plan_layers import layers_of
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401


def take_package(dock, out, monkeypatch, device: str) -> str:  # noqa: F811
    """The package of the selection taken as the user takes it (the choice, a device name,
    the button, a file named): what the dock's report says then."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dock.device.setText(device)
    dock.by_selection.setChecked(True)
    dock.checkout_button.click()
    _wait_for(dock)
    gc.collect()
    return dock.report.toPlainText()


def test_a_selection_around_no_patch_says_the_package_holds_none(dock, master,  # noqa: F811
                                                                   tmp_path, monkeypatch):
    lang, dock = dock
    (towns,) = layers_of(master, "townships")  # a township's point: no patch around it
    towns.selectByExpression("name_zh = '郭勒布依乡'")
    out = tmp_path / "town.gpkg"
    said = take_package(dock, out, monkeypatch, "tab-town")
    told = {"en": "holds no feature of mine_patches: the package holds none of them; they "
                  "lie within mine_patches 88.299367,42.714807,88.761612,43.094872",
            "zh": "内没有 历史遗留矿山图斑 的任何要素：数据包中一个也没有；这些要素位于 "
                  "mine_patches 88.299367,42.714807,88.761612,43.094872"}[lang]
    assert told in said, said
    assert any(k == "warning" and told in text for k, _, text in dock.iface.messages), \
        dock.iface.messages
    with sqlite3.connect(out) as c:
        assert c.execute("SELECT count(*) FROM mine_patches").fetchone() == (0,)


def test_selected_records_and_a_project_take_their_patches_along(dock, master,  # noqa: F811
                                                                   tmp_path, monkeypatch):
    """A verification selected is placed by its patch, whose package it travels in, not by
    where it was taken (here the town, far from its patch) nor left out for having no
    position; a photo by its record's patch, a project by its patches."""
    from field_kit.db import connect
    from tests.unit.gpkg_factory import add_photo, edit
    lang, dock = dock
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, notes, geom) "
         "SELECT uuid, patch_code, 'taken in town', (SELECT geom FROM townships WHERE "
         "name_zh = '托克逊镇') FROM mine_patches WHERE patch_code = 'ZJ6504222021027001'")
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, notes) SELECT "
         "uuid, patch_code, 'no position' FROM mine_patches WHERE patch_code = "
         "'C6521232009097120035838001'")
    conn = connect(master)
    with conn:
        (record,) = conn.execute("SELECT uuid FROM patch_verifications WHERE notes = "
                                 "'no position'").fetchone()
        add_photo(conn, record, b"\xff\xd8 a photo")
    conn.close()
    (records,) = layers_of(master, "patch_verifications")
    records.reload()
    records.selectAll()
    out = tmp_path / "records.gpkg"
    take_package(dock, out, monkeypatch, "tab-rec")
    with sqlite3.connect(out) as c:
        codes = {r[0] for r in c.execute("SELECT patch_code FROM mine_patches")}
        notes = {r[0] for r in c.execute("SELECT notes FROM patch_verifications")}
    assert {"ZJ6504222021027001", "C6521232009097120035838001"} <= codes, codes
    assert notes == {"taken in town", "no position"}
    records.removeSelection()
    for table, selected, device in (("photos", "TRUE", "tab-photo"),
                                    ("restoration_projects", "project_id = 'P1-7'",
                                     "tab-project")):
        (layer,) = layers_of(master, table)
        layer.reload()
        layer.selectByExpression(selected)
        out = tmp_path / f"{device}.gpkg"
        take_package(dock, out, monkeypatch, device)
        layer.removeSelection()
        with sqlite3.connect(out) as c:
            codes = {r[0] for r in c.execute("SELECT patch_code FROM mine_patches")}
            photos = c.execute("SELECT count(*) FROM photos").fetchone()[0]
        if table == "photos":
            assert "C6521232009097120035838001" in codes and photos == 1, (codes, photos)
        else:
            assert codes == {"C6521232011087130120962001", "C6521232011087130120962002"}


def test_a_selection_with_no_place_on_the_map_is_said(dock, master, tmp_path,  # noqa: F811
                                                      monkeypatch):
    """Rows of a table with no shape (a code list's) selected: said by layer, in the user's
    language, and no package is asked for, rather than a box of nothing refused in the
    command line's words."""
    lang, dock = dock
    (codes,) = layers_of(master, "code_lists")
    codes.selectByIds([next(codes.getFeatures()).id()])
    out = tmp_path / "codes.gpkg"
    said = take_package(dock, out, monkeypatch, "tab-codes")
    told = {"en": "The features selected have no place on the map ({layers}): select "
                  "patches, their records or projects, or features of a map layer.",
            "zh": "所选要素在地图上没有位置（{layers}）：请选择图斑、图斑的记录或项目，或地图"
                  "图层上的要素。"}[lang].format(layers=codes.name())
    assert said == told, said
    assert not out.exists()


def test_the_package_of_a_selection_says_what_it_holds(dock, master, tmp_path,  # noqa: F811
                                                       monkeypatch):
    """The report says, under the package written, how many features of each layer cut
    the package holds, the plan's layers by their titles in the user's language, under
    the patch of the selection it was cut to (not an area, as a box is)."""
    lang, dock = dock
    (patches,) = layers_of(master, "mine_patches")
    patches.selectByExpression("patch_code = 'CT6504222017000026002'")
    said = take_package(dock, tmp_path / "one.gpkg", monkeypatch, "tab-one")
    told = {"en": "Cut to the patch of the selection, it holds: Legacy mine patches "
                  "(1 feature), Key projects (20 features), Patch verifications (0 features), "
                  "Project inspections (0 features), Photos (0 features).",
            "zh": "按所选要素涉及的 1 个图斑裁切后，数据包中有：历史遗留矿山图斑（1 个要素）、"
                  "重点项目（20 个要素）、图斑核查记录（0 个要素）、项目检查记录（0 个要素）、"
                  "照片（0 个要素）。"}[lang]
    assert f"{tmp_path / 'one.gpkg'}\n{told}" in said, said
    assert "Cut to the area" not in said and "按范围裁切" not in said, said


def test_the_package_of_patches_selected_holds_them_not_those_between(
        dock, master, tmp_path, monkeypatch):  # noqa: F811
    """Two patches far apart selected: the package holds those two (and their projects and
    records), not a patch lying in the box around them that was not selected."""
    lang, dock = dock
    (patches,) = layers_of(master, "mine_patches")
    patches.selectByExpression("patch_code IN ('C6521232009097120035838001', "
                               "'ZJ6504222021046001')")
    out = tmp_path / "two.gpkg"
    said = take_package(dock, out, monkeypatch, "tab-two")
    with sqlite3.connect(out) as c:
        codes = {r[0] for r in c.execute("SELECT patch_code FROM mine_patches")}
    assert codes == {"C6521232009097120035838001", "ZJ6504222021046001"}, codes
    told = {"en": "Cut to the 2 patches of the selection, it holds: Legacy mine patches "
                  "(2 features)",
            "zh": "按所选要素涉及的 2 个图斑裁切后，数据包中有：历史遗留矿山图斑（2 个要素）"}[lang]
    assert told in said, said


def test_a_selection_of_patches_says_the_countys_own_layer_cut_to_its_area(
        dock, master, tmp_path, monkeypatch):  # noqa: F811
    """A layer of the county's own is cut by the box around the selection, not by its
    patches: the heading says both, in the user's language."""
    from tests.unit.test_any_table import add_forest
    lang, dock = dock
    add_forest(master, tmp_path)  # stands, as ogr2ogr adds them to the master
    (patches,) = layers_of(master, "mine_patches")
    patches.selectByExpression("patch_code IN ('C6521232009097120035838001', "
                               "'ZJ6504222021046001')")
    said = take_package(dock, tmp_path / "own.gpkg", monkeypatch, "tab-own")
    told = {"en": "Cut to the 2 patches of the selection, and the county's own layers to the "
                  "selection's area, it holds: Legacy mine patches (2 features), ",
            "zh": "按所选要素涉及的 2 个图斑裁切（本县自有图层按所选范围裁切）后，数据包中有："
                  "历史遗留矿山图斑（2 个要素）、"}[lang]
    assert told in said, said
    assert "forest_stands (" in said or "forest_stands（" in said, said


def test_features_selected_of_a_countys_own_layer_are_the_package_s_alone(
        dock, master, tmp_path, monkeypatch):  # noqa: F811
    """Stands selected with a patch: the package holds those stands, not the one lying
    between them in the box around the selection; the heading says so. A layer whose
    features selected have no uuid yet (not tracked) is cut by the box, said."""
    from qgis.core import QgsProject, QgsVectorLayer

    from field_kit.sync import masters
    from tests.unit.test_any_table import add_forest
    lang, dock = dock
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    masters.checkout(master, tmp_path / "whole.gpkg", "tab-0")  # (tracked: their uuids)
    add_forest(master, tmp_path, name="shrubs")  # (added since: no uuid)
    added = [QgsVectorLayer(f"{master}|layername={name}", name, "ogr")
             for name in ("forest_stands", "shrubs")]
    QgsProject.instance().addMapLayers(added)
    try:
        stands, shrubs = added
        stands.selectByExpression("stand_id IN ('F1', 'F3')")
        shrubs.selectByExpression("stand_id = 'F1'")
        (patches,) = layers_of(master, "mine_patches")
        patches.selectByExpression("patch_code = 'C6521232009097120035838001'")
        out = tmp_path / "stands.gpkg"
        said = take_package(dock, out, monkeypatch, "tab-stands")
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in added])
    with sqlite3.connect(out) as c:
        assert {r[0] for r in c.execute("SELECT stand_id FROM forest_stands")} == {"F1", "F3"}
        assert c.execute("SELECT count(*) FROM shrubs").fetchone()[0] > 0
    told = {"en": ("Of forest_stands, the features selected alone.",
                   "The features selected of shrubs have no uuid: cut to the selection's "
                   "area."),
            "zh": ("其中 forest_stands 只带入所选的要素。",
                   "shrubs 中所选的要素没有 uuid：按所选范围裁切。")}[lang]
    assert all(t in said for t in told), said
    assert "forest_stands (2 features)" in said or "forest_stands（2 个要素）" in said, said
