# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge whose conflicts are some settled, some closed as dropped (their layer dropped
from the master, then ``repair``): ``resolve --all`` and status count each apart, in English,
in Chinese and in ``--json`` (status said them all settled, and resolve named none of those
closed, though nobody settled those of the layer dropped)."""

from __future__ import annotations

import json
import shutil

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_edited

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_settled_and_closed_as_dropped_are_counted_apart(tmp_path, capsys, chinese_locale):
    master, pkg = wells_edited(tmp_path, capsys)
    ogrsql(master, "UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    edit(master, "UPDATE mine_patches SET section = 'C' WHERE patch_code = 'P0000001'")
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.CONFLICTS, said
    ogrsql(master, "DROP TABLE 泉眼")
    code, said = cli_said(capsys, "repair", master)
    assert code == errors.OK and "1 open conflict on 泉眼 closed as dropped" in said, said
    code, said = cli_said(capsys, "status", master)
    assert code == errors.CONFLICTS, said
    assert "conflicts 2 (1 to settle, 1 closed as dropped) in 2 changes" in said, said
    assert "冲突 2 项（其中 1 项待处理，1 项已随图层删除关闭，涉及 2 项修改）" in said, said
    code, said = cli_said(capsys, "resolve", master, "--all", tmp_path / "g.zip",
                          "--take", "theirs")
    assert code == errors.OK and "resolved 1 conflict:" in said, said
    zip_path = tmp_path / "g.zip"
    assert f"1 conflict from {zip_path} on 泉眼 was closed as dropped, not settled: the " \
           "layer was dropped from the master" in said, said
    assert f"来自 {zip_path} 的 泉眼 上 1 项冲突已随图层删除关闭，并未处理" in said, said
    code, said = cli_said(capsys, "resolve", master, "--all", "gis-1", "--take", "theirs")
    assert code == errors.OK and "no open conflicts from gis-1" in said, said
    assert "1 conflict from gis-1 on 泉眼 was closed as dropped, not settled" in said, said
    code, said = cli_said(capsys, "status", master)
    assert code == errors.OK and "open conflicts 0" in said, said
    assert "conflicts 2 (1 settled, 1 closed as dropped) in 2 changes" in said, said
    assert "conflicts 2 settled" not in said, said
    assert "冲突 2 项（其中 1 项已处理，1 项已随图层删除关闭，涉及 2 项修改）" in said, said
    code, said = cli_said(capsys, "status", master, "--json")
    merged = json.loads(said)["merges"]
    assert [(m["conflicts_settled"], m["conflicts_open"], m["conflicts_dropped"])
            for m in merged] == [(1, 0, 1)], merged
