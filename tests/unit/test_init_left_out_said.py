# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init GPKG --tables X` says the tables chosen and tracked, and those left out by
choice in one line, the first ten named and the rest counted: a line each read as tables
that could not be tracked, and a schema's hundreds buried what was tracked."""

from __future__ import annotations

import json
import subprocess

import pytest

from field_kit import errors
from field_kit.sync import registry
from tests.unit.cli_run import cli

LEFT = ": not chosen at init (left out by choice)"


def left_out(capsys, master) -> set[str]:
    code, out, err = cli(capsys, "status", master, "--json")
    assert code == errors.OK, err
    return {t for t, why in json.loads(out)["not_tracked"].items()
            if why == registry.NOT_CHOSEN}


@pytest.fixture
def layers(tmp_path, plan_gpkg):
    """The plan's layers copied as ogr2ogr (or QGIS's Package layers) copies them, without
    change capture: a file not a master yet, for its first init to choose from."""
    out = tmp_path / "layers.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(out), str(plan_gpkg)], check=True,
                   capture_output=True)
    return out


def test_the_tables_left_out_by_choice_are_one_line(layers, capsys):
    master = layers
    code, out, err = cli(capsys, "init", master, "--tables", "plan_meta")
    assert code == errors.OK, out + err
    lines = out.splitlines()
    assert lines[1] == "  tracked: plan_meta" and lines[2].startswith("  not tracked: "), lines
    left = left_out(capsys, master)
    more = len(left) - registry.NAMED
    assert more > 0, left
    named, _, rest = lines[2].removeprefix("  not tracked: ").partition(f" and {more} more")
    assert rest == LEFT, lines[2]
    assert len(named.split(", ")) == registry.NAMED and set(named.split(", ")) < left, named
    assert not [line for line in lines if line.endswith(": not chosen at init")], lines


def test_in_chinese_too(layers, capsys, chinese_locale):
    master = layers
    code, out, err = cli(capsys, "init", master, "--tables", "plan_meta,mine_patches")
    assert code == errors.OK, out + err
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if line.endswith(LEFT))
    more = len(left_out(capsys, master)) - registry.NAMED
    assert lines[i + 1].startswith("  未跟踪：") and "mine_patches" not in lines[i], lines
    assert lines[i + 1].endswith(f" 等，另有 {more} 个表：初始化时未选择（按选择排除）"), \
        lines[i + 1]
    assert lines[i + 1].count("、") == registry.NAMED - 1, lines[i + 1]


def test_a_plain_init_says_the_choice_was_an_earlier_ones(master, capsys, chinese_locale):
    """Nothing chosen: the plan's plan_meta, left out when the plan's file is built, is not
    said to be left out by a choice this init never made."""
    code, out, err = cli(capsys, "init", master)
    assert code == errors.OK, out + err
    lines = out.splitlines()
    assert ("  not tracked: plan_meta: not chosen at init (left out at an earlier init, whose "
            "choice stands; the plan's file is built so, plan_meta holding the plan's own "
            "metadata)") in lines, lines
    assert ("  未跟踪：plan_meta：初始化时未选择（由先前的初始化排除，沿用其选择；规划数据文件"
            "生成时即如此，plan_meta 存放规划本身的说明数据）") in lines, lines
    assert "by choice" not in out and "按选择" not in out, out
