# SPDX-License-Identifier: GPL-2.0-or-later
"""A line that cannot be a patch's boundary is refused saying why. One whose ends are the
same point (or within 5 m of each other) but which has too few points to bound an area is
refused as too short, how many points it has and how many it needs; it was refused as one
whose first and last points differ, which was false. A track walked round a patch in a file
that does not say its coordinate system: how far apart its ends lie cannot be measured, and
that is said once for every such track, with how to give the system; it was said to be a
line whose ends differ, beside the coordinate system's error. In English and Chinese."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_closed_track import _gpx_tracks_as_shapefile
from tests.unit.test_import_track_nearly_closed import _google_earth_paths, walked

pytest.importorskip("pyproj")
L._proj_data()

NEEDS = {"en": "the geometry is a line; mine_patches needs polygons: ",
         "zh": "几何类型为线，mine_patches 需要面："}
TOO_FEW = {"en": "the line has too few points to bound an area: {n} given, at least 4 with the "
                 "closing point (the last, the same as the first)",
           "zh": "该线的点太少，围不成面：只有 {n} 个点，连同闭合点（与起点相同的终点）"
                 "至少需要 4 个"}
UNMEASURED = {"en": "the line's first and last points are not the same, and how far apart they "
                    "lie cannot be measured until the coordinate system is given (a track whose "
                    "ends lie within 5 m of each other is closed and imported as the polygon it "
                    "bounds): give --crs",
              "zh": "该线的首尾点不同，在给出坐标系之前无法量出两者相距多远（相距 5 米以内的轨迹会"
                    "闭合，按其围成的面导入）：请用 --crs 指定"}
DIFFER = ("first and last points differ", "首尾点不同，未闭合")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_closed_line_of_too_few_points_is_refused_as_too_short(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    closed, near = L.surveyed(plan_gpkg)[:2]
    a, b = closed["ring"][:2]
    there_and_back = [a, b, a]  # (its ends the same point, three points)
    step = [a, walked([a, b, a], 2.0)[-1]]  # (its ends 2 m apart, two points)
    kml = _google_earth_paths(tmp_path / "路径.kml", [closed, near], [there_and_back, step])
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    error = {"en": "error: row {row} {code}: ", "zh": "错误：第 {row} 行 {code}："}[lang]
    for row, p, n in ((1, closed, 3), (2, near, 2)):
        said = error.format(row=row, code=p["code"]) + NEEDS[lang] + TOO_FEW[lang].format(n=n)
        assert said + "\n" in out, out
    assert not any(words in out for words in DIFFER), out
    assert L.sha256(master) == digest


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tracks_in_a_file_of_no_coordinate_system_are_said_unmeasured_once(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)[:2]
    tracks = [{**p, "ring": walked(p["ring"], 2.0)} for p in patches]  # (ends 2 m apart)
    shp = _gpx_tracks_as_shapefile(tmp_path, tracks)
    shp.with_suffix(".prj").unlink()  # (no coordinate system said)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, shp, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    crs = {"en": "error: unknown coordinate system: the source does not say its coordinate "
                 "system (no .prj)",
           "zh": "错误：无法识别坐标系：数据源未说明其坐标系（没有 .prj 文件）"}[lang]
    assert crs in out, out
    said = {"en": "error: all 2 features: ", "zh": "错误：全部 2 个要素："}[lang] + NEEDS[
        lang] + UNMEASURED[lang]
    rows = {"en": f": row 1 {patches[0]['code']}, row 2 {patches[1]['code']}\n",
            "zh": f"：第 1 行 {patches[0]['code']}、第 2 行 {patches[1]['code']}\n"}[lang]
    assert out.count(UNMEASURED[lang]) == 1 and said + rows in out, out
    assert not any(words in out for words in DIFFER), out
    assert L.sha256(master) == digest


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_part_of_too_few_points_of_a_track_in_parts_is_named(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    (p,) = L.surveyed(plan_gpkg)[:1]
    a, b = p["ring"][:2]
    src = tmp_path / "walk.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": p["code"]},
        "geometry": {"type": "MultiLineString", "coordinates": [p["ring"], [a, b, a]]}}]}),
        encoding="utf-8")
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    part = {"en": "part 2 of the line has too few points to bound an area: 3 given, at least 4 "
                  "with the closing point",
            "zh": "该线第 2 段的点太少，围不成面：只有 3 个点"}[lang]
    assert part in out, out
