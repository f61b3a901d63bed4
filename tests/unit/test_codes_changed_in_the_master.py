# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's code changed in a GeoPackage master itself (QGIS, the sqlite3 shell) is
followed by the next command that reads or sends the master's data, as after a merge: the
verification naming the patch takes its new code, logged as an edit of the master (history
shows it, a pull brings it), said once; a code typed alone in a verification moves it to
the patch holding it."""

from __future__ import annotations

import os
import sqlite3

import pytest

from field_kit import errors
from tests.unit.cli_run import history_json
from tests.unit.gpkg_factory import edit
from tests.unit.test_area_follows_shape import fk
from tests.unit.test_codes_follow import CODE, NEW, NEW_HOME, VERIFIED
from tests.unit.test_shape_edited_in_the_master import in_the_shell

GIVEN = "patch_verifications: 1 row given the patch_code of the patch it names"
MOVED = "patch_verifications: 1 row moved to the patch the patch_code typed in it names " \
        "(patch_uuid written)"


def gpkg_read(master):
    def read(sql: str) -> list:
        with sqlite3.connect(master) as conn:
            return [tuple(r) for r in conn.execute(sql)]
    return read


def verified(master, tmp_path, capsys) -> str:
    """A technician's verification of the patch merged into ``master``: their package."""
    tech = str(tmp_path / "tab-1.gpkg")
    assert fk(capsys, "checkout", master, tech, "--device", "tab-1", "--township",
              "郭勒布依乡")[0] == errors.OK
    edit(tech, VERIFIED)
    assert fk(capsys, "export", tech, f"{tech}.zip")[0] == errors.OK
    assert fk(capsys, "merge", master, f"{tech}.zip")[0] == errors.OK
    return tech


def looked(command: str, master, tmp_path, capsys, n: int = 0) -> tuple[int, str, str]:
    """Run ``command`` on the master, as a user would."""
    if command == "progress":
        return fk(capsys, "progress", master)
    if command == "checkout":
        return fk(capsys, "checkout", master, tmp_path / f"gis-{n}.gpkg", "--device",
                  f"gis-{n}", "--role", "gis")
    return fk(capsys, "merge", master, tmp_path / f"tab-{n + 2}.gpkg.zip")


def another_patch_verified(master, tmp_path, capsys) -> None:
    """Two technicians' packages, each with a verification of another patch, exported (to
    merge after the patch's code is changed in the master)."""
    for n in (0, 1):
        pkg = tmp_path / f"tab-{n + 2}.gpkg"
        assert fk(capsys, "checkout", master, pkg, "--device", f"tab-{n + 2}")[0] == errors.OK
        edit(pkg, VERIFIED.replace(CODE, NEW_HOME))
        assert fk(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK


def a_code_renamed_in_the_master_is_followed(master, tmp_path, capsys, command, rename, read):
    tech = verified(master, tmp_path, capsys)
    (record, patch), = read("SELECT uuid, patch_uuid FROM patch_verifications")
    if command == "merge":
        another_patch_verified(master, tmp_path, capsys)
    rename(f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code = '{CODE}'")
    code, out, err = looked(command, master, tmp_path, capsys)
    assert code == errors.OK, err
    assert GIVEN in out, out
    assert read(f"SELECT patch_code FROM patch_verifications WHERE uuid = '{record}'") == \
        [(NEW,)]
    # logged as an edit of the master: history shows it
    code, text, err = fk(capsys, "history", master, record, "--json")
    assert code == errors.OK, err
    last = history_json(text)["changes"][-1]
    assert (last["origin"], last["old"], last["new"]) == ("local", {"patch_code": CODE},
                                                          {"patch_code": NEW}), last
    # a pull brings it to the technician's package
    assert fk(capsys, "pull", tech, master)[0] == errors.OK
    with sqlite3.connect(tech) as conn:
        assert conn.execute("SELECT patch_code FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchall() == [(NEW,)]
    # a second command does not follow it again
    code, out, err = looked(command, master, tmp_path, capsys, 1)
    assert code == errors.OK and GIVEN not in out, out
    logged = read(f"SELECT new FROM sync_changes WHERE row_uuid = '{record}'")
    assert [new for (new,) in logged if new and NEW in new] == [logged[-1][0]], logged
    assert read(f"SELECT patch_code FROM mine_patches WHERE uuid = '{patch}'") == [(NEW,)]


def a_code_typed_in_a_verification_moves_it(master, tmp_path, capsys, rename, read):
    verified(master, tmp_path, capsys)
    (record, _), = read("SELECT uuid, patch_uuid FROM patch_verifications")
    (home,), = read(f"SELECT uuid FROM mine_patches WHERE patch_code = '{NEW_HOME}'")
    rename(f"UPDATE patch_verifications SET patch_code = '{NEW_HOME}' WHERE uuid = '{record}'")
    code, out, err = looked("progress", master, tmp_path, capsys)
    assert code == errors.OK and MOVED in out, out
    assert read(f"SELECT patch_uuid, patch_code FROM patch_verifications WHERE uuid = "
                f"'{record}'") == [(home, NEW_HOME)]


@pytest.mark.parametrize("command", ["progress", "merge", "checkout"])
def test_a_patch_renamed_in_the_master_gives_its_verification_its_code(master, tmp_path,
                                                                      capsys, command):
    a_code_renamed_in_the_master_is_followed(
        master, tmp_path, capsys, command, lambda sql: in_the_shell(master, sql),
        gpkg_read(master))


def test_a_patch_code_typed_in_a_verification_in_the_master_moves_it(master, tmp_path,
                                                                     capsys):
    a_code_typed_in_a_verification_moves_it(master, tmp_path, capsys,
                                            lambda sql: in_the_shell(master, sql),
                                            gpkg_read(master))


def test_a_read_only_master_says_the_codes_it_leaves(master, tmp_path, capsys):
    verified(master, tmp_path, capsys)
    in_the_shell(master, f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code = "
                         f"'{CODE}'")
    os.chmod(master, 0o444)
    try:
        code, _, err = fk(capsys, "progress", master)
    finally:
        os.chmod(master, 0o644)
    assert code == errors.OK
    assert "patch_verifications: the patch_code of the patch they name not given to the rows " \
        "naming a patch whose code was changed in the master since the last command that " \
        f"wrote: {master} is read-only; left as they were" in err, err
