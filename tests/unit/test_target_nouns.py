# SPDX-License-Identifier: GPL-2.0-or-later
"""A target counted in English is counted in what the plan counts: 全县计划完成25个村庄绿化任务
is 25 villages, not 25 "sites", in the progress text, the Excel report and the inspection
form's list of targets; a master made before targets held their English says so too, from
the plan as shipped. The Chinese is the plan's 个 as before."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from field_kit import forms
from field_kit.bilingual import EN, ZH
from field_kit.cli.reports import format_progress
from field_kit.reports.plan_figures import SHIPPED
from field_kit.reports.progress import progress
from field_kit.reports.xlsx import project_sheet
from field_kit.sync import column_edits

# each count target of the plan, its English noun, and as the Chinese reads it
COUNTS = {"P4-4": ("Villages greened (25 villages)", "村庄绿化（25 个）"),
          "P9-2": ("Forest and grassland fire-fighting supply depot (1 facility)",
                   "森林草原防火物资储备库（1 座）")}


def offered(master, project_id: str) -> list[tuple[str, str]]:
    conn = sqlite3.connect(master)
    (project,) = conn.execute("SELECT uuid FROM restoration_projects WHERE project_id = ?",
                              (project_id,)).fetchone()
    ctx = forms.form_context(conn, forms.PROJECT_INSPECTION, project)
    conn.close()
    return [(c.label("en"), c.label("zh"))
            for c in forms.choices(forms.PROJECT_INSPECTION, "target_uuid", {}, ctx)]


@pytest.mark.parametrize("made_before", [False, True], ids=["master", "master made before"])
def test_villages_greened_are_said_in_villages(master, made_before):
    if made_before:  # targets held no English then: the plan as shipped gives it
        assert SHIPPED.is_file(), "make data builds the plan the toolkit ships"
        column_edits.prepare(master, "project_targets", drop=["unit_en"])
        with sqlite3.connect(master) as conn:
            conn.execute("ALTER TABLE project_targets DROP COLUMN unit_en")
    p = progress(master)
    en = next(x for x in format_progress(p, EN).splitlines() if "Villages greened" in x)
    assert " villages " in en and "sites" not in en, en
    both = next(x for x in format_progress(p, ZH).splitlines() if "村庄绿化" in x)
    assert "个 villages" in both and "sites" not in both, both

    sheets = {lang: project_sheet(p, date.today(), lang=lang) for lang in (EN, ZH)}
    unit = {lang: [r[7] for r in sh.rows if r[2] == "P4-4"] for lang, sh in sheets.items()}
    assert unit == {EN: ["villages"], ZH: ["个"]}, unit
    # the plan's one depot is still one facility
    assert [r[7] for r in sheets[EN].rows if r[2] == "P9-2"] == ["facility"]

    for project_id, said in COUNTS.items():
        assert offered(master, project_id) == [said]
    villages = next(t for t in p.targets if t.project_id == "P4-4")
    assert (villages.unit_in(EN, 25), villages.unit_in(EN, 1), villages.unit_in(ZH, 25)) == (
        "villages", "village", "个")
