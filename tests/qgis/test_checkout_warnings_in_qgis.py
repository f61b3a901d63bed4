# SPDX-License-Identifier: GPL-2.0-or-later
"""What a checkout warns of besides the plan's figures held as ±Infinity, as the command
line warns of it: a whole number the master holds beyond what its column holds as QGIS
reads it (written in the sqlite3 shell), a grant of sync_roles that grants nothing. The
Sync dock's checkout names each once among the report's warnings and on the message bar, in
the user's language, and Processing's checkout pushes each as a warning (both said the
±Infinity alone); the ±Infinity is said once."""

from __future__ import annotations

from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.qgis.test_sync_dock_township_whole import township_checked_out
from tests.unit.gpkg_factory import rows
from tests.unit.test_infinite_figures_checked_out import INDICATOR, infinite_in_the_shell
from tests.unit.test_shape_edited_in_the_master import in_the_shell

INFINITE = {"en": "the checkout brought figures no report can count or check",
            "zh": "签出带来了报告无法计算或核对的数值"}
BEYOND = {"en": "plan_indicators.batch holds 70000 (row {row}), beyond what its SMALLINT "
                "column holds as GDAL and QGIS read it (-32768 to 32767): QGIS shows such a "
                "value wrapped and saves it back so; change it in the master, then pull",
          "zh": "plan_indicators.batch 中的 70000（要素 {row}） 超出其 SMALLINT 字段按 GDAL 和 "
                "QGIS 读取所能容纳的范围（-32768 至 32767）"}
GRANT = {"en": "grant (technician, mine_patches, phaze) in sync_roles names no column of "
               "mine_patches; it grants nothing",
         "zh": "sync_roles 中的授权（technician, mine_patches, phaze）所指的字段在 mine_patches "
               "中不存在：它不授予任何权限"}


def odd_values_in_the_shell(master) -> str:
    """±Infinity, a SMALLINT holding 70000 and a grant of a column no layer has, written
    into ``master`` in the sqlite3 shell: the uuid of the indicator holding 70000."""
    infinite_in_the_shell(master)
    in_the_shell(master, "ALTER TABLE plan_indicators ADD COLUMN batch SMALLINT; "
                         f"UPDATE plan_indicators SET batch = 70000 WHERE indicator_id = "
                         f"'{INDICATOR}'; INSERT INTO sync_roles (role, tbl, col) VALUES "
                         "('technician', 'mine_patches', 'phaze')")
    ((row,),) = rows(master, "SELECT uuid FROM plan_indicators WHERE indicator_id = ?",
                     INDICATOR)
    return row


def test_the_sync_dock_names_each_warning_of_a_checkout_once(
        iface, dock, master, tmp_path, monkeypatch):  # noqa: F811
    lang, dock = dock
    row = odd_values_in_the_shell(master)
    heard = len(iface.messages)
    said = township_checked_out(dock, tmp_path / "tab-1.gpkg", monkeypatch)
    assert said.count(INFINITE[lang]) == 1, said
    assert said.count(BEYOND[lang].format(row=row)) == 1, said
    assert said.count(GRANT[lang]) == 1, said
    (kind, _, bar), = iface.messages[heard:]
    assert kind == "warning" and GRANT[lang] in bar and BEYOND[lang].format(row=row) in bar, bar


def test_processing_checkout_warns_of_each_as_the_command_line(provider, master,  # noqa: F811
                                                                tmp_path):
    row = odd_values_in_the_shell(master)
    heard = Heard()
    run("checkout", {"MASTER": str(master), "DEVICE": "gis-p", "TOWNSHIP": "", "ROLE": 1,
                     "QFIELD": False, "OUTPUT": str(tmp_path / "gis-p.gpkg")}, heard)
    warned = [text for kind, text in heard.lines if kind == "warning"]
    assert len([w for w in warned if w.startswith(INFINITE["en"])]) == 1, warned
    assert BEYOND["en"].format(row=row) in warned and GRANT["en"] in warned, warned


def test_processing_checkout_for_qfield_warns_of_each(provider, master, tmp_path):  # noqa: F811
    row = odd_values_in_the_shell(master)
    heard = Heard()
    run("checkout", {"MASTER": str(master), "DEVICE": "phone-p", "TOWNSHIP": "", "ROLE": 0,
                     "QFIELD": True, "OUTPUT": str(tmp_path / "phone-p.gpkg")}, heard)
    warned = [text for kind, text in heard.lines if kind == "warning"]
    assert BEYOND["en"].format(row=row) in warned and GRANT["en"] in warned, warned
