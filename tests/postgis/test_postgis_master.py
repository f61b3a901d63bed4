# SPDX-License-Identifier: GPL-2.0-or-later
"""A master in PostgreSQL/PostGIS: published from a GeoPackage, edited in the database,
checked out, merged into and settled with the same commands as a GeoPackage master."""

import json
import re
import subprocess
import threading
import time
import xml.etree.ElementTree as ET

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.errors import BadInput
from field_kit.messages_zh import chinese
from field_kit.sync import package_export
from field_kit.sync.postgis import address, roles, sql
from tests.postgis.cluster import query as rows
from tests.unit.cli_run import cli
from tests.unit.cli_run import history_json as history_of
from tests.unit.cli_run import log_json as log_of
from tests.unit.gpkg_factory import _square, edit, make_gdal_layer, make_gpkg, patch_uuids


def value(database, sql, *args):
    got = rows(database, sql, *args)
    return got[0][0] if got else None


def in_gpkg(path, sql, *args):
    conn = connect(path, readonly=True)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def master(database, tmp_path):
    src = make_gpkg(tmp_path / "src.gpkg", patches=20, verifications=4)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def checkout(database, tmp_path, device, role="gis"):
    out = tmp_path / f"{device}.gpkg"
    assert main(["checkout", database, str(out), "--device", device, "--role", role]) == 0
    return out


def export(pkg, tmp_path):
    out = tmp_path / f"{pkg.stem}-{len(list(tmp_path.glob('*.zip')))}.zip"
    package_export.export(pkg, out)
    return str(out)


def cli_json(capsys, *argv):
    capsys.readouterr()
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def changes_json(capsys, command, *argv):
    """``field-kit log --json`` or ``history --json`` (``command``): (exit code, its
    changes), every key of its one shape there."""
    code, out, _ = cli(capsys, command, *argv, "--json")
    return code, (history_of if command == "history" else log_of)(out)["changes"]


def history_json(capsys, master, row):
    """``history --json`` of ``row``: (exit code, its changes)."""
    return changes_json(capsys, "history", master, row)


def test_init_publishes_every_layer_with_postgis_geometry(master):
    database, src, _ = master
    for tbl in ("mine_patches", "patch_verifications", "restoration_projects"):
        assert value(database, f"SELECT count(*) FROM {tbl}") == \
            in_gpkg(src, f"SELECT count(*) FROM {tbl}")
    assert rows(database, "SELECT type, srid FROM geometry_columns WHERE f_table_schema = "
                "'toksun' AND f_table_name = 'mine_patches'") == [("MULTIPOLYGON", 4490)]
    assert value(database, "SELECT count(*) FROM mine_patches WHERE NOT ST_IsValid(geom)") == 0
    # the plan's own values arrive unchanged
    u = patch_uuids(src)[0]
    assert value(database, "SELECT patch_code FROM mine_patches WHERE uuid = %s", u) == \
        in_gpkg(src, "SELECT patch_code FROM mine_patches WHERE uuid = ?", u)


def test_init_again_is_refused_and_changes_nothing(master, capsys):
    database, src, _ = master
    before = value(database, "SELECT count(*) FROM mine_patches")
    assert main(["init", database, "--from", src]) == 3
    assert "already holds a master" in capsys.readouterr().err
    assert value(database, "SELECT count(*) FROM mine_patches") == before


def test_init_says_it_made_the_schema_and_who_owns_it(database, tmp_path, capsys):
    """Publishing into a schema not there makes it, owned by the role that ran init: said,
    as a supervisor then needs that role; into a schema there, nothing is said of it."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    capsys.readouterr()
    assert main(["init", database, "--from", src]) == 0
    out = capsys.readouterr().out
    assert "schema toksun was not there: made it, owned by role postgres, who ran init" in out
    assert value(database, "SELECT nspowner::regrole::text FROM pg_namespace WHERE "
                 "nspname = 'toksun'") == "postgres"
    own = database.replace("schema=toksun", "schema=own")
    rows(database, "CREATE SCHEMA own")
    assert main(["init", own, "--from", src]) == 0
    assert "was not there" not in capsys.readouterr().out


def test_a_password_in_the_address_is_refused():
    for addr in ("postgresql://u:secret@host/db", "host=h dbname=d password=secret",
                 "postgresql://u@host/db?password=secret"):
        with pytest.raises(BadInput, match="pgpass"):
            address.parse(addr)
    assert address.parse("service=prov schema=plan") == ("service='prov'", "plan")
    assert address.parse("postgresql://u@h:5433/db?schema=s&sslmode=require") == \
        ("postgresql://u@h:5433/db?sslmode=require", "s")


def test_edits_in_the_database_are_captured_with_old_and_new_values(master):
    database, src, _ = master
    u = patch_uuids(src)[0]
    rows(database, "UPDATE mine_patches SET phase = 'near' WHERE uuid = %s", u)
    rows(database, "INSERT INTO mine_patches (patch_code, township, phase) "
         "VALUES ('TKX-NEW', '库米什镇', 'far')")
    new = value(database, "SELECT uuid FROM mine_patches WHERE patch_code = 'TKX-NEW'")
    assert len(new) == 36  # a client that knows nothing of uuids still gives rows one
    rows(database, "DELETE FROM mine_patches WHERE uuid = %s", new)
    log = rows(database, "SELECT op, row_uuid, old, new, device, origin FROM sync_changes "
               "ORDER BY seq")
    assert [(op, r) for op, r, *_ in log] == [("update", u), ("insert", new), ("delete", new)]
    op, _, old, new_values, device, origin = log[0]
    assert json.loads(old) == {"phase": "planned"} and json.loads(new_values) == {"phase": "near"}
    assert device.startswith("postgres") and origin == "local"
    assert json.loads(log[1][3])["patch_code"] == "TKX-NEW"
    with pytest.raises(Exception, match="identity"):
        rows(database, "UPDATE mine_patches SET uuid = 'x' WHERE uuid = %s", u)


def test_a_package_merges_into_postgres_and_twice_changes_nothing(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'done', area_m2 = 12.5 WHERE uuid = ?", u)
    zipped = export(pkg, tmp)
    code, out = cli_json(capsys, "merge", database, zipped)
    assert code == 0 and out["totals"]["applied"] == 1
    assert rows(database, "SELECT phase, area_m2 FROM mine_patches WHERE uuid = %s", u) == \
        [("done", 12.5)]
    code, out = cli_json(capsys, "merge", database, zipped)
    assert code == 0 and out["totals"]["applied"] == 0
    code, hist = changes_json(capsys, "history", database, u)
    assert [h["origin"].split(":")[0] for h in hist] == ["merge"]
    assert hist[0]["new"] == {"phase": "done", "area_m2": 12.5}
    # the merge wrote its own records: the database's capture logged nothing twice
    assert value(database, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s", u) == 1


def _edited_in_qgis_and_in_a_package(master, capsys, *, qgis_first: bool = True):
    """A mine patch's phase edited in the database and in a package, the package merged:
    (database, the row's uuid, the merge's JSON, the conflicts' exit code and the conflict)."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a")
    edits = [lambda: rows(database, "UPDATE mine_patches SET phase = 'from-qgis' WHERE uuid = "
                          "%s", u),
             lambda: edit(pkg, "UPDATE mine_patches SET phase = 'from-field' WHERE uuid = ?", u)]
    for made in edits if qgis_first else reversed(edits):
        made()
    _, out = cli_json(capsys, "merge", database, export(pkg, tmp))
    code, (c,) = cli_json(capsys, "conflicts", database)
    return database, u, out, code, c


def test_an_edit_in_the_database_and_one_in_a_package_give_a_conflict(master, capsys):
    database, u, out, code, c = _edited_in_qgis_and_in_a_package(master, capsys)
    assert out["exit_code"] == 1 and out["totals"]["conflict"] == 1
    assert code == 1
    assert (c["field"], c["ancestor"]) == ("phase", "planned")
    assert {c["ours"], c["theirs"]} == {"from-qgis", "from-field"}
    held = value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u)
    assert held == c["ours"]  # "ours" is what the master holds
    assert main(["resolve", database, str(c["id"]), "--take", "theirs", "--by", "sup"]) == 0
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == c["theirs"]
    code, left = cli_json(capsys, "conflicts", database)
    assert code == 0 and left == []
    # the log, as history, says who settled it (the decision's change is the master's own)
    code, log = changes_json(capsys, "log", database, "--limit", "1")
    by = value(database, "SELECT resolved_by FROM sync_conflicts WHERE id = %s", c["id"])
    assert by.startswith("sup")  # and the database role it was settled as
    assert (log[0]["origin"], log[0]["by"]) == (f"resolve:{c['id']}", by)
    assert main(["log", database, "--limit", "1"]) == 0
    assert f" settled by {by} resolve:{c['id']} " in capsys.readouterr().out


def test_an_edit_in_the_database_reaches_a_field_package_by_pull(master):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a", role="technician")
    rows(database, "UPDATE mine_patches SET mineral = 'copper' WHERE uuid = %s", u)
    assert main(["pull", str(pkg), database]) == 0
    assert in_gpkg(pkg, "SELECT mineral FROM mine_patches WHERE uuid = ?", u) == "copper"


def test_a_geometry_edited_twice_in_the_field_merges_twice_without_conflict(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a")
    for lon in (89.1, 89.2):
        edit(pkg, "UPDATE mine_patches SET geom = ? WHERE uuid = ?", _square(lon, 42.5), u)
        code, out = cli_json(capsys, "merge", database, export(pkg, tmp))
        assert (code, out["totals"]["conflict"], out["totals"]["applied"]) == (0, 0, 1)
    assert value(database, "SELECT ST_XMin(geom) FROM mine_patches WHERE uuid = %s",
                 u) == pytest.approx(89.2, abs=0.01)


def test_an_editor_role_cannot_write_the_log_nor_switch_capture_off(master, cluster):
    database, src, _ = master
    db = value(database, "SELECT current_database()")
    cluster.sql("CREATE ROLE editor LOGIN")
    for stmt in roles.editor_grants("toksun", ["mine_patches", "patch_verifications"],
                                    "editor"):
        cluster.sql(stmt, db=db)
    as_editor = cluster.address(db, user="editor")
    u = patch_uuids(src)[0]
    with pytest.raises(Exception, match="permission denied"):
        rows(as_editor, "INSERT INTO sync_changes (tbl, row_uuid, op, at) "
             "VALUES ('mine_patches', 'x', 'update', 'now')")
    with pytest.raises(Exception, match="permission denied"):
        rows(as_editor, "UPDATE restoration_projects SET name_zh = 'x'")
    rows(as_editor, "SET toksun.capture = 'off'; "
         "UPDATE mine_patches SET phase = 'sneaky' WHERE uuid = %s", u)
    rows(as_editor, "INSERT INTO mine_patches (patch_code, township) VALUES ('TKX-E', 'x')")
    log = rows(database, "SELECT op, new::jsonb ->> 'patch_code', new::jsonb ->> 'phase', "
               "device FROM sync_changes ORDER BY seq")
    assert log == [("update", None, "sneaky", "editor (field-kit)"),
                   ("insert", "TKX-E", None, "editor (field-kit)")]


@pytest.mark.parametrize("command", ["status", "conflicts", "log", "history", "progress"])
def test_a_role_without_usage_on_the_schema_is_told_so(master, cluster, capsys, command):
    """A role given no grants read "the database refused it: relation "sync_template" does
    not exist", with the SQL under it: the schema is there, it may not use it."""
    database, src, tmp = master
    db = value(database, "SELECT current_database()")
    cluster.sql("DO $$ BEGIN CREATE ROLE bob LOGIN; EXCEPTION WHEN duplicate_object THEN "
                "NULL; END $$")
    as_bob = cluster.address(db, user="bob")
    more = {"history": ["x"]}.get(command, [])
    capsys.readouterr()
    assert main([command, as_bob, *more]) == errors.REFUSED
    said = capsys.readouterr().err
    assert "role bob may not use schema toksun" in said and "does not exist" not in said, said
    assert "field-kit grants ADDRESS --editor bob" in said
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    zh = in_user_language(said.removeprefix("field-kit: ").splitlines()[0], "zh")
    assert "无权使用" in zh, zh


def test_undo_merge_on_postgres_reverts_it(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'done' WHERE uuid = ?", u)
    code, out = cli_json(capsys, "merge", database, export(pkg, tmp))
    merge_id = out["merges"][0]["merge_id"]
    assert main(["undo-merge", database, merge_id]) == 0
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "planned"
    assert value(database, "SELECT undone_at IS NOT NULL FROM sync_merges WHERE merge_id = %s",
                 merge_id)



def test_a_merge_undone_and_merged_again_on_postgres_reaches_every_package(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg, other = checkout(database, tmp, "tab-a"), checkout(database, tmp, "tab-b")
    edit(pkg, "UPDATE mine_patches SET phase = 'done' WHERE uuid = ?", u)
    out = export(pkg, tmp)
    code, got = cli_json(capsys, "merge", database, out)
    assert main(["undo-merge", database, got["merges"][0]["merge_id"]]) == 0
    for p in (pkg, other):
        assert main(["pull", str(p), database]) == 0
    assert main(["merge", "--again-undone", database, out]) == 0
    for p in (pkg, other):
        assert main(["pull", str(p), database]) == 0
        assert in_gpkg(p, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "done"
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "done"


def test_a_package_whose_edit_lost_on_postgres_holds_the_masters_value_after_its_pull(
        master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a, b = checkout(database, tmp, "tab-a"), checkout(database, tmp, "tab-b")
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    assert main(["merge", database, export(b, tmp)]) == 0
    assert main(["merge", database, export(a, tmp)]) == errors.CONFLICTS
    assert main(["pull", str(a), database]) == 0
    assert in_gpkg(a, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "B"
    (cid,), = rows(database, "SELECT id FROM sync_conflicts WHERE status = 'open'")
    assert main(["resolve", database, str(cid), "--value", "agreed"]) == 0
    assert main(["pull", str(a), database]) == 0
    assert in_gpkg(a, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "agreed"
    assert in_gpkg(a, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == 0


def test_an_edit_a_technician_may_not_make_is_given_up_at_pull_from_postgres(master, capsys):
    """A technician's edit of a patch, refused, the patch then changed in the database: the
    pull does not send it again, the package takes the database's value and says so."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a = checkout(database, tmp, "tab-a", role="technician")
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    assert main(["merge", database, export(a, tmp)]) == errors.REFUSED
    rows(database, "UPDATE mine_patches SET phase = 'GIS' WHERE uuid = %s", u)
    capsys.readouterr()
    assert main(["pull", str(a), database]) == 0
    out = capsys.readouterr().out
    assert "(phase) was refused: a technician may not change mine_patches; the package now " \
           "holds the master's value" in out, out
    assert "sent again" not in out, out
    assert in_gpkg(a, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "GIS"
    assert in_gpkg(a, "SELECT count(*) FROM sync_changes WHERE origin = 'local'") == 1


def test_undo_merge_on_postgres_reverts_what_settling_its_conflict_wrote(master, capsys):
    """The merge kept QGIS's later value and wrote nothing to the row; settling its conflict
    put the package's value in: the undo takes that out too."""
    database, u, out, _, c = _edited_in_qgis_and_in_a_package(master, capsys, qgis_first=False)
    assert main(["resolve", database, str(c["id"]), "--take", "theirs"]) == 0
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "from-field"
    assert main(["undo-merge", database, out["merges"][0]["merge_id"]]) == 0
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "from-qgis"
    assert value(database, "SELECT status FROM sync_conflicts WHERE id = %s", c["id"]) == "undone"

def test_a_township_package_from_postgres_holds_only_that_township(master):
    database, src, tmp = master
    town = in_gpkg(src, "SELECT township FROM mine_patches LIMIT 1")
    out = tmp / "town.gpkg"
    assert main(["checkout", database, str(out), "--device", "t1", "--township", town]) == 0
    assert in_gpkg(out, "SELECT count(DISTINCT township) FROM mine_patches") == 1
    assert in_gpkg(out, "SELECT count(*) FROM mine_patches") == value(
        database, "SELECT count(*) FROM mine_patches WHERE township = %s", town)
    assert value(database, "SELECT subset::jsonb ->> 'township' FROM sync_devices WHERE "
                 "device = 't1'") == town


def test_a_package_of_patches_chosen_from_postgres_holds_them_alone(master, monkeypatch):
    """The stage takes the patches chosen, not every patch; a pull keeps the package to
    them, bringing their edits and none of the other patches'."""
    database, src, tmp = master
    chosen, other = patch_uuids(src)[:2], patch_uuids(src)[2]
    out = tmp / "two.gpkg"
    copied = staged_copies(monkeypatch)
    assert main(["checkout", database, str(out), "--device", "t2", "--patches",
                 ",".join(chosen)]) == 0
    assert ("mine_patches", "") not in copied
    assert _uuids(out, "mine_patches") == set(chosen)
    for u, phase in ((chosen[0], "chosen"), (other, "other")):
        rows(database, "UPDATE mine_patches SET phase = %s WHERE uuid = %s", phase, u)
    assert main(["pull", str(out), database]) == 0
    assert _uuids(out, "mine_patches") == set(chosen)
    assert in_gpkg(out, "SELECT phase FROM mine_patches WHERE uuid = ?", chosen[0]) == "chosen"


def test_features_chosen_from_postgres_are_the_package_s_alone(database, tmp_path, capsys,
                                                              monkeypatch):
    """The stage takes the stands chosen, not every stand in the box; a pull keeps the
    package to them, bringing their edits and not a stand added in the box since."""
    src = make_gdal_layer(tmp_path / "county.gpkg", 9)
    assert main(["init", database, "--from", src]) == 0
    uuid = dict(rows(database, "SELECT stand_id, uuid FROM forest_stands"))
    chosen = {uuid["S00000000"], uuid["S00000002"]}
    out = tmp_path / "two.gpkg"
    copied = staged_copies(monkeypatch)
    capsys.readouterr()
    assert main(["checkout", database, str(out), "--device", "t2", "--bbox",
                 "87.99,42.49,88.01,42.51", "--features",
                 f"forest_stands={','.join(sorted(chosen))}"]) == 0
    assert "and 2 features of forest_stands chosen, the package holds: forest_stands 2" in \
        capsys.readouterr().out
    assert ("forest_stands", "") not in copied
    assert _uuids(out, "forest_stands") == chosen
    assert json.loads(value(database, "SELECT subset FROM sync_devices WHERE device = 't2'"))[
        "features"] == {"forest_stands": sorted(chosen)}
    rows(database, "UPDATE forest_stands SET species = 'elm' WHERE stand_id IN ('S00000000', "
         "'S00000001')")
    rows(database, "INSERT INTO forest_stands (stand_id, species, geom) SELECT 'S9', 'elm', "
         "geom FROM forest_stands WHERE stand_id = 'S00000001'")
    assert main(["pull", str(out), database]) == 0
    assert _uuids(out, "forest_stands") == chosen
    assert in_gpkg(out, "SELECT species FROM forest_stands WHERE uuid = ?",
                   uuid["S00000000"]) == "elm"
    assert main(["checkout", database, str(tmp_path / "no.gpkg"), "--device", "t3",
                 "--features", "forest_stands=nosuch"]) == errors.BAD_INPUT
    assert "no feature of forest_stands has the uuid nosuch" in capsys.readouterr().err
    assert not (tmp_path / "no.gpkg").exists()


def test_the_plan_in_postgres_reports_as_the_plan_in_a_geopackage(database, plan_gpkg, tmp_path,
                                                                  capsys):
    """Progress, the plan check and the workbook read the same figures from either master."""
    import shutil
    gpkg = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, gpkg)
    assert main(["init", database, "--from", str(gpkg)]) == 0
    assert main(["init", str(gpkg)]) == 0
    said = {}
    for master_ in (str(gpkg), database):
        capsys.readouterr()
        codes = (main(["progress", master_]), main(["check-plan", master_]))
        said[master_] = (codes, capsys.readouterr().out)
    assert said[str(gpkg)] == said[database]
    out = tmp_path / "report.xlsx"
    assert main(["report", database, "--out", str(out)]) == 0 and out.stat().st_size > 0


def test_an_edit_during_a_resolve_waits_for_it_and_starts_from_its_value(master, capsys,
                                                                          monkeypatch):
    database, u, _, _, c = _edited_in_qgis_and_in_a_package(master, capsys)
    from field_kit.sync import settling
    resolve = settling.resolve
    editor: dict = {}

    def resolve_while_someone_edits(*args, **kwargs):
        out = resolve(*args, **kwargs)
        editor["thread"] = threading.Thread(target=rows, args=(
            database, "UPDATE mine_patches SET phase = 'meanwhile' WHERE uuid = %s", u))
        editor["thread"].start()
        editor["thread"].join(1.0)
        editor["waited"] = editor["thread"].is_alive()  # on the resolve's row lock
        return out
    monkeypatch.setattr(settling, "resolve", resolve_while_someone_edits)
    assert main(["resolve", database, str(c["id"]), "--take", "theirs"]) == 0
    editor["thread"].join(30)
    assert editor["waited"]
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "meanwhile"
    assert value(database, "SELECT status FROM sync_conflicts WHERE id = %s", c["id"]) != "open"
    code, log = changes_json(capsys, "history", database, u)
    settled, edited = log[-2:]  # the edit started from the settled value: nothing lost
    assert settled["origin"] == f"resolve:{c['id']}"
    assert edited["old"] == settled["new"] and edited["new"] == {"phase": "meanwhile"}


def psql(database):
    """A second session, as psql opens it (its edits are logged as its user's)."""
    pg = address.connect(database)
    with pg.cursor() as cur:
        cur.execute("SET application_name = 'psql'")
    pg.commit()
    return pg


def phase(database, u):
    return value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u)


def test_an_edit_in_psql_since_the_merge_is_not_settled_over(master, capsys):
    database, u, _, _, c = _edited_in_qgis_and_in_a_package(master, capsys, qgis_first=True)
    assert (c["ours"], c["theirs"]) == ("from-field", "from-qgis")
    pg = psql(database)
    with pg.cursor() as cur:
        cur.execute("UPDATE mine_patches SET phase = 'fixed in psql' WHERE uuid = %s", (u,))
    pg.commit()
    pg.close()
    capsys.readouterr()
    assert main(["resolve", database, str(c["id"]), "--take", "theirs"]) == errors.REFUSED
    err = capsys.readouterr().err
    code = value(database, "SELECT patch_code FROM mine_patches WHERE uuid = %s", u)
    for named in (f"conflict {c['id']} (mine_patches {code} (row {u}), field phase)",
                  '"from-field" when it was recorded, "fixed in psql" now, changed by '
                  "postgres (psql) at ", "--over-later-edit", "nothing was changed"):
        assert named in err, (named, err)
    assert phase(database, u) == "fixed in psql"
    assert value(database, "SELECT status FROM sync_conflicts WHERE id = %s", c["id"]) == "open"
    assert main(["resolve", database, str(c["id"]), "--take", "theirs",
                 "--over-later-edit"]) == errors.OK
    assert phase(database, u) == "from-qgis"


def test_an_edit_committed_while_resolve_reads_is_not_settled_over(master, capsys):
    """An editor's update of the row is not committed yet when the command starts: the
    command waits for it on the row's lock, then meets its value, and refuses."""
    database, u, _, _, c = _edited_in_qgis_and_in_a_package(master, capsys, qgis_first=True)
    editor = psql(database)
    with editor.cursor() as cur:
        cur.execute("UPDATE mine_patches SET phase = 'meanwhile' WHERE uuid = %s", (u,))
    capsys.readouterr()
    got: dict = {}
    resolving = threading.Thread(target=lambda: got.setdefault("code", main(
        ["resolve", database, str(c["id"]), "--take", "theirs"])))
    resolving.start()
    try:  # commit once the command waits on the editor (it read the conflict already)
        waiting = None
        deadline = time.monotonic() + 60
        while waiting is None and time.monotonic() < deadline and resolving.is_alive():
            waiting = value(database, "SELECT pid FROM pg_stat_activity WHERE %s = ANY("
                            "pg_blocking_pids(pid))", editor.get_backend_pid())
            time.sleep(0.05)
        assert waiting is not None, "the command did not wait for the editor's row"
        editor.commit()
    finally:
        editor.close()
        resolving.join(60)
    err = capsys.readouterr().err
    assert got["code"] == errors.REFUSED, err
    assert '"from-field" when it was recorded, "meanwhile" now' in err, err
    assert phase(database, u) == "meanwhile"


def test_a_column_added_in_postgres_is_captured_at_once_and_reaches_packages(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[:4]
    pkg = checkout(database, tmp, "tab-a")  # before the column exists
    # QGIS's "Add Field" on the PostGIS layer, then values typed in before any command runs
    rows(database, "ALTER TABLE mine_patches ADD COLUMN remarks text")
    rows(database, "ALTER TABLE mine_patches ADD COLUMN visits integer DEFAULT 5")
    for i in range(3):
        rows(database, "UPDATE mine_patches SET remarks = %s WHERE uuid = %s", f"r{i}", u[i])
    code, log = changes_json(capsys, "log", database)
    assert code == 0 and sorted(c["new"]["remarks"] for c in log) == ["r0", "r1", "r2"]
    assert main(["pull", str(pkg), database]) == 0
    assert in_gpkg(pkg, "SELECT remarks FROM mine_patches WHERE uuid = ?", u[1]) == "r1"
    assert in_gpkg(pkg, "SELECT visits FROM mine_patches WHERE uuid = ?", u[3]) == 5
    fresh = checkout(database, tmp, "tab-b")
    assert in_gpkg(fresh, "SELECT remarks FROM mine_patches WHERE uuid = ?", u[2]) == "r2"
    assert in_gpkg(fresh, "SELECT count(*) FROM mine_patches WHERE visits = 5") == 20
    # the field's edits to the new columns come back
    edit(pkg, "UPDATE mine_patches SET remarks = 'fenced', visits = 6 WHERE uuid = ?", u[3])
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0, rep
    assert rows(database, "SELECT remarks, visits FROM mine_patches WHERE uuid = %s",
                u[3]) == [("fenced", 6)]
    # an edit in the database after adoption is captured as before
    rows(database, "UPDATE mine_patches SET remarks = 'gate' WHERE uuid = %s", u[0])
    code, log = changes_json(capsys, "history", database, u[0])
    assert code == 0 and [c["new"].get("remarks") for c in log][-1] == "gate"


@pytest.mark.parametrize("added, then, held", [
    ("visits integer DEFAULT 5", "ALTER COLUMN visits DROP DEFAULT", 5),
    ("visits integer DEFAULT 5", "ALTER COLUMN visits SET DEFAULT 7", 5),
    ("visits integer", "ALTER COLUMN visits SET DEFAULT 7", None),
])
def test_a_column_whose_default_changed_before_any_command_reaches_packages_as_held(
        master, capsys, added, then, held):
    """PostgreSQL fills the rows with a new column's default at ADD COLUMN, logging nothing:
    its default dropped or changed before the next command, a package checked out before got
    the default of now in every row (the master's values never came), and a row the master
    deleted then stayed in the package as "the package keeps the row"."""
    database, src, tmp = master
    u = patch_uuids(src)
    pkg = checkout(database, tmp, "tab-a")
    rows(database, f"ALTER TABLE mine_patches ADD COLUMN {added}")
    rows(database, f"ALTER TABLE mine_patches {then}")
    rows(database, "DELETE FROM mine_patches WHERE uuid = %s", u[0])
    capsys.readouterr()
    assert main(["pull", str(pkg), database]) == 0, capsys.readouterr()
    assert "keeps the row" not in capsys.readouterr().out
    assert in_gpkg(pkg, "SELECT count(*) FROM mine_patches WHERE uuid = ?", u[0]) == 0
    assert in_gpkg(pkg, "SELECT count(*) FROM mine_patches WHERE visits IS ?", held) == 19
    fresh = checkout(database, tmp, "tab-b")
    assert in_gpkg(fresh, "SELECT count(*) FROM mine_patches WHERE visits IS ?", held) == 19
    # the field's edit of the column meets the value it had, not a conflict
    edit(pkg, "UPDATE mine_patches SET visits = 9 WHERE uuid = ?", u[1])
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0 and rep["totals"]["conflict"] == 0, rep
    assert value(database, "SELECT visits FROM mine_patches WHERE uuid = %s", u[1]) == 9


def test_a_new_columns_values_no_logged_edit_wrote_are_named(master, capsys):
    """Values written into a new column with capture switched off (a superuser's replica
    role) have no common ancestor: every command stops, naming the column, and says how on."""
    database, src, tmp = master
    rows(database, "ALTER TABLE mine_patches ADD COLUMN visits integer")
    rows(database, "SET session_replication_role = replica; "
                   "UPDATE mine_patches SET visits = mod(fid, 3)")
    capsys.readouterr()
    assert main(["status", database]) == 8
    said = capsys.readouterr().err
    assert "column visits added to mine_patches" in said and "drop it and add it again" in said
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    zh = in_user_language(said.removeprefix("field-kit: "), "zh")
    assert "新增的字段 visits" in zh and "请删除该字段后重新添加" in zh, zh


@pytest.mark.parametrize("ddl, named", [
    ("ADD COLUMN tags text[]", "mine_patches.tags (of type text[]"),
    ("ADD COLUMN seen timestamp DEFAULT now()", "mine_patches.seen (its default now()"),
    ("ADD COLUMN twice integer GENERATED ALWAYS AS (fid * 2) STORED",
     "mine_patches.twice (generated by the database"),
])
def test_a_column_added_in_postgres_the_sync_cannot_carry_is_named(master, capsys, ddl, named):
    database, src, tmp = master
    rows(database, f"ALTER TABLE mine_patches {ddl}")
    capsys.readouterr()
    assert main(["checkout", database, str(tmp / "x.gpkg"), "--device", "x"]) == 8
    said = capsys.readouterr().err
    assert named in said
    assert not (tmp / "x.gpkg").exists()
    assert main(["status", database]) == 8
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    zh = in_user_language(said.removeprefix("field-kit: "), "zh")
    assert "无法同步" in zh and named.split(" (")[0] in zh
    assert not re.search("[a-z]{4,} [a-z]{4,}", zh), zh  # its reason in Chinese too


def test_a_gis_package_adds_its_new_column_to_postgres(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[:2]
    pkg = checkout(database, tmp, "gis-a")
    other = checkout(database, tmp, "tab-b", role="technician")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN fenced BOOLEAN DEFAULT 0")
    edit(pkg, "UPDATE mine_patches SET fenced = 1 WHERE uuid = ?", u[0])
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0, rep
    assert rows(database, "SELECT uuid, fenced FROM mine_patches WHERE uuid = ANY(%s) "
                "ORDER BY uuid = %s", list(u), u[0]) == [(u[1], False), (u[0], True)]
    # tracked in PostgreSQL from then on, and carried to the other devices
    rows(database, "UPDATE mine_patches SET fenced = true WHERE uuid = %s", u[1])
    assert main(["pull", str(other), database]) == 0
    assert in_gpkg(other, "SELECT group_concat(fenced) FROM (SELECT fenced FROM mine_patches "
                   "WHERE uuid IN (?, ?) ORDER BY uuid)", *sorted(u)) == "1,1"
    # a technician's package may still not change the schema (nor, first, this table)
    edit(other, "ALTER TABLE mine_patches ADD COLUMN graffiti TEXT")
    edit(other, "UPDATE mine_patches SET graffiti = 'x' WHERE uuid = ?", u[0])
    capsys.readouterr()
    assert main(["merge", database, export(other, tmp)]) != 0
    assert "a technician may not change mine_patches" in capsys.readouterr().out
    assert value(database, "SELECT count(*) FROM information_schema.columns WHERE "
                 "column_name = 'graffiti'") == 0


def test_a_gis_packages_new_layer_is_made_in_postgres(master, capsys):
    """A layer a GIS package adds (as ogr2ogr or QGIS writes one) is made in the schema by
    the merge, tracked there from then on and carried to the other packages by pull; a
    technician's is refused whole."""
    database, src, tmp = master
    pkg = checkout(database, tmp, "gis-a")
    other = checkout(database, tmp, "gis-b")
    tech = checkout(database, tmp, "tab-c", role="technician")
    edit(pkg, "UPDATE mine_patches SET phase = 'p9' WHERE uuid = ?", patch_uuids(src)[0])
    (tmp / "wells.csv").write_text("name,depth,lon,lat\nw1,12.5,88.70,42.85\nw2,,88.71,42.86\n")
    subprocess.run(["ogr2ogr", "-update", str(pkg), str(tmp / "wells.csv"), "-f", "GPKG",
                    "-nln", "wells", "-a_srs", "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon",
                    "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"], check=True)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0, rep
    assert rep["merges"][0]["layers_added"] == ["wells"]
    assert rows(database, "SELECT name, depth, ST_SRID(geom), ST_AsText(geom) FROM wells "
                "ORDER BY name") == [("w1", 12.5, 4490, "POINT(88.7 42.85)"),
                                     ("w2", None, 4490, "POINT(88.71 42.86)")]
    assert value(database, "SELECT count(*) FROM sync_changes WHERE tbl = 'wells' AND "
                 "op = 'insert'") == 2
    assert value(database, "SELECT count(*) FROM mine_patches WHERE phase = 'p9'") == 1
    # captured in PostgreSQL from then on, and pulled by the others as a layer
    rows(database, "UPDATE wells SET depth = 30 WHERE name = 'w2'")
    assert value(database, "SELECT count(*) FROM sync_changes WHERE tbl = 'wells' AND "
                 "op = 'update' AND origin = 'local'") == 1
    assert main(["pull", str(other), database]) == 0
    assert in_gpkg(other, "SELECT group_concat(name || ':' || coalesce(depth, '-')) FROM "
                   "(SELECT * FROM wells ORDER BY name)") == "w1:12.5,w2:30.0"
    assert main(["checkout", database, str(tmp / "fresh.gpkg"), "--device", "fresh"]) == 0
    assert in_gpkg(tmp / "fresh.gpkg", "SELECT count(*) FROM wells") == 2
    assert in_gpkg(tmp / "fresh.gpkg", "SELECT geometry_type_name || srs_id FROM "
                   "gpkg_geometry_columns WHERE table_name = 'wells'") == "POINT4490"
    # a technician's package may not add one
    with connect(tech) as c:
        c.execute("CREATE TABLE springs (fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('springs', 'attributes', 'springs')")
        c.execute("INSERT INTO springs (name) VALUES ('s1')")
    code, rep = cli_json(capsys, "merge", database, export(tech, tmp))
    assert code == errors.REFUSED, rep
    assert "table springs is not in the master: a technician's package does not add " \
        "layers" in rep["refused"][0]["reason"]
    assert value(database, "SELECT count(*) FROM information_schema.tables WHERE "
                 "table_name = 'springs'") == 0


def test_an_edit_postgres_refused_is_sent_again_after_a_pull(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "gis-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'p2', area_m2 = 'abc' WHERE uuid = ?", u)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == errors.REFUSED, rep
    edit(pkg, "UPDATE mine_patches SET area_m2 = 5 WHERE uuid = ?", u)
    # (the mended edit met the refused value as its ancestor: a conflict, its value applied)
    assert cli_json(capsys, "merge", database, export(pkg, tmp))[0] == errors.CONFLICTS
    capsys.readouterr()
    assert main(["pull", str(pkg), database]) == 0
    said = capsys.readouterr().out
    code = value(database, "SELECT patch_code FROM mine_patches WHERE uuid = %s", u)
    assert "1 edit this device sent was refused by the master" in said and \
        f"your edit of mine_patches {code} (phase, area_m2) was refused: area_m2: 'abc' is " \
        "not a number (REAL); what the package still holds of it (phase) is sent again with " \
        "the next export" in said, said
    assert cli_json(capsys, "merge", database, export(pkg, tmp))[0] == 0
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "p2"


def test_a_layer_added_to_postgres_is_tracked_by_the_next_command(master, capsys):
    database, src, tmp = master
    pkg = checkout(database, tmp, "gis-a")  # before the layer exists
    # a layer loaded into the schema (DB Manager, ogr2ogr), rows and all, then one without a key
    rows(database, "CREATE TABLE forest_stands (id serial PRIMARY KEY, species text, "
         "area_ha double precision, geom geometry(Polygon, 4490))")
    for i in range(3):
        rows(database, "INSERT INTO forest_stands (species, area_ha, geom) VALUES (%s, %s, "
             "ST_MakeEnvelope(89, 42, 89.1, 42.1, 4490))", f"sp{i}", i + 0.5)
    rows(database, "CREATE TABLE loose_notes (note text)")
    code, st = cli_json(capsys, "status", database)
    assert code == 0 and st["not_tracked"] == {
        "loose_notes": "no single-column integer primary key (rows have no stable key)"}
    assert main(["pull", str(pkg), database]) == 0
    assert in_gpkg(pkg, "SELECT group_concat(species) FROM (SELECT species FROM forest_stands "
                   "ORDER BY species)") == "sp0,sp1,sp2"
    assert in_gpkg(pkg, "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = "
                   "'forest_stands'") == 4490
    # edits both ways from then on
    u = value(database, "SELECT uuid FROM forest_stands WHERE species = 'sp1'")
    edit(pkg, "UPDATE forest_stands SET area_ha = 9.5 WHERE uuid = ?", u)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0, rep
    assert value(database, "SELECT area_ha FROM forest_stands WHERE uuid = %s", u) == 9.5
    rows(database, "UPDATE forest_stands SET species = 'elm' WHERE uuid = %s", u)
    code, log = changes_json(capsys, "history", database, u)
    assert [c["op"] for c in log] == ["insert", "update", "update"]
    # a layer left out is taken up when named, once it can be tracked
    rows(database, "ALTER TABLE loose_notes ADD COLUMN id serial PRIMARY KEY")
    capsys.readouterr()
    assert main(["init", database, "--tables", "loose_notes"]) == 0
    assert "tracked: loose_notes" in capsys.readouterr().out
    code, st = cli_json(capsys, "status", database)
    assert st["not_tracked"] == {}


def staged_copies(monkeypatch) -> list:
    """What every stage copies from then on, as (table, condition); "" for a whole table."""
    from field_kit.sync.postgis.stage import Stage
    copied: list = []
    copy = Stage.copy

    def spy(self, name, where="", params=(), **kwargs):
        copied.append((name, where))
        return copy(self, name, where, params, **kwargs)
    monkeypatch.setattr(Stage, "copy", spy)
    return copied


def test_reading_commands_stage_only_what_they_need(master, capsys, monkeypatch):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a")
    rows(database, "UPDATE mine_patches SET mineral = 'copper' WHERE uuid = %s", u)
    copied = staged_copies(monkeypatch)
    layers = {"mine_patches", "restoration_projects", "patch_verifications",
              "project_inspections", "photos"}
    for argv in (["status", database], ["conflicts", database], ["history", database, u],
                 ["pull", str(pkg), database]):
        copied.clear()
        assert main(argv) == 0, argv
        whole = {name for name, where in copied if not where}
        assert "sync_changes" not in whole and not whole & layers, argv
    assert in_gpkg(pkg, "SELECT mineral FROM mine_patches WHERE uuid = ?", u) == "copper"


def test_a_row_a_merge_takes_out_and_puts_back_keeps_its_key_in_postgres(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a, b = checkout(database, tmp, "gis-a"), checkout(database, tmp, "gis-b")
    fid = value(database, "SELECT fid FROM mine_patches WHERE uuid = %s", u)
    edit(a, "DELETE FROM mine_patches WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'kept' WHERE uuid = ?", u)
    code, rep = cli_json(capsys, "merge", database, export(a, tmp), export(b, tmp))
    assert code in (0, 1), rep
    assert rows(database, "SELECT fid FROM mine_patches WHERE uuid = %s", u) in ([], [(fid,)])
    # the key sequence and the keys agree: new rows are numbered without a clash
    rows(database, "INSERT INTO mine_patches (patch_code) SELECT 'N' || g FROM "
         "generate_series(1, 50) g")


def test_status_and_log_read_a_postgres_master(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    checkout(database, tmp, "tab-a")
    rows(database, "UPDATE mine_patches SET phase = 'near' WHERE uuid = %s", u)
    code, st = cli_json(capsys, "status", database)
    assert code == 0 and st["kind"] == "master" and st["capture_problems"] == []
    assert [d["device"] for d in st["devices"]] == ["tab-a"]
    assert st["file"] == "PostgreSQL " + value(database, "SELECT current_database()") + \
        " (schema toksun)"
    code, log = changes_json(capsys, "log", database)
    assert [(c["row_uuid"], c["new"]) for c in log] == [(u, {"phase": "near"})]
    rows(database, "UPDATE mine_patches SET phase = 'far' WHERE uuid = %s", u)
    code, log = changes_json(capsys, "log", database, "--limit", "1")
    assert code == 0 and [c["new"] for c in log] == [{"phase": "far"}]


def test_capture_switched_off_in_postgres_is_caught_and_repaired(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    rows(database, "ALTER TABLE mine_patches DISABLE TRIGGER toksun_capture")
    rows(database, "UPDATE mine_patches SET phase = 'unseen' WHERE uuid = %s", u)
    capsys.readouterr()
    assert main(["status", database]) == 8
    said = capsys.readouterr().err
    assert "mine_patches" in said
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    assert "历史遗留矿山图斑（mine_patches）的修改记录不完整" in in_user_language(
        said.removeprefix("field-kit: "), "zh")
    assert main(["checkout", database, str(tmp / "x.gpkg"), "--device", "x"]) == 8
    assert main(["repair", database]) == 3  # the edit made meanwhile cannot be vouched for
    assert "mine_patches" in capsys.readouterr().out
    rows(database, "UPDATE mine_patches SET phase = 'seen' WHERE uuid = %s", u)
    assert main(["status", database]) == 0
    assert main(["repair", database]) == 0
    assert value(database, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s", u) == 1


def test_import_into_a_postgres_master_says_it_works_on_geopackages(master, capsys):
    database, src, _ = master
    assert main(["import", database, src, "--layer", "mine_patches"]) == 2
    assert "GeoPackage master" in capsys.readouterr().err


def _uuids(path, tbl):
    conn = connect(path, readonly=True)
    try:
        return {r[0] for r in conn.execute(f"SELECT uuid FROM {tbl}")}
    finally:
        conn.close()


def test_checkout_pull_and_undo_stage_only_the_rows_they_concern(database, tmp_path, capsys,
                                                                 monkeypatch):
    """A package cut to a township or a box, its pull, and an undo stage the rows they
    concern, never a layer they cut, the whole log or the fates; the packages hold the rows
    a GeoPackage master with the same data gives."""
    from tests.unit.gpkg_factory import add_photo
    src = make_gpkg(tmp_path / "src.gpkg", patches=20, verifications=8)
    conn = connect(src)
    verifications = conn.execute("SELECT v.uuid, p.township FROM patch_verifications v JOIN "
                                 "mine_patches p ON p.uuid = v.patch_uuid").fetchall()
    for n, (record, _) in enumerate(verifications):
        add_photo(conn, record, f"photo {n}".encode())
    box = conn.execute("SELECT minx, miny, maxx, maxy FROM rtree_mine_patches_geom "
                       "ORDER BY id LIMIT 1").fetchone()
    conn.close()
    # a layer of the county's own: one stand in the box, one far from it
    within = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    stands = tmp_path / "stands.csv"
    stands.write_text(f'WKT,stand_id\n"POINT ({within[0]} {within[1]})",IN\n'
                      f'"POINT ({within[0] + 1} {within[1]})",OUT\n')
    import subprocess
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", src, str(stands), "-nln",
                    "forest_stands", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo",
                    "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom"],
                   check=True, capture_output=True)
    assert main(["init", src]) == 0
    town = verifications[0][1]
    assert main(["init", database, "--from", src]) == 0
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp_path, "tab-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'done' WHERE uuid = ?", u)
    code, out = cli_json(capsys, "merge", database, export(pkg, tmp_path))
    assert code == 0
    merge_id = out["merges"][0]["merge_id"]

    copied = staged_copies(monkeypatch)
    cut = {"mine_patches", "restoration_projects", "patch_verifications", "photos",
           "attachments", "forest_stands"}
    log = {"sync_changes", "sync_applied", "sync_conflicts"}
    for how in (["--township", town], ["--bbox", ",".join(map(str, box))]):
        copied.clear()
        from_pg, from_gpkg = tmp_path / f"pg{how[0]}.gpkg", tmp_path / f"g{how[0]}.gpkg"
        assert main(["checkout", database, str(from_pg), "--device", f"pg{how[0][2:]}",
                     *how]) == 0
        whole = {name for name, where in copied if not where}
        assert not whole & (cut | log) - ({"forest_stands"} if how[0] == "--township" else
                                          set()), (how, whole)
        assert main(["checkout", src, str(from_gpkg), "--device", f"g{how[0][2:]}",
                     *how]) == 0
        for tbl in cut - {"attachments"}:
            assert _uuids(from_pg, tbl) == _uuids(from_gpkg, tbl), (how, tbl)
        assert _uuids(from_pg, "mine_patches") < _uuids(src, "mine_patches")
        assert in_gpkg(from_pg, "SELECT count(*) FROM attachments") == \
            in_gpkg(from_gpkg, "SELECT count(*) FROM attachments") > 0
    assert in_gpkg(from_pg, "SELECT group_concat(stand_id) FROM forest_stands") == "IN"
    # a whole checkout stages every row, but only the log's newest change
    copied.clear()
    assert main(["checkout", database, str(tmp_path / "all.gpkg"), "--device", "all"]) == 0
    assert not {name for name, where in copied if not where} & log
    assert in_gpkg(tmp_path / "all.gpkg", "SELECT count(*) FROM mine_patches") == 20

    # a patch moves into the township in the database: the pull brings it, staging the cut
    township_pkg = tmp_path / "pg--township.gpkg"
    incomer = rows(database, "SELECT uuid FROM mine_patches WHERE township <> %s LIMIT 1",
                   town)[0][0]
    rows(database, "UPDATE mine_patches SET township = %s WHERE uuid = %s", town, incomer)
    # and one is added elsewhere: the pull leaves it out
    rows(database, "INSERT INTO mine_patches (patch_code, township) VALUES ('TKX-FAR', %s)",
         "elsewhere")
    far = value(database, "SELECT uuid FROM mine_patches WHERE patch_code = 'TKX-FAR'")
    copied.clear()
    assert main(["pull", str(township_pkg), database]) == 0
    assert not {name for name, where in copied if not where} & (cut | log)
    assert incomer in _uuids(township_pkg, "mine_patches")
    assert far not in _uuids(township_pkg, "mine_patches")

    copied.clear()
    assert main(["undo-merge", database, merge_id]) == 0
    assert not {name for name, where in copied if not where} & (cut | log)
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u) == "planned"
    assert value(database, "SELECT count(*) FROM sync_applied WHERE merge_id = %s",
                 merge_id) == 0


def test_a_qfield_project_checks_out_of_postgres(master):
    database, src, tmp = master
    out = tmp / "qfield-a"
    assert main(["checkout", database, str(out), "--device", "q-a", "--for", "qfield"]) == 0
    assert in_gpkg(out / "package.gpkg", "SELECT count(*) FROM mine_patches") == 20
    assert value(database, "SELECT role FROM sync_devices WHERE device = 'q-a'") == "technician"
    # editable as the master's grants say: the technician fills the records, reads the plan
    layers = {e.findtext("id"): e.get("readOnly") for e in
              ET.parse(out / "qfield-a.qgs").getroot().iter("maplayer")}
    assert (layers["toksun_patch_verifications"], layers["toksun_mine_patches"]) == ("0", "1")


def test_capture_triggers_follow_the_schema_to_its_new_owner(master, cluster):
    """Capture is switched off only for the schema's owner: its triggers name it, and are
    renewed by the next command when the schema changes hands (or was captured by an
    earlier version's triggers, which named no one)."""
    database, src, _ = master
    db = value(database, "SELECT current_database()")
    cluster.sql("CREATE ROLE keeper")
    cluster.sql("ALTER SCHEMA toksun OWNER TO keeper", db=db)
    keeper = value(database, "SELECT oid::int FROM pg_roles WHERE rolname = 'keeper'")

    def named(tbl):
        return value(database, "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = "
                     "'toksun_capture' AND tgrelid = %s::regclass", tbl)
    assert f"({keeper})::oid" not in named("mine_patches")
    # and an earlier version's capture function, which the next command replaces
    body = value(database, "SELECT pg_get_functiondef('toksun_capture'::regproc)")
    cluster.sql(f"SET search_path = toksun, public; "
                f"{body.replace(sql.VERSION, 'an earlier capture')}", db=db)
    assert sql.VERSION not in value(database, "SELECT prosrc FROM pg_proc WHERE proname = "
                                    "'toksun_capture'")
    rows(database, "DROP TRIGGER toksun_capture ON photos; CREATE TRIGGER toksun_capture "
         "AFTER INSERT OR UPDATE OR DELETE ON photos FOR EACH ROW EXECUTE FUNCTION "
         "toksun_capture('', '[]', '[]', '[\"fid\", \"uuid\"]')")
    assert main(["status", database]) == 0
    for tbl in ("mine_patches", "photos"):
        assert f"({keeper})::oid" in named(tbl), tbl
    assert sql.VERSION in value(database, "SELECT prosrc FROM pg_proc WHERE proname = "
                                "'toksun_capture'")
    # and capture still logs an edit made with capture switched off by anyone else
    cluster.sql("CREATE ROLE outsider LOGIN", db=db)
    cluster.sql("GRANT USAGE ON SCHEMA toksun TO outsider; GRANT UPDATE, SELECT ON "
                "toksun.mine_patches TO outsider", db=db)
    u = patch_uuids(src)[0]
    rows(cluster.address(db, user="outsider"), "SET toksun.capture = 'off'; "
         "UPDATE mine_patches SET phase = 'sneaky' WHERE uuid = %s", u)
    assert value(database, "SELECT new::jsonb ->> 'phase' FROM sync_changes WHERE row_uuid = %s "
                 "ORDER BY seq DESC LIMIT 1", u) == "sneaky"


def test_a_geometry_edited_in_the_database_is_logged_as_its_geopackage_blob(master):
    """Capture compares a geometry by its bytes and logs it as the blob a GeoPackage holds,
    beside the other fields that changed, and nothing of a geometry that did not move."""
    database, src, _ = master
    u = patch_uuids(src)[0]
    before = value(database, "SELECT upper(encode(toksun_gpkg(geom), 'hex')) FROM "
                   "mine_patches WHERE uuid = %s", u)
    rows(database, "UPDATE mine_patches SET geom = ST_Translate(geom, 0.001, 0), phase = 'moved' "
         "WHERE uuid = %s", u)
    rows(database, "UPDATE mine_patches SET phase = 'still' WHERE uuid = %s", u)
    after = value(database, "SELECT upper(encode(toksun_gpkg(geom), 'hex')) FROM "
                  "mine_patches WHERE uuid = %s", u)
    log = [(json.loads(o), json.loads(n)) for o, n in rows(
        database, "SELECT old, new FROM sync_changes WHERE row_uuid = %s ORDER BY seq", u)]
    assert log == [({"geom": before, "phase": "planned"}, {"geom": after, "phase": "moved"}),
                   ({"phase": "moved"}, {"phase": "still"})]


def test_a_column_added_with_a_default_reads_as_its_default_in_rows_written_before(master):
    """Rows written before a column was added with a default do not hold it on disk: their
    edits log it as the default, and an edit of another field logs that field alone."""
    database, src, _ = master
    u = patch_uuids(src)[0]
    rows(database, "ALTER TABLE mine_patches ADD COLUMN fenced boolean DEFAULT false")
    rows(database, "UPDATE mine_patches SET phase = 'near' WHERE uuid = %s", u)
    rows(database, "UPDATE mine_patches SET fenced = true WHERE uuid = %s", patch_uuids(src)[1])
    log = [(json.loads(o), json.loads(n)) for o, n in rows(
        database, "SELECT old, new FROM sync_changes ORDER BY seq")]
    assert log == [({"phase": "planned"}, {"phase": "near"}), ({"fenced": 0}, {"fenced": 1})]


def test_a_column_added_and_written_in_one_transaction_is_captured(master):
    """QGIS, a script: the column added and its values written before the commit are logged
    with the rest of the row's changes."""
    database, src, _ = master
    u = patch_uuids(src)[0]
    rows(database, "UPDATE mine_patches SET phase = 'near' WHERE uuid = %s; "
         "ALTER TABLE mine_patches ADD COLUMN remarks text; "
         "UPDATE mine_patches SET remarks = 'fenced', phase = 'far' WHERE uuid = %s", u, u)
    log = [(json.loads(o), json.loads(n)) for o, n in rows(
        database, "SELECT old, new FROM sync_changes WHERE row_uuid = %s ORDER BY seq", u)]
    assert log == [({"phase": "planned"}, {"phase": "near"}),
                   ({"phase": "near", "remarks": None}, {"phase": "far", "remarks": "fenced"})]


def test_a_layer_whose_name_a_geopackage_or_the_sync_reserves_is_named_not_tracked(
        master, capsys):
    database, _, tmp = master
    for name in ("gpkg_mine", "sqlite_notes", "rtree_mine_patches_geom", "sync_points",
                 "sync_changes_user"):
        rows(database, f"CREATE TABLE {name} (id serial PRIMARY KEY, note text)")
        rows(database, f"INSERT INTO {name} (note) VALUES ('kept')")
    code, st = cli_json(capsys, "status", database)
    assert code == 0, st
    for name in ("gpkg_mine", "sqlite_notes", "rtree_mine_patches_geom"):
        assert "reserved in a GeoPackage" in st["not_tracked"][name]
    for name in ("sync_points", "sync_changes_user"):
        assert "reserved for the sync's own tables" in st["not_tracked"][name]
    pkg = checkout(database, tmp, "gis-r")
    for name in ("gpkg_mine", "sqlite_notes", "sync_points"):
        assert in_gpkg(pkg, "SELECT count(*) FROM sqlite_master WHERE name = ?", name) == 0
    assert main(["pull", str(pkg), database]) == 0
    edit(pkg, "UPDATE mine_patches SET township = 'x' WHERE fid = 1")
    assert main(["merge", database, export(pkg, tmp)]) == 0
    capsys.readouterr()
    # (the one table asked for cannot be tracked: refused, naming it with why)
    assert main(["init", database, "--tables", "sync_points"]) == 2
    said = capsys.readouterr().err
    assert "can be tracked: sync_points: its name is reserved for the sync's own tables " \
        "(sync_…): rename the table to track it; none was tracked" in said, said
    assert value(database, "SELECT note FROM sync_points") == "kept"


def test_a_checkout_the_database_refuses_to_register_leaves_no_package(master, monkeypatch,
                                                                        capsys):
    from field_kit.errors import Busy
    from field_kit.sync.postgis import stage
    database, _, tmp = master

    def refused(self, **kwargs):
        raise Busy("in use by another checkout; nothing was changed: run it again")
    monkeypatch.setattr(stage.Stage, "write_back", refused)
    out = tmp / "late.gpkg"
    assert main(["checkout", database, str(out), "--device", "late"]) == 7
    assert not out.exists() and not list(tmp.glob("late.gpkg*"))
    assert value(database, "SELECT count(*) FROM sync_devices WHERE device = 'late'") == 0


def test_a_schema_that_is_not_there_or_holds_no_master_is_named(master, capsys,
                                                                 monkeypatch):
    """A schema with no master is named, with what makes it one: field-kit init on the
    PostgreSQL address naming that schema, and the schemas of the database that do hold a
    master (in Chinese too)."""
    database, src, tmp = master
    db = value(database, "SELECT current_database()")
    no_master = (
        f"schema public of database {db} holds no master: make it one with field-kit init "
        "on the master's address naming schema public (postgresql://…?schema=public or "
        "service=NAME schema=public), which installs change capture on its tables, or with "
        "field-kit init ADDRESS --from GPKG, which publishes a GeoPackage there; the master "
        f"of database {db} is in schema toksun\n")
    pkg = checkout(database, tmp, "m1")  # a change package of the toksun master's
    edit(pkg, "UPDATE mine_patches SET phase = 'done' WHERE uuid = ?", patch_uuids(src)[0])
    changes = export(pkg, tmp)
    for schema, said in (("nosuch", f"schema nosuch does not exist in database {db}: name "
                                    "the master's schema (…?schema=NAME or schema=NAME), or "
                                    "publish one there with field-kit init ADDRESS --from "
                                    f"GPKG; the master of database {db} is in schema toksun"),
                         ("public", no_master)):
        address = database.replace("schema=toksun", f"schema={schema}")
        for argv in (["status", address], ["progress", address],
                     ["checkout", address, str(tmp / "x.gpkg"), "--device", "x"],
                     ["merge", address, changes]):
            capsys.readouterr()
            assert main(argv) == 2, argv
            assert said in capsys.readouterr().err, argv
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["progress", database.replace("schema=toksun", "schema=public")]) == 2
    assert capsys.readouterr().err == "field-kit: " + no_master + (
        f"field-kit: 数据库 {db} 的模式 public 中没有主库：请对主库地址"
        "（postgresql://…?schema=public 或 service=名称 schema=public）运行 field-kit init，"
        "为其中的表安装修改记录；或运行 field-kit init 地址 --from GPKG，把 GeoPackage 发布到"
        "该模式；该数据库中主库所在的模式：toksun\n")


def test_a_mistyped_schema_names_the_schemas_that_hold_a_master(database, cluster, tmp_path,
                                                                capsys, monkeypatch):
    """The schemas of the database holding a master are named beside the one not found
    (none, one, or several), so a schema mistyped, or the default taken where the master has a
    name of its own, is put right at once."""
    db = value(database, "SELECT current_database()")
    wrong = database.replace("schema=toksun", "schema=toksum")
    # a table of the template's name alone makes no master: never offered, said to hold none
    cluster.sql("CREATE SCHEMA stray; CREATE TABLE stray.sync_template (id int)", db=db)
    assert main(["status", database.replace("schema=toksun", "schema=stray")]) == 2
    assert f"schema stray of database {db} holds no master" in capsys.readouterr().err
    for made, there, zh in (
            ((), f"; no schema of database {db} holds a master",
             "；该数据库的任何模式中都没有主库"),
            (("county",), f"; the master of database {db} is in schema county",
             "；该数据库中主库所在的模式：county"),
            (("prov",), f"; the masters of database {db} are in schemas county, prov",
             "；该数据库中主库所在的模式：county、prov")):
        for schema in made:
            src = make_gpkg(tmp_path / f"{schema}.gpkg", patches=2)
            assert main(["init", database.replace("schema=toksun", f"schema={schema}"),
                         "--from", str(src)]) == 0
        monkeypatch.setenv("FIELD_KIT_LANG", "en")
        capsys.readouterr()
        assert main(["status", wrong]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"field-kit: schema toksum does not exist in database {db}: ")
        assert err.endswith(there + "\n"), err
        monkeypatch.setenv("FIELD_KIT_LANG", "zh")
        assert main(["status", wrong]) == 2
        assert capsys.readouterr().err.endswith(zh + "\n")
    # a role that may use neither schema is not offered them
    cluster.sql(f"CREATE ROLE {db}_reader LOGIN")
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    assert main(["status", wrong.replace("user=postgres", f"user={db}_reader")]) == 2
    assert capsys.readouterr().err.endswith(f"; no schema of database {db} holds a master\n")


@pytest.mark.parametrize("schema", ["Toksun", "Big One"])
def test_a_master_in_a_schema_named_with_capitals_or_a_space_works(database, tmp_path, capsys,
                                                                   schema):
    """A schema QGIS users name as they like (capitals, a space) is the master's schema
    everywhere: it was read as an unquoted name (``toksun``, or "invalid name syntax")."""
    address = database.replace("schema=toksun", f"schema='{schema}'")
    src = make_gpkg(tmp_path / "m.gpkg", patches=3)
    assert main(["init", address, "--from", str(src)]) == 0
    assert main(["status", address]) == 0
    pkg = tmp_path / "p.gpkg"
    assert main(["checkout", address, str(pkg), "--device", "d1", "--role", "gis"]) == 0
    edit(pkg, "UPDATE mine_patches SET township = 'Bostan' WHERE fid = 1")
    assert main(["export", str(pkg), str(tmp_path / "p.zip")]) == 0
    assert main(["merge", address, str(tmp_path / "p.zip")]) == 0
    capsys.readouterr()
    assert main(["log", address, "--limit", "1", "--json"]) == 0
    assert log_of(capsys.readouterr().out)["changes"][0]["new"] == {"township": "Bostan"}


def test_a_master_that_cannot_be_reached_is_named_by_its_database_and_schema(cluster,
                                                                            capsys):
    """libpq's reason is said, without the address's host, port or user it tried."""
    address = cluster.address("province", user="li").replace(f"port={cluster.port}",
                                                             f"port={cluster.port + 1}")
    capsys.readouterr()
    assert main(["status", address]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to province (schema toksun): No such file or directory. Is the " \
        "server running" in err, err
    for part in ("host=", "user=", cluster.dir, str(cluster.port + 1)):
        assert part not in err, (part, err)


def test_a_connection_lost_during_a_merge_is_named_and_changes_nothing(master, monkeypatch,
                                                                        capsys):
    from field_kit.sync.postgis import stage
    database, _, tmp = master
    pkg = checkout(database, tmp, "gis-lost")
    edit(pkg, "UPDATE mine_patches SET township = 'gone' WHERE fid = 1")
    zipped = export(pkg, tmp)
    write_back = stage.Stage.write_back

    def server_stops(self, **kwargs):  # as pg_ctl stop does to every session
        pid = self.pg.get_backend_pid()
        rows(database, "SELECT pg_terminate_backend(%s)", pid)
        return write_back(self, **kwargs)
    monkeypatch.setattr(stage.Stage, "write_back", server_stops)
    capsys.readouterr()
    assert main(["merge", database, zipped]) == 2
    err = capsys.readouterr().err
    db = value(database, "SELECT current_database()")
    assert f"connection to the database {db} (schema toksun) lost" in err, err
    assert "run it again" in err
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    assert f"与数据库 {db}（模式 toksun）的连接中断" in in_user_language(
        err.strip().removeprefix("field-kit: "), "zh")
    assert value(database, "SELECT count(*) FROM mine_patches WHERE township = 'gone'") == 0
    monkeypatch.undo()
    assert main(["merge", database, zipped]) == 0
    assert value(database, "SELECT count(*) FROM mine_patches WHERE township = 'gone'") == 1


def test_a_layer_added_to_postgres_reaches_a_package_with_the_masters_keys(master, capsys):
    """A county's own data may refer to rows by their key: a pull that brings a new layer
    gives each row the key it has in the master, as a checkout does, also for a row edited
    or deleted since the layer was tracked."""
    database, src, tmp = master
    pkg = checkout(database, tmp, "og1")
    rows(database, "CREATE TABLE plots (id serial PRIMARY KEY, code text)")
    rows(database, "INSERT INTO plots (code) SELECT 'P' || i FROM generate_series(1, 10) i")
    assert main(["status", database]) == 0  # tracked: its rows logged as inserts
    rows(database, "UPDATE plots SET code = 'P3b' WHERE id = 3")
    rows(database, "DELETE FROM plots WHERE id = 4")
    rows(database, "INSERT INTO plots (code) VALUES ('P11')")
    capsys.readouterr()
    assert main(["pull", str(pkg), database]) == 0
    assert "conflicts 0" in capsys.readouterr().out
    held = rows(database, "SELECT id, code FROM plots ORDER BY id")
    assert [tuple(r) for r in held] == [(i, f"P{i}" if i != 3 else "P3b")
                                       for i in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)]
    fresh = checkout(database, tmp, "og2")
    for got in (pkg, fresh):
        conn = connect(got, readonly=True)
        try:
            assert conn.execute("SELECT id, code FROM plots ORDER BY id").fetchall() == held
        finally:
            conn.close()


def waited_on_a_lock(capsys, monkeypatch, holder, argv) -> str:
    """Run the command ``argv`` while the session ``holder`` holds mine_patches locked, as
    psql, for 2 s; that it waited and succeeded; what it said meanwhile."""
    from field_kit.sync.postgis import waiting
    monkeypatch.setattr(waiting, "EVERY_S", 0.3)
    with holder.cursor() as cur:
        cur.execute("SET application_name = 'psql'")
        cur.execute("LOCK TABLE mine_patches IN ACCESS EXCLUSIVE MODE")
    threading.Timer(2.0, holder.commit).start()
    capsys.readouterr()
    start = time.monotonic()
    try:
        assert main(argv) == 0
    finally:
        holder.close()
    assert time.monotonic() - start >= 1.5  # it waited for the lock
    return capsys.readouterr().err


def test_a_command_waiting_on_a_lock_says_who_holds_it(master, capsys, monkeypatch):
    """A table locked in psql keeps a command waiting as long as it is held: the command
    says who holds it, then goes on once it is let go."""
    database, src, tmp = master
    said = waited_on_a_lock(capsys, monkeypatch, address.connect(database),
                            ["checkout", database, str(tmp / "w.gpkg"), "--device", "w"])
    assert "waiting for a lock held by postgres (psql, process" in said, said
    assert "LOCK TABLE mine_patches" in said


def test_a_command_waiting_on_a_lock_says_it_in_chinese_too(master, capsys, monkeypatch):
    """The one line while the command seems to hang, in the user's language as every
    other (it came in English alone)."""
    database, _, tmp = master
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    said = waited_on_a_lock(capsys, monkeypatch, address.connect(database),
                            ["checkout", database, str(tmp / "w.gpkg"), "--device", "w"])
    waits = [line for line in said.splitlines() if "waiting for a lock held by" in line]
    assert waits, said
    assert chinese(waits[0][len("field-kit: "):]) in said, said
    assert chinese(waits[0]) != waits[0]


def test_a_master_addressed_by_its_service_is_named_by_its_database(database, cluster,
                                                                   tmp_path, monkeypatch,
                                                                   capsys):
    """The service file names the database: messages name the master by it and its schema,
    as a person knows it, not by the word "service"."""
    db = value(database, "SELECT current_database()")
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[county]\nhost={cluster.dir}\nport={cluster.port}\ndbname={db}\n"
                        "user=postgres\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    capsys.readouterr()
    assert main(["init", "service=county schema=toksun", "--from", src]) == 0
    assert f"published into PostgreSQL {db} (schema toksun) with change capture" in \
        capsys.readouterr().out


def test_a_geometry_conflict_reads_alike_whichever_side_gave_it(master, capsys):
    """A shape PostGIS gives back is a blob of its own (another header, its byte order and
    envelope); listed as a conflict's side it reads as the same shape written into a
    GeoPackage does, as on a GeoPackage master, in the listing and in --json; what is
    stored stays as it is."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    ancestor = in_gpkg(src, "SELECT geom FROM mine_patches WHERE uuid = ?", u)
    pkg = checkout(database, tmp, "tab-a")  # (which holds it as PostGIS gave it)
    edit(pkg, "UPDATE mine_patches SET geom = ? WHERE uuid = ?", _square(89.1, 42.5), u)
    in_db = _square(89.3, 42.5)
    rows(database, "UPDATE mine_patches SET geom = ST_GeomFromWKB(%s, 4490) WHERE uuid = %s",
         in_db[40:], u)
    cli_json(capsys, "merge", database, export(pkg, tmp))
    code, (c,) = cli_json(capsys, "conflicts", database)
    assert code == 1 and c["field"] == "geom"
    assert (c["ancestor"], c["ours"], c["theirs"]) == (
        ancestor.hex().upper(), in_db.hex().upper(), _square(89.1, 42.5).hex().upper())
    capsys.readouterr()
    assert main(["conflicts", database]) == 1
    listed = capsys.readouterr().out
    # each side by its shape, PostGIS's blob as a GeoPackage's: kind, centre and area
    assert "| ours polygons @ 89.300500, 42.500500, 9,131 m² | theirs polygons @ 89.100500, " \
        "42.500500, 9,131 m²" in listed, listed
    stored = value(database, "SELECT ours FROM sync_conflicts")
    assert not json.loads(stored).startswith("47500003"), stored  # (PostGIS's, as it was)


def test_history_of_an_unknown_row_says_what_it_takes(master, capsys):
    """A PostgreSQL master, as a GeoPackage one, finds a patch by its code too, and says
    so of a name it does not know."""
    database, _, _ = master
    capsys.readouterr()
    assert main(["history", database, "CT-nope"]) == 2
    err = capsys.readouterr().err
    assert "no recorded change for row CT-nope (history takes a row's uuid, or a patch code, " \
        "project id or program id, or a feature's name)" in err, err


def test_history_names_a_program_by_its_id(database, tmp_path, capsys):
    """A restoration program by its id, as its projects name it, on a PostgreSQL master
    too (its stage copies the rows a name names)."""
    from tests.unit.test_history_by_program_id import PROGRAM, master_with_a_program
    assert main(["init", database, "--from", master_with_a_program(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["history", database, "P1"]) == 0
    assert f"P1 is row {PROGRAM} of restoration_programs" in capsys.readouterr().out


def test_history_by_a_patch_code_names_the_verifications_on_it(database, plan_gpkg, tmp_path,
                                                               capsys):
    """The records on a patch asked by its code, on a PostgreSQL master too (its stage
    copies the records a code names)."""
    import shutil

    from tests.unit.test_history_of_a_patch_names_its_records import PATCH
    gpkg = shutil.copyfile(plan_gpkg, tmp_path / "m.gpkg")
    edit(gpkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) SELECT "
               "uuid, patch_code, '2025-05-20' FROM mine_patches WHERE patch_code = ?", PATCH)
    assert main(["init", database, "--from", str(gpkg)]) == 0
    capsys.readouterr()
    assert main(["history", database, PATCH]) == 0
    out = capsys.readouterr().out
    assert f"{PATCH}: record " in out and f" of patch_verifications ({PATCH} 2025-05-20) on " \
        "it has " in out, out
