# SPDX-License-Identifier: GPL-2.0-or-later
"""A KML reader with the standard library only (as Google Earth, phone apps and ogr2ogr
write it): each Placemark a feature, its name, description and ExtendedData its fields, its
Polygon / MultiGeometry / Point / LineString its geometry. KML is always WGS 84
longitude/latitude; its text is XML, in the encoding its declaration says (UTF-8 if none).

As GDAL reads it, each Folder (or the Document) holding placemarks is a layer of its own:
a file with several is read one at a time, chosen by name, and the placemarks of the others
are named as not read.

A KMZ (Google Earth's and 奥维互动地图's default) is read from the KML inside it: doc.kml and
the KMLs inside the KMZ it links to (GDAL's LIBKML writes a layer a file so), else each of
its .kml files, the folders of each a layer. Text declared UTF-8 that is not is read as
GBK. A placemark with no ExtendedData has its fields read from the two-column table in its
description, as ArcGIS's Layer to KML writes them; a label's point beside a
placemark's polygon is dropped, and said.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..bilingual import Text, counted
from .source import Feature, Geom, SourceError, SourceLayer, beyond_xy, chosen_layer

CONTAINERS = ("Folder", "Document")


def local_name(tag) -> str:
    """An element's name without its namespace (KML 2.2, Google's 2.1, or none)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children_named(el, name: str) -> list:
    return [c for c in el if local_name(c.tag) == name]


def child_text(el, name: str) -> str | None:
    found = children_named(el, name)
    return (found[0].text or "").strip() or None if found else None


def _coordinates(el) -> list[tuple[float, float]]:
    """The lon,lat[,alt] tuples of an element's <coordinates> (ValueError if not numbers)."""
    found = [c for c in el.iter() if local_name(c.tag) == "coordinates"]
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
        for b in children_named(el, boundary):
            rings += [_coordinates(r) for r in b if local_name(r.tag) == "LinearRing"]
    return [r for r in rings if r]


def _geometries(el) -> list[tuple[str, list]]:
    """(kind, parts) of each simple geometry under a Placemark or MultiGeometry."""
    out: list[tuple[str, list]] = []
    for c in el:
        kind = local_name(c.tag)
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


def _geom(placemark) -> tuple[Geom | None, bool]:
    """The placemark's geometry, and whether a label's point beside its polygon was dropped."""
    try:
        parts = _geometries(placemark)
    except ValueError as exc:
        return Geom("other", [], Text(f"KML 坐标无法读取：{exc}",
                                      f"unreadable KML coordinates: {exc}")), False
    kinds = {k for k, _ in parts}
    if not parts:
        return None, False
    label = kinds == {"point", "polygon"}
    if label:  # the point marks where its label goes: the polygon is the patch
        parts, kinds = [x for x in parts if x[0] == "polygon"], {"polygon"}
    if len(kinds) > 1 or "other" in kinds:
        return Geom("other", [], "KML " + " + ".join(sorted(
            p[0] if k == "other" else k for k, p in parts))), False
    (kind,) = kinds
    joined = [x for _, p in parts for x in p if x]
    return (Geom(kind, joined, heights=_heights(placemark)) if joined else None), label


def _heights(placemark) -> bool:
    """Whether the placemark's coordinates give altitudes that say something (not the 0
    Google Earth writes where it has none): they are not imported."""
    found = [c.text or "" for c in placemark.iter() if local_name(c.tag) == "coordinates"]
    tuples = re.sub(r"\s*,\s*", ",", " ".join(found)).split()
    try:
        return beyond_xy([tuple(float(v) for v in t.split(",")) for t in tuples])
    except ValueError:
        return False


class _Table(HTMLParser):
    """The (name, value) rows of two cells in an HTML description, nested tables and all;
    a row of two header cells (a column heading) is none."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self.rows: list[list] = []  # open rows, innermost last: [table depth, cells, heads]
        self.depth = 0

    def _close_rows(self, depth: int) -> None:
        while self.rows and self.rows[-1][0] >= depth:
            _, cells, heads = self.rows.pop()
            if len(cells) == 2 and heads < 2 and cells[0].strip():
                self.pairs.append((" ".join(cells[0].split()), cells[1].strip()))

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "table":
            self.depth += 1
        elif tag == "tr":
            self._close_rows(self.depth)  # (a row left unclosed ends at the next)
            self.rows.append([self.depth, [], 0])
        elif tag in ("td", "th") and self.rows and self.rows[-1][0] == self.depth:
            self.rows[-1][1].append("")
            self.rows[-1][2] += tag == "th"
        elif tag == "br" and self.rows and self.rows[-1][1]:
            self.rows[-1][1][-1] += "\n"

    def handle_endtag(self, tag) -> None:
        if tag == "tr":
            self._close_rows(self.depth)
        elif tag == "table":
            self._close_rows(self.depth)
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data) -> None:
        if self.rows and self.rows[-1][1] and self.rows[-1][0] == self.depth:
            self.rows[-1][1][-1] += data


NULLS = ("<null>", "null", "&lt;null&gt;")  # how ArcGIS writes a field with no value


def description_fields(description: str | None) -> dict:
    """The fields in a description's HTML table ({} if it holds none)."""
    if not description or "<t" not in description.lower():
        return {}
    table = _Table()
    table.feed(description)
    table.close()
    table._close_rows(0)
    return {name: (None if not value or value.lower() in NULLS else value)
            for name, value in table.pairs}


# a line "name：value" of a description, as a handheld GPS or a hand writes them (图斑编号：CT…)
_LINE = re.compile(r"\s*([^:：<>\n]{1,30}?)\s*[:：]\s*(.*?)\s*")
# a value written with its unit (181.91亩)
_UNIT_VALUE = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*(亩|平方米|公顷|平方公里|m²|m2|ha|km²|km2)", re.I)
_BREAKS = re.compile(r"<\s*br\s*/?\s*>|<\s*/?\s*p\s*>|\n", re.I)


def description_lines(description: str | None) -> dict:
    """The fields of a description whose every line is "name：value" ({} if one is not),
    lines broken by <br> or a new line: 图斑编号：CT…<br>乡镇：…"""
    if not description or "<t" in description.lower():
        return {}
    lines = [html.unescape(ln) for ln in _BREAKS.split(description) if ln.strip()]
    pairs = [_LINE.fullmatch(ln) for ln in lines]
    if not pairs or not all(pairs):
        return {}
    out: dict = {}
    for m in pairs:
        if m is None:
            continue
        name, value = m[1], m[2]
        unit = _UNIT_VALUE.fullmatch(value)
        if unit:  # 面积：181.91亩: the unit is the field's, as a table's header gives it
            name, value = f"{name}（{unit[2]}）", unit[1]
        out[name] = None if not value or value.lower() in NULLS else value
    return out


def _attributes(placemark) -> tuple[dict, str]:
    """name, description, then each ExtendedData value (Data or SchemaData/SimpleData); with
    no ExtendedData, the description's table (or its lines "name：value") in its stead. And
    how the description was read: "table", "lines", or "" (as no fields)."""
    attrs = {"name": child_text(placemark, "name"),
             "description": child_text(placemark, "description")}
    for ext in children_named(placemark, "ExtendedData"):
        for d in ext.iter():
            kind = local_name(d.tag)
            if kind == "Data" and d.get("name"):
                attrs[d.get("name")] = child_text(d, "value")
            elif kind == "SimpleData" and d.get("name"):
                attrs[d.get("name")] = (d.text or "").strip() or None
    if len(attrs) > 2:
        return attrs, ""
    how = "table"
    table = description_fields(attrs["description"])
    if not table:
        how, table = "lines", description_lines(attrs["description"])
    if not table:
        return attrs, ""
    del attrs["description"]  # (the HTML itself is no field)
    for k, v in table.items():
        attrs.setdefault(k, v)
    return attrs, how


def _layers(root) -> tuple[dict[str, list], list[str]]:
    """The containers holding placemarks themselves, by name (GDAL's layers), in order; two
    of one name are named apart (未命名文件夹, 未命名文件夹 (2)), and the names so made are
    returned too. A container with no name is its parent's."""
    out: dict[str, list] = {}
    owner: dict[str, object] = {}
    renamed: list[str] = []

    def walk(el, name: str, box) -> None:
        for c in el:
            kind = local_name(c.tag)
            if kind == "Placemark":
                key, n = name, 1
                while owner.setdefault(key, box) is not box:
                    n += 1
                    key = f"{name} ({n})"
                if n > 1 and key not in out:
                    renamed.append(key)
                out.setdefault(key, []).append(c)
            elif kind in CONTAINERS:
                own = child_text(c, "name")
                walk(c, own or name, c if own else box)

    walk(root, child_text(root, "name") or "Placemarks", root)
    return out, renamed


_GB = ("gbk", "gb2312", "gb18030", "cp936")


def _encoding(data: bytes) -> str:
    m = re.match(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding=[\"']([\w.:-]+)[\"']", data)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def xml_text(name: str, data: bytes, fmt: str = "KML"
             ) -> tuple[str | bytes, str, str, Text | None]:
    """The text of a KML (or of another XML format, ``fmt``: a GPX), decoded by the
    encoding its declaration names (the XML parser reads no multi-byte encoding but UTF-8
    and UTF-16 itself: GBK is decoded here); the codec, how it was chosen, and what is to
    be said of it. Text declared UTF-8 (or not declared) that is not, as a Chinese Windows
    program saves it, is read as GB18030."""
    declared = _encoding(data)
    if declared in ("utf-16", "utf16") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data, declared, f"{fmt} is XML: its declaration, else UTF-8", None
    if declared in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
            return data, declared, f"{fmt} is XML: its declaration, else UTF-8", None
        except UnicodeDecodeError as exc:
            bad = exc.start
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise SourceError(Text(
                f"{name} 的文本不是 UTF-8（第 {bad} 字节），也不是 GBK：请另存为 UTF-8",
                f"{name}'s text is not UTF-8 (at byte {bad}), nor GBK: save it as UTF-8")) \
                from None
        return text, "gb18030", "not UTF-8 as declared: valid GB18030/GBK", Text(
            f"{name} 的文本不是其声明（或默认）的 UTF-8（第 {bad} 字节），而是有效的 GBK/GB18030："
            "按 GB18030 读取",
            f"{name}'s text is not UTF-8 as its declaration says (or as {fmt} is when it says "
            f"nothing; at byte {bad}), but valid GBK/GB18030: read as GB18030")
    codec = "gb18030" if declared in _GB else declared
    try:
        return data.decode(codec), declared, f"{fmt} is XML: its declaration, else UTF-8", None
    except LookupError:
        raise SourceError(Text(
            f"{name} 的 XML 声明的编码 {declared!r} 无法识别：请另存为 UTF-8",
            f"{name} declares the text encoding {declared!r}, which is not one this "
            "import knows: save it as UTF-8")) from None
    except UnicodeDecodeError as exc:
        raise SourceError(Text(
            f"{name} 的文本不符合其声明的编码 {declared!r}（第 {exc.start} 字节）：请另存为 "
            "UTF-8",
            f"{name}'s text is not valid in the encoding it declares, {declared!r} "
            f"(at byte {exc.start}): save it as UTF-8")) from None


@dataclass
class _Doc:
    """One KML read: where (the name of a KML inside a KMZ, or None), its root element, its
    text's codec and how it was chosen, and what is to be said of its reading."""

    inner: str | None
    root: object
    codec: str
    how: str
    said: list = field(default_factory=list)


def _doc(path: Path, inner: str | None, data: bytes) -> _Doc:
    """A KML parsed (SourceError if it is no KML)."""
    name = inner or path.name
    text, codec, how, said = xml_text(name, data)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise SourceError(Text(
            f"{name} 不是有效的 KML（XML 有误：{exc}）",
            f"{name} is not valid KML (bad XML: {exc})")) from None
    if local_name(root.tag) != "kml":
        raise SourceError(Text(
            f"{name} 不是 KML（根元素为 {local_name(root.tag)}）",
            f"{name} is not KML (its root element is {local_name(root.tag)})"))
    return _Doc(inner, root, codec, how, [said] if said else [])


def _links(root) -> list[str]:
    """The hrefs of a KML's NetworkLinks."""
    out = []
    for link in (e for e in root.iter() if local_name(e.tag) == "NetworkLink"):
        for el in link.iter():
            if local_name(el.tag) in ("Link", "Url"):
                href = child_text(el, "href")
                if href:
                    out.append(href)
    return out


def _zip_open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        with open(path, "rb") as f:
            head = f.read(4)
        if not head:
            raise SourceError(Text(
                f"{path.name} 是空文件（0 字节）：请重新下载或导出",
                f"{path.name} is empty (0 bytes): download or export it again")) from None
        if head.startswith(b"PK"):
            raise SourceError(Text(
                f"{path.name} 已损坏或不完整（压缩包的目录缺失，常见于未下载完）：请重新下载或导出",
                f"{path.name} is damaged or incomplete (its zip directory is missing, as in a "
                "download cut short): download or export it again")) from None
        raise SourceError(Text(
            f"{path.name} 不是 KMZ（压缩的 KML）：不是 zip 文件",
            f"{path.name} is not a KMZ (a zipped KML): it is no zip file")) from None


def _kmz_docs(path: Path) -> tuple[list[_Doc], bool, list[Text]]:
    """The KMLs of a KMZ to read, whether they are files side by side (no doc.kml)
    rather than doc.kml and the KMLs it links to (as GDAL's LIBKML writes a layer a file,
    layers/<name>.kml), and the links not followed: a link is followed only inside the
    KMZ, nothing is fetched."""
    with _zip_open(path) as z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        names = [_zip_name(i) for i in infos]
        kmls = [i for i in infos if i.filename.lower().endswith(".kml")]
        if not kmls:
            raise SourceError(Text(
                f"{path.name} 中没有 .kml 文件（其中有：{'、'.join(names) or '无'}）",
                f"{path.name} holds no .kml (it holds: {', '.join(names) or 'nothing'})"))
        by_name = {i.filename: i for i in kmls}
        top = next((i for i in kmls if i.filename.lower() == "doc.kml"), None)
        if top is None and len(kmls) > 1:
            return [_doc(path, _zip_name(i), z.read(i)) for i in kmls], True, []
        first = _doc(path, _zip_name(top or kmls[0]), z.read(top or kmls[0]))
        docs, todo, seen = [first], [(top or kmls[0], first)], {(top or kmls[0]).filename}
        outside: list[Text] = []
        while todo:
            info, doc = todo.pop(0)
            here = posixpath.dirname(info.filename)
            for href in _links(doc.root):
                target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
                linked = by_name.get(target)
                if linked is None:
                    outside.append(Text(
                        f"{doc.inner} 中的网络链接 {href} 未读取：只读取 {path.name} 内的 KML",
                        f"the network link {href} in {doc.inner} is not followed: only KML "
                        f"inside {path.name} is read"))
                elif target not in seen:
                    seen.add(target)
                    d = _doc(path, _zip_name(linked), z.read(linked))
                    docs.append(d)
                    todo.append((linked, d))
        return docs, False, outside


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A name in a zip as its writer meant it: one not flagged UTF-8 is in the system's
    code page, GBK on a Chinese Windows, which Python reads as code page 437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _all_layers(path: Path) -> tuple[dict[str, tuple[list, _Doc]], list[Text]]:
    """Every layer of a KML or KMZ, by the name it is chosen by: (its placemarks, the KML
    it is in); and what is to be said of them all."""
    if path.suffix.lower() == ".kmz":
        docs, apart, said = _kmz_docs(path)
    else:
        docs, apart, said = [_doc(path, None, path.read_bytes())], False, []
    out: dict[str, tuple[list, _Doc]] = {}
    for d in docs:
        layers, renamed = _layers(d.root)
        for folder in renamed:
            base = folder.rsplit(" (", 1)[0]
            said.append(Text(
                f"{d.inner or path.name} 中有多个同名文件夹 {base}：分别读作图层，后者名为 "
                f"{folder}",
                f"{d.inner or path.name} holds more than one folder named {base}: each is a "
                f"layer of its own, the later one named {folder}"))
        for folder, pms in layers.items():
            key = folder
            if apart:  # a file beside others: known by its name
                inner = d.inner or path.name
                key = inner if len(layers) == 1 else f"{inner}/{folder}"
            base, n = key, 1
            while key in out:
                n += 1
                key = f"{base} ({n})"
            if n > 1:
                said.append(Text(
                    f"{d.inner} 中的图层 {base} 与前面的图层同名：读作 {key}",
                    f"the layer {base} in {d.inner} has the name of one before it: it is "
                    f"read as {key}"))
            out[key] = (pms, d)
    if apart:
        said.append(Text(
            f"{path.name} 中没有 doc.kml，而有 {len(docs)} 个 KML 文件："
            f"{'、'.join(d.inner or path.name for d in docs)}：各自的文件夹均作为图层，按名称选择",
            f"{path.name} holds no doc.kml but {len(docs)} KML files: "
            f"{', '.join(d.inner or path.name for d in docs)}: the folders of each are layers "
            "to choose from by name"))
    return out, said


def kml_layers(path: str | os.PathLike) -> list[str]:
    """The folders (or the Document) holding placemarks, by name: the layers GDAL reads
    and :func:`read_kml` chooses from, in the file's order (of a KMZ, those of every KML
    read in it)."""
    return list(_all_layers(Path(path))[0])


def _other_folders(path: Path, layers: dict, chosen: str) -> Text | None:
    """The placemarks of the folders other than the one read, by folder and name: an import
    reads one folder (as QGIS opens one layer), and a patch left in another is not to be
    taken for one the survey dropped."""
    others = {k: pms for k, (pms, _) in layers.items() if k != chosen and pms}
    if not others:
        return None

    def names(pms: list) -> list[str]:
        shown = [child_text(pm, "name") or "#" + str(i + 1) for i, pm in enumerate(pms[:5])]
        return shown + (["…"] if len(pms) > 5 else [])

    n = sum(len(pms) for pms in others.values())
    zh = "；".join(f"{k}（{len(pms)} 个：{'、'.join(names(pms))}）" for k, pms in others.items())
    en = "; ".join(f"{k} ({len(pms)}: {', '.join(names(pms))})" for k, pms in others.items())
    return Text(
        f"{path.name} 的其他文件夹中还有 {n} 个地标，本次导入未读取：{zh}。每个文件夹是一个图层，"
        "请逐个导入（--source-layer）；其中主库已有的图斑在本次导入中列为导入数据中缺少"
        "（--delete-missing 会将其删除）",
        f"{path.name} holds {counted(n, 'more placemark')} in other folders, not read by this "
        "import: "
        f"{en}. Each folder is a layer: import them one at a time (--source-layer); their "
        "patches already in the master are said missing from the source by this import (and "
        "--delete-missing would delete them)")


def read_kml(path: Path, layer_name: str | None) -> SourceLayer:
    """A KML, or the KML(s) inside a KMZ."""
    layers, said = _all_layers(path)
    if not layers:
        raise SourceError(Text(f"{path.name} 中没有地标（Placemark）",
                               f"{path.name} holds no placemarks"))
    layer_name = chosen_layer(path, list(layers), layer_name, "folders")
    placemarks, doc = layers[layer_name]
    layer = SourceLayer(path=str(path), format="KML", name=layer_name, encoding=doc.codec,
                        encoding_how=doc.how)
    if doc.inner:
        layer.said.append(Text(f"读取 {path.name} 中的 {doc.inner}",
                               f"read from {doc.inner} inside {path.name}"))
    layer.said += said + doc.said
    unread = _other_folders(path, layers, layer_name)
    if unread is not None:
        layer.notes.append(unread)
    seen: dict[str, None] = {}
    from_table: dict[str, None] = {}
    from_lines: dict[str, None] = {}
    labels = []
    for i, pm in enumerate(placemarks):
        attrs, how = _attributes(pm)
        for k in attrs:
            seen.setdefault(k, None)
            if how and k != "name":
                (from_table if how == "table" else from_lines).setdefault(k, None)
        geom, label = _geom(pm)
        if label:
            labels.append(attrs.get("name") or f"#{i + 1}")
        layer.features.append(Feature(row=i + 1, fid=pm.get("id") or i + 1, attrs=attrs,
                                      geom=geom))
    if from_table:
        layer.said.append(Text(
            f"地标没有扩展数据（ExtendedData）：其字段从各地标说明（description）中的表格读取"
            f"（{'、'.join(from_table)}）",
            "the placemarks have no ExtendedData: their fields are read from the table in "
            f"each description ({', '.join(from_table)})"))
    if from_lines:
        layer.said.append(Text(
            f"地标没有扩展数据（ExtendedData）：其字段从各地标说明（description）中“名称：值”的各行读取"
            f"（{'、'.join(from_lines)}）",
            "the placemarks have no ExtendedData: their fields are read from the lines "
            f"\"name：value\" of each description ({', '.join(from_lines)})"))
    if labels:
        layer.said.append(Text(
            f"{len(labels)} 个地标在其多边形旁还有一个点（标注位置）：点已舍弃，读取多边形："
            f"{'、'.join(labels)}",
            f"{counted(len(labels), 'placemark')} "
            f"{'holds a point beside its' if len(labels) == 1 else 'hold a point beside their'} "
            f"polygon (a label's place): the point is dropped, the polygon read: "
            f"{', '.join(labels)}"))
    layer.keep_filled(seen)
    return layer
