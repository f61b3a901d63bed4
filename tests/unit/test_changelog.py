# SPDX-License-Identifier: GPL-2.0-or-later
"""Change capture: triggers record every edit, whoever makes it; the file stays a GeoPackage."""

import json
import sqlite3
import subprocess
import sys

import pytest

from field_kit.db import connect
from field_kit.plan.geometry import gpkg_blob, multipolygon_wkb
from field_kit.sync import capture_switch, changelog, log_reads, log_values, triggers
from tests.unit.gpkg_factory import make_gpkg

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"


@pytest.fixture
def gpkg(tmp_path):
    return make_gpkg(tmp_path / "plan.gpkg", patches=30, verifications=3)


def changes(conn):
    changelog.seal(conn)
    return [dict(zip(log_reads.CHANGE_COLUMNS, r)) for r in conn.execute(
        f"SELECT {', '.join(log_reads.CHANGE_COLUMNS)} FROM sync_changes ORDER BY seq")]


def test_update_logs_only_changed_fields_with_old_and_new(gpkg):
    conn = connect(gpkg)
    uuid = conn.execute("SELECT uuid FROM mine_patches WHERE fid = 1").fetchone()[0]
    conn.execute("UPDATE mine_patches SET phase = 'treated', mineral = mineral WHERE fid = 1")
    (c,) = changes(conn)
    assert (c["tbl"], c["row_uuid"], c["op"], c["device"], c["origin"]) == (
        "mine_patches", uuid, "update", "master", "local")
    assert json.loads(c["old"]) == {"phase": "planned"}
    assert json.loads(c["new"]) == {"phase": "treated"}
    assert c["at"].endswith("Z") and len(c["at"]) == 24


def test_update_changing_nothing_logs_nothing(gpkg):
    conn = connect(gpkg)
    conn.execute("UPDATE mine_patches SET phase = phase, area_m2 = area_m2")
    assert changes(conn) == []


def test_insert_gets_uuid_and_delete_logs_whole_row(gpkg):
    conn = connect(gpkg)
    conn.execute("INSERT INTO mine_patches (patch_code, township) VALUES ('N1', 'Toksun')")
    uuid = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = 'N1'").fetchone()[0]
    assert len(uuid) == 36 and uuid[14] == "4"
    conn.execute("DELETE FROM mine_patches WHERE patch_code = 'N1'")
    ins, dele = changes(conn)
    assert ins["op"] == "insert" and ins["row_uuid"] == uuid
    assert json.loads(ins["new"])["patch_code"] == "N1" and ins["old"] is None
    assert dele["op"] == "delete" and json.loads(dele["old"])["township"] == "Toksun"
    assert "geom" in json.loads(dele["old"])


def test_geometry_and_reals_round_trip_exactly(gpkg):
    conn = connect(gpkg)
    old_geom = conn.execute("SELECT geom FROM mine_patches WHERE fid = 2").fetchone()[0]
    blob = gpkg_blob(multipolygon_wkb([[[(88.1, 42.6), (88.2, 42.6), (88.2, 42.7),
                                         (88.1, 42.6)]]]))
    x = 0.1 + 0.2  # 0.30000000000000004: needs 17 digits
    conn.execute("UPDATE mine_patches SET geom = ?, area_m2 = ? WHERE fid = 2", (blob, x))
    (c,) = changes(conn)
    new, old = json.loads(c["new"]), json.loads(c["old"])
    assert log_values.decode("geom", new["geom"]) == blob
    assert log_values.decode("geom", old["geom"]) == old_geom
    assert new["area_m2"] == x


def test_capture_can_be_suspended_inside_a_transaction(gpkg):
    conn = connect(gpkg)
    conn.execute("BEGIN")
    with capture_switch.capture_off(conn):
        conn.execute("UPDATE mine_patches SET phase = 'x' WHERE fid = 1")
    conn.execute("UPDATE mine_patches SET phase = 'y' WHERE fid = 1")
    conn.execute("COMMIT")
    assert [json.loads(c["new"]) for c in changes(conn)] == [{"phase": "y"}]


def test_uuid_cannot_change(gpkg):
    conn = connect(gpkg)
    with pytest.raises(sqlite3.IntegrityError, match="identity"):
        conn.execute("UPDATE mine_patches SET uuid = 'x' WHERE fid = 1")


def test_install_is_idempotent_and_fills_missing_uuids(tmp_path):
    path = make_gpkg(tmp_path / "p.gpkg", patches=5, install=False)
    conn = connect(path)
    conn.execute("UPDATE mine_patches SET uuid = NULL WHERE fid = 3")
    conn.close()
    changelog.install(path)
    changelog.install(path)
    conn = connect(path)
    assert conn.execute("SELECT count(*) FROM mine_patches WHERE uuid IS NULL").fetchone()[0] == 0
    assert changes(conn) == []
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                        "AND tbl_name = 'mine_patches'")]
    assert "mine_patches_uuid" in names


def test_seal_gives_each_change_its_own_uuid(gpkg):
    conn = connect(gpkg)
    conn.execute("UPDATE mine_patches SET phase = 'a' WHERE fid < 5")
    changelog.seal(conn)
    ids = [c["change_uuid"] for c in changes(conn)]
    assert len(set(ids)) == 4 and all(len(i) == 36 for i in ids)


def test_edits_by_the_sqlite3_shell_and_ogr_are_captured(gpkg):
    sql = "UPDATE restoration_projects SET mineral = 'coal' WHERE fid = 3"
    subprocess.run(["sqlite3", gpkg, sql], check=True)
    from osgeo import ogr
    ds = ogr.Open(gpkg, 1)
    lyr = ds.GetLayerByName("mine_patches")
    f = lyr.GetFeature(4)
    f.SetField("phase", "ogr")
    lyr.SetFeature(f)
    ds = None
    got = [json.loads(c["new"]) for c in changes(connect(gpkg))]
    assert {"phase": "ogr"} in got
    assert {"mineral": "coal"} in got


def test_the_sqlite3_shell_edits_a_spatially_indexed_layer_with_spatialite(master):
    """GDAL's spatial-index triggers call ST_IsEmpty, which the bare shell lacks: with
    SpatiaLite loaded (as the README says) every edit is captured and the index kept."""
    conn = connect(master)
    first, second = [r[0] for r in conn.execute("SELECT uuid FROM mine_patches ORDER BY fid "
                                                "LIMIT 2")]
    conn.close()
    edit = (f"UPDATE mine_patches SET phase = 'shell' WHERE uuid = '{first}'; "
            "INSERT INTO mine_patches (patch_code, geom) SELECT 'ZJ6504222021999001', geom "
            f"FROM mine_patches WHERE uuid = '{first}'; "
            f"DELETE FROM mine_patches WHERE uuid = '{second}';")
    bare = subprocess.run(["sqlite3", master, edit], capture_output=True, text=True)
    assert bare.returncode != 0 and "ST_IsEmpty" in bare.stderr
    subprocess.run(["sqlite3", "-cmd", ".load mod_spatialite", master, edit], check=True,
                   capture_output=True)
    conn = connect(master)
    got = {(c["op"], c["row_uuid"] if c["op"] != "insert" else json.loads(c["new"])[
        "patch_code"]) for c in changes(conn)}
    assert got == {("update", first), ("insert", "ZJ6504222021999001"), ("delete", second)}
    assert conn.execute("SELECT count(*) FROM mine_patches").fetchone() == conn.execute(
        "SELECT count(*) FROM rtree_mine_patches_geom").fetchone()


def test_file_stays_a_valid_geopackage(gpkg):
    conn = connect(gpkg)
    conn.execute("UPDATE mine_patches SET phase = 'x'")
    conn.execute("INSERT INTO mine_patches (patch_code) VALUES ('n')")
    conn.execute("INSERT INTO attachments (sha256, data, size) VALUES ('ab', x'00', 1)")
    conn.close()
    run = subprocess.run(["/usr/bin/python3", VALIDATOR, "--extra", gpkg],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "" and run.stderr == "", run.stdout + run.stderr


def test_log_and_pending(gpkg):
    conn = connect(gpkg)
    conn.execute("UPDATE mine_patches SET phase = 'a' WHERE fid = 1")
    conn.execute("UPDATE mine_patches SET phase = 'b' WHERE fid = 1")
    assert [json.loads(c["new"])["phase"] for c in log_reads.log(conn)] == ["b", "a"]
    assert log_reads.pending(conn) == 2
    assert sys.version_info >= (3, 9)


def test_edits_waiting_to_be_sealed_are_read_as_they_will_be_logged(gpkg):
    conn = connect(gpkg)
    conn.execute("UPDATE mine_patches SET phase = 'a', area_m2 = 0.1 + 0.2 WHERE fid = 1")
    conn.execute("DELETE FROM mine_patches WHERE fid = 2")
    reader = connect(gpkg, readonly=True)
    waiting = log_reads.log(reader)
    assert [c["change_uuid"] for c in waiting] == [None, None]
    assert log_reads.pending(reader) == 2 and log_reads.last_seq(reader) == waiting[0]["seq"]
    changelog.seal(conn)
    sealed = log_reads.log(reader)
    assert all(len(c["change_uuid"]) == 36 for c in sealed)
    for c in waiting + sealed:
        c["change_uuid"] = None
    assert sealed == waiting
    assert json.loads(sealed[1]["new"]) == {"phase": "a", "area_m2": 0.1 + 0.2}
    assert reader.execute("SELECT count(*) FROM sync_capture").fetchone()[0] == 0


def test_install_again_seals_what_the_old_triggers_captured(gpkg):
    conn = connect(gpkg)
    conn.execute("UPDATE mine_patches SET phase = 'before' WHERE fid = 1")
    changelog.install(conn)
    conn.execute("UPDATE mine_patches SET phase = 'after' WHERE fid = 1")
    assert [json.loads(c["new"]) for c in changes(conn)] == [{"phase": "before"},
                                                            {"phase": "after"}]


def test_a_file_from_before_the_capture_table_is_brought_up_to_date(gpkg):
    conn = connect(gpkg)
    # as the earlier triggers left it: JSON logged directly, no change UUID, no capture table
    for t in ("mine_patches", "patch_verifications"):
        for suffix in triggers.TRIGGER_SUFFIXES:
            conn.execute(f'DROP TRIGGER "sync_{t}_{suffix}"')
    conn.execute("DROP TABLE sync_capture")
    conn.execute("INSERT INTO sync_changes (tbl, row_uuid, op, old, new, device, at) VALUES "
                 "('mine_patches', 'r1', 'update', '{\"phase\":\"a\"}', '{\"phase\":\"b\"}', "
                 "'master', '2025-01-01T00:00:00.000Z')")
    reader = connect(gpkg, readonly=True)
    assert log_reads.pending(reader) == 1 and len(log_reads.log(reader)) == 1
    changelog.seal(conn)
    conn.execute("UPDATE mine_patches SET phase = 'c' WHERE fid = 1")
    logged = changes(conn)
    assert len(logged) == 2 and all(len(c["change_uuid"]) == 36 for c in logged)
    assert json.loads(logged[1]["new"]) == {"phase": "c"}
