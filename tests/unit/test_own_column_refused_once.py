# SPDX-License-Identifier: GPL-2.0-or-later
"""A column a technician's package added itself, as the technician meets it with the
command line: the master refuses the value typed into it once, the pull names the column
and what to do and does not send it again, status and export keep saying the master
refuses it, and once GIS staff add the column to the master and the package pulls, it is
the master's column and no more said to be refused."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit, make_gpkg, verify
from tests.unit.gpkg_factory import rows as value

CODE = "P0000000"
REFUSES = ("a technician's package does not add columns: the master refuses the changes "
           "that fill column patch_verifications.soil")
NAMED = ("it is not sent again: the master has no column soil, which this package added (a "
         "technician's package does not add columns): ask GIS staff to add it to the master "
         "and merge this package again, then pull; or drop the column from the package")


@pytest.fixture
def soil(tmp_path, capsys, monkeypatch):
    """A master, and a technician's package of it that added column soil to its
    verifications and made a record with soil 砂土 in it, exported and merged once."""
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")  # (said in English, then in Chinese)
    master = make_gpkg(tmp_path / "master.gpkg", patches=6)
    pkg = tmp_path / "st.gpkg"
    code, out = cli_said(capsys, "checkout", master, pkg, "--device", "st1")
    assert code == errors.OK, out
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN soil TEXT")
    verify(pkg, CODE)
    edit(pkg, "UPDATE patch_verifications SET soil = '砂土'")
    code, out = sent(capsys, pkg, master, tmp_path / "st.zip")
    assert code == errors.REFUSED and "column soil of patch_verifications is not in the " \
        "master" in out, out
    assert value(master, "SELECT count(*) FROM patch_verifications") == [(1,)]
    return master, pkg


def test_an_edit_of_a_column_the_package_added_is_refused_once_and_named(soil, tmp_path,
                                                                          capsys):
    master, pkg = soil
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and NAMED in out, out
    assert "mend what the merge named" not in out, out
    assert "主库中没有字段 soil，它是本数据包自行新增的（技术员的数据包不能新增字段）" in out, out
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out and REFUSES in out, out
    assert "技术员的数据包不能新增字段：主库拒收填写字段 patch_verifications.soil" in out, out
    code, out = cli_said(capsys, "export", pkg, tmp_path / "st2.zip")
    assert code == errors.OK and "nothing to export" in out and REFUSES in out, out
    code, out = cli_said(capsys, "pull", pkg, master)  # (said once: not again)
    assert code == errors.OK and "refused" not in out, out
    assert value(pkg, "SELECT soil FROM patch_verifications") == [("砂土",)]


def test_a_column_gis_staff_added_to_the_master_is_no_more_said_refused(soil, tmp_path,
                                                                        capsys):
    master, pkg = soil
    assert cli_said(capsys, "pull", pkg, master)[0] == errors.OK
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN soil TEXT")
    code, out = cli_said(capsys, "merge", master, tmp_path / "st.zip")  # (as the merge said)
    assert code == errors.OK, out
    assert value(master, "SELECT soil FROM patch_verifications") == [("砂土",)]
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "refused" not in out, out
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out and "does not add" not in out, out
    edit(pkg, "UPDATE patch_verifications SET soil = '粘土'")
    code, out = sent(capsys, pkg, master, tmp_path / "st3.zip")
    assert code == errors.OK and "refused 0" in out and "conflicts 0" in out, out
    assert value(master, "SELECT soil FROM patch_verifications") == [("粘土",)]


def test_a_new_row_filling_the_column_goes_without_it(soil, tmp_path, capsys):
    """A record made once the package tracks its column goes, its value there named as not
    sent again; the record itself goes with the next export."""
    master, pkg = soil
    assert cli_said(capsys, "pull", pkg, master)[0] == errors.OK
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on, soil) SELECT uuid, patch_code, 'B', '李四', '2026-11-30', '黏土' "
         "FROM mine_patches WHERE patch_code = ?", "P0000001")
    code, out = sent(capsys, pkg, master, tmp_path / "st2.zip")
    assert code == errors.REFUSED, out
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and NAMED in out, out
    code, out = sent(capsys, pkg, master, tmp_path / "st3.zip")
    assert code == errors.OK and "refused 0" in out, out
    assert value(master, "SELECT patch_code FROM patch_verifications ORDER BY patch_code") == \
        [(CODE,), ("P0000001",)]
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "refused" not in out, out
