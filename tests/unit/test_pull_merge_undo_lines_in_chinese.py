# SPDX-License-Identifier: GPL-2.0-or-later
"""For a user whose locale is Chinese, every line a merge, a pull (one that closes a
conflict on a column the master renamed or dropped since, the edit given up) and an undo
of a merge say in English is said in Chinese too, after it: no English sentence is left
alone (a value or a name quoted in it is no sentence)."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import column_edits
from tests.unit.cli_run import both_noted_one_merged, cli_said, sent
from tests.unit.gpkg_factory import edit

TECH = "technician"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
# what a line quotes or names: values, uuids, paths, layer and column names
QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'|\S*[/\\]\S*|[0-9a-f-]{36}|\S+\.\S+')


def _kind(line: str) -> str:
    """"zh" for a line in Chinese, "en" for an English sentence (three words or more, beyond
    what it quotes), "" for neither (a name, a count, a blank)."""
    bare = QUOTED.sub("", line)
    return "zh" if CJK.search(bare) else \
        "en" if len(re.findall(r"\b[A-Za-z]{2,}\b", bare)) >= 3 else ""


def left_in_english(said: str) -> list[str]:
    """The English sentences of ``said`` that no Chinese follows: each run of English lines
    is said again after it in as many lines of Chinese (or more)."""
    kinds = [(line, _kind(line)) for line in said.splitlines()]
    out, run, i = [], [], 0
    while i <= len(kinds):
        kind = kinds[i][1] if i < len(kinds) else ""
        if kind == "en":
            run.append(kinds[i][0])
            i += 1
            continue
        n = 0
        while i + n < len(kinds) and kinds[i + n][1] == "zh":
            n += 1
        out += run[n:]  # (the Chinese after a run renders its first lines)
        run = []
        i += max(n, 1)
    return out


def edit_given_up(master, tmp_path, run, *, rename: bool = True) -> tuple:
    """tab-1's note merged; tab-3's edit of the note and of a column its role may not change
    refused whole at its merge; then the master renames (or drops) the note's column, so
    that tab-3's next pull gives the edit up and closes its conflict. ``run``: the command
    line, ARGV -> (exit code, what it said). Returns tab-3's package and what its merges
    said, each with its exit code."""
    assert run("roles", master, "--revoke", TECH, "patch_verifications", "--grant",
               TECH, "patch_verifications.notes")[0] == errors.OK
    edit(master, "INSERT INTO patch_verifications (notes, verifier) VALUES ('初查', '李')")
    pkgs = {device: tmp_path / f"{device}.gpkg" for device in ("tab-1", "tab-3")}
    for device, pkg in pkgs.items():
        assert run("checkout", master, pkg, "--device", device, "--role", TECH)[0] == \
            errors.OK
    # tab-3 writes a column it may not change too: its edit is refused whole
    edit(pkgs["tab-3"], "UPDATE patch_verifications SET notes = 't3备注', verifier = '王'")
    edit(pkgs["tab-1"], "UPDATE patch_verifications SET notes = '已复核'")
    merged = []
    for device, pkg in pkgs.items():
        assert run("export", pkg, tmp_path / f"{device}.zip")[0] == errors.OK
        merged.append(run("merge", master, tmp_path / f"{device}.zip"))
    if rename:
        column_edits.prepare(master, "patch_verifications", rename={"notes": "remark"})
        sql = "ALTER TABLE patch_verifications RENAME COLUMN notes TO remark"
    else:
        column_edits.prepare(master, "patch_verifications", drop=["notes"])
        sql = "ALTER TABLE patch_verifications DROP COLUMN notes"
    with connect(master) as conn:
        conn.execute(sql)
    return pkgs["tab-3"], merged


@pytest.mark.parametrize("rename", [True, False], ids=["renamed", "dropped"])
def test_a_pull_closing_a_conflict_of_an_edit_given_up_says_it_in_chinese(
        master, tmp_path, capsys, monkeypatch, rename):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    pkg, merged = edit_given_up(master, tmp_path, lambda *argv: cli_said(capsys, *argv),
                                rename=rename)
    assert [code for code, _ in merged] == [errors.OK, errors.REFUSED], merged
    for _, said in merged:
        assert left_in_english(said) == [], said
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "closed, nothing to settle" in said, said
    assert left_in_english(said) == [], said
    code, said = cli_said(capsys, "conflicts", pkg, "--every")
    assert code == errors.OK and left_in_english(said) == [], said


def test_a_merge_its_undo_and_the_pull_after_say_each_line_in_chinese(
        tmp_path, capsys, monkeypatch):
    from tests.unit.gpkg_factory import make_gpkg
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    one, two = both_noted_one_merged(capsys, master, tmp_path)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = sent(capsys, two, master, tmp_path / "two.zip")
    assert code == errors.CONFLICTS and left_in_english(said) == [], said
    merge_id = re.search(r"^merge (\S+) two\.zip", said, re.M)[1]
    code, said = cli_said(capsys, "conflicts", master)
    assert code == errors.CONFLICTS and left_in_english(said) == [], said
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK and left_in_english(said) == [], said
    code, said = cli_said(capsys, "pull", two, master)
    assert left_in_english(said) == [], said
    code, said = cli_said(capsys, "pull", one, master)
    assert left_in_english(said) == [], said
