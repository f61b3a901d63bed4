# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer of the county's own rewritten in a PostgreSQL master by ``ogr2ogr -overwrite``
(dropped and made again, without its uuids), as on a GeoPackage master: repair tracks it
again as it is now and records the rewrite; a package checked out before has its edits of
the earlier rows refused naming the rewrite, and its next pull brings the layer as the
master holds it, naming those edits, never sent again; one checked out after is left as it
is."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import make_gpkg, rows
from tests.unit.test_layer_rewritten_in_master import (
    fk,
    ogr,
    ogrsql,
    refused_then_pulled,
    rewrite_in_history,
    wells,
)

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

def in_gdal(database: str) -> str:
    """The master's address as GDAL takes it."""
    return "PG:" + database.replace("schema=", "active_schema=")


def overwrite(database, tmp_path, source) -> None:
    """泉眼 loaded again into the master as GIS staff do, over the layer there."""
    ogr("-overwrite", "-f", "PostgreSQL", in_gdal(database), source, "-nln", "泉眼")


def columns(database) -> list[str]:
    return [c for (c,) in query(database, "SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = 'toksun' AND table_name = '泉眼'")]


@pytest.fixture
def published(database, tmp_path, monkeypatch):
    """A master in PostgreSQL with a layer of the county's own, 泉眼, and g.gpkg checked out
    of it; the user's locale Chinese."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    src, pkg = tmp_path / "src.gpkg", tmp_path / "g.gpkg"
    make_gpkg(src, patches=2)
    ogr("-f", "GPKG", "-update", src,
        wells(tmp_path / "w.geojson", ("泉1", 1.5, 88.6), ("泉2", 2.5, 88.65)), "-nln", "泉眼")
    assert fk("init", database, "--from", src) == errors.OK
    assert fk("checkout", database, pkg, "--device", "gis-1", "--role", "gis") == errors.OK
    return database, pkg


@pytest.fixture
def rewritten(published, tmp_path, capsys):
    """泉眼 rewritten from a GeoPackage (its fid and geom kept) and repaired after g.gpkg was
    checked out; the package's edit of 泉2 made before it knew."""
    database, pkg = published
    again = tmp_path / "w2.gpkg"
    ogr("-f", "GPKG", again, wells(tmp_path / "w2.geojson", ("泉1改", 1.5, 88.6),
                                   ("泉2", 3.5, 88.65)), "-nln", "泉眼")
    overwrite(database, tmp_path, again)
    assert "uuid" not in columns(database)
    capsys.readouterr()
    assert fk("status", database) == errors.CAPTURE_BROKEN
    assert fk("repair", database) == errors.OK
    out = capsys.readouterr().out
    assert "泉眼: rewritten in the master: its rows are new to the sync; field packages " \
           "checked out before take it whole" in out, out
    assert "泉眼：已在主库中被重写" in out, out
    assert "no longer tracked" not in out, out
    assert fk("status", database) == errors.OK
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    return database, pkg


def test_a_merge_names_the_rewrite_and_the_pull_brings_the_layer_as_the_master_holds_it(
        tmp_path, capsys, rewritten):
    database, pkg = rewritten
    merged = refused_then_pulled(database, pkg, tmp_path, capsys)
    assert "is not in the master" not in merged, merged
    held = rows(pkg, "SELECT uuid, name, flow FROM 泉眼 ORDER BY name")
    assert held == [tuple(r) for r in query(database, "SELECT uuid, name, flow FROM 泉眼 "
                                                      "ORDER BY name")]
    assert [r[1:] for r in held] == [("泉1改", 1.5), ("泉2", 3.5)]
    # nothing goes again, nothing is said again
    assert fk("export", pkg, tmp_path / "g2.zip") == errors.OK
    assert not (tmp_path / "g2.zip").exists()
    assert fk("pull", pkg, database) == errors.OK
    assert "泉2" not in capsys.readouterr().out
    # an edit of the layer as it is now reaches the master
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    assert fk("export", pkg, tmp_path / "g3.zip") == errors.OK
    assert fk("merge", database, tmp_path / "g3.zip") == errors.OK
    assert query(database, "SELECT flow FROM 泉眼 WHERE name = '泉2'") == [(9.9,)]


def test_a_package_checked_out_after_the_rewrite_is_left_as_it_is(tmp_path, capsys, rewritten):
    database, _ = rewritten
    after = tmp_path / "h.gpkg"
    assert fk("checkout", database, after, "--device", "gis-2", "--role", "gis") == errors.OK
    ogrsql(after, "UPDATE 泉眼 SET flow = 8.8 WHERE name = '泉2'")
    capsys.readouterr()
    assert fk("pull", after, database) == errors.OK
    assert "rewritten" not in capsys.readouterr().out
    assert fk("export", after, tmp_path / "h1.zip") == errors.OK
    assert fk("merge", database, tmp_path / "h1.zip") == errors.OK
    assert query(database, "SELECT flow FROM 泉眼 WHERE name = '泉2'") == [(8.8,)]


def test_a_layer_rewritten_under_gdals_own_column_names_gets_no_column_back_at_merge(
        tmp_path, capsys, published):
    """From a GeoJSON file GDAL names the key ogc_fid and the geometry wkb_geometry: the
    layer's geometry is the same under another name, named by repair; a package checked out
    before keeps its own geom, which its pull fills with the master's shapes (no column
    wkb_geometry beside it), and its edits of shapes go to wkb_geometry."""
    database, pkg = published
    overwrite(database, tmp_path, wells(tmp_path / "w2.geojson", ("泉1改", 1.5, 88.6),
                                        ("泉2", 3.5, 88.7)))
    assert {"ogc_fid", "wkb_geometry"} <= set(columns(database))
    capsys.readouterr()
    assert fk("repair", database) == errors.OK
    out = capsys.readouterr().out
    assert "泉眼: rewritten in the master" in out, out
    assert "泉眼: its geometry column geom is named wkb_geometry now, as the master holds it: " \
           "field packages checked out before keep theirs as geom; their pull brings the " \
           "master's shapes into it, and their edits of shapes go to wkb_geometry" in out, out
    assert "泉眼：几何字段 geom 现名 wkb_geometry（以主库现状为准）" in out, out
    assert "no longer tracked" not in out and "cannot vouch" not in out, out
    assert "column fid" not in out, out  # (its key: the rows are new)
    assert fk("status", database) == errors.OK
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    assert fk("export", pkg, tmp_path / "g1.zip") == errors.OK
    assert fk("merge", database, tmp_path / "g1.zip") == errors.REFUSED
    out = capsys.readouterr().out
    assert "泉眼 was rewritten in the master on" in out and "added to the master" not in out, out
    assert "geom" not in columns(database)
    # the pull: the master's shapes in the package's own geom, nothing beside it
    assert fk("pull", pkg, database) == errors.OK
    out = capsys.readouterr().out
    assert "wkb_geometry" not in out and "not brought" not in out, out
    assert "wkb_geometry" not in [r[1] for r in rows(pkg, "PRAGMA table_info(泉眼)")]
    assert rows(pkg, "SELECT name FROM 泉眼 WHERE geom IS NOT NULL ORDER BY name") == [
        ("泉1改",), ("泉2",)]
    listing = subprocess.run(["ogrinfo", "-al", str(pkg), "泉眼"], check=True,
                             capture_output=True, text=True).stdout
    assert "Geometry Column = geom" in listing and "Feature Count: 2" in listing, listing
    assert "POINT (88.6 42.8)" in listing and "POINT (88.7 42.8)" in listing, listing
    assert rows(pkg, "SELECT count(*) FROM rtree_泉眼_geom WHERE minx > 88.65") == [(1,)]
    # a shape moved in the package goes into the master's wkb_geometry
    ogrsql(pkg, "UPDATE 泉眼 SET geom = (SELECT geom FROM 泉眼 WHERE name = '泉1改') "
                "WHERE name = '泉2'")
    assert fk("export", pkg, tmp_path / "g2.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", database, tmp_path / "g2.zip") == errors.OK
    assert "refused 0" in capsys.readouterr().out
    assert query(database, "SELECT name, ST_AsText(wkb_geometry) FROM 泉眼 ORDER BY name") == [
        ("泉1改", "POINT(88.6 42.8)"), ("泉2", "POINT(88.6 42.8)")]
    assert "geom" not in columns(database)


def test_a_layer_rewritten_in_another_spatial_reference_is_said_by_repair(
        tmp_path, capsys, published):
    """Rewritten under wkb_geometry in another SRID: repair names both, and cannot vouch for
    the shapes of the packages checked out before."""
    database, pkg = published
    source = wells(tmp_path / "w2.geojson", ("泉1改", 1.5, 88.6), ("泉2", 3.5, 88.7))
    ogr("-overwrite", "-f", "PostgreSQL", in_gdal(database), source, "-nln", "泉眼",
        "-t_srs", "EPSG:4326")
    capsys.readouterr()
    assert fk("repair", database) == errors.REFUSED
    out = capsys.readouterr().out
    assert "cannot vouch for 泉眼.geom: its shapes are in wkb_geometry now, in SRID 4326 " \
           "(SRID 4490 before): field packages checked out before hold them in the other: " \
           "check them out again" in out, out
    assert "泉眼.geom：其图形现在位于 wkb_geometry，SRID 为 4326（此前为 SRID 4490）" in out, out
    assert fk("pull", pkg, database) == errors.OK
    out = capsys.readouterr().out
    assert "泉眼: the master's shapes of it are not brought, geom left empty: the master holds " \
           "them in EPSG:4326" in out, out
    assert "wkb_geometry" not in [r[1] for r in rows(pkg, "PRAGMA table_info(泉眼)")]


def test_history_says_the_rewrite_as_on_a_geopackage_master(tmp_path, capsys, rewritten):
    """history of a row of the layer rewritten says it got its uuid at the rewrite's repair,
    and of a row of the layer before it that it is not there since, in text and in JSON, as
    on a GeoPackage master (it said nothing of the rewrite: the rows' inserts repair logged
    read as rows held before capture, nothing more)."""
    database, pkg = rewritten
    old = rows(pkg, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    new = query(database, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    rewrite_in_history(capsys, database, old, new, lambda sql: query(database, sql),
                       lambda sql: query(database, sql))
