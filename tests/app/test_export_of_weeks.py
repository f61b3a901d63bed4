# SPDX-License-Identifier: GPL-2.0-or-later
"""Export of a package filled over weeks: many photos, on a field laptop's memory."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
import tracemalloc
import zipfile

from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from tests.app.process import ROOT
from tests.app.test_main_window import _save_verification
from tests.app.test_said_export_and_waiting import _export
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.gpkg_factory import add_photo

PHOTOS, PHOTO_BYTES = 40, 500_000


def test_export_holds_one_photo_at_a_time_not_all_of_them(
        qtbot, window, patch, photo, tmp_path, monkeypatch):
    window.select(PATCH, patch[0])
    record = _save_verification(window.form, photo)
    conn = connect(window.path)
    with conn:
        for i in range(PHOTOS):  # weeks of photos: each its own picture
            add_photo(conn, record, jpeg_with_exif(lat=patch[2], lon=patch[1]) +
                      i.to_bytes(4, "big") * (PHOTO_BYTES // 4))
    conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    tracemalloc.start()
    try:
        text = _export(window, monkeypatch, usb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "41 photos" in text, text
    # (all the pictures at once would be 20 MB: a few of them is what one at a time needs)
    assert peak < PHOTOS * PHOTO_BYTES / 4, f"{peak:,} bytes held while exporting"
    out = next(usb.glob("*.zip"))
    with zipfile.ZipFile(out) as zf:  # every picture whole, as its manifest says
        members = json.loads(zf.read("manifest.json"))["members"]
        pictures = [n for n in zf.namelist() if n.startswith("attachments/")]
        assert len(pictures) == PHOTOS + 1
        for name in pictures:
            data = zf.read(name)
            assert members[name] == {"sha256": hashlib.sha256(data).hexdigest(),
                                     "size": len(data)}
            assert name == "attachments/" + members[name]["sha256"]


def test_the_window_lives_and_says_how_far_an_export_to_a_slow_stick_is(
        qtbot, window, patch, photo, tmp_path, monkeypatch):
    from PyQt5.QtCore import QTimer
    from PyQt5.QtWidgets import QProgressDialog
    window.select(PATCH, patch[0])
    record = _save_verification(window.form, photo)
    conn = connect(window.path)
    with conn:
        for i in range(19):
            add_photo(conn, record, jpeg_with_exif(lat=patch[2], lon=patch[1]) +
                      i.to_bytes(4, "big"))
    conn.close()
    writestr = zipfile.ZipFile.writestr

    def slow_stick(self, name, data, *args, **kw):  # a USB 2 stick: a picture in 50 ms
        time.sleep(0.05)
        return writestr(self, name, data, *args, **kw)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", slow_stick)
    seen: list[str] = []

    def look() -> None:  # what the technician sees while it is written
        seen.extend(box.labelText() for box in window.findChildren(QProgressDialog)
                    if box.isVisible())
    timer = QTimer(window, interval=50, timeout=look)
    timer.start()
    usb = tmp_path / "usb"
    usb.mkdir()
    start = time.monotonic()
    text = _export(window, monkeypatch, usb)
    took = time.monotonic() - start
    timer.stop()
    assert took > 1 and "20 photos" in text, (took, text)
    # drawn through the export (not frozen until it ends), and saying how far it is
    assert len(seen) >= 10, seen
    assert any("of 20 pictures written" in said and str(usb) in said for said in seen), seen
    assert not window.findChildren(QProgressDialog) or not any(
        box.isVisible() for box in window.findChildren(QProgressDialog))


def test_the_app_killed_in_an_export_says_so_when_it_opens_again(qtbot, package, patch,
                                                                  tmp_path):
    from field_kit.app import sync_actions
    from field_kit.app.main_window import MainWindow
    conn = connect(package)
    with conn:
        conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, verifier) "
                     "SELECT 'v-1', uuid, patch_code, 'Ayxam' FROM mine_patches WHERE uuid = ?",
                     (patch[0],))
        for i in range(3):
            add_photo(conn, "v-1", jpeg_with_exif(lat=patch[2], lon=patch[1]) + bytes([i]))
    conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    got = subprocess.run([sys.executable, "-m", "tests.app.kill_in_export", str(package),
                          str(usb)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert got.returncode == -signal.SIGKILL, got.stdout + got.stderr
    [part] = usb.iterdir()  # half written, on the stick
    assert part.name.endswith(".zip.part")
    assert sync_actions.waiting(package)[0] == 4  # nothing lost: all still to be sent
    win = MainWindow(package, "en")  # opened again
    qtbot.addWidget(win)
    win.show()
    win.show_start_note()
    said = win.start_note.text()
    assert win.start_note.isVisible()
    assert "was cut short" in said and "Nothing was lost" in said, said
    assert f"{part} was removed" in said, said
    assert not list(usb.iterdir())
    win.close()
    again = MainWindow(package, "en")  # said once, not at every opening
    qtbot.addWidget(again)
    again.show_start_note()
    assert "cut short" not in again.start_note.text()
    out, manifest = again.export_to(usb)
    assert out is not None and manifest["counts"]["changes"] == 4
    again.show_start_note()
    assert "cut short" not in again.start_note.text()
    again.close()
