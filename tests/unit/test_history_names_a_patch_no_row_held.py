# SPDX-License-Identifier: GPL-2.0-or-later
"""A verification naming by uuid a patch no row of the master holds, nor ever deleted (a
uuid typed by hand, another master's): history says no patch has it, not that it was
deleted, in English and in Chinese; one deleted is said deleted still, with the
code it held."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"
ELSEWHERE = "0badc0de-0000-4000-8000-000000000000"


def test_history_says_no_patch_has_a_uuid_none_held(master, capsys, monkeypatch):
    verify(master, CODE)
    ((record, patch),) = rows(master, "SELECT uuid, patch_uuid FROM patch_verifications")
    edit(master, "UPDATE patch_verifications SET patch_uuid = ?", ELSEWHERE)
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", patch)
    for lang, said in (
            ("en", f"    patch_uuid: {patch} (deleted, was {CODE}) -> {ELSEWHERE} (no row of "
                   "mine_patches has it)"),
            ("zh", f"    图斑：{patch}（已删除，原为 {CODE}） -> {ELSEWHERE}"
                   "（历史遗留矿山图斑中没有此要素）")):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        code, out, err = cli(capsys, "history", master, record)
        assert code == errors.OK, out + err
        assert said in out.splitlines(), out
