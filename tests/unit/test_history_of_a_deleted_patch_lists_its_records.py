# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history MASTER CODE` of a patch deleted, by the code it had, lists the
records made on it: those kept, naming it yet, and those deleted with it, said so, each with
the command that lists its changes (its deletion too). Those deleted were listed nowhere."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_history_lists_the_records_of_the_row_a_code_names import PATCH, verified


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


def test_by_the_code_it_had_and_in_chinese(master, capsys, monkeypatch):
    patch, kept, gone = deleted_with_one_record(master)
    got = asked(capsys, master, PATCH)
    assert got["row"]["since"] == "deleted" and got["row"]["uuid"] == patch, got
    assert [(r["uuid"], r["named_by"], r["since"], r["changes"], r["date"])
            for r in got["records"]] == [(kept, "uuid", None, 1, "2025-05-20"),
                                         (gone, "uuid", "deleted", 2, "2025-06-01")], got
    assert got["records"][1]["history"] == f"field-kit history {master} {gone}"
    # the record deleted with it: its own history, from the command the patch's names
    assert [c["op"] for c in asked(capsys, master, gone)["changes"]] == ["insert", "delete"]
    status, out, err = cli(capsys, "history", master, PATCH)
    assert status == errors.OK, out + err
    assert f"{PATCH}: record {kept} of patch_verifications ({PATCH} 2025-05-20) on it has 1 " \
           f"change(s): `field-kit history {master} {kept}` lists them" in out, out
    assert f"{PATCH}: record {gone} of patch_verifications ({PATCH} 2025-06-01) on it, " \
           f"deleted since, has 2 change(s): `field-kit history {master} {gone}` lists them" \
        in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, out, err = cli(capsys, "history", master, PATCH)
    assert status == errors.OK, out + err
    assert f"{PATCH} 上的图斑核查记录 {gone}（{PATCH} 2025-06-01，其后已删除）有 2 项修改：" \
           f"`field-kit history {master} {gone}` 可列出这些修改" in out, out
