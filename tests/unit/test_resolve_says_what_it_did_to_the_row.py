# SPDX-License-Identifier: GPL-2.0-or-later
"""resolve says what a decision on a whole row did: the row put back only where it was
deleted; kept as the master holds it where --take ours found it there (another decision
had put it back since the conflict was recorded), in English and Chinese."""

from __future__ import annotations

import json

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import snapshot
from tests.unit.three_devices import three_packages


def test_ours_on_a_row_put_back_since_says_the_masters_row_is_kept(master, tmp_path, capsys,
                                                                   chinese_locale):
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["gis-1"], zips["tab-1"],
                          zips["tab-2"], "--json")
    assert code == errors.CONFLICTS, said
    assert [m["counts"]["conflict"] for m in json.loads(said[said.index("{"):])["merges"]] == \
        [0, 1, 1], said
    # tab-2's edit taken: the row the delete took is put back, and said so
    code, said = cli_said(capsys, "resolve", master, "2", "--take", "theirs")
    assert code == errors.OK, said
    assert f"(row {record}) the row is put back\n" in said, said
    assert f"（要素 {record}）整个要素已恢复\n" in said, said
    before = snapshot(master)
    code, said = cli_said(capsys, "resolve", master, "--all", "tab-1", "--take", "ours")
    assert code == errors.OK, said
    assert snapshot(master) == before
    assert f"conflict 1: patch_verifications CT6504222017000026002 2026-11-20 (row {record}) " \
           "the master's row is kept as it is\n" in said, said
    assert f"冲突 1：图斑核查记录 CT6504222017000026002 2026-11-20（要素 {record}）保留主库" \
           "现有的整个要素，未作更改\n" in said, said
    assert "put back" not in said and "已恢复" not in said and "the row back" not in said, said


def test_ours_on_a_row_still_deleted_says_it_stays_deleted(master, tmp_path, capsys,
                                                            chinese_locale):
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["gis-1"], zips["tab-1"])
    assert code == errors.CONFLICTS, said
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "ours")
    assert code == errors.OK, said
    assert f"(row {record}) the row stays deleted\n" in said, said
    assert f"（要素 {record}）整个要素保持删除\n" in said, said
