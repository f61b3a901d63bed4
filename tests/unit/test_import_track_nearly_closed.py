# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's outline handed over as a GPS track walked round it rarely ends on the very
point it began at. A track (a path drawn in Google Earth, a GPX track taken into GeoJSON by
ogr2ogr) whose ends lie within 5 m of each other is closed and imported as the polygon it
bounds, said by row with how far apart its ends lay; one whose ends lie farther apart is
refused, saying how far. In English and Chinese."""

from __future__ import annotations

import json
import subprocess

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

CLOSED = {"en": "the geometry is a line whose first and last points lie {gap} m apart (within "
                "5 m, as a GPS track walked round the patch ends near where it began): closed "
                "(its last point joined to its first) and imported into mine_patches as the "
                "polygon it bounds",
          "zh": "几何为首尾点相距 {gap} 米的线（在 5 米以内，如绕图斑一周、终点回到起点附近的 "
                "GPS 轨迹）：已将其闭合（终点连回起点），按其围成的面导入 mine_patches"}
# the same, said where an error refuses the import: nothing is imported
CLOSED_REFUSED = {
    "en": "the geometry is a line whose first and last points lie {gap} m apart (within 5 m, "
          "as a GPS track walked round the patch ends near where it began): closed (its last "
          "point joined to its first) and would be imported into mine_patches as the polygon "
          "it bounds once the errors are fixed",
    "zh": "几何为首尾点相距 {gap} 米的线（在 5 米以内，如绕图斑一周、终点回到起点附近的 "
          "GPS 轨迹）：已将其闭合（终点连回起点），改正错误后将按其围成的面导入 mine_patches"}
OPEN = {"en": "the geometry is a line; mine_patches needs polygons: the line's first and last "
              "points lie {gap} m apart, more than the 5 m within which a track's ends are "
              "closed, so it bounds no area; if it is a track walked round the patch, close it "
              "(end it on its first point) and import it again, or draw it as a polygon in "
              "Google Earth or QGIS",
        "zh": "几何类型为线，mine_patches 需要面：该线的首尾点相距 {gap} 米，超过可自动闭合的 "
              "5 米，未闭合；如为绕图斑一周的轨迹，请将其闭合（终点与起点相同）后再导入，"
              "或在 Google Earth、QGIS 中将其绘制为面（多边形）"}


def walked(ring, metres: float):
    """A patch's outline as a walk round it that ends ``metres`` from where it began (to the
    north-east of it), not on it."""
    lon, lat, _ = L.geod().fwd(ring[0][0], ring[0][1], 45.0, metres)
    return ring[:-1] + [(lon, lat)]


def _google_earth_paths(path, patches, tracks):
    marks = []
    for p, track in zip(patches, tracks):
        coords = " ".join(f"{x!r},{y!r},0" for x, y in track)
        marks.append(f"<Placemark><name>{p['code']}</name><LineString><tessellate>1"
                     f"</tessellate><coordinates>{coords}</coordinates></LineString>"
                     "</Placemark>")
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/'
                    f'kml/2.2"><Document><name>{path.name}</name>' + "".join(marks)
                    + "</Document></kml>", encoding="utf-8")
    return path


def _gpx_tracks_as_geojson(tmp_path, patches, tracks):
    """Each walk a GPX track named by its patch's code, as a handheld GPS records it, taken
    into GeoJSON by ogr2ogr (MultiLineStrings)."""
    trks = []
    for p, track in zip(patches, tracks):
        pts = "".join(f'<trkpt lat="{y!r}" lon="{x!r}"><ele>1200</ele></trkpt>'
                      for x, y in track)
        trks.append(f"<trk><name>{p['code']}</name><trkseg>{pts}</trkseg></trk>")
    gpx = tmp_path / "walk.gpx"
    gpx.write_text('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="GPS" '
                   'xmlns="http://www.topografix.com/GPX/1/1">' + "".join(trks) + "</gpx>",
                   encoding="utf-8")
    out = tmp_path / "walk.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(out), str(gpx), "tracks", "-select",
                    "name"], check=True)
    assert {f["geometry"]["type"] for f in json.loads(out.read_text())["features"]} == {
        "MultiLineString"}
    return out


def _gap(track) -> str:
    """How far apart a track's ends lie (m, as pyproj measures them), as said."""
    (x0, y0), (x1, y1) = track[0], track[-1]
    return f"{L.geod().inv(x0, y0, x1, y1)[2]:.1f}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_path_ending_near_its_start_is_closed_and_one_ending_far_from_it_refused(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    near, far = L.surveyed(plan_gpkg)[:2]
    tracks = [walked(near["ring"], 3.2), walked(far["ring"], 12.0)]
    assert [_gap(t) for t in tracks] == ["3.2", "12.0"]
    kml = _google_earth_paths(tmp_path / "路径.kml", [near, far], tracks)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    info, error = {"en": ("info: row 1", "error: row 2"),
                   "zh": ("说明：第 1 行", "错误：第 2 行")}[lang]
    # (refused for the far one: the near one is not imported either, nor said to be)
    colon = {"en": ": ", "zh": "："}[lang]
    assert f"{info} {near['code']}{colon}{CLOSED_REFUSED[lang].format(gap='3.2')}\n" in out, out
    assert f"{error} {far['code']}{colon}{OPEN[lang].format(gap='12.0')}\n" in out, out
    assert L.sha256(master) == digest
    # the near one alone: imported, its boundary the walk closed, every point of it kept
    kml = _google_earth_paths(tmp_path / "路径.kml", [near], tracks[:1])
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert f"{info} {near['code']}{colon}{CLOSED[lang].format(gap='3.2')}\n" in out, out
    assert "written: updated 1, new 0" in out, out
    (ring,) = [p["ring"] for p in L.plan_patches(master) if p["code"] == near["code"]]
    assert sorted(ring[:-1]) == sorted(tracks[0]) and ring[0] == ring[-1], ring


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gps_tracks_ending_near_their_start_are_imported_said_once(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    tracks = [walked(p["ring"], 1.0 + i * 0.3) for i, p in enumerate(patches)]
    src = _gpx_tracks_as_geojson(tmp_path, patches, tracks)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert "written: updated 10, new 1" in out, out
    # (said once for the tracks, as of every one, naming the first rows with their gaps)
    said = {"en": f"info: all {len(patches)} features: the geometry is a line whose first and "
                  "last points lie within 5 m of each other (as a GPS track walked round the "
                  "patch ends near where it began): closed (its last point joined to its "
                  "first) and imported into mine_patches as the polygon it bounds: "
                  f"row 1 {patches[0]['code']} (1.0 m), row 2 {patches[1]['code']} (1.3 m), ",
            "zh": f"说明：全部 {len(patches)} 个要素：几何为首尾点相距 5 米以内的线（如绕图斑一周、"
                  "终点回到起点附近的 GPS 轨迹）：已将其闭合（终点连回起点），按其围成的面导入"
                  f" mine_patches：第 1 行 {patches[0]['code']}（1.0 m）、第 2 行 "
                  f"{patches[1]['code']}（1.3 m）、"}
    assert said[lang] in out, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gps_tracks_ending_far_from_their_start_are_refused_saying_how_far(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    tracks = [walked(p["ring"], 6.0 + i) for i, p in enumerate(patches)]
    src = _gpx_tracks_as_geojson(tmp_path, patches, tracks)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    said = {"en": f"error: all {len(patches)} features: the geometry is a line; mine_patches "
                  "needs polygons: the line's first and last points lie more than the 5 m "
                  "apart within which a track's ends are closed, so it bounds no area; ",
            "zh": f"错误：全部 {len(patches)} 个要素：几何类型为线，mine_patches 需要面：该线的"
                  "首尾点相距超过可自动闭合的 5 米，未闭合；"}
    rows = {"en": f": row 1 {patches[0]['code']} (6.0 m), row 2 {patches[1]['code']} (7.0 m), ",
            "zh": f"：第 1 行 {patches[0]['code']}（6.0 m）、第 2 行 "
                  f"{patches[1]['code']}（7.0 m）、"}
    (line,) = [ln for ln in out.splitlines() if said[lang] in ln]
    assert rows[lang] in line, line
    assert L.sha256(master) == digest
