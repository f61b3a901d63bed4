"""Finding zone_key_projects_1716 names where each count comes from: a column, or the text
where the plan has no column (专栏6-4, 专栏6-9), as the note on missing columns says."""

from __future__ import annotations

from field_kit.reports.plan_check import check_plan
from tests.unit.gpkg_factory import edit


def test_each_count_by_where_the_plan_gives_it(master):
    check = check_plan(master)
    found = next(f for f in check.findings if f.id == "zone_key_projects_1716")
    zh = found.message.zh
    assert "6（正文“下设6项重点项目”，规划无专栏6-4） + 4（专栏6-5） + 1（专栏6-6） + " \
        "4（专栏6-7） + 1（专栏6-8） + 0（规划无专栏6-9，正文亦未列项目） = 16 项" in zh, zh
    assert "6 (counted in the text, quoted below; the plan has no 专栏6-4) + 4 (专栏6-5)" \
        in found.message.en
    assert "0 (the plan has no 专栏6-9, nor does the text list any) = 16 projects" \
        in found.message.en
    # no column the plan lacks given as a source; the text's count quoted
    assert not {"专栏6-4", "专栏6-9"} & set(found.sections), found.sections
    assert any("下设6项重点项目" in q for q in found.quotes), found.quotes
    missing = next(f for f in check.findings if f.id == "referenced_columns_missing")
    assert {"专栏6-4", "专栏6-9"} <= set(missing.figures["columns"])


def test_the_tables_count_apart_from_the_texts_where_they_differ(master):
    """A master holding 5 projects of 专栏6-4's program: "5（正文“下设6项重点项目”）" gave
    the tables' 5 to the text, which says 6."""
    edit(master, "DELETE FROM restoration_projects WHERE project_id = 'P3-6'")
    found = next(f for f in check_plan(master).findings if f.id == "zone_key_projects_1716")
    assert "5（表中所列；正文“下设6项重点项目”为 6 项；规划无专栏6-4） + 4（专栏6-5）" \
        in found.message.zh, found.message.zh
    assert "5 (in the tables; the text, quoted below, counts 6; the plan has no 专栏6-4) + " \
        "4 (专栏6-5)" in found.message.en, found.message.en
    assert any("下设6项重点项目" in q for q in found.quotes), found.quotes
