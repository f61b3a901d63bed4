# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit conflicts` marks a side of a conflict dated ahead of the time its edit was
merged (or of now), as the merge says such edits: a supervisor weighing the two sides by
their times is not to take that one for the later edit."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, patch_uuids
from tests.unit.test_merge_says_wrong_clocks import dated, exported

AHEAD = "2031-06-01T10:00:00.000Z"
WRONG = "that device's clock was wrong, so it is not the later edit its time says"


def test_a_side_dated_after_its_merge_is_marked(setup, capsys, monkeypatch):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    dated(a, "2031-06-01 10:00:00")  # tab-a's clock years ahead
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    za, zb = exported(capsys, a, tmp / "a.zip"), exported(capsys, b, tmp / "b.zip")
    code, said = cli_said(capsys, "merge", master, za, zb)
    assert code == errors.CONFLICTS, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, _ = cli(capsys, "conflicts", master)
    assert code == errors.CONFLICTS, out
    lines = out.splitlines()
    marked = [line.strip() for line in lines if line.strip().startswith("clock ahead: ")]
    # tab-a's value, the one the master holds by its time; tab-b's clock is right
    assert len(marked) == 1, out
    assert marked[0].startswith(f"clock ahead: ours (tab-a's) is dated {local_time(AHEAD)}, "
                                "more than 60 min after it was merged ("), out
    assert marked[0].endswith(WRONG), out
    assert f"时钟偏快：ours 一方（tab-a 给出的值）记为 {local_time(AHEAD)}，比其合并时间（" in out
    # said under its conflict, before the count
    assert lines.index(f"    {marked[0]}") < lines.index("1 conflict"), out
    code, out, _ = cli(capsys, "conflicts", master, "--json")
    (c,) = json.loads(out)
    (ahead,) = c["clock_ahead"]
    assert (ahead["side"], ahead["device"], ahead["at"], ahead["of"]) == \
        ("ours", "tab-a", AHEAD, "merge"), out
    assert ahead["against"] < "2031", out


def test_a_packages_own_edit_dated_after_now_is_marked(setup, capsys):
    """A field package's conflict met at a pull: its own edit, dated ahead of now."""
    master, a, _, _ = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    dated(a, "2031-06-01 10:00:00")
    edit(master, "UPDATE mine_patches SET phase = 'M' WHERE uuid = ?", u)
    code, said = cli_said(capsys, "pull", a, master)
    assert code == errors.CONFLICTS, said
    code, out, _ = cli(capsys, "conflicts", a)
    assert f"    clock ahead: ours (tab-a's) is dated {local_time(AHEAD)}, more than 60 min " \
        f"after now (" in out, out
    assert out.count("clock ahead: ") == 1, out  # (the master's edit: its time is right)
    code, out, _ = cli(capsys, "conflicts", a, "--json")
    (c,) = json.loads(out)
    assert [(x["side"], x["of"]) for x in c["clock_ahead"]] == [("ours", "now")], out


def test_right_clocks_mark_nothing(setup, capsys):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    code, said = cli_said(capsys, "merge", master, exported(capsys, a, tmp / "a.zip"),
                          exported(capsys, b, tmp / "b.zip"))
    assert code == errors.CONFLICTS, said
    code, out, _ = cli(capsys, "conflicts", master)
    assert "clock ahead" not in out, out
    code, out, _ = cli(capsys, "conflicts", master, "--json")
    assert [c["clock_ahead"] for c in json.loads(out)] == [[]], out
