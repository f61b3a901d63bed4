# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package's conflicts, met at its pull: there "ours" is this device's unsent value
(``resolve --take ours`` keeps it) and "theirs" the master's. ``conflicts`` and ``history``
of the package say so, naming the device, in English and in Chinese; never that the master
holds the device's value."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import both_noted_one_merged, cli_said, sent
from tests.unit.gpkg_factory import make_gpkg


def _package_in_conflict(tmp_path, capsys):
    """tab-1's note merged; tab-2's own note, unsent, met at tab-2's pull."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    _, two = both_noted_one_merged(capsys, master, tmp_path, ("tab-1", "tab-2"))
    code, said = cli_said(capsys, "pull", two, master)
    assert code == errors.CONFLICTS, said
    (row,) = sqlite3.connect(two).execute("SELECT uuid FROM patch_verifications").fetchone()
    return two, row


def test_conflicts_of_a_package_name_the_device_as_ours(tmp_path, capsys, monkeypatch):
    two, _ = _package_in_conflict(tmp_path, capsys)
    code, said = cli_said(capsys, "conflicts", two)
    assert code == errors.CONFLICTS, said
    assert "the master holds" not in said and "master held" not in said, said
    assert "; this device, tab-2, holds the value tab-2 gave at " in said, said
    assert " notes the master's value, from tab-1 at " in said and " set aside (theirs)" \
        in said, said
    assert ' | ours (tab-2\'s) "tab-2 says" | theirs (the master\'s) "tab-1 says"' in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "conflicts", two)
    assert "主库现" not in said and "主库为" not in said, said
    assert "本机 tab-2 现为：tab-2 于 " in said and "主库的值（来自 tab-1，" in said, said
    assert '｜ 本机 tab-2 的值（ours）"tab-2 says" ｜ 主库的值（theirs）"tab-1 says"' in said, said


def test_history_of_a_package_names_the_device_as_ours(tmp_path, capsys, monkeypatch):
    two, row = _package_in_conflict(tmp_path, capsys)
    code, said = cli_said(capsys, "history", two, row)
    assert code == errors.OK, said
    assert "the master holds" not in said, said
    assert "what this device (tab-2) holds is not settled" in said, said
    assert ('notes: this device (tab-2) holds "tab-2 says", the master\'s value "tab-1 says"; '
            "the master's value, from tab-1 at ") in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "history", two, row)
    assert "主库现值" not in said and "主库现为" not in said, said
    assert '本机 tab-2 现值 "tab-2 says"，主库的值 "tab-1 says"；' in said, said


def test_a_master_still_says_it_holds_ours(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    _, two = both_noted_one_merged(capsys, master, tmp_path, ("tab-1", "tab-2"))
    assert sent(capsys, two, master, tmp_path / "two.zip")[0] == errors.CONFLICTS
    said = cli_said(capsys, "conflicts", master)[1]
    assert "; the master holds the value tab-" in said and "this device" not in said, said
    assert ' | ours "' in said and '" | theirs "' in said, said


