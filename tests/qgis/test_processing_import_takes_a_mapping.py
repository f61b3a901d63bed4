# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import takes a field mapping as the command line's --mapping does (a JSON
file, or its text here), run as a user runs it (processing.run); a source refused for a
field unmapped names that parameter, not --mapping, in English and in Chinese, and text
that is no mapping is refused by name, nothing written."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_import_takes_a_crs import digest, refused_in_processing
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit import import_layers as L

BOX = {"en": "“Field mapping (a JSON file, or its text)”",
       "zh": "“字段对应（JSON 文件，或其文本）”"}
EXAMPLE = '{"地块标识": "patch_code"}'
SAID = {"en": "error: field patch_code: no source field is mapped to patch_code: if a field "
              f"holds it, map it under {BOX['en']}, such as {EXAMPLE}",
        "zh": "错误：字段 patch_code：没有字段对应到必填字段 patch_code：如某字段存有 patch_code，"
              f"请在{BOX['zh']}中指定对应，如 {EXAMPLE}"}


@pytest.fixture
def source(plan_gpkg, tmp_path):
    """The patches surveyed, their codes under a name no survey table uses for them."""
    feats = [{"type": "Feature", "properties": {"地块标识": p["code"]}, "geometry": {
        "type": "Polygon", "coordinates": [[list(pt) for pt in p["ring"]]]}}
        for p in L.surveyed(plan_gpkg)]
    path = tmp_path / "图斑.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                               ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_field_to_map_is_asked_for_under_the_parameter(
        processing, lang, master, source, tmp_path):  # noqa: F811
    said = refused_in_processing(processing, lang, master, source, tmp_path)
    assert SAID[lang] in said, said
    assert not any("--mapping" in text for text in said), said


@pytest.mark.parametrize("given", ["text", "file"])
def test_the_mapping_given_is_taken_as_the_command_lines(
        processing, given, master, source, tmp_path):  # noqa: F811
    mapping = tmp_path / "mapping.json"
    mapping.write_text(EXAMPLE, encoding="utf-8")
    got = processing.run("toksun:import", {
        "MASTER": str(master), "SOURCE": str(source), "LAYER": 0,
        "MAPPING": EXAMPLE if given == "text" else str(mapping)}, feedback=Heard())
    assert (got["UPDATED"], got["INSERTED"], got["DELETED"]) == (10, 1, 0), got


def test_text_that_is_no_mapping_is_refused_by_name(
        processing, master, source, tmp_path):  # noqa: F811
    before = digest(master)
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(source),
                                         "LAYER": 0, "MAPPING": '{"地块标识": 1}'},
                       feedback=Heard())
    assert str(refused.value).startswith(f"{BOX['en']} is no mapping (a mapping file is a "
                                         "JSON object of source field -> plan field"), \
        str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert digest(master) == before
