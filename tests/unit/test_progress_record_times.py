# SPDX-License-Identifier: GPL-2.0-or-later
"""The times a record carries, as progress reads them: a record made on a phone whose clock
was behind is named beside the figures it counts towards (its day may be that clock's too),
and "the one made last" of a day's verifications is the one made last in time, the app's UTC
and QGIS's (QField's) local time compared as moments."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

from openpyxl import load_workbook

from field_kit import errors
from field_kit.db import connect
from field_kit.reports.progress import progress
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli_said
from tests.unit.test_progress import by_code, photo_file, verify

BEHIND = "records made on a device whose clock was behind (made before its package was " \
         "checked out): counted by the dates they give, which that clock may have set too, " \
         "check them: "


def _qfield_verification(pkg, code: str, on: str, created_at: str, **values) -> None:
    """A restored verification of patch ``code`` as QField writes one (its change captured)."""
    conn = connect(pkg)
    with conn:
        conn.execute(
            "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
            "measured_area_m2, treated_area_m2, verifier, verified_on, created_at) SELECT "
            "uuid, patch_code, ?, 120000, 120000, ?, ?, ? FROM mine_patches WHERE "
            "patch_code = ?", (values.get("status", "B"), values.get("verifier", "李四"), on,
                               created_at, code))
    conn.close()


def _dated(pkg, at: datetime) -> None:
    """The package's edits not exported yet as its device's clock logged them at ``at``."""
    conn = sqlite3.connect(pkg)
    with conn:
        conn.execute("UPDATE sync_capture SET at = julianday(?) WHERE at > julianday('now', "
                     "'-1 day')", (at.strftime("%Y-%m-%d %H:%M:%S"),))
    conn.close()


def _merged(capsys, master, pkg, tmp_path, name: str) -> str:
    code, out = cli_said(capsys, "export", pkg, tmp_path / f"{name}.zip")
    assert code == errors.OK, out
    code, out = cli_said(capsys, "merge", master, tmp_path / f"{name}.zip")
    assert code == errors.OK, out
    return out


def test_a_record_made_while_the_phones_clock_was_a_year_behind_is_named(master, tmp_path,
                                                                         capsys, chinese_locale):
    """A phone a year behind fills the verification's day and time from its clock: the
    merge says the edit is dated before its package was checked out, yet progress as of the
    deadline a year back counted the patch restored by then without a word. It is counted
    still (the work was recorded; nothing tells its right day), and named, with its device
    and both times; a record of the right clock is not."""
    code, out = cli_said(capsys, "checkout", master, tmp_path / "ph.gpkg", "--device", "ph-1")
    assert code == errors.OK, out
    code, out = cli_said(capsys, "checkout", master, tmp_path / "ok.gpkg", "--device", "ok-1")
    assert code == errors.OK, out
    then = datetime.now(timezone.utc) - timedelta(days=365)
    day = then.date().isoformat()
    wrong, right = "CT6504222016000037002", "CT6504222016000053002"
    _qfield_verification(tmp_path / "ph.gpkg", wrong, day, then.strftime("%Y-%m-%dT%H:%M:%S"))
    _dated(tmp_path / "ph.gpkg", then)
    assert "before its package was checked out" in _merged(capsys, master, tmp_path / "ph.gpkg",
                                                           tmp_path, "ph")
    conn = connect(tmp_path / "ok.gpkg")
    verify(conn, right, "B", measured=110000, treated=110000, on=day,
           photos=[photo_file(tmp_path)])
    conn.close()
    _merged(capsys, master, tmp_path / "ok.gpkg", tmp_path, "ok")
    made = connect(master).execute(
        "SELECT c.at, d.issued_at FROM sync_changes c JOIN sync_devices d ON d.device = "
        "c.device WHERE c.device = 'ph-1' AND c.op = 'insert'").fetchone()
    end = date(then.year, 12, 31) if date(then.year, 12, 31) <= date.today() else then.date()
    code, out = cli_said(capsys, "progress", master, "--date", end.isoformat())
    assert code == errors.OK, out
    said = [line.strip() for line in out.splitlines() if "clock was behind" in line]
    assert said == [
        f"{BEHIND}1 verification, 0 inspections ({wrong} {day} (device ph-1, made "
        f"{local_time(made[0])}, checked out {local_time(made[1])}))"], out
    assert f"核查记录 1 条，检查记录 0 条（{wrong} {day}（设备 ph-1，录入于 " \
        f"{local_time(made[0])}，数据包生成于 {local_time(made[1])}））" in out, out
    p = progress(master, end)
    assert by_code(p, wrong).status == "B" and by_code(p, right).status == "B"  # counted
    # the Excel report names it on its sheet of cautions, in both languages
    xlsx = tmp_path / "r.xlsx"
    code, out = cli_said(capsys, "report", master, "--out", xlsx, "--date", end.isoformat())
    assert code == errors.OK, out
    cells = [c for sheet in load_workbook(xlsx) for row in sheet.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert any(c.startswith(BEHIND) and f"{wrong} {day}" in c for c in cells), cells
    assert any(c.startswith("设备时钟偏慢时录入的记录（录入早于其数据包生成之时）已按所填日期计入")
               and f"{wrong} {day}（设备 ph-1，" in c for c in cells), cells


def test_the_verification_made_last_is_by_time_whatever_zone_it_was_written_in(
        master, tmp_path, capsys, chinese_locale):
    """Two verifications of a patch on one day: the app's made at 11:00 Beijing time
    (03:00Z), QField's at 09:00 (written by QGIS as local time, no zone). Compared as text,
    QField's read as the later one: an untreated patch was counted, the restored one not. A
    time without a zone is Beijing time."""
    code = "CT6504222016000053002"
    conn = connect(master)
    app = verify(conn, code, "B", measured=110000, treated=110000, on="2026-11-27",
                 verifier="app 11:00", photos=[photo_file(tmp_path)])
    conn.execute("UPDATE patch_verifications SET created_at = '2026-11-27T03:00:00.000Z' "
                 "WHERE uuid = ?", (app,))
    conn.commit()
    conn.close()
    _qfield_verification(master, code, "2026-11-27", "2026-11-27T09:00:00.000", status="A",
                         verifier="QField 09:00")
    qfield = connect(master).execute("SELECT uuid FROM patch_verifications WHERE verifier = "
                                     "'QField 09:00'").fetchone()[0]
    said, out = cli_said(capsys, "progress", master)
    assert said == errors.OK, out
    assert f"counted, the one made last, {app} (app 11:00: status B (restored)" in out, out
    assert f"not counted, {qfield} (QField 09:00: status A (untreated)" in out, out
    assert f"计入最后录入的 {app}（app 11:00：恢复治理情况 B 已恢复治理" in out, out
    # the later by the clock, written by QGIS in Beijing time: counted
    conn = connect(master)
    conn.execute("UPDATE patch_verifications SET created_at = '2026-11-27T11:30:00.000' "
                 "WHERE uuid = ?", (qfield,))
    conn.commit()
    conn.close()
    said, out = cli_said(capsys, "progress", master)
    assert f"counted, the one made last, {qfield} (QField 09:00: status A" in out, out
