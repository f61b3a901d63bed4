# SPDX-License-Identifier: GPL-2.0-or-later
"""History in QGIS names the master's own edits as the master, in Chinese 主库, as the
command line does; a device of the field by its name."""

from __future__ import annotations

from field_kit.db import connect
from tests.unit.gpkg_factory import edit


def test_the_masters_own_edits_are_the_masters_in_chinese(master):
    from qgis_plugin.dialogs.history import history_rows

    edit(master, "UPDATE mine_patches SET section = '专栏6-1 补充调查' WHERE fid = 1")
    with connect(master) as conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE fid = 1").fetchone()[0]
    (zh,) = history_rows(master, "mine_patches", patch, "zh")
    (en,) = history_rows(master, "mine_patches", patch, "en")
    assert (zh[-1], en[-1]) == ("主库", "master"), (zh, en)
