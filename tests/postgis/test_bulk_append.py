# SPDX-License-Identifier: GPL-2.0-or-later
"""Thousands of rows appended by one statement into a tracked layer of a PostgreSQL master
(QGIS's Paste Features, ogr2ogr -append) are captured as the same rows inserted one by one
are, pastes and rows without a uuid included, and the paste check looks each row up in the
other tracked tables only, never in the table appended into."""

import json
import re

import pytest

from field_kit.cli.commands import main
from field_kit.sync.postgis import address
from tests.unit.gpkg_factory import make_gpkg, patch_uuids

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
ROWS = 3000
INSERT = "INSERT INTO restoration_projects (uuid, project_id, name_zh, township) "


@pytest.fixture
def master(database, tmp_path):
    """A master published by a superuser: (address, a patch's uuid)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == 0
    return database, patch_uuids(src)[0]


def appended(patch: str) -> list[tuple]:
    """The rows appended: the first pasted from patch ``patch`` (its uuid with it), every
    third with no uuid, the rest with a fresh one."""
    return [(patch if i == 0 else None if i % 3 == 0 else f"{i:08d}-0000-4000-8000-bulk",
             f"XM-B{i:05d}", f"项目 {i}", "托克逊镇") for i in range(ROWS)]


def logged(database: str, rows: list[tuple], bulk: bool) -> tuple[list, list, int]:
    """Append ``rows`` in one statement (``bulk``) or one by one, then roll back: the log
    rows written (row uuid, op, old, new, device, origin, in order), the pastes recorded,
    and how many times the table appended into was read."""
    pg = address.connect(database)
    try:
        with pg.cursor() as cur:
            cur.execute("SET application_name = 'QGIS'")
            if bulk:
                cur.execute(INSERT + "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], "
                            "%s::text[])", [list(c) for c in zip(*rows)])
            else:
                for r in rows:
                    cur.execute(INSERT + "VALUES (%s, %s, %s, %s)", r)
            cur.execute("SELECT row_uuid, op, old, new, device, origin FROM sync_changes "
                        "WHERE seq < 0 ORDER BY seq")
            log = cur.fetchall()
            cur.execute("SELECT row_uuid, tbl, copied, source FROM sync_pasted")
            pastes = cur.fetchall()
            cur.execute("SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables "
                        "WHERE relid = 'restoration_projects'::regclass")
            reads = cur.fetchone()[0]
    finally:
        pg.rollback()
        pg.close()
    return log, pastes, reads


def test_a_bulk_append_is_logged_as_rows_inserted_one_by_one(master):
    database, patch = master
    rows = appended(patch)
    bulk, bulk_pastes, reads = logged(database, rows, bulk=True)
    single, single_pastes, _ = logged(database, rows, bulk=False)
    assert len(bulk) == ROWS
    assert [r[1:] for r in bulk] == [r[1:] for r in single]
    for (got, *_), (given, *_) in zip(bulk, rows):
        if given is None or given == patch:  # a fresh uuid, each its own
            assert UUID.fullmatch(got) and got != patch
        else:
            assert got == given
    assert len({r[0] for r in bulk}) == ROWS
    assert [p[1:] for p in bulk_pastes] == [p[1:] for p in single_pastes] == [
        ("restoration_projects", patch, "mine_patches")]
    assert bulk_pastes[0][0] == bulk[0][0]
    # (each row looked up in the table appended into made the append's time grow with the
    # square of its rows)
    assert reads < 10, reads


def appended_log(database: str, by_row: bool) -> list[tuple]:
    """Append 500 copies of each patch, shapes and all, with fields added after capture was
    installed and figures JSON has no number for, then roll back: the log rows written
    (table, op, old, new, device, origin, in order). ``by_row``: with the table's capture of
    inserts as an earlier version made it, a row at a time."""
    pg = address.connect(database)
    try:
        with pg.cursor() as cur:
            cur.execute("SET application_name = 'ogr2ogr'")
            if by_row:
                cur.execute("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = "
                            "'toksun_capture' AND tgrelid = 'mine_patches'::regclass")
                made = cur.fetchone()[0]
                assert " AFTER DELETE OR UPDATE " in made
                cur.execute("DROP TRIGGER toksun_capture ON mine_patches")
                cur.execute(made.replace(" AFTER DELETE OR UPDATE ",
                                         " AFTER INSERT OR DELETE OR UPDATE "))
            cur.execute("ALTER TABLE mine_patches ADD COLUMN note_added text, "
                        "ADD COLUMN scan_added bytea, ADD COLUMN box_added box, "
                        "ADD COLUMN checked_added boolean, ADD COLUMN share_added numeric")
            cur.execute("SELECT string_agg(quote_ident(attname), ', ') FROM pg_attribute WHERE "
                        "attrelid = 'mine_patches'::regclass AND attnum > 0 AND NOT "
                        "attisdropped AND attname NOT IN ('fid', 'uuid', 'area_m2', "
                        "'note_added', 'scan_added', 'checked_added', 'share_added')")
            cols = cur.fetchone()[0]
            cur.execute(f"INSERT INTO mine_patches (uuid, area_m2, note_added, scan_added, "
                        f"checked_added, share_added, {cols}) SELECT gen_random_uuid()::text, "
                        "CASE i % 3 WHEN 0 THEN 'Infinity'::float8 WHEN 1 THEN 'NaN' ELSE i "
                        "END, 'n' || i, '\\x00ff'::bytea, nullif(i % 5, 0) > 2, CASE i % 4 "
                        "WHEN 0 THEN '-Infinity'::float8 WHEN 1 THEN 'NaN' ELSE i / 7.0 END, "
                        f"{cols} FROM mine_patches, generate_series(1, 500) i ORDER BY i, fid")
            cur.execute("SELECT tbl, op, old, new, device, origin FROM sync_changes "
                        "WHERE seq < 0 ORDER BY seq")
            return cur.fetchall()
    finally:
        pg.rollback()
        pg.close()


def test_an_append_is_logged_as_capture_a_row_at_a_time_logged_it(master):
    database, _ = master
    ours = appended_log(database, by_row=False)
    assert len(ours) == 1500
    new = [json.loads(r[3]) for r in ours]
    assert {r["note_added"] for r in new} == {f"n{i}" for i in range(1, 501)}
    assert {r["scan_added"] for r in new} == {"00FF"}
    assert all("box_added" not in r for r in new)  # (a type the sync does not carry)
    assert {r["checked_added"] for r in new} == {0, 1, None}
    assert ours == appended_log(database, by_row=True)


def test_a_bulk_append_converts_its_fields_without_a_call_a_field_a_row(master):
    # (each call, the functions being too long to inline, made the append's logging cost
    # more than the append)
    database, patch = master
    pg = address.connect(database)
    try:
        with pg.cursor() as cur:
            cur.execute("SET track_functions = 'all'")
            cur.execute(INSERT + "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], "
                        "%s::text[])", [list(c) for c in zip(*appended(patch))])
            cur.execute("SELECT count(*) FROM sync_changes WHERE seq < 0")
            assert cur.fetchone()[0] == ROWS
            cur.execute("SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE "
                        "funcname IN ('toksun_log_value', 'toksun_log_text', 'toksun_finite')")
            assert cur.fetchone()[0] == 0
    finally:
        pg.rollback()
        pg.close()
