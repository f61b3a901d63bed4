# SPDX-License-Identifier: GPL-2.0-or-later
"""What GIS staff do in QGIS to a tracked GeoPackage (add a field, add a layer, edit through
the layer's edit buffer) is captured and reaches the master."""

from __future__ import annotations

import gc
import json
import sqlite3

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from field_kit.sync import log_reads, merge, package_checkout, package_export


def _layer(path, name) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid(), name
    return layer


def test_a_field_added_and_filled_in_qgis_reaches_the_master(master, tmp_path):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    layer = _layer(pkg, "mine_patches")
    assert layer.dataProvider().addAttributes([QgsField("remarks", QVariant.String)])
    layer.updateFields()
    idx = layer.fields().indexOf("remarks")
    layer.startEditing()
    for f in list(layer.getFeatures())[:3]:
        layer.changeAttributeValue(f.id(), idx, f"checked {f.id()}")
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["changes"] == 3
    rep = merge.merge(master, [tmp_path / "c.zip"])
    assert rep.totals["applied"] == 3 and not rep.refused
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT count(*) FROM mine_patches WHERE remarks LIKE 'checked %'"
                         ).fetchone() == (3,)


def test_a_layer_written_by_qgis_into_a_package_is_captured(master, tmp_path):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    mem = QgsVectorLayer("Point?crs=EPSG:4490&field=stand:string&field=area_ha:double",
                         "stands", "memory")
    feats = []
    for i in range(4):
        f = QgsFeature(mem.fields())
        f.setAttributes([f"S{i}", 1.0 + i])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(88 + i / 100, 42.5)))
        feats.append(f)
    mem.dataProvider().addFeatures(feats)
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = "grass_stands"
    opts.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    err = QgsVectorFileWriter.writeAsVectorFormatV3(mem, str(pkg), mem.transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
    layer = _layer(pkg, "grass_stands")  # then edited through the edit buffer, as QField does
    assert layer.wkbType() == QgsWkbTypes.Point
    layer.startEditing()
    first = next(layer.getFeatures())
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("area_ha"), 9.5)
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    man = package_export.export(pkg, tmp_path / "c.zip")
    # before any field-kit command saw the layer: its rows are inserts, with the edit in them
    assert man["counts"]["tables"]["grass_stands"] == 4 and man["counts"]["insert"] == 4
    with sqlite3.connect(pkg) as c:
        news = {json.loads(n)["stand"]: json.loads(n)["area_ha"] for (n,) in c.execute(
            "SELECT new FROM sync_changes WHERE tbl = 'grass_stands'")}
    assert news == {"S0": 9.5, "S1": 2.0, "S2": 3.0, "S3": 4.0}
    layer = _layer(pkg, "grass_stands")  # from then on, edits are captured as they happen
    layer.startEditing()
    first = next(layer.getFeatures())
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("area_ha"), 7.25)
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()
    conn = sqlite3.connect(pkg)
    try:
        newest = log_reads.log(conn, limit=1)[0]
        assert (newest["op"], json.loads(newest["new"])) == ("update", {"area_ha": 7.25})
        assert log_reads.pending(conn) == 1
    finally:
        conn.close()
