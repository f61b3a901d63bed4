# SPDX-License-Identifier: GPL-2.0-or-later
"""The symbol of a layer whose package stores no style (a county's own table): one colour
taken from the layer's table name, so every project file written for it (the checkout, each
pull writing it again) shows it alike, where QGIS and QField would pick a new random colour
each time the project is read."""

from __future__ import annotations

import colorsys
import hashlib
import xml.etree.ElementTree as ET

# QGIS's single-symbol layer for each geometry kind, and its own properties
_SYMBOLS = {
    "Point": ("marker", "SimpleMarker", {"name": "circle", "size": "2.6",
                                         "outline_color": "35,35,35,255",
                                         "outline_width": "0.4"}),
    "Line": ("line", "SimpleLine", {"line_width": "0.8", "line_style": "solid",
                                    "capstyle": "round", "joinstyle": "round"}),
    "Polygon": ("fill", "SimpleFill", {"style": "solid", "outline_color": "35,35,35,255",
                                       "outline_width": "0.26", "outline_style": "solid"}),
}


def colour(table: str) -> str:
    """The colour of the table's layer, as QGIS writes one ("r,g,b,255"): a hue from its
    name, bright enough to see on imagery."""
    hue = int.from_bytes(hashlib.sha256(table.encode("utf-8")).digest()[:4], "big") % 360
    r, g, b = (round(255 * c) for c in colorsys.hsv_to_rgb(hue / 360, 0.7, 0.85))
    return f"{r},{g},{b},255"


def renderer(table: str, kind: str) -> ET.Element | None:
    """A ``renderer-v2`` element drawing the layer of ``table`` (its geometry ``kind``:
    Point, Line, Polygon) in :func:`colour`; None for a kind without one (no geometry)."""
    if kind not in _SYMBOLS:
        return None
    symbol_type, layer_class, props = _SYMBOLS[kind]
    props = {**props, ("line_color" if kind == "Line" else "color"): colour(table)}
    el = ET.Element("renderer-v2", type="singleSymbol", symbollevels="0", forceraster="0",
                    enableorderby="0", referencescale="-1")
    symbols = ET.SubElement(el, "symbols")
    symbol = ET.SubElement(symbols, "symbol", type=symbol_type, name="0", alpha="1",
                           clip_to_extent="1", force_rhr="0")
    layer = ET.SubElement(symbol, "layer", {"class": layer_class, "enabled": "1",
                                            "locked": "0", "pass": "0"})
    options = ET.SubElement(layer, "Option", type="Map")
    for k, v in props.items():
        ET.SubElement(options, "Option", name=k, value=v, type="QString")
        ET.SubElement(layer, "prop", k=k, v=v)  # (as QGIS before 3.26 reads it too)
    ET.SubElement(el, "rotation")
    ET.SubElement(el, "sizescale")
    return el
