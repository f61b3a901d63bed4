# SPDX-License-Identifier: GPL-2.0-or-later
"""Small (or very large) plan GeoPackages made by code, for tests and the benchmark.

OGR creates the empty layers as the build script does (fid, geom, EPSG:4490, the schema's
columns); rows are then written with plain sqlite3 ``executemany`` and the R-tree built by
GDAL at the end, so a million patches take seconds.

    path = make_gpkg(tmp_path / "plan.gpkg", patches=100)
"""

from __future__ import annotations

import os
import sqlite3
import struct
import uuid as uuidlib
from collections.abc import Sequence

from field_kit.plan import schema
from field_kit.plan.geometry import gpkg_blob, point_wkb
from field_kit.sync import changelog

DEFAULT_TABLES = ("mine_patches", "restoration_projects", "patch_verifications",
                  "project_inspections", "photos")
TOWNSHIPS = ("Toksun", "Kirgizlik", "Yilaqi", "Bostan", "Gulebag")
PROJECT_UUID = "6f1d2c1e-5b7a-4c1e-9a55-0a1b2c3d4e5f"
LON0, LAT0 = 88.0, 42.5


def _ogr_type(ogr, col: schema.Column):
    return {"TEXT": ogr.OFTString, "INTEGER": ogr.OFTInteger64, "REAL": ogr.OFTReal,
            "DATE": ogr.OFTDate, "DATETIME": ogr.OFTDateTime,
            "BOOLEAN": ogr.OFTInteger}[col.type]


def _create_layers(path: str, tables: Sequence[str]) -> None:
    from osgeo import ogr, osr
    ogr.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(schema.CRS_EPSG)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    geom_types = {"POINT": ogr.wkbPoint, "MULTIPOLYGON": ogr.wkbMultiPolygon,
                  "MULTILINESTRING": ogr.wkbMultiLineString}
    for name in tables:
        t = schema.table(name)
        if t.geometry_type:
            lyr = ds.CreateLayer(name, srs, geom_types[t.geometry_type],
                                 ["FID=fid", f"GEOMETRY_NAME={schema.GEOMETRY_COLUMN}",
                                  "SPATIAL_INDEX=NO"])
        else:
            lyr = ds.CreateLayer(name, None, ogr.wkbNone,
                                 ["FID=fid", "ASPATIAL_VARIANT=GPKG_ATTRIBUTES"])
        for col in t.columns:
            lyr.CreateField(ogr.FieldDefn(col.name, _ogr_type(ogr, col)))
    ds = None


def _square(lon: float, lat: float, d: float = 0.001) -> bytes:
    """A GeoPackage blob of a one-square multipolygon, packed directly (fast)."""
    ring = [(lon, lat), (lon + d, lat), (lon + d, lat + d), (lon, lat + d), (lon, lat)]
    wkb = struct.pack("<BIIBII", 1, 6, 1, 1, 3, 1) + struct.pack("<I", 5) + b"".join(
        struct.pack("<dd", x, y) for x, y in ring)
    head = b"GP" + bytes([0, 0x03]) + struct.pack("<i", 4490)
    return head + struct.pack("<dddd", lon, lon + d, lat, lat + d) + wkb


def patch_rows(n: int, start: int = 0):
    side = max(1, int(n ** 0.5))
    for i in range(start, start + n):
        lon = LON0 + (i % side) * 0.002
        lat = LAT0 + (i // side) * 0.002
        yield (str(uuidlib.UUID(int=(i + 1) * 7919 + (1 << 122) | (1 << 78))),
               f"P{i:07d}", TOWNSHIPS[i % len(TOWNSHIPS)], "planned", 1000.0 + i / 7.0,
               lon + 0.0005, lat + 0.0005, "schematic", _square(lon, lat))


def make_gpkg(path: str | os.PathLike, *, patches: int = 20, projects: int = 5,
              verifications: int = 0, tables: Sequence[str] = DEFAULT_TABLES,
              install: bool = True, device: str = "master") -> str:
    """Write a plan GeoPackage with ``patches`` mine patches (and a few other rows)."""
    path = os.fspath(path)
    if os.path.exists(path):
        os.remove(path)
    _create_layers(path, tables)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE plan_meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO plan_meta (key, value) VALUES ('project_uuid', ?), "
                 "('schema_version', ?), ('title', 'test plan')",
                 (PROJECT_UUID, str(schema.SCHEMA_VERSION)))
    if "mine_patches" in tables:
        conn.executemany(
            "INSERT INTO mine_patches (uuid, patch_code, township, phase, area_m2, centre_lon, "
            "centre_lat, geometry_source, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            patch_rows(patches))
    if "restoration_projects" in tables:
        conn.executemany(
            "INSERT INTO restoration_projects (uuid, project_id, name_zh, township, seq) "
            "VALUES (?, ?, ?, ?, ?)",
            [(str(uuidlib.uuid4()), f"XM{i:03d}", f"项目{i}", TOWNSHIPS[i % len(TOWNSHIPS)], i)
             for i in range(projects)])
    if "patch_verifications" in tables and verifications:
        rows = conn.execute("SELECT uuid, patch_code, centre_lon, centre_lat FROM mine_patches "
                            "LIMIT ?", (verifications,)).fetchall()
        conn.executemany(
            "INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, remediation_status,"
            " verifier, geom) VALUES (?, ?, ?, 'untreated', 'Ayşe', ?)",
            [(str(uuidlib.uuid4()), u, c, gpkg_blob(point_wkb(x, y))) for u, c, x, y in rows])
    conn.commit()
    conn.close()
    from osgeo import ogr
    ds = ogr.Open(path, 1)
    for name in tables:
        if schema.table(name).geometry_type:
            ds.ExecuteSQL(f"SELECT CreateSpatialIndex('{name}', '{schema.GEOMETRY_COLUMN}')")
    ds = None
    if install:
        changelog.install(path, device=device)
    return path


FOREST_COLUMNS = (("stand_id", "TEXT"), ("species", "TEXT"), ("status", "TEXT"),
                  ("area_ha", "REAL"), ("surveyed_on", "DATE"), ("crown_cover", "INTEGER"))


def make_gdal_layer(path: str | os.PathLike, n: int, name: str = "forest_stands") -> str:
    """A layer as GDAL writes it: fid, geom and columns of its own, no uuid, a spatial
    index; ``n`` features written in bulk."""
    from osgeo import ogr, osr
    ogr.UseExceptions()
    path = os.fspath(path)
    if os.path.exists(path):
        os.remove(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(schema.CRS_EPSG)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon, ["SPATIAL_INDEX=NO"])
    kinds = {"TEXT": ogr.OFTString, "REAL": ogr.OFTReal, "DATE": ogr.OFTDate,
             "INTEGER": ogr.OFTInteger}
    for col, kind in FOREST_COLUMNS:
        lyr.CreateField(ogr.FieldDefn(col, kinds[kind]))
    ds = None
    conn = sqlite3.connect(path)
    side = max(1, int(n ** 0.5))
    conn.executemany(
        f"INSERT INTO {name} (stand_id, species, status, area_ha, surveyed_on, crown_cover, "
        "geom) VALUES (?, ?, 'surveyed', ?, '2024-06-01', ?, ?)",
        ((f"S{i:08d}", ("poplar", "tamarisk", "saxaul")[i % 3], 1.0 + i / 7.0, i % 100,
          _square(LON0 + (i % side) * 0.002, LAT0 + (i // side) * 0.002)) for i in range(n)))
    conn.commit()
    conn.close()
    ds = ogr.Open(path, 1)
    ds.ExecuteSQL(f"SELECT CreateSpatialIndex('{name}', 'geom')")
    ds = None
    return path


def merge_to_make(tmp, patches: int) -> tuple:
    """A master of ``patches`` mine patches and a GIS package changing every one of them
    (a merge big enough to take time), exported: (master, the package's zip)."""
    from field_kit.sync import package_checkout, package_export
    master = make_gpkg(tmp / "master.gpkg", patches=patches, tables=("mine_patches",))
    pkg = tmp / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET phase = 'p' || fid, area_m2 = area_m2 + 1")
    package_export.export(pkg, tmp / "a.zip")
    return master, tmp / "a.zip"


def fields_met_in_the_master(master, tmp_path, fields=("notes", "verifier")):
    """A verification merged from one technician's package; another's package then changes
    ``fields`` of it, which the master changes too meanwhile: that package's zip."""
    from field_kit.db import connect
    from field_kit.sync import masters, package_checkout, package_export
    first, other = tmp_path / "tech-a.gpkg", tmp_path / "tech-b.gpkg"
    masters.checkout(master, first, "tech-a", township="郭勒布依乡")
    edit(first, "INSERT INTO patch_verifications (patch_uuid, patch_code, notes, verifier) "
         "SELECT uuid, patch_code, 'a', 'a' FROM mine_patches ORDER BY fid LIMIT 1")
    package_export.export(first, tmp_path / "a.zip")
    masters.merge(master, [tmp_path / "a.zip"])
    package_checkout.checkout(master, other, "tech-b", township="郭勒布依乡")
    edit(other, "UPDATE patch_verifications SET " + ", ".join(f"{f} = 'b'" for f in fields))
    package_export.export(other, tmp_path / "b.zip")
    with connect(master) as c:  # edited in the master meanwhile
        c.execute("UPDATE patch_verifications SET " + ", ".join(f"{f} = 'm'" for f in fields))
    return tmp_path / "b.zip"


def noted_twice_and_deleted(master, tmp_path, **where) -> tuple:
    """A master's one verification two technicians (ra, rb) noted ('note A', 'note B') and
    GIS staff (rg) deleted, merged so (rg first), the two row conflicts then settled taking
    each note in turn, rb's last. ``where``: the technicians' cut (a township). Returns the
    technicians' packages (ra, rb)."""
    from field_kit.sync import masters, package_export
    ra, rb, rg = (tmp_path / f"{d}.gpkg" for d in ("ra", "rb", "rg"))
    for pkg, note in ((ra, "note A"), (rb, "note B")):
        masters.checkout(master, pkg, pkg.stem, **where)
        edit(pkg, "UPDATE patch_verifications SET notes = ?", note)
    masters.checkout(master, rg, "rg", role="gis")
    edit(rg, "DELETE FROM patch_verifications")
    zips = [tmp_path / f"{pkg.stem}.zip" for pkg in (rg, ra, rb)]
    for pkg, out in zip((rg, ra, rb), zips):
        package_export.export(pkg, out)
    masters.merge(master, zips)
    for device in ("ra", "rb"):
        (conflict,) = [c.id for c in masters.conflicts(master) if c.device == device]
        masters.resolve(master, conflict, take="theirs")
    return ra, rb


def add_photo(conn: sqlite3.Connection, record_uuid: str, data: bytes,
              mime: str = "image/jpeg") -> str:
    """Store a photo's bytes in ``attachments`` and add its ``photos`` row; returns the uuid."""
    import hashlib
    digest = hashlib.sha256(data).hexdigest()
    conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                 "VALUES (?, ?, ?, ?)", (digest, data, len(data), mime))
    photo = str(uuidlib.uuid4())
    conn.execute("INSERT INTO photos (uuid, record_uuid, record_table, sha256, file_name, "
                 "mime_type) VALUES (?, ?, 'patch_verifications', ?, 'p.jpg', ?)",
                 (photo, record_uuid, digest, mime))
    return photo


def edit(path, sql: str, *args) -> None:
    """Run one statement on a GeoPackage as a user would (change capture sees it)."""
    from field_kit.db import connect
    conn = connect(path)
    conn.execute(sql, args)
    conn.close()


def verify(path, code: str) -> None:
    """A technician's verification of patch ``code`` in the field package ``path``: restored
    in part (B), by 李四 on 2026-11-30, 50,000 of a measured 60,000 m² treated."""
    edit(path, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on, treated_area_m2, measured_area_m2) SELECT uuid, patch_code, "
         "'B', '李四', '2026-11-30', 50000, 60000 FROM mine_patches WHERE patch_code = ?", code)


def rows(path, sql: str, *args) -> list[tuple]:
    """The rows one query gives of a GeoPackage, read only."""
    from field_kit.db import connect
    with connect(path, readonly=True) as conn:
        return conn.execute(sql, args).fetchall()


def exported_edits(master, tmp, edits, *args) -> list[str]:
    """The change packages of GIS devices, each checked out of ``master`` (a GeoPackage or
    a PostgreSQL one) and given its edit: ``edits`` is (device, SQL) pairs, each SQL run
    with ``args``."""
    from field_kit.sync import masters, package_export
    zips = []
    for device, sql in edits:
        pkg = os.path.join(tmp, f"{device}.gpkg")
        masters.checkout(master, pkg, device, role="gis")
        edit(pkg, sql, *args)
        zips.append(os.path.join(tmp, f"{device}.zip"))
        package_export.export(pkg, zips[-1])
    return zips


def gdal_moves(pkg, layer: str, uuid: str, dx: float) -> None:
    """Move one feature's geometry as QGIS does, through GDAL (which writes the blob's
    envelope for a polygon)."""
    from osgeo import ogr
    ds = ogr.Open(str(pkg), update=1)
    lyr = ds.GetLayerByName(layer)
    lyr.SetAttributeFilter(f"uuid = '{uuid}'")
    f = lyr.GetNextFeature()
    g = f.GetGeometryRef().Clone()
    for i in range(g.GetGeometryCount()):  # each polygon of the multipolygon, each ring
        poly = g.GetGeometryRef(i)
        for j in range(poly.GetGeometryCount()):
            ring = poly.GetGeometryRef(j)
            for k in range(ring.GetPointCount()):
                ring.SetPoint_2D(k, ring.GetX(k) + dx, ring.GetY(k))
    f.SetGeometry(g)
    assert lyr.SetFeature(f) == 0
    ds = None


def gdal_sets(path, layer: str, key: str, key_value, field: str, new) -> None:
    """Change one field of one feature as QGIS saves it, through GDAL, which writes the
    whole row back (the geometry in GDAL's own header and byte order)."""
    from osgeo import ogr
    ds = ogr.Open(os.fspath(path), update=1)
    lyr = ds.GetLayerByName(layer)
    lyr.SetAttributeFilter(f"{key} = '{key_value}'")
    f = lyr.GetNextFeature()
    f.SetField(field, new)
    assert lyr.SetFeature(f) == 0
    ds = None


def big_endian(blob: bytes) -> bytes:
    """The same shape as another writer gives it (PostGIS, SpatiaLite): a big-endian header
    and WKB."""
    from osgeo import ogr

    from field_kit.plan.geometry import blob_wkb
    flags = blob[3]
    order = "<" if flags & 1 else ">"
    env = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    head = b"GP\x00" + bytes([flags & ~1]) + struct.pack(">i", *struct.unpack_from(
        order + "i", blob, 4))
    head += struct.pack(f">{(env - 8) // 8}d", *struct.unpack_from(
        f"{order}{(env - 8) // 8}d", blob, 8))
    return head + bytes(ogr.CreateGeometryFromWkb(blob_wkb(blob)).ExportToIsoWkb(ogr.wkbXDR))


def as_an_earlier_version_captured(conn: sqlite3.Connection) -> None:
    """Give a package the capture an earlier version wrote: triggers and a capture table
    without the random bits of each edit's id and without its row's rowid."""
    for (name, sql) in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = "
                                    "'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
        for now in (", rnd, fid", ", random(), NEW.rowid", ", random(), OLD.rowid"):
            sql = sql.replace(now, "")
        conn.execute(sql)
    conn.execute("ALTER TABLE sync_capture DROP COLUMN rnd")
    conn.execute("ALTER TABLE sync_capture DROP COLUMN fid")
    conn.execute("UPDATE sync_meta SET value = '2' WHERE key = 'capture_version'")


def snapshot(path, tables: Sequence[str] = DEFAULT_TABLES) -> dict:
    """Every row of the tables by uuid (fid left out: it is local), for comparisons."""
    from field_kit.db import connect, file_columns
    conn = connect(path, readonly=True)
    out = {}
    for t in tables:
        cols = [c for c in file_columns(conn, t) if c != "fid"]
        out[t] = {r[0]: r for r in conn.execute(
            f"SELECT {', '.join(cols)} FROM {t} ORDER BY uuid")}
    conn.close()
    return out


def sha256_file(path) -> str:
    import hashlib
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def patch_uuids(path, township: str | None = None, limit: int = 5) -> list[str]:
    from field_kit.db import connect
    conn = connect(path, readonly=True)
    sql, args = "SELECT uuid FROM mine_patches", ()
    if township:
        sql, args = sql + " WHERE township = ?", (township,)
    rows = [r[0] for r in conn.execute(sql + " ORDER BY fid LIMIT ?", args + (limit,))]
    conn.close()
    return rows
