# SPDX-License-Identifier: GPL-2.0-or-later
"""The PDF report of a PostgreSQL master, as a supervisor prints it (field-kit report): its
summary names the data by the master's database and schema (not the file the command
staged it in), its title keeps clear of the page's number, and a patch that gives no phase
is counted under a name, not an empty one."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.qgis.test_report import pdftotext


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summary_names_the_master_and_a_patch_of_no_phase(
        plan_database, qgis_app, tmp_path, monkeypatch, lang):
    from qgis.core import QgsLayoutItemLabel

    from qgis_plugin.printing import report_pdf

    db = query(plan_database, "SELECT current_database()")[0][0]
    query(plan_database, "UPDATE mine_patches SET phase = NULL WHERE patch_code = "
                         "'ZJ6504222021027001'")
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    crossing: list[str] = []
    render = report_pdf._render

    def look_then_render(writer, painter, layout, first):
        labels = [i for i in layout.items() if isinstance(i, QgsLayoutItemLabel)
                  and i.currentText()]
        number = [i for i in labels if "1 of" in i.currentText() or "第 " in i.currentText()]
        for item in labels:
            for n in number:
                if item is not n and item.sceneBoundingRect().intersects(
                        n.sceneBoundingRect()):
                    crossing.append(f"{layout.name()}: {item.currentText()[:30]!r}")
        render(writer, painter, layout, first)

    monkeypatch.setattr(report_pdf, "_render", look_then_render)
    out = tmp_path / "rep.pdf"
    assert main(["report", plan_database, "--out", str(out)]) == errors.OK
    assert not crossing, crossing
    first = " ".join(pdftotext(out, 1).split())
    if lang == "en":
        assert f"Data: {db} (schema toksun)" in first, first
        assert "no phase: 1 patches, verified 0" in first, first
    else:
        assert f"数据 Data: {db}（模式 toksun）" in first, first
        assert "未填阶段 no phase：1 个 patches，已核查 verified 0" in first, first
    assert "master.gpkg" not in first and " : 1 " not in first, first
