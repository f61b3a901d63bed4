# SPDX-License-Identifier: GPL-2.0-or-later
"""History in QGIS names the master's own edits as the master, in Chinese 主库, as the
command line does; a device of the field by its name."""

from __future__ import annotations

from field_kit.db import connect
from field_kit.sync import masters
from tests.unit.gpkg_factory import edit


def test_the_masters_own_edits_are_the_masters_in_chinese(master):
    from qgis_plugin.dialogs.history import history_rows

    edit(master, "UPDATE mine_patches SET section = '专栏6-1 补充调查' WHERE fid = 1")
    with connect(master) as conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE fid = 1").fetchone()[0]
    (zh,) = history_rows(master, "mine_patches", patch, "zh")
    (en,) = history_rows(master, "mine_patches", patch, "en")
    assert (zh[-1], en[-1]) == ("主库", "master"), (zh, en)


def test_a_decision_in_the_master_is_the_masters_with_who_settled(master, tmp_path, capsys):
    """The master's edit and a conflict settled in it later name the master alike, who
    settled it beside (it was "root" alone, read as another device)."""
    from qgis_plugin.dialogs.history import history_rows
    from tests.qgis.test_settle_conflicts_master_value_from import later_edit_over_the_masters

    later_edit_over_the_masters(master, tmp_path)
    (conflict,) = masters.conflicts(master)
    masters.resolve(master, [conflict.id], take="theirs", by="root")
    for lang, device, settled in (("en", "master", "master, settled by root"),
                                  ("zh", "主库", "主库，处理人 root")):
        who = [row[-1] for row in history_rows(master, "mine_patches", conflict.row_uuid,
                                               lang)]
        assert who == [device, "tech-li-laptop", settled], (lang, who)
