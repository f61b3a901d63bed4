# SPDX-License-Identifier: GPL-2.0-or-later
"""A GeoPackage master's DATETIME values, as text, in forms QGIS saves otherwise when it saves
a feature for an edit of another of its fields (no fraction, +00:00, Z, a time without
seconds): the master keeps each as it was and logs no edit of it, the package holds it as
it was again, and a time typed in QGIS's form reaches the master."""

from __future__ import annotations

import gc

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QDateTime

from field_kit.sync import merge, package_checkout, package_export
from tests.unit.gpkg_factory import edit, rows

TIMES = ["2024-05-01T10:00:00", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00+00:00",
         "2024-05-01T10:00Z", "2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.123456Z",
         "2024-05-01T10:00:00+08:00"]
HELD = "SELECT notes, created_at FROM patch_verifications ORDER BY notes"


def _saved_in_qgis(pkg, field: str, value) -> None:
    """Each feature of the package's verifications saved in QGIS with ``field`` set to
    ``value`` (a function of the feature)."""
    layer = QgsVectorLayer(f"{pkg}|layername=patch_verifications", "v", "ogr")
    assert layer.isValid()
    i = layer.fields().indexOf(field)
    assert layer.startEditing()
    for feature in layer.getFeatures():
        assert layer.changeAttributeValue(feature.id(), i, value(feature))
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    gc.collect()


def test_times_saved_again_by_qgis_are_no_edit(master, tmp_path):
    ((patch, code),) = rows(master, "SELECT uuid, patch_code FROM mine_patches LIMIT 1")
    for n, value in enumerate(TIMES):
        edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on, "
                     "notes, created_at) VALUES (?, ?, '2024-05-01', ?, ?)",
             patch, code, f"N{n}", value)
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    before = rows(master, HELD)
    assert rows(pkg, HELD) == before

    _saved_in_qgis(pkg, "notes", lambda f: f["notes"] + "x")
    assert rows(pkg, HELD) != [(n + "x", v) for n, v in before]  # (QGIS's own form)
    last = rows(master, "SELECT max(seq) FROM sync_changes")[0][0]
    package_export.export(pkg, tmp_path / "c1.zip")
    assert not merge.merge(master, [tmp_path / "c1.zip"]).refused
    assert rows(master, HELD) == rows(pkg, HELD) == [(n + "x", v) for n, v in before]
    logged = rows(master, "SELECT old, new FROM sync_changes WHERE seq > ?", last)
    assert len(logged) == len(TIMES) and all(
        "created_at" not in old and "created_at" not in new for old, new in logged), logged

    # the time itself edited in QGIS's form reaches the master
    typed = QDateTime.fromString("2025-02-03 04:05:06", "yyyy-MM-dd HH:mm:ss")
    _saved_in_qgis(pkg, "created_at", lambda f: typed)
    package_export.export(pkg, tmp_path / "c2.zip")
    assert not merge.merge(master, [tmp_path / "c2.zip"]).refused
    assert rows(master, "SELECT DISTINCT created_at FROM patch_verifications") == [
        ("2025-02-03T04:05:06.000",)]
