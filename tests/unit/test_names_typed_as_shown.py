# SPDX-License-Identifier: GPL-2.0-or-later
"""A role, a layer, a column or a side of a conflict is typed by any name the kit shows for
it, in either language (技术员, 历史遗留矿山图斑.矿种, 另一方; English in any case), and a name
that is none of them is refused with the names it takes listed, in Chinese by their words."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from tests.unit.cli_run import cli, cli_said
from tests.unit.test_roles_command import held
from tests.unit.test_words_pull_merge_resolve import _two_devices_one_record


def test_roles_takes_a_role_a_layer_and_columns_by_their_chinese_and_english_names(
        master, capsys):
    code, out = cli_said(capsys, "roles", master, "--grant", "技术员",
                         "历史遗留矿山图斑.矿种,行政区")
    assert code == errors.OK, out
    assert {("technician", "mine_patches", "mineral"),
            ("technician", "mine_patches", "township")} <= held(master), out
    code, out = cli_said(capsys, "roles", master, "--revoke", "Technician",
                         "Legacy mine patches.Mineral", "--revoke", "TECHNICIAN",
                         "MINE_PATCHES.township")
    assert code == errors.OK, out
    assert not {g for g in held(master) if g[1] == "mine_patches"}, out


def test_roles_refusal_lists_the_names_it_takes_in_chinese(master, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    before = held(master)
    code, out = cli_said(capsys, "roles", master, "--grant", "外业员", "图斑核查记录",
                         "--grant", "技术员", "矿山图斑", "--grant", "技术员",
                         "历史遗留矿山图斑.矿产")
    assert code == errors.BAD_INPUT, out
    assert held(master) == before
    assert "没有角色 外业员：角色只有 技术员（technician）、GIS 人员（gis）" in out, out
    assert "主库未跟踪表 矿山图斑（它跟踪的表：县域范围（county_boundary）、" in out, out
    assert "、历史遗留矿山图斑（mine_patches）、" in out, out
    assert "历史遗留矿山图斑（mine_patches）中没有字段 矿产（其字段：" in out, out
    assert "、矿种（mineral）、" in out, out


def test_resolve_takes_a_side_by_the_word_the_conflicts_list_it_with(tmp_path, capsys,
                                                                      monkeypatch):
    master, a, b, _, _ = _two_devices_one_record(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    code, out = cli_said(capsys, "conflicts", master)
    assert code == errors.CONFLICTS
    assert "主库现值（ours）" in out and "另一方（theirs）" in out, out
    assert ("处理其中一项：field-kit resolve " + str(master) + " 编号 --take 另一方（或 --take "
            "主库现值、--take 共同祖先、--value 值；另一方、主库现值、共同祖先也可写 theirs、ours、"
            "ancestor）") in out, out
    with pytest.raises(SystemExit):  # (argparse's way out)
        cli(capsys, "resolve", master, "1", "--take", "对方")
    out = capsys.readouterr().err
    assert ("参数 --take：无效的选项 对方（可选：共同祖先（ancestor）、主库现值（ours）、"
            "另一方（theirs））") in out, out
    assert cli_said(capsys, "resolve", master, "1", "--take", "另一方")[0] == errors.OK
    assert cli_said(capsys, "resolve", master, "2", "--take", "OURS")[0] == errors.OK
    assert sqlite3.connect(master).execute(
        "SELECT group_concat(resolution) FROM sync_conflicts ORDER BY id").fetchone()[0] \
        == "take:theirs,take:ours"


def test_checkout_init_and_import_take_roles_and_layers_by_their_titles(master, tmp_path,
                                                                        capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    pkg = tmp_path / "t.gpkg"
    code, out = cli_said(capsys, "checkout", master, pkg, "--device", "t", "--role", "技术员")
    assert code == errors.OK, out
    assert sqlite3.connect(pkg).execute("SELECT role FROM sync_state").fetchone()[0] \
        == "technician"
    # a table the master tracks, typed by its title, is refused as the table it is
    code, out = cli_said(capsys, "init", master, "--exclude", "照片")
    assert code == errors.REFUSED, out
    assert f"{master} tracks photos: init does not stop tracking a table" in out, out
    # a layer by its title is the layer (the source is what is wrong here), and one that
    # names none is refused with the layers by their titles
    (tmp_path / "x.dxf").write_text("0\nSECTION\n")
    code, out = cli_said(capsys, "import", master, tmp_path / "x.dxf", "--layer",
                         "Legacy mine patches")
    assert code == errors.BAD_INPUT and "x.dxf" in out and "--layer" not in out, out
    with pytest.raises(SystemExit):  # (argparse's way out)
        cli(capsys, "import", master, tmp_path / "x.dxf", "--layer", "矿山")
    out = capsys.readouterr().err
    assert ("参数 --layer：无效的选项 矿山（可选：历史遗留矿山图斑（mine_patches）、"
            "生态修复分区（restoration_zones）、县域范围（county_boundary））") in out, out
