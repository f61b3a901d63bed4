# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout takes a township typed in its Township field by its English name
as the command line does, and refuses a name no township has, naming the townships in the
user's language."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
)

from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401


def test_processing_takes_a_township_by_its_english_name(lang, master, tmp_path):  # noqa: F811
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    out = tmp_path / "tab-1.gpkg"
    got, ok = alg.run({"MASTER": str(master), "DEVICE": "tab-1", "TOWNSHIP":
                       "Guolebuyi Township", "OUTPUT": str(out)}, QgsProcessingContext(),
                      QgsProcessingFeedback())
    assert ok and got["OUTPUT"] == str(out)
    with sqlite3.connect(out) as c:
        assert {t for (t,) in c.execute("SELECT township FROM mine_patches")} == {"郭勒布依乡"}
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    params = {"MASTER": str(master), "DEVICE": "tab-2", "TOWNSHIP": "650422",
              "OUTPUT": str(tmp_path / "tab-2.gpkg")}
    assert alg.prepare(params, context, feedback)
    with pytest.raises(QgsProcessingException) as err:
        alg.processAlgorithm(params, context, feedback)
    assert str(err.value).startswith({
        "en": "no township is named '650422'; the county's townships: 托克逊镇 (Toksun Town, "
              "Tuokexun), ",
        "zh": "没有名为 650422 的乡镇；本县的乡镇：托克逊镇（Toksun Town、Tuokexun）、"}[lang]), \
        err.value
