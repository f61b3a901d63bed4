# SPDX-License-Identifier: GPL-2.0-or-later
"""NMEA parsing (checksums, bad sentences ignored, accuracy) and the track log."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit.app import gnss
from field_kit.app.gnss import NmeaParser, checksum_ok, parse_sentence, with_checksum
from field_kit.sync import log_reads
from tests.app.nmea import epoch, walk

GGA = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47"  # the classic


def test_checksums():
    assert checksum_ok(GGA)
    assert not checksum_ok(GGA.replace("4807.038", "4807.039"))  # one digit altered
    assert not checksum_ok(GGA.replace("*47", "*48"))
    assert not checksum_ok(GGA[:-3])  # no checksum
    assert not checksum_ok(GGA.replace("*47", "*G7"))
    assert not checksum_ok("GPGGA,123519*47")
    assert checksum_ok(with_checksum("GPVTG,45.0,T,,M,2.1,N,3.9,K,A"))


def test_gga_position_quality_and_accuracy():
    s = parse_sentence(GGA)
    assert s["lat"] == pytest.approx(48 + 7.038 / 60)
    assert s["lon"] == pytest.approx(11 + 31 / 60)
    assert (s["quality"], s["satellites"], s["hdop"], s["time"]) == (1, 8, 0.9, "12:35:19")
    fix = NmeaParser().feed(GGA)
    assert fix.accuracy_m == pytest.approx(0.9 * gnss.UERE_M[1])


def test_hemispheres_rmc_gsa_vtg():
    p = NmeaParser()
    lines = epoch(-70.25, -33.5, 5, quality=4, hdop=1.2)
    rmc = parse_sentence(lines[1])
    assert rmc["valid"] and rmc["lat"] == pytest.approx(-33.5)
    assert rmc["lon"] == pytest.approx(-70.25)
    assert parse_sentence(lines[2])["hdop"] == 0.9
    assert parse_sentence(lines[3])["speed_kmh"] == 3.9
    fixes = [p.feed(x) for x in lines + epoch(-70.25, -33.5, 6, quality=4, hdop=1.2)]
    got = [f for f in fixes if f is not None]
    assert len(got) == 2  # one per epoch: GGA gives the position, RMC only its date
    assert got[1].time == "2025-06-01T03:00:06Z" and got[1].quality == 4
    assert got[1].accuracy_m < 0.05  # RTK fixed
    assert got[1].speed_kmh == 3.9


def test_rmc_alone_gives_positions():
    p = NmeaParser()
    fix = p.feed(epoch(88.6, 42.8, 1)[1])
    assert fix is not None and fix.lat == pytest.approx(42.8)


@pytest.mark.parametrize("line", [
    "", "garbage", "$GPGGA", "$GPGGA,*56", GGA.replace("4807.038", "48xx.038"),
    with_checksum("GPGGA,123519,4807.038,N,01131.000,E,1,08"),  # too few fields
    with_checksum("GPGGA,123519,4807.038,Q,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"),
    with_checksum("GPGGA,123519,4867.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"),
    with_checksum("GPGGA,123519,,,,,0,00,99.9,,,,,,"),  # no fix yet
    with_checksum("GPRMC,123519,V,4807.038,N,01131.000,E,0,0,010625,,,N"),  # void
    with_checksum("GPGSV,3,1,09,01,40,083,46"),
])
def test_bad_or_positionless_sentences_give_no_fix(line):
    assert NmeaParser().feed(line) is None


def test_a_recorded_file_with_noise(tmp_path):
    path = tmp_path / "walk.nmea"
    path.write_text(walk(88.6, 42.8))
    fixes = gnss.parse_file(path)
    assert len(fixes) == 12
    assert fixes[-1].lon == pytest.approx(88.6011)


def test_track_log_commits_every_n_points(tmp_path, package):
    log = gnss.TrackLog(package, every=5)
    for i in range(7):
        log.add(gnss.Fix(88.6 + i * 1e-4, 42.8, 1, 0.9, 4.5, time=f"2025-06-01T03:00:0{i}Z"))
    other = sqlite3.connect(package)  # what a crash would leave: only committed points
    assert other.execute("SELECT count(*) FROM track_points").fetchone()[0] == 5
    log.close()
    rows = other.execute("SELECT device, time, lon, accuracy_m, fix_quality FROM track_points "
                         "ORDER BY fid").fetchall()
    assert len(rows) == 7 and rows[0] == ("tab-1", "2025-06-01T03:00:00Z", 88.6, 4.5, 1)
    # the track is the device's own: the change log does not capture it
    assert not [c for c in log_reads.log(other) if c["tbl"] == "track_points"]


def test_track_log_walks_split_where_time_stops(tmp_path, package):
    log = gnss.TrackLog(package, every=100)
    times = ["2025-06-01T03:00:00Z", "2025-06-01T03:00:05Z", "2025-06-01T03:09:55Z",
             "2025-06-02T08:00:00Z", "2025-06-02T08:00:01.5Z", "2025-05-31T08:00:02Z"]
    for i, when in enumerate(times):
        log.add(gnss.Fix(88.6 + i * 1e-4, 42.8, 1, time=when))
    walks = log.walks()  # unflushed points count too
    # 9 min 50 s is one walk; the next day is not, nor a clock that went back
    assert [len(w) for w in walks] == [3, 2, 1]
    assert walks[1][0] == (88.6 + 3e-4, 42.8)
    assert [len(w) for w in log.walks(gap_s=60)] == [2, 1, 2, 1]
    log.close()


def test_replay_keeps_the_recorded_pace(qtbot, tmp_path):
    path = tmp_path / "walk.nmea"  # two fixes, two seconds apart; the first has no date yet
    path.write_text("\r\n".join(epoch(88.6, 42.8, 0) + epoch(88.6001, 42.8, 2)) + "\r\n")
    source = gnss.ReplaySource(path, speed=4)
    assert [len(f.time) for f in source.fixes] == [8, 20]
    source._step()
    assert source.timer.isActive() and source.timer.interval() == 500
    source.stop()


# the app as a technician starts it, its event loop run no further than the window shown
GIVEN_SOURCE = (
    "import sys; from PyQt5.QtWidgets import QApplication, QMessageBox; "
    "from field_kit.app import main_window; "
    "QMessageBox.critical = lambda p, t, text: print('BOX ' + text, flush=True); "
    "QApplication.exec_ = lambda self: print('SHOWN', any(w.isVisible() for w in "
    "self.topLevelWidgets() if isinstance(w, main_window.MainWindow)), flush=True) or 0; "
    "sys.exit(main_window.run(sys.argv[1:]))")


@pytest.mark.parametrize(("lang", "said"), [("en", "File or folder not found"),
                                            ("zh", "找不到文件或文件夹")])
def test_a_recorded_file_named_at_start_that_is_missing_is_said_and_the_window_stays(
        package, tmp_path, lang, said):
    import os
    import subprocess
    import sys
    from pathlib import Path

    gone = tmp_path / "walk.nmea"
    got = subprocess.run([sys.executable, "-c", GIVEN_SOURCE, str(package), "--replay",
                          str(gone), "--lang", lang], cwd=Path(__file__).resolve().parents[2],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in got.stderr, got.stderr
    assert got.returncode == 0, got
    box, shown = got.stdout.splitlines()
    assert box.startswith("BOX " + said) and str(gone) in box, got.stdout
    assert shown == "SHOWN True", got.stdout  # the window open, its event loop running
    assert not Path(f"{package}.lock").exists()


@pytest.mark.parametrize(("lang", "said"), [("en", "is a folder, not a file"),
                                            ("zh", "是文件夹，不是文件")])
def test_a_folder_named_as_the_recorded_file_is_said_so(package, tmp_path, lang, said):
    """Not "something unexpected went wrong (IsADirectoryError)"."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    got = subprocess.run([sys.executable, "-c", GIVEN_SOURCE, str(package), "--replay",
                          str(tmp_path), "--lang", lang],
                         cwd=Path(__file__).resolve().parents[2], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Traceback" not in got.stderr, got.stderr
    box, shown = got.stdout.splitlines()
    assert box == f"BOX {tmp_path} {said}" + (". Choose a file in it." if lang == "en" else
                                               "。请选择其中的文件。"), got.stdout
    assert shown == "SHOWN True", got.stdout
