# SPDX-License-Identifier: GPL-2.0-or-later
"""What a merge's report says it did is what it did: a change in conflict whose value the
master took (the later edit) is counted as applied too, and said so; a change refused at an
earlier merge of the package, merged again, is said to be refused again now, by today's
grants, naming the merge that refused it first."""

from __future__ import annotations

import json
import shutil
import time

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg, rows


def edited_later_in_the_field(tmp_path, capsys, master=None,
                              later="UPDATE patch_verifications SET notes = 'field'"):
    """A record's notes edited by GIS staff in the master (captured), then the record edited
    ``later`` by a technician on the device, whose change package is ``tmp_path``/a.zip: the
    master (by default a small one; given, a plan master, given the record first)."""
    if master is None:
        master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    else:
        edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
             "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches LIMIT 1")
    pkg = tmp_path / "tab-a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a", "--role",
               "technician")[0] == errors.OK
    edit(master, "UPDATE patch_verifications SET notes = 'office'")
    time.sleep(0.05)
    edit(pkg, later)
    assert cli(capsys, "export", pkg, tmp_path / "a.zip")[0] == errors.OK
    return master


def test_a_later_field_edit_over_the_masters_own_is_said_applied_and_in_conflict(
        tmp_path, capsys):
    master = edited_later_in_the_field(tmp_path, capsys)
    code, out, _ = cli(capsys, "merge", master, tmp_path / "a.zip")
    assert code == errors.CONFLICTS, out
    assert rows(master, "SELECT notes FROM patch_verifications") == [("field",)]
    # the package's value reached the master: not "applied 0"
    assert "applied 1, already applied 0, conflicts 1 to settle in 1 change, refused 0" \
        in out, out
    said = ("  1 of the changes applied met a conflict: the master took their values, the "
            "later edits, over the values it held, which their conflicts keep (settling them "
            "can take those back)\n")
    assert said in out, out
    assert "applied in part" not in out, out  # applied whole, not in part
    assert "the package's values written, the later edit: the values they replaced are " \
        "kept in the conflict" in out, out
    # the conflict keeps the master's own value, to settle the other way
    code, text, _ = cli(capsys, "conflicts", master, "--json")
    listed = json.loads(text)
    listed = listed.get("conflicts", listed) if isinstance(listed, dict) else listed
    assert [(c["field"], c["theirs"]) for c in listed] == [("notes", "office")], listed
    for line in (said.strip(), "1 field in conflict; the package's values written, the "
                 "later edit: the values they replaced are kept in the conflict"):
        assert chinese(line) != line, line


def test_json_counts_the_change_written_over_apart(tmp_path, capsys):
    master = edited_later_in_the_field(tmp_path, capsys)
    code, text, _ = cli(capsys, "merge", master, tmp_path / "a.zip", "--json")
    got = json.loads(text)["merges"][0]
    assert got["counts"]["conflict"] == 1 and got["written_over_conflict"] == 1, got
    assert got["applied_in_part"]["changes"] == 0, got


def _refused_once(tmp_path, capsys):
    """A technician's edit of a patch's mineral, a column the role may not change, refused
    at the package's first merge: (master, the package's zip, the merge's id and time, the
    patch's code)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4)
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    (code,) = rows(pkg, "SELECT patch_code FROM mine_patches ORDER BY fid LIMIT 1")[0]
    edit(pkg, "UPDATE mine_patches SET mineral = '金' WHERE patch_code = ?", code)
    assert cli(capsys, "export", pkg, tmp_path / "e.zip")[0] == errors.OK
    got, out, _ = cli(capsys, "merge", master, tmp_path / "e.zip")
    assert got == errors.REFUSED and "a technician may not change mine_patches" in out, out
    assert "decided again" not in out, out  # its first merge: nothing looked at again
    merge_id, at = rows(master, "SELECT merge_id, at FROM sync_merges")[0]
    return master, tmp_path / "e.zip", merge_id, at, code


def test_a_refusal_merged_again_is_said_decided_again_by_todays_grants(tmp_path, capsys):
    master, zipped, merge_id, at, code = _refused_once(tmp_path, capsys)
    # GIS staff grant technicians the patches' phase since: the reason today differs
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phase')")
    got, out, _ = cli(capsys, "merge", master, zipped)
    assert got == errors.REFUSED, out
    assert "a technician may not change column mineral of mine_patches" in out, out
    said = (f"1 of the changes refused here were refused by the package's first merge, at "
            f"{local_time(at)} (merge id {merge_id}), too: each decided again now, by the "
            "master's grants and fields today, and its reason is today's")
    assert f"  {said}\n" in out, out
    assert chinese(said).startswith("此处拒收的修改中有 1 项在该数据包首次合并时（"), said
    got, text, _ = cli(capsys, "merge", master, zipped, "--json")
    assert json.loads(text)["merges"][0]["refused_before"] == {
        "merge_id": merge_id, "at": at, "refused_again": 1, "not_refused_now": 0}


def test_a_refusal_merged_again_after_a_grant_is_said_taken_now(tmp_path, capsys):
    master, zipped, merge_id, at, code = _refused_once(tmp_path, capsys)
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'mineral')")
    got, out, _ = cli(capsys, "merge", master, zipped)
    assert got == errors.OK, out
    assert rows(master, "SELECT mineral FROM mine_patches WHERE patch_code = ?", code) == \
        [("金",)]
    said = (f"1 change refused by the package's first merge, at {local_time(at)} (merge "
            f"id {merge_id}), was decided again now and not refused: the master's grants and "
            "fields today allow it")
    assert f"applied 1, already applied 0, conflicts 0, refused 0\n  {said}\n" in out, out
    assert chinese(said) != said


def test_a_later_delete_over_the_masters_edit_is_said_applied_and_in_conflict(tmp_path, capsys):
    master = edited_later_in_the_field(tmp_path, capsys,
                                       later="DELETE FROM patch_verifications")
    code, out, _ = cli(capsys, "merge", master, tmp_path / "a.zip")
    assert code == errors.CONFLICTS, out
    assert rows(master, "SELECT count(*) FROM patch_verifications") == [(0,)]
    assert "applied 1, already applied 0, conflicts 1 to settle in 1 change, refused 0" \
        in out, out
    assert "delete of a row edited before; deleted" in out, out
    assert "  1 of the changes applied met a conflict" in out, out


def _two_devices_one_record(tmp_path, capsys, master=None):
    """tab-a sets a record's notes, verifier and treated area; later tab-b sets its notes,
    treated area and position note; later still tab-a sets the position note: (master, tab-a's
    change package, tab-b's). The master: by default a small one; given, a plan master,
    given the record first."""
    if master is None:
        master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    else:
        edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
             "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches LIMIT 1")
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, dev in ((a, "tab-a"), (b, "tab-b")):
        assert cli(capsys, "checkout", master, pkg, "--device", dev, "--role", "gis")[0] == 0
    edit(a, "UPDATE patch_verifications SET notes = 'A', verifier = 'Li', treated_area_m2 = 60")
    time.sleep(0.05)
    edit(b, "UPDATE patch_verifications SET notes = 'B', treated_area_m2 = 70, "
            "position_note = 'b'")
    time.sleep(0.05)
    edit(a, "UPDATE patch_verifications SET position_note = 'a'")
    for pkg in (a, b):
        assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    return master, f"{a}.zip", f"{b}.zip"


def test_a_change_of_which_the_master_took_the_later_edits_only_is_said_applied_in_part(
        tmp_path, capsys, monkeypatch):
    master, a, b = _two_devices_one_record(tmp_path, capsys)
    other = tmp_path / "m2.gpkg"
    shutil.copy(master, other)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli(capsys, "merge", master, a)[0] == errors.OK
    code, out, _ = cli(capsys, "merge", master, b)
    assert code == errors.CONFLICTS, out
    # tab-b's notes and treated area are the later edits: written, not "applied 0"
    assert rows(master, "SELECT notes, treated_area_m2, position_note FROM "
                        "patch_verifications") == [("B", 70.0, "a")]
    assert "applied 1, already applied 0, conflicts 3 to settle in 1 change, refused 0\n" \
        in out, out
    said = ("1 change applied in part: 2 fields taken, 1 in conflict; 2 of the fields "
            "taken met a conflict: the master took their values, the later edits, and their "
            "conflicts keep the values they replaced")
    assert f"  {said}\n  {chinese(said)}\n" in out, out
    assert chinese(said).startswith("1 项修改部分应用：2 个字段已采用，1 个字段冲突；已采用的字段"
                                    "中有 2 个遇到冲突"), chinese(said)
    why = ("3 fields in conflict; 2 of them the package's values written, the later edits: "
           "the values they replaced are kept in their conflicts")
    assert f": {why}\n" in out and chinese(why) != why, out
    assert "applied 1, already 0, conflicts 3 to settle in 1 change, refused 0" in \
        cli(capsys, "status", master)[1]

    # the other order: tab-a's first change has its verifier taken, the rest held
    assert cli(capsys, "merge", other, b)[0] == errors.OK
    code, out, _ = cli(capsys, "merge", other, a)
    assert code == errors.CONFLICTS, out
    assert rows(other, "SELECT notes, treated_area_m2, position_note FROM "
                       "patch_verifications") == [("B", 70.0, "a")]
    assert "applied 2, already applied 0, conflicts 3 to settle in 2 changes, refused 0\n" \
        in out, out
    said = "1 change applied in part: 1 field taken, 2 in conflict"
    assert f"  {said}\n  {chinese(said)}\n" in out, out
    assert "  1 of the changes applied met a conflict: the master took their values" in out


def test_json_counts_what_went_in_alike_in_either_order(tmp_path, capsys):
    master, a, b = _two_devices_one_record(tmp_path, capsys)
    other = tmp_path / "m2.gpkg"
    shutil.copy(master, other)
    before = json.loads(cli(capsys, "merge", master, a, "--json")[1])
    first = json.loads(cli(capsys, "merge", master, b, "--json")[1])
    before_other = json.loads(cli(capsys, "merge", other, b, "--json")[1])
    second = json.loads(cli(capsys, "merge", other, a, "--json")[1])
    # the three changes went in, whole or in part, whichever package came first
    assert before["totals"]["went_in"] + first["totals"]["went_in"] == 3, (before, first)
    assert before_other["totals"]["went_in"] + second["totals"]["went_in"] == 3, second
    assert first["totals"]["went_in"] == first["merges"][0]["went_in"] == 1, first
    assert first["merges"][0]["applied_in_part"] == {
        "changes": 1, "fields_taken": 2, "fields_in_conflict": 1,
        "fields_taken_over_conflict": 2}, first
    assert second["totals"]["went_in"] == 2, second
    assert second["merges"][0]["applied_in_part"] == {
        "changes": 1, "fields_taken": 1, "fields_in_conflict": 2,
        "fields_taken_over_conflict": 0}, second
    for got in (first, second):  # a conflict each field, as `conflicts` lists them
        assert got["totals"]["conflict_fields"] == 3, got
