# SPDX-License-Identifier: GPL-2.0-or-later
"""resolve says what a decision on a whole row did: the row put back only where it was
deleted; kept as the master holds it where --take ours found it there (another decision
had put it back since the conflict was recorded), in English and Chinese."""

from __future__ import annotations

import json

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import snapshot
from tests.unit.three_devices import three_packages


def test_ours_on_a_row_put_back_since_says_the_masters_row_is_kept(master, tmp_path, capsys,
                                                                   chinese_locale):
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["gis-1"], zips["tab-1"],
                          zips["tab-2"], "--json")
    assert code == errors.CONFLICTS, said
    assert [m["counts"]["conflict"] for m in json.loads(said[said.index("{"):])["merges"]] == \
        [0, 1, 1], said
    # tab-2's edit taken: the row the delete took is put back, and said so
    code, said = cli_said(capsys, "resolve", master, "2", "--take", "theirs")
    assert code == errors.OK, said
    assert f"(row {record}) the row is put back\n" in said, said
    assert f"（要素 {record}）整个要素已恢复\n" in said, said
    before = snapshot(master)
    code, said = cli_said(capsys, "resolve", master, "--all", "tab-1", "--take", "ours")
    assert code == errors.OK, said
    assert snapshot(master) == before
    assert f"conflict 1: patch_verifications CT6504222017000026002 2026-11-20 (row {record}) " \
           "the master's row is kept as it is\n" in said, said
    assert f"冲突 1：图斑核查记录 CT6504222017000026002 2026-11-20（要素 {record}）保留主库" \
           "现有的整个要素，未作更改\n" in said, said
    assert "put back" not in said and "已恢复" not in said and "the row back" not in said, said


def test_ours_on_a_row_still_deleted_says_it_stays_deleted(master, tmp_path, capsys,
                                                            chinese_locale):
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["gis-1"], zips["tab-1"])
    assert code == errors.CONFLICTS, said
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "ours")
    assert code == errors.OK, said
    assert f"(row {record}) the row stays deleted\n" in said, said
    assert f"（要素 {record}）整个要素保持删除\n" in said, said


def _edit_of(master, device: str) -> tuple[str, str]:
    """The time the change log gives ``device``'s edit of the verification (local time)."""
    from field_kit.sync.changelog import local_time
    from tests.unit.gpkg_factory import rows
    (at,) = rows(master, "SELECT at FROM sync_changes WHERE device = ? AND tbl = "
                 "'patch_verifications' ORDER BY seq DESC LIMIT 1", device)[0]
    return device, local_time(at)


def test_theirs_on_an_edit_of_a_row_deleted_says_once_it_is_back_and_drops_the_delete(
        master, tmp_path, capsys, chinese_locale):
    """gis-1's delete merged first, tab-1's edit of the row kept aside: taking the edit says
    once that the row is back, what it holds, and that gis-1's delete is dropped."""
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["gis-1"], zips["tab-1"])
    assert code == errors.CONFLICTS, said
    device, at = _edit_of(master, "gis-1")
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.OK, said
    assert said.count("put back") == 1 and "back whole" not in said, said
    assert said.count("整个要素已恢复") == 1 and "整体恢复" not in said, said
    assert f"(row {record}) the delete from {device} at {at} is dropped\n" in said, said
    assert f"（要素 {record}）已舍弃 {device} 于 {at} 所作的删除\n" in said, said


def test_ours_on_a_row_still_deleted_names_the_edit_dropped(master, tmp_path, capsys,
                                                            chinese_locale):
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["tab-1"], zips["gis-1"])
    assert code == errors.CONFLICTS, said
    device, at = _edit_of(master, "tab-1")
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "ours")
    assert code == errors.OK, said
    assert f"(row {record}) the row stays deleted\n" in said, said
    assert f"(row {record}) the edit from {device} at {at} is dropped\n" in said, said
    assert f"（要素 {record}）已舍弃 {device} 于 {at} 所作的修改\n" in said, said


def test_a_field_decision_says_what_stands_and_whose_value_is_dropped(master, tmp_path, capsys,
                                                                     chinese_locale):
    """tab-1's and tab-2's notes met: --take ours says the master's notes stand ("still
    holds", not "now holds": nothing was written) and names the other value dropped, with
    its device; --take theirs names the master's value dropped, with the device that gave
    it."""
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["tab-1"], zips["tab-2"], "--json")
    assert code == errors.CONFLICTS, said
    first, second = tmp_path / "first.gpkg", tmp_path / "second.gpkg"
    first.write_bytes(master.read_bytes())
    second.write_bytes(master.read_bytes())
    code, said = cli_said(capsys, "conflicts", master, "--json")
    (c,) = json.loads(said[said.index("["):])
    ours, theirs = c["ours"], c["theirs"]
    held = "tab-2" if ours.startswith("t2") else "tab-1"
    other = "tab-1" if held == "tab-2" else "tab-2"
    code, said = cli_said(capsys, "resolve", first, str(c["id"]), "--take", "ours")
    assert code == errors.OK, said
    assert f"(row {record}) notes still holds \"{ours}\"\n" in said and "now holds" not in said
    assert f"（要素 {record}）的备注保持为 “{ours}”\n" in said, said  # (quoted, as in English)
    assert f"(row {record}) notes value \"{theirs}\" from {other} at " in said, said
    assert f"（要素 {record}）的备注：已舍弃 {other} 于 " in said, said
    code, said = cli_said(capsys, "resolve", second, str(c["id"]), "--take", "theirs")
    assert code == errors.OK, said
    assert f"(row {record}) notes now holds \"{theirs}\"\n" in said, said
    assert f"（要素 {record}）的备注现为 “{theirs}”\n" in said, said
    assert f"(row {record}) notes value \"{ours}\" from {held} at " in said, said
    assert f"的值 {ours}\n" in said, said
