# SPDX-License-Identifier: GPL-2.0-or-later
"""A CSV of boundary points whose WKT writes each point latitude first is refused saying how
to put it right in QGIS; done as it says (the CSV added as a delimited text layer, Swap X
and Y coordinates run on it, the result saved as a CSV with GEOMETRY=AS_WKT), the import
takes it and every patch lies where it was surveyed."""

from __future__ import annotations

import pytest
from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer
from qgis.PyQt.QtCore import QUrl

from field_kit import errors
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_swapped_wkt import FIX, swapped_wkt_points

pytest.importorskip("pyproj")


def _swapped_back_in_qgis(framework, csv, out):
    """What the refusal says, done in QGIS: the CSV added as a layer (its geometry from the
    WKT column), Swap X and Y coordinates run on it, and its result saved (Save Features
    As…) as a CSV with the layer option GEOMETRY=AS_WKT."""
    url = QUrl.fromLocalFile(str(csv))
    url.setQuery("type=csv&wktField=WKT&crs=EPSG:4490")
    layer = QgsVectorLayer(bytes(url.toEncoded()).decode(), csv.stem, "delimitedtext")
    assert layer.isValid() and layer.featureCount() > 0
    swapped = framework.run("native:swapxy", {"INPUT": layer,
                                              "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerOptions = "CSV", ["GEOMETRY=AS_WKT"]
    err, msg, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        swapped, str(out), QgsCoordinateTransformContext(), options)
    assert err == QgsVectorFileWriter.NoError, msg
    return out


def test_a_swapped_wkt_csv_put_right_as_said_is_imported_where_it_belongs(
        processing, master, plan_gpkg, tmp_path, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    L._proj_data()
    patches = L.surveyed(plan_gpkg)
    src = swapped_wkt_points(tmp_path / "界址点.csv", patches)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4490")
    assert rc == errors.INVALID and FIX["en"] in out, out
    fixed = _swapped_back_in_qgis(processing, src, tmp_path / "界址点_swapped.csv")
    rc, out = cli(capsys, "import", master, fixed, "--layer", "mine_patches", "--crs",
                  "EPSG:4490")
    assert rc == errors.OK, out
    assert "written: updated 10, new 1" in out, out
    imported = {p["code"]: p["ring"] for p in L.plan_patches(master)}
    for p in patches:
        got = imported[p["code"]]
        assert len(got) == len(p["ring"]), p["code"]
        assert all(abs(a - b) < 1e-7 for pt, q in zip(got, p["ring"]) for a, b in zip(pt, q)), \
            (p["code"], got, p["ring"])
