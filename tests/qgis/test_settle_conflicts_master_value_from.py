# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts names whose value the master holds: a package's later edit taken over
the master's own earlier edit is that device's, while "Other value from" says master: the
value's tooltip says so."""

from __future__ import annotations

import time

from field_kit.db import connect
from field_kit.sync import merge, package_checkout, package_export
from tests.qgis.test_plugin import _cells
from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)


def later_edit_over_the_masters(master, tmp_path) -> None:
    """The master's own edit of a patch's project name, then tech-li-laptop's later one, merged."""
    pkg = tmp_path / "tech-li-laptop.gpkg"
    package_checkout.checkout(master, pkg, "tech-li-laptop", role="gis")
    for path, note in ((master, "主库的项目名"), (pkg, "设备的项目名")):
        conn = connect(path)
        with conn:
            conn.execute("UPDATE mine_patches SET project_name = ? WHERE patch_code = "
                         "'CT6504222017000026002'", (note,))
        conn.close()
        time.sleep(0.05)  # the device's the later edit
    package_export.export(pkg, tmp_path / "t.zip")
    assert merge.merge(master, [tmp_path / "t.zip"]).totals["conflict"] == 1


def test_the_row_names_the_device_whose_value_the_master_holds(plugin, master,  # noqa: F811
                                                                 tmp_path):
    later_edit_over_the_masters(master, tmp_path)
    dialog = opened(plugin)
    cells = _cells(dialog)
    assert (cells["ours"], cells["theirs"]) == ("设备的项目名", "主库的项目名"), cells
    assert cells["device"] == "master", cells
    tip = dialog.table.item(0, dialog.COLUMNS.index("ours")).toolTip()
    assert tip.startswith("设备的项目名\nHeld now: the value tech-li-laptop gave at "), tip
    dialog.close()
