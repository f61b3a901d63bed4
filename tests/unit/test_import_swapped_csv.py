# SPDX-License-Identifier: GPL-2.0-or-later
"""A list of boundary points whose longitude column holds the latitudes (and the latitude
column the longitudes) is refused as lying beyond the county, and the refusal says how to
put it right by the file's own columns: exchange the two headers; so exchanged, it is
imported. In English and Chinese."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.sync import later_edits
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

FIX = {"en": "(latitude and longitude swapped? If so, exchange the headers of columns 经度 and "
             "纬度 (经度 seems to hold the latitudes, 纬度 the longitudes) and they are read the "
             "other way round)",
       "zh": "（经度与纬度是否写反了？如是，请交换 经度 与 纬度 两列的表头（经度 列中似为纬度，"
             "纬度 列中似为经度），即按互换后的列读取）"}


def swapped_points(path, header, patches):
    """The patches' boundary points, each row's latitude written first."""
    lines = [header]
    for p in patches:
        for k, (lon, lat) in enumerate(p["ring"][:-1]):
            lines.append(f"J{k + 1},{lat:.8f},{lon:.8f},{p['code']}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_swapped_longitude_and_latitude_columns_are_named_to_exchange(
        master, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(master)[:1]
    digest = L.sha256(master)
    src = swapped_points(tmp_path / "界址点.csv", "点号,经度,纬度,图斑编号", patches)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    said = [ln for ln in out.splitlines() if patches[0]["code"] in ln and "0.5°" in ln]
    assert said and said[-1].endswith(FIX[lang]), out
    assert L.sha256(master) == digest
    # as it says: the two headers exchanged, the same points are read and imported
    src = swapped_points(tmp_path / "界址点.csv", "点号,纬度,经度,图斑编号", patches)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.OK, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_whole_file_swapped_is_said_once_naming_its_rows_briefly(
        master, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(master)
    assert len(patches) > later_edits.LATER_EDITS_NAMED
    src = swapped_points(tmp_path / "界址点.csv", "点号,经度,纬度,图斑编号", patches)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    said = [ln for ln in out.splitlines() if "0.5°" in ln]
    # once (a line in each language for a Chinese user), not a line a patch
    assert len(said) == (2 if lang == "zh" else 1), out
    n, more = len(patches), len(patches) - later_edits.LATER_EDITS_NAMED
    line = said[-1]
    assert (f"错误：全部 {n} 个要素位于县域范围外接矩形" if lang == "zh"
            else f"error: all {n} features lie more than 0.5° beyond the county") in line, line
    assert FIX[lang] in line, line
    assert line.count("如是") == 1 if lang == "zh" else line.count("If so") == 1, line
    # the rows briefly: the first named, with how far each lies, the rest counted
    first = "第 2 行" if lang == "zh" else "row 2"
    assert f"{first} {patches[0]['code']} (" in line.replace("（", " ("), line
    assert patches[-1]["code"] not in line, line
    assert line.endswith(f"，另有 {more} 个" if lang == "zh" else f" and {more} more"), line
