"""The remediation chart writes its unit as the rest of the Chinese text does (平方千米)."""

from __future__ import annotations

from field_kit.reports import charts
from field_kit.reports.progress import progress


def test_the_mine_area_chart_in_each_language(master):
    p = progress(master)
    zh, en = charts.mine_area_chart(p, "zh"), charts.mine_area_chart(p, "en")
    assert "1.9 平方千米" in zh and "km²" not in zh and "1.9000" not in zh
    assert "1.9 km²" in en and "1.9000" not in en
