# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout says, in its help, every way a package is cut (a township, mine
patches, the features of one layer of the county's own, and where a box cuts one), in
English and in Chinese; its features to keep (FEATURES) take one layer a run: a script's
list of several layers, what is no layer, or a layer of the plan is refused by name in the
user's language, nothing written and the device not registered (several layers were taken
as none given: the whole master was checked out)."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401

LOCALE = {"en": "en_US", "zh": "zh_CN"}
HELP = {"en": ["a township (Township)", "mine patches (Mine patches to keep",
               "the features of one layer of the county's own (Features to keep: one layer "
               "a run", "A box (W,S,E,N) cuts a package on the command line (field-kit "
               "checkout --bbox) and in the Sync dock"],
        "zh": ["一个乡镇（“乡镇”）", "若干图斑（“要保留的图斑”",
               "一个本县自有图层的要素（“要保留的本县自有图层要素”：每次只能给一个图层",
               "按范围框（西,南,东,北）裁切只能在命令行（field-kit checkout --bbox）或“同步”面板"]}
FEATURES = {"en": "“Features to keep of a layer of the county's own (Selected features only: "
                  "those selected; empty: by the rest of the cut)”",
            "zh": "“要保留的本县自有图层要素（勾选“仅选中的要素”：即所选的；留空：按其余裁切"
                  "条件）”"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_help_says_every_way_a_package_is_cut(processing, lang, tmp_path):  # noqa: F811
    with qgis_speaking(LOCALE[lang], tmp_path / "qm"):
        alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
        said = alg.shortHelpString()
    for way in HELP[lang]:
        assert way in said, said


@pytest.fixture
def layers(master, tmp_path):
    """The master with a layer of the county's own, tracked, and in the project with its
    patches: (stands, shrubs, patches), both of the county's own tracked."""
    from field_kit.sync import masters
    from tests.unit.test_any_table import add_forest
    add_forest(master, tmp_path)
    add_forest(master, tmp_path, name="shrubs")
    masters.checkout(master, tmp_path / "whole.gpkg", "tab-0")  # (tracked: their uuids)
    added = [QgsVectorLayer(f"{master}|layername={name}", name, "ogr")
             for name in ("forest_stands", "shrubs", "mine_patches")]
    assert all(layer.isValid() for layer in added)
    QgsProject.instance().addMapLayers(added)
    yield added
    QgsProject.instance().removeMapLayers([layer.id() for layer in added])


def devices(master) -> list[str]:
    with sqlite3.connect(master) as conn:
        return [d for (d,) in conn.execute("SELECT device FROM sync_devices ORDER BY device")]


def refused(processing, master, out, features, lang, tmp_path) -> str:  # noqa: F811
    with qgis_speaking(LOCALE[lang], tmp_path / "qm"), \
            pytest.raises(QgsProcessingException) as err:
        processing.run("toksun:checkout", {"MASTER": str(master), "DEVICE": "tab-1",
                                           "FEATURES": features, "OUTPUT": str(out)},
                       feedback=Heard())
    assert not out.exists() and devices(master) == ["tab-0"]
    return str(err.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_features_of_several_layers_are_refused_by_name(
        processing, lang, master, layers, tmp_path):  # noqa: F811
    stands, shrubs, _ = layers
    out = tmp_path / "tab-1.gpkg"
    said = refused(processing, master, out, [stands.id(), shrubs.id()], lang, tmp_path)
    told = {"en": f"{FEATURES['en']} takes one layer a run, and 2 were given (forest_stands, "
                  "shrubs): give one of them; nothing was checked out.",
            "zh": f"{FEATURES['zh']}每次只能给一个图层，但给出了 2 个（forest_stands、shrubs）："
                  "请只给其中一个；未签出任何数据包。"}[lang]
    assert told in said, said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_layer_of_the_plan_is_refused_in_processings_words(
        processing, lang, master, layers, tmp_path):  # noqa: F811
    said = refused(processing, master, tmp_path / "tab-1.gpkg", layers[2].id(), lang,
                   tmp_path)
    assert "--" not in said, said
    told = {"en": "mine_patches is a layer of the plan: its features go by the mine patches "
                  "they belong to, kept by “Mine patches to keep",
            "zh": "mine_patches 是规划图层：其要素随所属图斑签出，由“要保留的图斑"}[lang]
    assert told in said, said


def test_what_is_no_layer_is_refused(processing, master, layers, tmp_path):  # noqa: F811
    said = refused(processing, master, tmp_path / "tab-1.gpkg", 42, "en", tmp_path)
    assert f"{FEATURES['en']} takes a layer, and 42 is none" in said, said


def test_one_layer_in_a_list_is_taken(processing, master, layers, tmp_path):  # noqa: F811
    stands = layers[0]
    stands.selectByExpression("stand_id IN ('F1', 'F3')")
    out = tmp_path / "tab-1.gpkg"
    processing.run("toksun:checkout", {
        "MASTER": str(master), "DEVICE": "tab-1", "OUTPUT": str(out),
        "FEATURES": [QgsProcessingFeatureSourceDefinition(stands.id(), True)]},
        feedback=Heard())
    with sqlite3.connect(out) as c:
        assert {r[0] for r in c.execute("SELECT stand_id FROM forest_stands")} == {"F1", "F3"}
