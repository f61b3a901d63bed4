# SPDX-License-Identifier: GPL-2.0-or-later
"""The built plan GeoPackage: valid for GDAL, true to its sources, reproducible."""

from __future__ import annotations

import hashlib
import math
import sqlite3

import pytest
from osgeo import ogr

from field_kit.plan import geometry, schema
from field_kit.plan.derived import derived_columns, derived_values
from tests.plan_build import VALIDATOR, build, validate
from tests.plan_text import PATCH_CODE_FORMATS, source

ogr.UseExceptions()

EXTENT = source("schematic_geometry.json")["extent"]
EXPECTED_COUNTS = {
    "county_boundary": 1, "townships": 7, "restoration_zones": 4,
    "ecological_pattern_areas": 2, "ecological_pattern_corridors": 3,
    "ecological_pattern_points": 2, "restoration_programs": 9, "restoration_projects": 26,
    "project_targets": 15, "mine_patches": 11, "plan_indicators": 59, "code_lists": 61,
    "patch_verifications": 0, "project_inspections": 0, "photos": 0,
}


def rows(path, table):
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY fid")]


def features(path, table):
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName(table)
    out = [(f.items(), f.GetGeometryRef().Clone() if f.GetGeometryRef() else None)
           for f in layer]
    return out


@pytest.mark.skipif(not VALIDATOR.exists(), reason="GDAL's validate_gpkg.py is not installed")
def test_passes_gdal_geopackage_validation(plan_gpkg):
    code, output = validate(plan_gpkg)
    assert code == 0 and output == "", output


def test_every_layer_opens_with_ogr_and_has_its_rows(plan_gpkg):
    ds = ogr.Open(str(plan_gpkg))
    assert ds is not None
    for table in schema.TABLES:
        layer = ds.GetLayerByName(table.name)
        assert layer is not None, table.name
        assert layer.GetFeatureCount() == EXPECTED_COUNTS[table.name], table.name
        names = [layer.GetLayerDefn().GetFieldDefn(i).GetName()
                 for i in range(layer.GetLayerDefn().GetFieldCount())]
        assert names == list(table.column_names), table.name
        if table.geometry_type:
            srs = layer.GetSpatialRef()
            assert srs.GetAuthorityCode(None) == "4490", table.name
            assert layer.GetGeometryColumn() == schema.GEOMETRY_COLUMN


def test_every_row_has_a_stable_unique_uuid(plan_gpkg, tmp_path):
    again = build(tmp_path / "again.gpkg")
    for table in schema.TABLES:
        first = [r["uuid"] for r in rows(plan_gpkg, table.name)]
        assert all(first) and len(set(first)) == len(first), table.name
        assert first == [r["uuid"] for r in rows(again, table.name)], table.name


def content_digest(path) -> str:
    h = hashlib.sha256()
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'rtree_%' AND name != 'sync_state' ORDER BY name")]
        # sync_state records when change capture was installed, which is not plan content
        for t in tables:
            h.update(t.encode())
            for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                h.update(repr(r).encode())
    return h.hexdigest()


def test_the_same_sources_give_the_same_content(plan_gpkg, tmp_path):
    assert content_digest(build(tmp_path / "again.gpkg")) == content_digest(plan_gpkg)


def test_geometry_source_says_schematic_everywhere(plan_gpkg):
    for table in schema.TABLES:
        if table.kind == schema.PLAN and table.geometry_type:
            assert {r["geometry_source"] for r in rows(plan_gpkg, table.name)} == {"schematic"}


def test_geometries_are_valid_and_inside_the_county_extent(plan_gpkg):
    county = features(plan_gpkg, "county_boundary")[0][1]
    for table in schema.TABLES:
        if table.kind != schema.PLAN or not table.geometry_type:
            continue
        for attrs, geom in features(plan_gpkg, table.name):
            assert geom is not None and geom.IsValid() and not geom.IsEmpty(), table.name
            minx, maxx, miny, maxy = geom.GetEnvelope()
            assert EXTENT["west"] <= minx and maxx <= EXTENT["east"], table.name
            assert EXTENT["south"] <= miny and maxy <= EXTENT["north"], table.name
            if table.name != "county_boundary":
                assert county.Contains(geom), (table.name, attrs.get("name_zh"))


def test_county_outline_reaches_the_stated_extent_and_area(plan_gpkg):
    (attrs, county), = features(plan_gpkg, "county_boundary")
    minx, maxx, miny, maxy = county.GetEnvelope()
    for got, want in ((minx, EXTENT["west"]), (maxx, EXTENT["east"]),
                      (miny, EXTENT["south"]), (maxy, EXTENT["north"])):
        assert abs(got - want) < 0.001
    assert attrs["plan_area_km2"] == 16600
    assert abs(attrs["area_m2"] / 1e6 - 16600) / 16600 < 0.01


def test_zones_partition_the_county(plan_gpkg):
    county = features(plan_gpkg, "county_boundary")[0][1]
    zones = [g for _, g in features(plan_gpkg, "restoration_zones")]
    union = zones[0]
    for z in zones[1:]:
        union = union.Union(z)
    assert union.SymDifference(county).GetArea() < 1e-9
    for i, a in enumerate(zones):
        for b in zones[i + 1:]:
            assert a.Intersection(b).GetArea() < 1e-9


def test_townships_lie_in_the_zone_they_are_given(plan_gpkg):
    zones = {a["zone_id"]: g for a, g in features(plan_gpkg, "restoration_zones")}
    for attrs, point in features(plan_gpkg, "townships"):
        assert zones[attrs["zone_id"]].Contains(point), attrs["name_zh"]


def test_areas_are_ellipsoidal_and_kept_apart_from_the_plans(plan_gpkg):
    pyproj = pytest.importorskip("pyproj")
    geod = pyproj.Geod(ellps="GRS80")
    for table in ("county_boundary", "restoration_zones", "mine_patches",
                  "ecological_pattern_areas"):
        for attrs, geom in features(plan_gpkg, table):
            area = 0.0
            for i in range(geom.GetGeometryCount()):
                poly = geom.GetGeometryRef(i)
                for j in range(poly.GetGeometryCount()):
                    ring = poly.GetGeometryRef(j).GetPoints()
                    a, _ = geod.polygon_area_perimeter([p[0] for p in ring], [p[1] for p in ring])
                    area += abs(a) if j == 0 else -abs(a)
            assert math.isclose(attrs["area_m2"], area, rel_tol=1e-5), table


@pytest.mark.parametrize("ring", [
    [(88.738, 42.899), (88.745, 42.899), (88.7415, 42.905), (88.738, 42.899)],  # slanted edges
    [(88.738, 42.899), (88.745, 42.8995), (88.7415, 42.905), (88.738, 42.899)],
    [(88.70, 42.80), (88.80, 42.90), (88.8001, 42.8999), (88.70, 42.80)],  # a thin strip
    [(88.0, 42.0), (88.5, 42.0), (88.25, 42.5), (88.0, 42.0)],  # 19 km² across
])
def test_an_area_is_the_geodesic_polygons_to_the_cm2_stored(ring):
    pyproj = pytest.importorskip("pyproj")
    geod = pyproj.Geod(a=6378137.0, f=1 / 298.257222101)  # CGCS2000
    exact, _ = geod.polygon_area_perimeter([p[0] for p in ring], [p[1] for p in ring])
    assert geometry.ring_area(ring) == pytest.approx(abs(exact), abs=0.01, rel=1e-9)


def test_the_area_and_centre_stored_are_those_a_shape_written_again_gets(plan_gpkg):
    """As the plugin and the sync measure a shape (so a shape put back gives back the plan's
    values, and the centre is the shape's, not a point near it)."""
    with sqlite3.connect(plan_gpkg) as c:
        for table in ("county_boundary", "restoration_zones", "mine_patches",
                      "ecological_pattern_areas", "ecological_pattern_corridors"):
            cols = derived_columns(table)
            assert cols, table
            for row in c.execute(f"SELECT geom, {', '.join(cols)} FROM {table}"):
                want = derived_values(geometry.blob_wkb(row[0]), cols)
                assert dict(zip(cols, row[1:])) == want, table


def test_mine_patches_carry_their_project_as_the_plan_states_it(plan_gpkg):
    projects = {p["project_id"]: p for p in source("projects.csv")}
    areas = {t["project_id"]: float(t["quantity"]) for t in source("project_targets.csv")
             if t["unit"] == "平方千米"}
    plan_uuid = {r["project_id"]: r["uuid"] for r in rows(plan_gpkg, "restoration_projects")}
    patches = rows(plan_gpkg, "mine_patches")
    assert [p["patch_code"] for p in patches] == \
        [p["patch_code"] for p in source("mine_patches.csv")]
    for p in patches:
        project = projects[p["project_id"]]
        assert p["project_uuid"] == plan_uuid[p["project_id"]]
        assert p["township"] == project["township"]
        assert p["mineral"] == project["mineral"]
        assert p["period"] == project["period"]
        assert p["phase"] == {"2021-2025年": "近期", "2026-2030年": "中期"}[project["period"]]
        assert p["project_treated_area_km2"] == areas[p["project_id"]]
        prefix = "CT" if p["patch_code"].startswith("CT") else p["patch_code"][:2] \
            if p["patch_code"].startswith("ZJ") else "C"
        assert PATCH_CODE_FORMATS[prefix].match(p["patch_code"])
    # the schematic outlines share out each project's area among its patches
    for pid, area in areas.items():
        outline = sum(p["area_m2"] for p in patches if p["project_id"] == pid)
        assert math.isclose(outline, area * 1e6, rel_tol=1e-3), pid


def test_indicators_in_the_geopackage_equal_the_sources(plan_gpkg):
    built = {r["indicator_id"]: r for r in rows(plan_gpkg, "plan_indicators")}
    for src in source("indicators.csv"):
        row = built[src["indicator_id"]]
        for k in ("value_2020", "value_2025", "value_2035", "value_other"):
            assert row[k] == (float(src[k]) if src[k] else None), (src["indicator_id"], k)
        for k in ("name_zh", "unit", "comparison", "section"):
            assert row[k] == src[k]
    assert (built["legacy_mine_remediation_area"]["value_2020"],
            built["legacy_mine_remediation_area"]["value_2025"],
            built["legacy_mine_remediation_area"]["value_2035"]) == (1.9, 2.46, 3.18)


def test_project_targets_link_to_projects_and_programs(plan_gpkg):
    programs = {r["uuid"]: r for r in rows(plan_gpkg, "restoration_programs")}
    projects = {r["uuid"]: r for r in rows(plan_gpkg, "restoration_projects")}
    for p in projects.values():
        assert programs[p["program_uuid"]]["program_id"] == p["program_id"]
    targets = rows(plan_gpkg, "project_targets")
    for t in targets:
        assert projects[t["project_uuid"]]["project_id"] == t["project_id"]
    units = {t["unit"] for t in targets}
    assert {"万亩", "个", "公里", "座", "平方千米"} <= units


def test_code_lists_are_stored_as_data(plan_gpkg):
    lists = {}
    for r in rows(plan_gpkg, "code_lists"):
        lists.setdefault(r["list_name"], []).append(r["code"])
    assert lists["remediation_status"] == ["A", "B", "C", "D"]
    assert len(lists["patch_subclass"]) == 14


def test_every_map_layer_has_a_default_qgis_style(plan_gpkg):
    styles = {r["f_table_name"]: r for r in rows_by_id(plan_gpkg)}
    for table in schema.TABLES:
        style = styles[table.name]
        assert style["useAsDefault"] == 1
        assert style["f_geometry_column"] == (schema.GEOMETRY_COLUMN if table.geometry_type
                                              else "")
        assert "<qgis" in style["styleQML"]
        for col in table.columns:  # Chinese field names in the attribute table
            assert f'<alias name="{col.label.zh}" field="{col.name}"' in style["styleQML"], \
                (table.name, col.name)


def rows_by_id(path):
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM layer_styles ORDER BY id")]


def test_plan_meta_names_the_project_and_schema(plan_gpkg):
    with sqlite3.connect(plan_gpkg) as conn:
        meta = dict(conn.execute("SELECT key, value FROM plan_meta"))
    assert meta["schema_version"] == str(schema.SCHEMA_VERSION)
    assert meta["crs"] == "EPSG:4490"
    assert len(meta["project_uuid"]) == 36
    assert "示意" in meta["geometry_note_zh"]


def test_the_blob_reader_agrees_with_gdal(plan_gpkg):
    with sqlite3.connect(plan_gpkg) as conn:
        for blob, in conn.execute("SELECT geom FROM mine_patches"):
            wkb = geometry.blob_wkb(blob)
            g = ogr.CreateGeometryFromWkb(wkb)
            minx, maxx, miny, maxy = g.GetEnvelope()
            assert geometry.blob_envelope(blob) == pytest.approx((minx, maxx, miny, maxy))


def test_the_ecological_pattern_layers_say_so_in_english_too(plan_gpkg):
    """Each of the three layers' Chinese title says 生态格局; their English titles, in QGIS's
    layer list, forms and reports, say "Ecological pattern" as well, not a bare "Corridors"."""
    conn = sqlite3.connect(plan_gpkg)
    try:
        named = dict(conn.execute("SELECT table_name, identifier FROM gpkg_contents WHERE "
                                  "identifier LIKE '生态格局%'").fetchall())
    finally:
        conn.close()
    assert sorted(named) == ["ecological_pattern_areas", "ecological_pattern_corridors",
                             "ecological_pattern_points"]
    for table, title in named.items():
        assert "Ecological pattern: " in title, title
        assert schema.BY_NAME[table].title.en.startswith("Ecological pattern: ")
