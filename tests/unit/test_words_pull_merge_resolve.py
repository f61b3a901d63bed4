# SPDX-License-Identifier: GPL-2.0-or-later
"""What merge, resolve and pull print, in plain words: values as the tool says them (text
quoted, an emptied value as emptied), a change applied in part said so, the conflict count
alike everywhere, each conflict settled named with its value, and the changes a package cut
by township leaves out said as what they are; in Chinese too."""

from __future__ import annotations

import json
import sqlite3
import time

from field_kit import errors
from field_kit.sync.merge import conflicts as merge_conflicts
from tests.unit.cli_run import cli, sent
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids


def _two_devices_one_record(tmp_path, capsys):
    """tab-a and tab-b edit one record; tab-b's edit, the later, empties treated_area_m2
    and changes verifier (both edited by tab-a too) and notes (by tab-b alone)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, dev in ((a, "tab-a"), (b, "tab-b")):
        assert cli(capsys, "checkout", master, pkg, "--device", dev, "--role", "gis")[0] == 0
    edit(master, "UPDATE patch_verifications SET treated_area_m2 = 500.0")
    for pkg in (a, b):
        assert cli(capsys, "pull", pkg, master)[0] == errors.OK
    edit(a, "UPDATE patch_verifications SET treated_area_m2 = 700.0, verifier = 'Wang'")
    time.sleep(0.05)
    edit(b, "UPDATE patch_verifications SET treated_area_m2 = NULL, verifier = 'Li', "
            "notes = 'from b'")
    for pkg in (a, b):
        assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    uuid, code = sqlite3.connect(master).execute(
        "SELECT uuid, patch_code FROM patch_verifications").fetchone()
    return master, a, b, uuid, code


def test_merge_resolve_and_pull_say_what_went_in(tmp_path, capsys, monkeypatch):
    master, a, b, uuid, code = _two_devices_one_record(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    got, out, _ = cli(capsys, "merge", master, f"{b}.zip")
    assert got == errors.CONFLICTS
    # every field went in, two of them (the later edits) over the master's values, kept in
    # their conflicts: not "applied 0 … conflicts 1" alone
    assert "applied 1, already applied 0, conflicts 2 to settle in 1 change, refused 0" \
        in out, out
    assert "  1 of the changes applied met a conflict: the master took their values" in out
    assert "  已应用的修改中有 1 项遇到冲突：主库采用了其值" in out, out
    # status counts them as merge did
    status = cli(capsys, "status", master)[1]
    assert "applied 1, already 0, conflicts 2 to settle in 1 change, refused 0" in status, \
        status

    merge_id = sqlite3.connect(master).execute(
        "SELECT merge_id FROM sync_merges WHERE device = 'tab-b'").fetchone()[0]
    got, out, _ = cli(capsys, "resolve", master, "--all", merge_id, "--take", "ours")
    assert got == errors.OK, out
    row = f"{code} (row {uuid})"
    # the master's values stand (nothing written): said so, and the values dropped named
    assert f"  conflict 1: patch_verifications {row} treated_area_m2 stays empty (NULL)\n" \
        in out, out
    assert f'  conflict 2: patch_verifications {row} verifier still holds "Li"\n' in out, out
    assert f'  conflict 2: patch_verifications {row} verifier value "Wang" from tab-a at ' \
        in out, out
    # (the layer by its Chinese title, the field by its label, as the merge's line names them)
    assert f"  冲突 2：图斑核查记录 {code}（要素 {uuid}）的核查人保持为 “Li”\n" in out, out
    assert "  conflict 1: treated_area_m2 emptied (NULL)\n" not in out, out  # (said once)

    got, out, _ = cli(capsys, "pull", a, master)
    assert got == errors.OK, out
    # no Python repr: text quoted, a value emptied said so
    where = f"patch_verifications {uuid} ({code})"
    assert f"    {where} treated_area_m2: 700.0 -> emptied (NULL)\n" in out, out
    assert f'    {where} verifier: "Wang" -> "Li"\n' in out, out
    assert "None" not in out and "'Wang'" not in out, out


def test_a_pull_counts_its_conflicts_as_merge_does(tmp_path, capsys, monkeypatch):
    master, a, b, uuid, code = _two_devices_one_record(tmp_path, capsys)
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    got, out, _ = cli(capsys, "pull", a, master)  # tab-a's unsent edits clash with tab-b's
    assert got == errors.CONFLICTS, out
    assert "conflicts 2 to settle in 1 change (where they clash, the package's unsent " \
        "values kept)" in out, out
    assert "冲突 2 项待处理（涉及 1 项修改）（冲突中保留数据包未发送的值）" in out, out


def test_a_pull_cut_by_township_says_what_it_left_out(tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=10)
    pkg = tmp_path / "t.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech", "--township",
               "Toksun")[0] == errors.OK
    other = patch_uuids(master, "Bostan", limit=1)[0]
    edit(master, "UPDATE mine_patches SET phase = 'II' WHERE uuid = ?", other)
    edit(master, "INSERT INTO mine_patches (patch_code, township) VALUES ('X-1', 'Bostan')")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    got, out, _ = cli(capsys, "pull", pkg, master)
    assert got == errors.OK, out
    assert "applied 0, already 0, conflicts 0" in out, out  # not "already 2"
    assert "  1 new row outside this package's township or area left out\n" in out, out
    assert "  1 change of rows this package does not hold (outside its township or area, " \
        "or deleted here) left out\n" in out, out
    assert "  1 条不在本数据包乡镇或范围内的新记录未带入\n" in out, out


def test_resolve_refused_names_a_session_in_chinese_with_matching_brackets(
        tmp_path, capsys, monkeypatch):
    """The master's value changed since by a session named as PostgreSQL names one ("anna
    (psql)"): the refusal's Chinese line closes its brackets as it opens them."""
    master = _conflict_over_notes(tmp_path, capsys, device="anna (psql)")
    edit(master, "UPDATE patch_verifications SET notes = 'm2'")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    got, _, err = cli(capsys, "resolve", master, "1", "--take", "theirs")
    assert got == errors.REFUSED, err
    assert "changed by anna (psql) at " in err, err
    assert "，修改者 anna（psql），时间 " in err, err


def test_undo_merge_says_the_conflicts_it_closes(tmp_path, capsys, monkeypatch):
    master, a, b, _, _ = _two_devices_one_record(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    merge_id = sqlite3.connect(master).execute(
        "SELECT merge_id FROM sync_merges WHERE device = 'tab-b'").fetchone()[0]
    assert cli(capsys, "resolve", master, "1", "--take", "theirs")[0] == errors.OK
    got, out, _ = cli(capsys, "undo-merge", master, merge_id)
    assert got == errors.OK, out
    # one settled, one open: both closed with the merge, said so (the list has neither)
    assert ("2 conflicts this merge recorded closed as undone with it (what settling any "
            "of them wrote is reverted too)") in out, out
    assert "此次合并记录的 2 项冲突随之作为已撤销关闭" in out, out
    code, listed, _ = cli(capsys, "conflicts", master)
    assert code == errors.OK and listed.startswith("0 conflicts"), listed  # none open


def _conflict_over_notes(tmp_path, capsys, device: str = "master") -> str:
    """A master (its own edits by ``device``) whose one record's notes are in conflict,
    edited by tab-a and in the master."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3, verifications=1, device=device)
    pkg = tmp_path / "a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a", "--role", "gis")[0] == 0
    edit(pkg, "UPDATE patch_verifications SET notes = 'a'")
    edit(master, "UPDATE patch_verifications SET notes = 'm'")
    assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{pkg}.zip")[0] == errors.CONFLICTS
    return master


def _conflict_then_deleted(tmp_path, capsys):
    """A conflict over a record's notes, the record deleted in the master since: (master,
    its uuid, its patch code)."""
    master = _conflict_over_notes(tmp_path, capsys)
    uuid, code = sqlite3.connect(master).execute(
        "SELECT uuid, patch_code FROM patch_verifications").fetchone()
    edit(master, "DELETE FROM patch_verifications")
    return master, uuid, code


def test_resolve_refused_names_the_record_deleted_since_by_its_layer_and_name(
        tmp_path, capsys, monkeypatch):
    """A decision over a record deleted since the conflict was recorded is refused naming
    the record by its patch, as it was named while there; in Chinese its layer by its
    Chinese title, the record as 要素, not the table's name and "row"."""
    master, uuid, code = _conflict_then_deleted(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    got, _, err = cli(capsys, "resolve", master, "1", "--take", "theirs")
    assert got == errors.REFUSED, err
    assert f"conflict 1 (patch_verifications {code} (row {uuid}), field notes): " in err, err
    (zh,) = [line for line in err.splitlines() if "未处理" in line]
    assert f"冲突 1（图斑核查记录 {code}（要素 {uuid}），字段 备注）：" in zh, zh
    assert "patch_verifications" not in zh and " row " not in zh, zh


def test_a_conflict_of_a_row_without_a_name_is_said_by_its_layer_in_chinese():
    """A record of a layer of the county's own, no name: its layer and 要素 with its uuid."""
    from field_kit.messages_zh import chinese
    said = chinese(
        "not settled: the master's values changed since they were recorded for 2 of the 2 "
        "conflicts: conflict 3 (wells row 1c-9e, field depth): 5 when it was recorded, 6 now, "
        "changed by tab-a at 2026-01-01 10:00:00; conflict 4 (mine_patches CT1 (row 2d-7f), "
        "the whole row): deleted when it was recorded, there again now, changed by tab-b at "
        "2026-01-02 10:00:00; none of the 2 was settled, nothing was changed. Look again with "
        "field-kit conflicts: --take ours keeps what the master holds now, --over-later-edit "
        "writes this decision over it")
    for part in ("冲突 3（wells 要素 1c-9e，字段 depth）：5（记录时），6（现在），修改者 tab-a，",
                 "冲突 4（历史遗留矿山图斑 CT1（要素 2d-7f），整个要素）：记录时已删除，现又存在"):
        assert part in said, said


def test_a_later_edit_that_deleted_the_row_is_said_with_a_chinese_comma(tmp_path, capsys,
                                                                         monkeypatch):
    """The row deleted since, or back since: who did it follows after a Chinese comma, in
    resolve's refusal and in the listing's later-edit line alike."""
    from field_kit.messages_zh import chinese
    master, _, _ = _conflict_then_deleted(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    err = cli(capsys, "resolve", master, "1", "--take", "theirs")[2]
    listed = cli(capsys, "conflicts", master)[1]
    for out in (err, listed):
        assert "其要素现已删除，修改者 " in out and \
            ", " not in out.split("其要素现已删除")[1].split("\n")[0], out
    for en, zh in (("deleted when it was recorded, there again now, changed by tab-b at 1",
                    "记录时已删除，现又存在，修改者 tab-b，时间 1"),
                   ('{"a": 1} when it was recorded, deleted now, no recorded edit says who '
                    "changed it (written while capture was off)",
                    '{"a": 1}（记录时），现已删除，没有修改记录说明是谁改的'
                    "（改时变更捕获已关闭）")):
        assert chinese(f"later edit: {en}") == f"其后的修改：{zh}"


def test_status_says_which_of_a_merges_conflicts_are_settled(tmp_path, capsys, monkeypatch):
    """A merge's line in status said its conflicts "to settle" after they were settled: a
    supervisor could not tell which merges still need work. One settled of two, then
    both; in Chinese too."""
    master, a, b, uuid, code = _two_devices_one_record(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    assert cli(capsys, "resolve", master, "1", "--take", "ours")[0] == errors.OK
    status = cli(capsys, "status", master)[1]
    assert "conflicts 2 (1 to settle) in 1 change, refused 0" in status, status
    assert "冲突 2 项（其中 1 项待处理，涉及 1 项修改）" in status, status
    assert cli(capsys, "resolve", master, "2", "--take", "theirs")[0] == errors.OK
    status = cli(capsys, "status", master)[1]
    assert "conflicts 2 settled in 1 change, refused 0" in status, status
    assert "冲突 2 项（均已处理，涉及 1 项修改）" in status, status
    assert "to settle" not in status, status


def test_a_package_merged_again_says_its_conflicts_still_to_settle(tmp_path, capsys,
                                                                   monkeypatch):
    """Merged again while its first merge's conflicts are open, a package exited 0, as if
    nothing were left to do: it exits as that merge did, saying how many are open and how to
    settle them, in Chinese too; once one is settled it counts the other, and once both are,
    it exits 0."""
    master, a, b, uuid, code = _two_devices_one_record(tmp_path, capsys)
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    got, out, _ = cli(capsys, "merge", master, f"{b}.zip")
    assert got == errors.CONFLICTS and "merged before by merge" in out, out
    assert "  2 conflicts its merge recorded still to settle: field-kit conflicts lists " \
        "them, field-kit resolve settles them\n" in out, out
    got, merged = cli(capsys, "merge", master, f"{b}.zip", "--json")[:2]
    assert got == errors.CONFLICTS and json.loads(merged)["exit_code"] == errors.CONFLICTS
    assert json.loads(merged)["merges"][0]["still_to_settle"] == 2, merged
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli(capsys, "resolve", master, "1", "--take", "ours")[0] == errors.OK
    got, out, _ = cli(capsys, "merge", master, f"{b}.zip")
    assert got == errors.CONFLICTS, out
    assert "  其此前合并记录的 1 项冲突仍待处理：field-kit conflicts 可列出，field-kit resolve " \
        "可处理\n" in out, out
    assert cli(capsys, "resolve", master, "2", "--take", "ours")[0] == errors.OK
    got, out, _ = cli(capsys, "merge", master, f"{b}.zip")
    assert got == errors.OK, out
    assert "merged before by merge" in out and "still to settle" not in out, out


def test_a_pull_says_which_values_it_replaced_are_still_open_conflicts(tmp_path, capsys):
    """The pull replaced tab-a's values with tab-b's, the later, while the master's conflicts
    keep tab-a's aside, open: said, with their ids, for a supervisor may still choose them
    (tab-a's package holds no conflict of its own); once settled, no more."""
    master, a, b, uuid, code = _two_devices_one_record(tmp_path, capsys)
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    c = tmp_path / "c.gpkg"  # (a copy of tab-a's package, pulled after the decisions)
    c.write_bytes(a.read_bytes())
    out = cli(capsys, "pull", a, master)[1]
    assert "2 values this device sent are replaced by the master's" in out, out
    assert "  2 of them still in open conflicts in the master, this device's value set aside " \
        "there, which a supervisor may still choose: conflicts 1, 2\n" in out, out
    assert cli(capsys, "resolve", master, "1", "2", "--take", "ours")[0] == errors.OK
    out = cli(capsys, "pull", c, master)[1]
    assert "2 values this device sent are replaced by the master's" in out, out
    assert "still in open conflicts" not in out, out



def test_a_pull_names_only_the_open_conflicts_keeping_this_devices_value(tmp_path, capsys,
                                                                        monkeypatch):
    """tab-a, tab-b and tab-c change the notes of one record in turn, merged in that order:
    conflict 1 keeps tab-a's aside, conflict 2 tab-b's. A pull into tab-b said both were
    open "this device's value set aside there", counting 2 of its 1 value: only conflict 2
    keeps tab-b's value, and tab-a's is in conflict 1 alone; in Chinese too."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkgs = {dev: tmp_path / f"{dev}.gpkg" for dev in ("tab-a", "tab-b", "tab-c")}
    for dev, pkg in pkgs.items():
        assert cli(capsys, "checkout", master, pkg, "--device", dev, "--role", "gis")[0] == 0
    for dev, pkg in pkgs.items():
        time.sleep(0.05)
        edit(pkg, f"UPDATE patch_verifications SET notes = 'from {dev}'")
        assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    for pkg in pkgs.values():
        cli(capsys, "merge", master, f"{pkg}.zip")
    assert [(c.id, c.device) for c in merge_conflicts(master)] == [(1, "tab-a"), (2, "tab-b")]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    for dev, held in (("tab-b", "2"), ("tab-a", "1")):
        out = cli(capsys, "pull", pkgs[dev], master)[1]
        assert "1 value this device sent is replaced by the master's" in out, out
        assert "  1 of them still in open conflicts in the master, this device's value set " \
            f"aside there, which a supervisor may still choose: conflict {held}\n" in out, out
        assert "其中 1 项在主库中仍为未处理的冲突，本机的值在那里留作另一方，主管仍可选用：" \
            f"冲突 {held}" in out, out


def test_conflicts_give_each_codes_label(master, tmp_path, capsys, monkeypatch):
    """A coded field's sides were bare codes ("B" | "C"): each with its label, in English
    and in Chinese."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on, measured_area_m2) SELECT uuid, patch_code, 'A', '李四', "
         "'2024-05-01', 50000 FROM mine_patches ORDER BY fid LIMIT 1")
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, dev in ((a, "tab-a"), (b, "tab-b")):
        assert cli(capsys, "checkout", master, pkg, "--device", dev, "--role", "gis")[0] == 0
    for pkg, status in ((a, "B"), (b, "C")):
        edit(pkg, f"UPDATE patch_verifications SET remediation_status = '{status}', "
             "treated_area_m2 = 1000")
        assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
        cli(capsys, "merge", master, f"{pkg}.zip")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    got, out, _ = cli(capsys, "conflicts", master)
    assert got == errors.CONFLICTS, out
    assert '| ours "C" (Work in progress) | theirs "B" (Restored)' in out, out
    assert '主库现值（ours）"C"（治理中） ｜ 另一方（theirs）"B"（已恢复治理）' in out, out


def test_a_pull_names_no_value_replaced_on_a_row_deleted_or_put_back_as_sent(tmp_path,
                                                                             capsys):
    """tab-b's values met tab-a's, then tab-b deleted the record. A pull into tab-a listed
    the fields as "replaced by the master's" though the master holds no such row (said as
    gone); and once a decision put the record back with tab-a's verifier, it still listed
    that verifier as replaced by tab-b's."""
    master, a, b, uuid, code = _two_devices_one_record(tmp_path, capsys)
    edit(b, "DELETE FROM patch_verifications")
    assert cli(capsys, "export", b, f"{b}.2.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    cli(capsys, "merge", master, f"{b}.2.zip")
    assert sqlite3.connect(master).execute("SELECT count(*) FROM patch_verifications "
                                           "WHERE uuid = ?", (uuid,)).fetchone() == (0,)
    copy = tmp_path / "a-copy.gpkg"
    copy.write_bytes(a.read_bytes())
    out = cli(capsys, "pull", copy, master)[1]
    assert "1 row this device had edited is gone: the master deleted it" in out, out
    assert "replaced by the master's" not in out, out
    verifier = next(c.id for c in merge_conflicts(master) if c.field == "verifier")
    got, said, _ = cli(capsys, "resolve", master, str(verifier), "--take", "theirs",
                       "--over-later-edit")
    assert got == errors.OK and "it is back whole" in said, said
    # the record by its patch, as the supervisor knows it, then its uuid
    assert f"patch_verifications {code} " in said and f"(row {uuid}) had been deleted in the " \
        "master" in said, said
    out = cli(capsys, "pull", a, master)[1]
    assert sqlite3.connect(a).execute("SELECT verifier FROM patch_verifications WHERE uuid = "
                                      "?", (uuid,)).fetchone() == ("Wang",)
    assert '"Wang" -> "Li"' not in out, out


def test_the_masters_own_edits_are_the_masters_in_chinese(tmp_path, capsys, monkeypatch):
    """The device the master's own edits carry, master, is 主库 in a Chinese line, as the
    rest of it: whose value a conflict set aside, who made a change in history; the English
    line keeps the name."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3, verifications=1)
    pkg = tmp_path / "a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a", "--role", "gis")[0] == 0
    edit(master, "UPDATE patch_verifications SET notes = 'm'")
    time.sleep(0.05)  # tab-a's the later edit: the master's set aside
    edit(pkg, "UPDATE patch_verifications SET notes = 'a'")
    assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{pkg}.zip")[0] == errors.CONFLICTS
    uuid = sqlite3.connect(master).execute("SELECT uuid FROM patch_verifications").fetchone()[0]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, listed, _ = cli(capsys, "conflicts", master)
    assert code == errors.CONFLICTS and " notes from master at " in listed, listed
    (zh,) = [line for line in listed.splitlines() if line.startswith("#1 未处理")]
    assert "字段 备注 来自 主库，时间 " in zh and "master" not in zh, zh
    code, history, _ = cli(capsys, "history", master, uuid)
    assert code == errors.OK, history
    heads = [line.split()[3:5] for line in history.splitlines() if line[:1].isdigit()]
    assert ["主库", "本机"] in heads and ["tab-a", "合并"] in heads, history
    # (the file's path, in the command that settles its open conflict, is the test's own)
    assert not [line for line in history.replace(str(master), "").splitlines()
                if "master" in line], history


def test_a_pull_says_no_row_was_taken_from_the_device_whose_own_delete_stands(
        tmp_path, capsys, monkeypatch):
    """tab-a wrote a record, then deleted it; tab-b edited it later, which brought it back
    in the master, and the supervisor took tab-a's delete. tab-a's pull said the record it
    "had edited" was gone, "the master deleted" it: the delete was its own, and stands.
    tab-b, whose edit is what the master deleted, is still told so; in Chinese too."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, dev in ((a, "tab-a"), (b, "tab-b")):
        assert cli(capsys, "checkout", master, pkg, "--device", dev)[0] == errors.OK
    edit(a, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
            "remediation_status, notes) SELECT uuid, patch_code, 'Zhang', '2026-12-01', 'C', "
            "'first' FROM mine_patches ORDER BY fid LIMIT 1")
    assert sent(capsys, a, master, tmp_path / "a1.zip")[0] == errors.OK
    assert cli(capsys, "pull", b, master)[0] == errors.OK
    edit(a, "DELETE FROM patch_verifications")
    time.sleep(0.05)
    edit(b, "UPDATE patch_verifications SET notes = 'from b'")
    assert sent(capsys, a, master, tmp_path / "a2.zip")[0] == errors.OK
    assert sent(capsys, b, master, tmp_path / "b1.zip")[0] == errors.CONFLICTS
    assert cli(capsys, "resolve", master, "1", "--take", "theirs")[0] == errors.OK
    assert sqlite3.connect(master).execute(
        "SELECT count(*) FROM patch_verifications").fetchone() == (0,)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "pull", a, master)
    assert code == errors.OK, out + err
    assert "this device had edited are gone" not in out and "本机修改过的" not in out, out
    code, out, err = cli(capsys, "pull", b, master)
    assert code == errors.OK, out + err
    assert "1 row this device had edited is gone: the master deleted it:" in out, out
    assert "本机修改过的 1 条记录已移除（主库删除了它们）：" in out, out
