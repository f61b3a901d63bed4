# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff may make temporary tables in their own session (PostgreSQL lets anyone): one named
as the change log must not take its place in the functions that run as the schema's owner, so
an editor's edit is logged in the master's log whatever their session holds, and a conflict
is recorded only from what the master's log holds."""

import json

import pytest

from field_kit.cli.commands import main
from field_kit.sync.postgis import address, sql
from tests.postgis.cluster import query as rows
from tests.postgis.test_capture_switched_off import editor
from tests.postgis.test_postgis_master import value
from tests.unit.gpkg_factory import make_gpkg, patch_uuids

# a temporary table of the session named and made as the change log (everyone may read it)
DECOY = ("CREATE TEMP TABLE sync_changes (seq bigserial, change_uuid text, tbl text, row_uuid "
         "text, op text, old text, new text, device text, at text, origin text, src_seq "
         "bigint); GRANT ALL ON sync_changes TO PUBLIC; "
         "GRANT ALL ON SEQUENCE sync_changes_seq_seq TO PUBLIC")


@pytest.fixture
def master(database, tmp_path):
    """A master published by a superuser: (address, a patch's uuid)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == 0
    return database, patch_uuids(src)[0]


def edit_beside_a_decoy(anna: str, u: str, mineral: str) -> None:
    """GIS staff at ``anna`` make the decoy log in their session, then edit patch ``u``."""
    pg = address.connect(anna)
    try:
        with pg.cursor() as cur:
            cur.execute(DECOY)
            cur.execute("UPDATE mine_patches SET mineral = %s WHERE uuid = %s", (mineral, u))
        pg.commit()
    finally:
        pg.close()


def logged(database, u: str, mineral: str) -> int:
    return value(database, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s AND "
                 "new::jsonb ->> 'mineral' = %s AND seq > 0", u, mineral)


def test_an_editors_edit_is_logged_whatever_their_session_holds(master, cluster, capsys):
    database, u = master
    anna = editor(cluster, database)
    edit_beside_a_decoy(anna, u, "SILENT-EDIT")
    assert value(database, "SELECT mineral FROM mine_patches WHERE uuid = %s", u) == \
        "SILENT-EDIT"
    assert logged(database, u, "SILENT-EDIT") == 1
    capsys.readouterr()
    assert main(["history", database, u, "--json"]) == 0
    assert "SILENT-EDIT" in capsys.readouterr().out


def test_every_function_run_as_the_schemas_owner_searches_the_sessions_tables_last(master):
    database, _ = master
    got = rows(database, "SELECT proname, (SELECT c FROM unnest(proconfig) c WHERE c LIKE "
               "'search_path=%%') FROM pg_proc WHERE prosecdef AND pronamespace = "
               "'toksun'::regnamespace ORDER BY proname")
    assert {n for n, _ in got} >= {"toksun_capture", "toksun_capture_truncate",
                                   "toksun_number", "toksun_number_log", "toksun_saved_over"}
    for name, path in got:
        assert path is not None and path.endswith("pg_temp"), (name, path)


def test_a_master_captured_by_an_earlier_version_is_renewed_by_the_next_command(
        master, cluster):
    """A master whose capture an earlier version installed (pg_temp not named, so searched
    first) is renewed by the next command a supervisor runs on it."""
    database, u = master
    db = value(database, "SELECT current_database()")
    earlier = sql.functions_sql("toksun", "UTC").replace(sql.VERSION, "toksun capture 14") \
        .replace(", public, pg_temp", ", public")
    cluster.sql(f"SET search_path = toksun, public; {earlier}", db=db)
    anna = editor(cluster, database)
    edit_beside_a_decoy(anna, u, "lost")
    assert logged(database, u, "lost") == 0  # (as an earlier version let it be)
    assert main(["status", database]) == 0
    edit_beside_a_decoy(anna, u, "kept")
    assert logged(database, u, "kept") == 1


def test_a_conflict_is_not_forged_in_anothers_name_from_the_sessions_tables(
        master, cluster, capsys):
    database, u = master
    anna = editor(cluster, database)
    role = value(anna, "SELECT session_user")
    forged = {"merge_id": None, "change_uuid": "forged-1", "tbl": "mine_patches",
              "row_uuid": u, "field": "mineral", "kind": "update/update", "ancestor": "null",
              "ours": '"anna"', "theirs": '"carols"', "device": "carol (QGIS)",
              "at": "2026-01-01T00:00:00.000Z"}
    pg = address.connect(anna)
    try:
        with pg.cursor() as cur:
            cur.execute(DECOY)
            cur.execute("INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, "
                        "device, at, origin) VALUES ('carols-1', 'mine_patches', %s, 'update', "
                        "'{}', '{\"mineral\": \"carols\"}', 'carol (QGIS)', %s, 'local'), "
                        "('forged-1', 'mine_patches', %s, 'update', '{}', "
                        "'{\"mineral\": \"anna\"}', %s, '2026-01-02T00:00:00.000Z', 'local')",
                        (u, forged["at"], u, role))
            with pytest.raises(Exception, match="no saved edit"):
                cur.execute("SELECT toksun_saved_over(%s)", (json.dumps(forged),))
        pg.rollback()
    finally:
        pg.close()
    assert value(database, "SELECT count(*) FROM sync_conflicts") == 0
    capsys.readouterr()
    assert main(["conflicts", database]) == 0
    assert "carol" not in capsys.readouterr().out
