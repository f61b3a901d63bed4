# SPDX-License-Identifier: GPL-2.0-or-later
"""The grants GIS staff keep in a PostgreSQL master's sync_roles reach a technician's field
package at its next pull, as they do from a GeoPackage master."""

import sqlite3

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import registry
from tests.postgis.cluster import query as rows
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import make_gpkg


def technicians_package(database, tmp_path, capsys):
    """The database a master of five patches, and a technician's package checked out of
    it."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", database, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    return pkg


def test_pull_gives_the_package_the_grants_changed_in_the_database(cluster, database, tmp_path,
                                                                   capsys):
    pkg = technicians_package(database, tmp_path, capsys)
    # in the database, after the checkout: one column of the patches granted, photos taken back
    rows(database, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                   "'mine_patches', 'phase')")
    rows(database, "DELETE FROM sync_roles WHERE role = 'technician' AND tbl = 'photos'")
    code, out, err = cli(capsys, "pull", pkg, database)
    assert code == errors.OK, out + err
    assert "grants changed: technician may now change mine_patches.phase" in out, out
    assert "grants changed: technician may no longer change photos (every column)" in out, out
    with sqlite3.connect(pkg) as c:
        here = set(c.execute("SELECT role, tbl, col FROM sync_roles"))
    assert here == set(rows(database, "SELECT role, tbl, col FROM sync_roles"))
    with connect(pkg, readonly=True) as c:  # what QGIS locks the package's layers by
        assert registry.grants(c, "technician")["mine_patches"] == {"phase"}


def test_status_of_the_database_names_a_grant_that_grants_nothing(cluster, database, tmp_path,
                                                                  capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    rows(database, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                   "'mine_patches', 'noets')")
    code, out, _ = cli(capsys, "status", database)
    assert code == errors.OK, out
    assert "warning: grant (technician, mine_patches, noets) in sync_roles names no column of " \
           "mine_patches; it grants nothing" in out, out
    assert out.count("sync_roles") == 1, out
