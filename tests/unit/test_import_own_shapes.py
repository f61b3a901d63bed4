# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's own shapes sent back through an import: what the import did not change keeps
where its shape came from; a shape it changes, or brings new, is the survey's."""

import json
import sqlite3
import subprocess

from tests.unit.test_import import run_cli


def own_patches(master, tmp_path):
    """The master's mine_patches as GDAL writes them out (ogr2ogr to GeoJSON)."""
    out = tmp_path / "patches.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(out), str(master), "mine_patches"],
                   check=True)
    return out, json.loads(out.read_text(encoding="utf-8"))


def sources(master):
    conn = sqlite3.connect(master)
    try:
        return dict(conn.execute("SELECT patch_code, geometry_source FROM mine_patches"))
    finally:
        conn.close()


def test_the_plans_own_shapes_imported_back_change_nothing(master, tmp_path, capsys):
    src, _ = own_patches(master, tmp_path)
    before = sources(master)
    assert run_cli(master, src, "--layer", "mine_patches") == 0
    out = capsys.readouterr().out
    assert "nothing to do" in out and "-> surveyed" not in out
    assert sources(master) == before


def test_an_attribute_edited_is_the_only_change_and_a_moved_shape_is_surveyed(
        master, tmp_path, capsys):
    src, doc = own_patches(master, tmp_path)
    named, moved = doc["features"][0], doc["features"][1]
    named["properties"]["project_name"] = "改过的名称"
    moved["geometry"]["coordinates"] = [
        [[[x + 0.0005, y] for x, y in ring] for ring in poly]
        for poly in moved["geometry"]["coordinates"]]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = sources(master)
    assert run_cli(master, src, "--layer", "mine_patches") == 0
    out = capsys.readouterr().out
    assert "updated 2, new 0, unchanged 9" in out
    assert out.count("geometry_source: schematic -> surveyed") == 1
    after = sources(master)
    code, moved_code = named["properties"]["patch_code"], moved["properties"]["patch_code"]
    assert after[moved_code] == "surveyed"
    assert {k: v for k, v in after.items() if k != moved_code} == {
        k: v for k, v in before.items() if k != moved_code}
    assert before[code] == "schematic"


def test_a_moved_shapes_area_and_centre_are_rounded_as_every_edit_rounds_them(
        master, tmp_path, capsys):
    """A shape moved east keeps its area: the import writes it to the cm² and the centre to
    the 1e-6 degree, as the plan and every edit of a shape give them, so the area is no
    change (it wrote 109998.41030099975 over 109998.41)."""
    src, doc = own_patches(master, tmp_path)
    moved = doc["features"][1]
    moved["geometry"]["coordinates"] = [
        [[[x + 0.001, y] for x, y in ring] for ring in poly]
        for poly in moved["geometry"]["coordinates"]]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code = moved["properties"]["patch_code"]
    assert run_cli(master, src, "--layer", "mine_patches", "-v") == 0
    out = capsys.readouterr().out
    assert "centre_lon: " in out and "area_m2: " not in out, out
    conn = sqlite3.connect(master)
    try:
        area, lon, lat = conn.execute("SELECT area_m2, centre_lon, centre_lat FROM mine_patches "
                                      "WHERE patch_code = ?", (code,)).fetchone()
    finally:
        conn.close()
    assert area == round(area, 2) and lon == round(lon, 6) and lat == round(lat, 6)
