# SPDX-License-Identifier: GPL-2.0-or-later
"""NaN in a PostgreSQL master's real, double precision and numeric columns.

A GeoPackage (SQLite) cannot hold NaN: SQLite stores it as NULL, and so do GDAL and QGIS
when they write one into a GeoPackage. The sync does the same, by one rule, and says so:
a NaN travels as empty (NULL) into packages, the change log and pulls; the master keeps its
NaN until someone edits that field. ``init``, ``checkout`` and ``pull`` name the rows and
fields that hold one (:func:`said`)."""

from __future__ import annotations

from ...db import quote
from . import address, sql

# the types whose values may be NaN
FLOATS = ("real", "double precision", "numeric")
# how many rows of a field are named before "… N in all"
_SHOWN = 5
_COUNTED = 100_000  # rows read at the most to count them


def said(pg, since: int | None = None) -> list[str]:
    """One line for each tracked table of the schema with NaN in some field: the fields, and
    the rows by their key. Nothing where no field holds NaN. ``since``: only the rows
    changed after that seq of the log (what a pull brings; a checkout said the rest), read
    through the log's index, not the whole table. One pass over each table either way."""
    if not address.holds_master(pg):
        return []
    with pg.cursor() as cur:
        cur.execute(
            "SELECT c.relname, a.attname, (SELECT k.attname FROM pg_index i JOIN pg_attribute k "
            "ON k.attrelid = i.indrelid AND k.attnum = i.indkey[0] WHERE i.indrelid = c.oid AND "
            "i.indisprimary LIMIT 1) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            f"WHERE c.relnamespace = {sql.HERE} AND c.relname IN (SELECT tbl "
            "FROM sync_tables) AND a.attnum > 0 AND NOT a.attisdropped AND "
            "format_type(a.atttypid, NULL) = ANY(%s) ORDER BY c.relname, a.attnum",
            (list(FLOATS),))
        columns: dict[str, tuple[str, list[str]]] = {}
        for tbl, col, key in cur.fetchall():
            columns.setdefault(tbl, (key or "uuid", []))[1].append(col)
        out = []
        for tbl, (key, cols) in columns.items():
            nan = [f"{quote(c)} = 'NaN'" for c in cols]
            where = " OR ".join(nan)
            args: tuple = ()
            if since is not None:
                where = f"({where}) AND uuid IN (SELECT row_uuid FROM sync_changes WHERE " \
                        "seq > %s AND tbl = %s)"
                args = (since, tbl)
            cur.execute(f"SELECT {quote(key)}::text, {', '.join(nan)} FROM {quote(tbl)} "
                        f"WHERE {where} ORDER BY 1 LIMIT {_COUNTED + 1}", args)
            got = cur.fetchall()
            held: dict[str, list[str]] = {}
            for row in got[:_COUNTED]:
                for col, is_nan in zip(cols, row[1:]):
                    if is_nan:
                        held.setdefault(col, []).append(row[0])
            more = " or more" if len(got) > _COUNTED else ""
            fields = [f"{col} (rows {key} {', '.join(rows[:_SHOWN])}"
                      + (f", … {len(rows)}{more} in all" if len(rows) > _SHOWN else "") + ")"
                      for col, rows in held.items()]
            if fields:
                out.append(f"{tbl}: NaN in {'; '.join(fields)}: a GeoPackage cannot hold NaN, "
                           "so packages and pulls carry it as empty (NULL); the master keeps "
                           "its NaN until the field is edited")
        return out


__all__ = ["FLOATS", "said"]
