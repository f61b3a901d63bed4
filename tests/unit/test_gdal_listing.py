# SPDX-License-Identifier: GPL-2.0-or-later
"""What GDAL, and so QGIS's Browser, lists of a county's file once the toolkit tracks it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from osgeo import gdal, ogr

from field_kit.messages_zh import chinese
from field_kit.sync import changelog, package_checkout, registry
from tests.unit.gpkg_factory import make_gdal_layer, make_gpkg
from tests.unit.test_changelog import VALIDATOR

ogr.UseExceptions()


def listed(path) -> list[str]:
    ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


def valid(path) -> None:
    out = subprocess.run([sys.executable, VALIDATOR, "--extra", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_county_file_of_layers_alone_lists_its_layers_not_the_sync_tables(tmp_path):
    """GDAL lists every table of a file that registers no attribute table: the sync's own
    tables stood beside the county's layer in QGIS's Browser. They are left out now, in the
    master and in its field packages; a layer added later is listed."""
    master = make_gdal_layer(tmp_path / "county.gpkg", 20)
    assert listed(master) == ["forest_stands"]
    changelog.install(master)
    assert listed(master) == ["forest_stands"]
    valid(master)
    pkg = tmp_path / "dev.gpkg"
    package_checkout.checkout(master, pkg, "dev", role="gis")
    assert listed(pkg) == ["forest_stands"]
    ds = gdal.OpenEx(master, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.CreateLayer("springs", ds.GetLayer(0).GetSpatialRef(), ogr.wkbPoint)
    ds = None
    assert listed(master) == ["forest_stands", "springs"]
    # (the layers open by name as before)
    assert gdal.OpenEx(str(pkg), gdal.OF_VECTOR).GetLayerByName("forest_stands").GetFeatureCount() \
        == 20


def test_a_table_of_the_users_own_left_unregistered_stays_listed_and_is_said_so(tmp_path):
    """A table made by SQL, which gpkg_contents does not register, is listed by GDAL in such a
    file: it stays listed (hiding it would take it from QGIS), and what init says of it is
    true of this file."""
    master = make_gdal_layer(tmp_path / "county.gpkg", 5)
    with sqlite3.connect(master) as conn:
        conn.execute("CREATE TABLE lookup (id INTEGER PRIMARY KEY, label TEXT)")
    changelog.install(master)
    assert "lookup" in listed(master)
    with sqlite3.connect(master) as conn:
        why = registry.unlisted(conn)["lookup"]
    assert "QGIS and GDAL show it in this file, but its edits are not tracked" in why, why
    assert "此文件中 QGIS 和 GDAL 会显示它，但对它的修改不会被跟踪" in chinese(why)


def test_the_plans_file_is_listed_as_before(tmp_path):
    """A file registering attribute tables: GDAL lists the registered ones alone already,
    and the toolkit adds nothing."""
    path = make_gpkg(tmp_path / "plan.gpkg", patches=3)
    before = listed(path)
    changelog.install(path)
    assert listed(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM gpkg_extensions WHERE extension_name = "
                            "'gdal_aspatial'").fetchone() == (0,)
