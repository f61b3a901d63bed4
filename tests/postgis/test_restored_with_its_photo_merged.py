# SPDX-License-Identifier: GPL-2.0-or-later
"""A verification whose photo the master holds already, marked restored by a later package
or by a decision, is not said to have no photo: on a PostgreSQL master too, whose merge and
settling stage only the rows they write (the record's photos were not among them, and a
warning said the record had none)."""

from __future__ import annotations

from field_kit import errors, forms
from field_kit.db import connect
from tests.postgis.test_kept_record_keeps_its_photos import (  # noqa: F401 (a fixture)
    PHOTO,
    RECORD,
    either,
)
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit

STATUS = "UPDATE patch_verifications SET remediation_status = ? WHERE uuid = ?"


def _recorded_with_a_photo(master, tmp_path, capsys, devices=("a",)) -> list:
    """Packages of ``devices`` (checked out first); the first's verification of a patch in
    progress (C), with its photo, merged, the others pulled: the packages."""
    pkgs = [tmp_path / f"{d}.gpkg" for d in devices]
    for pkg, device in zip(pkgs, devices):
        code, said = cli_said(capsys, "checkout", master, pkg, "--device", device,
                              "--township", "郭勒布依乡")
        assert code == errors.OK, said
    edit(pkgs[0], "INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, patch_class, "
                  "remediation_status, verifier, verified_on) SELECT ?, uuid, patch_code, "
                  "'10', 'C', 'Li', '2025-06-01' FROM mine_patches LIMIT 1", RECORD)
    conn = connect(pkgs[0])
    forms.attach_photo(conn, "patch_verifications", RECORD, ("site.jpg", PHOTO))
    conn.close()
    assert sent(capsys, pkgs[0], master, tmp_path / "first.zip")[0] == errors.OK
    for pkg in pkgs[1:]:
        assert cli_said(capsys, "pull", pkg, master)[0] == errors.OK
    return pkgs


def test_a_record_with_its_photo_marked_restored_later_is_not_warned(
        either, tmp_path, capsys):  # noqa: F811 (a fixture)
    master, _ = either
    (a,) = _recorded_with_a_photo(master, tmp_path, capsys)
    edit(a, STATUS, "B", RECORD)  # the same technician's next visit: the patch is restored
    code, said = sent(capsys, a, master, tmp_path / "a2.zip")
    assert code == errors.OK, said
    assert "applied 1" in said, said
    assert "no photo" not in said, said


def test_a_conflict_settled_restored_on_a_record_with_its_photo_is_not_warned(
        either, tmp_path, capsys):  # noqa: F811 (a fixture)
    """Two technicians give the status apart; the supervisor settles it with B."""
    master, _ = either
    a, b = _recorded_with_a_photo(master, tmp_path, capsys, ("a", "b"))
    edit(a, STATUS, "A", RECORD)
    edit(b, STATUS, "D", RECORD)
    assert sent(capsys, a, master, tmp_path / "a2.zip")[0] == errors.OK
    assert sent(capsys, b, master, tmp_path / "b2.zip")[0] == errors.CONFLICTS
    code, said = cli_said(capsys, "resolve", master, "1", "--value", "B")
    assert code == errors.OK, said
    assert "no photo" not in said, said
