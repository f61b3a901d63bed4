# SPDX-License-Identifier: GPL-2.0-or-later
"""NaN in a PostgreSQL master's real, double precision and numeric columns.

A GeoPackage (SQLite) cannot hold NaN: SQLite stores it as NULL, and so do GDAL and QGIS
when they write one into a GeoPackage. The sync does the same, by one rule, and says so:
a NaN travels as empty (NULL) into packages, the change log and pulls; the master keeps its
NaN until someone edits that field. ``init``, ``checkout`` and ``pull`` name the rows and
fields that hold one (:func:`said`)."""

from __future__ import annotations

from ...db import quote
from . import address

# the types whose values may be NaN
FLOATS = ("real", "double precision", "numeric")
# how many rows of a field are named before "… N in all"
_SHOWN = 5


def said(pg) -> list[str]:
    """One line for each tracked table of the schema with NaN in some field: the fields, and
    the rows by their key. Nothing where no field holds NaN."""
    if not address.holds_master(pg):
        return []
    with pg.cursor() as cur:
        cur.execute(
            "SELECT c.relname, a.attname, (SELECT k.attname FROM pg_index i JOIN pg_attribute k "
            "ON k.attrelid = i.indrelid AND k.attnum = i.indkey[0] WHERE i.indrelid = c.oid AND "
            "i.indisprimary LIMIT 1) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN (SELECT tbl "
            "FROM sync_tables) AND a.attnum > 0 AND NOT a.attisdropped AND "
            "format_type(a.atttypid, NULL) = ANY(%s) ORDER BY c.relname, a.attnum",
            (list(FLOATS),))
        columns: dict[str, tuple[str, list[str]]] = {}
        for tbl, col, key in cur.fetchall():
            columns.setdefault(tbl, (key or "uuid", []))[1].append(col)
        out = []
        for tbl, (key, cols) in columns.items():
            fields = []
            for col in cols:
                cur.execute(f"SELECT {quote(key)}::text FROM {quote(tbl)} WHERE {quote(col)} = "
                            f"'NaN' ORDER BY 1 LIMIT {_SHOWN + 1}")
                rows = [r for (r,) in cur.fetchall()]
                if not rows:
                    continue
                if len(rows) > _SHOWN:
                    cur.execute(f"SELECT count(*) FROM {quote(tbl)} WHERE {quote(col)} = 'NaN'")
                    shown = ", ".join(rows[:_SHOWN]) + f", … {cur.fetchone()[0]} in all"
                else:
                    shown = ", ".join(rows)
                fields.append(f"{col} (rows {key} {shown})")
            if fields:
                out.append(f"{tbl}: NaN in {'; '.join(fields)}: a GeoPackage cannot hold NaN, "
                           "so packages and pulls carry it as empty (NULL); the master keeps "
                           "its NaN until the field is edited")
        return out


__all__ = ["FLOATS", "said"]
