# SPDX-License-Identifier: GPL-2.0-or-later
"""A record keeps the code of the patch it names, and a patch its project's id, when a
merge renames the patch or the project: a verification from a technician who knew the old
code kept it, and was named by it, or by another patch's once that took it."""

import json
import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit

CODE, NEW, OTHER = "CT6504222017000026002", "CT6504222017000026902", "CT6504222017000026903"
NEW_HOME = "CT6504222017000026003"  # another patch of P1-1
VERIFIED = ("INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
            "verifier, verified_on) SELECT uuid, patch_code, 'B', '李四', '2026-11-30' FROM "
            f"mine_patches WHERE patch_code = '{CODE}'")


def codes_in(master):
    """A GeoPackage master's patch_code of the patch and of its verifications; project_id
    of the patches of project P1-2."""
    def read(sql):
        with sqlite3.connect(master) as conn:
            return sorted(r[0] for r in conn.execute(sql))
    return read


PATCH = "SELECT patch_code FROM mine_patches WHERE uuid = '{u}'"
RECORDS = "SELECT patch_code FROM patch_verifications WHERE patch_uuid = '{u}'"


def _checkout(master, tmp_path, device, *rest) -> str:
    pkg = str(tmp_path / f"{device}.gpkg")
    assert main(["checkout", str(master), pkg, "--device", device, *rest]) == 0
    return pkg


def _merge(master, pkg, capsys) -> str:
    assert main(["export", pkg, f"{pkg}.zip"]) == 0
    capsys.readouterr()
    assert main(["merge", str(master), f"{pkg}.zip"]) == errors.OK
    return capsys.readouterr().out


def _verified_then_checked_out(master, tmp_path, capsys, *devices) -> list[str]:
    """The patch verified by a technician and merged; then GIS packages of ``devices``."""
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    edit(tech, VERIFIED)
    _merge(master, tech, capsys)
    return [_checkout(master, tmp_path, d, "--role", "gis") for d in devices]


def _uuid(pkg, code=CODE) -> str:
    with sqlite3.connect(pkg) as conn:
        return conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?",
                            (code,)).fetchone()[0]


def test_a_record_made_with_the_old_code_takes_the_patch_s_new_one(master, tmp_path, capsys,
                                                                    read=None):
    read = read or codes_in(master)
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    u = _uuid(gis)
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    _merge(master, gis, capsys)
    edit(tech, VERIFIED)  # the technician's package still knew the patch by its old code
    out = _merge(master, tech, capsys)
    assert "patch_verifications: 1 row given the patch_code of the patch it names" in out
    assert "图斑核查记录：1 条记录的图斑编号改为其所指图斑的编号（" in chinese(
        "patch_verifications: 1 row given the patch_code of the patch it names (its code "
        "had changed, or it came with another)")
    assert read(PATCH.format(u=u)) == [NEW] and read(RECORDS.format(u=u)) == [NEW]
    assert main(["pull", tech, str(master)]) == errors.OK  # the package gets it
    with sqlite3.connect(tech) as conn:
        assert conn.execute("SELECT patch_code FROM patch_verifications").fetchall() == [(NEW,)]
    capsys.readouterr()
    assert main(["history", str(master), NEW]) == errors.OK
    # the rename undone, the record made after it by another merge goes back with the patch
    capsys.readouterr()
    assert main(["status", str(master), "--json"]) == errors.OK
    renaming = json.loads(capsys.readouterr().out)["merges"][0]
    assert renaming["package"] == "gis-1.gpkg.zip", renaming
    assert main(["undo-merge", str(master), renaming["merge_id"]]) == errors.OK
    assert "patch_verifications: 1 row given the patch_code" in capsys.readouterr().out
    assert read(PATCH.format(u=u)) == [CODE] and read(RECORDS.format(u=u)) == [CODE]


def test_a_patch_renamed_after_its_record_gives_it_its_code_and_takes_it_back_undone(
        master, tmp_path, capsys, read=None):
    read = read or codes_in(master)
    gis, = _verified_then_checked_out(master, tmp_path, capsys, "gis-1")
    u = _uuid(gis)
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    out = _merge(master, gis, capsys)
    assert "patch_verifications: 1 row given the patch_code" in out, out
    assert read(RECORDS.format(u=u)) == [NEW]
    assert main(["status", str(master), "--json"]) == errors.OK
    merge_id = json.loads(capsys.readouterr().out)["merges"][-1]["merge_id"]
    assert main(["undo-merge", str(master), merge_id]) == errors.OK
    assert read(PATCH.format(u=u)) == [CODE] and read(RECORDS.format(u=u)) == [CODE]


def test_a_project_renamed_gives_its_patches_its_new_id(master, tmp_path, capsys, read=None):
    read = read or codes_in(master)
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, "UPDATE restoration_projects SET project_id = 'P1-2a' WHERE project_id = 'P1-2'")
    out = _merge(master, gis, capsys)
    assert "mine_patches: 1 row given the project_id of the project it names" in out, out
    assert read("SELECT p.project_id FROM mine_patches p JOIN restoration_projects r ON "
                "r.uuid = p.project_uuid WHERE r.project_id = 'P1-2a'") == ["P1-2a"]


def test_a_conflict_on_a_patch_s_code_settled_gives_its_records_the_code_taken(
        master, tmp_path, capsys, read=None):
    read = read or codes_in(master)
    one, two = _verified_then_checked_out(master, tmp_path, capsys, "gis-1", "gis-2")
    u = _uuid(one)
    edit(one, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    edit(two, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", OTHER, CODE)
    _merge(master, one, capsys)
    assert main(["export", two, f"{two}.zip"]) == 0
    assert main(["merge", str(master), f"{two}.zip"]) == errors.CONFLICTS
    (held,) = read(PATCH.format(u=u))  # the latest edit's, the other kept aside
    assert read(RECORDS.format(u=u)) == [held]
    capsys.readouterr()
    assert main(["resolve", str(master), "--all", "gis-2.gpkg.zip", "--take", "theirs"]) \
        == errors.OK
    assert "patch_verifications: 1 row given the patch_code" in capsys.readouterr().out
    (taken,) = read(PATCH.format(u=u))
    assert taken in (NEW, OTHER) and taken != held and read(RECORDS.format(u=u)) == [taken]


def _merged_said(master, pkg, capsys) -> tuple[str, str]:
    assert main(["export", pkg, f"{pkg}.zip"]) == 0
    capsys.readouterr()
    assert main(["merge", str(master), f"{pkg}.zip"]) == errors.OK
    got = capsys.readouterr()
    return got.out, got.err


def test_a_project_id_typed_in_a_patch_moves_it_to_that_project(master, tmp_path, capsys,
                                                                 read=None):
    """GIS staff moving a patch in QGIS's form type its project id: it went back to the
    project its uuid named, said as a code that had changed."""
    read = read or codes_in(master)
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, "UPDATE mine_patches SET project_id = 'P1-5' WHERE patch_code = ?", CODE)
    edit(gis, "UPDATE mine_patches SET project_id = 'P9-9' WHERE patch_code = ?", NEW_HOME)
    u, v = _uuid(gis), _uuid(gis, NEW_HOME)
    out, err = _merged_said(master, gis, capsys)
    assert "mine_patches: 1 row moved to the project the project_id typed in it names " \
        "(project_uuid written)" in out, out
    assert "mine_patches: 1 row given a project_id that names no project (P9-9): kept as " \
        "typed; its project_uuid still names the project it was of" in err, err
    assert read(f"SELECT r.project_id FROM mine_patches p JOIN restoration_projects r ON "
                f"r.uuid = p.project_uuid WHERE p.uuid = '{u}'") == ["P1-5"]
    assert read(f"SELECT project_id FROM mine_patches WHERE uuid = '{v}'") == ["P9-9"]
    assert read(f"SELECT r.project_id FROM mine_patches p JOIN restoration_projects r ON "
                f"r.uuid = p.project_uuid WHERE p.uuid = '{v}'") == ["P1-1"]


def test_a_record_of_a_patch_deleted_since_is_said(master, tmp_path, capsys):
    """A verification of a patch GIS staff deleted meanwhile (no record of it then) went in
    naming a patch no longer there, under a code another patch took, with nothing said."""
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    edit(tech, VERIFIED)
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, "DELETE FROM mine_patches WHERE patch_code = ?", CODE)
    _merge(master, gis, capsys)
    _, err = _merged_said(master, tech, capsys)
    assert "patch_verifications: 1 row names a patch deleted from the master (patch_code " \
        f"{CODE}): kept as recorded, it counts for no patch" in err, err


def test_a_record_of_a_patch_no_row_ever_had_is_not_said_deleted(master, tmp_path, capsys):
    """A verification naming a patch uuid no row of the master ever had (typed, or another
    master's) was said to name a patch deleted from the master."""
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    edit(tech, VERIFIED.replace("SELECT uuid,", "SELECT '0bad0000-0000-4000-8000-000000000000',"))
    _, err = _merged_said(master, tech, capsys)
    said = ("patch_verifications: 1 row names a patch no row of the master has (patch_code "
            f"{CODE}): kept as recorded, it counts for no patch")
    assert said in err and "deleted from the master" not in err, err
    assert chinese(said) == ("图斑核查记录：1 条记录所指的图斑在主库中没有任何要素与之对应"
                             f"（图斑编号 {CODE}）：按记录保留，不计入任何图斑")
