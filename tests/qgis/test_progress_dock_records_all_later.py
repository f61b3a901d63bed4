# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock counts the records dated up to today: where every record is dated
after it (a device's clock set ahead), it says so in the reports' words, "no records dated
up to D (N later records not counted)"; it read "Records up to —: 0 verifications", as if
none were recorded. In English and in Chinese."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from field_kit.db import connect
from tests.qgis.conftest import plugin_speaking, triggered
from tests.unit.test_progress import inspect, verify

SAID = {"en_US": "No records dated up to {day} (2 later records not counted): 0 "
                 "verifications, 0 inspections, 0 photos",
        "zh_CN": "{day} 及之前无记录（其后的 2 条记录未计入）：核查 0 条，检查 0 条，照片 0 张"}


@pytest.mark.parametrize("locale", sorted(SAID))
def test_records_all_dated_after_today_are_said_not_none(iface, master, tmp_path, locale):
    conn = connect(master)
    verify(conn, "ZJ6504222021027001", "A")
    inspect(conn, "P1-1", "治理面积", 0.05, "平方千米")
    ahead = (date.today() + timedelta(days=30)).isoformat()  # (as QField writes them)
    conn.execute("UPDATE patch_verifications SET verified_on = ?", (ahead,))
    conn.execute("UPDATE project_inspections SET inspected_on = ?", (ahead,))
    conn.commit()
    conn.close()
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_dashboard")
        lines = plugin.docks["dashboard"].summary.text().split("<br>")
        assert lines[1] == SAID[locale].format(day=date.today().isoformat()), lines
