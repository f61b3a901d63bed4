# SPDX-License-Identifier: GPL-2.0-or-later
"""A feature split off another or pasted into its own layer gets a row identity of its own.

QGIS gives such a feature its original's uuid with ``_1`` after it: every copy of the file
makes the same for the same feature, so two devices splitting one patch would send two new
rows under one uuid, and the merge would keep one of them."""

from __future__ import annotations

import re

from field_kit.db import connect
from field_kit.sync import audit, changelog, merge, package_export
from tests.unit.gpkg_factory import edit

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")

# a part split off the patch, as QGIS writes it: the patch's values, its uuid with "_1"
SPLIT = ("INSERT INTO mine_patches (uuid, patch_code, township, phase, area_m2, geom) "
         "SELECT uuid || '_1', ?, township, phase, area_m2 / 2, geom FROM mine_patches "
         "WHERE fid = 1")


def _rows(path, codes):
    conn = connect(path)
    try:
        return conn.execute("SELECT patch_code, uuid FROM mine_patches WHERE patch_code IN "
                            f"({', '.join('?' * len(codes))}) ORDER BY patch_code", codes
                            ).fetchall()
    finally:
        conn.close()


def test_a_part_split_off_on_two_devices_reaches_the_master_twice(setup):
    master, a, b, tmp = setup
    conn = connect(master)
    patch = conn.execute("SELECT uuid FROM mine_patches WHERE fid = 1").fetchone()[0]
    conn.close()
    zips = []
    for pkg, code in ((a, "SPLIT-A"), (b, "SPLIT-B")):
        edit(pkg, SPLIT, code)
        (got,) = _rows(pkg, [code])
        assert UUID.fullmatch(got[1]) and got[1] != patch + "_1"
        zips.append(str(tmp / f"{code}.zip"))
        package_export.export(pkg, zips[-1])
    report = merge.merge(master, zips)
    assert not report.refused and [r.conflicts for r in report.results] == [0, 0], report
    rows = _rows(master, ["SPLIT-A", "SPLIT-B"])
    assert [r[0] for r in rows] == ["SPLIT-A", "SPLIT-B"]
    assert rows[0][1] != rows[1][1]
    # the patch's own history holds none of the parts' inserts
    assert all(c["op"] != "insert" for c in audit.history(master, patch))


def test_a_row_pasted_into_its_own_layer_gets_a_uuid(tmp_path):
    from tests.unit.gpkg_factory import make_gpkg
    path = make_gpkg(tmp_path / "plan.gpkg", patches=3)
    edit(path, SPLIT, "PASTED")
    (row,) = _rows(path, ["PASTED"])
    assert UUID.fullmatch(row[1])
    conn = connect(path)
    changelog.seal(conn)
    assert conn.execute("SELECT row_uuid, op FROM sync_changes").fetchall() == [
        (row[1], "insert")]
    conn.close()


def test_a_uuid_stays_a_rows_identity(tmp_path):
    import sqlite3

    import pytest

    from tests.unit.gpkg_factory import make_gpkg
    path = make_gpkg(tmp_path / "plan.gpkg", patches=3)
    conn = connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="identity"):
        conn.execute("UPDATE mine_patches SET uuid = uuid || '_2' WHERE fid = 1")
    conn.close()


def test_a_uuid_a_tool_writes_in_a_form_of_its_own_is_kept(tmp_path):
    """Only QGIS's copy of a uuid is renewed: an ArcGIS GlobalID in braces, or a county's own
    id, written into the uuid column is the row's, and its later edits go under it."""
    from tests.unit.gpkg_factory import make_gpkg
    path = make_gpkg(tmp_path / "plan.gpkg", patches=3)
    own = ("{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "TKX-2024-0007")
    for n, uuid in enumerate(own):
        edit(path, "INSERT INTO mine_patches (uuid, patch_code, township, phase, area_m2, geom) "
                   "SELECT ?, ?, township, phase, area_m2, geom FROM mine_patches WHERE fid = 1",
             uuid, f"OWN-{n}")
    assert [u for _, u in _rows(path, ["OWN-0", "OWN-1"])] == list(own)
    edit(path, "UPDATE mine_patches SET area_m2 = 5 WHERE patch_code = 'OWN-1'")
    conn = connect(path)
    changelog.seal(conn)
    assert conn.execute("SELECT row_uuid, op FROM sync_changes ORDER BY seq").fetchall() == [
        (own[0], "insert"), (own[1], "insert"), (own[1], "update")]
    conn.close()
