# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch split in QGIS, or a patch copied and pasted into its own layer, on two devices:
each new feature gets a uuid of its own, so the merge keeps every one of them."""

from __future__ import annotations

import gc
import re
import sqlite3

from qgis.core import QgsPointXY, QgsVectorLayer, QgsVectorLayerUtils

from field_kit.sync import audit, merge, package_checkout, package_export

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _patches(path) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername=mine_patches", "mine_patches", "ogr")
    assert layer.isValid()
    return layer


def _first(path) -> tuple[str, str]:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT uuid, patch_code FROM mine_patches ORDER BY fid LIMIT 1"
                         ).fetchone()


def _split(pkg, code: str, across: bool) -> None:
    """Split the first patch with QGIS's split tool (north–south or east–west) and give the
    part split off a code of its own in the same edit session."""
    layer = _patches(pkg)
    before = {f.id() for f in layer.getFeatures()}
    f = next(layer.getFeatures())
    box, c = f.geometry().boundingBox(), f.geometry().boundingBox().center()
    line = ([QgsPointXY(box.xMinimum() - 0.01, c.y()), QgsPointXY(box.xMaximum() + 0.01, c.y())]
            if across else
            [QgsPointXY(c.x(), box.yMinimum() - 0.01), QgsPointXY(c.x(), box.yMaximum() + 0.01)])
    layer.selectByIds([f.id()])  # (the split tool splits the selected features only)
    assert layer.startEditing()
    assert layer.splitFeatures(line, False) == 0  # Qgis.GeometryOperationResult.Success
    (part,) = [x for x in layer.getFeatures() if x.id() not in before]
    assert part["uuid"].endswith("_1")  # as QGIS makes it: the original's, made unique
    layer.changeAttributeValue(part.id(), layer.fields().indexOf("patch_code"), code)
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()


def _paste(pkg, code: str) -> None:
    """Copy the first patch and paste it into its own layer (QGIS's Paste Features: unique
    values made where the layer constrains them), then give it a code of its own."""
    layer = _patches(pkg)
    f = next(layer.getFeatures())
    assert layer.startEditing()
    data = QgsVectorLayerUtils.QgsFeatureData(
        f.geometry(), {i: f.attribute(i) for i in range(len(f.attributes()))})
    (new,) = QgsVectorLayerUtils.createFeatures(layer, [data], layer.createExpressionContext())
    assert new["uuid"].endswith("_1")
    new["patch_code"] = code
    assert layer.addFeatures([new])
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()


def _two_devices(master, tmp_path, edit) -> list[tuple]:
    patch, _ = _first(master)
    zips = []
    for device, code, across in (("g1", "CT6504222017000026902", False),
                                 ("h1", "CT6504222017000026903", True)):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, role="gis")
        edit(pkg, code, across)
        zips.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, zips[-1])
    rep = merge.merge(master, zips)
    assert not rep.refused and [r.conflicts for r in rep.results] == [0, 0], rep
    with sqlite3.connect(master) as c:
        rows = c.execute("SELECT patch_code, uuid FROM mine_patches WHERE patch_code IN "
                         "('CT6504222017000026902', 'CT6504222017000026903') ORDER BY 1"
                         ).fetchall()
    assert [r[0] for r in rows] == ["CT6504222017000026902", "CT6504222017000026903"]
    assert rows[0][1] != rows[1][1] and all(UUID.fullmatch(r[1]) for r in rows)
    # the patch's history holds its own changes only, not the new features' inserts
    assert [c["op"] for c in audit.history(master, patch) if c["op"] == "insert"] == []
    return rows


def test_a_patch_split_on_two_devices_keeps_both_parts(master, tmp_path):
    _two_devices(master, tmp_path, _split)


def test_a_patch_pasted_into_its_layer_on_two_devices_keeps_both(master, tmp_path):
    _two_devices(master, tmp_path, lambda pkg, code, across: _paste(pkg, code))
