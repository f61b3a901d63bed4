#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Build the plan GeoPackage from the plan's transcribed tables.

    python resources/build_plan.py resources/toksun_plan.gpkg

Everything comes from files beside this script: ``plan/*.csv`` (the plan's tables, each row
citing its place in the plan), ``plan/zones.json``, ``plan/schematic_geometry.json`` and
``styles/*.qml``. The same sources give the same content: row UUIDs are derived from each
row's identity in the plan, and timestamps are fixed. GDAL writes the file, so it is a
GeoPackage GDAL and QGIS accept; areas and lengths are ellipsoidal, on CGCS2000.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import uuid
from pathlib import Path

from osgeo import gdal, ogr, osr

from field_kit.plan import geometry, schema
from field_kit.plan.derived import derived_columns, derived_values

HERE = Path(__file__).resolve().parent
PLAN = HERE / "plan"
STYLES = HERE / "styles"
BUILT_AT = "2024-08-15T00:00:00.000Z"  # the plan's date; fixed so builds are reproducible
NAMESPACE = uuid.UUID("6f0d3c1e-57a4-4f0b-9d7e-2a1b650422aa")  # Toksun plan rows
PLAN_TITLE = "新疆托克逊县国土空间生态修复规划（2021-2035年）"
PHASES = {period: phase for phase, period in schema.PHASE_PERIODS.items()}

OGR_TYPES = {
    "TEXT": (ogr.OFTString, None), "INTEGER": (ogr.OFTInteger64, None),
    "REAL": (ogr.OFTReal, None), "DATE": (ogr.OFTDate, None),
    "DATETIME": (ogr.OFTDateTime, None), "BOOLEAN": (ogr.OFTInteger, ogr.OFSTBoolean),
}
OGR_GEOMETRY = {
    "POINT": ogr.wkbPoint, "MULTIPOLYGON": ogr.wkbMultiPolygon,
    "MULTILINESTRING": ogr.wkbMultiLineString, None: ogr.wkbNone,
}


def read_csv(name: str) -> list[dict]:
    with open(PLAN / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_json(name: str):
    with open(PLAN / name, encoding="utf-8") as f:
        return json.load(f)


def row_uuid(table: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{table}:{key}"))


def number(text: str):
    return float(text) if text not in ("", None) else None


def period_years(period: str) -> tuple[int | None, int | None]:
    years = [int(y) for y in __import__("re").findall(r"(20\d\d)", period or "")]
    return (min(years), max(years)) if years else (None, None)


# --- schematic shapes -----------------------------------------------------------------

def patch_rings(site: tuple[float, float], area_m2: float, count: int, shape, spacing_m: float):
    """``count`` patch outlines of ``area_m2`` each, in a row eastward from ``site``."""
    out = []
    for i in range(count):
        origin = geometry.direct(tuple(site), 90.0, i * spacing_m)
        unit = 100.0  # metres per shape unit, rescaled below to the wanted area

        def place(scale: float, origin=origin):
            ring = []
            for x, y in shape:
                east = geometry.direct(origin, 90.0, x * scale) if x >= 0 else \
                    geometry.direct(origin, 270.0, -x * scale)
                pt = geometry.direct(east, 0.0, y * scale) if y >= 0 else \
                    geometry.direct(east, 180.0, -y * scale)
                ring.append((round(pt[0], 7), round(pt[1], 7)))
            ring[-1] = ring[0]
            return ring

        ring = place(unit)
        scale = unit * (area_m2 / geometry.ring_area(ring)) ** 0.5
        out.append(place(scale))
    return out


# --- the rows of each table -----------------------------------------------------------

def measured(table: str, shape: bytes) -> dict:
    """A plan feature's area (and centre, where ``table`` has one) or length, as the plugin
    and the sync measure a shape written later (so a shape put back gives back these)."""
    return derived_values(shape, derived_columns(table))


def plan_rows() -> dict[str, list[tuple[dict, bytes | None]]]:
    geo = read_json("schematic_geometry.json")
    v = {k: tuple(p) for k, p in geo["vertices"].items()}
    ring = lambda names: [v[n] for n in names]  # noqa: E731
    zones = read_json("zones.json")
    townships = read_csv("townships.csv")
    programs = read_csv("programs.csv")
    projects = read_csv("projects.csv")
    targets = read_csv("project_targets.csv")
    patches = read_csv("mine_patches.csv")
    rows: dict[str, list] = {t.name: [] for t in schema.TABLES}

    def add(table: str, key: str, values: dict, wkb: bytes | None = None):
        rows[table].append(({"uuid": row_uuid(table, key), **values}, wkb))

    county = geometry.multipolygon_wkb([[ring(geo["county"])]])
    add("county_boundary", "650422", {
        "name_zh": "托克逊县", "name_en": "Toksun County", "admin_code": "650422",
        "former_admin_code": "652123", "plan_area_km2": 16600.0,
        **measured("county_boundary", county), "geometry_source": schema.SCHEMATIC,
        "source_note": geo["about_zh"] + " " + geo["about_en"], "section": "前言",
    }, county)

    zone_of_township = {}
    for z in zones:
        shape = geometry.multipolygon_wkb([[ring(r) for r in geo["zones"][z["zone_id"]]]])
        for t in z["townships"]:
            zone_of_township.setdefault(t, z["zone_id"])
        add("restoration_zones", z["zone_id"], {
            **{k: z[k] for k in ("zone_id", "name_zh", "name_en", "overview", "natural_conditions",
                                 "main_problems", "main_direction", "section")},
            "townships": "、".join(z["townships"]), "townships_source": z["townships_source"],
            **measured("restoration_zones", shape), "geometry_source": schema.SCHEMATIC,
        }, shape)

    for t in townships:
        add("townships", t["name_zh"], {
            "name_zh": t["name_zh"], "name_en": t["name_en"], "aliases": t["aliases"],
            "zone_id": zone_of_township.get(t["name_zh"]), "geometry_source": schema.SCHEMATIC,
            "section": t["section"],
        }, geometry.point_wkb(float(t["lon"]), float(t["lat"])))

    for a in geo["pattern_areas"]:
        shape = geometry.multipolygon_wkb([[[tuple(p) for p in a["ring"]]]])
        add("ecological_pattern_areas", a["element"], {
            "element": a["element"], "name_zh": a["name_zh"], "name_en": a["name_en"],
            "description": a["description"], **measured("ecological_pattern_areas", shape),
            "geometry_source": schema.SCHEMATIC, "section": "第一二节 托克逊县生态保护修复格局",
        }, shape)
    for c in geo["corridors"]:
        shape = geometry.multilinestring_wkb([[tuple(p) for p in c["line"]]])
        add("ecological_pattern_corridors", c["name_zh"], {
            "element": "三廊", "name_zh": c["name_zh"], "name_en": c["name_en"],
            **measured("ecological_pattern_corridors", shape),
            "geometry_source": schema.SCHEMATIC, "section": "第一二节 托克逊县生态保护修复格局",
        }, shape)
    for p in geo["points"]:
        add("ecological_pattern_points", p["name_zh"], {
            "element": "多点", "name_zh": p["name_zh"], "name_en": p["name_en"],
            "point_kind": p["point_kind"], "geometry_source": schema.SCHEMATIC,
            "section": p["section"],
        }, geometry.point_wkb(*p["lonlat"]))

    program_uuid = {}
    for p in programs:
        program_uuid[p["program_id"]] = row_uuid("restoration_programs", p["program_id"])
        add("restoration_programs", p["program_id"], {
            k: p[k] for k in ("program_id", "name_zh", "name_en", "column_ref",
                              "implementation_area", "content", "period", "section")
        } | {"zone_id": p["zone_id"] or None})
    program_zone = {p["program_id"]: p["zone_id"] or None for p in programs}
    program_section = {p["program_id"]: p["section"] for p in programs}

    project_by_id = {}
    for p in projects:
        start, end = period_years(p["period"])
        project_by_id[p["project_id"]] = p
        add("restoration_projects", p["project_id"], {
            "project_id": p["project_id"], "program_uuid": program_uuid[p["program_id"]],
            "program_id": p["program_id"], "seq": int(p["seq"]), "name_zh": p["name_zh"],
            "name_en": p["name_en"], "zone_id": program_zone[p["program_id"]],
            "township": p["township"] or None, "mineral": p["mineral"] or None,
            "content": p["content"] or None, "period": p["period"] or None,
            "period_start": start, "period_end": end, "column_ref": p["column_ref"],
            "section": program_section[p["program_id"]],
        })

    area_of = {}
    for t in targets:
        key = f"{t['project_id']}:{t['target_zh']}"
        if t["unit"] == "平方千米":
            area_of[t["project_id"]] = float(t["quantity"])
        add("project_targets", key, {
            "project_uuid": row_uuid("restoration_projects", t["project_id"]),
            "project_id": t["project_id"], "target_zh": t["target_zh"],
            "target_en": t["target_en"], "quantity": float(t["quantity"]), "unit": t["unit"],
            "unit_en": t["unit_en"], "period": t["period"], "plan_quote": t["plan_quote"] or None,
            "section": t["column_ref"],
        })

    by_project: dict[str, list[str]] = {}
    for p in patches:
        by_project.setdefault(p["project_id"], []).append(p["patch_code"])
    for pid, codes in by_project.items():
        proj = project_by_id[pid]
        area_km2 = area_of[pid]
        rings = patch_rings(geo["patch_sites"][pid], area_km2 * 1e6 / len(codes), len(codes),
                            geo["patch_shape"], geo["patch_spacing_m"])
        for code, r in zip(codes, rings):
            shape = geometry.multipolygon_wkb([[r]])
            add("mine_patches", code, {
                "patch_code": code, "project_uuid": row_uuid("restoration_projects", pid),
                "project_id": pid, "project_name": proj["name_zh"], "township": proj["township"],
                "mineral": proj["mineral"], "phase": PHASES[proj["period"]],
                "period": proj["period"], "project_treated_area_km2": area_km2,
                "patches_in_project": len(codes), **measured("mine_patches", shape),
                "geometry_source": schema.SCHEMATIC, "section": proj["column_ref"],
            }, shape)

    for r in read_csv("indicators.csv"):
        add("plan_indicators", r["indicator_id"], {
            **{k: r[k] or None for k in ("indicator_id", "category", "name_zh", "name_en", "unit",
                                        "unit_en", "comparison", "section", "plan_quote")},
            **{k: number(r[k]) for k in ("value_2020", "value_2025", "value_2035", "value_other")},
        })
    for order, r in enumerate(read_csv("code_lists.csv")):
        add("code_lists", f"{r['list_name']}:{r['code']}", {
            "list_name": r["list_name"], "code": r["code"], "label_zh": r["label_zh"],
            "label_en": r["label_en"], "parent_code": r["parent_code"] or None,
            "sort_order": order, "source": r["source"],
        })
    return rows


def sources_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(list(PLAN.iterdir()) + list(STYLES.glob("*.qml"))):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# --- writing --------------------------------------------------------------------------

def create_layer(ds, table: schema.Table, srs):
    geom_type = OGR_GEOMETRY[table.geometry_type]
    options = ["FID=fid", f"IDENTIFIER={table.title.zh} {table.title.en}",
               f"DESCRIPTION={table.title.zh} / {table.title.en}"]
    if table.geometry_type:
        options += [f"GEOMETRY_NAME={schema.GEOMETRY_COLUMN}", "SPATIAL_INDEX=YES"]
    layer = ds.CreateLayer(table.name, srs if table.geometry_type else None, geom_type,
                           options=options)
    for col in table.columns:
        ftype, subtype = OGR_TYPES[col.type]
        defn = ogr.FieldDefn(col.name, ftype)
        if subtype is not None:
            defn.SetSubType(subtype)
        defn.SetAlternativeName(col.label.zh)
        layer.CreateField(defn)
    return layer


def write_rows(layer, rows):
    defn = layer.GetLayerDefn()
    for values, wkb in rows:
        feat = ogr.Feature(defn)
        for k, val in values.items():
            if val is not None:
                feat.SetField(k, val)
        if wkb is not None:
            feat.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        if layer.CreateFeature(feat) != 0:
            raise RuntimeError(f"could not write a row of {layer.GetName()}: {values}")


def write_meta(ds, digest: str):
    layer = ds.CreateLayer("plan_meta", None, ogr.wkbNone,
                           options=["FID=fid", "IDENTIFIER=规划数据说明 Plan data"])
    layer.CreateField(ogr.FieldDefn("key", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTString))
    meta = {
        "project_uuid": str(uuid.uuid5(NAMESPACE, "toksun-plan-2021-2035")),
        "schema_version": str(schema.SCHEMA_VERSION),
        "title": PLAN_TITLE,
        "title_en": "Territorial spatial ecological restoration plan of Toksun County, "
                    "Xinjiang (2021-2035)",
        "crs": f"EPSG:{schema.CRS_EPSG}",
        "built_at": BUILT_AT,
        "sources_sha256": digest,
        "geometry_note_zh": read_json("schematic_geometry.json")["about_zh"],
        "geometry_note_en": read_json("schematic_geometry.json")["about_en"],
    }
    write_rows(layer, [({"key": k, "value": val}, None) for k, val in meta.items()])
    ds.ExecuteSQL("CREATE UNIQUE INDEX plan_meta_key ON plan_meta(key)")


def write_styles(ds):
    """Store each layer's style the way QGIS does, so the file opens styled anywhere."""
    layer = ds.CreateLayer("layer_styles", None, ogr.wkbNone, options=["FID=id"])
    for name, width in (("f_table_catalog", 256), ("f_table_schema", 256),
                        ("f_table_name", 256), ("f_geometry_column", 256), ("styleName", 30),
                        ("styleQML", 0), ("styleSLD", 0)):
        f = ogr.FieldDefn(name, ogr.OFTString)
        f.SetWidth(width)
        layer.CreateField(f)
    f = ogr.FieldDefn("useAsDefault", ogr.OFTInteger)
    f.SetSubType(ogr.OFSTBoolean)
    layer.CreateField(f)
    for name in ("description", "owner", "ui"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("update_time", ogr.OFTDateTime))
    rows = []
    for table in schema.TABLES:
        qml = STYLES / f"{table.name}.qml"
        if not qml.exists():
            continue
        rows.append(({
            "f_table_catalog": "", "f_table_schema": "", "f_table_name": table.name,
            "f_geometry_column": schema.GEOMETRY_COLUMN if table.geometry_type else "",
            "styleName": table.name, "styleQML": qml.read_text(encoding="utf-8"),
            "styleSLD": "", "useAsDefault": 1,
            "description": f"{table.title.zh} / {table.title.en}", "owner": "",
            "update_time": BUILT_AT,
        }, None))
    write_rows(layer, rows)


def build(out: Path) -> Path:
    gdal.UseExceptions()
    gdal.SetConfigOption("OGR_CURRENT_DATE", BUILT_AT)
    tmp = out.with_name(out.stem + ".building.gpkg")
    for p in (tmp, Path(str(tmp) + "-journal")):
        if p.exists():
            p.unlink()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(schema.CRS_EPSG)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    rows = plan_rows()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp))
    ds.StartTransaction()
    for table in schema.TABLES:
        write_rows(create_layer(ds, table, srs), rows[table.name])
    write_meta(ds, sources_digest())
    write_styles(ds)
    ds.CommitTransaction()
    for table in schema.TABLES:
        ds.ExecuteSQL(f"CREATE UNIQUE INDEX {table.name}_uuid ON {table.name}(uuid)")
    ds = None
    install_change_capture(tmp)
    os.replace(tmp, out)  # a half-built file never takes the place of a good one
    return out


def install_change_capture(path: Path) -> None:
    from field_kit.plan.schema import META_TABLE
    from field_kit.sync import changelog
    changelog.install(str(path), device="master", exclude=[META_TABLE])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(HERE / "toksun_plan.gpkg"))
    args = parser.parse_args(argv)
    out = build(Path(args.out))
    counts = {t: len(r) for t, r in plan_rows().items() if r}
    print(f"built {out}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
