# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's outline handed over as a GPS track walked round it: a line whose first and last
points are the same (a GPX track taken into a Shapefile by ogr2ogr, a path drawn in Google
Earth). Closed, it is the patch's boundary and is imported as the polygon it bounds, said by
row; a line that does not close is refused saying how far apart its ends lie and how to
make it a boundary. Where the import is refused, whatever for, the closed one is said as what
would be imported once the errors are fixed, never as imported."""

from __future__ import annotations

import subprocess

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_track_nearly_closed import OPEN, _gap

pytest.importorskip("pyproj")
L._proj_data()

CLOSED = {"en": "the geometry is a closed line (its first and last points the same, as a GPS "
                "track walked round the patch): imported into mine_patches as the polygon it "
                "bounds",
          "zh": "几何为闭合的线（首尾点相同，如绕图斑一周的 GPS 轨迹）：按其围成的面导入"
                " mine_patches"}
# the same, said where an error refuses the import: nothing is imported
CLOSED_REFUSED = {
    "en": "the geometry is a closed line (its first and last points the same, as a GPS track "
          "walked round the patch): would be imported into mine_patches as the polygon it "
          "bounds once the errors are fixed",
    "zh": "几何为闭合的线（首尾点相同，如绕图斑一周的 GPS 轨迹）：改正错误后将按其围成的面导入"
          " mine_patches"}
IMPORTED = {"en": ": imported into mine_patches", "zh": "：按其围成的面导入"}


def _gpx_tracks_as_shapefile(tmp_path, patches, open_last: bool = False):
    """Each patch's outline a GPX track named by its code, as a handheld GPS records a walk
    round it, taken into a Shapefile by ogr2ogr (its layer tracks, lines)."""
    trks = []
    for i, p in enumerate(patches):
        ring = p["ring"][:-2] if open_last and i == len(patches) - 1 else p["ring"]
        pts = "".join(f'<trkpt lat="{y!r}" lon="{x!r}"><ele>1200</ele></trkpt>'
                      for x, y in ring)
        trks.append(f"<trk><name>{p['code']}</name><trkseg>{pts}</trkseg></trk>")
    gpx = tmp_path / "walk.gpx"
    gpx.write_text('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="GPS" '
                   'xmlns="http://www.topografix.com/GPX/1/1">' + "".join(trks) + "</gpx>",
                   encoding="utf-8")
    shp = tmp_path / "walk.shp"
    subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", str(shp),
                    str(gpx), "tracks", "-select", "name"], check=True)
    return shp


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_closed_gps_tracks_are_imported_as_the_patches_they_bound(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    shp = _gpx_tracks_as_shapefile(tmp_path, patches)
    rc, out = cli(capsys, "import", master, shp, "--layer", "mine_patches")
    assert rc == errors.OK, out
    # (said once for the tracks, as of every one, naming the first rows)
    said = {"en": f"info: all {len(patches)} features: " + CLOSED["en"]
                  + f": row 1 {patches[0]['code']}, row 2 {patches[1]['code']}, ",
            "zh": f"说明：全部 {len(patches)} 个要素：" + CLOSED["zh"]
                  + f"：第 1 行 {patches[0]['code']}、第 2 行 {patches[1]['code']}、"}
    assert said[lang] in out, out
    assert "written: updated 10, new 1" in out, out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_closed_path_drawn_in_google_earth_beside_an_open_one_is_not_said_imported(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)[:2]
    marks = []
    closed, open_ = patches[0]["ring"], patches[1]["ring"][:-1]  # (its last point left off)
    assert closed[0] == closed[-1] and open_[0] != open_[-1]
    for p, ring in ((patches[0], closed), (patches[1], open_)):
        coords = " ".join(f"{x!r},{y!r},0" for x, y in ring)
        marks.append(f"<Placemark><name>{p['code']}</name><LineString><tessellate>1"
                     f"</tessellate><coordinates>{coords}</coordinates></LineString>"
                     "</Placemark>")
    kml = tmp_path / "路径.kml"
    kml.write_text('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/'
                   'kml/2.2"><Document><name>路径.kml</name>' + "".join(marks)
                   + "</Document></kml>", encoding="utf-8")
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    info, error = {"en": ("info: row 1", "error: row 2"),
                   "zh": ("说明：第 1 行", "错误：第 2 行")}[lang]
    colon = {"en": ": ", "zh": "："}[lang]
    assert f"{info} {patches[0]['code']}{colon}{CLOSED_REFUSED[lang]}\n" in out, out
    assert IMPORTED[lang] not in out, out
    assert f"{error} {patches[1]['code']}{colon}{OPEN[lang].format(gap=_gap(open_))}" in out, out
    assert L.sha256(master) == digest


def _gpx(tmp_path, patches):
    """Each patch's outline a closed GPX 1.1 track named by its code, as a handheld GPS
    records a walk round it."""
    trks = "".join(
        f"<trk><name>{p['code']}</name><trkseg>" + "".join(
            f'<trkpt lat="{y!r}" lon="{x!r}"><ele>1200</ele></trkpt>' for x, y in p["ring"])
        + "</trkseg></trk>" for p in patches)
    gpx = tmp_path / "walk.gpx"
    gpx.write_text('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="GPS" '
                   f'xmlns="http://www.topografix.com/GPX/1/1">{trks}</gpx>', encoding="utf-8")
    return gpx


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_closed_gpx_track_refused_for_its_coordinate_system_is_not_said_imported(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    """A GPX given a projected system by mistake: refused for it, the closed track beside the
    refusal said as what would be imported once it is mended, not as imported."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    (patch,) = L.surveyed(plan_gpkg)[:1]
    gpx = _gpx(tmp_path, [patch])
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches",
                  "--crs", "EPSG:4518")
    assert rc == errors.INVALID, out
    refusal = {"en": "error: GPX is always WGS 84 longitude/latitude",
               "zh": "错误：GPX 总是 WGS 84 经纬度"}[lang]
    assert refusal in out, out
    info = {"en": "info: row 1", "zh": "说明：第 1 行"}[lang]
    colon = {"en": ": ", "zh": "："}[lang]
    assert f"{info} {patch['code']}{colon}{CLOSED_REFUSED[lang]}\n" in out, out
    assert IMPORTED[lang] not in out, out
    assert L.sha256(master) == digest
    # given no system, the same file is imported, and said so
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert f"{info} {patch['code']}{colon}{CLOSED[lang]}\n" in out, out
    assert "written: updated 1, new 0" in out, out


# the same, said in a dry run: nothing is imported either
CLOSED_DRY_RUN = {
    "en": "the geometry is a closed line (its first and last points the same, as a GPS track "
          "walked round the patch): would be imported into mine_patches as the polygon it "
          "bounds without --dry-run",
    "zh": "几何为闭合的线（首尾点相同，如绕图斑一周的 GPS 轨迹）：去掉 --dry-run 后将按其围成的面"
          "导入 mine_patches"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_dry_run_says_what_it_would_do_never_as_done(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    """--dry-run: the closed track said as what would be imported, the patches as what would
    be updated, added and deleted, as a refused import says them; only then that nothing was
    written."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    gpx = _gpx(tmp_path, patches)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run",
                  "--delete-missing")
    assert rc == errors.OK, out
    n = len(patches)
    said = {"en": (f"info: all {n} features: {CLOSED_DRY_RUN['en']}: row 1 ",
                   "would be updated 10, new 1 without --dry-run (nothing written), unchanged "
                   "0, missing from the source 1 (--delete-missing: none deleted; 1 would be "
                   "deleted without --dry-run)",
                   f"not updated (dry run) {patches[0]['code']} (row 1)",
                   f"not added (dry run) {patches[-1]['code']} (row {n})",
                   "not deleted (dry run; deleted without --dry-run) ",
                   "dry run: nothing written"),
            "zh": (f"说明：全部 {n} 个要素：{CLOSED_DRY_RUN['zh']}：第 1 行 ",
                   "去掉 --dry-run 后将更新 10，新增 1（未写入），未变 0，导入数据中缺少 1"
                   "（--delete-missing：未删除；去掉 --dry-run 后将删除 1）",
                   f"未更新（试运行） {patches[0]['code']}（第 1 行）",
                   f"未新增（试运行） {patches[-1]['code']}（第 {n} 行）",
                   "未删除（试运行；去掉 --dry-run 后将删除） ",
                   "试运行：未写入")}
    for s in said[lang]:
        assert s in out, out
    assert IMPORTED[lang] not in out, out
    assert L.sha256(master) == digest
