# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff edit a master's layer in QGIS while a merge (or another editor) changes the
same fields, and save after it: the values their save replaced are kept as conflicts and
the message bar says so; a save made after the merge was seen records none."""

from __future__ import annotations

import gc
import threading

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters
from tests.postgis.cluster import query
from tests.qgis.test_postgres_master import _accept_when_shown, province  # noqa: F401


def _merge_of(master, tmp_path, section: str, period: str) -> tuple[str, str]:
    """A GIS package sets the first patch's section and the second's period, merged from
    the command line as a supervisor does. The two patches' uuids."""
    pkg = tmp_path / "gis-d.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-d", "--role",
                 "gis"]) == 0
    conn = connect(pkg)
    first, second = [u for (u,) in conn.execute(
        "SELECT uuid FROM mine_patches ORDER BY patch_code LIMIT 2")]
    conn.execute("UPDATE mine_patches SET section = ? WHERE uuid = ?", (section, first))
    conn.execute("UPDATE mine_patches SET period = ? WHERE uuid = ?", (period, second))
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
    first, second = _codes(master)[:2]
    said = _edit_then_save(iface, lid, tmp_path, master, merged_first=False)
    assert said and "conflicts" in said[-1][2], iface.messages
    # each patch by its code (the deleted one as it was), with the field by the name the
    # layer shows; the feature deleted said as such, not as a field
    assert f"editor): {first} (规划出处), {second} (you deleted it). Your" in said[-1][2], \
        said[-1][2]
    got = _conflicts(master)
    assert (got["section"].ours, got["section"].theirs) == ("anna10", "D10")
    assert got[None].theirs == {"period": "D11"} and got[None].ours is None


def _codes(master) -> list[str]:
    """The master's patch codes, in order."""
    conn = connect(master)
    try:
        return [c for (c,) in conn.execute("SELECT patch_code FROM mine_patches ORDER BY "
                                           "patch_code")]
    finally:
        conn.close()


def test_a_save_over_many_patches_names_a_few_then_counts_the_others_in_chinese(
        iface, plugin_in_chinese, master, tmp_path):
    """Seven patches' sections edited in QGIS in Chinese while a merge writes them: the
    warning names the first five by their codes, then counts the two others."""
    codes = _codes(master)[:7]
    layer = QgsProject.instance().mapLayer(_added(master))
    assert layer.startEditing()
    for code in codes:
        assert layer.changeAttributeValue(_feature_by_code(layer, code).id(),
                                          layer.fields().indexOf("section"), "anna10")
    pkg = tmp_path / "gis-m.gpkg"  # meanwhile a package sets the same patches' sections
    assert main(["checkout", str(master), str(pkg), "--device", "gis-m", "--role",
                 "gis"]) == 0
    conn = connect(pkg)
    conn.execute("UPDATE mine_patches SET section = 'D10' WHERE patch_code IN "
                 f"({', '.join('?' * len(codes))})", codes)
    conn.close()
    assert main(["export", str(pkg), str(tmp_path / "gis-m.zip")]) == 0
    assert main(["merge", str(master), str(tmp_path / "gis-m.zip")]) == 0
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    QgsApplication.processEvents()
    said = [m for m in iface.messages if m[0] == "warning"]
    assert said, iface.messages
    named = "、".join(f"{code}（规划出处）" for code in codes[:5])
    assert f"编辑者）：{named}，另有 2 个要素。" in said[-1][2], said[-1][2]
    assert codes[5] not in said[-1][2] and codes[6] not in said[-1][2]
    assert len(masters.conflicts(master)) == 7


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
    # the merge gave the package's shape its area and centre: the save replaced those too
    assert list(got) == ["geom", "area_m2", "centre_lon", "centre_lat"]
    assert {c.kind for c in got.values()} == {"update/update"}
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
    said = [m for m in iface.messages if m[0] == "warning"]
    assert said and f"editor): {code} (" in said[-1][2], said  # the patch by its code


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


def _merged_row(master, tmp_path, set_sql: str) -> str:
    """A GIS package writes the second patch (``set_sql``: its SET clause), merged from
    the command line; the patch's uuid."""
    pkg = tmp_path / "gis-e.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-e", "--role",
                 "gis"]) == 0
    conn = connect(pkg)
    (uuid,) = conn.execute("SELECT uuid FROM mine_patches ORDER BY patch_code LIMIT 1 "
                           "OFFSET 1").fetchone()
    conn.execute(f"UPDATE mine_patches SET {set_sql} WHERE uuid = ?1", (uuid,))
    conn.close()
    assert main(["export", str(pkg), str(tmp_path / "gis-e.zip")]) == 0
    assert main(["merge", str(master), str(tmp_path / "gis-e.zip")]) == 0
    return uuid


def _second(layer):
    return sorted(layer.getFeatures(), key=lambda f: f["patch_code"])[1]


def _taken_back(master, uuid: str) -> tuple:
    """The delete's conflict settled by taking theirs, from the command line: the row as it
    comes back (period, geometry)."""
    (got,) = [c for c in masters.conflicts(master) if c.field is None]
    assert got.kind == "delete/update" and got.row_uuid == uuid
    assert main(["resolve", str(master), str(got.id), "--take", "theirs"]) == 0
    conn = connect(master)
    try:
        return conn.execute("SELECT period, geom FROM mine_patches WHERE uuid = ?",
                            (uuid,)).fetchone()
    finally:
        conn.close()


def test_a_field_edited_then_the_feature_deleted_keeps_the_merged_value(
        iface, plugin, master, tmp_path):
    """QGIS's save writes the edited field (Q3 over the merged G3), then deletes the row:
    the conflict keeps G3, and taking it brings the row back with G3."""
    layer = QgsProject.instance().mapLayer(_added(master))
    fid = _second(layer).id()
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, layer.fields().indexOf("period"), "Q3")
    assert layer.deleteFeature(fid)
    uuid = _merged_row(master, tmp_path, "period = 'G3'")
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    (got,) = masters.conflicts(master)
    assert got.theirs == {"period": "G3"} and got.ours is None
    assert _taken_back(master, uuid)[0] == "G3"


def test_a_geometry_edited_then_the_feature_deleted_keeps_the_merged_geometry(
        iface, plugin, master, tmp_path):
    from qgis.core import QgsGeometry, QgsPointXY

    layer = QgsProject.instance().mapLayer(_added(master))
    fid = _second(layer).id()
    assert layer.startEditing()
    moved = QgsGeometry.fromPointXY(QgsPointXY(88.5, 42.8)).buffer(0.01, 5)
    moved.convertToMultiType()
    assert layer.changeGeometry(fid, moved)
    assert layer.deleteFeature(fid)
    uuid = _merged_row(master, tmp_path, "geom = (SELECT geom FROM mine_patches WHERE "
                                         "uuid != ?1 LIMIT 1)")
    conn = connect(master)
    merged = conn.execute("SELECT geom FROM mine_patches WHERE uuid = ?", (uuid,)).fetchone()
    conn.close()
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    assert _taken_back(master, uuid)[1] == merged[0]


def test_two_layers_of_one_table_in_one_save_keep_the_merged_value(
        iface, plugin, master, tmp_path):
    """One layer of the patches edits a patch's period, another layer of the same table
    deletes the patch; saved together (as "Save All Edits" does), after a merge wrote the
    period: the delete's conflict keeps the merged value, not the first layer's."""
    first = QgsProject.instance().mapLayer(_added(master))
    other = QgsProject.instance().mapLayer(_added(master))
    fid = _second(first).id()
    for layer in (first, other):
        assert layer.startEditing()
    assert first.changeAttributeValue(fid, first.fields().indexOf("period"), "Q3")
    assert other.deleteFeature(fid)
    uuid = _merged_row(master, tmp_path, "period = 'G3'")
    for layer in (first, other):
        assert layer.commitChanges(), layer.commitErrors()
    QgsProject.instance().removeMapLayers([first.id(), other.id()])
    del first, other, layer
    gc.collect()
    QgsApplication.processEvents()
    got = _conflicts(master)
    assert got["period"].theirs == "G3"  # (saved over, then deleted: ours is no value)
    assert got[None].theirs == {"period": "G3"}
    assert _taken_back(master, uuid)[0] == "G3"


RELOADED = r'''
import gc, subprocess
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
import qgis.utils

result = {}
MASTER, PACKAGE, PYTHON, ROOT = @MASTER@, @PACKAGE@, @PYTHON@, @ROOT@
NAME = "toksun_restoration"


def settle():
    for _ in range(5):
        QgsApplication.processEvents()
    gc.collect()


def said():
    bar = qgis.utils.iface.messageBar()
    out = [(item.title(), item.text()) for item in bar.items()]
    bar.clearWidgets()
    return out


def check(result):
    for table in ("mine_patches", "restoration_zones"):
        QgsProject.instance().addMapLayer(
            QgsVectorLayer(f"{MASTER}|layername={table}", table, "ogr"))
    settle()
    patches, zones = (QgsProject.instance().mapLayersByName(n)[0]
                      for n in ("mine_patches", "restoration_zones"))
    first = sorted(patches.getFeatures(), key=lambda f: f["patch_code"])[0]
    assert patches.startEditing() and zones.startEditing()
    assert patches.changeAttributeValue(first.id(), patches.fields().indexOf("section"),
                                        "anna10")
    result["row"] = first["uuid"]
    del patches, zones, first
    settle()
    # the plugin reloaded as QGIS does it (the Plugin Reloader, the Plugin Manager)
    result["unloaded"] = qgis.utils.unloadPlugin(NAME)
    settle()
    zones = QgsProject.instance().mapLayersByName("restoration_zones")[0]
    zone = next(zones.getFeatures())  # edited while the plugin is not loaded
    assert zones.changeAttributeValue(zone.id(), zones.fields().indexOf("section"), "li-7")
    del zones, zone
    settle()
    result["loaded"] = qgis.utils.loadPlugin(NAME) and qgis.utils.startPlugin(NAME)
    settle()
    said()
    merged = subprocess.run([PYTHON, "-m", "field_kit.cli", "merge", MASTER, PACKAGE],
                            cwd=ROOT, capture_output=True, text=True)
    result["merged"] = merged.returncode
    for name in ("mine_patches", "restoration_zones"):
        layer = QgsProject.instance().mapLayersByName(name)[0]
        assert layer.commitChanges(), layer.commitErrors()
        del layer
        settle()
        result[name] = said()
'''


@pytest.mark.slow
def test_edits_made_before_the_plugin_is_reloaded_are_still_checked_at_their_save(
        plugin_zip, master, tmp_path):
    """In the real QGIS: a patch's section edited, the plugin reloaded, a zone edited while
    it was unloaded; a merge writes the patch's section; both layers saved. The patch's
    save keeps the merged value as a conflict and says so; the zone's says its edits could
    not be checked."""
    import sys

    from tests.plan_build import ROOT
    from tests.qgis.desktop import run_qgis

    work = tmp_path / "desktop"
    work.mkdir()
    pkg = tmp_path / "gis-r.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-r", "--role",
                 "gis"]) == 0
    conn = connect(pkg)
    conn.execute("UPDATE mine_patches SET section = 'D10' WHERE uuid = (SELECT uuid FROM "
                 "mine_patches ORDER BY patch_code LIMIT 1)")
    conn.close()
    assert main(["export", str(pkg), str(tmp_path / "gis-r.zip")]) == 0
    script = RELOADED
    for name, value in (("MASTER", master), ("PACKAGE", tmp_path / "gis-r.zip"),
                        ("PYTHON", sys.executable), ("ROOT", ROOT)):
        script = script.replace(f"@{name}@", repr(str(value)))
    result = run_qgis(plugin_zip, script, work, locale="en_US")
    assert "error" not in result, result.get("error")
    assert result["unloaded"] and result["loaded"] and result["merged"] == 0
    got = _conflicts(master)
    assert got["section"].row_uuid == result["row"]
    assert (got["section"].ours, got["section"].theirs) == ("anna10", "D10")
    assert any("conflicts" in text for _, text in result["mine_patches"]), result
    assert any("could not be checked" in text and "not loaded" in text
               for _, text in result["restoration_zones"]), result


def test_an_edit_made_as_the_postgres_server_stops_is_said_unchecked_at_its_save(
        iface, plugin, province, cluster, monkeypatch):  # noqa: F811
    """The server stops as the plugin reads the change log's top for an edit (just after
    its connection is made): the edit is made all the same, and its save says it could not
    be checked, the connection lost, naming the master; no Python error."""
    from field_kit.sync.postgis import address

    _accept_when_shown()
    next(a for a in plugin.actions if "PostgreSQL" in a.text()).trigger()
    gc.collect()
    layer = plugin.layers["mine_patches"]
    fid = next(layer.getFeatures()).id()
    assert layer.startEditing()
    real = address.connect

    def connect_then_stop(target):
        pg = real(target)
        cluster.halt("immediate")
        return pg
    monkeypatch.setattr(address, "connect", connect_then_stop)
    try:
        assert layer.changeAttributeValue(fid, layer.fields().indexOf("section"), "anna10")
    finally:
        monkeypatch.undo()
        cluster.start()
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    QgsApplication.processEvents()
    said = [m for m in iface.messages if m[0] == "critical"]
    db = query(province, "SELECT current_database()")[0][0]
    assert said and "could not be checked: connection to the database " \
        f"{db} (schema toksun) lost" in said[-1][2], iface.messages
