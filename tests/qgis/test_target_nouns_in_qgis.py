# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock and the PDF report count a target in English in what the plan counts
(全县计划完成25个村庄绿化任务: 25 villages, not 25 "sites"); in Chinese, the plan's 个."""

from __future__ import annotations

from tests.qgis.test_report_language import report_in


def test_the_dock_and_the_pdf_count_villages_in_villages(master, qgis_iface, qtbot, tmp_path,
                                                        monkeypatch):
    from qgis_plugin.docks.dashboard import DashboardDock
    from tests.qgis.conftest import qgis_speaking

    def units(locale: str) -> dict[str, str]:
        with qgis_speaking(locale, tmp_path / "qm"):
            dock = DashboardDock(qgis_iface, master)
            qtbot.addWidget(dock)
            table = dock.targets_table
            return {table.item(r, 0).text().split()[0]: table.item(r, 3).text()
                    for r in range(table.rowCount())}

    english, chinese = units("en_GB"), units("zh_CN")
    assert (english["P4-4"], english["P9-2"], english["P6-2"]) == ("villages", "facility", "km")
    assert (chinese["P4-4"], chinese["P9-2"], chinese["P6-2"]) == ("个", "座", "公里")

    targets = report_in("en_US.UTF-8", master, tmp_path / "en.pdf", monkeypatch)[1]
    assert "Villages greened 25 villages" in targets, targets
    assert "sites" not in targets, targets
