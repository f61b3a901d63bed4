# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import says what its field mapping takes, with an example, where its dialog
shows it: the box's tooltip and the algorithm's help, in English and in Chinese. The example
reads as a survey in the user's language names its fields, is JSON the box takes as it
stands, and names plan fields; no place of the words is left unfilled."""

from __future__ import annotations

import json
import re

import pytest
from qgis.core import QgsApplication, QgsProcessingContext
from qgis.gui import QgsGui, QgsProcessingGui

from field_kit import db
from field_kit.importer import mapping as mapmod
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401

LOCALE = {"en": "en_US", "zh": "zh_CN"}
EXAMPLE = {"en": '{"PATCH_NO": "patch_code", "AREA_MU": "stated_area_mu", "REMARK": null}',
           "zh": '{"图斑编号": "patch_code", "面积（亩）": "stated_area_mu", "备注": null}'}
SAID = {"en": "Which plan field each field of the surveyed data fills: a JSON object of source "
              "field: plan field (null leaves a field out), such as {example}; or the JSON "
              "file holding it.",
        "zh": "实测数据的各字段填入哪个规划字段：“数据源字段: 规划字段”的 JSON 对象（null 表示"
              "不导入该字段），如 {example}；或存有它的 JSON 文件。"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_mapping_is_shown_with_an_example_in_the_users_language(
        processing, lang, plan_gpkg, tmp_path):  # noqa: F811
    with qgis_speaking(LOCALE[lang], tmp_path / "qm"):
        alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:import")
        param = alg.parameterDefinition("MAPPING")
        wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
            param, QgsProcessingGui.Standard)
        box = wrapper.createWrappedWidget(QgsProcessingContext())
        shown = {"tooltip": box.toolTip(), "help": alg.shortHelpString()}
    said = SAID[lang].format(example=EXAMPLE[lang])
    for where, text in shown.items():
        assert said in text, (where, text)
        assert not re.search(r"\{\w*\}", text), (where, text)  # (a place left unfilled)
    # the example as shown: a mapping the box takes, of the plan's own fields
    example = mapmod.of_json(json.loads(EXAMPLE[lang]))
    conn = db.connect(plan_gpkg, readonly=True)
    try:
        targets = mapmod.targets("mine_patches", db.file_columns(conn, "mine_patches"))
    finally:
        conn.close()
    assert all(t in targets for t in example.values() if t), example
