# SPDX-License-Identifier: GPL-2.0-or-later
"""A GPX reader with the standard library only, as a handheld GPS (Garmin and the like)
writes it: WGS 84 longitude/latitude always. As GDAL reads it, its tracks, routes and
waypoints are three layers: a track (<trk>) a line of a part each segment (<trkseg>), a
route (<rte>) a line, a waypoint (<wpt>) a point; each one's name, comment, description and
type its fields (a description of "name：value" lines or a table gives its fields as a KML's
does). The points of its tracks and of its routes are two more (track_points, route_points):
each point (<trkpt>, <rtept>) a point, its time and elevation among its fields, as GDAL
reads them, for where and when the technician stood.

Waypoints that name a patch code (by their name, the code alone or followed by the corner's
number, CT…-1, CT…-2, or by their comment or description) are a list of the patches' corners,
as a CSV of boundary points is: each one's code its field patch_code, by which the import
joins them into one boundary a patch, in the order of their corner numbers where each corner
of the patch has its own, else in the file's order.

A file holding more than one of them is read by its tracks (the boundaries walked) unless
another is chosen by name; the features of the others are named as not read.
"""

from __future__ import annotations

import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Collection
from pathlib import Path

from ..bilingual import Text, counted
from ..plan.rules import is_patch_code, plain_code
from .kml import (
    child_text,
    children_named,
    description_fields,
    description_lines,
    local_name,
    xml_text,
)
from .source import Feature, Geom, SourceError, SourceLayer, beyond_xy, chosen_layer

# GDAL's names of the layers, and the elements of each; the tracks first: a file of several
# is read by its tracks unless told otherwise
LAYERS = (("tracks", "trk"), ("routes", "rte"), ("waypoints", "wpt"))
# the layers of the points of the tracks and routes, each of the layer it is the points of,
# and the elements of its points, their segment (a track's) and what numbers them in GDAL
POINTS_OF = {"track_points": ("tracks", "trkpt", "trkseg",
                              ("track_fid", "track_seg_id", "track_seg_point_id")),
             "route_points": ("routes", "rtept", None, ("route_fid", "route_point_id"))}
WHAT = {"tracks": ("轨迹", "tracks"), "routes": ("航线", "routes"),
        "waypoints": ("航点", "waypoints"), "track_points": ("轨迹点", "track points"),
        "route_points": ("航线点", "route points")}
# one feature of each layer, as its name is said
ONE_FEATURE = {"tracks": ("轨迹", "track"), "routes": ("航线", "route"),
               "waypoints": ("航点", "waypoint"), "track_points": ("轨迹点", "track point"),
               "route_points": ("航线点", "route point")}
FIELDS = ("name", "cmt", "desc", "type")
# the field a waypoint's patch code is read into, where it names one
CODE_FIELD = "patch_code"
# a waypoint's name giving its patch's code, then the corner's number, as a technician names
# a patch's corners on the GPS: CT…-1, CT…_2, CT… 3, CT…J4
_CORNER = re.compile(r"(.*?\d)(?:[\s\-_#/.]+[A-Za-z]*|[A-Za-z]+)(\d+)")


def _read(path: Path) -> tuple[object, str, str, Text | None]:
    """A GPX parsed (SourceError if it is none): its root element, its text's codec, how
    it was chosen and what is to be said of it (GBK text, as a Chinese GPS writes it)."""
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(Text(f"{path.name} 是空文件（0 字节）：请重新从 GPS 导出",
                               f"{path.name} is empty: export it from the GPS again"))
    text, codec, how, said = xml_text(path.name, data, "GPX")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise SourceError(Text(f"{path.name} 不是有效的 GPX（XML 有误：{exc}）",
                               f"{path.name} is not valid GPX (bad XML: {exc})")) from None
    if local_name(root.tag) != "gpx":
        raise SourceError(Text(f"{path.name} 不是 GPX（根元素为 {local_name(root.tag)}）",
                               f"{path.name} is not GPX (its root element is "
                               f"{local_name(root.tag)})"))
    return root, codec, how, said


def _layers(root) -> dict[str, list]:
    """The layers the file holds features in, tracks first, then the points of its tracks
    and routes."""
    out = {name: children_named(root, tag) for name, tag in LAYERS}
    for name, (of, *_) in POINTS_OF.items():
        out[name] = [pt for pt, _ in _numbered(out[of], name)]
    return {name: els for name, els in out.items() if els}


def _numbered(els: list, layer: str) -> list[tuple]:
    """The points of the tracks (routes) ``els`` of ``layer``, each with its fields that
    number it as GDAL gives them, from 0: its track's, its segment's in the track, its own in
    the segment (its route's, its own in the route)."""
    _, tag, seg, names = POINTS_OF[layer]
    out = []
    for i, el in enumerate(els):
        for j, part in enumerate(children_named(el, seg) if seg else [el]):
            for k, pt in enumerate(children_named(part, tag)):
                out.append((pt, dict(zip(names, (i, j, k) if seg else (i, k)))))
    return out


def gpx_layers(path: str | os.PathLike) -> list[str]:
    """The layers a GPX holds features in (tracks, routes, waypoints, track_points,
    route_points), tracks first."""
    return list(_layers(_read(Path(path))[0]))


def _height(pt) -> bool:
    """Whether a point's <ele> gives a height that says something (not imported)."""
    try:
        return beyond_xy([0.0, 0.0, float(child_text(pt, "ele") or 0)])
    except ValueError:
        return False


def _points(el, tag: str) -> tuple[list, bool]:
    """The (lon, lat) of each ``tag`` point under ``el`` (``el`` itself for "wpt"), and
    whether any has a height."""
    pts = children_named(el, tag) if tag != "wpt" else [el]
    return ([(float(pt.get("lon", "")), float(pt.get("lat", ""))) for pt in pts],
            any(_height(pt) for pt in pts))


def _geom(el, layer: str) -> Geom | None:
    try:
        if layer == "waypoints" or layer in POINTS_OF:  # (a point's elevation: its field)
            pts, heights = _points(el, "wpt")
            return Geom("point", pts, heights=heights and layer == "waypoints")
        if layer == "routes":
            line, heights = _points(el, "rtept")
            return Geom("line", [line], heights=heights) if line else None
        lines, heights = [], False
        for seg in children_named(el, "trkseg"):  # a segment a part, as GDAL reads it
            line, h = _points(seg, "trkpt")
            heights = heights or h
            if line:
                lines.append(line)
        return Geom("line", lines, heights=heights) if lines else None
    except ValueError:
        return Geom("other", [], Text("GPX 坐标（lat、lon）无法读取",
                                      "unreadable GPX coordinates (lat, lon)"))


def _point_fields(pt) -> dict:
    """A point's elevation (m, a number where it is one) and its time, as written (UTC,
    2026-05-12T03:14:07Z, as a GPS writes it)."""
    ele = child_text(pt, "ele")
    try:
        height: object = float(ele) if ele is not None else None
    except ValueError:
        height = ele
    return {"ele": height, "time": child_text(pt, "time")}


def _attributes(el) -> tuple[dict, str]:
    """name, comment, description, type; a description of a table or of "name：value" lines
    gives the fields in it instead (and how: "table", "lines", else "")."""
    attrs = {k: child_text(el, k) for k in FIELDS}
    how, table = "table", description_fields(attrs["desc"])
    if not table:
        how, table = "lines", description_lines(attrs["desc"])
    if not table:
        return attrs, ""
    del attrs["desc"]
    for k, v in table.items():
        attrs.setdefault(k, v)
    return attrs, how


def _left_out(path: Path, layers: dict, chosen: str) -> Text | None:
    """The features of the layers not read, by layer and name; never the points of the
    tracks or routes (those of the tracks read, or read as their points: the same points)."""
    read = (chosen, POINTS_OF[chosen][0] if chosen in POINTS_OF else None)
    others = {k: els for k, els in layers.items() if k not in read and k not in POINTS_OF}
    if not others:
        return None

    def names(els: list) -> list[str]:
        shown = [child_text(el, "name") or "#" + str(i + 1) for i, el in enumerate(els[:5])]
        return shown + (["…"] if len(els) > 5 else [])

    zh = "；".join(f"{len(els)} 个{WHAT[k][0]}（{k}：{'、'.join(names(els))}）"
                  for k, els in others.items())
    en = "; ".join(f"{counted(len(els), ONE_FEATURE[k][1], WHAT[k][1])} "
                   f"({k}: {', '.join(names(els))})"
                   for k, els in others.items())
    return Text(
        f"{path.name} 中除{WHAT[chosen][0]}（{chosen}）外还有：{zh}，本次导入未读取。"
        "GPX 的轨迹、航线、航点各是一个图层，请逐个导入（--source-layer）",
        f"{path.name} holds besides its {WHAT[chosen][1]} ({chosen}): {en}, not read by this "
        "import. A GPX's tracks, routes and waypoints are a layer each: import them one at a "
        "time (--source-layer)")


# what a file's waypoints (or the points of its tracks or routes) are read as: with no
# tracks beside them, and with some
_POINTS_ONLY = (
    Text("{zh}读作点，每个{zh}一个点；规划图层均为面："
         "图斑边界应在 GPS 上绕图斑一周记录为轨迹后导入",
         "the {en}s are read as points, a point each; the plan's layers hold polygons: "
         "record a patch's boundary on the GPS as a track walked round it, and import that"),
    Text("{zh}读作点，每个{zh}一个点；规划图层均为面："
         "请改为导入其中绕图斑一周的轨迹（--source-layer）",
         "the {en}s are read as points, a point each; the plan's layers hold polygons: "
         "import its tracks walked round the patches instead (--source-layer)"))


def _code_named(attrs: dict, taken: Collection[str] = ()
                ) -> tuple[str | None, int | None, str | None]:
    """The patch code a waypoint names: its name, the code alone or followed by the corner's
    number (CT…-1), else a field holding the code alone (its comment, its description); the
    corner's number, where its name gives one; and the field it was read from. A field
    ``taken`` (mapped to a plan field of its own) is read as that alone, never the code."""
    name = None if "name" in taken else attrs.get("name")
    corner = _CORNER.fullmatch(unicodedata.normalize("NFKC", str(name or "")).strip())
    if name and is_patch_code(name):
        return plain_code(str(name)), None, "name"
    if corner and is_patch_code(corner.group(1)):
        return plain_code(corner.group(1)), int(corner.group(2)), "name"
    return next(((plain_code(str(v)), None, k) for k, v in attrs.items()
                 if k not in taken and v and is_patch_code(v)), (None, None, None))


def _fields_said(fields: list[str]) -> Text:
    """The fields of a waypoint, as its notes name them: 名称 name, 注释 cmt, 说明 desc."""
    zh = {"name": "名称 name", "cmt": "注释 cmt", "desc": "说明 desc"}
    *rest, last = fields
    return Text("、".join(zh.get(f, f) for f in fields),
                f"{', '.join(rest)} and {last}" if rest else last)


def _mapped_elsewhere(mapping: dict | None) -> dict[str, str]:
    """The fields a mapping given maps to a plan field other than the patch code: each is
    read as that field alone (a description mapped to a plan field is not also the code)."""
    return {f: t for f, t in (mapping or {}).items() if t and t != CODE_FIELD}


def _as_corners(layer: SourceLayer, els: list, seen: dict, tracks: int,
                mapping: dict | None = None) -> bool:
    """Whether the waypoints name patch codes; if so, the layer is a list of the patches'
    corners, as a CSV of boundary points is: each one's code its field patch_code (read
    from no field the ``mapping`` given maps to another plan field; said which it was read
    from), a corner whose coordinates cannot be read said by the boundary it is a corner of,
    and the waypoints naming no code named (points, each refused); the file's ``tracks``,
    where it has any, said as the boundaries walked that could be imported instead."""
    elsewhere = _mapped_elsewhere(mapping)
    named = [_code_named(f.attrs, elsewhere) for f in layer.features]
    # the fields mapped elsewhere that would have given a code: said, never silently left
    unread = {k: None for f in layer.features for k in [_code_named(f.attrs)[2]]
              if k in elsewhere}
    if unread:
        layer.said.append(Text(
            "航点的{fields} 为图斑编号，但所给的字段对应将 {targets}："
            "已对应的字段只读作其规划字段，不再作为图斑编号",
            "the waypoints' {fields} hold patch codes, but the mapping given maps {targets}: "
            "a field mapped is read as that plan field alone, not as the patch code too").format(
            fields=_fields_said(list(unread)),
            targets=Text("、".join(f"{f} 对应到 {elsewhere[f]}" for f in unread),
                         ", ".join(f"{f} to {elsewhere[f]}" for f in unread))))
    codes = [code for code, _, _ in named]
    if not any(codes):
        return False
    layer.point_list = ("lon", "lat")
    seen.setdefault(CODE_FIELD, None)
    for f, el, (code, number, _) in zip(layer.features, els, named):
        f.attrs[CODE_FIELD] = code
        if number is not None:
            layer.corner_numbers[f.row] = number
        if code and f.geom is not None and f.geom.kind == "other":
            layer.unread_points[f.row] = (el.get("lon"), el.get("lat"), None)
            f.geom = None
    read_from = list({k: None for _, _, k in named if k})
    layer.said.append(Text(
        "航点的{fields} 为图斑编号：按图斑的角点读取，其图斑编号作为字段 {code}"
        + ("（名称 CT…-1、CT…-2 即该图斑的第 1、2 个角点）" if "name" in read_from else ""),
        "the waypoints name patch codes by their {fields}: read as the patches' corners, "
        "each one's code as the field {code}"
        + (" (a name CT…-1, CT…-2: that patch's corners 1, 2)" if "name" in read_from
           else "")).format(fields=_fields_said(read_from), code=CODE_FIELD))
    if tracks:
        layer.said.append(Text(
            f"文件中还有 {tracks} 条轨迹：如要导入绕图斑一周走出的边界而非所标的角点，"
            "请改为导入其轨迹（--source-layer）",
            f"the file also holds {counted(tracks, 'track')}: to import the boundaries walked "
            "round "
            "the patches rather than the corners marked, import its tracks instead "
            "(--source-layer)"))
    none = [child_text(el, "name") or f"#{f.row}" for f, el, code
            in zip(layer.features, els, codes) if not code]
    if none:
        shown = none[:10] + ([f"… ({len(none)})"] if len(none) > 10 else [])
        layer.said.append(Text(
            f"{len(none)} 个航点未写图斑编号，读作点（规划图层均为面），不能导入："
            f"{'、'.join(shown)}（请以图斑编号命名各角点，如 CT…-1、CT…-2，或写入其注释）",
            f"{counted(len(none), 'waypoint')} {'names' if len(none) == 1 else 'name'} no "
            f"patch code, read as {'a point' if len(none) == 1 else 'points'}, which no plan "
            f"layer takes: {', '.join(shown)} (name a patch's corners by its code, CT…-1, "
            "CT…-2, or give it in their comment)"))
    return True


def unasked(names: list[str]) -> str | None:
    """Of a GPX's layers ``names``, the one read where none is chosen: its tracks, the
    boundaries walked, where it has any, else its one layer of features besides the points
    of its routes (else the user says which)."""
    if "tracks" in names:
        return "tracks"
    own = [n for n in names if n not in POINTS_OF]
    return own[0] if len(own) == 1 else None


def read_gpx(path: Path, layer_name: str | None, mapping: dict | None = None) -> SourceLayer:
    """A GPX's tracks, routes, waypoints, or the points of its tracks or routes:
    ``layer_name``, else the tracks where it has any, else its only layer (a route's points
    aside); a waypoint's patch code read from no field the ``mapping`` given maps to
    another plan field."""
    root, codec, how, said = _read(path)
    layers = _layers(root)
    if not layers:
        raise SourceError(Text(f"{path.name} 中没有轨迹、航线或航点",
                               f"{path.name} holds no tracks, routes or waypoints"))
    layer_name = layer_name or unasked(list(layers))
    layer_name = chosen_layer(path, list(layers), layer_name)
    layer = SourceLayer(path=str(path), format="GPX", name=layer_name, encoding=codec,
                        encoding_how=how, said=[said] if said else [])
    unread = _left_out(path, layers, layer_name)
    if unread is not None:
        layer.notes.append(unread)
    seen: dict[str, None] = {}
    from_desc: dict[str, None] = {}
    numbered = (_numbered(layers[POINTS_OF[layer_name][0]], layer_name)
                if layer_name in POINTS_OF else [(el, {}) for el in layers[layer_name]])
    for i, (el, numbers) in enumerate(numbered):
        attrs, described = _attributes(el)
        for k in attrs:
            if described and k not in FIELDS:
                from_desc.setdefault(k, None)
        if layer_name in POINTS_OF:  # (GDAL's order: its numbers, elevation, time, name…)
            attrs = {**numbers, **_point_fields(el), **attrs}
        for k in attrs:
            seen.setdefault(k, None)
        layer.features.append(Feature(row=i + 1, fid=i + 1, attrs=attrs,
                                      geom=_geom(el, layer_name)))
    if from_desc:
        zh, en = ONE_FEATURE[layer_name]
        layer.said.append(Text(
            f"各{zh}的字段从其说明（desc）中读取（{'、'.join(from_desc)}）",
            f"the {en}s' fields are read from each one's description (desc): "
            f"{', '.join(from_desc)}"))
    corners = layer_name == "waypoints" and _as_corners(
        layer, [el for el, _ in numbered], seen, len(layers.get("tracks", [])), mapping)
    if not corners and (layer_name == "waypoints" or layer_name in POINTS_OF):
        zh, en = ONE_FEATURE[layer_name]
        layer.said.append(_POINTS_ONLY[1 if "tracks" in layers else 0].format(zh=zh, en=en))
    layer.keep_filled(seen)
    return layer
