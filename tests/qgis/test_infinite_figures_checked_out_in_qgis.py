# SPDX-License-Identifier: GPL-2.0-or-later
"""±Infinity typed into a plan layer of the master in the sqlite3 shell: the Sync dock's
checkout names each record and field it carried so, in the user's language, among the
report's warnings and on the message bar as a warning, and Processing's checkout pushes it
as a warning, as their pulls do (both said nothing)."""

from __future__ import annotations

from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.qgis.test_sync_dock_township_whole import township_checked_out
from tests.unit.test_infinite_figures_checked_out import CODE, infinite_in_the_shell

SAID = ("the checkout brought figures no report can count or check, as the master holds "
        "them: {figures}; write each as a number (or empty) in the master, then pull")
INDICATOR_SAID = "plan_indicators 历史遗留矿山综合治理面积: value_2035 holds -inf"


def test_the_sync_dock_names_the_infinite_figures_a_checkout_carries(
        iface, dock, master, tmp_path, monkeypatch):  # noqa: F811
    lang, dock = dock
    infinite_in_the_shell(master)
    heard = len(iface.messages)
    said = township_checked_out(dock, tmp_path / "tab-1.gpkg", monkeypatch)
    told = {"en": INDICATOR_SAID + "; write each as a number (or empty) in the master, then "
                                   "pull",
            "zh": "签出带来了报告无法计算或核对的数值（与主库所存一致）："}[lang]
    assert told in said and "value_2035" in said, said
    (kind, _, _), = iface.messages[heard:]
    assert kind == "warning", iface.messages[heard:]


def test_processing_checkout_warns_of_infinite_figures_carried(provider, master,  # noqa: F811
                                                                tmp_path):
    infinite_in_the_shell(master)
    heard = Heard()
    pkg = tmp_path / "gis-p.gpkg"
    run("checkout", {"MASTER": str(master), "DEVICE": "gis-p", "TOWNSHIP": "", "ROLE": 1,
                     "QFIELD": False, "OUTPUT": str(pkg)}, heard)
    assert ("warning", SAID.format(figures=f"mine_patches {CODE}: area_m2 holds inf; "
                                           f"{INDICATOR_SAID}")) in heard.lines, heard.lines
