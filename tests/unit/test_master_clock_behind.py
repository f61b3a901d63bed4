# SPDX-License-Identifier: GPL-2.0-or-later
"""The computer merging into a master has a clock gone back (a flat battery, a machine set by
hand): a merge dated by it would take every device's edit for one made with a clock ahead.
``merge`` and ``status`` say that this computer's clock reads before the master's last merge,
in Chinese too; nothing is said while it reads right."""

from __future__ import annotations

import json
import sqlite3

from field_kit import errors
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli, sent
from tests.unit.gpkg_factory import edit, patch_uuids

LAST = "2031-06-01T10:00:00.000Z"  # the master's last merge, as a clock that read right dated it


def said_behind(text: str) -> bool:
    return ("this computer's clock reads " in text and
            f"before the master's last merge ({local_time(LAST)}): merges are dated by it" in text
            and "set it right before the next merge" in text)


def test_merge_and_status_say_this_computers_clock_reads_before_the_last_merge(
        setup, capsys, monkeypatch):
    master, a, b, tmp = setup
    u = patch_uuids(master)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u[0])
    code, out = sent(capsys, a, master, tmp / "a.zip")
    assert code == errors.OK, out
    assert "clock" not in out, out  # a clock that reads right: nothing said
    code, out, err = cli(capsys, "status", master)
    assert "clock" not in out + err, out + err
    with sqlite3.connect(master) as conn:
        conn.execute("UPDATE sync_merges SET at = ?", (LAST,))
    code, out, err = cli(capsys, "status", master)
    assert said_behind(err), err
    code, out, err = cli(capsys, "status", master, "--json")
    (clock,) = json.loads(out)["clock"]
    assert said_behind(clock), clock
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u[1])
    code, out = sent(capsys, b, master, tmp / "b.zip")
    assert code == errors.OK, out
    assert said_behind(out), out
    assert f"早于主库上一次合并的时间（{local_time(LAST)}）：合并按此时钟记时" in out, out
    assert "请在下次合并前校正时钟" in out, out


def test_merge_json_names_the_clock_behind(setup, capsys):
    master, a, b, tmp = setup
    u = patch_uuids(master)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u[0])
    assert cli(capsys, "export", a, tmp / "a.zip")[0] == errors.OK
    code, out, _ = cli(capsys, "merge", master, tmp / "a.zip", "--json")
    assert code == errors.OK, out
    assert json.loads(out)["master_clock_behind"] is None
    with sqlite3.connect(master) as conn:
        conn.execute("UPDATE sync_merges SET at = ?", (LAST,))
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u[1])
    assert cli(capsys, "export", b, tmp / "b.zip")[0] == errors.OK
    code, out, _ = cli(capsys, "merge", master, tmp / "b.zip", "--json")
    assert code == errors.OK, out
    assert said_behind(json.loads(out)["master_clock_behind"]), out
