# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff edit a master's layer in QGIS while a merge (or another editor) changes the
same fields, and save after it: the values their save replaced are kept as conflicts and
the message bar says so; a save made after the merge was seen records none."""

from __future__ import annotations

import gc
import threading

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters
from tests.postgis.cluster import query
from tests.qgis.test_postgres_master import _accept_when_shown, province  # noqa: F401


def _merge_of(master, tmp_path, section: str, mineral: str) -> tuple[str, str]:
    """A GIS package sets the first patch's section and the second's mineral, merged from
    the command line as a supervisor does. The two patches' uuids."""
    pkg = tmp_path / "gis-d.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-d", "--role",
                 "gis"]) == 0
    conn = connect(pkg)
    first, second = [u for (u,) in conn.execute(
        "SELECT uuid FROM mine_patches ORDER BY patch_code LIMIT 2")]
    conn.execute("UPDATE mine_patches SET section = ? WHERE uuid = ?", (section, first))
    conn.execute("UPDATE mine_patches SET mineral = ? WHERE uuid = ?", (mineral, second))
    conn.close()
    assert main(["export", str(pkg), str(tmp_path / "gis-d.zip")]) == 0
    assert main(["merge", str(master), str(tmp_path / "gis-d.zip")]) == 0
    return first, second


def _feature(layer, uuid):
    return next(layer.getFeatures(f"uuid = '{uuid}'"))


def _edit_then_save(iface, layer_id, tmp_path, master, *, merged_first: bool) -> list:
    """In QGIS: the first patch's section set and the second patch deleted, in the edit
    buffer; the merge before the edits or between them and the save. The warnings said."""
    layer = QgsProject.instance().mapLayer(layer_id)
    codes = sorted(f["patch_code"] for f in layer.getFeatures())[:2]
    first, second = (_feature_by_code(layer, c)["uuid"] for c in codes)
    if merged_first:
        _merge_of(master, tmp_path, "D10", "D11")
    assert layer.startEditing()
    assert layer.changeAttributeValue(_feature(layer, first).id(),
                                      layer.fields().indexOf("section"), "anna10")
    assert layer.deleteFeature(_feature(layer, second).id())
    if not merged_first:
        _merge_of(master, tmp_path, "D10", "D11")
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    QgsApplication.processEvents()
    return [m for m in iface.messages if m[0] == "warning"]


def _feature_by_code(layer, code):
    return next(layer.getFeatures(f"patch_code = '{code}'"))


def _added(master) -> str:
    """The master's patches added to the project as a user adds a layer; its id."""
    layer = QgsVectorLayer(f"{master}|layername=mine_patches", "patches", "ogr")
    QgsProject.instance().addMapLayer(layer)
    lid = layer.id()
    del layer
    gc.collect()
    return lid


def _conflicts(master) -> dict:
    return {c.field: c for c in masters.conflicts(master)}


def test_a_qgis_save_over_a_merge_keeps_the_merged_values_as_conflicts(
        iface, plugin, master, tmp_path):
    lid = _added(master)
    said = _edit_then_save(iface, lid, tmp_path, master, merged_first=False)
    assert said and "conflicts" in said[-1][2], iface.messages
    got = _conflicts(master)
    assert (got["section"].ours, got["section"].theirs) == ("anna10", "D10")
    assert got[None].theirs == {"mineral": "D11"} and got[None].ours is None


def test_a_qgis_save_after_the_merge_was_seen_records_no_conflict(
        iface, plugin, master, tmp_path):
    lid = _added(master)
    assert _edit_then_save(iface, lid, tmp_path, master, merged_first=True) == []
    assert masters.conflicts(master) == []


def test_a_geometry_saved_over_a_merged_one_is_a_conflict(iface, plugin, master, tmp_path):
    from qgis.core import QgsGeometry, QgsPointXY

    layer = QgsProject.instance().mapLayer(_added(master))
    code = sorted(f["patch_code"] for f in layer.getFeatures())[0]
    uuid = _feature_by_code(layer, code)["uuid"]
    assert layer.startEditing()
    moved = QgsGeometry.fromPointXY(QgsPointXY(88.5, 42.8)).buffer(0.01, 5)
    moved.convertToMultiType()
    assert layer.changeGeometry(_feature(layer, uuid).id(), moved)
    pkg = tmp_path / "gis-g.gpkg"  # meanwhile a package moves the same patch elsewhere
    assert main(["checkout", str(master), str(pkg), "--device", "gis-g", "--role",
                 "gis"]) == 0
    conn = connect(pkg)
    conn.execute("UPDATE mine_patches SET geom = (SELECT geom FROM mine_patches WHERE uuid "
                 "!= ?1 LIMIT 1) WHERE uuid = ?1", (uuid,))
    conn.close()
    assert main(["export", str(pkg), str(tmp_path / "g.zip")]) == 0
    assert main(["merge", str(master), str(tmp_path / "g.zip")]) == 0
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    got = _conflicts(master)
    assert list(got) == ["geom"] and got["geom"].kind == "update/update"
    said = [m for m in iface.messages if m[0] == "warning"]
    assert said and ("geometry" in said[-1][2] or "几何图形" in said[-1][2])


def test_an_edit_undone_then_made_again_after_the_merge_is_no_conflict(
        iface, plugin, master, tmp_path):
    layer = QgsProject.instance().mapLayer(_added(master))
    code = sorted(f["patch_code"] for f in layer.getFeatures())[0]
    uuid = _feature_by_code(layer, code)["uuid"]
    fid, at = _feature(layer, uuid).id(), layer.fields().indexOf("section")
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, at, "first try")
    layer.undoStack().undo()  # taken back: nothing of it waits to be saved
    QgsApplication.processEvents()
    _merge_of(master, tmp_path, "D10", "D11")  # the merge writes the same field
    QgsApplication.processEvents()
    assert layer.changeAttributeValue(fid, at, "anna10")  # made again, over D10 as seen
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    assert masters.conflicts(master) == []
    assert not [m for m in iface.messages if m[0] == "warning"]


def test_a_save_waiting_on_another_sessions_lock_in_postgres_keeps_what_it_replaced(
        iface, plugin, province, tmp_path):  # noqa: F811
    """The save waits for another editor's transaction on the same row, which commits
    first: the value it replaced is kept as a conflict."""

    from field_kit.sync.postgis import address

    _accept_when_shown()
    next(a for a in plugin.actions if "PostgreSQL" in a.text()).trigger()
    gc.collect()
    layer = plugin.layers["mine_patches"]
    code = sorted(f["patch_code"] for f in layer.getFeatures())[0]
    uuid = _feature_by_code(layer, code)["uuid"]
    assert layer.startEditing()
    assert layer.changeAttributeValue(_feature(layer, uuid).id(),
                                      layer.fields().indexOf("section"), "anna10")
    other = address.connect(province)  # another editor, holding the row
    with other.cursor() as cur:
        cur.execute("UPDATE mine_patches SET section = 'li-7' WHERE uuid = %s", (uuid,))
    threading.Timer(1.0, other.commit).start()
    try:
        assert layer.commitChanges(), layer.commitErrors()  # waits for the other's commit
    finally:
        other.close()
    del layer
    gc.collect()
    QgsApplication.processEvents()
    assert query(province, "SELECT section FROM mine_patches WHERE uuid = %s",
                 uuid) == [("anna10",)]
    got = _conflicts(province)
    assert (got["section"].ours, got["section"].theirs) == ("anna10", "li-7")
    assert [m for m in iface.messages if m[0] == "warning"]


def test_an_edit_that_could_not_be_checked_is_said_at_its_save(iface, plugin, master):
    """The master out of reach as the edit is made (its folder being synced, moved away a
    moment): the edit cannot be checked, and its save says so instead of passing for
    checked."""
    layer = QgsProject.instance().mapLayer(_added(master))
    fid = next(layer.getFeatures()).id()
    assert layer.startEditing()
    away = master.with_name("elsewhere.gpkg")
    master.rename(away)
    try:
        assert layer.changeAttributeValue(fid, layer.fields().indexOf("section"), "anna10")
    finally:
        away.rename(master)
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    said = [m for m in iface.messages if m[0] == "critical"]
    assert said and "could not be checked" in said[-1][2], iface.messages
