# SPDX-License-Identifier: GPL-2.0-or-later
"""A point list headed plain X and Y whose X is the northing, as Chinese surveyors write
them, is refused as lying beyond the county with its x and y swapped, and the refusal says
how to have it read: head the columns X(北坐标) and Y(东坐标); so headed, it is imported."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

FIX = {"en": "x and y look swapped: the other way round it lies in the county; if column X "
             "holds the northing and Y the easting, as Chinese surveying writes X and Y, head "
             "them X(北坐标) and Y(东坐标) and they are read as their headers say",
       "zh": "X 与 Y 坐标似乎写反了：互换后位于县域内；如 X 列为北坐标、Y 列为东坐标"
             "（测量习惯 X 为北、Y 为东），请将这两列的表头改为 X(北坐标) 和 Y(东坐标)，"
             "即按表头所写读取"}


def _points(path, header, patches, epsg):
    lines = [header]
    for p in patches:
        for k, (e, n) in enumerate(L.to_epsg(p["ring"][:-1], epsg)):
            lines.append(f"J{k + 1},{n:.3f},{e:.3f},{p['code']}")  # the northing first
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_x_as_the_northing_is_refused_naming_the_headers_that_say_so(
        master, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(master)
    src = _points(tmp_path / "xy.csv", "点号,X,Y,图斑编号", patches, 4539)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4539")
    assert rc == errors.INVALID, out
    said = [ln for ln in out.splitlines() if patches[0]["code"] in ln and "0.5°" in ln]
    assert said and FIX[lang] + ("）" if lang == "zh" else ")") in said[-1], out
    # as it says: so headed, the same points are read and imported
    src = _points(tmp_path / "xy.csv", "点号,X(北坐标),Y(东坐标),图斑编号", patches, 4539)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4539")
    assert rc == errors.OK, out


def test_x_as_the_northing_off_the_projection_s_domain_names_them_too(
        master, tmp_path, capsys):
    src = _points(tmp_path / "xy.csv", "点号,X,Y,图斑编号", L.surveyed(master)[:1], 4518)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4518")
    assert rc == errors.INVALID, out
    assert "are off the projection's domain: " + FIX["en"] in out, out


def test_a_whole_list_off_the_projection_s_domain_is_said_once(master, tmp_path, capsys):
    patches = L.surveyed(master)
    src = _points(tmp_path / "xy.csv", "点号,X,Y,图斑编号", patches, 4518)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4518")
    assert rc == errors.INVALID, out
    (line,) = [ln for ln in out.splitlines() if "off the projection's domain" in ln]
    assert f"error: all {len(patches)} features have coordinates that, read in " in line, line
    assert "are off the projection's domain: " + FIX["en"] + ": row 2 " in line, line
    assert line.count(FIX["en"]) == 1, line
