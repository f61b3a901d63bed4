# SPDX-License-Identifier: GPL-2.0-or-later
"""check-plan's figures of a plan figure the master holds otherwise name the indicator by
its title in the reader's language; the figures a machine reads keep its id."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit.reports.plan_check import check_plan


@pytest.mark.parametrize("lang, row", [("zh", "行：草原综合植被盖度；"),
                                       ("en", "row: Comprehensive grassland vegetation cover; ")])
def test_check_plan_names_a_changed_indicator_by_its_title(master, lang, row):
    conn = sqlite3.connect(master)
    with conn:
        conn.execute("UPDATE plan_indicators SET value_2025 = 99 "
                     "WHERE indicator_id = 'grassland_vegetation_cover'")
    conn.close()
    (found,) = [f for f in check_plan(master).findings if f.id == "figures_as_shipped"]
    assert row in found.figures_said(lang), found.figures_said(lang)
    assert "grassland_vegetation_cover" not in found.figures_said(lang)
    assert found.figures["row"] == "grassland_vegetation_cover"  # (what a machine reads)
