# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's shape written in a PostgreSQL master outside QGIS (psql, a GDAL script) gets
its area and centre from the next command that reads or sends the master's data: progress
counts the new area, a pull brings it; logged like any edit. An area written with the shape
is kept."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.plan import geometry
from field_kit.plan.derived import derived_values
from tests.postgis.cluster import BINDIR
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import changes_json, checkout
from tests.unit.test_area_follows_shape import DERIVED
from tests.unit.test_progress import photo_file, verify
from tests.unit.test_shape_edited_in_the_master import CODE, SAID, by_gdal
from tests.unit.test_shape_edited_in_the_master import square as square_blob


def square(lon: float, lat: float, d: float) -> bytes:
    """A square's WKB, as psql and GDAL take it."""
    return geometry.blob_wkb(square_blob(lon, lat, d))


def of_shape(wkb: bytes) -> dict:
    return derived_values(wkb, DERIVED)


def held(database, u) -> dict:
    (got,) = rows(database, "SELECT area_m2, centre_lon, centre_lat FROM mine_patches WHERE "
                  "uuid = %s", u)
    return dict(zip(DERIVED, got))


def libpq(database: str) -> dict:
    return dict(part.split("=", 1) for part in database.split())


def by_psql(database: str, sql: str) -> None:
    conn = libpq(database)
    schema = conn.pop("schema")
    subprocess.run([os.path.join(BINDIR, "psql"), " ".join(f"{k}={v}" for k, v in conn.items()),
                    "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True,
                   env={**os.environ, "PGOPTIONS": f"-c search_path={schema},public"})


def reshape(database: str, u: str, wkb: bytes, how: str) -> None:
    if how == "psql":
        by_psql(database, f"UPDATE mine_patches SET geom = ST_GeomFromWKB('\\x{wkb.hex()}', "
                          f"4490) WHERE uuid = '{u}'")
    else:
        conn = libpq(database)
        schema = conn.pop("schema")
        by_gdal("PG:" + " ".join(f"{k}={v}" for k, v in conn.items()) +
                f" active_schema={schema}", u, wkb)


@pytest.fixture
def master(database, plan_gpkg, tmp_path):
    """The plan in PostgreSQL, a patch restored and verified without a measured area (its
    own area counts): (address, the patch's uuid, a folder)."""
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    conn = connect(src)
    verify(conn, CODE, "B", photos=[photo_file(tmp_path)])
    conn.execute("UPDATE patch_verifications SET measured_area_m2 = NULL")  # another tool's
    u = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?", (CODE,)).fetchone()[0]
    conn.close()
    assert main(["init", database, "--from", str(src)]) == errors.OK
    return database, u, tmp_path


def said(capsys, *argv) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("how", ["psql", "gdal"])
def test_progress_and_a_pull_see_the_area_of_a_shape_edited_in_postgres(master, capsys, how):
    database, u, tmp = master
    pkg = checkout(database, tmp, "tab-a")
    shape = square(88.7, 42.8, 0.004)
    reshape(database, u, shape, how)
    code, out = said(capsys, "progress", database)
    assert code == errors.OK
    assert f"{of_shape(shape)['area_m2']:,.2f}" in out
    assert SAID in out
    assert held(database, u) == of_shape(shape)
    code, changes = changes_json(capsys, "history", database, u)
    assert (changes[-1]["origin"], changes[-1]["new"]) == ("local", of_shape(shape))
    # a pull brings it, and the next command has nothing left to recompute
    code, out = said(capsys, "pull", pkg, database)
    assert code == errors.OK and "recomputed" not in out
    conn = connect(pkg, readonly=True)
    got = conn.execute("SELECT area_m2, centre_lon, centre_lat FROM mine_patches WHERE uuid = ?",
                       (u,)).fetchone()
    conn.close()
    assert dict(zip(DERIVED, got)) == of_shape(shape)


def test_a_pull_recomputes_the_area_first(master, capsys):
    database, u, tmp = master
    pkg = checkout(database, tmp, "tab-a")
    shape = square(88.7, 42.8, 0.004)
    reshape(database, u, shape, "psql")
    code, out = said(capsys, "pull", pkg, database)
    assert code == errors.OK and SAID in out
    conn = connect(pkg, readonly=True)
    got = conn.execute("SELECT area_m2 FROM mine_patches WHERE uuid = ?", (u,)).fetchone()
    conn.close()
    assert got[0] == of_shape(shape)["area_m2"]


def test_an_area_written_with_the_shape_in_postgres_is_kept(master, capsys):
    database, u, _ = master
    shape = square(88.7, 42.8, 0.004)
    by_psql(database, f"UPDATE mine_patches SET geom = ST_GeomFromWKB('\\x{shape.hex()}', 4490), "
                      f"area_m2 = 4321.0 WHERE uuid = '{u}'")
    code, out = said(capsys, "check-plan", database)
    assert code in (errors.OK, errors.PLAN_INCONSISTENT)
    assert held(database, u) == {**of_shape(shape), "area_m2": 4321.0}
    assert "mine_patches: centre_lon, centre_lat recomputed from their geometry for 1 " \
           "feature" in out


def test_two_commands_looking_at_a_shape_at_once_both_finish(master):
    """Two supervisors' commands (merges side by side) that both found the shape to follow:
    the second waited on the first's row locks, then wrote the look's mark the first had
    written already (exit 4: duplicate key in sync_meta)."""
    import threading

    from field_kit.sync.postgis import address, shapes
    database, u, _ = master
    shape = square(88.7, 42.8, 0.004)
    reshape(database, u, shape, "psql")
    holder = address.connect(database)  # (someone editing the patch: its row locked)
    with holder.cursor() as cur:
        cur.execute("SELECT 1 FROM mine_patches WHERE uuid = %s FOR UPDATE", (u,))
    failed: list = []

    def look() -> None:
        try:
            shapes.follow(database)
        except Exception as exc:  # noqa: BLE001 - what the command would end with
            failed.append(exc)
    looks = [threading.Thread(target=look) for _ in range(2)]
    for t in looks:
        t.start()
    for _ in range(200):  # both waiting on a lock
        waiting = rows(database, "SELECT count(*) FROM pg_stat_activity WHERE "
                       "wait_event_type = 'Lock' AND datname = current_database()")[0][0]
        if waiting >= 2:
            break
        threading.Event().wait(0.05)
    holder.rollback()
    holder.close()
    for t in looks:
        t.join(60)
    assert failed == [] and held(database, u) == of_shape(shape)
    assert rows(database, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s AND origin = "
                "'local' AND new::jsonb ? 'area_m2'", u)[0][0] == 1
