# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician marks a patch's corners on a handheld GPS as waypoints instead of walking a
track: named by the patch's code and the corner's number (CT…-1, CT…-2), all by the code, or
numbered 001, 002 with the code in their comment or description. Such waypoints are joined
into one boundary a patch, as a CSV list of boundary points is: in the order of the corners'
numbers where each has its own (BaseCamp saves them sorted by name, CT…-10 before CT…-2),
else in the file's order, said which; a patch
of fewer than three corners is refused saying how many, and a waypoint naming no patch code
is refused as a point, by name. In English and Chinese."""

from __future__ import annotations

import json
import subprocess

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_gpx import _track, _waypoint, garmin_gpx

pytest.importorskip("pyproj")
L._proj_data()


def corners(p) -> list[tuple]:
    """A patch's corners, as marked going round it (its ring, not closed)."""
    return p["ring"][:-1]


def _marked(p, k, x, y, naming) -> str:
    """Corner ``k`` (from 1) of patch ``p``, as a Garmin handheld saves a waypoint marked
    there: named by the code and the corner's number, by the code, or numbered with the code
    in its comment or description."""
    if naming == "code-number":
        return _waypoint(f"{p['code']}-{k}", x, y)
    if naming == "code":
        return _waypoint(p["code"], x, y)
    return _waypoint(f"{k:03d}", x, y).replace(  # (naming: "cmt" or "desc")
        "</name>", f"</name><{naming}>{p['code']}</{naming}>")


def corners_gpx(path, patches, naming):
    return garmin_gpx(path, waypoints=[_marked(p, k + 1, x, y, naming) for p in patches
                                       for k, (x, y) in enumerate(corners(p))])


def same_ring(a, b) -> bool:
    """The same ring, vertex for vertex (as GDAL writes a GPX's coordinates, to 1e-9°)."""
    return len(a) == len(b) and all(abs(p - q) < 1e-9 for u, v in zip(a, b)
                                    for p, q in zip(u, v))


def ogr2ogr_gpx(tmp_path, patches):
    """The corners written as GPX waypoints by ogr2ogr from a GeoJSON of points named
    CT…-1, CT…-2, …"""
    src = tmp_path / "corners.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": f"{p['code']}-{k + 1}"},
         "geometry": {"type": "Point", "coordinates": [x, y]}}
        for p in patches for k, (x, y) in enumerate(corners(p))]}), encoding="utf-8")
    out = tmp_path / "corners.gpx"
    subprocess.run(["ogr2ogr", "-f", "GPX", str(out), str(src), "-nln", "waypoints"],
                   check=True)
    return out


JOINED = {"en": "{n} waypoints joined into the boundaries of {m} patches, in file order",
          "zh": "{n} 个航点按文件中的顺序连成 {m} 个图斑的边界"}
# the same, each patch's corners numbered in their names (CT…-1, CT…-2)
BY_NUMBERS = {"en": "{n} waypoints joined into the boundaries of {m} patches, in the order of "
                    "their corner numbers",
              "zh": "{n} 个航点按角点编号的顺序连成 {m} 个图斑的边界"}


def test_waypoints_written_by_ogr2ogr_are_joined_into_the_patches_boundaries(
        master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    gpx = ogr2ogr_gpx(tmp_path, patches)
    assert b"<wpt " in gpx.read_bytes() and b"<trk" not in gpx.read_bytes()
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--source-layer", "waypoints")
    assert rc == errors.OK, out
    assert "written: updated 10, new 1" in out, out
    n = sum(len(corners(p)) for p in patches)
    assert "info: " + BY_NUMBERS["en"].format(n=n, m=len(patches)) in out, out
    assert ("the waypoints name patch codes by their name: read as the "
            "patches' corners") in out, out
    stored = {p["code"]: p["ring"] for p in L.plan_patches(master)}
    for p in patches:  # each boundary its corners in the order marked, closed
        assert same_ring(stored[p["code"]], p["ring"]), p["code"]


@pytest.mark.parametrize("naming", ["code-number", "code", "cmt", "desc"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_garmin_gpx_of_the_corners_marked_as_waypoints_is_imported(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang, naming):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    gpx = corners_gpx(tmp_path / "Waypoints_12-MAY-26.gpx", patches, naming)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    n = sum(len(corners(p)) for p in patches)
    joined = BY_NUMBERS if naming == "code-number" else JOINED
    assert joined[lang].format(n=n, m=len(patches)) in out, out
    assert {"en": "written: updated 10, new 1",
            "zh": "已写入：更新 10，新增 1"}[lang] in out, out
    stored = {p["code"]: p["ring"] for p in L.plan_patches(master)}
    for p in patches:
        assert same_ring(stored[p["code"]], p["ring"]), p["code"]


def densified(p) -> dict:
    """The patch with a corner marked halfway along each side too: ten corners or more, so
    that sorting their names puts CT…-10 before CT…-2."""
    ring = p["ring"]
    mid = [((x1 + x2) / 2, (y1 + y2) / 2) for (x1, y1), (x2, y2) in zip(ring, ring[1:])]
    pts = [pt for pair in zip(ring, mid) for pt in pair]
    return {**p, "ring": [*pts, pts[0]]}


def by_name(wpts: list[str]) -> list[str]:
    """The waypoints as BaseCamp saves them: sorted by name, as text (CT…-10 before CT…-2)."""
    return sorted(wpts, key=lambda w: w.split("<name>")[1])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_corners_saved_sorted_by_name_are_joined_in_the_order_of_their_numbers(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    """BaseCamp saves waypoints sorted by name: CT…-1, CT…-10, CT…-2, … The corners are
    joined by their numbers, not in that order (which would make the boundary cross itself),
    and said so."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = [densified(p) for p in L.surveyed(plan_gpkg)[:2]]
    assert all(len(corners(p)) >= 10 for p in patches)
    wpts = by_name([_marked(p, k + 1, x, y, "code-number") for p in patches
                    for k, (x, y) in enumerate(corners(p))])
    names = [w.split("<name>")[1].split("<")[0] for w in wpts]
    code = patches[0]["code"]
    assert names.index(f"{code}-10") < names.index(f"{code}-2"), names
    gpx = garmin_gpx(tmp_path / "BaseCamp.gpx", waypoints=wpts)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    n = sum(len(corners(p)) for p in patches)
    assert BY_NUMBERS[lang].format(n=n, m=2) in out, out
    assert JOINED[lang].format(n=n, m=2) not in out, out
    stored = {p["code"]: p["ring"] for p in L.plan_patches(master)}
    for p in patches:
        assert same_ring(stored[p["code"]], p["ring"]), p["code"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_patch_whose_corners_are_not_each_numbered_once_is_joined_in_file_order(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    """One patch's corners numbered, sorted by name; another's first corner named by the
    code alone: the first joined by its numbers, the second in file order, named."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    numbered, plain = densified(L.surveyed(plan_gpkg)[0]), L.surveyed(plan_gpkg)[1]
    wpts = [*by_name([_marked(numbered, k + 1, x, y, "code-number")
                      for k, (x, y) in enumerate(corners(numbered))]),
            *[_marked(plain, k + 1, x, y, "code" if k == 0 else "code-number")
              for k, (x, y) in enumerate(corners(plain))]]
    gpx = garmin_gpx(tmp_path / "corners.gpx", waypoints=wpts)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    n = len(corners(numbered)) + len(corners(plain))
    said = {"en": f"{n} waypoints joined into the boundaries of 2 patches: those of 1 patches "
                  f"in the order of their corner numbers, of 1 in file order ({plain['code']}: "
                  "their corners not each numbered once)",
            "zh": f"{n} 个航点（1 个图斑按角点编号的顺序，1 个按文件中的顺序：{plain['code']} "
                  "的角点并非各有一个不同的编号）连成 2 个图斑的边界"}
    assert said[lang] in out, out
    stored = {p["code"]: p["ring"] for p in L.plan_patches(master)}
    for p in (numbered, plain):
        assert same_ring(stored[p["code"]], p["ring"]), p["code"]


TRACKS_INSTEAD = {
    "en": "the file also holds 1 track: to import the boundaries walked round the patches "
          "rather than the corners marked, import its tracks instead (--source-layer)",
    "zh": "文件中还有 1 条轨迹：如要导入绕图斑一周走出的边界而非所标的角点，"
          "请改为导入其轨迹（--source-layer）"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_corners_chosen_beside_a_track_say_the_track_could_be_imported_instead(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    gpx = garmin_gpx(tmp_path / "Current.gpx", [_track(patches[0]["code"], patches[0]["ring"])],
                     [_marked(p, k + 1, x, y, "code-number") for p in patches
                      for k, (x, y) in enumerate(corners(p))])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--source-layer", "waypoints")
    assert rc == errors.OK, out
    assert TRACKS_INSTEAD[lang] in out, out
    # a file of corners alone has no tracks to import instead
    gpx = corners_gpx(tmp_path / "Waypoints.gpx", patches, "code-number")
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "the file also holds" not in out, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_patch_of_too_few_corners_and_a_waypoint_naming_no_patch_are_refused(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    whole, cut = L.surveyed(plan_gpkg)[:2]
    x, y = corners(whole)[0]
    gpx = garmin_gpx(tmp_path / "corners.gpx", waypoints=[
        *[_marked(whole, k + 1, *pt, "code-number") for k, pt in enumerate(corners(whole))],
        *[_marked(cut, k + 1, *pt, "code-number") for k, pt in enumerate(corners(cut)[:2])],
        _waypoint("CAMP", x + 0.001, y)])
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    n = len(corners(whole)) + 2
    # (refused: the corners are said as what would be joined once the errors are fixed)
    said = {"en": (f"{n} waypoints would be joined into the boundaries of 2 patches, in the "
                   "order of their corner numbers, and imported once the errors are fixed",
                   f"{cut['code']}: 2 points; a boundary needs at least 3",
                   "1 waypoint names no patch code, read as a point, which no plan layer "
                   "takes: CAMP",
                   "the geometry is a point; mine_patches needs polygons"),
            "zh": (f"改正错误后将把 {n} 个航点按角点编号的顺序连成 2 个图斑的边界并导入",
                   f"{cut['code']}：2 个点；边界至少需要 3 个点",
                   "1 个航点未写图斑编号，读作点（规划图层均为面），不能导入：CAMP",
                   "几何类型为点，mine_patches 需要面")}
    for s in said[lang]:
        assert s in out, out
    assert L.sha256(master) == digest


def test_a_corner_whose_coordinates_cannot_be_read_is_named_by_its_waypoint(
        master, plan_gpkg, tmp_path, capsys):
    p = L.surveyed(plan_gpkg)[0]
    wpts = [_marked(p, k + 1, *pt, "code-number") for k, pt in enumerate(corners(p))]
    wpts[1] = wpts[1].replace('lat="', 'lat="N', 1)
    gpx = garmin_gpx(tmp_path / "corners.gpx", waypoints=wpts)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    assert f"error: row 1 {p['code']}: waypoint 2: no readable coordinate (lon " in out, out


def test_waypoints_naming_no_patch_code_stay_points(master, plan_gpkg, tmp_path, capsys):
    """Numbered, with no code in them: each refused as a point, as before."""
    p = L.surveyed(plan_gpkg)[0]
    gpx = garmin_gpx(tmp_path / "corners.gpx", waypoints=[
        _waypoint(f"{k + 1:03d}", *pt) for k, pt in enumerate(corners(p))])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    assert "the geometry is a point; mine_patches needs polygons" in out, out
    assert "joined into the boundaries" not in out, out



def test_corners_whose_latitude_and_longitude_are_swapped_are_told_qgiss_tool(
        master, plan_gpkg, tmp_path, capsys):
    """A GPX has no columns whose headers could be exchanged, as a CSV's: the refusal
    names QGIS's tool that swaps them."""
    p = L.surveyed(plan_gpkg)[0]
    gpx = garmin_gpx(tmp_path / "corners.gpx", waypoints=[
        _marked(p, k + 1, y, x, "code-number") for k, (x, y) in enumerate(corners(p))])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    assert "latitude and longitude swapped? If so, put them right in QGIS with" in out, out
    assert "exchange the headers" not in out, out
