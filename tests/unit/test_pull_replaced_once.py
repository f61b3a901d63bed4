# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull names a value this device sent as replaced by the master's only where a conflict
took it away, and only once: not where the master kept it and someone who saw it edited it
later, nor again at the next pull after the one that said it."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit, make_gpkg

REPLACED = "this device sent is replaced by the master's"  # (one value)
REPLACED_ANY = ("1 value this device sent is replaced by the master's",
                "values this device sent are replaced by the master's")


def _notes(path) -> str:
    return sqlite3.connect(path).execute("SELECT notes FROM patch_verifications").fetchone()[0]


def test_a_value_kept_then_edited_on_top_is_not_said_replaced_nor_said_twice(tmp_path,
                                                                             capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    one, two, phone = (tmp_path / f"{d}.gpkg" for d in ("one", "two", "phone"))
    for pkg in (one, two, phone):
        assert cli_said(capsys, "checkout", master, pkg, "--device", pkg.stem)[0] == errors.OK
    edit(one, "UPDATE patch_verifications SET notes = 'one says'")
    edit(two, "UPDATE patch_verifications SET notes = 'two says'")
    assert sent(capsys, one, master, tmp_path / "one.zip")[0] == errors.OK
    assert sent(capsys, two, master, tmp_path / "two.zip")[0] == errors.CONFLICTS
    ((conflict, ours, theirs),) = sqlite3.connect(master).execute(
        "SELECT id, ours, theirs FROM sync_conflicts WHERE status = 'open'").fetchall()
    side = "ours" if ours == '"one says"' else "theirs"  # one's value kept
    assert '"one says"' in (ours, theirs)
    assert cli_said(capsys, "resolve", master, conflict, "--take", side)[0] == errors.OK
    assert _notes(master) == "one says"
    code, said = cli_said(capsys, "pull", one, master)
    assert code == errors.OK and not any(r in said for r in REPLACED_ANY), said
    code, said = cli_said(capsys, "pull", two, master)  # two's value lost its conflict
    assert code == errors.OK and f"1 value {REPLACED}" in said and '"two says"' in said, said
    # the phone, which saw one's value, edits it: one's value was kept, two's told already
    assert cli_said(capsys, "pull", phone, master)[0] == errors.OK
    assert _notes(phone) == "one says"
    edit(phone, "UPDATE patch_verifications SET notes = 'phone says'")
    assert sent(capsys, phone, master, tmp_path / "phone.zip")[0] == errors.OK
    for pkg in (one, two):
        code, said = cli_said(capsys, "pull", pkg, master)
        assert code == errors.OK and not any(r in said for r in REPLACED_ANY), (pkg, said)
        assert _notes(pkg) == "phone says"
