# SPDX-License-Identifier: GPL-2.0-or-later
"""A screenshot of the main window with local imagery under a selected patch:
``out/field_app_imagery.png``. The imagery is a made-up desert scene (gravel plain, a dry
river bed, a track, mine pits and spoil heaps), cut into an MBTiles file next to the package."""

from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

from PyQt5.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PyQt5.QtGui import QColor, QImage, QPainter, QPen

from field_kit.app import gnss, i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH

OUT = Path(__file__).resolve().parents[2] / "out"


def _px(z, x, y, lon, lat):
    """Pixel of lon/lat in XYZ tile (x, y) at zoom z."""
    n = 2 ** z * 256
    gx = (lon + 180) / 360 * n
    gy = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return QPointF(gx - x * 256, gy - y * 256)


def scene(lon, lat):
    rnd = random.Random(7)
    blobs = [(lon + rnd.uniform(-.03, .03), lat + rnd.uniform(-.02, .02), rnd.uniform(8, 40),
              rnd.choice(["#8a7a62", "#a39174", "#6f6350", "#c2b28f"])) for _ in range(400)]
    pits = [(lon + dx, lat + dy, r) for dx, dy, r in
            ((0, 0, 70), (.0025, .001, 45), (-.002, -.0015, 55), (.004, -.003, 35))]
    river = [(lon - .04 + i * .004, lat + .006 + .004 * math.sin(i / 2.5)) for i in range(21)]
    track = [(lon - .04 + i * .008, lat - .008 + .0012 * i) for i in range(11)]
    return blobs, pits, river, track


def paint_tile(z, x, y, lon, lat, feats) -> bytes:
    blobs, pits, river, track = feats
    img = QImage(256, 256, QImage.Format_RGB32)
    img.fill(QColor("#b7a582"))
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    m_px = 156543.0 * math.cos(math.radians(lat)) / 2 ** z  # metres a pixel
    p.setPen(QPen(QColor("#d8cfb8"), 90 / m_px))
    p.drawPolyline(*[_px(z, x, y, a, b) for a, b in river])
    p.setPen(QPen(QColor("#6b5d48"), max(1.5, 5 / m_px)))
    p.drawPolyline(*[_px(z, x, y, a, b) for a, b in track])
    p.setPen(QPen(QColor(0, 0, 0, 0)))
    for a, b, r, c in blobs:
        p.setBrush(QColor(c))
        p.drawEllipse(_px(z, x, y, a, b), r / m_px, r / m_px * .7)
    for a, b, r in pits:
        p.setBrush(QColor("#4d4336"))
        p.drawEllipse(_px(z, x, y, a, b), r / m_px, r * .8 / m_px)
        p.setBrush(QColor("#d9ccae"))  # spoil heap beside the pit
        p.drawEllipse(_px(z, x, y, a + .0009, b + .0004), r * .6 / m_px, r * .4 / m_px)
    p.end()
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "JPEG", 85)
    return bytes(ba)


def make_scene_mbtiles(path, lon, lat, zooms=(13, 14, 15, 16), radius=0.03):
    feats = scene(lon, lat)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                 "tile_row INTEGER, tile_data BLOB)")
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", [
        ("name", "UAV ortho 2025-05"), ("format", "jpg"),
        ("bounds", f"{lon - radius},{lat - radius},{lon + radius},{lat + radius}")])
    for z in zooms:
        a, b = _px(z, 0, 0, lon - radius, lat + radius), _px(z, 0, 0, lon + radius, lat - radius)
        for x in range(int(a.x() // 256), int(b.x() // 256) + 1):
            for y in range(int(a.y() // 256), int(b.y() // 256) + 1):
                conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                             (z, x, 2 ** z - 1 - y, paint_tile(z, x, y, lon, lat, feats)))
    conn.commit()
    conn.close()


def test_screenshot_with_imagery(qtbot, package, patch, tmp_path):
    i18n.set_language(i18n.ZH)
    make_scene_mbtiles(tmp_path / "ortho_2025.mbtiles", patch[1], patch[2])
    win = MainWindow(package, i18n.ZH)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.select(PATCH, patch[0])
    for i in range(6):
        win.on_fix(gnss.Fix(patch[1] - 0.008 + i * 0.0004, patch[2] - 0.006 + i * 0.0003, 1,
                            0.9, 4.5, 9, time=f"2025-06-01T03:00:0{i}Z"))
    qtbot.wait(50)
    item = win.map.imagery_items[0]
    pix = win.grab()
    print(f"\nview: zoom {item.last['zoom']}, {item.last['tiles']} tiles, "
          f"{item.last['loaded']} decoded, {item.last['seconds'] * 1000:.1f} ms")
    assert item.last["tiles"] > 0
    OUT.mkdir(exist_ok=True)
    assert pix.save(str(OUT / "field_app_imagery.png"))
    win.close()
