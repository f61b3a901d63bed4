# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer of the county's own dropped from the master (``DROP TABLE`` through GDAL, then
``repair``) after a GIS package was checked out with it: the package's edits of that layer
are refused at merge each by name, its other edits going in (the package was refused whole,
asking to add the layer back); repair says so of a master in its own words (it said what it
says of a field package); the pull names the edits given up, not sent again, and does not
stop on the layer it cannot read (an internal error)."""

from __future__ import annotations

import shutil

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said, history_json
from tests.unit.gpkg_factory import rows
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_edited

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_edits_of_a_layer_dropped_from_the_master_are_refused_alone(tmp_path, capsys,
                                                                      chinese_locale):
    master, pkg = wells_edited(tmp_path, capsys)
    said = refused_alone(capsys, tmp_path, master, pkg,
                         lambda: ogrsql(master, "DROP TABLE 泉眼"),
                         lambda sql: rows(master, sql))
    assert "goes with the next export" not in said, said


def refused_alone(capsys, tmp_path, master, pkg, drop, read) -> str:
    """泉眼 dropped from ``master`` (``drop()``) after ``pkg`` edited it and a patch
    (:func:`wells_edited`), then repaired: the merge refuses the layer's edit alone, naming
    it, the patch's going in (``read(sql)``: the master's rows); the pull gives it up, not
    sent again. What repair said."""
    drop()
    code, repaired = cli_said(capsys, "repair", master)
    assert code == errors.OK, repaired
    assert "泉眼 is gone from this master: it is tracked no more, and a field package's edits " \
           "of it are refused at merge, each by name, the package's other edits going in" \
           in repaired, repaired
    assert "泉眼 已不在此主库中：不再跟踪" in repaired, repaired
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.REFUSED, said
    assert "applied 1," in said and "refused 1" in said, said
    assert "layer 泉眼 was dropped from the master, after this package was checked out (GIS " \
           "staff can add it to the master again, then merge this package again)" in said, said
    assert "图层 泉眼 已从主库删除，晚于此数据包的签出：其修改被拒收" in said, said
    assert read("SELECT section FROM mine_patches WHERE patch_code = 'P0000001'") == [("B",)]
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "your edit of 泉眼 泉2 (flow) was refused: layer 泉眼 was dropped from the master" \
           in said and "it is not sent again" in said, said
    assert "本机对泉眼 泉2（flow）的修改被主库拒收：图层 泉眼 已从主库删除" in said, said
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g2.zip")
    assert code == errors.OK and "nothing to export" in said, said  # (given up: not sent again)
    return repaired


def test_open_conflicts_of_a_layer_dropped_are_closed_as_dropped(tmp_path, capsys,
                                                                 chinese_locale):
    """A conflict on the layer, open when it is dropped, is closed by repair as dropped and
    named so (it stayed open for ever: status counted it, conflicts exited 1, it could not
    be settled, and the next pull met the master's value of a layer it no longer has)."""
    master, pkg = wells_edited(tmp_path, capsys)
    every = closed_as_dropped(capsys, tmp_path, master, pkg, lambda sql: ogrsql(master, sql))
    assert "#1 已随图层删除关闭" in every and "the value master gave at " in every, every
    assert "layer 泉眼 was dropped from the master; there is nothing left to settle" in every


def closed_as_dropped(capsys, tmp_path, master, pkg, write) -> str:
    """泉2's flow given 7.7 in ``master`` (``write(sql)``) against ``pkg``'s 9.9
    (:func:`wells_edited`), merged, then 泉眼 dropped and repaired: the open conflict is
    closed as dropped and named so by repair, status, conflicts, resolve and the pull. What
    ``conflicts --every`` said."""
    write("UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.CONFLICTS, said
    write("DROP TABLE 泉眼")
    code, said = cli_said(capsys, "repair", master)
    assert code == errors.OK, said
    assert "1 open conflict on 泉眼 closed as dropped: the layer was dropped from the " \
           "master, so there is nothing left to settle" in said, said
    assert "泉眼 上 1 项未处理的冲突已随图层删除关闭" in said, said
    code, said = cli_said(capsys, "status", master)
    assert code == errors.OK and "open conflicts 0" in said, said
    assert "conflicts 1 closed as dropped in 1 change" in said and "settled" not in said, said
    assert "冲突 1 项（已随图层删除关闭，涉及 1 项修改）" in said, said
    code, said = cli_said(capsys, "conflicts", master)
    assert code == errors.OK and "0 conflicts" in said, said
    code, every = cli_said(capsys, "conflicts", master, "--every")
    assert code == errors.OK, every
    assert "#1 dropped update/update 泉眼" in every and "closed as dropped at " in every, every
    assert "no recorded edit" not in every, every
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.BAD_INPUT, said
    assert "conflict 1 was closed as dropped: layer 泉眼 was dropped from the master" in said
    assert "冲突 1 已随图层删除关闭" in said, said
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "conflicts 0" in said and "7.7" not in said, said
    return every


def test_history_of_a_row_of_a_layer_dropped_says_the_drop(tmp_path, capsys, chinese_locale):
    """History lists the row's changes and says its layer was dropped since, as it says a
    rewrite: in text, in both languages, and in JSON."""
    master, pkg = wells_edited(tmp_path, capsys)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.OK
    ((u,),) = rows(master, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    code, said = cli_said(capsys, "history", master, u)
    assert code == errors.OK and "flow：2.5 -> 9.9" in said, said
    assert (f"layer 泉眼 was dropped from the master, after these changes: row 泉2 (uuid {u}) "
            "is not there any more, with its layer\n") in said, said
    assert f"图层 泉眼 已从主库删除（晚于以上修改）：要素 泉2（uuid {u}）已随该图层不复存在\n" \
        in said, said
    code, said = cli_said(capsys, "history", master, u, "--json")
    assert code == errors.OK, said
    got = history_json(said)
    assert [c["op"] for c in got["changes"]] == ["insert", "update"]
    assert [(d["layer"], d["kind"], d["name"], d["row"]) for d in got["dropped"]] == [
        ("泉眼", "dropped", "泉2", u)]
