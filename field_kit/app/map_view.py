# SPDX-License-Identifier: GPL-2.0-or-later
"""The map: county boundary, restoration zones, townships, patch outlines, the technician's
position and track, drawn from the package itself (no tiles, no network).

Scene units are metres on a local equirectangular plane centred on the package's data:
good to a fraction of a percent across one county, which is what walking to a patch needs
(distances and bearings shown to the user come from ``geometry.inverse``, not the plane).
Patches are tiny at county scale, so each also gets a marker of constant screen size.
Local imagery (the package's tile pyramids, MBTiles or GeoTIFF files next to the package or
added by the user, see ``imagery``) is drawn under everything, on the same plane.
"""

from __future__ import annotations

import math
import sqlite3
import struct

from PyQt5.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt, pyqtSignal
from PyQt5.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PyQt5.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolButton,
)

from ..bilingual import Text
from ..db import quote
from ..forms import distance_to_outlines
from ..plan import coordinates, geometry, rules, schema
from ..sync import registry
from . import i18n, imagery
from .navigation import Way, way_to_outline

M_PER_DEG = 111_320.0
_NICE = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)
# the strip along the map's foot the scale bar stands in (its box and a margin), in pixels
SCALE_BAR_BAND = 50
# Not verified is white with a black ring: the patches still to visit stand out on any fill.
# a patch not verified yet: a white marker, its outline says it is there
STATUS_COLOURS: dict[str | None, str] = {None: "#ffffff"}
STATUS_COLOURS.update(rules.STATUS_COLOURS)
ZONE_COLOURS = ("#fff3b0", "#d9f0d3", "#dbe9f6", "#f6dbe9", "#eadbf6")
# the legend's lines of layers left off: one the map could not draw, the plan's it never does
LEFT_OFF, PLAN_LEFT_OFF = "#b00020", "#555555"
# the button the legend opens and closes under: in the legend's type, readable over any map
LEGEND_BUTTON = ("QToolButton { background: rgba(255, 255, 255, 230); color: #000; "
                 "font-size: 11pt; font-weight: bold; border: 1px solid #777; "
                 "border-radius: 3px; padding: 3px 8px; }")
# the layers the map draws, as longitude and latitude
DRAWN = ("restoration_zones", "county_boundary", "townships", "mine_patches")
# the plan's ecological pattern layers, named together in the legend
PATTERN = "ecological_pattern_"
# features of one layer of the county's own the map draws: more would stall the window, and
# bury the patches
OWN_MOST = 10_000
OWN_COLOURS = ("#8e24aa", "#00838f", "#6d4c41", "#3949ab", "#c2185b")
_UUID = 0  # item data key: the patch uuid an item stands for
_SPOTS = 1  # item data key: where a zone's id may stand, inside it (scene points)
_CELL = 4  # pixels: the grid names are kept off dots and patches by
# the technician's position: live, blue; a last fix no longer live, grey and hollow
LIVE, OLD_FIX = "#1e64ff", "#808080"


def _rings(parsed):
    code, body = parsed
    if code == geometry.WKB_POLYGON:
        yield from body
    elif code == geometry.WKB_LINESTRING:
        yield body
    elif code in (geometry.WKB_MULTIPOLYGON, geometry.WKB_MULTILINESTRING,
                  geometry.WKB_COLLECTION):
        for part in body:
            yield from _rings(part)


def _label(text: str, size: int, colour: str = "#000", bold: bool = True):
    item = QGraphicsSimpleTextItem(text)
    f = QFont()
    f.setPointSize(size)
    f.setBold(bold)
    item.setFont(f)
    item.setBrush(QColor(colour))
    item.setPen(QPen(QColor("white"), 0.6))  # a halo of sorts: readable on any fill
    item.setFlag(QGraphicsItem.ItemIgnoresTransformations)
    return item


class MapView(QGraphicsView):
    patch_clicked = pyqtSignal(str)
    point_clicked = pyqtSignal(float, float)  # lon, lat: a click while measuring
    imagery_message = pyqtSignal(str)  # an imagery file that cannot be shown, and why

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.lon0, self.lat0, self.kx = 88.5, 42.5, math.cos(math.radians(42.5))
        self.patches: dict[str, tuple[QGraphicsPathItem, QGraphicsEllipseItem]] = {}
        # (uuid, its marker's centre, its outline's box) of each patch, in the scene: what
        # names are kept off, read without asking each of ten thousand items
        self._patch_boxes: list[tuple[str, float, float, float, float, float, float]] = []
        self.outlines: dict[str, bytes] = {}  # patch uuid -> its outline (WKB, lon/lat)
        self.selected: str | None = None
        # a project chosen: its patches' outlines, the one nearest the technician selected
        self.project_outlines: dict[str, bytes] = {}
        self.position = None
        self.fix: tuple | None = None  # (lon, lat, accuracy) of the position shown
        # seconds since that fix once it is no longer live (None: live), said beside it
        self.fix_age: float | None = None
        self.age_label: QGraphicsSimpleTextItem | None = None
        self.track: list[tuple[float, float]] = []  # (lon, lat): kept when the map is redrawn
        self.walks: list[list[tuple[float, float]]] = []  # recorded before this session
        self._press = None
        self._extent = QRectF()
        self._fit: QRectF | None = None  # what to keep in view on resize, until the user pans
        self.track_item = self.line_item = None
        self.legend: list[tuple[str, str]] = []  # (colour, text), set by the window
        self.legend_open: bool | None = None  # None: by the map's size, until clicked
        # over the viewport, not in it: the viewport's children move as the map scrolls
        self.legend_button = QToolButton(self)
        self.legend_button.setObjectName("legendButton")
        self.legend_button.setCursor(Qt.PointingHandCursor)  # (the map's is a hand)
        self.legend_button.setStyleSheet(LEGEND_BUTTON)
        self.legend_button.move(self.viewport().pos() + QPoint(8, 8))
        self.legend_button.clicked.connect(self._legend_clicked)
        self.codes: dict[str, str] = {}  # patch uuid -> code, for the selected one's label
        self.not_drawn: list[coordinates.LayerCRS] = []  # layers not in lon/lat: left off
        self.own_drawn: list[tuple[str, str]] = []  # (layer, colour) of the county's own
        self._dots = False  # the layer being drawn has points
        # (layer, i18n key, its blanks) of the county's own layers left off, said in the legend
        self.own_not_drawn: list[tuple[str, str, dict]] = []
        # (layer, title) of the plan's layers the map does not draw, that hold a shape
        self.plan_not_drawn: list[tuple[str, Text]] = []
        self.sel_label = None
        self.zones: list[QGraphicsPathItem] = []
        # (label, dot) of each township, (label, zone) of each restoration zone
        self.town_labels: list[tuple[QGraphicsSimpleTextItem, QGraphicsEllipseItem]] = []
        self.zone_labels: list[tuple[QGraphicsSimpleTextItem, QGraphicsPathItem]] = []
        self.county: list[QGraphicsPathItem] = []  # the county boundary as drawn
        # items that show a place's name, with its Chinese and English names
        self.named: list[tuple[QGraphicsItem, str | None, str | None]] = []
        self.imagery_sources: list[imagery.Source] = []  # found in or next to the package
        self.added_sources: list[imagery.Source] = []  # chosen by the user
        self.imagery_items: list[QGraphicsItem] = []
        self.imagery_errors: list[imagery.ImageryError] = []
        self.imagery_visible, self.imagery_opacity = True, 1.0
        self._statuses: dict = {}
        self._fill_alpha = 150  # of the patch fills: lighter over imagery
        self.measuring = False  # clicks add outline points instead of picking patches
        self.outline: list[tuple[float, float]] = []
        self.outline_items: list[QGraphicsItem] = []

    # --- projection -----------------------------------------------------------------------

    def to_scene(self, lon: float, lat: float) -> QPointF:
        return QPointF((lon - self.lon0) * M_PER_DEG * self.kx, -(lat - self.lat0) * M_PER_DEG)

    def to_lonlat(self, p: QPointF) -> tuple[float, float]:
        return p.x() / (M_PER_DEG * self.kx) + self.lon0, self.lat0 - p.y() / M_PER_DEG

    def _path(self, wkb: bytes) -> QPainterPath:
        path = QPainterPath()
        for ring in _rings(geometry.parse_wkb(wkb)):
            path.addPolygon(QPolygonF([self.to_scene(x, y) for x, y in ring]))
        return path

    # --- loading --------------------------------------------------------------------------

    def load(self, conn: sqlite3.Connection, statuses: dict | None = None) -> None:
        """Draw the package's layers; ``statuses`` colours patches by remediation status."""
        scene = self.scene()
        scene.clear()
        self.patches.clear()
        self._patch_boxes = []
        self.outlines.clear()
        self.selected = None  # its items are gone: the window selects it again
        self.project_outlines = {}
        self.position = None
        self.track_item = self.line_item = self.sel_label = self.age_label = None
        self.zones, self.imagery_items, self.named, self.county = [], [], [], []
        self.town_labels, self.zone_labels = [], []
        # the view is centred and scaled on the layers in longitude and latitude only; the
        # layers it draws that are not are left out, and said
        crs = coordinates.layer_crs(conn)
        lonlat = [t for t, c in crs.items() if c.in_degrees]
        env = conn.execute("SELECT min(min_x), max(max_x), min(min_y), max(max_y) FROM "
                           "gpkg_contents WHERE data_type = 'features' AND min_x IS NOT NULL "
                           f"AND table_name IN ({', '.join('?' * len(lonlat))})", lonlat
                           ).fetchone()
        if env and env[0] is not None:
            self.lon0, self.lat0 = (env[0] + env[1]) / 2, (env[2] + env[3]) / 2
            self.kx = math.cos(math.radians(self.lat0))
        self.imagery_sources, self.imagery_errors = imagery.discover(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        self.not_drawn = [crs[t] for t in DRAWN if t in tables and t in crs
                          and not crs[t].in_degrees]
        tables -= {c.table for c in self.not_drawn}
        if "restoration_zones" in tables:
            for i, (wkb, zh, en, zone_id) in enumerate(
                    self._rows(conn, "restoration_zones", "zone_id")):
                item = scene.addPath(self._path(wkb), QPen(QColor("#5a5a5a"), 0),
                                     QBrush(QColor(ZONE_COLOURS[i % len(ZONE_COLOURS)])))
                item.setZValue(0)
                self.named.append((item, zh, en))  # its name a tooltip: too long to label
                self.zones.append(item)
                if zone_id:  # its id inside it, where it fits (see _place_labels)
                    lab = _label(str(zone_id), 10, "#333")
                    lab.setZValue(3)
                    lab.setData(_SPOTS, _inside(item.path()))
                    scene.addItem(lab)
                    self.zone_labels.append((lab, item))
        if "county_boundary" in tables:
            for wkb, _, _ in self._rows(conn, "county_boundary"):
                pen = QPen(QColor("#000"), 3)
                pen.setCosmetic(True)
                edge = scene.addPath(self._path(wkb), pen)
                edge.setZValue(2)
                self.county.append(edge)
                self._extent = self._extent.united(self._path(wkb).boundingRect())
        if "townships" in tables:
            for wkb, zh, en in self._rows(conn, "townships"):
                code, pts = geometry.parse_wkb(wkb)
                if code != geometry.WKB_POINT or not pts:
                    continue
                p = self.to_scene(*pts[0])
                dot = _marker(p, 7, "#000", "#fff")
                scene.addItem(dot)
                lab = _label("", 10, "#000", bold=False)
                lab.setPos(p)
                lab.setZValue(3)
                scene.addItem(lab)
                self.named.append((lab, zh, en))
                self.named.append((dot, zh, en))  # (a tooltip: where its name is left off)
                self.town_labels.append((lab, dot))
        if "mine_patches" in tables:
            for row in conn.execute("SELECT uuid, geom, centre_lon, centre_lat, patch_code FROM "
                                    "mine_patches WHERE geom IS NOT NULL"):
                self.codes[row[0]] = row[4] or ""
                self._add_patch(row[0], geometry.blob_wkb(bytes(row[1])), row[2], row[3])
        self._draw_own(conn, crs)
        self.note_plan_left_off(conn)
        self.set_language(i18n.language())
        self.set_statuses(statuses or {})
        self._draw_imagery()
        for err in self.imagery_errors:
            self.imagery_message.emit(err.text())
        if self._extent.isEmpty():
            self._extent = scene.itemsBoundingRect()
        scene.setSceneRect(self._extent.adjusted(-1e5, -1e5, 1e5, 1e5))
        if self.fix is not None:  # the technician and the walk so far stay on the map
            self._draw_position()  # draws the track too
        else:
            self._draw_track()  # walks of earlier sessions
        self.outline_items = []  # gone with the scene's items
        self._draw_outline()

    def _draw_own(self, conn: sqlite3.Connection, crs: dict) -> None:
        """Draw the county's own layers (those not of the plan) in longitude and latitude of
        up to OWN_MOST features, one path each; note the others with the reason."""
        plan = {t.name for t in schema.TABLES}
        self.own_drawn, self.own_not_drawn = [], []
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                              "WHERE type IN ('table', 'view')")}
        for table in sorted(t for t in crs if t not in plan and t in present):
            column = registry.geometry_column(conn, table)
            if column is None:
                continue
            if not crs[table].in_degrees:
                self.own_not_drawn.append((table, "own_not_drawn_crs",
                                           {"crs": crs[table].label}))
                continue
            where = f"FROM {quote(table)} WHERE {quote(column)} IS NOT NULL"
            try:
                n = conn.execute(f"SELECT count(*) {where}").fetchone()[0]
                if n > OWN_MOST:
                    self.own_not_drawn.append((table, "own_not_drawn_many",
                                               {"n": f"{n:,}", "most": f"{OWN_MOST:,}"}))
                    continue
                path = QPainterPath()
                self._dots = False
                for (blob,) in conn.execute(f"SELECT {quote(column)} {where}"):
                    self._add_shape(path, geometry.parse_wkb(geometry.blob_wkb(bytes(blob))))
            except (sqlite3.Error, ValueError, TypeError, IndexError, struct.error):
                self.own_not_drawn.append((table, "own_not_drawn_shapes", {}))
                continue
            colour = OWN_COLOURS[len(self.own_drawn) % len(OWN_COLOURS)]
            pen = _pen(colour, 5 if self._dots else 1.5)  # points: dots of the pen's width
            pen.setCapStyle(Qt.RoundCap)
            item = self.scene().addPath(path, pen)
            item.setZValue(1)  # over the zones, under the boundary and the patches
            self.own_drawn.append((table, colour))

    def note_plan_left_off(self, conn: sqlite3.Connection) -> None:
        """Note the plan's layers of the package the map does not draw (the ecological
        pattern's areas, corridors and points, the records' positions) that hold a shape,
        to name them in the legend (again after a save: a first record's position)."""
        crs = coordinates.layer_crs(conn)
        self.plan_not_drawn = []
        for table in schema.TABLES:
            if table.name in DRAWN or table.name not in crs:
                continue
            column = registry.geometry_column(conn, table.name)
            try:
                held = column is not None and conn.execute(
                    f"SELECT 1 FROM {quote(table.name)} WHERE {quote(column)} IS NOT NULL "
                    "LIMIT 1").fetchone() is not None
            except sqlite3.Error:  # (unreadable: not drawn either)
                held = True
            if held:
                self.plan_not_drawn.append((table.name, table.title))

    def _add_shape(self, path: QPainterPath, parsed) -> None:
        code, body = parsed
        if code == geometry.WKB_POINT:
            for x, y in body:  # a dot the round pen's width draws at any scale
                p = self.to_scene(x, y)
                path.moveTo(p)
                path.lineTo(p.x() + 0.01, p.y())
                self._dots = True
        elif code == geometry.WKB_LINESTRING and body:
            path.moveTo(self.to_scene(*body[0]))
            for x, y in body[1:]:
                path.lineTo(self.to_scene(x, y))
        elif code == geometry.WKB_POLYGON:
            for ring in body:  # outlined: a fill would hide what lies under it
                line = QPainterPath()
                line.addPolygon(QPolygonF([self.to_scene(x, y) for x, y in ring]))
                path.addPath(line)
        elif code in (geometry.WKB_MULTIPOINT, geometry.WKB_MULTILINESTRING,
                      geometry.WKB_MULTIPOLYGON, geometry.WKB_COLLECTION):
            for part in body:
                self._add_shape(path, part)

    def legend_lines(self, lang: str | None = None) -> list[tuple[str | None, str]]:
        """The legend as drawn: (colour, text) of each line; the county's own layers left
        off the map have no colour, and say why; so do the plan's, in one line."""
        lang = lang or i18n.language()
        out: list[tuple[str | None, str]] = list(self.legend)
        out += [(colour, table) for table, colour in self.own_drawn]
        out += [(None, i18n.tr(key, lang, layer=table, **args))
                for table, key, args in self.own_not_drawn]
        plan = self.plan_left_off_line(lang)
        if plan:
            out.append((None, plan))
        return out

    def plan_left_off_line(self, lang: str | None = None) -> str | None:
        """The legend's line naming the plan's layers the map does not draw, or None."""
        if not self.plan_not_drawn:
            return None
        lang = lang or i18n.language()
        sep = "、" if lang == i18n.ZH else ", "
        names: list[str] = []
        pattern = [title(lang) for name, title in self.plan_not_drawn if name.startswith(PATTERN)]
        for name, title in self.plan_not_drawn:
            if not name.startswith(PATTERN):
                names.append(title(lang))
            elif title(lang) == pattern[0]:  # the pattern's layers named together, in place
                # (each English title says "Ecological pattern: …": said once, for all three)
                names.append(i18n.tr("plan_pattern", lang, parts=sep.join(
                    p if lang == i18n.ZH else p.split(": ", 1)[-1] for p in pattern)))
        return i18n.tr("plan_not_drawn", lang, layers=sep.join(names))

    def not_drawn_said(self, lang: str | None = None) -> str:
        """The layers left off the map, each with its coordinate system, in ``lang``."""
        return i18n.tr("layers_not_drawn", lang, layers="; ".join(
            f"{', '.join(ts)}: {label}"
            for label, ts in coordinates.by_system(self.not_drawn).items()))

    def _rows(self, conn, table: str, *more: str):
        """(WKB, Chinese name, English name, the columns ``more``) of a layer's features
        (None where the layer has no such column)."""
        have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        names = ", ".join(c if c in have else "NULL" for c in ("name_zh", "name_en", *more))
        for blob, *said in conn.execute(f'SELECT geom, {names} FROM "{table}" '
                                        "WHERE geom IS NOT NULL"):
            yield geometry.blob_wkb(bytes(blob)), *said

    def set_language(self, lang: str) -> None:
        """Name townships and zones in ``lang`` (English where the plan gives a name)."""
        for item, zh, en in self.named:
            name = i18n.pick_name(zh, en, lang)
            if isinstance(item, QGraphicsSimpleTextItem):
                item.setText(name)
            else:
                item.setToolTip(name)
        if self.position is not None:  # "last fix, N s ago" in this language
            self._style_position()
        self._place_labels()  # the names' widths in this language

    def _add_patch(self, uuid: str, wkb: bytes, lon, lat) -> None:
        path = self._path(wkb)
        pen = QPen(QColor("#000"), 2)
        pen.setCosmetic(True)
        outline = self.scene().addPath(path, pen, QBrush(QColor(STATUS_COLOURS[None])))
        outline.setZValue(5)
        outline.setData(_UUID, uuid)
        no_centre = lon is None or lat is None
        c = path.boundingRect().center() if no_centre else self.to_scene(lon, lat)
        self.outlines[uuid] = wkb
        marker = _marker(c, 16, "#000", STATUS_COLOURS[None])
        marker.setData(_UUID, uuid)
        marker.setZValue(6)
        self.scene().addItem(marker)
        self.patches[uuid] = (outline, marker)
        r = path.boundingRect()
        self._patch_boxes.append((uuid, c.x(), c.y(), r.left(), r.top(), r.right(), r.bottom()))

    # --- imagery --------------------------------------------------------------------------

    def add_imagery(self, path) -> str | None:
        """Show an MBTiles or GeoTIFF file; the message saying why not if it can't be."""
        try:
            source = imagery.open_file(path)
        except imagery.ImageryError as exc:
            self.imagery_message.emit(exc.text())
            return exc.text()
        self.added_sources.append(source)
        self.imagery_visible = True
        self._draw_imagery()
        return None

    def _draw_imagery(self) -> None:
        """(Re)make the imagery items, the package's first, the user's last (on top)."""
        for item in self.imagery_items:
            self.scene().removeItem(item)
        self.imagery_items = []
        for i, source in enumerate(self.imagery_sources + self.added_sources):
            item = source.item(self)
            item.setZValue(imagery.Z_IMAGERY + i * 0.01)
            self.scene().addItem(item)
            self.imagery_items.append(item)
        self.set_imagery(self.imagery_visible, self.imagery_opacity)

    def set_imagery(self, visible: bool | None = None, opacity: float | None = None) -> None:
        """Show or hide the imagery, or change its opacity. Over imagery, zones are only
        tinted and patch fills are light, so the ground shows through."""
        if visible is not None:
            self.imagery_visible = visible
        if opacity is not None:
            self.imagery_opacity = opacity
        for item in self.imagery_items:
            item.setVisible(self.imagery_visible)
            item.setOpacity(self.imagery_opacity)
        over = self.imagery_visible and bool(self.imagery_items)
        for i, zone in enumerate(self.zones):
            colour = QColor(ZONE_COLOURS[i % len(ZONE_COLOURS)])
            colour.setAlpha(60 if over else 255)
            zone.setBrush(colour)
            zone.setPen(_pen("#5a5a5a", 2) if over else QPen(QColor("#5a5a5a"), 0))
        self._fill_alpha = 70 if over else 150
        self.set_statuses(self._statuses)

    # --- state ----------------------------------------------------------------------------

    def set_statuses(self, statuses: dict) -> None:
        self._statuses = statuses
        for uuid, (outline, marker) in self.patches.items():
            colour = QColor(STATUS_COLOURS.get(statuses.get(uuid), STATUS_COLOURS[None]))
            marker.setBrush(colour)
            fill = QColor(colour)
            fill.setAlpha(self._fill_alpha)
            outline.setBrush(fill)

    def select(self, uuid: str | None, zoom: bool = True) -> None:
        self.project_outlines = {}
        self._select(uuid, zoom)

    def select_project(self, conn: sqlite3.Connection, project_uuid: str) -> None:
        """Select the project's patch the technician stands in, or else the nearest (the
        first by code without a position), and keep selecting the nearest as they walk."""
        rows = conn.execute("SELECT uuid, geom FROM mine_patches WHERE project_uuid = ? AND "
                            "geom IS NOT NULL ORDER BY patch_code, uuid", (project_uuid,))
        self.project_outlines = {uuid: geometry.blob_wkb(bytes(blob)) for uuid, blob in rows
                                 if uuid in self.patches}  # those drawn, in lon/lat
        self._select(self.nearest_of_project(), zoom=True)

    def nearest_of_project(self) -> str | None:
        """The selected project's patch nearest the position, measured as the inspection's
        distance rule measures it (0 inside a patch)."""
        if not self.project_outlines:
            return None
        if self.fix is None:
            return next(iter(self.project_outlines))
        here = (self.fix[0], self.fix[1])

        def far(uuid: str) -> float:
            d = distance_to_outlines(here, (self.project_outlines[uuid],))
            return math.inf if d is None else d

        return min(self.project_outlines, key=far)  # ties: the first by code

    def _select(self, uuid: str | None, zoom: bool) -> None:
        if self.selected in self.patches:
            outline, marker = self.patches[self.selected]
            outline.setPen(_pen("#000", 2))
            marker.setPen(_pen("#000", 2))
            marker.setRect(-8, -8, 16, 16)
        self.selected = uuid if uuid in self.patches else None
        if self.sel_label is not None:
            self.scene().removeItem(self.sel_label)
            self.sel_label = None
        if self.selected:
            outline, marker = self.patches[self.selected]
            self.sel_label = _label(self.codes.get(self.selected, ""), 12)
            self.sel_label.setPos(marker.pos())
            width = self.sel_label.boundingRect().width()  # centred under the marker
            self.sel_label.setTransform(QTransform.fromTranslate(-width / 2, 18))
            self.sel_label.setZValue(11)
            self.scene().addItem(self.sel_label)
            outline.setPen(_pen("#ffd600", 5))
            marker.setPen(_pen("#ffd600", 4))
            marker.setRect(-13, -13, 26, 26)
            if zoom:
                r = outline.boundingRect()
                side = max(r.width(), r.height(), 2500.0)  # some ground around it
                self.fit(QRectF(r.center().x() - side / 2, r.center().y() - side / 2,
                                side, side))
        if not (self.selected and zoom):  # (the fit placed them)
            self._place_labels()  # clear of the code of the patch selected
        self._draw_line()

    def set_position(self, lon: float, lat: float, accuracy: float | None,
                     on_track: bool = True) -> None:
        """Show the technician at a fix; ``on_track`` extends the track drawn (a position
        typed in by hand is shown, but is no part of the walk)."""
        self.fix = (lon, lat, accuracy)
        if on_track:
            self.track.append((lon, lat))
        if self.project_outlines:  # walked into or nearer another patch of the project
            nearest = self.nearest_of_project()
            if nearest != self.selected:
                self._select(nearest, zoom=False)
        self._draw_position()

    def _draw_position(self) -> None:
        assert self.fix is not None  # drawn only once there is one
        lon, lat, accuracy = self.fix
        p = self.to_scene(lon, lat)
        if self.position is None:
            acc = QGraphicsEllipseItem()
            acc.setZValue(8)
            dot = _marker(QPointF(), 18, "#fff", LIVE)
            dot.setZValue(10)
            self.scene().addItem(acc)
            self.scene().addItem(dot)
            self.position = (acc, dot)
        acc, dot = self.position
        r = accuracy or 0.0
        acc.setRect(p.x() - r, p.y() - r, 2 * r, 2 * r)
        dot.setPos(p)
        self._style_position()
        self._draw_track()
        self._draw_line()

    def set_fix_age(self, age: float | None) -> None:
        """Show the position as live (``age`` None) or as a last fix ``age`` seconds old:
        where the technician was, not where they stand."""
        if age == self.fix_age:
            return
        live_changed = (age is None) != (self.fix_age is None)
        self.fix_age = age
        if self.position is not None:
            self._style_position()
            if live_changed:
                self._draw_line()

    def _style_position(self) -> None:
        """The marker and its accuracy circle live (blue, filled), or old (grey, hollow,
        the circle dashed, "last fix, N s ago" beside it)."""
        assert self.position is not None
        acc, dot = self.position
        old = self.fix_age is not None
        ring = _pen(OLD_FIX if old else LIVE, 1)
        if old:
            ring.setStyle(Qt.DashLine)
        acc.setPen(ring)
        acc.setBrush(QBrush(Qt.NoBrush) if old else QBrush(QColor(30, 100, 255, 60)))
        dot.setPen(_pen(OLD_FIX if old else "#fff", 3))
        dot.setBrush(QBrush(Qt.NoBrush) if old else QBrush(QColor(LIVE)))
        if self.fix_age is None:
            if self.age_label is not None:
                self.scene().removeItem(self.age_label)
                self.age_label = None
            return
        text = i18n.tr("map_last_fix", age=i18n.age_text(self.fix_age))
        if self.age_label is not None:
            self.age_label.setText(text)  # each second it grows older
            self._place_age_label()
            return
        self.age_label = _label(text, 10, "#444")
        self.age_label.setZValue(11)
        self.age_label.setPos(dot.pos())
        self.scene().addItem(self.age_label)
        self._place_labels()  # it, and the names clear of it

    def _place_age_label(self) -> QRectF | None:
        """Put "last fix, N s ago" beside the marker, on its right unless that runs off the
        map; its box in the viewport's pixels (None: there is none)."""
        if self.age_label is None:
            return None
        r = self.age_label.boundingRect()
        at = self.mapFromScene(self.age_label.pos())
        dx = 14.0 if at.x() + 14 + r.width() <= self.viewport().width() else -14 - r.width()
        self.age_label.setTransform(QTransform.fromTranslate(dx, -r.height() / 2))
        return QRectF(at.x() + dx, at.y() - r.height() / 2, r.width(), r.height())

    def set_walks(self, walks: list[list[tuple[float, float]]]) -> None:
        """The track recorded before this session, drawn under the current one."""
        self.walks = walks
        self._draw_track()

    def _draw_track(self) -> None:
        path = QPainterPath()
        for walk in (*self.walks, self.track):
            if len(walk) < 2:
                continue
            path.moveTo(self.to_scene(*walk[0]))
            for lon, lat in walk[1:]:
                path.lineTo(self.to_scene(lon, lat))
        if path.isEmpty():
            return
        if self.track_item is None:
            pen = _pen("#1e64ff", 3)
            pen.setStyle(Qt.DotLine)
            self.track_item = self.scene().addPath(path, pen)
            self.track_item.setZValue(7)
        else:
            self.track_item.setPath(path)

    def way(self) -> Way | None:
        """The way from the position to the selected patch, to its outline as the nearest
        patch is chosen (None: no position, or no patch selected)."""
        if self.fix is None or self.selected not in self.outlines:
            return None
        return way_to_outline((self.fix[0], self.fix[1]), self.outlines[self.selected])

    def _draw_line(self) -> None:
        """A line from the technician to the selected patch's nearest edge: which way to
        walk, to where the bar measures (none on the patch)."""
        if self.line_item is not None:
            self.scene().removeItem(self.line_item)
            self.line_item = None
        way = self.way() if self.position is not None else None
        if way is None or way.to is None:
            return
        a = self.position[1].pos()
        b = self.to_scene(*way.to)
        # from a fix no longer live: grey and dotted, the way from where the technician was
        pen = _pen("#ff00c8" if self.fix_age is None else OLD_FIX, 3)
        pen.setStyle(Qt.DashLine if self.fix_age is None else Qt.DotLine)
        self.line_item = self.scene().addLine(a.x(), a.y(), b.x(), b.y(), pen)
        self.line_item.setZValue(9)

    def fit(self, rect: QRectF) -> None:
        self._fit = rect
        self._fit_in_view(rect)

    def _fit_in_view(self, rect: QRectF) -> None:
        """Show ``rect`` whole, as large as it goes and centred on the map, between the
        scale bar's strip at the map's foot and a strip as high at its top, where the
        legend's button and the north arrow stand: fitted to the whole map, the county's
        southern tip lay under the scale bar's box and its north-west edge under the
        button; fitted above the scale bar only, a patch selected sat half the strip above
        the map's centre."""
        band = max(SCALE_BAR_BAND, math.ceil(self._legend_button_rect().bottom()) + 6)
        free = QRectF(self.viewport().rect()).adjusted(2, 2 + band, -2, -2 - band)
        if rect.isNull() or free.width() <= 0 or free.height() <= 0:
            return
        ratios = [free.width() / rect.width()] if rect.width() > 0 else []
        ratios += [free.height() / rect.height()] if rect.height() > 0 else []
        k = min(ratios)
        self.setTransform(QTransform.fromScale(k, k))
        self.centerOn(rect.center())
        self._place_labels()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.legend_button.move(self.viewport().pos() + QPoint(8, 8))
        self.legend_button.raise_()
        if self._fit is not None:
            self._fit_in_view(self._fit)
        else:
            self._place_labels()  # (the legend and scale bar moved over the map)

    def zoom_all(self) -> None:
        if not self._extent.isEmpty():
            self.fit(self._extent)

    def zoom_position(self) -> None:
        if self.position is not None:
            self.centerOn(self.position[1].pos())

    # --- names on the map ------------------------------------------------------------------

    def _place_labels(self) -> None:
        """Each township's name beside its dot where it covers no name placed before it, no
        dot and no patch; each restoration zone's id inside its zone where it fits so: at
        1024x600 the names of the county's centre lay over each other. A name that fits
        nowhere is left off at this scale (the township's dot, the zone, say it in their
        tooltips; zoomed in, it shows)."""
        to_view = self.viewportTransform()
        taken = [QRectF(to_view.map(dot.pos()) - QPointF(5, 5), QSizeF(10, 10))
                 for _lab, dot in self.town_labels]  # the dots, and the names placed
        # what is drawn over the map: the legend, the scale bar, the north arrow
        taken += [self.legend_rect(), self.scale_bar_rect(),
                  QRectF(self.viewport().width() - 34, 10, 30, 44)]
        age = self._place_age_label()  # how old the last fix shown is
        if age is not None:
            taken.append(age)
        if self.sel_label is not None:  # the code of the patch selected
            shift = self.sel_label.transform()
            taken.append(QRectF(to_view.map(self.sel_label.pos()) +
                                QPointF(shift.dx(), shift.dy()),
                                self.sel_label.boundingRect().size()))
        covered = self._covered()
        for lab, _dot in self.town_labels:
            at, r = to_view.map(lab.pos()), lab.boundingRect()
            w, h = r.width(), r.height()
            offsets = ((7, -h / 2), (-w - 7, -h / 2), (-w / 2, -h - 4), (-w / 2, 4),
                       (5, -h - 1), (5, 1), (-w - 5, -h - 1), (-w - 5, 1))
            self._put(lab, [(at + QPointF(dx, dy), QPointF(dx, dy), lab.pos())
                            for dx, dy in offsets], taken, covered)
        for lab, zone in self.zone_labels:
            r = lab.boundingRect()
            half = QPointF(r.width() / 2, r.height() / 2)
            self._put(lab, [(to_view.map(p) - half, -half, p) for p in lab.data(_SPOTS) or ()],
                      taken, covered, zone.path())

    def _put(self, lab: QGraphicsSimpleTextItem, spots, taken: list[QRectF],
             covered: set[tuple[int, int]], zone: QPainterPath | None = None) -> None:
        """Show ``lab`` at the first of ``spots`` (its top left in the viewport, that from its
        anchor, the anchor in the scene) clear of ``taken`` and inside ``zone``, or hide it."""
        size = lab.boundingRect().size()
        for corner, offset, anchor in spots:
            box = QRectF(corner, size)
            if any(box.intersects(t) for t in taken) or not covered.isdisjoint(_cells(box)):
                continue
            if zone is not None and not all(
                    zone.contains(self.mapToScene(p.toPoint())) for p in
                    (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight())):
                continue
            lab.setPos(anchor)
            lab.setTransform(QTransform.fromTranslate(offset.x(), offset.y()))
            lab.setVisible(True)
            taken.append(box)
            return
        lab.setVisible(False)

    def _covered(self) -> set[tuple[int, int]]:
        """The cells of the viewport (_CELL pixels square) a patch's marker or its outline
        covers."""
        t = self.viewportTransform()
        k, ox, oy = t.m11(), t.dx(), t.dy()
        w, h = self.viewport().width(), self.viewport().height()
        out: set[tuple[int, int]] = set()

        def cover(x0: float, y0: float, x1: float, y1: float) -> None:
            if x1 < 0 or y1 < 0 or x0 > w or y0 > h:
                return
            out.update((i, j) for i in range(int(max(x0, 0)) // _CELL,
                                             int(min(x1, w)) // _CELL + 1)
                       for j in range(int(max(y0, 0)) // _CELL, int(min(y1, h)) // _CELL + 1))

        done: set[tuple[int, int]] = set()  # markers at one pixel: one covers for all
        for uuid, x, y, left, top, right, bottom in self._patch_boxes:
            half = 14 if uuid == self.selected else 9  # its marker, its pen's width too
            x, y = x * k + ox, y * k + oy
            if (int(x), int(y)) not in done or half == 14:
                done.add((int(x), int(y)))
                cover(x - half, y - half, x + half, y + half)
            box = (left * k + ox, top * k + oy, right * k + ox, bottom * k + oy)
            if box[0] < x - half or box[1] < y - half or box[2] > x + half or \
                    box[3] > y + half:  # (else all under its marker)
                cover(*box)
        return out

    # --- scale bar and legend, in screen pixels over the map ------------------------------

    def drawForeground(self, painter: QPainter, rect) -> None:
        self._sync_legend_button()
        painter.save()
        painter.resetTransform()
        vp = self.viewport().rect()
        nice, px = self._scale_bar()
        box = self.scale_bar_rect()
        x0, y0 = box.left() + 6, box.bottom() - 8
        painter.setFont(self._legend_font())
        painter.fillRect(box, QColor(255, 255, 255, 220))
        painter.setPen(QPen(QColor("#000"), 3))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + px, y0))
        painter.drawLine(QPointF(x0, y0 - 6), QPointF(x0, y0))
        painter.drawLine(QPointF(x0 + px, y0 - 6), QPointF(x0 + px, y0))
        painter.drawText(QPointF(x0, y0 - 8), f"{nice / 1000:g} km" if nice >= 1000
                         else f"{nice:g} m")
        painter.drawText(QPointF(vp.width() - 30, 28), "N")
        painter.drawText(QPointF(vp.width() - 30, 48), "↑")
        if self.legend_shown():
            self._draw_legend(painter)
        painter.restore()

    def _scale_bar(self) -> tuple[float, float]:
        """(metres, pixels) of the scale bar: a round length about 120 pixels long."""
        metres_per_px = 1 / max(self.transform().m11(), 1e-12)
        nice = min((n for n in _NICE if n >= metres_per_px * 120), default=_NICE[-1])
        return nice, nice / metres_per_px

    def scale_bar_rect(self) -> QRectF:
        """What the scale bar's box covers of the map, in the viewport's pixels: its bottom
        left corner."""
        return QRectF(8, self.viewport().height() - SCALE_BAR_BAND + 6,
                      self._scale_bar()[1] + 12, 34)

    # --- the legend, open or closed under its button at the top left ------------------------

    def _legend_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSize(11)
        f.setBold(True)
        return f

    def _legend_button_rect(self) -> QRectF:
        """The button, in the viewport's pixels."""
        return QRectF(self.legend_button.geometry().translated(-self.viewport().pos()))

    def _legend_boxes(self) -> list[tuple[str | None, str, QRectF]]:
        """(colour, text, box) of each line of the open legend, in the viewport's pixels."""
        metrics = QFontMetricsF(self._legend_font())
        widest = max(190, min(480, self.viewport().width() - 60))
        y = self._legend_button_rect().bottom() + 8
        out: list[tuple[str | None, str, QRectF]] = []
        for colour, text in self.legend_lines():
            if colour is not None:
                out.append((colour, text, QRectF(8, y - 2, 190, 24)))
                y += 24
                continue
            high = metrics.boundingRect(QRectF(34, y + 2, widest - 34, 1000), Qt.TextWordWrap,
                                        text).height()
            out.append((None, text, QRectF(8, y - 2, widest, high + 8)))
            y += int(high) + 8
        return out

    def legend_shown(self) -> bool:
        """Whether the legend is open: as the technician last chose, else open unless its
        lines would hide more than a quarter of the map (a netbook's: most of the ground
        around the patch selected, at the map's centre)."""
        if self.legend_open is not None:
            return self.legend_open
        vp = self.viewport().rect()
        hidden = sum(box.width() * box.height() for _, _, box in self._legend_boxes())
        return hidden <= vp.width() * vp.height() / 4

    def legend_rect(self) -> QRectF:
        """What the legend covers of the map: its button, and its lines when open."""
        out = self._legend_button_rect()
        if self.legend_shown():
            for _, _, box in self._legend_boxes():
                out = out.united(box)
        return out

    def _legend_clicked(self) -> None:
        self.legend_open = not self.legend_shown()
        self._sync_legend_button()
        self._place_labels()
        self.viewport().update()

    def _sync_legend_button(self) -> None:
        """The button says whether the legend is open, and, closed, that a layer could not
        be drawn (in the red of its line in the legend)."""
        shown = self.legend_shown()
        failed = bool(self.own_not_drawn) and not shown
        button = self.legend_button
        text = ("✖ " if failed else "") + i18n.tr("legend") + (" ▾" if shown else " ▸")
        if text != button.text():
            button.setText(text)
            button.adjustSize()
        button.setToolTip(i18n.tr("legend_hide" if shown else "legend_show"))
        style = LEGEND_BUTTON.replace("#000", LEFT_OFF) if failed else LEGEND_BUTTON
        if style != button.styleSheet():
            button.setStyleSheet(style)
            button.adjustSize()

    def _draw_legend(self, painter: QPainter) -> None:
        plan = self.plan_left_off_line()
        for colour, text, box in self._legend_boxes():
            y = box.top() + 2
            if colour is not None:
                painter.setPen(QPen(QColor("#000"), 2))
                painter.setBrush(QColor(colour))
                painter.fillRect(box, QColor(255, 255, 255, 220))
                painter.drawEllipse(QRectF(12, y + 2, 16, 16))
                painter.drawText(QPointF(34, y + 16), text)
                continue
            # a layer left off: its line wraps, whole, in red; the plan's layers the map
            # never draws in grey (nothing went wrong: a red cross on every opening would
            # say it had)
            painter.fillRect(box, QColor(255, 255, 255, 230))
            painter.setPen(QPen(QColor(PLAN_LEFT_OFF if text == plan else LEFT_OFF), 2))
            painter.drawText(QPointF(14, y + 16), "ⓘ" if text == plan else "✖")
            painter.drawText(QRectF(34, y + 2, box.width() - 34, box.height() - 8),
                             Qt.TextWordWrap, text)

    # --- interaction ----------------------------------------------------------------------

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        self._fit = None
        self.scale(1.25 ** steps, 1.25 ** steps)
        self._place_labels()

    def mousePressEvent(self, event) -> None:
        self._press = event.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press is None or (event.pos() - self._press).manhattanLength() >= 6
        if moved:
            self._fit = None
        elif self.measuring:
            self.point_clicked.emit(*self.to_lonlat(self.mapToScene(event.pos())))
        else:
            uuid = self.patch_at(event.pos())
            if uuid:
                self.patch_clicked.emit(uuid)
        self._press = None

    def set_outline(self, points: list[tuple[float, float]]) -> None:
        """Draw the outline being measured (kept when the map is redrawn)."""
        self.outline = list(points)
        self._draw_outline()

    def _draw_outline(self) -> None:
        for item in self.outline_items:
            if item.scene() is self.scene():
                self.scene().removeItem(item)
        self.outline_items = []
        if not self.outline:
            return
        poly = QPolygonF([self.to_scene(x, y) for x, y in self.outline])
        pen = _pen("#d81b60", 2.5)
        pen.setCosmetic(True)
        if len(self.outline) > 2:
            item = self.scene().addPolygon(poly, pen, QBrush(QColor(216, 27, 96, 60)))
        else:
            path = QPainterPath()
            path.addPolygon(poly)
            item = self.scene().addPath(path, pen)
        item.setZValue(40)
        self.outline_items.append(item)
        for p in poly:
            dot = _marker(p, 7, "#d81b60", "#fff")
            dot.setZValue(41)
            self.scene().addItem(dot)
            self.outline_items.append(dot)

    def patch_at(self, pos) -> str | None:
        for item in self.items(pos):
            uuid = item.data(_UUID)
            if uuid:
                return uuid
        return None


def _pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)
    return pen


def _cells(box: QRectF) -> set[tuple[int, int]]:
    """The cells (_CELL pixels square) of the viewport ``box`` lies on."""
    return {(i, j) for i in range(int(box.left()) // _CELL, int(box.right()) // _CELL + 1)
            for j in range(int(box.top()) // _CELL, int(box.bottom()) // _CELL + 1)}


def _inside(shape: QPainterPath, n: int = 9) -> list[QPointF]:
    """Points of an n×n grid over ``shape`` that lie inside it, the nearest its middle
    first: where its name may stand."""
    box = shape.boundingRect()
    mid = box.center()
    grid = [QPointF(box.left() + box.width() * (i + 0.5) / n,
                    box.top() + box.height() * (j + 0.5) / n)
            for i in range(n) for j in range(n)]
    inside = [p for p in grid if shape.contains(p)]
    return sorted(inside, key=lambda p: (p.x() - mid.x()) ** 2 + (p.y() - mid.y()) ** 2)


def _marker(pos: QPointF, size: float, line: str, fill: str) -> QGraphicsEllipseItem:
    item = QGraphicsEllipseItem(-size / 2, -size / 2, size, size)
    item.setPos(pos)
    item.setPen(_pen(line, 2))
    item.setBrush(QColor(fill))
    item.setFlag(QGraphicsItem.ItemIgnoresTransformations)
    item.setZValue(4)
    return item
