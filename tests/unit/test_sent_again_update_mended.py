# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit of a record the master refused (a value off its code list), sent
again by the pull and mended as the pull says, with the command line: the mend goes from
the value the master holds, in the refused value's stead, and is applied with no conflict
of the device with itself; status counts what the next export sends."""

from __future__ import annotations

import re

from field_kit import errors
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit
from tests.unit.gpkg_factory import rows as value

PATCH = "CT6504222017000026001"
RECORD = ("INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
          "patch_subclass, damage_type, patch_feature, remediation_status, mineral, "
          "mining_method, verifier, verified_on) SELECT uuid, patch_code, '10', '11', '挖损', "
          "'1', 'B', '建筑用砂', 'A', '王芳', '2024-04-28' FROM mine_patches WHERE "
          "patch_code = ?")
HELD = "SELECT remediation_status, mining_method, notes FROM patch_verifications"


def refused_and_pulled(capsys, master, tmp_path, values: str, off: int = 1):
    """A technician's package of ``master`` whose record of PATCH (status B, mining A) the
    master merged, then its edit of the record (``values``: SQL SET, ``off`` of them off
    their code lists) refused, and the package pulled."""
    pkg = tmp_path / "tech1.gpkg"
    code, out = cli_said(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
                         "technician", "--township", "郭勒布依乡")
    assert code == errors.OK, out
    edit(pkg, RECORD, PATCH)
    code, out = sent(capsys, pkg, master, tmp_path / "e1.zip")
    assert code == errors.OK and "applied 1" in out, out
    edit(pkg, f"UPDATE patch_verifications SET {values}")
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.REFUSED and out.count("is not in the code list") == off, out
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "then export: it is sent again" in out, out
    return pkg


def waiting(capsys, pkg) -> int:
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK, out
    return int(re.search(r"changes waiting (\d+)", out)[1])


def exported(capsys, pkg, zip_path) -> tuple[int, str]:
    """Export ``pkg``: how many changes it sent, and what it said."""
    code, out = cli_said(capsys, "export", pkg, zip_path)
    assert code == errors.OK, out
    got = re.search(r"(\d+) changes? \(seq", out)
    return (int(got[1]) if got else 0), out


def mended_goes_as_one_change(capsys, master, tmp_path, read) -> None:
    """Status E refused, mended to C: one change, B to C, applied with no conflict
    (``read``: the master's rows of a query). Shared with the PostgreSQL master's test."""
    pkg = refused_and_pulled(capsys, master, tmp_path, "remediation_status = 'E'")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'C'")
    assert waiting(capsys, pkg) == 1
    assert exported(capsys, pkg, tmp_path / "e3.zip")[0] == 1
    code, out = cli_said(capsys, "merge", master, tmp_path / "e3.zip")
    assert code == errors.OK and "applied 1" in out and "conflicts 0" in out \
        and "refused 0" in out, out
    assert read("SELECT remediation_status FROM patch_verifications") == [("C",)]
    code, out = cli_said(capsys, "conflicts", master)
    assert code == errors.OK and "0 conflicts" in out, out
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "were refused" not in out, out
    assert waiting(capsys, pkg) == 0


def test_a_refused_edit_mended_as_the_pull_says_goes_from_the_masters_value(
        master, tmp_path, capsys):
    mended_goes_as_one_change(capsys, master, tmp_path, lambda sql: value(master, sql))


def test_a_mend_edited_again_goes_from_the_masters_value_then_on(master, tmp_path, capsys):
    """Mended to C, then to D: the two edits go, B to C and C to D, as any two edits do."""
    pkg = refused_and_pulled(capsys, master, tmp_path, "remediation_status = 'E'")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'C'")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'D'")
    assert waiting(capsys, pkg) == 2
    assert exported(capsys, pkg, tmp_path / "e3.zip")[0] == 2
    code, out = cli_said(capsys, "merge", master, tmp_path / "e3.zip")
    assert code == errors.OK and "conflicts 0" in out and "refused 0" in out, out
    assert value(master, HELD) == [("D", "A", None)]


def test_a_mend_back_to_the_masters_value_sends_nothing(master, tmp_path, capsys):
    pkg = refused_and_pulled(capsys, master, tmp_path, "remediation_status = 'E'")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'B'")
    assert waiting(capsys, pkg) == 0
    n, out = exported(capsys, pkg, tmp_path / "e3.zip")
    assert n == 0 and "nothing to export" in out, out
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "were refused" not in out, out
    assert value(master, HELD) == [("B", "A", None)]


def test_of_two_fields_refused_the_one_mended_goes_and_the_other_is_refused_again(
        master, tmp_path, capsys):
    """Status and mining method both off their lists; the status mended: it is applied,
    the mining method refused again (no conflict), then sent again and mended too."""
    pkg = refused_and_pulled(capsys, master, tmp_path,
                             "remediation_status = 'E', mining_method = 'Z'", off=2)
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'C'")
    assert waiting(capsys, pkg) == 2  # the mining method sent again, the status mended
    assert exported(capsys, pkg, tmp_path / "e3.zip")[0] == 2
    code, out = cli_said(capsys, "merge", master, tmp_path / "e3.zip")
    assert code == errors.REFUSED and "conflicts 0" in out and "refused 1" in out, out
    assert "mining_method: 'Z'" in out and "remediation_status" not in out, out
    assert value(master, HELD) == [("C", "A", None)]
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "(mining_method) was refused" in out, out
    edit(pkg, "UPDATE patch_verifications SET mining_method = 'B'")
    code, out = sent(capsys, pkg, master, tmp_path / "e4.zip")
    assert code == errors.OK and "conflicts 0" in out and "refused 0" in out, out
    assert value(master, HELD) == [("C", "B", None)]


def test_a_field_refused_with_one_taken_goes_with_its_mend(master, tmp_path, capsys):
    """The notes of the refused edit are sent again as they were, the status as mended."""
    pkg = refused_and_pulled(capsys, master, tmp_path,
                             "remediation_status = 'E', notes = '已复核'")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'C'")
    n = waiting(capsys, pkg)
    assert exported(capsys, pkg, tmp_path / "e3.zip")[0] == n
    code, out = cli_said(capsys, "merge", master, tmp_path / "e3.zip")
    assert code == errors.OK and "conflicts 0" in out and "refused 0" in out, out
    assert value(master, HELD) == [("C", "A", "已复核")]


def test_status_counts_a_new_row_refused_then_mended_as_its_export_sends_it(
        master, tmp_path, capsys):
    pkg = tmp_path / "tech1.gpkg"
    assert cli_said(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
                    "technician", "--township", "郭勒布依乡")[0] == errors.OK
    edit(pkg, RECORD.replace("'B'", "'E'"), PATCH)
    assert sent(capsys, pkg, master, tmp_path / "e1.zip")[0] == errors.REFUSED
    assert cli_said(capsys, "pull", pkg, master)[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'C'")
    assert waiting(capsys, pkg) == 1
    assert exported(capsys, pkg, tmp_path / "e2.zip")[0] == 1
    code, out = cli_said(capsys, "merge", master, tmp_path / "e2.zip")
    assert code == errors.OK and "applied 1" in out, out
