# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout cut to the mine patches selected on the map, as the Sync dock's
"by selection" cuts it: the patches layer picked with Selected features only, the package
holding those patches alone, the log saying how many; with a township too, or with none
selected, refused by name and nothing written."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

from field_kit.db import connect
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing import provider  # noqa: F401  (the fixture)


@pytest.fixture
def patches(master):
    layer = QgsVectorLayer(f"{master}|layername=mine_patches", "mine_patches", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def _checkout(params: dict) -> tuple[dict, bool, Heard]:
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    heard = Heard()
    got, ok = alg.run(params, context, heard)
    return got, ok, heard


CUT_TO = {"en": "Cut to 2 mine patches of mine_patches, with their projects and records.",
          "zh": "已裁切为 mine_patches 中的 2 个图斑，连同其项目和记录。"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("qfield", [False, True])
def test_processing_checks_out_the_patches_selected(qfield, lang, provider, master,  # noqa: F811
                                                    patches, tmp_path):
    with connect(master) as c:
        chosen = sorted(u for (u,) in c.execute(
            "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 2 OFFSET 3"))
        total = c.execute("SELECT count(*) FROM mine_patches").fetchone()[0]
    assert total > 2
    patches.selectByExpression(f"uuid IN ('{chosen[0]}', '{chosen[1]}')")
    assert patches.selectedFeatureCount() == 2
    out = tmp_path / "tab-1.gpkg"
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        got, ok, heard = _checkout({
            "MASTER": str(master), "DEVICE": "tab-1", "QFIELD": qfield, "OUTPUT": str(out),
            "PATCHES": QgsProcessingFeatureSourceDefinition(patches.id(), True)})
    assert ok, heard.lines
    with sqlite3.connect(got["OUTPUT"]) as c:
        assert sorted(u for (u,) in c.execute("SELECT uuid FROM mine_patches")) == chosen
    assert ("info", CUT_TO[lang]) in heard.lines, heard.lines


def test_processing_checkout_by_patches_refused_by_name(provider, master, patches,  # noqa: F811
                                                        tmp_path):
    patches.removeSelection()
    selected = QgsProcessingFeatureSourceDefinition(patches.id(), True)
    out = tmp_path / "tab-1.gpkg"
    for params, said in (
            ({"PATCHES": selected},
             "No mine patch given in mine_patches (with Selected features only, none is "
             "selected): select the patches to keep on the map; nothing was checked out."),
            ({"PATCHES": patches.id(), "TOWNSHIP": "托克逊镇"},
             "Give the township (“Township (empty: all)”) or the mine patches to keep (“Mine "
             "patches to keep (Selected features only: those selected; empty: all)”), not "
             "both.")):
        _, ok, heard = _checkout({"MASTER": str(master), "DEVICE": "tab-1",
                                  "OUTPUT": str(out), **params})
        assert not ok and ("error", said) in heard.lines, heard.lines
        assert not out.exists()
    with connect(master) as c:  # the device not registered
        assert c.execute("SELECT count(*) FROM sync_devices").fetchone()[0] == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_processing_checks_out_the_features_selected_of_a_countys_own_layer(
        lang, provider, master, tmp_path):  # noqa: F811
    """The stands selected alone, not the one lying between them; a layer whose features
    have no uuid yet, or none selected, refused by name and nothing written."""
    from field_kit.sync import masters
    from tests.unit.test_any_table import add_forest
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    masters.checkout(master, tmp_path / "whole.gpkg", "tab-0")  # (tracked: their uuids)
    add_forest(master, tmp_path, name="shrubs")  # (added since: no uuid)
    added = [QgsVectorLayer(f"{master}|layername={name}", name, "ogr")
             for name in ("forest_stands", "shrubs")]
    QgsProject.instance().addMapLayers(added)
    stands, shrubs = added
    out = tmp_path / "tab-1.gpkg"
    try:
        with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
            for layer, said in (
                    (stands, {"en": "No feature given in forest_stands (with Selected "
                                    "features only, none is selected)",
                              "zh": "forest_stands 中没有给出要素"}[lang]),
                    (shrubs, {"en": "shrubs has no column uuid: it is not a tracked layer "
                                    "of the master",
                              "zh": "shrubs 没有 uuid 字段：不是主库中被跟踪的图层"}[lang])):
                shrubs.selectAll()
                _, ok, heard = _checkout({
                    "MASTER": str(master), "DEVICE": "tab-1", "OUTPUT": str(out),
                    "FEATURES": QgsProcessingFeatureSourceDefinition(layer.id(), True)})
                assert not ok and any(k == "error" and said in text
                                      for k, text in heard.lines), heard.lines
                assert not out.exists()
            stands.selectByExpression("stand_id IN ('F1', 'F3')")
            got, ok, heard = _checkout({
                "MASTER": str(master), "DEVICE": "tab-1", "OUTPUT": str(out),
                "FEATURES": QgsProcessingFeatureSourceDefinition(stands.id(), True)})
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in added])
    assert ok, heard.lines
    with sqlite3.connect(got["OUTPUT"]) as c:
        assert {r[0] for r in c.execute("SELECT stand_id FROM forest_stands")} == {"F1", "F3"}
    told = {"en": "Of forest_stands, the 2 features given alone.",
            "zh": "forest_stands 只带入所给的 2 个要素。"}[lang]
    assert ("info", told) in heard.lines, heard.lines
