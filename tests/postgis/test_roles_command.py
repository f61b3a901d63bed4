# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit roles`` on a PostgreSQL master: a supervisor gives and takes back grants in
the database's sync_roles in one transaction, packages take them at their next pull, and
anyone else, or a grant naming nothing, is refused with nothing changed."""

import json

from field_kit import errors
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import value
from tests.postgis.test_roles_pulled import technicians_package
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import make_gpkg


def held(database) -> set:
    return set(rows(database, "SELECT role, tbl, col FROM sync_roles"))


def test_a_supervisor_changes_the_grants_and_a_pull_brings_them(cluster, database, tmp_path,
                                                                capsys):
    pkg = technicians_package(database, tmp_path, capsys)
    before = held(database)
    code, out, err = cli(capsys, "roles", database, "--grant", "technician",
                         "mine_patches.phase", "--revoke", "technician", "photos")
    assert code == errors.OK, out + err
    assert "grants changed: technician may now change mine_patches.phase" in out, out
    assert "field packages get them at their next pull" in out, out
    assert held(database) == before - {("technician", "photos", "*")} | {
        ("technician", "mine_patches", "phase")}
    code, out, err = cli(capsys, "pull", pkg, database)
    assert code == errors.OK, out + err
    assert "grants changed: technician may now change mine_patches.phase" in out, out
    assert "grants changed: technician may no longer change photos (every column)" in out, out
    code, out, _ = cli(capsys, "roles", database, "--json")
    assert code == errors.OK, out
    assert {(g["role"], g["table"], g["column"]) for g in json.loads(out)["grants"]} == \
        held(database)


def test_a_grant_naming_nothing_is_refused_and_one_held_is_marked(cluster, database, tmp_path,
                                                                 capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    before = held(database)
    code, said = cli_said(capsys, "roles", database, "--grant", "technician",
                          "mine_patches.phase", "--grant", "technician", "mine_patches.noets")
    assert code == errors.BAD_INPUT, said
    assert "grants not changed: mine_patches has no column noets (its columns: " in said, said
    assert held(database) == before
    rows(database, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                   "'mine_patches', 'noets')")
    code, out, _ = cli(capsys, "roles", database)
    assert code == errors.OK, out
    assert "  ignored: grant (technician, mine_patches, noets) in sync_roles names no column " \
           "of mine_patches; it grants nothing" in out, out
    code, out, _ = cli(capsys, "roles", database, "--revoke", "technician",
                       "mine_patches.noets")
    assert code == errors.OK, out
    assert held(database) == before


def test_gis_staff_may_list_the_grants_and_not_change_them(cluster, database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    db = value(database, "SELECT current_database()")
    cluster.sql(f"CREATE ROLE {db}_anna LOGIN", db=db)
    cluster.sql(f"GRANT USAGE ON SCHEMA toksun TO {db}_anna; GRANT SELECT ON ALL TABLES IN "
                f"SCHEMA toksun TO {db}_anna", db=db)
    anna = cluster.address(db, user=f"{db}_anna")
    code, out, _ = cli(capsys, "roles", anna)
    assert code == errors.OK, out
    assert "technician may change photos (every column)" in out, out
    before = held(database)
    code, said = cli_said(capsys, "roles", anna, "--grant", "technician", "mine_patches")
    assert code == errors.REFUSED, said
    assert f"only supervisors change the grants: role {db}_anna is not a member of " in said
    assert "nothing was changed" in said, said
    assert held(database) == before
