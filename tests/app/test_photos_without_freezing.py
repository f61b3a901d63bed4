# SPDX-License-Identifier: GPL-2.0-or-later
"""A record of many camera-sized photos opens without freezing the window: its thumbnails
are made beside it (never on the window's thread), each shown as it is ready while the
window goes on answering, and every one is there in the end. (Told by where and in what
order the work is done, not by a clock: a busy machine's pauses are not the window's.)"""

from __future__ import annotations

import random
import threading
import time

from PyQt5.QtCore import QBuffer, QByteArray, QIODevice, QSize
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
    window_thread, others = threading.get_ident(), {t.ident for t in threading.enumerate()}
    made_on: list[int] = []  # the thread each of the record's thumbnails is made on
    not_shown: list[int] = []  # thumbnails the window had not shown when the next was due
    make = strip_module.thumbnail_image

    def shown() -> int:
        """The record's thumbnails the window has shown (read from the making thread: the
        length of a dict)."""
        form = window.form
        return -1 if form is None or form.record_uuid != uuid else PHOTOS - form.photos.making()

    def in_step(data):
        """Each thumbnail made once the window has shown those made before it: the window
        must turn between them (a thread of an earlier test's strip is let through)."""
        me = threading.get_ident()
        if me in others and me != window_thread:
            return make(data)
        made_on.append(me)
        before, until = len(made_on) - 1, time.monotonic() + 10  # (a stop, not a measure)
        while me != window_thread and not not_shown and shown() < before:
            if time.monotonic() > until:
                not_shown.append(before)
                break
            time.sleep(0.002)
        return make(data)
    monkeypatch.setattr(strip_module, "thumbnail_image", in_step)
    click_in_list(qtbot, window, "patch", patch[0])
    assert window.form.record_uuid == uuid
    strip = window.form.photos
    assert strip.list.count() == PHOTOS
    qtbot.waitUntil(lambda: _thumbnails_made(strip), timeout=60000)
    # made beside the window, each shown as it was ready while the next was made (made on
    # the window's thread, or shown all at once at the end, the test fails)
    assert len(made_on) == PHOTOS and window_thread not in made_on, made_on
    assert not_shown == [], not_shown
