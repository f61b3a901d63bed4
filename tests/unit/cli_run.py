# SPDX-License-Identifier: GPL-2.0-or-later
"""The command line as a user runs it, in the test's process."""

from __future__ import annotations

import json

from field_kit.cli.commands import main

# the keys of ``log --json`` and ``history --json``, each always there (README)
CHANGES_KEYS = {"capture_problems", "changes"}
LOG_KEYS = CHANGES_KEYS | {"not_logged_yet"}
HISTORY_KEYS = CHANGES_KEYS | {"open_conflicts", "rewritten", "dropped", "row", "also_named",
                               "records"}


def cli(capsys, *argv) -> tuple[int, str, str]:
    """``field-kit ARGV``: its exit code, what it printed and what it said (stderr)."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def cli_said(capsys, *argv) -> tuple[int, str]:
    """``field-kit ARGV``: its exit code, and what it printed and said, together."""
    code, out, err = cli(capsys, *argv)
    return code, out + err


def sent(capsys, pkg, master, zip_path) -> tuple[int, str]:
    """Export ``pkg`` to ``zip_path`` and merge that into ``master``: the merge's exit code
    and what it said."""
    from field_kit import errors
    code, out = cli_said(capsys, "export", pkg, zip_path)
    assert code == errors.OK, out
    return cli_said(capsys, "merge", master, zip_path)


def log_json(text: str) -> dict:
    """What ``field-kit log --json`` printed, read: every key of its one shape there."""
    got = json.loads(text)
    assert isinstance(got, dict) and set(got) == LOG_KEYS, got
    return got


def history_json(text: str) -> dict:
    """What ``field-kit history --json`` printed, read: every key of its one shape there."""
    got = json.loads(text)
    assert isinstance(got, dict) and set(got) == HISTORY_KEYS, got
    return got


def both_noted_one_merged(capsys, master, tmp_path, devices=("one", "two")):
    """Two devices' packages of ``master`` each writing the note of its verification,
    "<device> says"; the first's merged, the second's not sent yet. Returns both packages."""
    from field_kit import errors
    from tests.unit.gpkg_factory import edit
    first, second = (tmp_path / f"{device}.gpkg" for device in devices)
    for pkg in (first, second):
        assert cli_said(capsys, "checkout", master, pkg, "--device", pkg.stem)[0] == errors.OK
        edit(pkg, f"UPDATE patch_verifications SET notes = '{pkg.stem} says'")
    assert sent(capsys, first, master, tmp_path / f"{first.stem}.zip")[0] == errors.OK
    return first, second
