# SPDX-License-Identifier: GPL-2.0-or-later
"""A column of a PostgreSQL master granted to technicians by name, renamed or dropped in the
database: repair moves the grant to the new name and takes it back with the drop, as a
GeoPackage master does, says so, and a pull gives the package the grants as they are."""

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.postgis.cluster import query as rows
from tests.postgis.test_roles_pulled import technicians_package
from tests.unit.cli_run import cli
from tests.unit.test_grants_follow_columns import held


def test_a_granted_column_renamed_keeps_its_grant_and_one_dropped_loses_it(
        cluster, database, tmp_path, capsys):
    pkg = technicians_package(database, tmp_path, capsys)
    rows(database, "DELETE FROM sync_roles WHERE role = 'technician' AND tbl = "
                   "'patch_verifications'")
    rows(database, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                   "'patch_verifications', 'notes'), ('technician', 'patch_verifications', "
                   "'verifier')")
    assert cli(capsys, "pull", pkg, database)[0] == errors.OK
    rows(database, "ALTER TABLE patch_verifications RENAME COLUMN notes TO remark")
    rows(database, "ALTER TABLE patch_verifications DROP COLUMN verifier")
    code, out, err = cli(capsys, "repair", database)
    assert code == errors.REFUSED, out + err
    line = ("grants of column notes of patch_verifications follow its new name remark: "
            "technician")
    assert line in out, out
    assert "grants of column verifier of patch_verifications taken back with it: technician" \
        in out, out
    assert "patch_verifications 的字段 notes 的授权随其改名为 remark：technician" in chinese(line)
    assert set(rows(database, "SELECT tbl, col FROM sync_roles WHERE role = 'technician' AND "
                              "tbl = 'patch_verifications'")) == {("patch_verifications",
                                                                   "remark")}
    code, out, err = cli(capsys, "pull", pkg, database)
    assert code == errors.OK, out + err
    assert "technician may now change patch_verifications.remark" in out, out
    assert held(pkg) == {("patch_verifications", "remark")}
    code, out, _ = cli(capsys, "status", database)
    assert code == errors.OK and "grants nothing" not in out, out
