# SPDX-License-Identifier: GPL-2.0-or-later
"""A package changing one patch's project treated area (1.5 km² against 0.33 on the other
patches of its project) was merged with nothing said, the patches of one project left
disagreeing on a figure of the project. It is merged as given; the merge and check-plan
name the project, its patches and each value, in English and Chinese."""

import json

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.reports.plan_check import check_plan
from tests.unit.gpkg_factory import edit

CODES = ("CT6504222017000026001", "CT6504222017000026002", "CT6504222017000026003")
SAID = ("mine_patches: the patches of project P1-1 disagree on project_treated_area_km2, a "
        f"figure of the project each of its patches repeats: 0.33 ({CODES[0]}, {CODES[2]}), "
        f"1.5 ({CODES[1]}); taken as given: set it alike on all of them")


def _package(master, tmp_path, device: str, sql: str) -> str:
    pkg = str(tmp_path / f"{device}.gpkg")
    assert main(["checkout", str(master), pkg, "--device", device, "--role", "gis",
                 "--township", "郭勒布依乡"]) == errors.OK  # (the patches are GIS staff's)
    edit(pkg, sql, CODES[1])
    assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    return f"{pkg}.zip"


def merged_apart_said(master, tmp_path, capsys) -> None:
    """One patch's project treated area changed by a package: merged, and said."""
    zipped = _package(master, tmp_path, "gis-1", "UPDATE mine_patches SET "
                      "project_treated_area_km2 = 1.5 WHERE patch_code = ?")
    capsys.readouterr()
    assert main(["merge", str(master), zipped, "--json"]) == errors.OK
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["applied"] == 1, report  # taken as given
    (said,) = [f for f in report["codes_followed"] if f["what"] == "a project's patches disagree"]
    assert said["said"] == SAID and said["project"] == "P1-1", said
    assert main(["check-plan", str(master)]) == errors.PLAN_INCONSISTENT
    assert f"1.5 ({CODES[1]})" in capsys.readouterr().out


def decided_apart_said(master, tmp_path, capsys, open_conflicts) -> None:
    """Two packages changing it alike on one patch, settled with a third value: said."""
    set_area = "UPDATE mine_patches SET project_treated_area_km2 = {} WHERE patch_code = ?"
    first = _package(master, tmp_path, "gis-1", set_area.format(0.34))
    second = _package(master, tmp_path, "gis-2", set_area.format(0.35))
    assert main(["merge", str(master), first]) == errors.OK
    assert main(["merge", str(master), second]) == errors.CONFLICTS
    capsys.readouterr()
    (conflict,) = open_conflicts()
    assert main(["resolve", str(master), str(conflict), "--value", "1.5"]) == errors.OK
    assert SAID in capsys.readouterr().out


def test_a_project_figure_changed_on_one_patch_is_said(master, tmp_path, capsys):
    assert not [f for f in check_plan(master).findings if f.id.startswith("project_figures")]
    merged_apart_said(master, tmp_path, capsys)
    assert chinese(SAID) == (
        "历史遗留矿山图斑：项目 P1-1 的各图斑所填项目治理面积（平方千米，规划）不一致（这是项目的"
        f"数值，每个图斑都应相同）：0.33（{CODES[0]}、{CODES[2]}）、1.5（{CODES[1]}）；"
        "已按原样接收，请在该项目的所有图斑上改为同一数值")
    # check-plan names it too, in both languages
    (finding,) = [f for f in check_plan(master).findings if f.id.startswith("project_figures")]
    assert finding.figures["values"] == [f"0.33 ({CODES[0]}, {CODES[2]})", f"1.5 ({CODES[1]})"]
    assert (f"项目 P1-1 的各图斑所填“项目治理面积（平方千米，规划）”不一致：0.33（{CODES[0]}、"
            f"{CODES[2]}）、1.5（{CODES[1]}）") in finding.message.zh, finding.message.zh
    assert ("The patches of project P1-1 disagree on “Project treated area stated by the plan "
            f"(km²)”, a figure of the project each of its patches repeats: 0.33 ({CODES[0]}, "
            f"{CODES[2]}), 1.5 ({CODES[1]})") in finding.message.en, finding.message.en


def test_a_project_figure_changed_on_all_its_patches_says_nothing(master, tmp_path, capsys):
    zipped = _package(master, tmp_path, "gis-1", "UPDATE mine_patches SET "
                      "project_treated_area_km2 = 0.4 WHERE project_id = (SELECT project_id "
                      "FROM mine_patches WHERE patch_code = ?)")
    capsys.readouterr()
    assert main(["merge", str(master), zipped]) == errors.OK
    got = capsys.readouterr()
    assert "disagree" not in got.err + got.out, got
    assert not [f for f in check_plan(master).findings if f.id.startswith("project_figures")]


def test_a_decision_leaving_one_patch_apart_is_said(master, tmp_path, capsys):
    decided_apart_said(master, tmp_path, capsys, lambda: [r[0] for r in connect(master).execute(
        "SELECT id FROM sync_conflicts WHERE status = 'open'")])
