# SPDX-License-Identifier: GPL-2.0-or-later
"""A feature pasted from a plan layer into a county's own layer gets an identity of its own
at export. QGIS's Paste Features copies every field, the uuid too: two devices pasting one
patch would send two new rows under one uuid, the merge would keep one of them, and the
patch's history would list the pasted rows as its own."""

from __future__ import annotations

import pytest

from field_kit.db import connect
from field_kit.sync import audit, merge, package_checkout, package_export
from tests.unit.gpkg_factory import edit, make_gpkg, rows

osgeo = pytest.importorskip("osgeo")

# a patch pasted into survey_areas, as QGIS writes it: its uuid and shape copied
PASTE = ("INSERT INTO survey_areas (uuid, patch_code, note, geom) SELECT uuid, patch_code, ?, "
         "geom FROM mine_patches WHERE fid = 1")


def survey_areas(path) -> None:
    """The county's own layer of survey areas, as GDAL adds it to the master."""
    from osgeo import ogr, osr
    ogr.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds = ogr.Open(str(path), 1)
    layer = ds.CreateLayer("survey_areas", srs, ogr.wkbMultiPolygon, ["GEOMETRY_NAME=geom"])
    for name in ("patch_code", "note"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    ds = None


def test_a_patch_pasted_on_two_devices_reaches_the_master_twice(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5)
    survey_areas(master)
    conn = connect(master)  # (the new layer tracked, as any command adopts it)
    patch = conn.execute("SELECT uuid FROM mine_patches WHERE fid = 1").fetchone()[0]
    conn.close()
    zips, said = [], []
    for device, note in (("tab-a", "survey area A"), ("tab-b", "survey area B")):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, role="gis")
        edit(pkg, PASTE, note)
        edit(pkg, "UPDATE survey_areas SET note = note || '.' WHERE note = ?", note)
        zips.append(str(tmp_path / f"{device}.zip"))
        man = package_export.export(pkg, zips[-1])
        (line,) = man["pasted"]
        said.append(line)
        (got,) = rows(pkg, "SELECT uuid FROM survey_areas")
        assert got[0] != patch and got[0] in line.en and got[0] in line.zh
        assert "given an identity of its own" in line.en and "历史遗留矿山图斑" in line.zh
        # its logged changes follow it; none under the patch's uuid but the patch's own
        assert rows(pkg, "SELECT DISTINCT tbl FROM sync_changes WHERE row_uuid = ?",
                    patch) == []
        assert rows(pkg, "SELECT op FROM sync_changes WHERE row_uuid = ? ORDER BY seq",
                    got[0]) == [("insert",), ("update",)]
    assert said[0].en != said[1].en
    report = merge.merge(master, zips)
    assert not report.refused and [r.conflicts for r in report.results] == [0, 0], report
    got = rows(master, "SELECT uuid, note FROM survey_areas ORDER BY note")
    assert [n for _, n in got] == ["survey area A.", "survey area B."]
    assert got[0][0] != got[1][0] and patch not in (got[0][0], got[1][0])
    # the patch's history holds the patch's changes only
    assert all(c["tbl"] == "mine_patches" for c in audit.history(master, patch))


def test_an_export_refused_leaves_the_pasted_feature_as_it_was(tmp_path):
    from field_kit.errors import Refused
    master = make_gpkg(tmp_path / "master.gpkg", patches=5)
    survey_areas(master)
    pkg = tmp_path / "tab-a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, PASTE, "survey area A")
    # the patch pasted into its own layer too, keeping its code: the export is refused whole
    edit(pkg, "INSERT INTO mine_patches (patch_code, township, phase, area_m2, geom) SELECT "
         "patch_code, township, phase, area_m2, geom FROM mine_patches WHERE fid = 1")
    before = rows(pkg, "SELECT tbl, row_uuid, op FROM sync_changes ORDER BY seq")
    with pytest.raises(Refused):
        package_export.export(pkg, tmp_path / "a.zip")
    assert rows(pkg, "SELECT uuid FROM survey_areas") == rows(
        pkg, "SELECT uuid FROM mine_patches WHERE fid = 1")
    assert rows(pkg, "SELECT tbl, row_uuid, op FROM sync_changes ORDER BY seq") == before
    assert not (tmp_path / "a.zip").exists()
