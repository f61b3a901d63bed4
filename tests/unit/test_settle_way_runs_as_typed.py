# SPDX-License-Identifier: GPL-2.0-or-later
"""The way on ``field-kit conflicts`` and ``history`` give to settle a conflict runs as typed:
each choice of --take a command of its own, none joined by ``|``, which a shell reads as a
pipe; in English and in Chinese."""

from __future__ import annotations

import re
import shlex

import pytest

from field_kit import errors
from field_kit.sync.conflicts_now import conflicts
from tests.unit.cli_run import cli, cli_said
from tests.unit.test_words_pull_merge_resolve import _two_devices_one_record


@pytest.mark.parametrize("lang, way", [
    ("en", r"to settle one: (field-kit resolve .+? ID --take \w+) \((.+)\)"),
    ("zh", r"处理其中一项：(field-kit resolve .+? 编号 --take \S+?)（(.+)）")])
def test_each_way_conflicts_gives_runs_as_typed(tmp_path, capsys, monkeypatch, lang, way):
    master, a, b, _, _ = _two_devices_one_record(tmp_path, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    code, out = cli_said(capsys, "conflicts", master)
    assert code == errors.CONFLICTS
    found = re.search(way, out)
    assert found and "|" not in found[0], out
    c = conflicts(master, status="open")[0]
    typed = shlex.split(found[1].replace(" ID ", f" {c.id} ").replace(" 编号 ", f" {c.id} "))
    assert typed[:2] == ["field-kit", "resolve"], typed
    takes = re.findall(r"--take (\S+?)(?=[,、；;）)]|$)", found[2])
    assert len(takes) >= 2, found[2]  # (the other choices, each typed whole)
    assert cli(capsys, *typed[1:])[0] in (errors.OK, errors.CONFLICTS)
    assert c.id not in {o.id for o in conflicts(master, status="open")}


def test_history_says_it_runs_as_typed(tmp_path, capsys):
    master, a, b, _, _ = _two_devices_one_record(tmp_path, capsys)
    assert cli(capsys, "merge", master, f"{a}.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, f"{b}.zip")[0] == errors.CONFLICTS
    c = conflicts(master, status="open")[0]
    out = cli(capsys, "history", master, c.row_uuid)[1]
    line = next(x for x in out.splitlines() if f"resolve {master} {c.id} " in x)
    assert "|" not in line and f"{c.id} --take theirs (or --take ours, --take ancestor, " \
        "--value VALUE)" in line, line
