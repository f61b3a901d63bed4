# SPDX-License-Identifier: GPL-2.0-or-later
"""A device's values the master kept aside in a conflict, the merge undone since: a pull
into the device gives it the master's value, and says so (the master holds the device's
value nowhere now), in English and Chinese; the conflict reads as undone with its merge,
and the package's history does not say its own value was kept."""

from __future__ import annotations

import time

from field_kit import errors
from field_kit.sync import masters, package_checkout, package_export, pull
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows
from tests.unit.three_devices import CODE

NOTES = "UPDATE patch_verifications SET notes = ? WHERE uuid = ?"


def kept_aside_then_undone(master, mine, other, tmp_path) -> tuple[str, str]:
    """``mine``'s two edits of a record's notes, each sent, both older than ``other``'s: each
    kept aside at its merge, the second with the verifier it changed too, which went in;
    then the master undoes that merge. A package not there yet is checked out (a township's);
    one there, pulled first, to hold the record. Returns the record's uuid and the merge
    undone."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
         "verified_on, notes) SELECT uuid, patch_code, '李四', '2026-11-20', 'GIS 初录' FROM "
         "mine_patches WHERE patch_code = ?", CODE)
    (record,) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_code = ?",
                     CODE)[0]
    for pkg in (mine, other):
        if pkg.exists():
            pull.pull(pkg, master)
        else:
            package_checkout.checkout(master, pkg, pkg.stem, township="郭勒布依乡")
    sent = []
    for n, notes in enumerate(("t2 first", "t2 second")):
        edit(mine, NOTES, notes, record)
        if n:
            edit(mine, "UPDATE patch_verifications SET verifier = '王五' WHERE uuid = ?",
                 record)
        sent.append(tmp_path / f"{mine.stem}.{n}.zip")
        package_export.export(mine, sent[-1])
        time.sleep(0.01)  # (each edit later than the one before)
    edit(other, NOTES, "t1", record)
    package_export.export(other, tmp_path / f"{other.stem}.zip")
    report = masters.merge(master, [tmp_path / f"{other.stem}.zip", *sent])
    assert report.totals["conflict"] == 2, report.totals
    last = report.results[-1].merge_id
    masters.undo_merge(master, last)
    return record, last


def test_a_pull_says_the_values_a_merge_undone_had_kept_aside(master, tmp_path, capsys,
                                                              chinese_locale, monkeypatch):
    tab1, tab2 = tmp_path / "tab-1.gpkg", tmp_path / "tab-2.gpkg"
    record, last = kept_aside_then_undone(master, tab2, tab1, tmp_path)
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert "#2 undone update/update" in said and f"undone with merge {last} at " in said, said
    assert "#2 已随合并撤销" in said, said
    # the master's history of the record lists it too, at the undo, as conflicts says it
    code, said = cli_said(capsys, "history", master, record)
    assert code == errors.OK, said
    ((patch, day),) = rows(master, "SELECT patch_code, verified_on FROM patch_verifications "
                           "WHERE uuid = ?", record)  # (the record by its patch and its day)
    assert f"冲突随合并撤销 {patch} {day} 备注：\"t1\"；冲突 2 已随合并 {last} 撤销，时间 " \
        in said, said

    code, said = cli_said(capsys, "pull", tab2, master)
    assert code == errors.OK, said
    assert "1 value this device sent is the master's here: the master undid the merge " \
        "that kept it aside in its conflicts (undo-merge) and holds it nowhere now; edit " \
        "it again to send it again:\n" in said, said
    assert "本机已发送的 1 个值在本机已改为主库的值：主库撤销了将它们作为冲突搁置的合并" \
        in said, said
    assert f'{CODE} 2026-11-20) notes: "t2 second" -> "t1"\n' in said, said
    # the verifier the undone merge had applied: the master's again
    assert "1 value this device sent is the master's again: the master undid the merge " \
        "that applied it (undo-merge):\n" in said, said
    assert f'{CODE} 2026-11-20) verifier: "王五" -> "李四"\n' in said, said
    assert rows(tab2, "SELECT notes FROM patch_verifications WHERE uuid = ?", record) == \
        [("t1",)]
    # the package's conflict the pull closed: the master undid the merge, it settled nothing
    code, said = cli_said(capsys, "conflicts", tab2, "--every")
    assert "    closed: the master undid the merge that kept it, at a pull at " in said, said
    assert "    关闭：主库撤销了搁置此值的合并，于拉取时关闭，时间 " in said, said
    assert "settled in the master" not in said and "已在主库中处理" not in said, said
    # the package's history: its value was not kept (it holds the master's), not "kept"
    code, said = cli_said(capsys, "history", tab2, record)
    assert code == errors.OK, said
    assert "冲突 1 在拉取时关闭：本机的此值未保留，本机现与主库一致（另一值为 \"t1\"" in said, said
    assert "保留现有的值" not in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    code, said = cli_said(capsys, "history", tab2, record)
    assert 'notes: "t2 second"; conflict 1 closed at a pull: this package\'s value not kept, ' \
        'it holds what the master holds (the other value was "t1", from tab-1 at ' in said, said
    assert "the value held kept" not in said, said
    code, said = cli_said(capsys, "history", master, record)
    assert f"conflict undone {record} notes: \"t1\"; conflict 2 undone with merge {last} at " \
        in said, said
