# SPDX-License-Identifier: GPL-2.0-or-later
"""How the command line names a conflict: a technician's record by its patch and day wherever
it is named (the merge, the listing, resolve, the settled ones), and whose value each side is
(the one the master holds, the one set aside), in English and Chinese."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit

CODE = "CT6504222017000026002"
DAY = "2026-11-30"
NAME = f"{CODE} {DAY}"
TOWNSHIP = "郭勒布依乡"


def _technicians(master, tmp_path, capsys, *devices):
    """A verification of CODE made on tab-0 and merged, then a technician's package of
    each of ``devices`` checked out holding it."""
    first = tmp_path / "tab-0.gpkg"
    assert cli(capsys, "checkout", master, first, "--device", "tab-0",
               "--township", TOWNSHIP)[0] == errors.OK
    edit(first, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
                "verifier, verified_on) SELECT uuid, patch_code, 'B', '李四', ? FROM "
                "mine_patches WHERE patch_code = ?", DAY, CODE)
    _merged(capsys, master, first)
    out = []
    for d in devices:
        pkg = tmp_path / f"{d}.gpkg"
        assert cli(capsys, "checkout", master, pkg, "--device", d,
                   "--township", TOWNSHIP)[0] == errors.OK
        out.append(pkg)
    return out


def _merged(capsys, master, *packages) -> tuple[int, str]:
    for pkg in packages:
        assert cli(capsys, "export", pkg, pkg.with_suffix(".zip"))[0] == errors.OK
    return cli_said(capsys, "merge", master, *(p.with_suffix(".zip") for p in packages))


def _status_set_apart(master, tmp_path, capsys) -> tuple[int, str]:
    """tab-a sets the verification's status to C, tab-b later to D; both merged."""
    a, b = _technicians(master, tmp_path, capsys, "tab-a", "tab-b")
    for pkg, status in ((a, "C"), (b, "D")):
        edit(pkg, "UPDATE patch_verifications SET remediation_status = ? WHERE "
                  "patch_code = ?", status, CODE)
        time.sleep(0.01)
    return _merged(capsys, master, a, b)


def _edited_at(pkg) -> str:
    """When the package's one edit was made, as its log holds it."""
    with sqlite3.connect(pkg) as conn:
        return conn.execute("SELECT max(at) FROM sync_changes").fetchone()[0]


def _edited_in(master) -> str:
    """When the master's own last edit was made (not sealed yet), as listed."""
    from field_kit.sync.log_reads import log_sql
    conn = connect(master, readonly=True)
    try:
        return local_time(conn.execute(f"SELECT max(at) FROM ({log_sql(conn)}) WHERE "
                                       "origin = 'local'").fetchone()[0])
    finally:
        conn.close()


def _listed(capsys, master, *args) -> list[str]:
    """The head lines of `field-kit conflicts`."""
    return [line for line in cli(capsys, "conflicts", master, *args)[1].splitlines()
            if line.startswith("#")]


def test_a_record_is_named_by_its_patch_and_day_open_and_settled(master, tmp_path, capsys):
    """Two technicians' edits of one verification: the merge, the listing of it open, resolve
    and the listing of it settled all name it by its patch and its day (the listing and
    resolve named it by the patch alone)."""
    code, said = _status_set_apart(master, tmp_path, capsys)
    assert code == errors.CONFLICTS and f"patch_verifications {NAME} change " in said, said
    (row,) = [r for (r,) in sqlite3.connect(master).execute(
        "SELECT uuid FROM patch_verifications WHERE patch_code = ?", (CODE,))]
    named = f"patch_verifications {NAME} (row {row}) remediation_status "
    (line,) = _listed(capsys, master)
    assert line.startswith(f"#1 open update/update {named}"), line
    assert json.loads(cli(capsys, "conflicts", master, "--json")[1])[0]["name"] == NAME
    code, said = cli_said(capsys, "resolve", master, 1, "--take", "theirs")
    assert code == errors.OK and f"conflict 1: {named}now holds \"C\"" in said, said
    (line,) = _listed(capsys, master, "--every")
    assert line.startswith(f"#1 resolved update/update {named}"), line


def test_a_record_left_deleted_is_named_by_its_patch_and_day(master, tmp_path, capsys):
    """A verification deleted on one device and edited on another, settled by keeping it
    deleted: resolve names it as the listing does, by its patch and day (not its uuid)."""
    a, b = _technicians(master, tmp_path, capsys, "tab-a", "tab-b")
    edit(b, "UPDATE patch_verifications SET remediation_status = 'C' WHERE patch_code = ?",
         CODE)
    time.sleep(0.01)
    edit(a, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    assert _merged(capsys, master, a, b)[0] == errors.CONFLICTS
    (line,) = _listed(capsys, master)
    assert f" patch_verifications {NAME} (row " in line, line
    code, said = cli_said(capsys, "resolve", master, 1, "--take", "ours")
    assert code == errors.OK and f"conflict 1: patch_verifications {NAME} (row " in said, said


@pytest.mark.parametrize("order", [("tab-1", "tab-2"), ("tab-2", "tab-1")])
def test_a_record_moved_on_two_devices_says_whose_patch_it_holds(
        master, tmp_path, capsys, chinese_locale, order):
    """tab-1 moves a verification to one patch, tab-2 later to another; merged in either
    order the master holds tab-2's (the later edit) and sets tab-1's aside: the listing says
    so of each side (it said "from tab-1" alone, as if tab-1 had made the value kept)."""
    one, two = _technicians(master, tmp_path, capsys, "tab-1", "tab-2")
    moved = ("UPDATE patch_verifications SET patch_uuid = (SELECT uuid FROM mine_patches "
             "WHERE patch_code = ?), patch_code = ? WHERE patch_code = ?")
    edit(one, moved, "CT6504222016000053002", "CT6504222016000053002", CODE)
    time.sleep(0.01)
    edit(two, moved, "CT6504222017000026001", "CT6504222017000026001", CODE)
    packages = {"tab-1": one, "tab-2": two}
    assert _merged(capsys, master, *(packages[d] for d in order))[0] == errors.CONFLICTS
    at = {d: local_time(_edited_at(pkg)) for d, pkg in packages.items()}  # (as listed)
    lines = _listed(capsys, master)
    english = [line for line in lines if " open " in line]
    chinese = [line for line in lines if " 未处理 " in line]
    assert [line.split()[8] for line in english] == ["patch_uuid", "patch_code"], lines
    for en, zh in zip(english, chinese):
        assert en.endswith(f" from tab-1 at {at['tab-1']} set aside (theirs); the master "
                           f"holds the value tab-2 gave at {at['tab-2']} (ours)"), en
        assert zh.endswith(f" 来自 tab-1，时间 {at['tab-1']} 的值已搁置（theirs）；"
                           f"主库现为：tab-2 于 {at['tab-2']} 给出的值（ours）"), zh
        assert " CT6504222017000026001 2026-11-30（要素 " in zh, zh


def test_a_settled_conflict_says_whose_value_the_master_held(master, tmp_path, capsys,
                                                             chinese_locale):
    """Settled, a conflict says whose value each side was when it was recorded, not what
    is set aside now (the decision says what was taken)."""
    assert _status_set_apart(master, tmp_path, capsys)[0] == errors.CONFLICTS
    assert cli(capsys, "resolve", master, 1, "--take", "theirs")[0] == errors.OK
    en, zh = _listed(capsys, master, "--every")
    assert "remediation_status from tab-a at " in en and " (theirs); when it was recorded " \
        "the master held the value tab-b gave at " in en and "set aside" not in en, en
    assert " 的值为另一方（theirs）；记录冲突时主库为：tab-b 于 " in zh, zh


def test_a_settled_conflict_names_what_the_master_held_then_not_a_later_decision(
        master, tmp_path, capsys):
    """Two technicians edit a note and GIS staff delete the record, all merged at once; the
    delete's conflict is settled first (the record back, with tab-b's note), then the note's:
    the note's conflict says the master held tab-b's value when it was recorded, not the
    value the first decision wrote later."""
    a, b = _technicians(master, tmp_path, capsys, "tab-a", "tab-b")
    g = tmp_path / "gis-g.gpkg"
    assert cli(capsys, "checkout", master, g, "--device", "gis-g", "--role", "gis"
               )[0] == errors.OK
    edit(a, "UPDATE patch_verifications SET notes = 'from a' WHERE patch_code = ?", CODE)
    time.sleep(0.01)
    edit(b, "UPDATE patch_verifications SET notes = 'from b' WHERE patch_code = ?", CODE)
    time.sleep(0.01)
    edit(g, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    assert _merged(capsys, master, a, b, g)[0] == errors.CONFLICTS
    by_kind = {line.split()[2]: line.split()[0][1:] for line in _listed(capsys, master)}
    for kind in ("delete/update", "update/update"):  # the record kept, then a's note
        assert cli(capsys, "resolve", master, by_kind[kind], "--take", "theirs")[0] == 0
    (note,) = [line for line in _listed(capsys, master, "--every") if "update/update" in line]
    assert "when it was recorded the master held the value tab-b gave at " in note, note
    assert "settling conflict" not in note, note


def test_a_value_changed_since_is_said_held_by_whoever_changed_it(master, tmp_path, capsys):
    """The master's value changed since the conflict was recorded (GIS staff's edit): the
    value it holds is said to be theirs who changed it, as the later edit's line says."""
    assert _status_set_apart(master, tmp_path, capsys)[0] == errors.CONFLICTS
    edit(master, "UPDATE patch_verifications SET remediation_status = 'A'")
    out = cli(capsys, "conflicts", master)[1].splitlines()
    (later,) = [line for line in out if line.startswith("    later edit: ")]
    who = later.split(", changed by ", 1)[1]
    device, at = who.split(" at ")
    assert out[0] == "1 open conflict in 1 merge: patch_verifications 1", out
    assert device != "tab-b" and out[1].endswith(
        f" set aside (theirs); the master holds the value {device} gave at {at} (ours)"), out


def test_a_whole_rows_sides_give_the_fields_in_dispute_with_their_labels(master, tmp_path,
                                                                        capsys, monkeypatch):
    """A record deleted on one device, its status and verifier changed later on another: the
    row's conflict gives, on each side, the fields in dispute with each code's label (in
    Chinese each field by its label), not JSON of the row's columns; "ours", the record the
    master holds again, is those fields too, not every column of the record."""
    a, b = _technicians(master, tmp_path, capsys, "tab-a", "tab-b")
    edit(a, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    time.sleep(0.01)
    edit(b, "UPDATE patch_verifications SET remediation_status = 'C', verifier = '王五' "
            "WHERE patch_code = ?", CODE)
    _merged(capsys, master, a, b)
    out = cli(capsys, "conflicts", master)[1]
    assert '    ancestor {remediation_status: "B" (Restored), verifier: "李四"} | ours ' \
           '{remediation_status: "C" (Work in progress), verifier: "王五"} | theirs (deleted)' \
        in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = cli(capsys, "conflicts", master)[1]
    assert '主库现值（ours）{恢复治理情况："C"（治理中），核查人："王五"} ｜ 另一方（theirs）' \
           '已删除' in out, out


def test_a_row_brought_back_by_another_decision_shows_the_fields_in_dispute(master, tmp_path,
                                                                           capsys):
    """The record's notes met another device's, and a third deleted it: the row's conflict
    showed the fields in dispute, until the notes' decision brought the record back; then
    its ancestor and "ours" listed every column of the record. Still the fields in dispute
    (each device's own, in a conflict of its own)."""
    a, b, c = _technicians(master, tmp_path, capsys, "tab-a", "tab-b", "tab-c")
    edit(a, "UPDATE patch_verifications SET year_closed = 2025, notes = 'a' WHERE "
            "patch_code = ?", CODE)
    time.sleep(0.01)
    edit(b, "UPDATE patch_verifications SET notes = 'b' WHERE patch_code = ?", CODE)
    time.sleep(0.01)
    edit(c, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    _merged(capsys, master, a, b, c)
    assert cli(capsys, "resolve", master, "1", "--take", "theirs",
               "--over-later-edit")[0] == errors.OK
    out = cli(capsys, "conflicts", master)[1]
    # (a row conflict for each device whose edit the delete took: tab-a's year, tab-b's notes)
    sides = [line for line in out.splitlines() if line.startswith("    ancestor ")]
    assert len(sides) == 2, out
    assert not any("patch_uuid" in s or "created_at" in s for s in sides), sides
    assert "notes: " in sides[1] and "year_closed: 2025" in sides[0], sides



def _row_kept_against_a_delete(master, tmp_path, capsys, in_master=edit) -> None:
    """tab-c deletes a record that tab-a (its status) and tab-b (its notes) edit later, both
    merged, then GIS staff change its verifier in the master (``in_master(master, sql,
    *args)``); tab-c's delete, merged last, is set aside: a whole-row conflict, the master
    holding the row."""
    a, b, c = _technicians(master, tmp_path, capsys, "tab-a", "tab-b", "tab-c")
    edit(c, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    time.sleep(0.01)
    edit(a, "UPDATE patch_verifications SET remediation_status = 'C' WHERE patch_code = ?",
         CODE)
    time.sleep(0.01)
    edit(b, "UPDATE patch_verifications SET notes = 'b' WHERE patch_code = ?", CODE)
    _merged(capsys, master, a, b)
    time.sleep(0.01)
    in_master(master, "UPDATE patch_verifications SET verifier = '王五' WHERE patch_code = ?",
              CODE)
    assert _merged(capsys, master, c)[0] == errors.CONFLICTS


def test_a_whole_row_held_is_said_as_last_edited_by_whoever_edited_it_last(
        master, tmp_path, capsys, chinese_locale):
    """The row the master holds against a device's delete was said to be "the value master
    gave", as if GIS staff had made it all: it is the row as last edited by them, tab-a's
    and tab-b's values in it."""
    _row_kept_against_a_delete(master, tmp_path, capsys)
    at = _edited_in(master)
    en, zh = _listed(capsys, master)
    assert en.endswith("set aside (theirs); the master holds the row as last edited by "
                       f"master at {at} (ours)"), en
    assert zh.endswith(f"的值已搁置（theirs）；主库现为：主库 于 {at} 最后修改的该要素（ours）"), zh


def test_a_whole_row_deleted_since_is_said_deleted_by_whoever_deleted_it(
        master, tmp_path, capsys, chinese_locale):
    """GIS staff delete in the master the row a device's delete met: the master holds it
    deleted, by their delete, not a value they gave (nor a row they edited)."""
    _row_kept_against_a_delete(master, tmp_path, capsys)
    edit(master, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    at = _edited_in(master)
    en, zh = _listed(capsys, master)
    assert en.endswith(f"the master holds the row deleted by master at {at} (ours)"), en
    assert zh.endswith(f"主库现为：该要素已由 主库 于 {at} 删除（ours）"), zh


def test_the_delete_taken_drops_the_row_as_last_edited_not_one_edit(master, tmp_path, capsys,
                                                                    chinese_locale):
    """Taking tab-c's delete drops the row the master held, tab-a's and tab-b's values in
    it: said of the row as last edited by GIS staff, not as their edit alone dropped."""
    _row_kept_against_a_delete(master, tmp_path, capsys)
    at = _edited_in(master)
    code, said = cli_said(capsys, "resolve", master, 1, "--take", "theirs")
    assert code == errors.OK and " the row is deleted\n" in said, said
    assert f" the row as last edited by master at {at} is dropped\n" in said, said
    assert f"已舍弃 主库 于 {at} 最后修改的整个要素\n" in said, said
    assert " the edit from " not in said, said
