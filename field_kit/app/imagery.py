# SPDX-License-Identifier: GPL-2.0-or-later
"""Local imagery under the map's outlines: MBTiles, a GeoTIFF, a GeoPackage tile pyramid.

No network and no GDAL. A tile pyramid (MBTiles in Web Mercator with TMS rows, or a
GeoPackage tile matrix set in EPSG:4490/4326/3857) is one graphics item that draws the
tiles in view at the zoom level matching the view's scale, decoding each tile once (an LRU
cache) and filling a missing tile from its nearest coarser ancestor. A GeoTIFF is one
image placed by its bounds. Tile and image corners are converted to lon/lat and then to
the map's scene plane by the view's ``to_scene``, so imagery and outlines agree.

What cannot be read gives an ``ImageryError`` whose text says why, in Chinese and English.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections import OrderedDict
from pathlib import Path
from struct import error as struct_error
from zlib import error as zlib_error

from PyQt5.QtCore import QRectF
from PyQt5.QtGui import QPainter, QPixmap
from PyQt5.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from ..bilingual import Text
from . import geotiff, i18n

R_MERC = 6378137.0
HALF = math.pi * R_MERC  # 20037508.34 m: the Web Mercator square's half side
MAX_TILES = 400  # tiles drawn in one view at most: else a coarser level, or none
CACHE = 600  # decoded tiles kept
SUFFIXES = (".mbtiles", ".tif", ".tiff")
Z_IMAGERY = -10.0  # under zones (0) and patches (5)

CANNOT_SHOW = Text("无法显示影像 {name}：{message}", "Cannot show imagery {name}: {message}")
MESSAGES = {
    "not_tiff": Text("不是 TIFF 文件", "not a TIFF file"),
    "bigtiff": Text("BigTIFF 格式暂不支持", "BigTIFF is not supported"),
    "no_georef": Text("没有地理参考（缺少像元大小/控制点标签）",
                      "no georeferencing (no pixel scale and tie point tags)"),
    "rotated": Text("影像有旋转，只支持正北朝上的影像",
                    "the image is rotated; only north-up images"),
    "crs": Text("坐标系 {detail} 不支持，请用 EPSG:4490、4326 或 3857",
                "coordinate system {detail} is not supported; use EPSG:4490, 4326 or 3857"),
    "pixels": Text("像元格式无法读取（{detail}），请转为 8 位 RGB 的无压缩或 Deflate 压缩 GeoTIFF",
                   "cannot read its pixels ({detail}); save it as an 8-bit RGB GeoTIFF, "
                   "uncompressed or Deflate"),
    "mbtiles": Text("不是有效的 MBTiles 文件（{detail}）", "not a valid MBTiles file ({detail})"),
    "empty": Text("没有影像瓦片", "no image tiles"),
    "format": Text("不支持的文件类型，请选择 .mbtiles、.tif 或 .tiff",
                   "unsupported file type; pick a .mbtiles, .tif or .tiff file"),
    "io": Text("无法打开文件（{detail}）", "cannot open the file ({detail})"),
}


class ImageryError(Exception):
    def __init__(self, path, code: str, detail: str = ""):
        self.path, self.code, self.detail = Path(path), code, detail
        super().__init__(self.text(i18n.EN))

    def text(self, lang: str | None = None) -> str:
        message = MESSAGES[self.code].format(detail=self.detail)
        return CANNOT_SHOW.format(name=self.path.name, message=message)(lang or i18n.language())


def merc_to_lonlat(x: float, y: float) -> tuple[float, float]:
    return (math.degrees(x / R_MERC),
            math.degrees(2 * math.atan(math.exp(y / R_MERC)) - math.pi / 2))


def lonlat_to_merc(lon: float, lat: float) -> tuple[float, float]:
    lat = max(min(lat, 85.05), -85.05)
    return (math.radians(lon) * R_MERC,
            R_MERC * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


# --- tile pyramids --------------------------------------------------------------------------

class Pyramid:
    """Levels of tiles on a grid in a CRS (degrees or Web Mercator metres), rows from the top.

    ``levels``: zoom -> (x0, y0 of the grid's top left, tile width and height in CRS units,
    tile pixels across); ``fetch(zoom, cols, rows)`` yields (col, row, bytes) for the tiles
    with the given column and (top-down) row ranges.
    """

    mercator = False
    name = ""

    def __init__(self):
        self.levels: dict[int, tuple[float, float, float, float, int]] = {}
        self.bounds_ll = (0.0, 0.0, 0.0, 0.0)  # west, south, east, north in degrees

    def to_ll(self, x, y):
        return merc_to_lonlat(x, y) if self.mercator else (x, y)

    def from_ll(self, lon, lat):
        return lonlat_to_merc(lon, lat) if self.mercator else (lon, lat)

    def resolution_m(self, zoom: int, lat: float) -> float:
        """Ground metres per tile pixel at ``lat``."""
        _, _, tw, _, px = self.levels[zoom]
        if self.mercator:
            return tw / px * math.cos(math.radians(lat))
        return tw / px * 111_320.0 * math.cos(math.radians(lat))

    def fetch(self, zoom, cols, rows):
        raise NotImplementedError


class MBTiles(Pyramid):
    mercator = True

    def __init__(self, path):
        super().__init__()
        self.path = Path(path)
        self.name = self.path.name
        try:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            meta = dict(self.conn.execute("SELECT name, value FROM metadata"))
            zooms = [z for (z,) in self.conn.execute("SELECT DISTINCT zoom_level FROM tiles")]
        except sqlite3.Error as exc:
            raise ImageryError(path, "mbtiles", str(exc)) from None
        if not zooms:
            raise ImageryError(path, "empty")
        for z in zooms:
            span = 2 * HALF / 2 ** z
            self.levels[z] = (-HALF, HALF, span, span, 256)
        try:
            w, s, e, n = (float(v) for v in meta["bounds"].split(","))
        except (KeyError, ValueError):  # the tiles of the finest level say where it is
            z = max(zooms)
            c0, c1, r0, r1 = self.conn.execute(
                "SELECT min(tile_column), max(tile_column) + 1, min(tile_row), "
                "max(tile_row) + 1 FROM tiles WHERE zoom_level = ?", (z,)).fetchone()
            span = 2 * HALF / 2 ** z
            w, n = merc_to_lonlat(-HALF + c0 * span, -HALF + r1 * span)
            e, s = merc_to_lonlat(-HALF + c1 * span, -HALF + r0 * span)
        self.bounds_ll = (w, s, e, n)
        self.name = meta.get("name") or self.name

    def fetch(self, zoom, cols, rows):
        top = 2 ** zoom - 1  # TMS rows count from the bottom
        for col, row, data in self.conn.execute(
                "SELECT tile_column, tile_row, tile_data FROM tiles WHERE zoom_level = ? AND "
                "tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?",
                (zoom, cols[0], cols[1], top - rows[1], top - rows[0])):
            yield col, top - row, bytes(data)


class GpkgTiles(Pyramid):
    def __init__(self, conn: sqlite3.Connection, table: str, path=None):
        super().__init__()
        self.conn, self.table, self.name = conn, table, table
        x0, y0, x1, y1, epsg = conn.execute(
            "SELECT s.min_x, s.max_y, s.max_x, s.min_y, r.organization_coordsys_id FROM "
            "gpkg_tile_matrix_set s JOIN gpkg_spatial_ref_sys r USING (srs_id) "
            "WHERE s.table_name = ?", (table,)).fetchone()
        if epsg not in geotiff.GEOGRAPHIC + geotiff.WEB_MERCATOR:
            raise ImageryError(path or table, "crs", f"EPSG:{epsg}")
        self.mercator = epsg in geotiff.WEB_MERCATOR
        for z, tw, th, px, py in conn.execute(
                "SELECT zoom_level, tile_width, tile_height, pixel_x_size, pixel_y_size FROM "
                "gpkg_tile_matrix WHERE table_name = ?", (table,)):
            self.levels[z] = (x0, y0, tw * px, th * py, tw)
        if not self.levels:
            raise ImageryError(path or table, "empty")
        w, n = self.to_ll(x0, y0)
        e, s = self.to_ll(x1, y1)
        self.bounds_ll = (w, s, e, n)

    def fetch(self, zoom, cols, rows):
        yield from self.conn.execute(
            f'SELECT tile_column, tile_row, tile_data FROM "{self.table}" WHERE zoom_level = ? '
            "AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?",
            (zoom, cols[0], cols[1], rows[0], rows[1]))


class TileItem(QGraphicsItem):
    """Draws a pyramid's tiles in the exposed part of the view, at the view's scale."""

    def __init__(self, pyramid: Pyramid, view):
        super().__init__()
        self.pyramid, self.view = pyramid, view
        self.cache: OrderedDict = OrderedDict()  # (zoom, col, row) -> QPixmap or None
        self.last = {"zoom": None, "tiles": 0, "loaded": 0, "seconds": 0.0}
        w, s, e, n = pyramid.bounds_ll
        self.rect = QRectF(view.to_scene(w, n), view.to_scene(e, s)).normalized()
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption)
        self.setZValue(Z_IMAGERY)

    def boundingRect(self) -> QRectF:
        return self.rect

    def choose_zoom(self, metres_per_px: float, lat: float) -> int:
        """The coarsest level still as sharp as the screen, else the finest there is."""
        zooms = sorted(self.pyramid.levels)
        fit = [z for z in zooms if self.pyramid.resolution_m(z, lat) <= metres_per_px * 1.01]
        return fit[0] if fit else zooms[-1]

    def _range(self, zoom, area: QRectF):
        x0, y0, tw, th, _ = self.pyramid.levels[zoom]
        (w, n), (e, s) = (self.view.to_lonlat(area.topLeft()),
                          self.view.to_lonlat(area.bottomRight()))
        (xa, ya), (xb, yb) = self.pyramid.from_ll(w, n), self.pyramid.from_ll(e, s)
        return ((int(math.floor((xa - x0) / tw)), int(math.floor((xb - x0) / tw))),
                (int(math.floor((y0 - ya) / th)), int(math.floor((y0 - yb) / th))))

    def tile_rect(self, zoom, col, row) -> QRectF:
        x0, y0, tw, th, _ = self.pyramid.levels[zoom]
        tl = self.view.to_scene(*self.pyramid.to_ll(x0 + col * tw, y0 - row * th))
        br = self.view.to_scene(*self.pyramid.to_ll(x0 + (col + 1) * tw, y0 - (row + 1) * th))
        return QRectF(tl, br)

    def load(self, zoom, cols, rows) -> int:
        """Decode the tiles of the range not in the cache yet; how many were read."""
        want = {(zoom, c, r) for c in range(cols[0], cols[1] + 1)
                for r in range(rows[0], rows[1] + 1)} - self.cache.keys()
        if not want:
            return 0
        for key in want:
            self.cache[key] = None  # known missing unless the query finds it
        n = 0
        for col, row, data in self.pyramid.fetch(zoom, cols, rows):
            pix = QPixmap()
            self.cache[(zoom, col, row)] = pix if pix.loadFromData(data) else None
            n += 1
        while len(self.cache) > CACHE:
            self.cache.popitem(last=False)
        return n

    def tiles_for(self, area: QRectF, metres_per_px: float):
        """(target rect, pixmap, source rect) of what to draw in ``area``: the chosen level,
        with holes filled from coarser levels."""
        lat = self.view.to_lonlat(area.center())[1]
        zooms = sorted(self.pyramid.levels)
        zoom = self.choose_zoom(metres_per_px, lat)
        while True:
            cols, rows = self._range(zoom, area)
            count = (cols[1] - cols[0] + 1) * (rows[1] - rows[0] + 1)
            if count <= MAX_TILES or zoom == zooms[0]:
                break
            zoom = zooms[zooms.index(zoom) - 1]
        if count > MAX_TILES:
            return zoom, []
        start = time.perf_counter()
        loaded = self.load(zoom, cols, rows)
        out = []
        for col in range(cols[0], cols[1] + 1):
            for row in range(rows[0], rows[1] + 1):
                found = self._tile_or_ancestor(zoom, col, row, zooms)
                if found:
                    out.append((self.tile_rect(zoom, col, row),) + found)
        self.last = {"zoom": zoom, "tiles": len(out), "loaded": loaded,
                     "seconds": time.perf_counter() - start}
        return zoom, out

    def _tile_or_ancestor(self, zoom, col, row, zooms):
        for z in reversed([z for z in zooms if z <= zoom]):
            k = 2 ** (zoom - z)  # only for pyramids halving per level (MBTiles, most GPKG)
            if z != zoom and self.pyramid.levels[z][2] * 1.001 < self.pyramid.levels[zoom][2] * k:
                continue
            key = (z, col // k, row // k)
            if key not in self.cache:
                self.load(z, (key[1], key[1]), (key[2], key[2]))
            pix = self.cache.get(key)
            if pix is not None:
                self.cache.move_to_end(key)
                w, h = pix.width() / k, pix.height() / k
                return pix, QRectF((col % k) * w, (row % k) * h, w, h)
        return None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        area = option.exposedRect.intersected(self.rect)
        if area.isEmpty() or lod <= 0:
            return
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        pad = 0.6 / lod  # a little overlap: no hairline seams between tiles
        for target, pix, source in self.tiles_for(area, 1 / lod)[1]:
            painter.drawPixmap(target.adjusted(-pad, -pad, pad, pad), pix, source)


class ImageItem(QGraphicsItem):
    """One georeferenced image; Web Mercator images are drawn in bands so rows keep their
    latitude."""

    def __init__(self, pix: QPixmap, bounds, mercator: bool, view, name: str = ""):
        super().__init__()
        self.pix, self.name = pix, name
        w, s, e, n = bounds
        bands = min(32, pix.height()) if mercator else 1
        self.pieces = []
        for b in range(bands):
            y_top = n - (n - s) * b / bands
            y_bot = n - (n - s) * (b + 1) / bands
            conv = merc_to_lonlat if mercator else (lambda x, y: (x, y))
            tl, br = view.to_scene(*conv(w, y_top)), view.to_scene(*conv(e, y_bot))
            src = QRectF(0, pix.height() * b / bands, pix.width(), pix.height() / bands)
            self.pieces.append((QRectF(tl, br), src))
        self.rect = QRectF(self.pieces[0][0].topLeft(), self.pieces[-1][0].bottomRight())
        self.setZValue(Z_IMAGERY)

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        # each band over the next by a pixel of the screen: bands meeting at a fraction of
        # a pixel each leave it partly bare, a light seam across the image
        pixel = 1 / max(abs(painter.worldTransform().m22()), 1e-12)
        last = len(self.pieces) - 1
        for i, (target, source) in enumerate(self.pieces):
            painter.drawPixmap(target.adjusted(0, 0, 0, pixel) if i < last else target,
                               self.pix, source)


# --- opening and finding ----------------------------------------------------------------------

class Source:
    """What a layer is made from; ``item(view)`` makes its graphics item for a view (again
    after the view's projection changes)."""

    def __init__(self, path, kind: str, data, name: str):
        self.path, self.kind, self.data, self.name = path, kind, data, name

    def item(self, view) -> QGraphicsItem:
        if self.kind == "tiff":
            tif, pix = self.data
            return ImageItem(pix, tif.bounds, tif.epsg in geotiff.WEB_MERCATOR, view, self.name)
        return TileItem(self.data, view)


def open_file(path) -> Source:
    """An MBTiles or GeoTIFF file as a layer source; ``ImageryError`` if it can't be shown."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImageryError(path, "io", "not found")
    if suffix == ".mbtiles":
        return Source(path, "mbtiles", MBTiles(path), path.name)
    if suffix in (".tif", ".tiff"):
        try:
            tif = geotiff.read_header(path)
            pix = QPixmap.fromImage(geotiff.read_image(path, tif))
        except geotiff.GeoTiffError as exc:
            raise ImageryError(path, exc.code, exc.detail) from None
        except (OSError, struct_error, zlib_error, KeyError, IndexError) as exc:
            raise ImageryError(path, "io", str(exc) or type(exc).__name__) from None
        if pix.isNull():
            raise ImageryError(path, "pixels", "empty")
        return Source(path, "tiff", (tif, pix), path.name)
    raise ImageryError(path, "format")


def package_path(conn: sqlite3.Connection) -> Path | None:
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


def discover(conn: sqlite3.Connection):
    """The package's tile pyramids, then the imagery files next to the package file.

    Returns (sources, errors): what could be opened, and an ``ImageryError`` for each file
    that could not.
    """
    sources, errors = [], []
    try:
        tables = [t for (t,) in conn.execute(
            "SELECT c.table_name FROM gpkg_contents c JOIN gpkg_tile_matrix_set s USING "
            "(table_name) WHERE c.data_type IN ('tiles', '2d-gridded-coverage') "
            "ORDER BY c.table_name")]
    except sqlite3.Error:
        tables = []
    for t in tables:
        try:
            sources.append(Source(None, "gpkg", GpkgTiles(conn, t), t))
        except ImageryError as exc:
            errors.append(exc)
        except (sqlite3.Error, TypeError) as exc:
            errors.append(ImageryError(t, "io", str(exc)))
    here = package_path(conn)
    if here is not None:
        for p in sorted(here.parent.iterdir()):
            if p.suffix.lower() in SUFFIXES and p.is_file():
                try:
                    sources.append(open_file(p))
                except ImageryError as exc:
                    errors.append(exc)
    return sources, errors

