# SPDX-License-Identifier: GPL-2.0-or-later
"""Rows and values as a person reads them: a patch by its code, a field by its label."""

from __future__ import annotations

import os
import sqlite3

from ..bilingual import ZH, Text
from ..db import connect
from ..errors import BadInput
from . import geometry, schema

# the column that names a row of each table, for people
NAME_COLUMNS = ("patch_code", "project_id", "name_zh", "indicator_id", "code", "file_name")


GEOMETRY_LABEL = Text("几何", "Geometry")


def field_label(table: str, column: str, lang: str = ZH) -> str:
    if column == schema.GEOMETRY_COLUMN:
        return GEOMETRY_LABEL(lang)
    for c in schema.table(table).columns:
        if c.name == column:
            return c.label(lang)
    return column


def describe_row(gpkg: str | os.PathLike, table: str, row_uuid: str) -> str:
    """The row's name in the plan's terms (patch code, project id, name), or its uuid."""
    cols = [c for c in NAME_COLUMNS if c in schema.table(table).column_names]
    if not cols:
        return row_uuid
    try:
        conn = connect(gpkg, readonly=True)
    except BadInput:
        return row_uuid
    try:
        row = conn.execute(f'SELECT {", ".join(cols)} FROM "{table}" WHERE uuid = ?',
                           (row_uuid,)).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    if not row:
        return f"{row_uuid[:8]}… (已删除 deleted)"
    return next((str(v) for v in row if v not in (None, "")), row_uuid)


def show_value(table: str, column: str, value) -> str:
    """A stored value as text; geometries as their kind, size and centre."""
    if value is None:
        return "（空）NULL"
    if column == schema.GEOMETRY_COLUMN:
        try:
            blob = bytes.fromhex(value) if isinstance(value, str) else bytes(value)
            wkb = geometry.blob_wkb(blob)
            env = geometry.envelope(wkb)
            kind = {1: "点 point", 3: "面 polygon", 5: "线 lines", 6: "面 polygons"}.get(
                geometry.parse_wkb(wkb)[0], "几何 geometry")
            if env is None:
                return f"{kind}（空 empty）"
            area = geometry.wkb_area(wkb)
            size = f", {area:,.0f} m²" if area else ""
            return f"{kind} @ {(env[0] + env[1]) / 2:.6f}, {(env[2] + env[3]) / 2:.6f}{size}"
        except (ValueError, IndexError, KeyError):
            return "几何 geometry"
    return str(value)
