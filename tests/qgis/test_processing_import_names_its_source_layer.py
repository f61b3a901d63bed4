# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import of a GeoPackage holding several layers asks for one by its own
“Source layer” parameter, not by the command line's --source-layer, in English and in
Chinese; the layer given there is the one imported, and one the file lacks is said by name
in the user's language. Nothing is written when refused."""

from __future__ import annotations

import hashlib

from qgis.core import QgsApplication, QgsProcessingContext

from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.unit import import_layers as L

ASKED = {"en": "tb.gpkg has 2 layers (kcfj_tb, other_layer): give one of them under "
               "“Source layer”",
         "zh": "tb.gpkg 含 2 个图层（kcfj_tb、other_layer），请在“数据图层”中填写其中一个"}
LACKED = {"en": "tb.gpkg has no layer 'kcfj' (it has: kcfj_tb, other_layer)",
          "zh": "tb.gpkg 中没有图层 'kcfj'（现有：kcfj_tb、other_layer）"}


def _import(params: dict) -> tuple[bool, Heard]:
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:import")
    heard = Heard()
    _, ok = alg.run(params, QgsProcessingContext(), heard)
    return ok, heard


def test_a_geopackage_of_several_layers_is_asked_for_one_by_the_source_layer_parameter(
        lang, master, plan_gpkg, tmp_path):  # noqa: F811
    src = L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg))
    before = hashlib.sha256(master.read_bytes()).hexdigest()
    params = {"MASTER": str(master), "SOURCE": str(src), "LAYER": 0}
    ok, heard = _import(params)
    assert not ok
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert any(ASKED[lang] in text for text in errors), heard.lines
    assert not any("--source-layer" in text for _, text in heard.lines), heard.lines

    ok, heard = _import({**params, "SOURCE_LAYER": "kcfj"})
    assert not ok
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert any(LACKED[lang] in text for text in errors), heard.lines
    assert hashlib.sha256(master.read_bytes()).hexdigest() == before

    ok, heard = _import({**params, "SOURCE_LAYER": "kcfj_tb"})
    assert ok, heard.lines
