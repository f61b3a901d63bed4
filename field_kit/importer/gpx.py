# SPDX-License-Identifier: GPL-2.0-or-later
"""A GPX reader with the standard library only, as a handheld GPS (Garmin and the like)
writes it: WGS 84 longitude/latitude always. As GDAL reads it, its tracks, routes and
waypoints are three layers: a track (<trk>) a line of a part each segment (<trkseg>), a
route (<rte>) a line, a waypoint (<wpt>) a point; each one's name, comment, description and
type its fields (a description of "name：value" lines or a table gives its fields as a KML's
does).

A file holding more than one of them is read by its tracks (the boundaries walked) unless
another is chosen by name; the features of the others are named as not read.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from ..bilingual import Text
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
WHAT = {"tracks": ("轨迹", "track(s)"), "routes": ("航线", "route(s)"),
        "waypoints": ("航点", "waypoint(s)")}
# one feature of each layer, as its name is said
ONE_FEATURE = {"tracks": ("轨迹", "track"), "routes": ("航线", "route"),
               "waypoints": ("航点", "waypoint")}
FIELDS = ("name", "cmt", "desc", "type")


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
    """The layers the file holds features in, tracks first."""
    out = {name: children_named(root, tag) for name, tag in LAYERS}
    return {name: els for name, els in out.items() if els}


def gpx_layers(path: str | os.PathLike) -> list[str]:
    """The layers a GPX holds features in (tracks, routes, waypoints), tracks first."""
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
        if layer == "waypoints":
            pts, heights = _points(el, "wpt")
            return Geom("point", pts, heights=heights)
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
    """The features of the layers not read, by layer and name."""
    others = {k: els for k, els in layers.items() if k != chosen}
    if not others:
        return None

    def names(els: list) -> list[str]:
        shown = [child_text(el, "name") or "#" + str(i + 1) for i, el in enumerate(els[:5])]
        return shown + (["…"] if len(els) > 5 else [])

    zh = "；".join(f"{len(els)} 个{WHAT[k][0]}（{k}：{'、'.join(names(els))}）"
                  for k, els in others.items())
    en = "; ".join(f"{len(els)} {WHAT[k][1]} ({k}: {', '.join(names(els))})"
                   for k, els in others.items())
    return Text(
        f"{path.name} 中除{WHAT[chosen][0]}（{chosen}）外还有：{zh}，本次导入未读取。"
        "GPX 的轨迹、航线、航点各是一个图层，请逐个导入（--source-layer）",
        f"{path.name} holds besides its {WHAT[chosen][1]} ({chosen}): {en}, not read by this "
        "import. A GPX's tracks, routes and waypoints are a layer each: import them one at a "
        "time (--source-layer)")


# what a file's waypoints are read as: with no tracks beside them, and with some
_POINTS_ONLY = (
    Text("航点读作点，每个航点一个点；规划图层均为面："
         "图斑边界应在 GPS 上绕图斑一周记录为轨迹后导入",
         "the waypoints are read as points, a point each; the plan's layers hold polygons: "
         "record a patch's boundary on the GPS as a track walked round it, and import that"),
    Text("航点读作点，每个航点一个点；规划图层均为面："
         "请改为导入其中绕图斑一周的轨迹（--source-layer）",
         "the waypoints are read as points, a point each; the plan's layers hold polygons: "
         "import its tracks walked round the patches instead (--source-layer)"))


def unasked(names: list[str]) -> str | None:
    """Of a GPX's layers ``names``, the one read where none is chosen: its tracks, the
    boundaries walked, where it has any (else its only one, or the user says which)."""
    return "tracks" if "tracks" in names else None


def read_gpx(path: Path, layer_name: str | None) -> SourceLayer:
    """A GPX's tracks, routes or waypoints: ``layer_name``, else the tracks where it has
    any, else its only layer."""
    root, codec, how, said = _read(path)
    layers = _layers(root)
    if not layers:
        raise SourceError(Text(f"{path.name} 中没有轨迹、航线或航点",
                               f"{path.name} holds no tracks, routes or waypoints"))
    layer_name = layer_name or unasked(list(layers))
    layer_name = chosen_layer(path, list(layers), layer_name)
    layer = SourceLayer(path=str(path), format="GPX", name=layer_name, encoding=codec,
                        encoding_how=how, said=[said] if said else [])
    if layer_name == "waypoints":
        layer.said.append(_POINTS_ONLY[1 if "tracks" in layers else 0])
    unread = _left_out(path, layers, layer_name)
    if unread is not None:
        layer.notes.append(unread)
    seen: dict[str, None] = {}
    from_desc: dict[str, None] = {}
    for i, el in enumerate(layers[layer_name]):
        attrs, described = _attributes(el)
        for k in attrs:
            seen.setdefault(k, None)
            if described and k not in FIELDS:
                from_desc.setdefault(k, None)
        layer.features.append(Feature(row=i + 1, fid=i + 1, attrs=attrs,
                                      geom=_geom(el, layer_name)))
    if from_desc:
        zh, en = ONE_FEATURE[layer_name]
        layer.said.append(Text(
            f"各{zh}的字段从其说明（desc）中读取（{'、'.join(from_desc)}）",
            f"the {en}s' fields are read from each one's description (desc): "
            f"{', '.join(from_desc)}"))
    layer.keep_filled(seen)
    return layer
