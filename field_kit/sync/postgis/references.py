# SPDX-License-Identifier: GPL-2.0-or-later
"""Foreign keys between a PostgreSQL master's tracked tables, on an integer key.

Rows are matched by their uuid; each copy (the master, every field package) numbers its own
integer keys. A row a field package inserts is given the next number of the master's
sequence when it is merged, which is not the number it had in the package. A reference to it
by that number, written in the package (``parent_id``), then refers to another row of the
master, or to none, without anything failing. Refer to rows by uuid instead. :func:`said`
names each such foreign key, for ``init`` and ``status`` (:func:`line` of a GeoPackage
master's too)."""

from __future__ import annotations

from . import address, sql


def said(pg) -> list[str]:
    """One line for each foreign key from a tracked table to a tracked table's own numbered
    key."""
    if not address.holds_master(pg):
        return []
    with pg.cursor() as cur:
        cur.execute(
            "SELECT f.conrelid::regclass::text, c.relname, (SELECT string_agg(a.attname, ', ' "
            "ORDER BY k.n) FROM unnest(f.conkey) WITH ORDINALITY k(num, n) JOIN pg_attribute a "
            "ON a.attrelid = f.conrelid AND a.attnum = k.num), r.relname, rk.attname "
            "FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid "
            "JOIN pg_class r ON r.oid = f.confrelid "
            "JOIN pg_index i ON i.indrelid = f.confrelid AND i.indisprimary AND i.indnatts = 1 "
            "JOIN pg_attribute rk ON rk.attrelid = f.confrelid AND rk.attnum = i.indkey[0] "
            "WHERE f.contype = 'f' AND f.confkey = ARRAY[i.indkey[0]]::int2[] AND "
            f"c.relnamespace = {sql.HERE} AND r.relnamespace = "
            f"{sql.HERE} AND c.relname IN (SELECT tbl FROM sync_tables) AND "
            "r.relname IN (SELECT tbl FROM sync_tables) AND format_type(rk.atttypid, NULL) IN "
            "('integer', 'bigint', 'smallint') ORDER BY c.relname, f.conname")
        found = cur.fetchall()
    return [line(tbl, cols, ref, key) for _, tbl, cols, ref, key in found]


def line(tbl: str, cols: str, ref: str, key: str) -> str:
    """What ``init`` and ``status`` say of the foreign key ``tbl.cols`` to ``ref.key``."""
    return (f"{tbl}.{cols} refers to {ref}.{key}, a key each copy numbers for itself: a row a "
            f"field package inserts into {ref} gets another {key} in the master, so the "
            f"package's {tbl} rows that refer to it by {key} refer to another row or none "
            f"after the merge, without an error; refer to rows by uuid")


__all__ = ["line", "said"]
