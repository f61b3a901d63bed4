# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package's own conflicts on a layer GIS staff dropped from the master (``DROP
TABLE`` through GDAL, then ``repair``): the next pull closes them as dropped and says so, in
English and Chinese, as repair closes the master's; ``conflicts`` and ``status`` of the
package count none open (they stayed open for ever: nothing could settle them, and both
commands exited 1)."""

from __future__ import annotations

import json
import shutil

import pytest

from field_kit import errors
from field_kit.sync.refused import DROPPED_LAYER
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import make_gpkg
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_checked_out, wells_edited

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def met_at_pull(tmp_path, capsys, database: str | None = None, write=None) -> tuple:
    """泉2's flow given 7.7 in the master against the package's 9.9 (:func:`wells_edited`),
    met at a pull: the package keeps its value in a conflict of its own. ``database``,
    ``write(sql)``: a PostgreSQL master and how it is written (by default a GeoPackage,
    written through GDAL). (master, package, write)"""
    master, pkg = wells_edited(tmp_path, capsys, database)
    if write is None:
        def write(sql):
            ogrsql(master, sql)
    write("UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.CONFLICTS and "conflicts 1 to settle" in said, said
    return master, pkg, write


def pulled_after_the_drop(capsys, master, pkg, write) -> None:
    """泉眼 dropped from ``master`` (``write(sql)``) and repaired, then ``pkg`` pulled: its
    conflict on the layer is closed as dropped, said so, and neither ``conflicts`` nor
    ``status`` of the package counts it open."""
    write("DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "1 open conflict on 泉眼 closed as dropped: the layer was dropped from the " \
           "master, so there is nothing left to settle" in said, said
    assert "泉眼 上 1 项未处理的冲突已随图层删除关闭：该图层已从主库删除，无需处理" in said, said
    assert "are settled: it holds what the master holds" not in said, said
    code, said = cli_said(capsys, "conflicts", pkg)
    assert code == errors.OK and "0 conflicts" in said, said
    code, said = cli_said(capsys, "conflicts", pkg, "--every")
    assert code == errors.OK, said
    assert "#1 dropped update/update 泉眼" in said and "closed as dropped at " in said, said
    assert "#1 已随图层删除关闭" in said, said
    code, said = cli_said(capsys, "conflicts", pkg, "--every", "--json")
    assert [(c["tbl"], c["status"]) for c in json.loads(said)] == [("泉眼", "dropped")], said
    code, said = cli_said(capsys, "status", pkg, "--json")
    assert code == errors.OK and json.loads(said)["open_conflicts"] == 0, said
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "open conflicts 0" in said, said
    code, said = cli_said(capsys, "pull", pkg, master)  # (said once: closed already)
    assert code == errors.OK and "closed as dropped" not in said, said


def test_conflicts_closed_as_dropped_in_the_master_are_closed_in_the_package(
        tmp_path, capsys, chinese_locale):
    closed_on_both_sides(tmp_path, capsys)


def closed_on_both_sides(tmp_path, capsys, database: str | None = None, write=None) -> None:
    """Merged, the conflict is the master's too; the drop closes it there, and the pull in
    the package: one closed as dropped on each side, none open. ``database``, ``write``: a
    PostgreSQL master (:func:`met_at_pull`)."""
    master, pkg, write = met_at_pull(tmp_path, capsys, database, write)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.CONFLICTS, said
    pulled_after_the_drop(capsys, master, pkg, write)
    code, said = cli_said(capsys, "status", master, "--json")
    assert code == errors.OK, said
    assert [(m["conflicts_open"], m["conflicts_dropped"]) for m in json.loads(said)["merges"]] \
        == [(0, 1)], said


def test_conflicts_of_edits_not_merged_yet_are_closed_with_their_layer(
        tmp_path, capsys, chinese_locale):
    """Dropped before the package's edit was sent: its conflict, the package's alone, is
    closed all the same; the edit, exported, is refused at merge naming the drop, and the
    pull after says it is not sent again."""
    master, pkg, write = met_at_pull(tmp_path, capsys)
    pulled_after_the_drop(capsys, master, pkg, write)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.REFUSED and "layer 泉眼 was dropped from the master" in said, said
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "it is not sent again" in said, said
    code, said = cli_said(capsys, "conflicts", pkg)
    assert code == errors.OK and "0 conflicts" in said, said


def own_conflict_dropped(master, tmp_path, capsys):
    """A GIS package of ``master`` (:func:`wells_checked_out`) whose edit of 泉2's flow met
    the master's at a pull, kept in a conflict of its own; then 泉眼 dropped from the master
    and repaired. The package."""
    pkg = wells_checked_out(master, tmp_path, capsys)
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    ogrsql(master, "UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    assert cli_said(capsys, "pull", pkg, master)[0] == errors.CONFLICTS
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    return pkg


def test_status_says_the_edits_waiting_of_a_layer_dropped_are_refused(
        tmp_path, capsys, chinese_locale):
    """Once a pull found 泉眼 dropped from the master, the package's status says its edit of
    the layer waiting to be sent is refused at merge, naming the drop, in English and
    Chinese (it said "waiting to be sent in 泉眼: 1 changed", as any other)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=2)
    pkg = own_conflict_dropped(master, tmp_path, capsys)
    code, said = cli_said(capsys, "status", pkg)
    assert "waiting to be sent in 泉眼: 1 changed" in said, said
    assert "dropped" not in said, said  # (not known here before a pull)
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "  not brought from the master, not tracked there: 泉眼: gone from the file\n" \
           "  未从主库带来（主库未跟踪）：泉眼：已不在文件中\n" in said, said
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.OK, said
    assert "waiting to be sent in 泉眼: 1 changed" in said, said
    assert "  the master will refuse the edits of 1 of these: layer 泉眼 was dropped from " \
           "the master, after this package was checked out (GIS staff can add it to the " \
           "master again, then merge this package again)" in said, said
    assert "主库将拒收其中 1 个要素的修改：图层 泉眼 已从主库删除" in said, said
    code, said = cli_said(capsys, "status", pkg, "--json")
    assert [w["refused"] for w in json.loads(said)["waiting"]] == [[
        "the master will refuse the edits of 1 of these: " + DROPPED_LAYER.format(
            layer="泉眼")]], said
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.REFUSED and "layer 泉眼 was dropped from the master" in said, said
