# SPDX-License-Identifier: GPL-2.0-or-later
"""Layers and columns a GIS package adds to a PostgreSQL master: made there as wide as GDAL
and QGIS read them, so the database refuses what no package can hold; names PostgreSQL
would cut short refused by name, before anything is written."""

import subprocess

import psycopg2
import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync.postgis import address, publish, template
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, cli_json, export, in_gpkg, value
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

# what GDAL writes for each field type, with the PostgreSQL type it is made as
CSVT = {"name": "String", "n32": "Integer", "n16": "Integer(Int16)", "n64": "Integer64",
        "f32": "Real(Float32)", "f64": "Real", "ok": "Integer(Boolean)"}
MADE_AS = {"n32": ("MEDIUMINT", "integer"), "n16": ("SMALLINT", "smallint"),
           "n64": ("INTEGER", "bigint"), "f32": ("FLOAT", "double precision"),
           "f64": ("REAL", "double precision"), "ok": ("BOOLEAN", "boolean")}
LONG = "土地复垦" * 5 + "图层"  # 22 Chinese characters: 66 bytes


@pytest.fixture
def master(database, tmp_path):
    src = make_gpkg(tmp_path / "src.gpkg", patches=6)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def ogr2ogr_layer(pkg, tmp, name="wells"):
    """A layer written into ``pkg`` by ogr2ogr, as a GIS user loads one."""
    (tmp / "wells.csv").write_text(f"{','.join(CSVT)},lon,lat\n"
                                   "w1,7,3,9,0.5,0.25,1,88.70,42.85\n")
    (tmp / "wells.csvt").write_text(",".join([*CSVT.values(), "Real", "Real"]) + "\n")
    subprocess.run(["ogr2ogr", "-update", str(pkg), str(tmp / "wells.csv"), "-f", "GPKG",
                    "-nln", name, "-a_srs", "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon",
                    "-oo", "Y_POSSIBLE_NAMES=lat"], check=True)


def add_field(pkg, table, name):
    """A whole-number field added as QGIS's Add Field does (through GDAL: MEDIUMINT)."""
    from osgeo import ogr
    ds = ogr.Open(str(pkg), 1)
    assert ds.GetLayerByName(table).CreateField(ogr.FieldDefn(name, ogr.OFTInteger)) == 0
    ds = None


def read_by_gdal(pkg, table, field):
    from osgeo import ogr
    ds = ogr.Open(str(pkg))
    got = [f.GetField(field) for f in ds.GetLayerByName(table)]
    ds = None
    return got


def pg_types(database, table):
    return dict(rows(database, "SELECT column_name, data_type FROM information_schema.columns "
                     "WHERE table_schema = 'toksun' AND table_name = %s", table))


def test_a_gis_packages_whole_numbers_are_made_as_wide_as_gdal_reads_them(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "gis-a")
    other = checkout(database, tmp, "gis-b")
    ogr2ogr_layer(pkg, tmp)
    add_field(pkg, "mine_patches", "visits")
    edit(pkg, "UPDATE mine_patches SET visits = 4 WHERE uuid = ?", u)
    assert main(["merge", database, export(pkg, tmp)]) == 0
    from field_kit.db import connect
    with connect(pkg, readonly=True) as c:
        declared = {r[1]: r[2] for r in c.execute("PRAGMA table_info(wells)")}
    assert {c: declared[c] for c in MADE_AS} == {c: d for c, (d, _) in MADE_AS.items()}
    assert {c: t for c, t in pg_types(database, "wells").items() if c in MADE_AS} == \
        {c: t for c, (_, t) in MADE_AS.items()}
    assert pg_types(database, "mine_patches")["visits"] == "integer"
    # the database refuses, by name, a value no package can hold as GDAL reads it
    for sql in ("UPDATE wells SET n32 = 5000000000", "UPDATE wells SET n16 = 40000",
                "UPDATE mine_patches SET visits = 5000000000"):
        with pytest.raises(psycopg2.DataError, match="out of range"):
            rows(database, sql)
    rows(database, "UPDATE wells SET n32 = 2147483647, n64 = 5000000000")
    assert main(["pull", str(other), database]) == 0
    assert read_by_gdal(other, "wells", "n32") == [2147483647]
    assert read_by_gdal(other, "wells", "n64") == [5000000000]
    assert read_by_gdal(other, "mine_patches", "visits").count(4) == 1
    # a package holding such values all the same (written by another tool) is refused,
    # each value named
    edit(other, "UPDATE wells SET n32 = 5000000000, n16 = 40000")
    code, rep = cli_json(capsys, "merge", database, export(other, tmp))
    assert code != 0
    (reason,) = [o["reason"] for m in rep["merges"] for o in m["outcomes"]]
    assert reason.startswith(
        'n32: the database cannot take it: value "5000000000" is out of range for type '
        'integer; n16: the database cannot take it: value "40000" is out of range for type '
        "smallint"), reason
    from field_kit.messages_zh import chinese
    zh = chinese(reason)
    assert "n32：数据库不接受此值" in zh and "；n16：数据库不接受此值" in zh, zh
    assert value(database, "SELECT n32 FROM wells") == 2147483647


def test_a_pull_from_an_earlier_master_names_a_value_its_package_cannot_hold(master, capsys):
    """A master made before GeoPackage's narrower whole numbers were told apart holds a
    MEDIUMINT as bigint: a value beyond 32 bits written there is named at pull, not brought
    for QGIS to read wrapped (5000000000 as 705032704) and save back so."""
    database, src, tmp = master
    pkg = checkout(database, tmp, "gis-a")
    other = checkout(database, tmp, "gis-b")
    late = checkout(database, tmp, "gis-c")  # its first pull brings the layer whole
    ogr2ogr_layer(pkg, tmp)
    assert main(["merge", database, export(pkg, tmp)]) == 0
    # as an earlier version made it: bigint, its capture recording bigint
    rows(database, "ALTER TABLE wells ALTER COLUMN n32 TYPE bigint")
    rows(database, "ALTER TABLE wells ALTER COLUMN n16 TYPE bigint")
    pg = address.connect(database)
    with template.opened(pg) as conn, pg.cursor() as cur:
        publish.install_triggers(cur, conn, ["wells"])
    pg.commit()
    pg.close()
    assert main(["status", database]) == 0
    assert main(["pull", str(other), database]) == 0
    rows(database, "UPDATE wells SET n32 = 5000000000, n16 = 70000")
    # a checkout carries them as the master holds them, and names them
    capsys.readouterr()
    assert main(["checkout", database, str(tmp / "fresh.gpkg"), "--device", "fresh",
                 "--role", "gis"]) == 0
    said = capsys.readouterr().err
    assert "wells.n32 holds 5000000000 (row " in said and "beyond what its MEDIUMINT " \
        "column holds as GDAL and QGIS read it (-2147483648 to 2147483647)" in said, said
    assert "wells.n16 holds 70000 (row " in said, said
    for package in (other, late):
        capsys.readouterr()
        assert main(["pull", str(package), database]) == errors.REFUSED
        said = capsys.readouterr().err
        assert "wells.n32 of row" in said and "the master holds 5000000000" in said, said
        assert "change the values in PostgreSQL" in said and "toksun-stage" not in said
        assert "MEDIUMINT column holds as GDAL and QGIS read it (-2147483648 to " \
            "2147483647)" in said
        # every value at once, not the first alone
        assert "wells.n16 of row" in said and "the master holds 70000" in said, said
    assert read_by_gdal(other, "wells", "n32") == [7]  # nothing pulled
    assert in_gpkg(late, "SELECT count(*) FROM sqlite_master WHERE name = 'wells'") == 0
    rows(database, "UPDATE wells SET n32 = 8, n16 = 9")
    assert main(["pull", str(other), database]) == 0
    assert read_by_gdal(other, "wells", "n32") == [8]


def test_a_name_postgres_would_cut_short_is_refused_with_its_package(master, capsys):
    """A layer or column named longer than PostgreSQL's 63 bytes (22 Chinese characters are
    66) is refused with the package that adds it, naming it and the limit; the other
    packages of the merge go in and every command goes on working."""
    database, src, tmp = master
    u = patch_uuids(src)[:2]
    layer = checkout(database, tmp, "gis-a")
    column = checkout(database, tmp, "gis-b")
    fine = checkout(database, tmp, "gis-c")
    ogr2ogr_layer(layer, tmp, name=LONG)
    add_field(column, "mine_patches", "复垦" * 11)
    edit(column, "UPDATE mine_patches SET phase = 'p7' WHERE uuid = ?", u[0])
    before = value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u[0])
    edit(fine, "UPDATE mine_patches SET phase = 'p8' WHERE uuid = ?", u[1])
    code, rep = cli_json(capsys, "merge", database, export(layer, tmp), export(column, tmp),
                         export(fine, tmp))
    assert code == errors.REFUSED, rep
    reasons = [r["reason"] for r in rep["refused"]]
    assert len(reasons) == 2
    assert f"layer {LONG} cannot be added to the master: its name is 66 bytes long, " \
        "longer than the 63 bytes a PostgreSQL master holds in a name" in reasons[0]
    assert f"column {'复垦' * 11} of mine_patches cannot be added to the master: its name " \
        "is 66 bytes long" in reasons[1]
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u[0]) == before
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u[1]) == "p8"
    assert value(database, "SELECT count(*) FROM information_schema.columns WHERE "
                 "table_schema = 'toksun' AND (table_name LIKE '土地%%' OR column_name "
                 "LIKE '复垦%%')") == 0
    assert main(["status", database]) == 0
    assert in_gpkg(layer, "SELECT count(*) FROM sqlite_master WHERE name = ?", LONG) == 1


def test_init_from_a_geopackage_with_a_name_postgres_would_cut_short_is_refused(database,
                                                                                 tmp_path,
                                                                                 capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=2)
    ogr2ogr_layer(src, tmp_path, name=LONG)
    capsys.readouterr()
    assert main(["init", database, "--from", src]) != 0
    said = capsys.readouterr().err
    assert f"layer {LONG} (66 bytes)" in said and "63 bytes" in said
    assert value(database, "SELECT to_regclass('toksun.sync_state')") is None
