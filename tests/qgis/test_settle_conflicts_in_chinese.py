# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts read by a supervisor who reads only Chinese: the conflict's number is
headed 编号 (not an English "ID"), and an area is written as the reports write it (52,000,
not 52000.0)."""

from __future__ import annotations

import gc

import pytest

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import verification_edited_by_two
from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)

ROW = "0b5e2f6c-0000-4000-8000-000000000007"


@pytest.mark.parametrize("locale, head", [("zh_CN", "编号"), ("en_US", "ID")])
def test_the_number_is_headed_in_the_users_language_and_areas_read_as_the_reports(
        iface, plugin, master, tmp_path, locale, head):  # noqa: F811
    from field_kit.sync import merge

    merge.merge(master, verification_edited_by_two(
        master, tmp_path, ROW, {"measured_area_m2": 52000.0},
        [{"measured_area_m2": 52500.5}, {"measured_area_m2": 61000.0}]))
    with qgis_speaking(locale, tmp_path / "i18n"):
        dialog = opened(plugin)
        try:
            table = dialog.table
            assert table.rowCount() == 1
            assert table.horizontalHeaderItem(dialog.COLUMNS.index("id")).text() == head
            shown = {side: table.item(0, dialog.COLUMNS.index(side)).text()
                     for side in ("ancestor", "ours", "theirs")}
            assert shown == {"ancestor": "52,000", "ours": "61,000",
                             "theirs": "52,500.5"}, shown
        finally:
            dialog.close()
            del dialog
            gc.collect()
