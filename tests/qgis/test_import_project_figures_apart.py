# SPDX-License-Identifier: GPL-2.0-or-later
"""An import leaving the patches of a project disagreeing on a figure of the project is
warned of in the Import dialog and in Processing's log, as the command line warns of it:
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


def test_the_import_dialog_warns_of_a_projects_patches_apart(open_import, master,  # noqa: F811
                                                            tmp_path):
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(src)
    dlg.import_button.click()
    wait_for(dlg)
    assert dlg.result is not None and dlg.result.updated == 1
    assert SAID in dlg.summary_label.text().split("\n"), dlg.summary_label.text()


def test_processing_warns_of_a_projects_patches_apart(processing, chinese_qgis,  # noqa: F811
                                                     master, tmp_path):
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    heard = Heard()
    got = processing.run("toksun:import", {"MASTER": str(master), "SOURCE": src, "LAYER": 0},
                         feedback=heard)
    assert got["UPDATED"] == 1
    assert ("warning", SAID) in heard.lines, heard.lines
