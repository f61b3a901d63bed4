# SPDX-License-Identifier: GPL-2.0-or-later
"""A feature GIS staff paste in QGIS from one tracked layer of a PostgreSQL master into
another comes with every field, its uuid too: the master's capture gives it one of its own
as it is inserted, the row it came from keeps its own, and history of each says so."""

import json
import re

import pytest

from field_kit.cli.commands import main
from field_kit.db import lit
from field_kit.messages_zh import chinese
from field_kit.sync import pasted_rows
from field_kit.sync.postgis import address, roles, sql
from tests.postgis.test_postgis_master import cli_json, rows, value
from tests.unit.gpkg_factory import make_gpkg, patch_uuids

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
# QGIS's Paste Features into the projects' layer: the patch's fields, its uuid too
PASTE = ("INSERT INTO restoration_projects (uuid, project_id, name_zh, township) SELECT uuid, "
         "'XM-PASTED', patch_code, township FROM mine_patches WHERE uuid = %s")


@pytest.fixture
def master(database, tmp_path):
    """A master published by a superuser: (address, a patch's uuid)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == 0
    return database, patch_uuids(src)[0]


def editor(cluster, database) -> str:
    """The address of GIS staff editing both layers in QGIS."""
    db = value(database, "SELECT current_database()")
    name = f"{db}_paster"
    cluster.sql(f"CREATE ROLE {name} LOGIN")
    for stmt in roles.editor_grants("toksun", ["mine_patches", "restoration_projects"], name):
        cluster.sql(stmt, db=db)
    return cluster.address(db, user=name)


def paste(at: str, u: str) -> str:
    """Paste patch ``u`` into the projects' layer as QGIS does at ``at``: the pasted row's
    uuid."""
    pg = address.connect(at)
    try:
        with pg.cursor() as cur:
            cur.execute("SET application_name = 'QGIS'")
            cur.execute(PASTE + " RETURNING uuid", (u,))
            got = cur.fetchone()[0]
        pg.commit()
        return got
    finally:
        pg.close()


def test_a_feature_pasted_into_another_layer_gets_its_own_uuid(master, cluster, capsys):
    database, u = master
    fresh = paste(editor(cluster, database), u)
    assert fresh != u and UUID.fullmatch(fresh)
    assert value(database, "SELECT uuid FROM restoration_projects WHERE project_id = "
                 "'XM-PASTED'") == fresh
    assert value(database, "SELECT count(*) FROM mine_patches WHERE uuid = %s", u) == 1
    # logged under its own uuid: the patch's history does not list it as the patch's
    assert value(database, "SELECT count(*) FROM sync_changes WHERE tbl = 'restoration_projects'"
                 " AND row_uuid = %s AND op = 'insert'", fresh) == 1
    assert value(database, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s", u) == 0
    code, got = cli_json(capsys, "history", database, fresh)
    assert code == 0 and [c["op"] for c in got["changes"]] == ["insert"], got
    (said,) = got["rewritten"]
    assert said["kind"] == "pasted" and said["row"] == fresh, said
    assert re.fullmatch(
        f"restoration_projects feature {fresh} was pasted in the master from mine_patches "
        rf"feature {u} on \d{{4}}-\d\d-\d\d \d\d:\d\d by \S+_paster \(QGIS\), with its uuid: "
        "the master gave it an identity of its own", said["said"]), said
    zh = chinese(said["said"])
    assert zh.startswith(f"restoration_projects 要素 {fresh} 于 ") and zh.endswith(
        f"在主库中从 mine_patches 要素 {u} 连同其 uuid 粘贴而来：主库已给它自己的标识"), zh
    # and the patch's own history (an edit of it logged) says where its copy went
    value(database, "UPDATE mine_patches SET mineral = 'Cu' WHERE uuid = %s", u)
    code, got = cli_json(capsys, "history", database, u)
    (said,) = got["rewritten"]
    assert said["said"].startswith(f"mine_patches feature {u} was pasted into "
                                   "restoration_projects in the master on "), said
    assert said["said"].endswith(f": the feature pasted was given an identity of its own, "
                                 f"{fresh}, and its changes are listed under it"), said
    assert "已获得自己的标识" in chinese(said["said"]), chinese(said["said"])
    # a uuid no other layer holds (a tool's own id) is the row's, kept
    own = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"
    value(database, "INSERT INTO restoration_projects (uuid, project_id) VALUES (%s, "
          "'XM-OWN')", own)
    assert value(database, "SELECT uuid FROM restoration_projects WHERE project_id = "
                 "'XM-OWN'") == own
    code, got = cli_json(capsys, "history", database, own)
    assert code == 0 and got["rewritten"] == [], got


def test_a_master_captured_by_an_earlier_version_renews_pastes_after_the_next_command(
        master, cluster):
    database, u = master
    db = value(database, "SELECT current_database()")
    earlier = sql.functions_sql("toksun", "UTC").replace(sql.VERSION, "toksun capture 16")
    # (the earlier version looked in no other table)
    cluster.sql(f"SET search_path = toksun, public; {earlier}; CREATE OR REPLACE FUNCTION "
                "toksun.toksun_pasted(rel oid, u text) RETURNS text LANGUAGE sql AS "
                "'SELECT NULL::text'", db=db)
    anna = editor(cluster, database)
    assert paste(anna, u) == u  # (as the earlier version let it be)
    assert main(["log", database]) == 0
    other = value(database, "SELECT uuid FROM mine_patches WHERE uuid <> %s LIMIT 1", u)
    assert paste(anna, other) != other


def test_history_of_a_row_pasted_from_with_no_edit_logged_says_the_paste(master, cluster,
                                                                        capsys):
    database, u = master
    fresh = paste(editor(cluster, database), u)
    code, got = cli_json(capsys, "history", database, u)
    assert code == 0 and got["changes"] == [], got
    (said,) = got["rewritten"]
    assert said["row"] == fresh and said["said"].startswith(
        f"mine_patches feature {u} was pasted into restoration_projects in the master"), said
    capsys.readouterr()
    assert main(["history", database, u]) == 0
    out = capsys.readouterr().out
    assert f"row {u} of mine_patches: no change recorded" in out and \
        f"the feature pasted was given an identity of its own, {fresh}" in out, out


def test_a_row_pasted_after_its_source_was_deleted_gets_its_own_uuid(master, cluster,
                                                                     capsys):
    database, u = master
    value(database, "DELETE FROM mine_patches WHERE uuid = %s", u)
    anna = editor(cluster, database)
    pg = address.connect(anna)
    try:
        with pg.cursor() as cur:
            cur.execute("INSERT INTO restoration_projects (uuid, project_id) VALUES (%s, "
                        "'XM-PASTED') RETURNING uuid", (u,))
            fresh = cur.fetchone()[0]
        pg.commit()
    finally:
        pg.close()
    assert fresh != u and UUID.fullmatch(fresh)
    code, got = cli_json(capsys, "history", database, fresh)
    assert code == 0 and [c["op"] for c in got["changes"]] == ["insert"], got
    (said,) = got["rewritten"]
    assert said["said"].startswith(f"restoration_projects feature {fresh} was pasted in the "
                                   f"master from mine_patches feature {u} on "), said
    code, got = cli_json(capsys, "history", database, u)
    assert code == 0 and [c["op"] for c in got["changes"]] == ["delete"], got
    assert [s["row"] for s in got["rewritten"]] == [fresh], got


def test_the_paste_check_has_a_lookup_made_for_the_tables_tracked(master, cluster):
    database, u = master
    assert value(database, "SELECT toksun.toksun_held_elsewhere('toksun.restoration_projects'"
                 "::regclass, %s)", u) == "mine_patches"
    assert value(database, "SELECT toksun.toksun_held_elsewhere('toksun.mine_patches'"
                 "::regclass, %s)", u) is None
    # a tracked table renamed by hand since it was made: each table looked up as before
    other = value(database, "SELECT tbl FROM sync_tables WHERE tbl NOT IN ('mine_patches', "
                  "'restoration_projects') ORDER BY tbl LIMIT 1")
    value(database, f"ALTER TABLE {other} RENAME TO {other}_renamed")
    anna = editor(cluster, database)
    assert paste(anna, u) != u
    value(database, "DROP FUNCTION toksun.toksun_held_elsewhere(oid, text)")
    second = value(database, "SELECT uuid FROM mine_patches WHERE uuid <> %s LIMIT 1", u)
    assert paste(anna, second) != second


def test_a_paste_is_recorded_a_row_each(master, cluster):
    database, u = master
    anna = editor(cluster, database)
    fresh = [paste(anna, u) for _ in range(2)]
    assert value(database, "SELECT count(*) FROM sync_meta WHERE key = %s",
                 pasted_rows.PASTED) == 0
    assert rows(database, "SELECT row_uuid, tbl, copied, source FROM sync_pasted ORDER BY at"
                ) == [(f, "restoration_projects", u, "mine_patches") for f in fresh]


def test_a_master_recording_pastes_in_sync_meta_keeps_them_after_the_next_command(
        master, cluster, capsys):
    database, u = master
    db = value(database, "SELECT current_database()")
    # as a master captured by the earlier version holds them, in one value of sync_meta
    earlier = {"6b1f5c1e-0d7a-4f0e-9d55-3a1c1f2b9e01": [
        "restoration_projects", u, "mine_patches", "2026-03-02T08:00:00.000Z", "anna (QGIS)"]}
    cluster.sql("SET search_path = toksun, public; "
                "DROP FUNCTION IF EXISTS toksun_pasted_of(text); "
                "DROP TABLE IF EXISTS sync_pasted; "
                "INSERT INTO sync_meta (key, value) VALUES "
                f"({lit(pasted_rows.PASTED)}, {lit(json.dumps(earlier))})", db=db)
    body = value(database, "SELECT pg_get_functiondef('toksun.toksun_capture'::regproc)")
    cluster.sql(f"SET search_path = toksun, public; "
                f"{body.replace(sql.VERSION, 'toksun capture 17')}", db=db)
    (fresh,) = earlier
    code, got = cli_json(capsys, "history", database, u)  # (its own: none logged)
    assert code == 0 and [s["row"] for s in got["rewritten"]] == [fresh], got
    assert main(["log", database]) == 0
    assert value(database, "SELECT count(*) FROM sync_meta WHERE key = %s",
                 pasted_rows.PASTED) == 0
    assert rows(database, "SELECT row_uuid, copied, at, device FROM sync_pasted") == [
        (fresh, u, "2026-03-02T08:00:00.000Z", "anna (QGIS)")]
    code, got = cli_json(capsys, "history", database, u)
    (said,) = got["rewritten"]
    assert said["said"].startswith(f"mine_patches feature {u} was pasted into "
                                   "restoration_projects in the master on 2026-03-02 "), said
    assert said["said"].endswith(f"by anna (QGIS): the feature pasted was given an identity "
                                 f"of its own, {fresh}, and its changes are listed under it")
