# SPDX-License-Identifier: GPL-2.0-or-later
"""A KML reader with the standard library only (as Google Earth, phone apps and ogr2ogr
write it): each Placemark a feature, its name, description and ExtendedData its fields, its
Polygon / MultiGeometry / Point / LineString its geometry. KML is always WGS 84
longitude/latitude; its text is XML, in the encoding its declaration says (UTF-8 if none).

As GDAL reads it, each Folder (or the Document) holding placemarks is a layer of its own:
a file with several is read one at a time, chosen by name.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..bilingual import Text
from .source import Feature, Geom, SourceError, SourceLayer, chosen_layer

CONTAINERS = ("Folder", "Document")


def _local(tag) -> str:
    """An element's name without its namespace (KML 2.2, Google's 2.1, or none)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el, name: str) -> list:
    return [c for c in el if _local(c.tag) == name]


def _text(el, name: str) -> str | None:
    found = _children(el, name)
    return (found[0].text or "").strip() or None if found else None


def _coordinates(el) -> list[tuple[float, float]]:
    """The lon,lat[,alt] tuples of an element's <coordinates> (ValueError if not numbers)."""
    found = [c for c in el.iter() if _local(c.tag) == "coordinates"]
    text = (found[0].text or "") if found else ""
    # "88.5, 42.8, 0": spaces after the commas, which KML readers accept, join the tuple
    text = re.sub(r"\s*,\s*", ",", text)
    out = []
    for tup in text.split():
        try:
            lon, lat = tup.split(",")[:2]
            out.append((float(lon), float(lat)))
        except ValueError:
            raise ValueError(tup) from None
    return out


def _polygon(el) -> list:
    """A Polygon's rings, its outer boundary first."""
    rings = []
    for boundary in ("outerBoundaryIs", "innerBoundaryIs"):
        for b in _children(el, boundary):
            rings += [_coordinates(r) for r in b if _local(r.tag) == "LinearRing"]
    return [r for r in rings if r]


def _geometries(el) -> list[tuple[str, list]]:
    """(kind, parts) of each simple geometry under a Placemark or MultiGeometry."""
    out: list[tuple[str, list]] = []
    for c in el:
        kind = _local(c.tag)
        if kind == "Polygon":
            out.append(("polygon", [_polygon(c)]))
        elif kind == "Point":
            out.append(("point", _coordinates(c)))
        elif kind in ("LineString", "LinearRing"):
            out.append(("line", [_coordinates(c)]))
        elif kind == "MultiGeometry":
            out += _geometries(c)
        elif kind in ("Model", "Track", "MultiTrack"):
            out.append(("other", [kind]))
    return out


def _geom(placemark) -> Geom | None:
    try:
        parts = _geometries(placemark)
    except ValueError as exc:
        return Geom("other", [], Text(f"KML 坐标无法读取：{exc}",
                                      f"unreadable KML coordinates: {exc}"))
    kinds = {k for k, _ in parts}
    if not parts:
        return None
    if len(kinds) > 1 or "other" in kinds:
        return Geom("other", [], "KML " + " + ".join(sorted(
            p[0] if k == "other" else k for k, p in parts)))
    (kind,) = kinds
    joined = [x for _, p in parts for x in p if x]
    return Geom(kind, joined) if joined else None


def _attributes(placemark) -> dict:
    """name, description, then each ExtendedData value (Data or SchemaData/SimpleData)."""
    attrs = {"name": _text(placemark, "name"), "description": _text(placemark, "description")}
    for ext in _children(placemark, "ExtendedData"):
        for d in ext.iter():
            kind = _local(d.tag)
            if kind == "Data" and d.get("name"):
                attrs[d.get("name")] = _text(d, "value")
            elif kind == "SimpleData" and d.get("name"):
                attrs[d.get("name")] = (d.text or "").strip() or None
    return attrs


def _layers(root) -> dict[str, list]:
    """The containers holding placemarks themselves, by name (GDAL's layers), in order."""
    out: dict[str, list] = {}

    def walk(el, name: str) -> None:
        for c in el:
            kind = _local(c.tag)
            if kind == "Placemark":
                out.setdefault(name, []).append(c)
            elif kind in CONTAINERS:
                walk(c, _text(c, "name") or name)

    walk(root, _text(root, "name") or "Placemarks")
    return out


def _encoding(data: bytes) -> str:
    m = re.match(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding=[\"']([\w.:-]+)[\"']", data)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def _text_of(path: Path, data: bytes) -> str | bytes:
    """The KML's text, decoded by the encoding its declaration names (the XML parser
    reads no multi-byte encoding but UTF-8 and UTF-16 itself: GBK is decoded here)."""
    declared = _encoding(data)
    if declared in ("utf-8", "utf8", "utf-16", "utf16"):
        return data
    codec = "gb18030" if declared in ("gbk", "gb2312", "gb18030", "cp936") else declared
    try:
        return data.decode(codec)
    except LookupError:
        raise SourceError(Text(
            f"{path.name} 的 XML 声明的编码 {declared!r} 无法识别：请另存为 UTF-8",
            f"{path.name} declares the text encoding {declared!r}, which is not one this "
            "import knows: save it as UTF-8")) from None
    except UnicodeDecodeError as exc:
        raise SourceError(Text(
            f"{path.name} 的文本不符合其声明的编码 {declared!r}（第 {exc.start} 字节）：请另存为 "
            "UTF-8",
            f"{path.name}'s text is not valid in the encoding it declares, {declared!r} "
            f"(at byte {exc.start}): save it as UTF-8")) from None


def _root(path: Path, data: bytes):
    """The KML's root element (SourceError if it is no KML)."""
    try:
        root = ET.fromstring(_text_of(path, data))
    except ET.ParseError as exc:
        raise SourceError(Text(
            f"{path.name} 不是有效的 KML（XML 有误：{exc}）",
            f"{path.name} is not valid KML (bad XML: {exc})")) from None
    if _local(root.tag) != "kml":
        raise SourceError(Text(
            f"{path.name} 不是 KML（根元素为 {_local(root.tag)}）",
            f"{path.name} is not KML (its root element is {_local(root.tag)})"))
    return root


def kml_layers(path: str | os.PathLike) -> list[str]:
    """The folders (or the Document) holding placemarks, by name: the layers GDAL reads
    and :func:`read_kml` chooses from, in the file's order."""
    p = Path(path)
    return list(_layers(_root(p, p.read_bytes())))


def read_kml(path: Path, layer_name: str | None) -> SourceLayer:
    data = path.read_bytes()
    layers = _layers(_root(path, data))
    if not layers:
        raise SourceError(Text(f"{path.name} 中没有地标（Placemark）",
                               f"{path.name} holds no placemarks"))
    names = list(layers)
    layer_name = chosen_layer(path, names, layer_name, "folders")
    encoding = _encoding(data)
    layer = SourceLayer(path=str(path), format="KML", name=layer_name, encoding=encoding,
                        encoding_how="KML is XML: its declaration, else UTF-8")
    seen: dict[str, None] = {}
    for i, pm in enumerate(layers[layer_name]):
        attrs = _attributes(pm)
        for k in attrs:
            seen.setdefault(k, None)
        layer.features.append(Feature(row=i + 1, fid=pm.get("id") or i + 1, attrs=attrs,
                                      geom=_geom(pm)))
    # a field no placemark fills (a description nobody wrote) is no field of the layer
    layer.fields = [k for k in seen if any(f.attrs.get(k) is not None for f in layer.features)]
    for f in layer.features:
        f.attrs = {k: f.attrs.get(k) for k in layer.fields}
    return layer
