# SPDX-License-Identifier: GPL-2.0-or-later
"""A verification's history naming many patches no row holds reads the master as often as
one naming a single one: the rows not found are looked up in one opening of the file."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"
ELSEWHERE = [f"0badc0de-0000-4000-8000-00000000000{i}" for i in range(4)]


def _opened(capsys, monkeypatch, master, record) -> int:
    """How many connections ``field-kit history`` opens for ``record``."""
    opened = []
    real = sqlite3.connect

    def counted(*args, **kwargs):
        opened.append(args[0] if args else kwargs.get("database"))
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counted)
    code, out, err = cli(capsys, "history", master, record)
    monkeypatch.setattr(sqlite3, "connect", real)
    assert code == errors.OK, out + err
    assert "(no row of mine_patches has it)" in out, out
    return len(opened)


def test_history_opens_the_master_alike_for_one_row_not_found_or_many(master, capsys,
                                                                       monkeypatch):
    verify(master, CODE)
    ((record,),) = rows(master, "SELECT uuid FROM patch_verifications")
    edit(master, "UPDATE patch_verifications SET patch_uuid = ?", ELSEWHERE[0])
    one = _opened(capsys, monkeypatch, master, record)
    for other in ELSEWHERE[1:]:
        edit(master, "UPDATE patch_verifications SET patch_uuid = ?", other)
    assert _opened(capsys, monkeypatch, master, record) == one
