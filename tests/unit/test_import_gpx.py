# SPDX-License-Identifier: GPL-2.0-or-later
"""A GPX from a technician's handheld GPS is imported as it is, WGS 84 always: its tracks,
each a patch's boundary walked and named by its code, as the patches' polygons (a track
ending within 5 m of its start closed, one ending farther refused saying how far, a track
of several segments read as a line of several parts); its waypoints naming no patch code are
points, which no plan layer takes. A file holding tracks and waypoints is read by its tracks,
the waypoints named as not read. In English and Chinese."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_track_nearly_closed import OPEN, _gap, walked

pytest.importorskip("pyproj")
L._proj_data()

GARMIN = ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
          '<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxx="http://www.garmin.com/'
          'xmlschemas/GpxExtensions/v3" creator="eTrex 32x" version="1.1" xmlns:xsi="http://'
          'www.w3.org/2001/XMLSchema-instance"><metadata><link href="http://www.garmin.com">'
          '<text>Garmin International</text></link><time>2026-05-12T03:14:07Z</time>'
          '</metadata>{body}</gpx>')


def _trkpts(line) -> str:
    return "".join(f'<trkpt lat="{y!r}" lon="{x!r}"><ele>1186.4</ele>'
                   f"<time>2026-05-12T03:{i // 60:02d}:{i % 60:02d}Z</time></trkpt>"
                   for i, (x, y) in enumerate(line))


def _track(name, *segments, desc=None) -> str:
    return (f"<trk><name>{name}</name>" + (f"<desc>{desc}</desc>" if desc else "")
            + "<extensions><gpxx:TrackExtension><gpxx:DisplayColor>Red</gpxx:DisplayColor>"
            "</gpxx:TrackExtension></extensions>"
            + "".join(f"<trkseg>{_trkpts(s)}</trkseg>" for s in segments) + "</trk>")


def _waypoint(name, x, y) -> str:
    return (f'<wpt lat="{y!r}" lon="{x!r}"><ele>1190.2</ele><time>2026-05-12T04:00:00Z</time>'
            f"<name>{name}</name><sym>Flag, Blue</sym></wpt>")


def garmin_gpx(path, tracks=(), waypoints=()):
    """A GPX as a Garmin handheld saves it: waypoints first, then tracks."""
    path.write_text(GARMIN.format(body="".join(waypoints) + "".join(tracks)), encoding="utf-8")
    return path


def ogr2ogr_gpx(tmp_path, patches, tracks):
    """The walks written as GPX tracks by ogr2ogr from a GeoJSON of them."""
    src = tmp_path / "walks.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": p["code"], "desc": p["township"]},
         "geometry": {"type": "MultiLineString", "coordinates": [[list(pt) for pt in t]]}}
        for p, t in zip(patches, tracks)]}), encoding="utf-8")
    out = tmp_path / "walks.gpx"
    subprocess.run(["ogr2ogr", "-f", "GPX", "-dsco", "GPX_USE_EXTENSIONS=YES", str(out),
                    str(src), "-nln", "tracks", "-nlt", "MULTILINESTRING"], check=True)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_garmin_gpx_of_tracks_walked_round_the_patches_is_imported(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    tracks = [walked(p["ring"], 1.0 + i * 0.3) for i, p in enumerate(patches)]
    gpx = garmin_gpx(tmp_path / "Track_2026-05-12.gpx",
                     [_track(p["code"], t) for p, t in zip(patches, tracks)])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert "written: updated 10, new 1" in out, out
    said = {"en": ("GPX is always WGS 84 longitude/latitude",
                   "every track's name is one: name is read as the patch code",
                   f"all {len(patches)} features: the geometry is a line whose first and last "
                   "points lie within 5 m of each other"),
            "zh": ("GPX 总是 WGS 84 经纬度", "各轨迹名称（name）均为图斑编号：按图斑编号读取",
                   f"全部 {len(patches)} 个要素：几何为首尾点相距 5 米以内的线")}
    for s in said[lang]:
        assert s in out, out
    (ring,) = [p["ring"] for p in L.plan_patches(master) if p["code"] == patches[0]["code"]]
    assert sorted(ring[:-1]) == sorted(tracks[0]) and ring[0] == ring[-1], ring


def test_a_gpx_of_tracks_written_by_ogr2ogr_is_imported(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    tracks = [walked(p["ring"], 2.0) for p in patches]
    gpx = ogr2ogr_gpx(tmp_path, patches, tracks)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert "written: updated 10, new 1" in out, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_track_ending_far_from_its_start_is_refused_saying_how_far(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    near, far = L.surveyed(plan_gpkg)[:2]
    tracks = [walked(near["ring"], 3.2), walked(far["ring"], 12.0)]
    assert [_gap(t) for t in tracks] == ["3.2", "12.0"]
    gpx = garmin_gpx(tmp_path / "walk.gpx",
                     [_track(p["code"], t) for p, t in zip((near, far), tracks)])
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    error = {"en": "error: row 2", "zh": "错误：第 2 行"}[lang]
    colon = {"en": ": ", "zh": "："}[lang]
    assert f"{error} {far['code']}{colon}{OPEN[lang].format(gap='12.0')}\n" in out, out
    assert L.sha256(master) == digest


def test_a_track_of_two_segments_is_a_line_of_two_parts(master, plan_gpkg, tmp_path, capsys):
    """The signal lost halfway round: two segments, neither closing, refused with the gap
    of the farther one's ends, as a KML's MultiGeometry of two lines is."""
    p = L.surveyed(plan_gpkg)[0]
    ring = p["ring"][:-1]
    half = len(ring) // 2
    first, second = ring[:half + 1], ring[half:] + ring[:1]
    gpx = garmin_gpx(tmp_path / "walk.gpx", [_track(p["code"], first, second)])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    gap = max(float(_gap(first)), float(_gap(second)))
    assert f"the line's first and last points lie {gap:.1f} m apart, more than the 5 m" in out, \
        out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tracks_are_read_and_the_waypoints_beside_them_named_as_not_read(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    tracks = [walked(p["ring"], 1.0) for p in patches]
    wpts = [_waypoint(p["code"], *p["ring"][0]) for p in patches[:2]]
    codes = [p["code"] for p in patches[:2]]
    gpx = garmin_gpx(tmp_path / "walk.gpx",
                     [_track(p["code"], t) for p, t in zip(patches, tracks)], wpts)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert "written: updated 10, new 1" in out, out
    said = {"en": "warning: walk.gpx holds besides its tracks (tracks): 2 waypoints "
                  f"(waypoints: {', '.join(codes)}), not read by this import. A GPX's tracks, "
                  "routes and waypoints are a layer each: import them one at a time "
                  "(--source-layer)",
            "zh": f"walk.gpx 中除轨迹（tracks）外还有：2 个航点（waypoints：{'、'.join(codes)}），"
                  "本次导入未读取。GPX 的轨迹、航线、航点各是一个图层，"
                  "请逐个导入（--source-layer）"}
    assert said[lang] in out, out
    # the waypoints asked for: a corner a patch, too few for its boundary, each refused
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--source-layer", "waypoints")
    assert rc == errors.INVALID, out
    refused = {"en": ("all 2 features: 1 point; a boundary needs at least 3: "
                      f"row 1 {codes[0]}, row 2 {codes[1]}"),
               "zh": (f"全部 2 个要素：1 个点；边界至少需要 3 个点：第 1 行 {codes[0]}、"
                      f"第 2 行 {codes[1]}")}
    assert refused[lang] in out, out


def test_a_gpx_of_waypoints_alone_is_read_as_points(master, plan_gpkg, tmp_path, capsys):
    """Waypoints naming no patch code (a patch's corners are named by its code: see
    test_import_gpx_waypoints)."""
    patches = L.surveyed(plan_gpkg)[:3]
    gpx = garmin_gpx(tmp_path / "sites.gpx", waypoints=[
        _waypoint(f"{k + 1:03d}", *p["ring"][0]) for k, p in enumerate(patches)])
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert "all 3 features: the geometry is a point; mine_patches needs polygons" in out, out
    assert ("the waypoints are read as points, a point each; the plan's layers hold polygons: "
            "record a patch's boundary on the GPS as a track walked round it") in out, out
    assert L.sha256(master) == digest


def test_a_gpx_read_in_another_coordinate_system_is_refused(master, plan_gpkg, tmp_path,
                                                            capsys):
    p = L.surveyed(plan_gpkg)[0]
    gpx = garmin_gpx(tmp_path / "walk.gpx", [_track(p["code"], walked(p["ring"], 1.0))])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--crs", "EPSG:4518", "--dry-run")
    assert rc == errors.INVALID, out
    assert "GPX is always WGS 84 longitude/latitude; it cannot be read in" in out, out


def test_a_file_named_gpx_that_is_none_is_refused(master, tmp_path, capsys):
    bad = tmp_path / "walk.gpx"
    bad.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>',
                   encoding="utf-8")
    rc, out = cli(capsys, "import", master, bad, "--layer", "mine_patches")
    assert rc == errors.BAD_INPUT, out
    assert "walk.gpx is not GPX (its root element is kml)" in out, out
    bad.write_text("<gpx", encoding="utf-8")
    rc, out = cli(capsys, "import", master, bad, "--layer", "mine_patches")
    assert rc == errors.BAD_INPUT and "walk.gpx is not valid GPX (bad XML:" in out, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_import_help_names_gpx(capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    said = {"en": ("KML or KMZ, GPX, a CSV", ".kml/.kmz, .gpx or .csv",
                   "a GPX's tracks, routes or waypoints (its tracks where it has any",
                   "the points of its tracks or routes, each with its time and elevation "
                   "(track_points, route_points)",
                   "waypoints named by a patch's code, CT…-1, CT…-2, are its corners, joined "
                   "into its boundary"),
            "zh": ("KML 或 KMZ、GPX、边界点", ".kml/.kmz、.gpx 或 .csv",
                   "GPX 的 tracks（轨迹）、routes（航线）、waypoints（航点）",
                   "各带时间和高程（track_points（轨迹点）",
                   "以图斑编号命名的航点，如 CT…-1、CT…-2，为该图斑的角点，连成其边界")}
    for s in said[lang]:
        assert s in out, out


def test_the_readme_says_how_a_gpx_is_imported():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    (row,) = [ln for ln in readme.splitlines() if ln.startswith("| `import MASTER SOURCE")]
    for said in ("GPX as a handheld GPS", "always WGS 84 longitude/latitude: no `--crs`",
                 "`--source-layer waypoints`", "segments (`trkseg`)",
                 "`--source-layer track_points` or `route_points`, each with its `ele` and "
                 "`time` as fields",
                 "waypoints that name a patch code, by their `name` (the code alone, or "
                 "followed by the corner's number, `CT…-1`, `CT…-2`",
                 "joined into one boundary per patch code, in the order of their corner "
                 "numbers where each corner of the patch has a number of its own in its name "
                 "(BaseCamp saves waypoints sorted by name, `CT…-10` before `CT…-2`), else in "
                 "file order, and said which",
                 "a patch of fewer than 3 corners refused saying how many",
                 "waypoints naming no patch code are points, which no plan layer takes"):
        assert said in row, said


@pytest.mark.parametrize("declared", ["GBK", "UTF-8"])
def test_a_gpx_in_gbk_from_a_chinese_gps_is_read(master, plan_gpkg, tmp_path, capsys,
                                                 declared):
    """Written in GBK, declared so or (as a Chinese Windows program saves it) declared
    UTF-8: read, the latter said; each track's description of lines "name：value" gives its
    fields."""
    patches = L.surveyed(plan_gpkg)
    tracks = [_track(p["code"], walked(p["ring"], 1.0), desc=f"乡镇：{p['township']}")
              for p in patches]
    gpx = tmp_path / "轨迹.gpx"
    gpx.write_bytes(GARMIN.format(body="".join(tracks)).replace(
        'encoding="UTF-8"', f'encoding="{declared}"').encode("gbk"))
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert ("would be updated 10, new 1 without --dry-run (nothing written), "
            "unchanged 0") in out, out
    assert "field mapping (recognised): name -> patch_code, 乡镇 -> township" in out, out
    assert "the tracks' fields are read from each one's description (desc): 乡镇" in out, out
    if declared == "UTF-8":
        assert "轨迹.gpx's text is not UTF-8 as its declaration says (or as GPX is when it " \
               "says nothing; at byte" in out, out


def test_a_gpx_of_routes_and_waypoints_asks_which(master, plan_gpkg, tmp_path, capsys):
    p = L.surveyed(plan_gpkg)[0]
    rte = "".join(f'<rtept lat="{y!r}" lon="{x!r}"/>' for x, y in p["ring"])
    gpx = garmin_gpx(tmp_path / "plan.gpx", [f"<rte><name>{p['code']}</name>{rte}</rte>"],
                     [_waypoint(p["code"], *p["ring"][0])])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.BAD_INPUT, out
    assert ("plan.gpx has 3 layers (routes, waypoints, route_points): choose one "
            "(--source-layer)") in out, out
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--source-layer", "routes", "--dry-run")
    assert rc == errors.OK, out
    assert "warning: plan.gpx holds besides its routes (routes): 1 waypoint" in out, out


def test_a_gpx_holding_nothing_or_unreadable_points_is_refused(master, tmp_path, capsys):
    gpx = garmin_gpx(tmp_path / "empty.gpx")
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.BAD_INPUT, out
    assert "empty.gpx holds no tracks, routes or waypoints" in out, out
    gpx = garmin_gpx(tmp_path / "bad.gpx", [
        "<trk><name>CT6504222017000026002</name><trkseg><trkpt lat='42.8'/></trkseg></trk>"])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert "error: row 1 CT6504222017000026002: unreadable GPX coordinates (lat, lon)" in out, \
        out


def test_a_gpxs_track_points_are_offered_as_its_layer_and_read_as_gdal_reads_them(
        plan_gpkg, tmp_path):
    """The points of the tracks walked, each with its time and elevation: listed among the
    file's layers (its tracks still read where none is chosen), and read as GDAL's
    track_points layer reads them, field for field and point for point."""
    from field_kit.importer.source import read_source, source_layers, unasked_layer

    near, far = L.surveyed(plan_gpkg)[:2]
    gpx = garmin_gpx(tmp_path / "walk.gpx",
                     [_track(near["code"], walked(near["ring"], 1.0)),
                      _track(far["code"], far["ring"][:3], far["ring"][2:])],
                     [_waypoint(near["code"], *near["ring"][0])])
    names = source_layers(gpx)
    assert names == ["tracks", "waypoints", "track_points"], names
    assert unasked_layer(gpx, names) == "tracks"
    ours = read_source(gpx, "track_points")
    gdal = json.loads(subprocess.run(
        ["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", str(gpx), "track_points", "-select",
         ",".join(ours.fields)], check=True, capture_output=True, text=True).stdout)
    assert ours.fields == ["track_fid", "track_seg_id", "track_seg_point_id", "ele", "time"]
    assert [f.attrs for f in ours.features] == [g["properties"] for g in gdal["features"]]
    assert [f.geom.parts for f in ours.features] == [  # (GDAL writes 15 digits of them)
        [pytest.approx(tuple(g["geometry"]["coordinates"]), abs=1e-12)]
        for g in gdal["features"]]
    assert ours.features[-1].attrs["track_seg_id"] == 1  # (the second segment's points)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gpxs_track_points_asked_for_are_read_and_refused_as_points(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    p = L.surveyed(plan_gpkg)[0]
    ring = walked(p["ring"], 1.0)
    gpx = garmin_gpx(tmp_path / "walk.gpx", [_track(p["code"], ring)],
                     [_waypoint(p["code"], *p["ring"][0])])
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--source-layer", "track_points")
    assert rc == errors.INVALID, out
    said = {"en": (f"(GPX, layer track_points, {len(ring)} features)",
                   "not imported: track_fid, track_seg_id, track_seg_point_id, ele, time",
                   f"all {len(ring)} features: the geometry is a point; mine_patches needs "
                   "polygons",
                   "the track points are read as points, a point each; the plan's layers hold "
                   "polygons: import its tracks walked round the patches instead",
                   # (the waypoint is not read; the tracks are these very points)
                   "holds besides its track points (track_points): 1 waypoint",
                   # no field of names to map to the code: the user's to fill, never track_fid
                   'map it with --mapping, a JSON file such as {"FIELD": "patch_code"} (FIELD: '
                   "the name of the field holding it)"),
            "zh": (f"（GPX，图层 track_points，{len(ring)} 个要素）",
                   "不导入的字段：track_fid、track_seg_id、track_seg_point_id、ele、time",
                   f"全部 {len(ring)} 个要素：几何类型为点，mine_patches 需要面",
                   "轨迹点读作点，每个轨迹点一个点；规划图层均为面：请改为导入其中绕图斑一周的轨迹",
                   "中除轨迹点（track_points）外还有：1 个航点（waypoints",
                   '请用 --mapping 指定对应（一个 JSON 文件，如 {"字段名": "patch_code"}）')}
    for s in said[lang]:
        assert s in out, out
    assert '{"track_fid"' not in out and '{"ele"' not in out, out
    assert "tracks (tracks" not in out and "个轨迹（tracks" not in out, out
    assert L.sha256(master) == digest


def test_a_gpxs_route_points_are_its_layer_and_its_route_is_read_unasked(
        master, plan_gpkg, tmp_path, capsys):
    p = L.surveyed(plan_gpkg)[0]
    rte = "".join(f'<rtept lat="{y!r}" lon="{x!r}"><ele>1190</ele></rtept>' for x, y in p["ring"])
    gpx = garmin_gpx(tmp_path / "plan.gpx", [f"<rte><name>{p['code']}</name>{rte}</rte>"])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK and "(GPX, layer routes, 1 feature)" in out, out
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--source-layer", "route_points")
    assert rc == errors.INVALID, out
    assert f"(GPX, layer route_points, {len(p['ring'])} features)" in out, out
    assert "not imported: route_fid, route_point_id, ele" in out, out
