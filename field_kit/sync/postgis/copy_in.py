# SPDX-License-Identifier: GPL-2.0-or-later
"""Rows in the stage's terms sent to PostgreSQL by ``COPY … FROM STDIN`` (text format): one
round trip for any number of rows, where an INSERT a row would cost one each."""

from __future__ import annotations

import functools
import io
import math
import struct
from collections.abc import Callable
from typing import Any

from ...db import quote
from ...plan.geometry import blob_wkb
from . import sql
from .tables import Table

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SRID_FLAG = 0x20000000
CHUNK = 20000


def ewkb_hex(blob: bytes, srid: int) -> str:
    """A GeoPackage blob as PostGIS's hex EWKB with its srid, which COPY reads as geometry."""
    wkb = blob_wkb(blob)
    order = "<" if wkb[0] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", wkb, 1)
    return (wkb[:1] + struct.pack(order + "II", kind | _SRID_FLAG, srid) + wkb[5:]).hex()


def _text(value) -> str:
    kind = type(value)
    if kind is str:  # most text (uuids, JSON, hex) holds nothing to escape
        # (four scans for a character cost a fifth of one regular expression's search)
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_ESCAPES)
        return value
    if value is None:
        return "\\N"
    if kind is int:
        return str(value)
    if kind is float:
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, (bytes, memoryview)):
        return "\\\\x" + bytes(value).hex()
    return str(value).translate(_ESCAPES)


def converters(t: Table, cols: list[str], geometry: str = "geometry") -> list:
    """Per column, a function from the stage's value to the value COPY is given. With
    ``geometry="wkb"`` a geometry column goes as its bare WKB (for comparing shapes)."""
    out: list[Callable[[Any], Any]] = []
    for c in cols:
        if t.is_geom(c):
            srid = int(t.geom[1])  # type: ignore[index]
            if geometry == "wkb":
                out.append(_wkb)
            else:
                out.append(functools.partial(_ewkb, srid))
        elif sql.column_type(t.decl(c)) == "boolean":
            out.append(_bool)
        else:
            out.append(as_is)
    return out


def as_is(v):
    return v


def _wkb(v):
    return None if v is None else blob_wkb(v)


def _ewkb(srid: int, v):
    return None if v is None else ewkb_hex(v, srid)


def _bool(v):
    return None if v is None else bool(v)


def copy_rows(cur, target: str, cols: list[str], rows, convert: list) -> int:
    """COPY ``rows`` (tuples in ``cols`` order) into ``target`` (a quoted table name)."""
    head = f"COPY {target} ({', '.join(map(quote, cols))}) FROM STDIN"
    n, buf = 0, io.StringIO()
    plain = all(f is as_is for f in convert)
    for row in rows:
        if plain:
            buf.write("\t".join(map(_text, row)))
        else:
            buf.write("\t".join(_text(f(v)) for f, v in zip(convert, row)))
        buf.write("\n")
        n += 1
        if n % CHUNK == 0:
            buf.seek(0)
            cur.copy_expert(head, buf)
            buf = io.StringIO()
    if buf.tell():
        buf.seek(0)
        cur.copy_expert(head, buf)
    return n
