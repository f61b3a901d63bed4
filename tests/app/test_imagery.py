# SPDX-License-Identifier: GPL-2.0-or-later
"""Local imagery under the outlines: MBTiles, GeoTIFF (Qt's reader and our own), GeoPackage
tiles; the colour at a known lon/lat on the rendered map, the outlines still over it, the
messages for what can't be shown. GDAL only makes the test files."""

from __future__ import annotations

import math
import sqlite3

import pytest
from PyQt5.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QRectF, Qt
from PyQt5.QtGui import QColor, QImage
from PyQt5.QtWidgets import QGraphicsPathItem

from field_kit.app import geotiff, imagery
from field_kit.app.main_window import MainWindow
from field_kit.app.map_view import MapView
from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from field_kit.plan import geometry

gdal = pytest.importorskip("osgeo.gdal")
osr = pytest.importorskip("osgeo.osr")
gdal.UseExceptions()

GREY, RED = (120, 120, 120), (220, 30, 30)


def tile_colour(z, x, y):
    """A distinct colour for each tile (XYZ numbering)."""
    return ((x * 67 + z * 29) % 200 + 40, (y * 113 + z * 53) % 200 + 40,
            (x * 31 + y * 17) % 160 + 60)


def tile_xy(z, lon, lat):
    n = 2 ** z
    x = (lon + 180) / 360 * n
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return int(x), int(y)


def png(colour, size=256) -> bytes:
    img = QImage(size, size, QImage.Format_RGB32)
    img.fill(QColor(*colour))
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "PNG")
    return bytes(ba)


def make_mbtiles(path, lon, lat, zooms=(13, 15), radius=0.02, skip=(), bounds=True):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                 "tile_row INTEGER, tile_data BLOB)")
    meta = {"name": "test", "format": "png", "minzoom": min(zooms), "maxzoom": max(zooms)}
    if bounds:
        meta["bounds"] = f"{lon - radius},{lat - radius},{lon + radius},{lat + radius}"
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
    for z in zooms:
        x0, y0 = tile_xy(z, lon - radius, lat + radius)
        x1, y1 = tile_xy(z, lon + radius, lat - radius)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                if (z, x, y) not in skip:
                    conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                                 (z, x, 2 ** z - 1 - y, png(tile_colour(z, x, y))))
    conn.commit()
    conn.close()


def make_tiff(path, west, north, size=200, step=0.0001, epsg=4490, block=None, options=(),
              rotated=False):
    """A GeoTIFF, grey with a red ``block`` = (west, south, east, north) in degrees."""
    ds = gdal.GetDriverByName("GTiff").Create(str(path), size, size, 3, gdal.GDT_Byte,
                                              list(options))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    if epsg == 3857:
        x0, y0 = imagery.lonlat_to_merc(west, north)
        x1, y1 = imagery.lonlat_to_merc(west + size * step, north - size * step)
        gt = (x0, (x1 - x0) / size, 0, y0, 0, (y1 - y0) / size)
    else:
        gt = (west, step, 0.00001 if rotated else 0, north, 0, -step)
    ds.SetGeoTransform(gt)
    ds.SetProjection(srs.ExportToWkt())
    cols = [c for c in range(size) if block and block[0] <= west + (c + .5) * step <= block[2]]
    rows = [r for r in range(size) if block and block[1] <= north - (r + .5) * step <= block[3]]
    for band, value in enumerate(GREY):
        px = bytearray([value]) * (size * size)
        for r in rows:
            px[r * size + cols[0]:r * size + cols[-1] + 1] = bytes([RED[band]]) * len(cols)
        ds.GetRasterBand(band + 1).WriteRaster(0, 0, size, size, bytes(px))
    ds = None
    return path


def pixel(img: QImage, view, lon, lat):
    p = view.mapFromScene(view.to_scene(lon, lat))
    return QColor(img.pixel(p)).getRgb()[:3]


def near(a, b, tol=70):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def clear_spot(view, lon, lat, step=0.0008):
    """A lon/lat near the given one where only imagery and zones are drawn (no patch, label,
    marker or boundary), so the colour there is the imagery's, under a zone's light tint."""
    for i in range(1, 40):
        for dx, dy in ((i, 0), (0, i), (-i, 0), (0, -i), (i, i), (-i, -i)):
            cand = lon + dx * step, lat + dy * step
            p = view.mapFromScene(view.to_scene(*cand))
            box = QRect(p.x() - 4, p.y() - 4, 9, 9)
            if all(item.zValue() <= 0 or _line_only(item, view, box) for item in view.items(box)):
                return cand
    raise AssertionError("no clear spot")


def _line_only(item, view, box):
    """A path drawn without a fill (the county boundary) that does not cross the box."""
    if not isinstance(item, QGraphicsPathItem) or item.brush().style() != Qt.NoBrush:
        return False
    r = view.mapToScene(box).boundingRect()
    inside = {item.path().contains(c) for c in (r.topLeft(), r.topRight(), r.bottomLeft(),
                                                 r.bottomRight(), r.center())}
    return len(inside) == 1


def dark(c):
    return max(c.red(), c.green(), c.blue()) < 90


def yellow(c):  # the selected patch's outline
    return c.red() > 200 and c.green() > 170 and c.blue() < 90


def outline_drawn(img, view, uuid, conn, test=dark):
    """Outline pixels at the patch's ring vertices."""
    blob = conn.execute("SELECT geom FROM mine_patches WHERE uuid = ?", (uuid,)).fetchone()[0]
    code, body = geometry.parse_wkb(geometry.blob_wkb(bytes(blob)))
    ring = body[0] if code == geometry.WKB_POLYGON else body[0][1][0]
    hits = 0
    for lon, lat in ring[:-1]:
        p = view.mapFromScene(view.to_scene(lon, lat))
        around = [QColor(img.pixel(p + QPoint(dx, dy))) for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                  if img.rect().contains(p + QPoint(dx, dy))]
        hits += any(test(c) for c in around)
    return hits, len(ring) - 1


@pytest.fixture
def view(qtbot, package):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(800, 600)
    v.show()
    qtbot.waitExposed(v)
    conn = connect(package)
    yield v, conn
    conn.close()


def fit_around(view, lon, lat, side_m):
    c = view.to_scene(lon, lat)
    view.fit(QRectF(c.x() - side_m / 2, c.y() - side_m / 2, side_m, side_m))


def test_mbtiles_zoom_levels_fallback_and_outlines(view, package, patch, tmp_path):
    v, conn = view
    uuid, lon, lat = patch
    far = tile_xy(15, lon + 0.012, lat)
    make_mbtiles(tmp_path / "ortho.mbtiles", lon, lat, skip={(15,) + far})
    v.load(conn)
    assert [s.kind for s in v.imagery_sources] == ["mbtiles"]
    item = v.imagery_items[0]
    assert isinstance(item, imagery.TileItem) and item.zValue() < 0
    fit_around(v, lon, lat, 2500)  # about 4 m a pixel: level 15 (3.5 m at 43°N)
    img = v.grab().toImage()
    assert item.last["zoom"] == 15 and 0 < item.last["tiles"] <= 20
    print(f"\nMBTiles view: {item.last['tiles']} tiles, {item.last['loaded']} decoded in "
          f"{item.last['seconds'] * 1000:.1f} ms")
    spot = clear_spot(v, lon, lat)
    assert near(pixel(img, v, *spot), tile_colour(15, *tile_xy(15, *spot)))
    hits, n = outline_drawn(img, v, uuid, conn)
    assert hits >= n * 0.8  # the outline is drawn over the imagery
    # the missing level-15 tile is filled from its level-13 ancestor
    far_ll = clear_spot(v, lon + 0.012, lat)
    assert tile_xy(15, *far_ll) == far
    assert near(pixel(img, v, *far_ll), tile_colour(13, *tile_xy(13, *far_ll)))
    # zoomed out: level 13, and only the tiles in view are read
    fit_around(v, lon, lat, 12000)
    img = v.grab().toImage()
    assert item.last["zoom"] == 13
    spot = clear_spot(v, lon, lat, 0.003)
    assert near(pixel(img, v, *spot), tile_colour(13, *tile_xy(13, *spot)))
    # hidden, then half transparent
    v.set_imagery(visible=False)
    img = v.grab().toImage()
    assert not near(pixel(img, v, *spot), tile_colour(13, *tile_xy(13, *spot)), 20)
    v.set_imagery(visible=True, opacity=0.5)
    assert item.isVisible() and item.opacity() == 0.5


def test_mbtiles_without_bounds_and_cache(view, patch, tmp_path):
    v, conn = view
    _, lon, lat = patch
    make_mbtiles(tmp_path / "b.mbtiles", lon, lat, zooms=(14,), bounds=False)
    v.load(conn)
    item = v.imagery_items[0]
    w, s, e, n = item.pyramid.bounds_ll
    assert w < lon < e and s < lat < n
    fit_around(v, lon, lat, 3000)
    v.grab()
    first = item.last["loaded"]
    v.grab()
    assert first > 0 and item.last["loaded"] == 0  # the second paint decodes nothing


@pytest.mark.parametrize("options", [["COMPRESS=DEFLATE"], ["TILED=YES", "BLOCKXSIZE=64",
                                                             "BLOCKYSIZE=64"], []])
def test_geotiff_next_to_package_under_outlines(qtbot, package, patch, tmp_path, options):
    uuid, lon, lat = patch
    block = (lon + 0.001, lat - 0.004, lon + 0.006, lat + 0.004)
    make_tiff(tmp_path / "ortho.tif", lon - 0.01, lat + 0.01, block=block, options=options)
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.select(PATCH, uuid)
    v = win.map
    assert [s.kind for s in v.imagery_sources] == ["tiff"]
    img = v.grab().toImage()
    red = clear_spot(v, (block[0] + block[2]) / 2, (block[1] + block[3]) / 2, 0.0003)
    assert block[0] < red[0] < block[2] and block[1] < red[1] < block[3]
    assert near(pixel(img, v, *red), RED)
    grey = clear_spot(v, lon - 0.006, lat - 0.006, 0.0003)
    assert near(pixel(img, v, *grey), GREY, 50)
    hits, n = outline_drawn(img, v, uuid, win.conn, yellow)
    assert hits >= n * 0.8
    win.close()


@pytest.mark.parametrize("options", [["COMPRESS=DEFLATE"], ["TILED=YES", "BLOCKXSIZE=32",
                                     "BLOCKYSIZE=32", "COMPRESS=DEFLATE"], [], ["PHOTOMETRIC=RGB",
                                     "INTERLEAVE=PIXEL", "ZLEVEL=1", "COMPRESS=DEFLATE"]])
def test_own_decoder_matches_qt(tmp_path, options, qapp):
    path = make_tiff(tmp_path / "x.tif", 88.0, 42.0, size=50, step=0.001,
                     block=(88.01, 41.98, 88.03, 41.99), options=options)
    tif = geotiff.read_header(path)
    assert tif.epsg == 4490 and tif.bounds == pytest.approx((88.0, 41.95, 88.05, 42.0))
    ours = geotiff.decode(path, tif).convertToFormat(QImage.Format_RGB32)
    assert QColor(ours.pixel(20, 15)).getRgb()[:3] == RED
    assert QColor(ours.pixel(2, 2)).getRgb()[:3] == GREY
    theirs = geotiff.read_image(path, tif).convertToFormat(QImage.Format_RGB32)
    assert ours == theirs


def test_web_mercator_geotiff(view, patch, tmp_path):
    v, conn = view
    _, lon, lat = patch
    block = (lon + 0.002, lat - 0.004, lon + 0.006, lat + 0.004)
    make_tiff(tmp_path / "merc.tiff", lon - 0.01, lat + 0.01, epsg=3857, block=block)
    v.load(conn)
    fit_around(v, lon, lat, 2500)
    img = v.grab().toImage()
    red = clear_spot(v, (block[0] + block[2]) / 2, lat, 0.0003)
    assert near(pixel(img, v, *red), RED)
    assert near(pixel(img, v, lon - 0.008, lat - 0.008), GREY, 50)


@pytest.mark.parametrize("side_m", [2500, 3100, 4700])
def test_a_web_mercator_image_shows_no_seam_between_its_bands(view, patch, tmp_path, side_m):
    """A Web Mercator image is drawn in bands (each keeps its latitude): at a scale where they
    met at a fraction of a pixel, each such row was left partly bare, a light line across
    the imagery every few pixels."""
    v, conn = view
    _, lon, lat = patch
    make_tiff(tmp_path / "merc.tiff", lon - 0.01, lat + 0.01, epsg=3857)
    v.load(conn)
    fit_around(v, lon, lat, side_m)
    img = v.grab().toImage()
    x = v.mapFromScene(v.to_scene(lon - 0.008, lat)).x()  # (clear of the patch)
    top = v.mapFromScene(v.to_scene(lon, lat + 0.008)).y()
    bottom = v.mapFromScene(v.to_scene(lon, lat - 0.008)).y()
    light = [y for y in range(top, bottom) if not near(
        QColor(img.pixel(x, y)).getRgb()[:3], GREY, 30)]
    assert not light, (side_m, light[:10])


def test_geopackage_tiles_in_the_package(qtbot, package, patch, tmp_path):
    uuid, lon, lat = patch
    block = (lon + 0.004, lat - 0.004, lon + 0.012, lat + 0.004)
    (tmp_path / "src").mkdir()
    src = make_tiff(tmp_path / "src" / "x.tif", lon - 0.01, lat + 0.01, block=block)
    gdal.Translate(str(package), str(src), format="GPKG",
                   creationOptions=["APPEND_SUBDATASET=YES", "RASTER_TABLE=ortho",
                                    "TILE_FORMAT=PNG", "BLOCKSIZE=64"])
    ds = gdal.Open(str(package), gdal.GA_Update)
    ds.BuildOverviews("NEAREST", [2, 4])
    ds = None
    conn = connect(package)
    assert conn.execute("SELECT count(DISTINCT zoom_level) FROM ortho").fetchone()[0] == 3
    v = MapView()
    qtbot.addWidget(v)
    v.resize(800, 600)
    v.show()
    v.load(conn)
    assert [s.kind for s in v.imagery_sources] == ["gpkg"]
    item = v.imagery_items[0]
    for side, want in ((2500, max(item.pyramid.levels)), (30000, min(item.pyramid.levels))):
        fit_around(v, lon, lat, side)
        img = v.grab().toImage()
        assert item.last["zoom"] == want
        red = clear_spot(v, (block[0] + block[2]) / 2, lat, 0.0003)
        assert near(pixel(img, v, *red), RED)
    conn.close()


@pytest.mark.parametrize("name, make, words", [
    ("utm.tif", lambda p: make_tiff(p, 500000, 4700000, step=10, epsg=32645),
     "EPSG:32645 is not supported"),
    ("rot.tif", lambda p: make_tiff(p, 88, 43, rotated=True), "rotated"),
    ("junk.tif", lambda p: p.write_bytes(b"not an image at all"), "not a TIFF"),
    ("junk.mbtiles", lambda p: p.write_bytes(b"x" * 2000), "not a valid MBTiles"),
    ("notes.txt", lambda p: p.write_text("x"), "unsupported file type"),
])
def test_unsupported_files_give_a_message(qtbot, package, tmp_path, name, make, words,
                                          monkeypatch):
    path = tmp_path / "bad" / name
    path.parent.mkdir()
    make(path)
    with pytest.raises(imagery.ImageryError) as err:
        imagery.open_file(path)
    assert words in err.value.text("en") and name in err.value.text("en")
    assert "无法显示影像" in err.value.text("zh")
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    shown = []
    monkeypatch.setattr("field_kit.app.imagery_menu.QMessageBox.warning",
                        lambda *a: shown.append(a[2]))
    assert win.imagery_menu.add(path) == shown[0] and words in shown[0]
    assert win.map.imagery_items == []
    win.close()


def test_unreadable_file_next_to_package_is_said_in_status_bar(qtbot, package, tmp_path):
    make_tiff(tmp_path / "utm.tif", 500000, 4700000, step=10, epsg=32645)
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    assert "EPSG:32645" in win.statusBar().currentMessage()
    assert win.map.imagery_items == [] and len(win.map.imagery_errors) == 1
    win.close()
