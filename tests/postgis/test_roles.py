# SPDX-License-Identifier: GPL-2.0-or-later
"""Supervisors who are not superusers: members of the role that owns the master's schema,
each logging in as themselves."""

import json
import subprocess

import pytest

from field_kit.cli.commands import main
from field_kit.sync.postgis import address, roles
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import export, value, waited_on_a_lock
from tests.unit.gpkg_factory import edit, make_gpkg


@pytest.fixture
def province(cluster, database):
    """A database and schema owned by a role no one logs in as, with two supervisors who
    are members of it: (database name, owner, address as supervisor a, as supervisor b)."""
    db = value(database, "SELECT current_database()")
    owner = f"{db}_owner"
    cluster.sql(f"CREATE ROLE {owner} NOLOGIN; CREATE ROLE {db}_sup_a LOGIN IN ROLE {owner}; "
                f"CREATE ROLE {db}_sup_b LOGIN IN ROLE {owner}")
    cluster.sql(f"ALTER DATABASE {db} OWNER TO {owner}")
    cluster.sql(f"CREATE SCHEMA toksun AUTHORIZATION {owner}", db=db)
    return (db, owner, cluster.address(db, user=f"{db}_sup_a"),
            cluster.address(db, user=f"{db}_sup_b"))


def owners(database) -> set:
    """Who owns the tables, sequences and functions of the schema."""
    return {r[0] for r in rows(
        database, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = "
        "'toksun'::regnamespace UNION SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE "
        "pronamespace = 'toksun'::regnamespace")}


def serves_every_supervisor(database, b, tmp_path, table: str, column: str) -> None:
    """Supervisor ``b`` runs the sync commands on the master at ``database``: a package it
    checks out sets ``column`` of the first row of ``table`` to 'from-b', and it merges it."""
    pkg = tmp_path / "b.gpkg"
    assert main(["status", b]) == 0
    assert main(["conflicts", b]) == 0
    assert main(["checkout", b, str(pkg), "--device", "tab-b", "--role", "gis"]) == 0
    u = value(database, f"SELECT uuid FROM {table} ORDER BY uuid LIMIT 1")
    edit(pkg, f"UPDATE {table} SET {column} = 'from-b' WHERE uuid = ?", u)
    assert main(["merge", b, export(pkg, tmp_path)]) == 0
    assert main(["repair", b]) == 0
    assert value(database, f"SELECT {column} FROM {table} WHERE uuid = %s", u) == "from-b"


def test_what_init_publishes_belongs_to_the_schemas_owner(province, tmp_path, capsys):
    """A supervisor publishes the plan; the other, a member of the same role, runs every
    command on it."""
    db, owner, a, b = province
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    capsys.readouterr()
    assert main(["init", a, "--from", src]) == 0
    assert "SET ROLE" not in capsys.readouterr().err  # (only that the watch needs a superuser)
    assert owners(a) == {owner}
    serves_every_supervisor(a, b, tmp_path, "mine_patches", "phase")


def test_what_init_installs_on_a_schemas_tables_belongs_to_its_owner(province, tmp_path,
                                                                       cluster):
    db, owner, a, b = province
    cluster.sql(f"CREATE TABLE toksun.wells (id serial PRIMARY KEY, code text); INSERT INTO "
                f"toksun.wells (code) VALUES ('W1'), ('W2'); ALTER TABLE toksun.wells OWNER "
                f"TO {owner}", db=db)
    assert main(["init", a]) == 0
    assert owners(a) == {owner}
    serves_every_supervisor(a, b, tmp_path, "wells", "code")


def test_init_by_a_user_who_is_no_member_of_the_schemas_owner_is_refused(
        province, cluster, tmp_path, capsys):
    """What such a user made would be theirs alone, and capture would log their merges
    twice (only the owner's members may write the log themselves): refused, by name."""
    db, owner, a, b = province
    cluster.sql(f"CREATE ROLE {db}_lone LOGIN", db=db)
    cluster.sql(f"GRANT USAGE, CREATE ON SCHEMA toksun TO {db}_lone", db=db)
    lone = cluster.address(db, user=f"{db}_lone")
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    capsys.readouterr()
    assert main(["init", lone, "--from", src]) == 3
    err = capsys.readouterr().err
    assert f"field-kit: schema toksun belongs to role {owner}, of which {db}_lone is not a " \
        f"member" in err, err
    assert f'GRANT "{owner}" TO "{db}_lone"' in err and "nothing was changed" in err
    assert owners(a) == set()
    cluster.sql(f"GRANT {owner} TO {db}_lone", db=db)
    assert main(["init", lone, "--from", src]) == 0
    assert owners(a) == {owner}
    serves_every_supervisor(a, b, tmp_path, "mine_patches", "phase")


def test_init_by_a_user_not_given_the_schema_at_all_is_refused_by_name(
        province, cluster, tmp_path, capsys, monkeypatch):
    """A user without even USAGE on the schema is told the same: whose the schema is and the
    grant that makes a supervisor, in Chinese too, whether publishing or taking up its
    tables; never a bare permission error."""
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    db, owner, a, b = province
    cluster.sql(f"CREATE ROLE {db}_lone LOGIN", db=db)
    lone = cluster.address(db, user=f"{db}_lone")
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    cluster.sql(f"CREATE TABLE toksun.wells (id serial PRIMARY KEY, code text); ALTER TABLE "
                f"toksun.wells OWNER TO {owner}", db=db)
    for argv in (["init", lone, "--from", src], ["init", lone]):
        capsys.readouterr()
        assert main(argv) == 3
        err = capsys.readouterr().err
        assert f"field-kit: schema toksun belongs to role {owner}, of which {db}_lone is not " \
            f"a member" in err, err
        assert f"模式 toksun 属于角色 {owner}，{db}_lone 不是其成员" in err, err
        assert f'GRANT "{owner}" TO "{db}_lone"' in err and "internal error" not in err
    assert owners(a) == {owner} and "sync_state" not in {
        r[0] for r in rows(a, "SELECT relname FROM pg_class WHERE relnamespace = "
                           "'toksun'::regnamespace")}


def test_a_supervisor_waiting_on_an_editors_lock_is_told_what_the_server_shows(
        province, cluster, tmp_path, capsys, monkeypatch):
    """A supervisor who is no superuser is not shown when another role's transaction began
    nor what it runs: the message says who holds the lock and leaves the rest out."""
    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    cluster.sql(f"CREATE ROLE {db}_anna LOGIN", db=db)
    for stmt in roles.editor_grants("toksun", ["mine_patches"], f"{db}_anna"):
        cluster.sql(stmt, db=db)
    holder = address.connect(cluster.address(db, user=f"{db}_anna"))
    pid = holder.get_backend_pid()
    said = waited_on_a_lock(capsys, monkeypatch, holder,
                            ["checkout", b, str(tmp_path / "w.gpkg"), "--device", "w"])
    assert f"field-kit: {db} (schema toksun): waiting for a lock held by {db}_anna (psql, " \
        f"process {pid}); it goes on once that session commits or rolls back" in said, said


def test_gis_staff_with_the_editors_grants_have_their_saves_over_merged_values_recorded(
        province, cluster, tmp_path, capsys):
    """GIS staff given what roles.editor_grants lists may not write the conflicts: what
    their QGIS save replaced is recorded for them (toksun_saved_over), kept as a conflict
    the supervisor settles; and only on a table they may edit, of a save the log holds."""
    from field_kit.sync import saved_over

    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    cluster.sql(f"CREATE ROLE {db}_anna LOGIN", db=db)
    for stmt in roles.editor_grants("toksun", ["mine_patches"], f"{db}_anna"):
        cluster.sql(stmt, db=db)
    anna = cluster.address(db, user=f"{db}_anna")
    u = value(a, "SELECT uuid FROM mine_patches ORDER BY uuid LIMIT 1")
    top = saved_over.log_top(anna, "mine_patches")  # anna edits the mineral in QGIS...
    rows(a, "UPDATE mine_patches SET mineral = 'first' WHERE uuid = %s", u)  # ...set, then
    first = rows(a, "SELECT device, at FROM sync_changes ORDER BY seq DESC LIMIT 1")[0]
    pkg = tmp_path / "gis.gpkg"  # ...a merge sets it again meanwhile...
    assert main(["checkout", a, str(pkg), "--device", "gis-1", "--role", "gis"]) == 0
    edit(pkg, "UPDATE mine_patches SET mineral = 'merged' WHERE uuid = ?", u)
    assert main(["merge", a, export(pkg, tmp_path)]) == 0
    rows(anna, "UPDATE mine_patches SET mineral = 'anna' WHERE uuid = %s", u)  # ...she saves
    kept = saved_over.record(anna, [saved_over.SavedEdit("mine_patches", u, "mineral", top)])
    assert [e.field for e in kept] == ["mineral"]
    assert rows(a, "SELECT ours, theirs FROM sync_conflicts WHERE status = 'open'") == \
        [('"anna"', '"merged"')]
    capsys.readouterr()
    assert main(["conflicts", a]) == 1
    assert "mineral" in capsys.readouterr().out
    said = dict(zip(saved_over.CONFLICT, rows(a, f"SELECT {', '.join(saved_over.CONFLICT)} "
                                                "FROM sync_conflicts")[0]))
    rows(a, "UPDATE mine_patches SET section = 'sup' WHERE uuid = %s", u)
    sups = value(a, "SELECT change_uuid FROM sync_changes ORDER BY seq DESC LIMIT 1")
    forged = [{**said, "tbl": "patch_verifications"},  # not hers to edit
              {**said, "change_uuid": sups},  # not her save
              {**said, "field": "section"},  # a field her save did not write
              {**said, "theirs": '"9999"'},  # no edit wrote it
              {**said, "theirs": '"first"', "device": first[0], "at": first[1],
               "merge_id": None},  # an edit her save did not replace
              {**said, "device": "province supervisor"}, {**said, "at": "2027-01-01"},
              {**said, "merge_id": None}, {**said, "ancestor": '"forged"'},
              {**said, "kind": "delete/update"}]
    for c in forged:
        with pytest.raises(Exception, match="permission denied|no saved edit"):
            rows(anna, "SELECT toksun_saved_over(%s)", json.dumps(c))
    rows(anna, "SELECT toksun_saved_over(%s)", json.dumps(said))  # again: recorded once
    assert value(a, "SELECT count(*) FROM sync_conflicts") == 1


def test_gis_staff_with_the_editors_grants_add_features_to_a_layer_with_a_serial_key(
        province, cluster, tmp_path):
    """ogr2ogr numbers a layer it writes into PostgreSQL with a serial key: the grants
    include its sequence, or adding a feature is refused; and they read a layer the
    schema's owner makes later (one they cannot read stops QGIS opening the master)."""
    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    rows(a, "CREATE TABLE wells (id serial PRIMARY KEY, name text)")
    cluster.sql(f"CREATE ROLE {db}_anna LOGIN", db=db)
    for stmt in roles.editor_grants("toksun", ["mine_patches", "wells"], f"{db}_anna"):
        cluster.sql(stmt, db=db)
    anna = cluster.address(db, user=f"{db}_anna")
    rows(anna, "INSERT INTO wells (name) VALUES ('井一')")
    assert value(a, "SELECT name FROM wells") == "井一"
    rows(a, f"SET ROLE {owner}; CREATE TABLE springs (id serial PRIMARY KEY, name text)")
    assert value(anna, "SELECT count(*) FROM springs") == 0  # made later, by the owner


def an_editor(cluster, db: str, layers: list[str]) -> str:
    """The address of GIS staff given the editors' grants on ``layers``, as the README gives
    them (run by the database's superuser)."""
    cluster.sql(f"CREATE ROLE {db}_anna LOGIN", db=db)
    for stmt in roles.editor_grants("toksun", layers, f"{db}_anna"):
        cluster.sql(stmt, db=db)
    return cluster.address(db, user=f"{db}_anna")


def conflicts_on(a, tmp_path, fields: dict) -> list[str]:
    """A conflict on each field of ``fields`` (table: column) of a first row: edited in the
    database and in a GIS package of supervisor ``a``, merged; the rows' uuids."""
    pkg = tmp_path / "gis.gpkg"
    assert main(["checkout", a, str(pkg), "--device", "gis-1", "--role", "gis"]) == 0
    uuids = []
    for table, column in fields.items():
        u = value(a, f"SELECT uuid FROM {table} ORDER BY uuid LIMIT 1")
        rows(a, f"UPDATE {table} SET {column} = 'in-qgis' WHERE uuid = %s", u)
        edit(pkg, f"UPDATE {table} SET {column} = 'in-field' WHERE uuid = ?", u)
        uuids.append(u)
    assert main(["merge", a, export(pkg, tmp_path)]) == 1
    return uuids


def test_a_settled_conflict_names_the_database_role_that_settled_it(
        province, tmp_path, capsys, monkeypatch):
    """Who settled a conflict is the database's session, as capture names an edit made in
    the database (the role logged in, the application): not the master's device name, nor
    whoever the client's environment says; a name given with --by goes before it."""
    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    conflicts_on(a, tmp_path, {"mine_patches": "phase", "restoration_projects": "name_zh"})
    monkeypatch.setenv("USER", "someone-else")
    assert main(["resolve", a, "1", "--take", "theirs"]) == 0
    assert main(["resolve", b, "2", "--take", "ours", "--by", "Zhang Wei"]) == 0
    capsys.readouterr()
    assert main(["conflicts", a, "--every"]) == 0
    out = capsys.readouterr().out
    assert f"take:theirs by {db}_sup_a (field-kit) at " in out, out
    assert f"take:ours by Zhang Wei, as {db}_sup_b (field-kit) at " in out, out
    assert [r[0] for r in rows(a, "SELECT resolved_by FROM sync_conflicts ORDER BY id")] == \
        [f"{db}_sup_a (field-kit)", f"Zhang Wei, as {db}_sup_b (field-kit)"]


def test_gis_staff_read_the_conflicts_and_are_told_only_supervisors_settle_them(
        province, cluster, tmp_path, capsys, monkeypatch):
    """GIS staff given the editors' grants list the conflicts (those of a layer they may not
    edit too); settling one, and the other commands only supervisors run, are refused by
    name, saying which grant makes a supervisor, in English and Chinese: not PostgreSQL's
    "permission denied", and nothing changes."""
    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    anna = an_editor(cluster, db, ["mine_patches"])
    conflicts_on(a, tmp_path, {"mine_patches": "phase", "restoration_projects": "name_zh"})
    # and a layer the schema's owner made since the last command: tracked by the next
    # supervisor's command, not by hers (she may not)
    rows(a, f"SET ROLE {owner}; CREATE TABLE springs (id serial PRIMARY KEY, name text)")
    capsys.readouterr()
    assert main(["conflicts", anna]) == 1
    out = capsys.readouterr()
    assert "#1 open" in out.out and "#2 open" in out.out and not out.err, out
    assert main(["status", anna]) == 1 and not capsys.readouterr().err
    merge_id = value(a, "SELECT merge_id FROM sync_merges")
    refused = {("settle conflicts", "处理冲突"): ["resolve", anna, "1", "--take", "theirs"],
               ("merge change packages", "合并修改包"):
                   ["merge", anna, str(tmp_path / "gis-0.zip")],  # (a package that is there)
               ("undo merges", "撤销合并"): ["undo-merge", anna, merge_id],
               ("check out field packages", "签出外业数据包"):
                   ["checkout", anna, str(tmp_path / "x.gpkg"), "--device", "x"],
               ("repair capture", "修复变更捕获"): ["repair", anna]}
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    for (doing, zh), argv in refused.items():
        assert main(argv) == 3, argv
        err = capsys.readouterr().err
        assert f"field-kit: only supervisors {doing}: role {db}_anna is not a member of " \
            f"{owner}, the role owning schema toksun. GIS staff given the editors' grants " \
            "(field-kit grants) read the master and edit its layers in QGIS; a supervisor is a " \
            f'member of {owner} (GRANT "{owner}" TO "{db}_anna"); nothing was changed' in err, err
        assert f"field-kit: 只有主管可以{zh}：角色 {db}_anna 不是模式 toksun 的所有者角色 " \
            f"{owner} 的成员。" in err and err.rstrip().endswith("；未作任何更改"), err
        assert "permission denied" not in err, err
    assert rows(a, "SELECT status FROM sync_conflicts ORDER BY id") == [("open",), ("open",)]
    assert not (tmp_path / "x.gpkg").exists()
    assert main(["status", a]) == 1  # a supervisor's command tracks the new layer
    assert value(a, "SELECT count(*) FROM sync_tables WHERE tbl = 'springs'") == 1


def test_a_supervisor_gives_the_editors_grants_without_a_warning(province, cluster, tmp_path,
                                                                 capsys):
    """The grants a supervisor runs reach every table the schema's owner has, and give no
    warning on the record of capture switched off (a superuser's, read by everyone): from
    Python, from `field-kit grants --print` through psql, or given by `field-kit grants`."""
    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    assert main(["status", cluster.address(db)]) == 0  # a superuser installs the watch
    assert value(a, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = "
                 "'sync_capture_off'") == "postgres"
    rows(a, f"SET ROLE {owner}; CREATE TABLE wells (id serial PRIMARY KEY, name text)")
    for name in ("anna", "bo", "li"):
        cluster.sql(f"CREATE ROLE {db}_{name} LOGIN", db=db)
    pg = address.connect(a)
    try:
        with pg.cursor() as cur:
            for stmt in roles.editor_grants("toksun", ["mine_patches"], f"{db}_anna"):
                cur.execute(stmt)
        pg.commit()
        assert pg.notices == []
    finally:
        pg.close()
    capsys.readouterr()
    assert main(["grants", a, "--editor", f"{db}_bo", "--print"]) == 0
    printed = capsys.readouterr().out
    psql = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.dir,
                           "-p", str(cluster.port), "-U", f"{db}_sup_a", "-d", db],
                          input=printed, capture_output=True, text=True)
    assert psql.returncode == 0 and psql.stderr == "", psql
    assert main(["grants", b, "--editor", f"{db}_li", "--layers", "wells"]) == 0
    said = capsys.readouterr()
    assert said.out == f"{db}_li given the editors' grants on PostgreSQL {db} (schema toksun): " \
        "reads every table, edits wells\n" and said.err == "", said
    # (bo edits every layer the master tracks: by default)
    for name, table, not_theirs in (("anna", "mine_patches", "project_inspections"),
                                    ("bo", "project_inspections", "sync_conflicts"),
                                    ("li", "wells", "mine_patches")):
        editor = cluster.address(db, user=f"{db}_{name}")
        assert value(editor, "SELECT count(*) FROM sync_capture_off") == 0
        assert value(editor, "SELECT count(*) FROM restoration_projects") > 0
        rows(editor, f"DELETE FROM {table}")  # the layers they edit
        with pytest.raises(Exception, match="permission denied"):
            rows(editor, f"DELETE FROM {not_theirs}")
    # a table a supervisor made as their own, which only they may grant: named
    rows(b, "CREATE TABLE springs (id serial PRIMARY KEY, name text)")
    assert main(["grants", a, "--editor", f"{db}_li", "--layers", "wells"]) == 0
    assert f"field-kit: warning: {db}_li cannot read springs (owned by {db}_sup_b): only its " \
        "owner can give that" in capsys.readouterr().err
    # given by one who is no supervisor: refused by name
    assert main(["grants", cluster.address(db, user=f"{db}_li"), "--editor", f"{db}_li"]) == 3
    assert "only supervisors give the editors' grants" in capsys.readouterr().err
