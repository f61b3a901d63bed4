# SPDX-License-Identifier: GPL-2.0-or-later
"""The tables a PostgreSQL master mirrors from its GeoPackage template, with how each value
crosses between the two: geometry as PostGIS geometry there and a GeoPackage blob here,
booleans as 0/1 here, dates as ISO text here."""

from __future__ import annotations

import datetime
import decimal
import sqlite3
from dataclasses import dataclass

from ...db import quote
from ...plan.geometry import blob_wkb
from .. import registry
from . import sql

# GeoPackage's own tables, and the capture's scratch tables and its record of switches
# (PostgreSQL keeps its own, sync_capture_off), stay in the template only.
_NOT_MIRRORED = ("sync_capture", "sync_baseline", "sync_capture_switched")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, declared type)
    pk: tuple[str, ...]
    serial: str | None  # a single INTEGER PRIMARY KEY: the database numbers new rows
    geom: tuple[str, int] | None  # (column, srid)
    tracked: bool

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    @property
    def key(self) -> tuple[str, ...]:
        """The columns a row is found by on both sides."""
        if self.tracked:
            return ("uuid",)
        return self.pk or tuple(self.names)

    @property
    def written(self) -> list[str]:
        """The columns an insert gives (a serial key is the database's to number)."""
        return [c for c in self.names if c != self.serial]

    def select_sql(self, cols: list[str]) -> str:
        """SELECT list reading ``cols`` in the stage's terms."""
        return ", ".join(f"toksun_gpkg({quote(c)})" if self.is_geom(c) else quote(c)
                         for c in cols)

    def placeholder(self, col: str) -> str:
        """SQL taking a parameter in the stage's terms into column ``col``."""
        if self.geom is not None and col == self.geom[0]:
            return f"ST_GeomFromWKB(%s, {int(self.geom[1])})"
        return "%s"

    def compared(self, col: str, alias: str) -> str:
        """SQL for ``col`` of the row ``alias`` comparable with a value :mod:`copy_in`
        sends (a geometry by its shape: the same shape may have been written as another
        blob, so it goes as bare WKB)."""
        ref = f"{alias}.{quote(col)}"
        return f"ST_AsBinary({ref}, 'NDR')" if self.is_geom(col) else ref

    def is_geom(self, col: str) -> bool:
        return self.geom is not None and col == self.geom[0]

    def decl(self, col: str) -> str:
        return dict(self.columns)[col]

    def to_pg(self, col: str, value):
        if value is None:
            return None
        if self.is_geom(col):
            from psycopg2 import Binary
            return Binary(blob_wkb(value))
        kind = sql.column_type(self.decl(col))
        if kind == "boolean":
            return bool(value)
        if kind == "bytea" or isinstance(value, bytes):
            from psycopg2 import Binary
            return Binary(value)
        return value


def to_stage(value):
    """A value read from PostgreSQL as SQLite stores it."""
    kind = type(value)
    if kind is float or kind is str or kind is int or value is None:  # (most: as they are)
        return value
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def row_to_stage(t: Table, cols: list[str]):
    """A function taking a row read from PostgreSQL (``cols`` of ``t``) to the stage's values,
    converting only the columns whose values need it."""
    plain = [not t.is_geom(c) and (sql.column_type(t.decl(c)) in sql.INTEGERS or (
        sql.column_type(t.decl(c)) == "text" and t.decl(c).upper() != "DATETIME"))
        for c in cols]  # read as Python gives them: int, str
    fix = [i for i, p in enumerate(plain) if not p]
    if not fix:
        return tuple

    def convert(row):
        row = list(row)
        for i in fix:
            row[i] = to_stage(row[i])
        return row
    return convert


def mirrored(conn: sqlite3.Connection) -> list[Table]:
    """The tables of a GeoPackage master that its PostgreSQL mirror holds, in file order."""
    tracked = {t.name for t in registry.tracked(conn)} if registry.has_registry(conn) else set()
    geoms = {t: (c, s) for t, c, s in conn.execute(
        "SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns")}
    out = []
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'gpkg%' "
            "AND name NOT LIKE 'rtree%' AND name NOT LIKE 'sqlite%' ORDER BY rowid"):
        if name in _NOT_MIRRORED:
            continue
        info = conn.execute(f"PRAGMA table_info({quote(name)})").fetchall()
        columns = tuple((r[1], r[2] or "") for r in info)
        pk = tuple(r[1] for r in sorted(info, key=lambda r: r[5]) if r[5])
        serial = pk[0] if len(pk) == 1 and columns[[c for c, _ in columns].index(pk[0])][1] \
            .upper() == "INTEGER" and _has_rowid(conn, name) else None
        out.append(Table(name, columns, pk, serial, geoms.get(name), name in tracked))
    return out


def _has_rowid(conn: sqlite3.Connection, name: str) -> bool:
    sql_text = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    return "WITHOUT ROWID" not in (sql_text or "").upper()


def create_sql(t: Table, geometry_types: dict) -> str:
    """CREATE TABLE for the PostgreSQL mirror of ``t``."""
    parts = []
    for col, decl in t.columns:
        if t.is_geom(col):
            kind = f"geometry({geometry_types[t.name]}, {int(t.geom[1])})"  # type: ignore[index]
        else:
            kind = sql.column_type(decl)
        if col == t.serial:
            kind = "bigint GENERATED BY DEFAULT AS IDENTITY"
        parts.append(f"{quote(col)} {kind}")
    if t.pk:
        parts.append(f"PRIMARY KEY ({', '.join(map(quote, t.pk))})")
    if t.tracked:
        parts.append("UNIQUE (uuid)")
    return f"CREATE TABLE {quote(t.name)} (\n  " + ",\n  ".join(parts) + "\n)"
