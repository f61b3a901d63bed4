# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout the core refuses in the command line's words (--bbox, --township, --replace)
is said in Processing's own, by its Township field and the Sync dock's selection, in
English and in Chinese."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
)

from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.qgis.test_sync_dock_checkout_refused_in_its_words import (
    HAS_PACKAGE,
    checked_out_at,
)


def checkout(master, township: str, out) -> dict:
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    got, ok = alg.run({"MASTER": str(master), "DEVICE": out.stem, "TOWNSHIP": township,
                       "OUTPUT": str(out)}, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok
    return got


def refused(master, township: str, out) -> str:
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    params = {"MASTER": str(master), "DEVICE": out.stem, "TOWNSHIP": township,
              "OUTPUT": str(out)}
    assert alg.prepare(params, context, feedback)
    with pytest.raises(QgsProcessingException) as err:
        alg.processAlgorithm(params, context, feedback)
    return str(err.value)


def test_processing_says_a_township_with_no_patch_by_its_township_field(
        lang, master, tmp_path):  # noqa: F811
    out = tmp_path / "tab-1.gpkg"
    said = refused(master, "夏乡", out)
    assert said == {
        "en": "No mine patch in township 夏镇, in layer 历史遗留矿山图斑 Legacy mine patches "
              "(mine_patches): nothing to cut a package to; check it out in the Sync dock by "
              "the features selected on the map.",
        "zh": "图层历史遗留矿山图斑（mine_patches）中没有乡镇 夏镇 的矿山图斑，"
              "无法按乡镇签出；请改在“同步”面板中按地图上所选要素签出。"}[lang], said
    assert not out.exists()


def test_processing_names_the_patches_layer_by_the_countys_own_name(
        lang, master, tmp_path):  # noqa: F811
    """A county that named its patches' layer otherwise in gpkg_contents reads that name."""
    from tests.unit.gpkg_factory import edit
    edit(master, "UPDATE gpkg_contents SET identifier = 'mine patches 2024' WHERE "
                 "table_name = 'mine_patches'")
    said = refused(master, "夏镇", tmp_path / "tab-1.gpkg")
    assert said == {
        "en": "No mine patch in township 夏镇, in layer mine patches 2024 (mine_patches): "
              "nothing to cut a package to; check it out in the Sync dock by the features "
              "selected on the map.",
        "zh": "图层 mine patches 2024（mine_patches）中没有乡镇 夏镇 的矿山图斑，无法按乡镇签出；"
              "请改在“同步”面板中按地图上所选要素签出。"}[lang], said


def test_processing_says_a_master_without_the_plan_by_its_township_field(
        lang, tmp_path):  # noqa: F811
    from field_kit.cli.commands import main
    from tests.unit.test_any_table import add_forest
    gpkg = tmp_path / "county.gpkg"
    add_forest(gpkg, tmp_path, name="林地", update=False)
    assert main(["init", str(gpkg)]) == 0
    said = refused(gpkg, "博斯坦镇", tmp_path / "tab-1.gpkg")
    assert said == {
        "en": "A field package cut to a township needs the plan's layers (the mine patches "
              f"with their township); {gpkg} has none: check it out in the Sync dock by the "
              "features selected on the map.",
        "zh": "按乡镇签出外业数据包需要规划图层（含乡镇字段的历史遗留矿山图斑）；"
              f"{gpkg} 没有：请改在“同步”面板中按地图上所选要素签出。"}[lang], said


def test_processing_names_the_countys_own_mine_patches_as_qgis_shows_it(
        lang, tmp_path):  # noqa: F811
    """A county's own mine_patches under a name of its own in QGIS: that layer is named,
    its table in brackets, with the plan's columns it lacks."""
    from field_kit.cli.commands import main
    from tests.unit.gpkg_factory import edit
    from tests.unit.test_any_table import add_forest
    gpkg = tmp_path / "county.gpkg"
    add_forest(gpkg, tmp_path, name="mine_patches", update=False)
    assert main(["init", str(gpkg)]) == 0
    edit(gpkg, "UPDATE gpkg_contents SET identifier = 'mine areas 2024' WHERE table_name = "
               "'mine_patches'")
    said = refused(gpkg, "博斯坦镇", tmp_path / "tab-1.gpkg")
    assert said == {
        "en": "A field package cut to a township needs the plan's layers (the mine patches "
              f"with their township); {gpkg} has none: its layer mine areas 2024 "
              "(mine_patches) has no column township, project_uuid: check it out in the Sync "
              "dock by the features selected on the map.",
        "zh": "按乡镇签出外业数据包需要规划图层（含乡镇字段的历史遗留矿山图斑）；"
              f"{gpkg} 没有：其图层 mine areas 2024（mine_patches）缺少字段 township、"
              "project_uuid，不是规划的图层：请改在“同步”面板中按地图上所选要素签出。"}[lang], said


def test_processing_says_a_device_with_a_package_without_the_command_lines_option(
        lang, master, tmp_path):  # noqa: F811
    assert checkout(master, "", tmp_path / "tab-1.gpkg")["OUTPUT"]
    said = refused(master, "", tmp_path / "again" / "tab-1.gpkg")
    assert said == HAS_PACKAGE[lang].format(at=checked_out_at(master, "tab-1")), said
