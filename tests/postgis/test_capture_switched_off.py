# SPDX-License-Identifier: GPL-2.0-or-later
"""Capture switched off and on again in a PostgreSQL master: recorded by an event trigger
when it happens, so the gap is not forgotten once the trigger is enabled again."""

import json
import re

import pytest

from field_kit.cli.commands import main
from field_kit.sync.postgis import address, roles, sql, watch
from tests.postgis import test_roles
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import in_gpkg, psql, value
from tests.postgis.test_roles import serves_every_supervisor
from tests.unit.gpkg_factory import make_gpkg, patch_uuids

province = test_roles.province  # a schema owned by a role two supervisors are members of

NOT_WATCHED = ("switching capture off and on again on the tables of schema toksun (ALTER "
               "TABLE … DISABLE TRIGGER, an edit, ENABLE TRIGGER) is not watched: ")


@pytest.fixture
def master(database, tmp_path):
    """A master published by a superuser: (address, source GeoPackage, folder)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def status_json(capsys, database) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["status", database, "--json"])
    return code, json.loads(capsys.readouterr().out)


def editor(cluster, database) -> str:
    """The address of a role given what GIS staff editing the layers in QGIS are given (roles
    are the cluster's: named for the database)."""
    db = value(database, "SELECT current_database()")
    name = f"{db}_editor"
    cluster.sql(f"CREATE ROLE {name} LOGIN")
    for stmt in roles.editor_grants("toksun", ["mine_patches"], name):
        cluster.sql(stmt, db=db)
    return cluster.address(db, user=name)


def test_init_by_a_user_who_is_no_superuser_warns_and_works(province, cluster, tmp_path,
                                                            capsys):
    """The event trigger needs a superuser: init says what is not watched and why, and the
    master works as before; a superuser's next command installs the watch."""
    db, owner, a, b = province
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    capsys.readouterr()
    assert main(["init", a, "--from", src]) == 0
    err = capsys.readouterr().err
    assert (f"field-kit: warning: {NOT_WATCHED}that needs an event trigger, which only a "
            f"superuser can create, and {db}_sup_a is not one; a capture trigger disabled now "
            "is still caught by every command; to watch the rest too, run any command on the "
            "master once as a superuser") in err, err
    capsys.readouterr()
    assert main(["status", a]) == 0
    assert (f"warning: {NOT_WATCHED}its event trigger toksun_watch_toksun is missing"
            in capsys.readouterr().out)
    serves_every_supervisor(a, b, tmp_path, "mine_patches", "phase")
    # a trigger disabled now is caught all the same
    cluster.sql("ALTER TABLE toksun.mine_patches DISABLE TRIGGER toksun_capture", db=db)
    assert main(["status", a]) == 8
    assert main(["repair", a]) == 3
    # the next command run as a superuser installs the watch
    assert main(["status", cluster.address(db)]) == 0
    code, said = status_json(capsys, a)
    assert (code, said["capture_unwatched"]) == (0, None)
    assert value(cluster.address(db), "SELECT count(*) FROM pg_event_trigger WHERE evtname = "
                 "'toksun_watch_toksun'") == 1


def test_an_editor_can_neither_write_nor_clear_the_record(master, cluster):
    database, src, _ = master
    as_editor = editor(cluster, database)
    u = patch_uuids(src)[0]
    with pytest.raises(Exception, match="must be owner of table mine_patches"):
        rows(as_editor, "ALTER TABLE mine_patches DISABLE TRIGGER toksun_capture")
    rows(database, "ALTER TABLE mine_patches DISABLE TRIGGER toksun_capture")
    rows(database, "UPDATE mine_patches SET phase = 'silent' WHERE uuid = %s", u)
    rows(database, "ALTER TABLE mine_patches ENABLE TRIGGER toksun_capture")
    assert rows(as_editor, "SELECT tbl, session_role, settled_at FROM sync_capture_off") == [
        ("mine_patches", "postgres", None)]
    for stmt in ("DELETE FROM sync_capture_off", "TRUNCATE sync_capture_off",
                 "UPDATE sync_capture_off SET settled_at = now()",
                 "INSERT INTO sync_capture_off (tbl, session_role) VALUES ('x', 'y')"):
        with pytest.raises(Exception, match="permission denied for table sync_capture_off"):
            rows(as_editor, stmt)
    with pytest.raises(Exception, match="only members of the role owning schema toksun settle"):
        rows(as_editor, "SELECT toksun_settle_capture_off()")
    assert rows(database, "SELECT tbl, settled_at FROM sync_capture_off") == [
        ("mine_patches", None)]
    assert main(["status", database]) == 8  # every command still stops


def test_capture_is_not_switched_off_unrecorded_where_its_record_is_gone(
        master, capsys):
    """Without its record (dropped by the schema's owner, who may) the watch refuses the
    ALTER TABLE that would leave capture off, by name; status names the watch not whole,
    and a superuser's next command makes it whole again."""
    database, src, _ = master
    rows(database, "DROP TABLE sync_capture_off CASCADE")
    with pytest.raises(Exception, match="capture of toksun.mine_patches cannot be switched "
                       "off unrecorded: its record toksun.sync_capture_off is missing"):
        rows(database, "ALTER TABLE mine_patches DISABLE TRIGGER toksun_capture")
    pg = address.connect(database)
    try:
        assert watch.unwatched(pg) == (
            f"{NOT_WATCHED}its table sync_capture_off is missing or not a superuser's; a "
            "capture trigger disabled now is still caught by every command; to watch the rest "
            "too, run any command on the master once as a superuser (field-kit status "
            "ADDRESS)")
    finally:
        pg.close()
    code, said = status_json(capsys, database)  # run as a superuser: installs it again
    assert (code, said["capture_unwatched"]) == (0, None)
    rows(database, "ALTER TABLE mine_patches DISABLE TRIGGER toksun_capture")
    assert value(database, "SELECT count(*) FROM sync_capture_off") == 1



def switched_off_and_on(database, u: str) -> None:
    """In psql: capture switched off on mine_patches, the row ``u`` edited, capture switched
    on again."""
    session = psql(database)
    try:
        with session.cursor() as cur:
            cur.execute("ALTER TABLE mine_patches DISABLE TRIGGER ALL")
            cur.execute("UPDATE mine_patches SET phase = 'dba-silent' WHERE uuid = %s", (u,))
            cur.execute("ALTER TABLE mine_patches ENABLE TRIGGER ALL")
        session.commit()
    finally:
        session.close()


WHEN = r"at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by postgres \(psql\)"


def test_repair_settles_capture_switched_off_and_names_what_it_cannot_vouch_for(master,
                                                                               capsys):
    database, src, _ = master
    switched_off_and_on(database, patch_uuids(src)[0])
    switched_off_and_on(database, patch_uuids(src)[1])
    capsys.readouterr()
    assert main(["repair", database]) == 3
    said = capsys.readouterr().out
    assert re.search(f"cannot vouch for mine_patches: capture was switched off there {WHEN} "
                     r"\(and 1 time more\); edits made while it was off may be missing from "
                     "the change log", said), said
    assert rows(database, "SELECT count(*), count(settled_at), min(settled_by) FROM "
                "sync_capture_off") == [(2, 2, "postgres")]
    capsys.readouterr()
    assert main(["repair", database]) == 0
    assert "is whole; nothing to repair" in capsys.readouterr().out


def test_capture_switched_off_and_on_again_stops_every_command_until_repaired(
        master, tmp_path, capsys):
    """A field package checked out; in psql capture switched off, a row edited, capture
    switched on again: every command stops, naming the table, who and when, until repair
    settles it."""
    database, src, _ = master
    pkg = tmp_path / "gis3.gpkg"
    assert main(["checkout", database, str(pkg), "--device", "gis-03", "--role", "gis"]) == 0
    u = patch_uuids(src)[0]
    session = psql(database)
    with session.cursor() as cur:
        cur.execute("ALTER TABLE mine_patches DISABLE TRIGGER ALL")
        cur.execute("UPDATE mine_patches SET phase = 'dba-silent' WHERE uuid = %s", (u,))
    session.commit()
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "change capture in PostgreSQL is not whole" in capsys.readouterr().err
    with session.cursor() as cur:
        cur.execute("ALTER TABLE mine_patches ENABLE TRIGGER ALL")
    session.commit()
    session.close()
    for argv in (["status", database], ["pull", str(pkg), database]):
        capsys.readouterr()
        assert main(argv) == 8, argv
        said = capsys.readouterr().err
        assert re.search(f"field-kit: capture was switched off on mine_patches {WHEN}: edits "
                         "made while it was off may be missing from the log; run field-kit "
                         "repair on the master; nothing was changed", said), said
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    assert in_user_language(said.removeprefix("field-kit: ").strip(), "zh").startswith(
        "PostgreSQL 主库的修改记录曾被关闭（mine_patches：")
    assert in_gpkg(pkg, "SELECT phase FROM mine_patches WHERE uuid = ?", u) != "dba-silent"
    capsys.readouterr()
    assert main(["repair", database]) == 3
    assert re.search(f"cannot vouch for mine_patches: capture was switched off there {WHEN}",
                     capsys.readouterr().out)
    assert main(["status", database]) == 0
    assert main(["pull", str(pkg), database]) == 0



def test_capture_enabled_for_replicas_only_is_capture_switched_off(master, capsys):
    """ENABLE REPLICA TRIGGER: the trigger fires only where session_replication_role is
    replica, never in an editor's session; named as switched off, and repair reinstalls it."""
    database, src, _ = master
    u = patch_uuids(src)[0]
    rows(database, "ALTER TABLE mine_patches ENABLE REPLICA TRIGGER toksun_capture")
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert ("change capture in PostgreSQL is not whole (its trigger dropped or disabled) on "
            "mine_patches") in capsys.readouterr().err
    assert main(["repair", database]) == 3
    rows(database, "UPDATE mine_patches SET phase = 'seen' WHERE uuid = %s", u)
    assert value(database, "SELECT new::jsonb ->> 'phase' FROM sync_changes WHERE row_uuid = "
                 "%s", u) == "seen"
    assert main(["status", database]) == 0


def test_an_earlier_versions_capture_switched_off_is_not_switched_on_unsaid(master, capsys):
    """The next command renews an earlier version's capture triggers: not one switched off,
    which the capture check names and repair reinstalls."""
    database, src, _ = master
    rows(database, "DROP TRIGGER toksun_capture ON photos; CREATE TRIGGER toksun_capture "
         "AFTER INSERT OR UPDATE OR DELETE ON photos FOR EACH ROW EXECUTE FUNCTION "
         "toksun_capture('', '[]', '[]', '[\"fid\", \"uuid\"]')")
    rows(database, "SET session_replication_role = replica; ALTER TABLE photos DISABLE "
         "TRIGGER toksun_capture")  # (made before the watch: unrecorded)
    assert value(database, "SELECT count(*) FROM sync_capture_off") == 0
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "not whole (its trigger dropped or disabled) on photos" in capsys.readouterr().err
    assert main(["repair", database]) == 3
    assert main(["status", database]) == 0
    assert value(database, "SELECT tgnargs FROM pg_trigger WHERE tgname = 'toksun_capture' "
                 "AND tgrelid = 'photos'::regclass") == sql.TRIGGER_ARGS


def test_init_on_a_schemas_own_tables_installs_the_watch_as_the_superuser(cluster, database,
                                                                          capsys):
    """A superuser makes a schema's own tables a master, the schema another role's: the
    master is that role's, the watch the superuser's, and capture switched off and on again
    there stops the next command."""
    db = value(database, "SELECT current_database()")
    cluster.sql(f"CREATE ROLE {db}_keeper NOLOGIN", db=db)
    cluster.sql(f"CREATE SCHEMA toksun AUTHORIZATION {db}_keeper; CREATE TABLE toksun.wells "
                f"(id serial PRIMARY KEY, code text); INSERT INTO toksun.wells (code) VALUES "
                f"('W1'); ALTER TABLE toksun.wells OWNER TO {db}_keeper", db=db)
    capsys.readouterr()
    assert main(["init", database]) == 0
    assert "warning" not in capsys.readouterr().err
    assert rows(database, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid IN "
                "('wells'::regclass, 'sync_changes'::regclass, 'sync_capture_off'::regclass) "
                "ORDER BY relname") == [("postgres",), (f"{db}_keeper",), (f"{db}_keeper",)]
    rows(database, "ALTER TABLE wells DISABLE TRIGGER toksun_capture; UPDATE wells SET code = "
         "'W1b'; ALTER TABLE wells ENABLE TRIGGER toksun_capture")
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "capture was switched off on wells at " in capsys.readouterr().err


def test_a_capture_trigger_dropped_and_made_again_by_hand_is_caught(master, capsys):
    """DROP TRIGGER, an edit, CREATE TRIGGER as pg_get_triggerdef wrote it: the trigger was
    whole again, the edit logged nowhere, and every command went on (a new checkout had the
    edit, a pull into an older package never brought it). Field-kit's own triggers bear its
    comment, which one made by hand lacks: caught, and repair says what it cannot vouch
    for."""
    database, _, _ = master
    made = value(database, "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE "
                 "t.tgname = 'toksun_capture' AND t.tgrelid = 'toksun.mine_patches'::regclass")
    assert value(database, "SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = "
                 f"'toksun.mine_patches'::regclass AND {sql.MARKED}") == len(sql.TRIGGERS)
    pg = psql(database)
    with pg.cursor() as cur:
        cur.execute("DROP TRIGGER toksun_capture ON toksun.mine_patches")
        cur.execute("UPDATE toksun.mine_patches SET project_name = 'unlogged' WHERE fid = 1")
        cur.execute(made)
    pg.commit()
    pg.close()
    capsys.readouterr()
    assert main(["status", database]) == 8
    said = capsys.readouterr()
    assert "mine_patches" in said.out + said.err
    assert main(["repair", database]) == 3
    assert main(["status", database]) == 0
