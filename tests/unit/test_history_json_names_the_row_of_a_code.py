# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history MASTER CODE --json` gives what the text says of a row asked by its
code: which row the code names (``row``), the rows deleted or renamed since that held it
too (``also_named``) and the records on the patch (``records``), each with its day and how
many changes it has; it gave the changes alone, so a script could not tell which row it
got. Asked by a uuid, ``row`` is null."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_history_of_a_patch_names_its_records import PATCH, verified_and_sent

OTHER = "CT6504222017000026002"


def asked(capsys, master, code: str) -> dict:
    status, out, err = cli(capsys, "history", master, code, "--json")
    assert status == errors.OK, out + err
    return history_json(out)


def test_the_row_a_code_names_and_the_records_on_it(master, tmp_path, capsys):
    record = verified_and_sent(master, tmp_path, capsys)
    ((patch,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    got = asked(capsys, master, PATCH)
    assert got["row"] == {"table": "mine_patches", "uuid": patch, "code": PATCH,
                          "since": None}, got
    assert got["also_named"] == [] and got["changes"] == [], got
    assert got["records"] == [{"table": "patch_verifications", "uuid": record,
                               "name": f"{PATCH} 2025-05-20", "date": "2025-05-20",
                               "changes": 2, "named_by": "uuid", "since": None,
                               "history": f"field-kit history {master} {record}"}]
    # the record asked by its uuid: its changes, no code
    got = asked(capsys, master, record)
    assert got["row"] is None and got["also_named"] == got["records"] == [], got
    assert len(got["changes"]) == 2, got


def test_a_code_another_row_had_and_a_code_renamed_since(master, capsys):
    ((patch,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    ((other,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", OTHER)
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", patch)
    edit(master, "UPDATE mine_patches SET patch_code = ? WHERE uuid = ?", PATCH, other)
    got = asked(capsys, master, PATCH)
    assert got["row"] == {"table": "mine_patches", "uuid": other, "code": PATCH,
                          "since": None}, got
    assert got["also_named"] == [{"table": "mine_patches", "uuid": patch, "since": "deleted",
                                  "history": f"field-kit history {master} {patch}"}], got
    got = asked(capsys, master, OTHER)
    assert got["row"] == {"table": "mine_patches", "uuid": other, "code": OTHER,
                          "since": "renamed"}, got
    assert got["also_named"] == [] and [c["op"] for c in got["changes"]] == ["update"], got


def test_a_code_typed_in_small_letters_gives_json_all_the_same(master, capsys, monkeypatch):
    """What history says of a code it reads as the plan holds it goes to stderr with
    ``--json``: it was printed before the JSON document, which a script could not read."""
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, out, err = cli(capsys, "history", master, PATCH.lower(), "--json")
    assert status == errors.OK, out + err
    assert history_json(out)["row"]["code"] == PATCH
    assert f"field-kit: {PATCH.lower()!r} read as {PATCH} (spaces taken out" in err, err
    assert f"field-kit: “{PATCH.lower()}”按 {PATCH} 读取" in err, err
