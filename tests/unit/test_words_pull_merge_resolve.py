# SPDX-License-Identifier: GPL-2.0-or-later
"""What merge, resolve and pull print, in plain words: values as the tool says them (text
quoted, an emptied value as emptied), a change applied in part said so, the conflict count
alike everywhere, each conflict settled named with its value, and the changes a package cut
by township leaves out said as what they are; in Chinese too."""

from __future__ import annotations

import sqlite3
import time

from field_kit import errors
from tests.unit.cli_run import cli
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
    assert "applied 1, already applied 0, conflicts 2 to settle in 1 change(s), refused 0" \
        in out, out
    assert "  1 of the changes applied met a conflict: the master took their values" in out
    assert "  已应用的修改中有 1 项遇到冲突：主库采用了其值" in out, out
    # status counts them as merge did
    status = cli(capsys, "status", master)[1]
    assert "applied 1, already 0, conflicts 2 to settle in 1 change(s), refused 0" in status, \
        status

    merge_id = sqlite3.connect(master).execute(
        "SELECT merge_id FROM sync_merges WHERE device = 'tab-b'").fetchone()[0]
    got, out, _ = cli(capsys, "resolve", master, "--all", merge_id, "--take", "ours")
    assert got == errors.OK, out
    row = f"{code} (row {uuid})"
    assert f"  conflict 1: patch_verifications {row} treated_area_m2 emptied (NULL)\n" in out
    assert f'  conflict 2: patch_verifications {row} verifier now holds "Li"\n' in out, out
    assert f"  冲突 2：patch_verifications {code}（要素 {uuid}） 的 verifier 现为 Li\n" in out
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
    assert "conflicts 2 to settle in 1 change(s) (where they clash, the package's unsent " \
        "values kept)" in out, out
    assert "冲突 2 处（涉及 1 项修改）（冲突处保留数据包未发送的值）" in out, out


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
    assert "  1 new row(s) outside this package's township or area left out\n" in out, out
    assert "  1 change(s) of rows this package does not hold (outside its township or area, " \
        "or deleted here) left out\n" in out, out
    assert "  1 条不在本数据包乡镇或范围内的新记录未带入\n" in out, out


def test_resolve_refused_names_a_session_in_chinese_with_matching_brackets(
        tmp_path, capsys, monkeypatch):
    """The master's value changed since by a session named as PostgreSQL names one ("anna
    (psql)"): the refusal's Chinese line closes its brackets as it opens them."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3, verifications=1, device="anna (psql)")
    pkg = tmp_path / "a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a", "--role", "gis")[0] == 0
    edit(pkg, "UPDATE patch_verifications SET notes = 'a'")
    edit(master, "UPDATE patch_verifications SET notes = 'm'")
    assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{pkg}.zip")[0] == errors.CONFLICTS
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
    assert ("2 conflict(s) this merge recorded closed as undone with it (what settling any "
            "of them wrote is reverted too)") in out, out
    assert "此次合并记录的 2 处冲突随之作为已撤销关闭" in out, out
    code, listed, _ = cli(capsys, "conflicts", master)
    assert code == errors.OK and listed.startswith("0 conflict(s)"), listed  # none open
