# SPDX-License-Identifier: GPL-2.0-or-later
"""A record of many camera-sized photos opens without freezing the window: its thumbnails
are made beside it (never on the window's thread), each shown as it is ready while the
window goes on answering, and every one is there in the end. (Told by where and in what
order the work is done, not by a clock: a busy machine's pauses are not the window's.)"""

from __future__ import annotations

import random
import threading

from PyQt5.QtCore import QBuffer, QByteArray, QIODevice, QSize, QTimer
from PyQt5.QtGui import QColor, QImage, QPainter

from field_kit import forms
from field_kit.app import photos as strip_module
from field_kit.app.form_widget import FormWidget
from tests.app.conftest import click_in_list

PHOTOS = 30


def _camera_jpeg() -> bytes:
    """A 2560x1920 JPEG with a camera picture's detail (random blocks)."""
    img = QImage(2560, 1920, QImage.Format_RGB32)
    rnd = random.Random(7)
    p = QPainter(img)
    for y in range(0, 1920, 16):
        for x in range(0, 2560, 16):
            p.fillRect(x, y, 16, 16, QColor(rnd.randrange(256), rnd.randrange(256),
                                            rnd.randrange(256)))
    p.end()
    out = QByteArray()
    buf = QBuffer(out)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "JPEG", 92)
    return bytes(out)


def _record_with_photos(package, patch, tmp_path, photo) -> str:
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    try:
        for col, value in (("patch_class", "10"), ("patch_subclass", "11"),
                           ("damage_type", "压占"), ("patch_feature", "3"),
                           ("remediation_status", "B"), ("restoration_method", "1"),
                           ("measured_area_m2", "2.5"), ("verifier", "Ayxam")):
            fw.set_value(col, value)
        fw.add_photos([photo])
        uuid = fw.save()
        assert uuid, [p.message("en") for p in fw.problems]
        big = _camera_jpeg()
        for i in range(PHOTOS - 1):  # another file each (a byte after the picture)
            forms.attach_photo(fw.conn, "patch_verifications", uuid,
                               (f"IMG_{i:04d}.jpg", big + bytes([i])))
        fw.conn.commit()
        return uuid
    finally:
        fw.close_db()
        fw.deleteLater()


def _thumbnails_made(strip) -> bool:
    # a 4:3 picture's thumbnail is 112x84; the tile shown meanwhile is square
    sizes = [strip.list.item(i).icon().availableSizes() for i in range(strip.list.count())]
    return len(sizes) == PHOTOS and all(s[-1:] in ([QSize(112, 84)], [QSize(112, 112)])
                                        for s in sizes) and \
        sum(s[-1:] == [QSize(112, 84)] for s in sizes) == PHOTOS - 1


def test_a_record_of_many_large_photos_opens_while_the_window_keeps_going(
        qtbot, window, package, patch, tmp_path, photo, monkeypatch):
    uuid = _record_with_photos(package, patch, tmp_path, photo)
    made_on: list[int] = []  # the thread each thumbnail is made on
    make = strip_module.thumbnail_image

    def recorded(data):
        made_on.append(threading.get_ident())
        return make(data)
    monkeypatch.setattr(strip_module, "thumbnail_image", recorded)
    shown: list[int] = []  # the thumbnails shown, each time the window's loop turns
    timer = QTimer(window, interval=0, timeout=lambda: shown.append(
        sum(window.form.photos.list.item(i).icon().availableSizes()[-1:] == [QSize(112, 84)]
            for i in range(window.form.photos.list.count())) if window.form else -1))
    click_in_list(qtbot, window, "patch", patch[0])
    timer.start()
    assert window.form.record_uuid == uuid
    strip = window.form.photos
    assert strip.list.count() == PHOTOS
    qtbot.waitUntil(lambda: _thumbnails_made(strip), timeout=30000)
    timer.stop()
    # made beside the window, shown as they were ready: the window's loop turned while they
    # came, seeing counts on the way (made on the window's thread, or all shown at once at
    # the end, it would see none)
    assert len(made_on) == PHOTOS and threading.get_ident() not in made_on
    on_the_way = set(shown) & set(range(1, PHOTOS - 1))
    assert len(on_the_way) >= 3, sorted(set(shown))
