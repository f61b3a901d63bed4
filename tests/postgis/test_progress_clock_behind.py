# SPDX-License-Identifier: GPL-2.0-or-later
"""Progress of a PostgreSQL master names the records a merge brought in that their device
made before its package was checked out (its clock behind), as a GeoPackage master's does:
the copy the reports read holds those log rows (it held none, and the caution never
came)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.test_progress_record_times import BEHIND, _dated, _qfield_verification


def test_a_record_made_with_a_clock_a_year_behind_is_named(plan_database, tmp_path, capsys):
    master = plan_database
    pkg = tmp_path / "ph.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "ph-1")
    assert code == errors.OK, said
    then = datetime.now(timezone.utc) - timedelta(days=365)
    day = then.date().isoformat()
    code_of = "CT6504222016000037002"
    _qfield_verification(pkg, code_of, day, then.strftime("%Y-%m-%dT%H:%M:%S"))
    _dated(pkg, then)
    assert cli_said(capsys, "export", pkg, tmp_path / "ph.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "ph.zip")
    assert code == errors.OK and "before its package was checked out" in said, said
    end = date(then.year, 12, 31) if date(then.year, 12, 31) <= date.today() else then.date()
    code, said = cli_said(capsys, "progress", master, "--date", end.isoformat())
    assert code == errors.OK, said
    named = [line.strip() for line in said.splitlines() if "clock was behind" in line]
    assert len(named) == 1, said
    assert f"{BEHIND}1 verification, 0 inspections ({code_of} {day} (device ph-1, made " \
        in named[0], said
