# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's merges and Settle conflicts, on a master whose layer with a conflict open
was dropped (then repaired): the merge's conflict is said closed as dropped, as status says
it, apart from those settled (it was said settled, though nobody settled it)."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsApplication

from field_kit import errors
from qgis_plugin.plugin import ToksunPlugin
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_checked_out

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_a_conflict_closed_with_its_layer_is_said_closed_as_dropped(iface, master, tmp_path,
                                                                     capsys):
    pkg = wells_checked_out(master, tmp_path, capsys)
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    ogrsql(master, "UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.CONFLICTS
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    listed = merges_listed(iface, master)
    assert any("conflicts 1 closed as dropped in 1 change" in t for t in listed), listed
    assert not any("settled" in t or "to settle" in t for t in listed), listed


def merges_listed(iface, master) -> list[str]:
    """The Sync dock's list of merges of ``master``, as QGIS with the plugin shows it."""
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        p.load(master)
        QgsApplication.processEvents()
        sync = p.show_sync()
        sync.refresh_merges()
        return [sync.merge_list.item(i).text() for i in range(sync.merge_list.count())]
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def one_of_each(master, tmp_path, capsys):
    """A merge into ``master`` with two conflicts, one on 泉眼 and one on a patch, then 泉眼
    dropped and repaired: the patch's conflict open, 泉眼's closed as dropped."""
    pkg = wells_checked_out(master, tmp_path, capsys)
    patch = "WHERE rowid = (SELECT min(rowid) FROM mine_patches)"
    for path, flow, section in ((pkg, 9.9, "B"), (master, 7.7, "C")):
        ogrsql(path, f"UPDATE 泉眼 SET flow = {flow} WHERE name = '泉2'")
        edit(path, f"UPDATE mine_patches SET section = '{section}' {patch}")
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.CONFLICTS
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK


def test_conflicts_settled_and_closed_as_dropped_are_said_apart(iface, master, tmp_path,
                                                               capsys):
    """A merge with one conflict settled and one closed with its layer: the list says each
    count (it said both settled, though nobody settled the one of the layer dropped)."""
    one_of_each(master, tmp_path, capsys)
    code, said = cli_said(capsys, "resolve", master, "--all", tmp_path / "g.zip", "--take",
                          "theirs")
    assert code == errors.OK, said
    listed = merges_listed(iface, master)
    assert any("conflicts 2 (1 settled, 1 closed as dropped) in 2 changes" in t
               for t in listed), listed


def test_settling_a_package_names_its_conflicts_closed_as_dropped(iface, master, tmp_path,
                                                                  capsys):
    """Settle conflicts, all of the package taken: the conflict it settles is said, and the
    package's conflict closed with its layer is named apart (it was not said at all)."""
    one_of_each(master, tmp_path, capsys)
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        p.load(master)
        QgsApplication.processEvents()
        dialog = p.show_conflicts()
        assert dialog.table.rowCount() == 1
        dialog.table.selectRow(0)
        dialog.all_theirs.click()
        said = dialog.message.text()
        assert dialog.table.rowCount() == 0, said
        assert "Settled 1 conflict of this package" in said, said
        assert "1 conflict from " in said and " on 泉眼 was closed as dropped, not settled" \
            in said, said
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_settled_and_closed_as_dropped_are_said_apart_in_chinese(plugin_in_chinese, master,
                                                                 tmp_path, capsys):
    one_of_each(master, tmp_path, capsys)
    code, said = cli_said(capsys, "resolve", master, "--all", tmp_path / "g.zip", "--take",
                          "theirs")
    assert code == errors.OK, said
    sync = plugin_in_chinese.show_sync()
    sync.refresh_merges()
    listed = [sync.merge_list.item(i).text() for i in range(sync.merge_list.count())]
    assert any("2 项（其中 1 项已处理，1 项已随图层删除关闭，涉及 2 项修改）" in t
               for t in listed), listed
