# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff delete or rename a field of a tracked layer in QGIS, with the plugin loaded:
QGIS saves it with the other edits, and the sync stays whole and says what happened."""

from __future__ import annotations

import gc
import json
import sqlite3
import subprocess
import sys

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from field_kit.db import connect
from field_kit.sync import package_checkout
from qgis_plugin.plugin import ToksunPlugin
from tests.unit.cli_run import log_json


@pytest.fixture()
def plugin(iface):
    p = ToksunPlugin(iface)
    p.initGui()
    yield p
    iface.mapCanvas().waitWhileRendering()
    p.unload()


def field_kit(*argv) -> tuple[int, str]:
    got = subprocess.run([sys.executable, "-m", "field_kit.cli", *map(str, argv)],
                         capture_output=True, text=True)
    return got.returncode, got.stdout + got.stderr


def add_layer(path, table) -> str:
    """As a user adds a layer (Browser, Add Vector Layer): the project holds it."""
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer.id()


def layer_of(lid) -> QgsVectorLayer:
    return QgsProject.instance().mapLayer(lid)


def save_with(lid, *, delete=(), rename=None, change=None) -> tuple[bool, list[str]]:
    """Toggle editing, delete / rename fields, change one value, save."""
    layer = layer_of(lid)
    assert layer.startEditing()
    for name in delete:
        assert layer.deleteAttribute(layer.fields().indexOf(name))
    for old, new in (rename or {}).items():
        assert layer.renameAttribute(layer.fields().indexOf(old), new)
    if change:
        field, value = change
        feature = next(layer.getFeatures("fid = 1"))
        assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf(field), value)
    ok = layer.commitChanges()
    errors = layer.commitErrors()
    if not ok:
        layer.rollBack()
    del layer
    gc.collect()
    return ok, errors


def test_deleting_a_field_in_qgis_saves_and_the_value_edited_with_it_travels(
        plugin, iface, master, tmp_path):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "d1", role="gis")
    lid = add_layer(pkg, "mine_patches")
    gc.collect()
    ok, errors = save_with(lid, delete=["geometry_source"], change=("mineral", "水泥用石灰岩"))
    assert ok, errors
    assert layer_of(lid).fields().indexOf("geometry_source") < 0
    said = [text for _, _, text in iface.messages]
    assert any("geometry_source" in t and ("master keeps" in t or "主库保留" in t)
               for t in said), said
    code, out = field_kit("status", pkg, "--json")
    s = json.loads(out)
    assert code == 0 and s["capture_problems"] == [] and s["changes_waiting"] == 1, out
    code, out = field_kit("export", pkg, tmp_path / "c.zip")
    assert code == 0, out
    code, out = field_kit("log", pkg, "--json")
    (change,) = [c for c in log_json(out)["changes"] if c["origin"] == "local"]
    assert (change["op"], change["new"]) == ("update", {"mineral": "水泥用石灰岩"})
    code, out = field_kit("merge", master, tmp_path / "c.zip")
    assert code == 0, out


def test_renaming_a_field_of_the_master_in_qgis_keeps_capture_whole(plugin, iface, master,
                                                                    tmp_path):
    lid = add_layer(master, "project_targets")
    gc.collect()
    ok, errors = save_with(lid, rename={"plan_quote": "quote_text"},
                           change=("quote_text", "改过"))
    assert ok, errors
    said = [text for _, _, text in iface.messages]
    assert any("quote_text" in t and "plan_quote" in t for t in said), said
    code, out = field_kit("status", master, "--json")
    assert code == 0 and json.loads(out)["capture_problems"] == [], out
    pkg = tmp_path / "gis.gpkg"  # a package checked out now has the new name and the value
    code, out = field_kit("checkout", master, pkg, "--device", "d2", "--role", "gis")
    assert code == 0, out
    code, out = field_kit("log", master, "--json", "--limit", "200")
    assert {"quote_text": "改过"} in [c["new"] for c in log_json(out)["changes"]
                                     if c["tbl"] == "project_targets"]


def capture_of(path) -> list:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE 'sync%' UNION "
                         "ALL SELECT key, value FROM sync_meta ORDER BY 1").fetchall()


@pytest.mark.parametrize("how", ["delete", "rename"])
def test_a_technician_changing_a_field_is_told_why_and_nothing_is_written(
        plugin, iface, master, tmp_path, how):
    with connect(master) as c:
        c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('seen', '李')")
    pkg = tmp_path / "tech.gpkg"
    package_checkout.checkout(master, pkg, "t1")
    before = capture_of(pkg)
    lid = add_layer(pkg, "patch_verifications")
    gc.collect()
    ok, errors = save_with(lid, delete=["notes"] if how == "delete" else (),
                           rename={"notes": "remarks"} if how == "rename" else None,
                           change=("verifier", "王"))
    assert not ok
    (text,) = [x for kind, _, x in iface.messages if kind == "critical"]
    assert "notes" in text and ("technician" in text or "技术员" in text), text
    assert capture_of(pkg) == before
    code, out = field_kit("status", pkg, "--json")
    s = json.loads(out)
    assert code == 0 and s["capture_problems"] == [] and s["changes_waiting"] == 0, out
    with sqlite3.connect(pkg) as c:
        assert "notes" in [r[1] for r in c.execute("PRAGMA table_info(patch_verifications)")]


def test_a_rename_undone_that_qgis_cannot_save_is_explained(plugin, iface, master, tmp_path):
    """Rename Field, then Undo, then a value, then Save: QGIS 3.22 fails the save saying only
    that the name exists; the plugin says what happened and the way out."""
    from qgis.PyQt.QtWidgets import QApplication
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "g1", role="gis")
    lid = add_layer(pkg, "mine_patches")
    gc.collect()
    layer = layer_of(lid)
    assert layer.startEditing()
    i = layer.fields().indexOf("mineral")
    layer.beginEditCommand("rename")
    assert layer.renameAttribute(i, "mineral2")
    layer.endEditCommand()
    layer.undoStack().undo()
    feature = next(layer.getFeatures("fid = 1"))
    assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("section"), "x")
    assert not layer.commitChanges()
    QApplication.processEvents()
    said = [x for kind, _, x in iface.messages if kind == "critical"]
    assert any("Discard" in x or "放弃" in x for x in said), (said, layer.commitErrors())
    layer.rollBack()
    del layer
    gc.collect()


def test_a_field_deleted_and_added_again_in_qgis_is_said_and_filled_back_by_a_pull(
        plugin, iface, master, tmp_path):
    from qgis.core import QgsField
    from qgis.PyQt.QtCore import QVariant
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "d1", role="gis")
    held = sqlite3.connect(master).execute(
        "SELECT fid, geometry_source FROM mine_patches ORDER BY fid").fetchall()
    lid = add_layer(pkg, "mine_patches")
    gc.collect()
    ok, errors = save_with(lid, delete=["geometry_source"])
    assert ok, errors
    layer = layer_of(lid)
    assert layer.startEditing()
    assert layer.addAttribute(QgsField("geometry_source", QVariant.String))
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    code, out = field_kit("status", pkg)
    assert code == 0 and ("column mine_patches.geometry_source was dropped and added again"
                          in out), out
    code, out = field_kit("pull", pkg, master)
    assert code == 0 and "filled back with the master's values" in out, out
    assert sqlite3.connect(pkg).execute(
        "SELECT fid, geometry_source FROM mine_patches ORDER BY fid").fetchall() == held


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_field_renamed_and_deleted_in_qgis_is_said_on_the_layer_as_people_know_it(
        plugin, iface, master, tmp_path, lang):
    """Said in Chinese, the layer of a field renamed or deleted is 历史遗留矿山图斑, not the
    table's English name mine_patches; in English, Legacy mine patches."""
    from qgis.core import QgsField
    from qgis.PyQt.QtCore import QVariant

    from tests.qgis.conftest import qgis_speaking

    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        lid = add_layer(master, "mine_patches")
        gc.collect()
        layer = layer_of(lid)  # a field added as QGIS's field editor adds one, then saved
        assert layer.startEditing() and layer.addAttribute(QgsField("县备注", QVariant.String))
        assert layer.commitChanges(), layer.commitErrors()
        del layer
        gc.collect()
        assert save_with(lid, rename={"县备注": "县备注二"})[0]
        assert save_with(lid, delete=["县备注二"])[0]
    said = [text for _, title, text in iface.messages if "县备注" in text]
    assert len(said) == 2, iface.messages
    title = "历史遗留矿山图斑" if lang == "zh" else "Legacy mine patches"
    assert all(title in text and "mine_patches" not in text for text in said), said
