# SPDX-License-Identifier: GPL-2.0-or-later
"""Rows in the stage's terms sent to PostgreSQL by ``COPY … FROM STDIN`` (text format): one
round trip for any number of rows, where an INSERT a row would cost one each."""

from __future__ import annotations

import functools
import itertools
import math
import struct
from collections.abc import Callable, Iterator
from typing import Any

from ...db import quote
from ...plan.geometry import blob_wkb
from . import sql
from .tables import Table

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SRID_FLAG = 0x20000000
CHUNK = 20000  # rows a COPY statement
BLOCK = 1 << 16  # characters sent at a time
# The statistics ANALYZE takes of a scratch table of keys: its size and that its keys are
# distinct (what decides between looking a big layer up by key and scanning it), which a
# sample of 3,000 rows tells as well as the default's 30,000, at a third of the cost.
SAMPLED = 10


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
        return value.translate(_ESCAPES) if _special(value) else value
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
    """COPY ``rows`` (tuples in ``cols`` order) into ``target`` (a quoted table name), at most
    :data:`CHUNK` rows a statement. The rows are read and written as the server takes them
    in: it writes the first while the last are still being read here."""
    head = f"COPY {target} ({', '.join(map(quote, cols))}) FROM STDIN"
    lines = _lines(rows, convert)
    n = 0
    while True:
        first = next(lines, None)  # (none left: no statement)
        if first is None:
            return n
        source = _Source(first, itertools.islice(lines, CHUNK - 1))
        try:
            cur.copy_expert(head, source, size=BLOCK)
        except BaseException:
            source.raise_if_broken()  # what broke off the reading, not what that made of it
            raise
        source.raise_if_broken()
        n += source.count
        if source.count < CHUNK:
            return n


def _lines(rows, convert: list) -> Iterator[str]:
    """Each row as a line of COPY's text format (without its line break)."""
    plain = all(f is as_is for f in convert)
    text = _text
    for row in rows:
        if not plain:
            row = [f(v) for f, v in zip(convert, row)]
        # (text needing no escape, most of it, taken as it is without a call)
        yield "\t".join([v if v.__class__ is str and "\\" not in v and "\t" not in v
                         and "\n" not in v and "\r" not in v else text(v) for v in row])


class _Source:
    """The file psycopg2 reads a COPY's data from: whole lines, read as asked for. What
    breaks off the reading (a value that cannot be sent, an interrupt) ends the data there
    and is raised once the statement is done (:meth:`raise_if_broken`): raised inside
    psycopg2, it would be said as the statement cancelled."""

    def __init__(self, first: str, rest: Iterator[str]):
        self._first: str | None = first
        self._rest = rest
        self.count = 0
        self._broken: BaseException | None = None

    def read(self, size: int = -1) -> str:
        parts: list[str] = []
        got = 0
        if self._first is not None:
            parts.append(self._first)
            got += len(self._first)
            self._first = None
        if self._broken is None:
            try:
                for line in self._rest:
                    parts.append(line)
                    got += len(line) + 1
                    if got >= size > 0:
                        break
            except BaseException as exc:  # (raised when the statement is done)
                self._broken = exc
        self.count += len(parts)
        if not parts:
            return ""
        parts.append("")
        return "\n".join(parts)

    def raise_if_broken(self) -> None:
        if self._broken is not None:
            raise self._broken


def _special(value: str) -> bool:
    """Whether text holds a character COPY's text format escapes."""
    return "\\" in value or "\t" in value or "\n" in value or "\r" in value


def analyze(cur, tables: dict[str, list[str]]) -> None:
    """ANALYZE the scratch tables just filled (name -> the columns the statements that read
    them join or filter on; the values they carry along, a geometry above all, cost most to
    describe and decide no plan), from a small sample (:data:`SAMPLED`)."""
    which = ", ".join(f"{name} ({', '.join(map(quote, cols))})" for name, cols in tables.items())
    # (the setting put back as it was, in the same round trip)
    cur.execute("SELECT set_config('toksun.statistics_were', current_setting("
                "'default_statistics_target'), true); "
                f"SET LOCAL default_statistics_target = {SAMPLED}; ANALYZE {which}; "
                "SELECT set_config('default_statistics_target', current_setting("
                "'toksun.statistics_were'), true)")
