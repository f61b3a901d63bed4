# SPDX-License-Identifier: GPL-2.0-or-later
"""What following the codes changed in a GeoPackage master itself says: a patch renamed to
a code another patch holds is followed, and said with both holding it; a code typed that
names two patches is said as such, not as naming none; the master's own follow-up is told
from a merge's; and `report` says the file it wrote in Chinese too."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.test_area_follows_shape import fk
from tests.unit.test_codes_changed_in_the_master import another_patch_verified, gpkg_read, verified
from tests.unit.test_codes_follow import CODE, NEW, NEW_HOME
from tests.unit.test_shape_edited_in_the_master import in_the_shell

SHARED = (f"mine_patches: 2 patches hold the patch_code {NEW_HOME} now (1 renamed to it in the "
          "master itself): the rows naming them keep it, each naming its own patch by uuid; "
          "rename one of them")
OWN = ("patch_verifications: 1 row given the patch_code of the patch it names (the patch "
       "renamed in the master itself, or it was given another there)")


def a_patch_renamed_to_a_code_held_is_said(master, tmp_path, capsys, rename, read) -> None:
    verified(master, tmp_path, capsys)
    (record, patch), = read("SELECT uuid, patch_uuid FROM patch_verifications")
    rename(f"UPDATE mine_patches SET patch_code = '{NEW_HOME}' WHERE patch_code = '{CODE}'")
    code, out, err = fk(capsys, "progress", master)
    assert code == errors.OK, err
    assert SHARED in err and chinese(SHARED) != SHARED, err
    # followed all the same: the record keeps its patch, by its new code
    assert read(f"SELECT patch_uuid, patch_code FROM patch_verifications WHERE uuid = "
                f"'{record}'") == [(patch, NEW_HOME)]


def a_code_typed_naming_two_patches_is_said(master, tmp_path, capsys, rename, read) -> None:
    verified(master, tmp_path, capsys)
    (record, patch), = read("SELECT uuid, patch_uuid FROM patch_verifications")
    rename(f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code IN ('{NEW_HOME}', "
           f"(SELECT min(patch_code) FROM mine_patches WHERE patch_code NOT IN ('{CODE}', "
           f"'{NEW_HOME}')))")
    code, _, err = fk(capsys, "progress", master)
    assert code == errors.OK and "2 patches hold the patch_code" in err, err
    rename(f"UPDATE patch_verifications SET patch_code = '{NEW}' WHERE uuid = '{record}'")
    code, _, err = fk(capsys, "progress", master)
    assert code == errors.OK, err
    assert f"patch_verifications: 1 row given a patch_code that names 2 patches ({NEW}): " \
        "kept as typed; its patch_uuid still names the patch it was of" in err, err
    assert "names no patch" not in err, err
    said = err.split("warning: ")[-1].strip()
    assert chinese(said).startswith("图斑核查记录：1 条记录填写的图斑编号同时对应 "
                                    "2 个图斑"), said
    assert read(f"SELECT patch_uuid FROM patch_verifications WHERE uuid = '{record}'") == \
        [(patch,)]


def test_a_patch_renamed_to_a_code_another_holds_is_followed_and_said(master, tmp_path,
                                                                      capsys):
    a_patch_renamed_to_a_code_held_is_said(master, tmp_path, capsys,
                                           lambda sql: in_the_shell(master, sql),
                                           gpkg_read(master))


def test_a_code_typed_naming_two_patches_says_so(master, tmp_path, capsys):
    a_code_typed_naming_two_patches_is_said(master, tmp_path, capsys,
                                            lambda sql: in_the_shell(master, sql),
                                            gpkg_read(master))


def test_the_master_s_own_follow_up_is_told_from_a_merge_s(master, tmp_path, capsys,
                                                          monkeypatch):
    verified(master, tmp_path, capsys)
    another_patch_verified(master, tmp_path, capsys)
    in_the_shell(master, f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code = "
                         f"'{CODE}'")
    code, text, err = fk(capsys, "merge", master, tmp_path / "tab-2.gpkg.zip", "--json")
    assert code == errors.OK, err
    followed = json.loads(text)["codes_followed"]
    own = [f for f in followed if f["in_master"]]
    assert [f["said"] for f in own] == [OWN], followed
    assert all(f["said"] != OWN for f in followed if not f["in_master"]), followed
    # in Chinese too, as its own
    in_the_shell(master, f"UPDATE mine_patches SET patch_code = '{CODE}' WHERE patch_code = "
                         f"'{NEW}'")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = fk(capsys, "progress", master)
    assert code == errors.OK, err
    assert "图斑核查记录：1 条记录的图斑编号改为其所指图斑的编号（该图斑在主库中直接" \
        "改了编号" in out, out


def test_a_report_says_the_file_it_wrote_in_chinese_too(master, tmp_path, capsys,
                                                       monkeypatch):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    out_file = tmp_path / "r.xlsx"
    code, out, err = fk(capsys, "report", master, "--out", out_file)
    assert code == errors.OK, err
    assert f"report written: {out_file}" in out and f"报告已写出：{out_file}" in out, out
