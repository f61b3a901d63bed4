# SPDX-License-Identifier: GPL-2.0-or-later
"""The Excel report called remediation status C "In progress" where `conflicts` (from the
plan's code list) called it "Work in progress": one code, two names for a supervisor to
match. The reports name each status as the plan's code list does."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.forms import load_code_lists
from field_kit.reports.progress import NOT_VERIFIED, STATUS_LABELS
from tests.unit.gpkg_factory import edit
from tests.unit.test_progress import verify

openpyxl = pytest.importorskip("openpyxl")
CODE = "CT6504222017000026002"
SET = "UPDATE patch_verifications SET remediation_status = ?, restoration_method = ? " \
      "WHERE uuid = ?"


def test_status_c_is_named_alike_by_the_report_and_conflicts(master, tmp_path, monkeypatch,
                                                              capsys):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    conn = connect(master)
    uuid = verify(conn, CODE, "A", on="2026-11-20")
    conn.close()
    # two technicians set the status apart: the master holds C, D set aside in a conflict
    for device, status, method in (("tab-2", "D", "1"), ("tab-1", "C", "3")):
        pkg = str(tmp_path / f"{device}.gpkg")
        assert main(["checkout", str(master), pkg, "--device", device,
                     "--township", "郭勒布依乡"]) == errors.OK
        edit(pkg, SET, status, method, uuid)
    for device in ("tab-2", "tab-1"):
        pkg = str(tmp_path / f"{device}.gpkg")
        assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
        assert main(["merge", str(master), f"{pkg}.zip"]) in (errors.OK, errors.CONFLICTS)
    capsys.readouterr()
    assert main(["conflicts", str(master)]) == errors.CONFLICTS
    listed = capsys.readouterr().out
    assert 'ours "C" (Work in progress)' in listed, listed
    out = tmp_path / "r.xlsx"
    assert main(["report", str(master), "--out", str(out), "--date", "2026-12-01"]) == errors.OK
    ws = openpyxl.load_workbook(out)["Patch verification"]
    (row,) = [r for r in ws.iter_rows(values_only=True) if CODE in r]
    assert "C Work in progress" in row, row
    # every status as the plan's code list names it, in both languages
    conn = connect(master, readonly=True)
    plan = {c.code: (c.label.zh, c.label.en)
            for c in load_code_lists(conn)["remediation_status"]}
    conn.close()
    assert {s: (t.zh, t.en) for s, t in STATUS_LABELS.items() if s != NOT_VERIFIED} == plan
