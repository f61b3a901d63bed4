# SPDX-License-Identifier: GPL-2.0-or-later
"""A field device whose clock reads before its package was checked out (a phone whose
battery ran flat wakes in 2000) is told so by status and export, with the edits already
dated so, before those edits travel and a merge weighs them by their dates."""

import json
import sqlite3
from datetime import datetime, timedelta, timezone

from field_kit import errors
from field_kit.sync import changelog
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit

EDITS_DATED = "1 edit made here is dated "
BEFORE = ", before this package was checked out ("


def _checked_out_tomorrow(pkg) -> None:
    """The package checked out a day after this device's clock reads now: the device's
    clock is a day behind the master's that gave the time of the checkout."""
    later = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with sqlite3.connect(pkg) as conn:
        conn.execute("UPDATE sync_state SET created_at = ?", (later,))


def test_edits_dated_before_the_checkout_are_said_by_status_and_export(setup, capsys):
    master, a, _, tmp = setup
    _checked_out_tomorrow(a)
    edit(a, "UPDATE mine_patches SET project_name = 'clock behind' WHERE fid = 1")
    code, out, err = cli(capsys, "status", a)
    assert code == errors.OK, out + err
    assert f"field-kit: warning: {EDITS_DATED}" in err and BEFORE in err, err
    assert "the device's clock was wrong when it was made" in err, err
    code, out, _ = cli(capsys, "status", a, "--json")
    reads, dated = json.loads(out)["clock"]  # (the clock reads a day behind still)
    assert reads.startswith("this device's clock reads "), reads
    assert dated.startswith(EDITS_DATED), dated
    code, out, err = cli(capsys, "export", a, tmp / "a.zip")
    assert code == errors.OK, out + err
    assert EDITS_DATED in err and BEFORE in err, err  # said before they travel
    assert (tmp / "a.zip").exists()
    # sent (the merge names them): said no more, at every status and export after; the
    # clock still reading behind is
    code, out, err = cli(capsys, "status", a)
    assert code == errors.OK, out + err
    assert not any(f"made here {be} dated" in err for be in ("is", "are")), err
    assert "this device's clock reads " in err, err
    edit(a, "UPDATE mine_patches SET project_name = 'clock behind again' WHERE fid = 2")
    code, out, err = cli(capsys, "status", a)
    assert EDITS_DATED in err, err  # (the one waiting alone)


def test_a_clock_reading_before_the_checkout_is_said_in_chinese_too(setup, capsys,
                                                                    monkeypatch,
                                                                    chinese_locale):
    _, a, _, _ = setup
    monkeypatch.setattr(changelog, "now", lambda: "2000-01-01T00:00:00.000Z")  # battery flat
    code, out, err = cli(capsys, "status", a)
    assert code == errors.OK, out + err
    reads = changelog.local_time("2000-01-01T00:00:00.000Z")
    assert f"field-kit: warning: this device's clock reads {reads}{BEFORE}" in err, err
    assert f"field-kit: 注意：本设备时钟显示为 {reads}，早于本数据包的签出时间（" in err, err


def test_a_clock_that_reads_right_says_nothing(setup, capsys):
    master, a, _, tmp = setup
    edit(a, "UPDATE mine_patches SET project_name = 'clock right' WHERE fid = 1")
    code, out, err = cli(capsys, "status", a)
    assert code == errors.OK and "clock" not in err, err
    assert json.loads(cli(capsys, "status", a, "--json")[1])["clock"] == []
    code, out, err = cli(capsys, "status", master, "--json")  # (the computer's: right too)
    assert json.loads(out)["clock"] == [] and "clock" not in err
