# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's GeoPackage whose child table refers to its parent layer by fid (a foreign key,
as the sqlite3 shell or a county's script declares one): each copy numbers fid for itself,
so a parent a field package inserts is another fid in the master and its children, written
in the package, refer to another row there without an error. init and status say so, as of
a PostgreSQL master; a reference by uuid is not named."""

from __future__ import annotations

import json
import sqlite3
import struct

from field_kit import errors
from tests.unit.cli_run import cli

SAID = ("warning: well_checks.well_fid refers to wells.fid, a key each copy numbers for "
        "itself: a row a field package inserts into wells gets another fid in the master, so "
        "the package's well_checks rows that refer to it by fid refer to another row or none "
        "after the merge, without an error; refer to rows by uuid")


def county(path) -> None:
    point = b"GP\x00\x01" + struct.pack("<i", 4490) + struct.pack("<BIdd", 1, 1, 88.7, 42.9)
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA application_id = 1196444487")
        c.executescript("""
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY
              KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
              definition TEXT NOT NULL, description TEXT);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('China Geodetic Coordinate System 2000',
              4490, 'EPSG', 4490, 'GEOGCS["China Geodetic Coordinate System 2000"]', NULL);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT
              NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change
              DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE,
              min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT
              NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT
              NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name,
              column_name));
            CREATE TABLE wells (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, name TEXT);
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
              VALUES ('wells', 'features', 'wells', 4490);
            INSERT INTO gpkg_geometry_columns VALUES ('wells', 'geom', 'POINT', 4490, 0, 0);
            CREATE TABLE well_checks (fid INTEGER PRIMARY KEY, well_fid INTEGER NOT NULL
              REFERENCES wells(fid) ON DELETE CASCADE, checked DATE);
            INSERT INTO gpkg_contents (table_name, data_type, identifier)
              VALUES ('well_checks', 'attributes', 'well_checks');
            CREATE TABLE well_notes (fid INTEGER PRIMARY KEY, well_uuid TEXT REFERENCES
              wells(uuid), note TEXT);
            INSERT INTO gpkg_contents (table_name, data_type, identifier)
              VALUES ('well_notes', 'attributes', 'well_notes');
            """)
        c.execute("INSERT INTO wells (geom, name) VALUES (?, '井1')", (point,))
        c.execute("INSERT INTO well_checks (well_fid, checked) VALUES (1, '2026-05-01')")


def test_init_and_status_name_a_reference_by_fid_between_tracked_layers(tmp_path, capsys):
    gpkg = tmp_path / "county.gpkg"
    county(gpkg)
    code, out, err = cli(capsys, "init", gpkg)
    assert code == errors.OK, out + err
    assert "tracked: well_checks" in out
    assert f"field-kit: {SAID}" in err.splitlines()
    code, out, _ = cli(capsys, "status", gpkg)
    assert code == errors.OK
    assert SAID in out.splitlines()
    assert "well_notes" not in out  # (by uuid: the same row in every copy)
    code, out, _ = cli(capsys, "status", gpkg, "--json")
    assert json.loads(out)["key_references"] == [SAID.removeprefix("warning: ")]
