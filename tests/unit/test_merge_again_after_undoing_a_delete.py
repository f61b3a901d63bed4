# SPDX-License-Identifier: GPL-2.0-or-later
"""A package whose edit of a record met the delete of another package merged before it, both
merges undone (its own, then the delete's): merged again, it meets the master as the first
time, and its edit goes in, no conflict. Its edit, kept aside while the record was deleted,
still counted as the master's latest value of those fields, and the package met itself in two
``update/newer`` conflicts ("ours" equal to the ancestor). A master edit made since is still
a conflict."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows

EDIT = "UPDATE patch_verifications SET notes = 'a: 坑已回填', remediation_status = 'B' " \
       "WHERE uuid = ?"


def _merged(capsys, master, *zips) -> list[str]:
    code, said = cli_said(capsys, "merge", master, *zips, "--json")
    assert code in (errors.OK, errors.CONFLICTS), said
    return [m["merge_id"] for m in json.loads(said[said.index("{"):])["merges"]]


def _both_merged_and_undone(setup, capsys, edit_first: bool):
    """The record edited in package a and deleted in package b (a's edit before b's delete,
    or after), both merged, b's first, then both merges undone, a's first: the master, a's
    package and the record."""
    master, a, b, tmp = setup
    (row,) = rows(master, "SELECT uuid FROM patch_verifications LIMIT 1")[0]
    order = [(a, EDIT), (b, "DELETE FROM patch_verifications WHERE uuid = ?")]
    for pkg, sql in order if edit_first else reversed(order):
        edit(pkg, sql, row)
    for pkg in (a, b):
        assert cli_said(capsys, "export", pkg, tmp / f"{pkg.stem}.zip")[0] == errors.OK
    deleted, edited = _merged(capsys, master, tmp / "b.zip", tmp / "a.zip")
    for merge_id in (edited, deleted):
        code, said = cli_said(capsys, "undo-merge", master, merge_id)
        assert code == errors.OK, said
    assert rows(master, "SELECT notes, remediation_status FROM patch_verifications WHERE "
                        "uuid = ?", row) == [(None, "untreated")]
    return master, tmp / "a.zip", row


@pytest.mark.parametrize("edit_first", [True, False], ids=["kept-aside", "brought-back"])
def test_merged_again_the_edit_goes_in(setup, capsys, edit_first):
    master, a_zip, row = _both_merged_and_undone(setup, capsys, edit_first)
    code, said = cli_said(capsys, "merge", master, a_zip, "--again-undone")
    assert code == errors.OK, said
    assert "applied 1" in said and "conflicts 0" in said, said
    assert rows(master, "SELECT notes, remediation_status FROM patch_verifications WHERE "
                        "uuid = ?", row) == [("a: 坑已回填", "B")]
    assert cli_said(capsys, "conflicts", master)[0] == errors.OK


def test_a_master_edit_made_since_is_still_a_conflict(setup, capsys):
    """The master's own edits after the undo, later than the package's: a value of its own
    (update/update), and one set back to the ancestor's (update/newer), each held."""
    master, a_zip, row = _both_merged_and_undone(setup, capsys, edit_first=True)
    edit(master, "UPDATE patch_verifications SET notes = 'master: 已复核', "
                 "remediation_status = 'A' WHERE uuid = ?", row)
    edit(master, "UPDATE patch_verifications SET remediation_status = 'untreated' WHERE "
                 "uuid = ?", row)
    code, said = cli_said(capsys, "merge", master, a_zip, "--again-undone")
    assert code == errors.CONFLICTS, said
    assert "conflicts 2 to settle" in said, said
    code, said = cli_said(capsys, "conflicts", master)
    assert "open update/update" in said and "open update/newer" in said, said
    assert rows(master, "SELECT notes, remediation_status FROM patch_verifications WHERE "
                        "uuid = ?", row) == [("master: 已复核", "untreated")]


def test_an_update_undone_alone_goes_in_merged_again(setup, capsys):
    """Field by field: a package's update merged and undone, with another package's edit of
    another field merged meanwhile; merged again, its fields go in, no conflict."""
    master, a, b, tmp = setup
    (row,) = rows(master, "SELECT uuid FROM patch_verifications LIMIT 1")[0]
    edit(a, EDIT, row)
    edit(b, "UPDATE patch_verifications SET verifier = '王五' WHERE uuid = ?", row)
    for pkg in (a, b):
        assert cli_said(capsys, "export", pkg, tmp / f"{pkg.stem}.zip")[0] == errors.OK
    edited, _ = _merged(capsys, master, tmp / "a.zip", tmp / "b.zip")
    assert cli_said(capsys, "undo-merge", master, edited)[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp / "a.zip", "--again-undone")
    assert code == errors.OK and "applied 1" in said and "conflicts 0" in said, said
    assert rows(master, "SELECT notes, remediation_status, verifier FROM patch_verifications "
                        "WHERE uuid = ?", row) == [("a: 坑已回填", "B", "王五")]


def test_an_undone_delete_of_a_row_deleted_already_is_not_the_latest(setup, capsys):
    """A record deleted by package b, then edited in package a, then deleted again by package
    c: b and c merged, c's undone; a's edit, later than the delete that stands, brings the
    record back. The undone delete, logged for its time, still counted as the later one, and
    the edit was kept aside, the record left deleted."""
    master, a, b, tmp = setup
    c = tmp / "c.gpkg"
    code, said = cli_said(capsys, "checkout", master, c, "--device", "tab-c", "--role", "gis")
    assert code == errors.OK, said
    (row,) = rows(master, "SELECT uuid FROM patch_verifications LIMIT 1")[0]
    for pkg, sql in ((b, "DELETE FROM patch_verifications WHERE uuid = ?"), (a, EDIT),
                     (c, "DELETE FROM patch_verifications WHERE uuid = ?")):
        edit(pkg, sql, row)
        assert cli_said(capsys, "export", pkg, tmp / f"{pkg.stem}.zip")[0] == errors.OK
    _, again = _merged(capsys, master, tmp / "b.zip", tmp / "c.zip")
    assert cli_said(capsys, "undo-merge", master, again)[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp / "a.zip", "--again-undone")
    assert "the row is back, with this edit" in said, said
    assert rows(master, "SELECT notes, remediation_status FROM patch_verifications WHERE "
                        "uuid = ?", row) == [("a: 坑已回填", "B")]
