# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout "For QField" takes a basemap, as the command line's --basemap:
the imagery copied into the project as its raster layer, for a field with no signal. A
basemap given for a plain GeoPackage is refused by name, in the user's language, and
nothing is checked out."""

from __future__ import annotations

import zipfile

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
)

from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.unit.test_qfield import _geotiff


def _params(master, out, basemap, qfield: bool) -> dict:
    return {"MASTER": str(master), "DEVICE": out.stem, "TOWNSHIP": "郭勒布依乡", "ROLE": 0,
            "QFIELD": qfield, "BASEMAP": str(basemap), "OUTPUT": str(out)}


def test_a_qfield_checkout_carries_the_basemap_given(lang, master, tmp_path):  # noqa: F811
    tif = tmp_path / "IMAGERY.TIF"  # (as a camera or a bureau's server names it)
    tif.write_bytes(_geotiff(4490))
    out = tmp_path / "phone-li.gpkg"
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    got, ok = alg.run(_params(master, out, tif, True), QgsProcessingContext(),
                      QgsProcessingFeedback())
    assert ok
    folder = tmp_path / "phone-li"
    assert (folder / "basemap.tif").read_bytes() == tif.read_bytes()
    project = next(folder.glob("*.qgs")).read_text(encoding="utf-8")
    assert "./basemap.tif" in project and "EPSG:4490" in project
    with zipfile.ZipFile(got["ZIP"]) as zf:
        assert any(n.endswith("basemap.tif") for n in zf.namelist())


def test_a_basemap_for_a_plain_package_is_refused_by_name(lang, master, tmp_path):  # noqa: F811
    tif = tmp_path / "imagery.tif"
    tif.write_bytes(_geotiff(4490))
    out = tmp_path / "tab-li.gpkg"
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    params = _params(master, out, tif, False)
    assert alg.prepare(params, context, feedback)
    with pytest.raises(QgsProcessingException) as err:
        alg.processAlgorithm(params, context, feedback)
    assert str(err.value) == {
        "en": "A basemap travels in a QField project only: tick “For QField”, or leave "
              "“Basemap for QField (MBTiles or GeoTIFF, optional)” empty; nothing was checked "
              "out.",
        "zh": "底图只随 QField 项目一起带出：请勾选“用于 QField”，或不填“QField 底图（MBTiles 或 "
              "GeoTIFF，可选）”；未签出任何数据。"}[lang], str(err.value)
    assert not out.exists() and not list(tmp_path.glob("tab-li*"))
