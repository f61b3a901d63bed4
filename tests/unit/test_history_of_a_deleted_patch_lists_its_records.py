# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history MASTER ID` of a patch or project deleted, asked by its uuid or by the
code it had, lists the records made on it and says it is deleted: those kept, naming it
yet, and those deleted with it, each with the command that lists its changes. It listed
none: by its uuid, only the patch's deletion, so what had been recorded on it was found
nowhere."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_history_lists_the_records_of_the_row_a_code_names import (
    OTHER,
    PATCH,
    verified,
)


def deleted_with_one_record(master) -> tuple[str, str, str]:
    """PATCH verified twice, then deleted with the second verification: the patch's uuid,
    the verification kept and the one deleted."""
    ((patch,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    kept, gone = verified(master, PATCH, "2025-05-20"), verified(master, PATCH, "2025-06-01")
    edit(master, "DELETE FROM patch_verifications WHERE uuid = ?", gone)
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", patch)
    return patch, kept, gone


def asked(capsys, master, row: str) -> dict:
    status, out, err = cli(capsys, "history", master, row, "--json")
    assert status == errors.OK, out + err
    return history_json(out)


def test_a_deleted_patch_by_its_uuid_lists_its_records_kept_and_deleted(master, capsys):
    patch, kept, gone = deleted_with_one_record(master)
    got = asked(capsys, master, patch)
    assert got["row"] == {"table": "mine_patches", "uuid": patch, "code": PATCH,
                          "since": "deleted"}, got
    assert [(r["uuid"], r["named_by"], r["since"], r["changes"], r["date"])
            for r in got["records"]] == [(kept, "uuid", None, 1, "2025-05-20"),
                                         (gone, "uuid", "deleted", 2, "2025-06-01")], got
    assert got["records"][1]["history"] == f"field-kit history {master} {gone}"
    assert [c["op"] for c in got["changes"]] == ["delete"], got
    # the record deleted with it: its own history, from the command the patch's names
    assert [c["op"] for c in asked(capsys, master, gone)["changes"]] == ["insert", "delete"]
    status, out, err = cli(capsys, "history", master, patch)
    assert status == errors.OK, out + err
    assert f"{patch}: deleted, with 2 records on it" in out, out
    assert f"{patch}: record {kept} of patch_verifications ({PATCH} 2025-05-20) on it has 1 " \
           f"change: `field-kit history {master} {kept}` lists it" in out, out
    assert f"{patch}: record {gone} of patch_verifications ({PATCH} 2025-06-01) on it, " \
           f"deleted since, has 2 changes: `field-kit history {master} {gone}` lists them" \
        in out, out


def test_by_the_code_it_had_and_in_chinese(master, capsys, monkeypatch):
    patch, kept, gone = deleted_with_one_record(master)
    got = asked(capsys, master, PATCH)
    assert got["row"]["since"] == "deleted" and got["row"]["uuid"] == patch, got
    assert [(r["uuid"], r["since"]) for r in got["records"]] == [(kept, None),
                                                                 (gone, "deleted")], got
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    for row in (PATCH, patch):
        status, out, err = cli(capsys, "history", master, row)
        assert status == errors.OK, out + err
        assert f"{row}：已删除，其上有 2 条记录" in out, out
        assert f"{row} 上的图斑核查记录 {PATCH} 2025-06-01（其后已删除）有 2 项修改：" \
               f"`field-kit history {master} {gone}` 可列出这些修改" in out, out


def test_a_deleted_patch_whose_code_another_took_keeps_its_own(master, capsys, monkeypatch):
    """Its verification under it, asked by its uuid (the code names the live patch now);
    a record holding that code and no uuid is the live patch's, not listed under it."""
    ((patch,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    own = verified(master, PATCH, "2025-05-20")
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", patch)
    edit(master, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", PATCH, OTHER)
    edit(master, "INSERT INTO patch_verifications (patch_code, verifier, verified_on) "
                 "VALUES (?, 'Wang', '2025-07-02')", PATCH)
    ((typed,),) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_uuid IS NULL")
    got = asked(capsys, master, patch)
    assert got["row"]["code"] == PATCH and got["row"]["since"] == "deleted", got
    assert [(r["uuid"], r["since"]) for r in got["records"]] == [(own, None)], got
    assert [r["uuid"] for r in asked(capsys, master, PATCH)["records"]] == [typed]


def test_a_deleted_project_and_one_with_no_record(master, capsys, monkeypatch):
    (project, code), (bare, _) = rows(master, "SELECT uuid, project_id FROM "
                                      "restoration_projects ORDER BY fid LIMIT 2")
    edit(master, "INSERT INTO project_inspections (project_uuid, project_id, inspector) "
                 "SELECT uuid, project_id, 'Li' FROM restoration_projects WHERE uuid = ?",
         project)
    ((inspection,),) = rows(master, "SELECT uuid FROM project_inspections")
    edit(master, "DELETE FROM project_inspections")
    edit(master, "DELETE FROM restoration_projects WHERE uuid IN (?, ?)", project, bare)
    got = asked(capsys, master, project)
    assert got["row"]["code"] == code, got
    assert [(r["uuid"], r["since"]) for r in got["records"]] == [(inspection, "deleted")], got
    assert asked(capsys, master, bare)["records"] == []
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, out, err = cli(capsys, "history", master, bare)
    assert status == errors.OK, out + err
    assert f"{bare}: deleted, with no record on it" in out, out
    assert f"{bare}：已删除，其上没有记录" in out, out
