# SPDX-License-Identifier: GPL-2.0-or-later
"""A shape whose rings are each sound but whose parts are wrong is refused, named: a
multipolygon's two parts one over the other (their area was stored counted twice), a hole
outside its outer ring (its area was subtracted though it lies elsewhere), a shape too small
to have an area (stored as 0). Parts beside each other, sharing an edge, and a hole inside
its ring are taken as they are. A patch code typed with spaces or in full-width characters
is read as written in half-width, and said."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said as cli

SQUARE = [[88.70, 42.95], [88.704, 42.95], [88.704, 42.954], [88.70, 42.954], [88.70, 42.95]]


def _shifted(ring, dx, dy=0.0):
    return [[x + dx, y + dy] for x, y in ring]


def _source(tmp_path, shapes: dict) -> str:
    features = [{"type": "Feature", "properties": {"图斑编号": code, "乡镇": "托克逊镇"},
                 "geometry": geom} for code, geom in shapes.items()]
    src = tmp_path / "parts.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                   encoding="utf-8")
    return str(src)


@pytest.mark.parametrize("geom, said", [
    ({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE]]},
     "parts 1 and 2 overlap (at 88.702000, 42.952000): their area would be counted twice"),
    ({"type": "MultiPolygon", "coordinates": [[SQUARE], [_shifted(SQUARE, 0.002)]]},
     "parts 1 and 2 overlap"),
    ({"type": "Polygon", "coordinates": [SQUARE, _shifted(SQUARE, 0.01)]},
     "ring 2 of part 1, a hole, lies outside its outer ring"),
    ({"type": "Polygon", "coordinates": [[[88.74, 42.95], [88.7400001, 42.95],
                                          [88.7400001, 42.9500001], [88.74, 42.9500001],
                                          [88.74, 42.95]]]},
     "the geometry has no area"),
])
def test_a_shape_of_wrong_parts_is_refused_named(master, tmp_path, capsys, geom, said):
    code = "CT6504222017000026505"
    rc, out = cli(capsys, "import", master, _source(tmp_path, {code: geom}), "--layer",
                  "mine_patches")
    assert rc == errors.INVALID, out
    assert f"{code}: {said}" in out, out


def test_parts_beside_each_other_and_a_hole_inside_are_taken(master, tmp_path, capsys):
    hole = [[88.701, 42.951], [88.701, 42.952], [88.702, 42.952], [88.702, 42.951],
            [88.701, 42.951]]
    rc, out = cli(capsys, "import", master, _source(tmp_path, {
        "CT6504222017000026505": {"type": "MultiPolygon", "coordinates": [
            [SQUARE], [_shifted(SQUARE, 0.004)]]},  # an edge shared
        "CT6504222017000026506": {"type": "Polygon", "coordinates": [
            _shifted(SQUARE, 0.02), _shifted(hole, 0.02)]}}), "--layer", "mine_patches",
        "--dry-run")
    assert rc == errors.OK, out
    assert "new 2" in out, out


def test_a_code_typed_with_spaces_or_in_full_width_is_read_and_said(master, tmp_path,
                                                                     capsys):
    """Spaces were taken out of a code unsaid, and a code in full-width characters
    (ＣＴ６５…, as a Chinese input method types it) was refused as matching no format."""
    import sqlite3

    full = "".join(chr(ord(c) + 0xFEE0) for c in "CT6504222017000026505")
    rc, out = cli(capsys, "import", master, _source(tmp_path, {
        full: {"type": "Polygon", "coordinates": [SQUARE]},
        "CT 6504222017000026506": {"type": "Polygon", "coordinates": [
            _shifted(SQUARE, 0.01)]}}), "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert f"patch code {full!r} read as CT6504222017000026505 (spaces taken out, " \
        "full-width characters read as half-width)" in out, out
    assert "patch code 'CT 6504222017000026506' read as CT6504222017000026506" in out, out
    conn = sqlite3.connect(master)
    assert conn.execute("SELECT count(*) FROM mine_patches WHERE patch_code IN "
                        "('CT6504222017000026505', 'CT6504222017000026506')").fetchone()[0] == 2
    conn.close()


@pytest.mark.parametrize("given, taken", [("0.05", None), ("5%", None), ("150%", None),
                                          ("5", "5 is 500%: give a fraction such as 0.05, "
                                                "or a percentage such as 5%")])
def test_an_area_tolerance_of_a_whole_number_is_asked_again(master, tmp_path, capsys, given,
                                                            taken):
    """--area-tolerance 5 was read as 500% (an area five times off passed unsaid)."""
    from field_kit.cli.commands import main

    argv = ["import", str(master), _source(tmp_path, {"CT6504222017000026505": {
        "type": "Polygon", "coordinates": [SQUARE]}}), "--layer", "mine_patches",
        "--dry-run", "--area-tolerance", given]
    if taken is None:
        assert main(argv) == errors.OK
        return
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == errors.BAD_INPUT
    assert taken in capsys.readouterr().err


def test_metres_in_a_geojson_that_names_no_system_get_the_zone_hint(master, tmp_path,
                                                                     capsys):
    """A GeoJSON names no coordinate system (WGS 84 by its rule) but holds Gauss-Krüger
    metres: each shape was said off the earth with no hint, where a Shapefile's gets the
    zones to give with --crs."""
    ring = [[397091.3 + dx, 4752381.0 + dy] for dx, dy in
            ((0, 0), (300, 0), (300, 300), (0, 300), (0, 0))]
    rc, out = cli(capsys, "import", master, _source(tmp_path, {
        "CT6504222017000026505": {"type": "Polygon", "coordinates": [ring]}}), "--layer",
        "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    assert "are on no place of the earth: the eastings have no zone prefix: give the zone's " \
        "EPSG code, e.g. --crs EPSG:4538 (CM 87E) or EPSG:4539 (CM 90E)" in out, out


def test_a_row_with_no_code_is_counted_in_error(master, tmp_path, capsys):
    """The summary's counts add up to the source's features: a row with no patch code is
    one of those in error, not left out of every count."""
    src = _source(tmp_path, {"CT6504222017000026505": {"type": "Polygon",
                                                       "coordinates": [SQUARE]}})
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    doc["features"].append({"type": "Feature", "properties": {"乡镇": "托克逊镇"},
                            "geometry": {"type": "Polygon",
                                         "coordinates": [_shifted(SQUARE, 0.01)]}})
    with open(src, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert "would be updated 0, new 1 once the errors are fixed (nothing written), " \
        "unchanged 0, in error (not compared) 1," in out, out


@pytest.mark.parametrize("given, said", [(None, "5%"), ("150%", "150%")])
def test_the_preview_says_the_area_tolerance_it_checks_within(master, tmp_path, capsys,
                                                              given, said):
    src = tmp_path / "area.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"图斑编号": "CT6504222017000026505", "面积": 145049,
                                           "乡镇": "托克逊镇"},
         "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}]}), encoding="utf-8")
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                  *(["--area-tolerance", given] if given else []))
    assert rc == errors.OK, out
    assert f"the areas of field 面积 are checked against the geometry's within {said}\n" \
        in out, out
