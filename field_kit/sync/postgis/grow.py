# SPDX-License-Identifier: GPL-2.0-or-later
"""Columns and layers a PostgreSQL master gains after init.

* A **layer added to the schema** (QGIS's DB Manager, ``ogr2ogr``, ``CREATE TABLE``) is
  tracked by the next command, as ``init`` would have: it gets a uuid, joins the template,
  gets capture triggers, and its rows are logged as inserts, so pulls bring them. One that
  cannot be tracked is recorded with the reason (``status`` names it).

* A column **added in the database** (QGIS's "Add Field" on a PostGIS layer, ``ALTER
  TABLE``) is captured by the triggers from the moment it exists (they carry any column they
  were not told to skip). The next command adopts it into the template, so stages, packages
  and pulls carry it; its ancestor for every row is its default, which must be a constant.
* A column **brought by a GIS package's merge** is added to the table in PostgreSQL as the
  package declares it, in the merge's transaction.

Either way the template is changed under its row lock and the table's capture triggers are
reinstalled to know the column. A column of a type the sync does not carry (a second
geometry, an array) is named, and every command refuses to run until it is dropped.
"""

from __future__ import annotations

import re

from ...db import file_columns, lit, quote, transaction
from ...errors import CaptureBroken
from .. import changelog, registry, schema_changes
from . import existing, publish, sql, template
from . import tables as mirror

# a default PostgreSQL shows for a constant: a literal, with casts
_CONSTANT = re.compile(r"^(NULL|true|false|-?\d+(\.\d+)?|'(?:[^']|'')*')"
                       r"(::[a-z ]+(\(\d+(,\d+)?\))?)*$")
# (table, column, GeoPackage type, SQLite default literal or None)
Column = tuple[str, str, str, "str | None"]


def added_in_database(pg, tables: dict[str, mirror.Table]) -> list[Column]:
    """Columns of the tracked tables that PostgreSQL has and the template lacks."""
    tracked = [n for n, t in tables.items() if t.tracked]
    with pg.cursor() as cur:
        cur.execute("SELECT c.relname, a.attname, format_type(a.atttypid, NULL), "
                    "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
                    "JOIN pg_class c ON c.oid = a.attrelid "
                    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = "
                    "ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, "
                    "a.attnum", (tracked,))
        found = [r for r in cur.fetchall() if r[1] not in tables[r[0]].names]
        out: list[Column] = []
        problems: list[str] = []
        for tbl, col, kind, default in found:
            decl = sql.CARRIED.get(kind)
            if decl is None:
                problems.append(f"{tbl}.{col} (of type {kind}, which the sync does not carry)")
                continue
            if default is None:
                out.append((tbl, col, decl, None))
            elif _CONSTANT.match(default):
                cur.execute(f"SELECT {default}")
                out.append((tbl, col, decl, _sqlite_literal(mirror.to_stage(cur.fetchone()[0]))))
            else:
                problems.append(f"{tbl}.{col} (its default {default} is not a constant, so "
                                "its rows have no common ancestor)")
    if problems:
        raise CaptureBroken("columns added in PostgreSQL that the sync cannot carry: "
                            + "; ".join(problems) + ". Drop them (or give a constant default) "
                            "to go on; nothing was changed")
    return out


def grow(pg, columns: list[Column], *, in_database: bool) -> None:
    """Add ``columns`` (as :func:`added_in_database` gives them) to the template and track
    them, and unless they are ``in_database`` already, to the tables in PostgreSQL; inside
    the caller's transaction."""
    with template.opened(pg, change=True) as conn:
        # under the template's lock: another command may have added some meanwhile
        todo = [c for c in columns if c[1] not in file_columns(conn, c[0])]
        with transaction(conn):
            schema_changes.adopt(conn, [(t, c, _decl(kind, d)) for t, c, kind, d in todo])
        with pg.cursor() as cur:
            if in_database:  # (a merge writes back its own registry, with the rest)
                _mirror_registry(cur, conn, {c[0] for c in columns})
            else:
                for tbl, col, kind, default in todo:
                    cur.execute(f"ALTER TABLE {quote(tbl)} ADD COLUMN IF NOT EXISTS "
                                f"{quote(col)} {sql.column_type(kind)}"
                                + (f" DEFAULT {_pg_default(kind, default)}" if default else ""))
            publish.install_triggers(cur, conn, {c[0] for c in columns})


def _decl(kind: str, default: str | None) -> str:
    return kind if default is None else f"{kind} DEFAULT {default}"


def _pg_default(kind: str, default: str) -> str:
    if sql.column_type(kind) == "boolean" and default.upper() != "NULL":
        return "false" if default in ("0", "'0'") else "true"
    return default


def _sqlite_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return repr(value)
    return lit(str(value))


def adopt_new(pg, tables: dict[str, mirror.Table]) -> bool:
    """Track the layers and columns added to the schema since the last command (``tables``:
    the template's), in the caller's transaction; whether there were any."""
    added = tables_added(pg, tables)
    if added:
        adopt_tables(pg, added)
    columns = added_in_database(pg, tables)
    if columns:
        grow(pg, columns, in_database=True)
    return bool(added or columns)


def tables_added(pg, known) -> list[str]:
    """The tables (and views, which are named as untracked) of the schema the master
    neither holds nor records as untracked."""
    found = existing.relations(
        pg, "rpvmf", "AND relname <> ALL(%s) AND relname NOT IN (SELECT tbl FROM "
        "sync_untracked)", (["spatial_ref_sys", *registry.QGIS_TABLES, *registry.SYNC_TABLES],))
    return [n for n in found if n not in known]


def adopt_tables(pg, names: list[str]) -> dict[str, str | None]:
    """Track the tables ``names`` of the schema: table -> None, or the reason it is not
    (then recorded untracked). Inside the caller's transaction."""
    with template.opened(pg, change=True) as conn:
        have = {t.name for t in mirror.mirrored(conn)}
        names = [n for n in names if n not in have]  # another command may have been first
        found = existing.describe(pg)
        others = existing.not_tables(pg)
        out: dict[str, str | None] = {
            n: (found[n]["problem"] or existing.give_uuids(pg, n)) if n in found else
            others.get(n, "not a table the sync can read") for n in names}
        with transaction(conn):
            existing.add_tables(conn, pg, {n: found[n] for n in names if out[n] is None})
            for n in names:
                added = out[n] is None
                why = changelog.track(conn, n) if added else out[n]
                if why is not None:
                    out[n] = why
                    registry.untrack(conn, n, why)
                    if added:  # (a reserved name may be the template's own table)
                        _leave_out(conn, n)
        tracked = registry.by_name(conn)
        with pg.cursor() as cur:
            _mirror_registry(cur, conn, names)
            new = [n for n in names if n in tracked]
            publish.install_triggers(cur, conn, new)
            if new:
                cur.execute(sql.LOG_LOCK)
            for n in new:
                cur.execute(sql.inserts_sql(tracked[n], file_columns(conn, n)))
    return out


def _leave_out(conn, name: str) -> None:
    """A table that is not tracked stays out of the template (a stage would copy it)."""
    conn.execute(f"DROP TABLE IF EXISTS {quote(name)}")
    for meta in ("gpkg_contents", "gpkg_geometry_columns"):
        conn.execute(f"DELETE FROM {meta} WHERE table_name = ?", (name,))


def _mirror_registry(cur, conn, names) -> None:
    """The template's registry rows of the tables ``names``, in its mirror in PostgreSQL (a
    stage copies the registry from there)."""
    for n in names:
        cur.execute("DELETE FROM sync_tables WHERE tbl = %s; DELETE FROM sync_untracked "
                    "WHERE tbl = %s", (n, n))
        for table, cols in (("sync_tables", "tbl, geom, columns"),
                            ("sync_untracked", "tbl, reason")):
            for row in conn.execute(f"SELECT {cols} FROM {table} WHERE tbl = ?", (n,)):
                cur.execute(f"INSERT INTO {table} ({cols}) VALUES "
                            f"({', '.join(['%s'] * len(row))})", row)
