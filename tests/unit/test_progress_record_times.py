# SPDX-License-Identifier: GPL-2.0-or-later
"""The times a record carries, as progress reads them: "the one made last" of a day's
verifications is the one made last in time, the app's UTC and QGIS's (QField's) local time
compared as moments."""

from __future__ import annotations

from field_kit import errors
from field_kit.db import connect
from tests.unit.cli_run import cli_said
from tests.unit.test_progress import photo_file, verify


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
