# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit grants --revoke``: a supervisor takes back what ``grants`` gave GIS staff (one
who left, a layer given by mistake), and the database refuses their edits from then on."""

import subprocess

import psycopg2
import pytest

from field_kit.cli.commands import main
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import value
from tests.postgis.test_roles import province  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import make_gpkg


def as_role(cluster, db: str, role: str, statement: str):
    """``statement`` run on a connection of ``role``'s own; the rows it gives."""
    conn = psycopg2.connect(host=cluster.dir, port=cluster.port, user=role, dbname=db)
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
            out = cur.fetchall() if cur.description else None
        conn.commit()
        return out
    finally:
        conn.close()


def refused(cluster, db: str, role: str, statement: str) -> None:
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        as_role(cluster, db, role, statement)


@pytest.fixture
def given(province, cluster, tmp_path, capsys):  # noqa: F811
    """A master of supervisors a and b, and GIS staff anna given the editors' grants on
    mine_patches and project_inspections: (db, owner, a, b, anna)."""
    db, owner, a, b = province
    assert main(["init", a, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    anna = f"{db}_anna"
    cluster.sql(f"CREATE ROLE {anna} LOGIN", db=db)
    assert main(["grants", a, "--editor", anna, "--layers",
                 "mine_patches,project_inspections"]) == 0
    as_role(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'anna'")
    capsys.readouterr()
    return db, owner, a, b, anna


def test_a_layer_taken_back_is_refused_to_its_editor_by_the_database(given, cluster, capsys,
                                                                     monkeypatch):
    """A layer given by mistake taken back: its edits are refused by the database, the
    other layer and the reading stay, and it is said which, in Chinese too."""
    db, owner, a, b, anna = given
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["grants", b, "--editor", anna, "--revoke", "--layers", "mine_patches"]) == 0
    out = capsys.readouterr().out
    assert f"{anna} no longer edits mine_patches on PostgreSQL {db} (schema toksun); still " \
        "edits project_inspections" in out, out
    assert f"已收回 {anna} 在 {db}（模式 toksun）上编辑 mine_patches 的权限；仍可" \
        "编辑 project_inspections" in out, out
    refused(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'again'")
    refused(cluster, db, anna, "INSERT INTO toksun.mine_patches (phase) VALUES ('new')")
    as_role(cluster, db, anna, "DELETE FROM toksun.project_inspections")
    assert as_role(cluster, db, anna, "SELECT count(*) FROM toksun.mine_patches")[0][0] == 5
    # the supervisors' own rights are no one's to take back here
    rows(b, "UPDATE mine_patches SET phase = 'b'")
    # a layer not given is said, nothing else done
    assert main(["grants", a, "--editor", anna, "--revoke", "--layers", "mine_patches"]) == 0
    assert f"{anna} was not given mine_patches to edit on PostgreSQL {db} (schema toksun); " \
        "nothing was taken back" in capsys.readouterr().out
    # edits given through a role it is a member of stay, and are said
    cluster.sql(f"CREATE ROLE {db}_crew; GRANT UPDATE ON toksun.project_inspections TO "
                f"{db}_crew; GRANT {db}_crew TO {anna}", db=db)
    assert main(["grants", a, "--editor", anna, "--revoke", "--layers",
                 "project_inspections"]) == 0
    said = capsys.readouterr()
    assert said.out.startswith(f"{anna} no longer edits project_inspections on PostgreSQL {db} "
                               "(schema toksun)\n"), said
    assert f"field-kit: warning: {anna} may still edit project_inspections: given through " \
        "PUBLIC or a role it is a member of, not by the editors' grants; take it back " \
        "there" in said.err, said
    assert f"注意：{anna} 仍可编辑 project_inspections" in said.err, said


def test_gis_staff_who_left_keep_nothing_grants_gave(given, cluster, capsys):
    """Without --layers, all of it: the editing, the reading, the schema and the reading of
    tables made later; the role may then be dropped. Its own table it keeps."""
    db, owner, a, b, anna = given
    cluster.sql(f"CREATE ROLE {db}_bo LOGIN; GRANT CREATE ON SCHEMA toksun TO {db}_bo", db=db)
    assert main(["grants", a, "--editor", f"{db}_bo"]) == 0
    as_role(cluster, db, f"{db}_bo", "CREATE TABLE toksun.bos_notes (n text)")
    capsys.readouterr()
    assert main(["grants", a, "--editor", anna, "--revoke"]) == 0
    said = capsys.readouterr()
    assert said.out == f"{anna} no longer holds the editors' grants on PostgreSQL {db} " \
        "(schema toksun): took back reading its tables and editing mine_patches, " \
        "project_inspections\n" and said.err == "", said
    refused(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'again'")
    refused(cluster, db, anna, "SELECT count(*) FROM toksun.restoration_projects")
    rows(a, f"SET ROLE {owner}; CREATE TABLE springs (id serial PRIMARY KEY)")
    refused(cluster, db, anna, "SELECT count(*) FROM toksun.springs")  # made later
    cluster.sql(f"DROP ROLE {anna}", db=db)  # nothing of the master's holds it any more
    # bo's own table stays bo's, the schema's use with it
    assert main(["grants", b, "--editor", f"{db}_bo", "--revoke"]) == 0
    as_role(cluster, db, f"{db}_bo", "INSERT INTO toksun.bos_notes VALUES ('mine')")
    assert as_role(cluster, db, f"{db}_bo", "SELECT n FROM toksun.bos_notes") == [("mine",)]
    refused(cluster, db, f"{db}_bo", "SELECT count(*) FROM toksun.mine_patches")


def test_revoke_print_prints_the_statements_that_take_it_back(given, cluster, capsys):
    """--print prints the REVOKE statements and takes nothing back; run in psql they do."""
    db, owner, a, b, anna = given
    assert main(["grants", a, "--editor", anna, "--revoke", "--print"]) == 0
    printed = capsys.readouterr().out
    assert 'REVOKE INSERT, UPDATE, DELETE ON "toksun"."mine_patches" FROM ' \
        f'"{anna}";' in printed, printed
    assert 'REVOKE USAGE ON SCHEMA' in printed and "REVOKE SELECT ON" in printed, printed
    assert " TO " not in printed and "GRANT USAGE" not in printed, printed  # (no GRANT)
    as_role(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'still'")
    psql = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.dir,
                           "-p", str(cluster.port), "-U", f"{db}_sup_b", "-d", db],
                          input=printed, capture_output=True, text=True)
    assert psql.returncode == 0 and psql.stderr == "", psql
    refused(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'again'")
    refused(cluster, db, anna, "SELECT count(*) FROM toksun.mine_patches")


def test_a_role_never_given_a_role_not_there_and_a_layer_not_tracked_are_said(
        given, cluster, capsys, monkeypatch):
    db, owner, a, b, anna = given
    cluster.sql(f"CREATE ROLE {db}_li LOGIN", db=db)
    assert main(["grants", a, "--editor", f"{db}_li", "--revoke"]) == 0
    assert capsys.readouterr().out == f"{db}_li holds none of the editors' grants on " \
        f"PostgreSQL {db} (schema toksun); nothing was taken back\n"
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["grants", a, "--editor", f"{db}_ana", "--revoke"]) == 2
    err = capsys.readouterr().err
    assert f"field-kit: no role {db}_ana in the database; nothing was changed" in err, err
    assert f"数据库中没有角色 {db}_ana；未作任何更改" in err, err
    assert main(["grants", a, "--editor", anna, "--revoke", "--layers",
                 "mine_patches,ponds"]) == 2
    err = capsys.readouterr().err
    assert "field-kit: no layer ponds tracked by the master in schema toksun; nothing was " \
        "changed" in err, err
    as_role(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'still'")
    # a supervisor's rights are not the editors' grants: refused, by name
    assert main(["grants", a, "--editor", f"{db}_sup_b", "--revoke"]) == 2
    err = capsys.readouterr().err
    assert f"field-kit: {db}_sup_b is a supervisor, a member of {owner}, the role owning " \
        "schema toksun: its rights there are that membership's" in err, err
    assert value(b, "SELECT count(*) FROM mine_patches") == 5
    # and GIS staff take back nothing themselves
    assert main(["grants", cluster.address(db, user=anna), "--editor", anna,
                 "--revoke"]) == 3
    assert "only supervisors take back the editors' grants" in capsys.readouterr().err
    as_role(cluster, db, anna, "UPDATE toksun.mine_patches SET phase = 'still'")
