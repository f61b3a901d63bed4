# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history` says a row's open conflicts before its changes: the value the master
holds there is not settled while another waits (whose, when, and the command that settles
it); and a conflict settled keeping the master's value, or closed as dropped with its
layer, among the changes as the History dialog says it. In English and Chinese, and in
``--json`` (the open ones)."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.db import connect
from field_kit.sync.conflicts import close_with_layer
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, patch_uuids, rows


def in_conflict(setup, capsys):
    """tab-a and tab-b set one patch's phase, merged in that order: the master holds tab-b's
    later "B", tab-a's "A" set aside. (master, its uuid, the conflict's id)."""
    master, a, b, tmp = setup
    uuid = patch_uuids(master, limit=1)[0]
    for pkg, value in ((a, "A"), (b, "B")):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", value, uuid)
        assert cli(capsys, "export", pkg, tmp / f"{value}.zip")[0] == errors.OK
        cli(capsys, "merge", master, tmp / f"{value}.zip")
    found = json.loads(cli(capsys, "conflicts", master, "--json")[1])
    assert [c["field"] for c in found] == ["phase"], found
    return master, uuid, found[0]["id"]


def test_open_conflicts_come_first(setup, capsys):
    master, uuid, cid = in_conflict(setup, capsys)
    code, out, _ = cli(capsys, "history", master, uuid)
    lines = out.splitlines()
    assert code == errors.OK
    assert lines[0] == ("1 open conflict on this row: what the master holds is not "
                        "settled, another value waits"), lines
    assert lines[1].startswith(f'  #{cid} phase: the master holds "B", the other value "A"; '
                               "from tab-a at "), lines[1]
    assert "the master holds the value tab-b gave" in lines[1]
    assert lines[2] == (f"    settle it: field-kit resolve {master} {cid} "
                        "--take theirs (or --take ours, --take ancestor, --value VALUE)")
    assert lines[3] == "recorded changes:"
    assert "merge:" in lines[4]
    data = history_json(cli(capsys, "history", master, uuid, "--json")[1])
    (open_one,) = data["open_conflicts"]
    assert (open_one["id"], open_one["ours"], open_one["theirs"], open_one["device"]) == (
        cid, "B", "A", "tab-a")
    assert open_one["settle"].startswith(f"field-kit resolve {master} {cid} ")
    assert data["changes"]


def test_in_chinese_too(setup, capsys, chinese_locale):
    master, uuid, cid = in_conflict(setup, capsys)
    lines = cli(capsys, "history", master, uuid)[1].splitlines()
    # as the changes under them, in the user's language
    assert lines[0] == "该要素有 1 项未处理的冲突：主库现值尚未确定，另一值等待处理", lines
    assert lines[1].startswith(f'  #{cid} 治理阶段：主库现值 "B"，另一值 "A"；来自 tab-a，'), lines
    assert lines[2] == (f"    处理：field-kit resolve {master} {cid} "
                        "--take theirs（或 --take ours、--take ancestor、--value 值）")
    assert lines[3] == "已记录的修改：", lines


def test_settled_keeping_the_masters_value_is_said_among_the_changes(setup, capsys):
    master, uuid, cid = in_conflict(setup, capsys)
    assert cli(capsys, "resolve", master, cid, "--take", "ours", "--by", "王五")[0] \
        == errors.OK
    out = cli(capsys, "history", master, uuid)[1]
    assert "open conflict" not in out
    (line,) = [s for s in out.splitlines() if "conflict settled" in s]
    assert f' 王五 conflict settled {uuid} phase: "B"; conflict {cid} settled: the value held ' \
        'kept, the other value "A" (from tab-a at ' in line, line
    assert out.splitlines()[-1] == line  # after the merges, as it came
    # none open: none listed
    data = history_json(cli(capsys, "history", master, uuid, "--json")[1])
    assert data["open_conflicts"] == [] and data["changes"], data


def test_closed_as_dropped_is_said_among_the_changes(setup, capsys, chinese_locale):
    master, uuid, cid = in_conflict(setup, capsys)
    conn = connect(master)
    with conn:
        close_with_layer(conn, "mine_patches")
    conn.close()
    out = cli(capsys, "history", master, uuid)[1].splitlines()
    assert "open conflict" not in "\n".join(out)
    ((code,),) = rows(master, "SELECT patch_code FROM mine_patches WHERE uuid = ?", uuid)
    assert any(f"冲突关闭 {code} " in s and f"冲突 {cid} 因图层已从主库删除而关闭" in s
               for s in out), out


def test_a_conflict_closed_with_its_merge_undone_is_not_said_settled(setup, capsys):
    master, uuid, cid = in_conflict(setup, capsys)
    (c,) = json.loads(cli(capsys, "conflicts", master, "--json")[1])
    assert cli(capsys, "undo-merge", master, c["merge_id"])[0] == errors.OK
    out = cli(capsys, "history", master, uuid)[1]
    assert "open conflict" not in out and "conflict settled" not in out, out
    assert "undo" in out  # the undo is said by its own change
