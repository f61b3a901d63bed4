# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init` on a layer keyed by a code as TEXT (grazing_plots, its key plot_code) said
"no INTEGER PRIMARY KEY (rows have no stable key)": a text key is a stable key. It names the
key and its type, and the command that gives the table the INTEGER key capture follows rows
by (GDAL writes one, an fid), which the user runs, and init tracks the layer; in Chinese too.
A table with no key at all is said as before."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from field_kit import errors
from tests.unit.cli_run import cli


def _add(master, sql: str, name: str) -> None:
    with sqlite3.connect(master) as c:
        c.execute(sql)
        c.execute(f"INSERT INTO {name} VALUES ('G1', '阿不都')")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "(?, 'attributes', ?)", (name, name))


def _said(out: str, name: str, zh: bool = False) -> str:
    head = "  未跟踪：" if zh else "  not tracked: "
    (line,) = [s for s in out.splitlines() if s.startswith(f"{head}{name}")]
    return line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_text_key_is_named_with_the_command_that_gives_the_table_an_integer_one(
        master, tmp_path, capsys, monkeypatch, lang):
    _add(master, "CREATE TABLE grazing_plots (plot_code TEXT PRIMARY KEY, owner TEXT)",
         "grazing_plots")
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "init", master)
    assert code == errors.OK, out + err
    command = (f"ogr2ogr -f GPKG grazing_plots_fid.gpkg {master} grazing_plots && "
               f"ogr2ogr -update -overwrite {master} grazing_plots_fid.gpkg grazing_plots")
    assert _said(out, "grazing_plots") == (
        "  not tracked: grazing_plots: its primary key plot_code is TEXT, not INTEGER: change "
        "capture follows rows by an INTEGER PRIMARY KEY (a GeoPackage's fid), so give the "
        f"table one with GDAL, its key kept as a field: {command}, then field-kit init "
        f"{master} again"), out
    assert "stable key" not in out + err, out + err
    if lang == "zh":
        assert _said(out, "grazing_plots", zh=True) == (
            "  未跟踪：grazing_plots：其主键 plot_code 的类型为 TEXT，不是 INTEGER：变更捕获按 "
            "INTEGER 主键（GeoPackage 的 fid）跟踪要素，请用 GDAL 给该表加上这样的主键，"
            f"plot_code 保留为普通字段：{command}，然后再次运行 field-kit init {master}"), out
    # the user runs the command said, then init again: the layer is tracked, its codes kept
    subprocess.run(command, shell=True, cwd=tmp_path, check=True, capture_output=True)
    code, out, err = cli(capsys, "init", master)
    assert code == errors.OK, out + err
    assert "  tracked: grazing_plots\n" in out, out
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT plot_code, owner FROM grazing_plots").fetchall() == [
            ("G1", "阿不都")]


def test_a_table_with_no_key_at_all_is_said_as_before(master, capsys):
    _add(master, "CREATE TABLE loose_notes (code TEXT, said TEXT)", "loose_notes")
    code, out, err = cli(capsys, "init", master)
    assert code == errors.OK, out + err
    assert _said(out, "loose_notes") == (
        "  not tracked: loose_notes: no INTEGER PRIMARY KEY (rows have no stable key)"), out
