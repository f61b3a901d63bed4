# SPDX-License-Identifier: GPL-2.0-or-later
"""Status counts the rows waiting to be sent as every other count of rows does (个要素),
beside its own count of those the master will refuse."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import verify

CODE = "CT6504222017000026002"


def test_status_counts_rows_waiting_as_the_rest_counts_rows(master, tmp_path, capsys,
                                                            monkeypatch):
    pkg = tmp_path / "tab.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab")[0] == errors.OK
    verify(pkg, CODE)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "status", pkg)
    said = out + err
    assert "待发送：图斑核查记录：新增 1 个要素" in said, said
    assert " 1 条" not in said, said
