# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master, as on a GeoPackage one
(tests/unit/test_technicians_column_gives_way.py): a technician's package holds a column of
its own, filled with a value the master refused; GIS staff then give the master a column of
that name, of another type or another case. The pull goes in: the master's column stands in
the package, and the typed value is carried into it or set aside, said by row and value."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout, export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_technicians_column_gives_way import (
    SET_ASIDE_IN_CHINESE,
    TYPED,
    pulled_carried,
    pulled_set_aside,
)


@pytest.fixture
def refused(database, tmp_path, capsys):
    """A PostgreSQL master and a technician's package of it, whose column remark (TEXT)
    holds a value in a record it added; exported and merged: the master refuses the value,
    takes the record. Returns (address, package, the record's uuid)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=4)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    pkg = checkout(database, tmp_path, "tab", role="technician")
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
              "remark) SELECT uuid, patch_code, 'Li', '2026-06-01', ? FROM mine_patches "
              "LIMIT 1", TYPED)
    code, out, err = cli(capsys, "merge", database, export(pkg, tmp_path))
    assert code == errors.REFUSED and "column remark of patch_verifications is not in the " \
        "master" in out + err, out + err
    (row,), = query(database, "SELECT uuid FROM toksun.patch_verifications WHERE verifier "
                              "= 'Li'")
    return database, pkg, row


def _sent(capsys, pkg, database, tmp_path) -> str:
    code, out, err = cli(capsys, "merge", database, export(pkg, tmp_path))
    assert code == errors.OK, out + err
    return out + err


def test_a_column_of_another_type_in_the_master_stands_and_the_value_is_set_aside(
        refused, capsys, tmp_path):
    database, pkg, row = refused
    query(database, "ALTER TABLE toksun.patch_verifications ADD COLUMN remark INTEGER")
    query(database, "UPDATE toksun.patch_verifications SET remark = 7 WHERE uuid = %s", row)
    pulled_set_aside(capsys, pkg, database, row)
    edit(pkg, "UPDATE patch_verifications SET remark = 8 WHERE uuid = ?", row)
    assert "refused 0" in _sent(capsys, pkg, database, tmp_path)
    assert query(database, "SELECT remark FROM toksun.patch_verifications WHERE uuid = %s",
                 row) == [(8,)]


def test_a_column_named_in_another_case_takes_the_typed_value_to_the_master(
        refused, capsys, tmp_path):
    database, pkg, row = refused
    query(database, 'ALTER TABLE toksun.patch_verifications ADD COLUMN "Remark" TEXT')
    pulled_carried(capsys, pkg, database, row)
    assert "refused 0" in _sent(capsys, pkg, database, tmp_path)
    assert query(database, 'SELECT "Remark" FROM toksun.patch_verifications WHERE uuid = %s',
                 row) == [(TYPED,)]


def test_a_record_refused_whole_for_the_column_reaches_the_master(database, tmp_path, capsys):
    """The column tracked before the record was typed: the record's insert names it, and
    the master refused the whole record; once the column gave way, the record goes."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=4)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    pkg = checkout(database, tmp_path, "tab", role="technician")
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    export(pkg, tmp_path)  # (tracks it)
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
              "remark) SELECT uuid, patch_code, 'Li', '2026-06-01', ? FROM mine_patches "
              "LIMIT 1", TYPED)
    assert cli(capsys, "merge", database, export(pkg, tmp_path))[0] == errors.REFUSED
    assert query(database, "SELECT count(*) FROM toksun.patch_verifications") == [(0,)]
    query(database, 'ALTER TABLE toksun.patch_verifications ADD COLUMN "REMARK" INTEGER')
    code, out, err = cli(capsys, "pull", pkg, database)
    assert code == errors.OK, out + err
    assert "(INTEGER there, TEXT here)" in out and "value set aside: " in out, out
    assert "(patch_uuid, patch_code, verifier, verified_on) was refused" in out, out
    _sent(capsys, pkg, database, tmp_path)
    assert query(database, 'SELECT verifier, "REMARK" FROM toksun.patch_verifications') == [
        ("Li", None)]


def test_what_became_of_the_column_and_its_values_is_said_in_chinese(
        refused, capsys, monkeypatch):
    database, pkg, _ = refused
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    query(database, 'ALTER TABLE toksun.patch_verifications ADD COLUMN "REMARK" INTEGER')
    code, out, _ = cli(capsys, "pull", pkg, database)
    assert code == errors.OK
    for said in SET_ASIDE_IN_CHINESE:
        assert said in out, out
