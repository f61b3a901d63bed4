# SPDX-License-Identifier: GPL-2.0-or-later
"""An import leaving the patches of a project disagreeing on a figure of the project is
warned of in the Import dialog (in its preview, before anything is written, and once
written) and in Processing's log, as the command line warns of it:
the field by its label, in the user's language."""

from __future__ import annotations

from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_import_dialog import wait_for
from tests.qgis.test_import_dialog_said import chinese_qgis, open_import  # noqa: F401
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit.test_import_project_figures_apart import figures_changed
from tests.unit.test_project_figures_apart import CODES

SAID = ("历史遗留矿山图斑：项目 P1-1 的各图斑所填项目治理面积（平方千米，规划）不一致（这是项目的"
        f"数值，每个图斑都应相同）：0.33（{CODES[0]}、{CODES[2]}）、1.5（{CODES[1]}）；已按原样"
        "接收，请在该项目的所有图斑上改为同一数值")


def _loaded(opened, master, tmp_path):
    """The Import dialog (``opened()``), a source loaded that leaves one project's
    patches apart."""
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    dlg = opened()
    dlg.set_target("mine_patches")
    dlg.load_source(src)
    return dlg


def test_the_import_dialog_warns_of_a_projects_patches_apart(open_import, master,  # noqa: F811
                                                            tmp_path):
    dlg = _loaded(open_import, master, tmp_path)
    dlg.import_button.click()
    wait_for(dlg)
    assert dlg.result is not None and dlg.result.updated == 1
    assert SAID in dlg.summary_label.text().split("\n"), dlg.summary_label.text()


def test_the_import_dialogs_preview_warns_before_anything_is_written(
        open_import, master, tmp_path):  # noqa: F811
    from tests.unit.gpkg_factory import sha256_file

    before = sha256_file(master)
    dlg = _loaded(open_import, master, tmp_path)  # (read, and previewed)
    assert SAID in dlg.summary_label.text().split("\n"), dlg.summary_label.text()
    dlg.preview_button.click()
    assert SAID in dlg.summary_label.text().split("\n"), dlg.summary_label.text()
    assert dlg.import_button.isEnabled() and sha256_file(master) == before
    # the same figure on every patch of the project: nothing to warn of
    dlg.load_source(figures_changed(master, tmp_path / "alike.shp", "project_id = 'P1-1'"))
    assert "不一致" not in dlg.summary_label.text(), dlg.summary_label.text()
    dlg.close()


def test_the_preview_counts_the_figures_apart_among_its_warnings(open_import, master,  # noqa: F811
                                                                 tmp_path):
    """Its count said “警告 0” above the warning it showed: the two agree."""
    dlg = _loaded(open_import, master, tmp_path)
    lines = dlg.summary_label.text().split("\n")
    assert SAID in lines, lines
    counted = [line for line in lines if line.startswith("错误 ")]
    assert counted == [f"错误 0，警告 {len(dlg.plan.warnings) + 1}"], lines
    dlg.close()


def test_processing_warns_of_a_projects_patches_apart(processing, chinese_qgis,  # noqa: F811
                                                     master, tmp_path):
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    heard = Heard()
    got = processing.run("toksun:import", {"MASTER": str(master), "SOURCE": src, "LAYER": 0},
                         feedback=heard)
    assert got["UPDATED"] == 1
    assert ("warning", SAID) in heard.lines, heard.lines



def test_processing_counts_the_figures_apart_among_its_warnings(
        processing, chinese_qgis, master, tmp_path):  # noqa: F811
    """Its log said “警告 0” and then warned of them: the two agree, as in the preview."""
    from field_kit.importer.planner import plan_import

    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    warnings = len(plan_import(master, src, "mine_patches").warnings)
    heard = Heard()
    processing.run("toksun:import", {"MASTER": str(master), "SOURCE": src, "LAYER": 0},
                   feedback=heard)
    assert ("warning", SAID) in heard.lines, heard.lines
    counted = [line for _, text in heard.lines for line in text.split("\n")
               if line.startswith("错误 ")]
    assert counted == [f"错误 0，警告 {warnings + 1}"], heard.lines
