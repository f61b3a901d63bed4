# SPDX-License-Identifier: GPL-2.0-or-later
"""A device whose clock is wrong dates its edits years ahead or back (a flat battery sets a
phone to 1970): the merge says so by device, with the dates, and the later-edit rule still
reads those times as given, the value that loses kept in its conflict."""

from __future__ import annotations

import json
import sqlite3

from field_kit import errors
from field_kit.sync import merge
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, patch_uuids, rows

AHEAD_SAID = ("its clock was ahead; the later-edit rule and history read those times as "
              "given: until a supervisor decides, each wins over an edit of the same field "
              "dated before it, which is kept in a conflict")
BEHIND_SAID = ("its clock was behind; the later-edit rule and history read those times as "
               "given: until a supervisor decides, each loses to an edit of the same field "
               "dated after it, and is kept in a conflict")


def dated(pkg, at: str) -> None:
    """The package's edits not exported yet, and not dated by this yet, as its device's clock
    would have logged them at ``at``."""
    conn = sqlite3.connect(pkg)
    with conn:
        conn.execute("UPDATE sync_capture SET at = julianday(?) WHERE at BETWEEN "
                     "julianday('now', '-1 day') AND julianday('now', '+1 day')", (at,))
    conn.close()


def exported(capsys, pkg, zip_path):
    code, out = cli_said(capsys, "export", pkg, zip_path)
    assert code == errors.OK, out
    return zip_path


def test_edits_dated_ahead_are_said_by_device_and_win_as_dated(setup, capsys):
    master, a, b, tmp = setup
    u = patch_uuids(master)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u[0])
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u[1])
    dated(a, "2031-06-01 10:00:00")
    edit(a, "UPDATE mine_patches SET mineral = 'gold' WHERE uuid = ?", u[2])
    dated(a, "2031-06-02 08:00:00")  # (the last edit)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u[0])
    za, zb = exported(capsys, a, tmp / "a.zip"), exported(capsys, b, tmp / "b.zip")
    code, out = cli_said(capsys, "merge", master, za, zb)
    assert code == errors.CONFLICTS, out
    lines = out.splitlines()
    ahead = [line.strip() for line in lines if "clock" in line]
    assert len(ahead) == 1, out  # tab-b's clock is right: nothing said of it
    assert ahead[0].startswith(
        f"3 edits from device tab-a dated {local_time('2031-06-01T10:00:00.000Z')} to "
        f"{local_time('2031-06-02T08:00:00.000Z')}, after this merge ("), out
    assert ahead[0].endswith(AHEAD_SAID), out
    # said under tab-a's merge
    assert lines[lines.index(next(x for x in lines if "clock" in x)) - 1].startswith(
        "merge "), out
    assert "a.zip from tab-a" in lines[lines.index(next(x for x in lines if "clock" in x)) - 1]
    # the later edit by the times as given: tab-a's, its clock ahead; tab-b's kept aside
    assert rows(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u[0]) == [("A",)]
    (c,) = merge.conflicts(master)
    assert (c.field, c.ours, c.theirs, c.device) == ("phase", "A", "B", "tab-b")


def test_edits_dated_before_the_checkout_are_said_and_kept_in_their_conflict(setup, capsys):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    dated(b, "1970-01-01 00:00:05")
    za, zb = exported(capsys, a, tmp / "a.zip"), exported(capsys, b, tmp / "b.zip")
    code, out = cli_said(capsys, "merge", master, za, zb, "--json")
    assert code == errors.CONFLICTS, out
    said = json.loads(out)
    clock = {m["device"]: m["clock"] for m in said["merges"]}
    issued = rows(master, "SELECT issued_at FROM sync_devices WHERE device = 'tab-b'")[0][0]
    assert clock == {"tab-a": [], "tab-b": [{
        "kind": "behind", "edits": 1, "earliest": "1970-01-01T00:00:05.000Z",
        "latest": "1970-01-01T00:00:05.000Z", "against": issued}]}
    (c,) = merge.conflicts(master)
    assert (c.ours, c.theirs, c.device) == ("A", "B", "tab-b")
    assert rows(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == [("A",)]


def test_a_wrong_clock_is_said_in_chinese(setup, capsys, chinese_locale):
    master, a, _b, tmp = setup
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", patch_uuids(master)[0])
    dated(a, "2000-01-01 00:00:00")
    code, out = cli_said(capsys, "merge", master, exported(capsys, a, tmp / "a.zip"))
    assert code == errors.OK, out
    first = local_time("2000-01-01T00:00:00.000Z")
    assert f"1 edit from device tab-a dated {first}, before its package was checked " \
        "out (" in out, out
    assert f"设备 tab-a 的 1 项修改所记时间为 {first}，早于其数据包生成之时（" in out, out
    assert "该设备的时钟偏慢；“以较晚的修改为准”的规则和历史记录按所记时间原样采用" in out, out


def test_a_merge_again_of_a_package_says_nothing_of_its_clock_again(setup, capsys):
    master, a, _b, tmp = setup
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", patch_uuids(master)[0])
    dated(a, "2031-06-01 10:00:00")
    za = exported(capsys, a, tmp / "a.zip")
    code, out = cli_said(capsys, "merge", master, za)
    assert code == errors.OK and "its clock was ahead" in out, out
    code, out = cli_said(capsys, "merge", master, za)
    assert code == errors.OK and "clock" not in out, out


def test_a_later_merge_says_its_edits_lost_to_edits_dated_after_it(setup, capsys):
    master, a, b, tmp = setup
    u = patch_uuids(master)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u[0])
    edit(a, "DELETE FROM mine_patches WHERE uuid = ?", u[1])
    dated(a, "2031-06-01 10:00:00")
    assert cli_said(capsys, "merge", master, exported(capsys, a, tmp / "a.zip"))[0] == \
        errors.OK
    # another day, tab-b's edits of the same fields, its clock right
    edit(b, "UPDATE mine_patches SET phase = 'B', mineral = 'gold' WHERE uuid = ?", u[0])
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u[1])
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u[2])  # (no conflict)
    zb = exported(capsys, b, tmp / "b.zip")
    code, out = cli_said(capsys, "merge", master, zb, "--json")
    assert code == errors.CONFLICTS, out
    (m,) = json.loads(out)["merges"]
    assert m["clock"] == [], out
    met = m["met_dated_ahead"]
    assert (met["conflicts"], met["devices"], met["earliest"], met["latest"]) == (
        2, ["tab-a"], "2031-06-01T10:00:00.000Z", "2031-06-01T10:00:00.000Z"), out
    # what a supervisor reads: the values dated ahead kept, tab-b's set aside in conflicts
    assert rows(master, "SELECT phase, mineral FROM mine_patches WHERE uuid = ?", u[0]) == \
        [("A", "gold")]
    assert rows(master, "SELECT count(*) FROM mine_patches WHERE uuid = ?", u[1]) == [(0,)]
    assert {(c.row_uuid, c.theirs if c.field else "row", c.device)
            for c in merge.conflicts(master)} == {(u[0], "B", "tab-b"), (u[1], "row", "tab-b")}


def test_a_later_merge_says_so_in_english_and_chinese(setup, capsys, chinese_locale):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    dated(a, "2031-06-01 10:00:00")
    assert cli_said(capsys, "merge", master, exported(capsys, a, tmp / "a.zip"))[0] == \
        errors.OK
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    code, out = cli_said(capsys, "merge", master, exported(capsys, b, tmp / "b.zip"))
    assert code == errors.CONFLICTS, out
    ahead = local_time("2031-06-01T10:00:00.000Z")
    assert (f"1 conflict set edits from device tab-b aside for edits of device tab-a dated "
            f"{ahead}, after this merge (") in out, out
    assert ("the later-edit rule read those times as given; the master keeps what those edits "
            "gave until a supervisor decides (field-kit conflicts lists them)") in out, out
    assert (f"1 项冲突中，设备 tab-b 的修改被搁置，因设备 tab-a 的修改所记时间为 {ahead}，"
            "晚于本次合并（") in out, out
