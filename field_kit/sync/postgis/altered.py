# SPDX-License-Identifier: GPL-2.0-or-later
"""Schema changes made in a PostgreSQL master that capture cannot follow by itself: a
tracked table dropped or renamed, a column dropped, renamed or given another type.

Every command looks first (:func:`find`) and stops with exit 8, naming them, where there
are any (but for a table dropped, which a command that only reads reads past, warned): the
stage would read columns that are no longer there, or carry values under a type the
packages do not hold. ``field-kit repair`` follows them (:func:`follow`): a table
dropped is no longer tracked; a table renamed is tracked under its new name (its triggers
went with it); a column dropped is no longer tracked, and one renamed is tracked under its
new name with its values logged, so pulls bring them; a column of another type is
recorded with it. A type is another where format_type shows it otherwise, its length,
precision or scale included (``numeric(12,1)`` for ``double precision``, ``varchar(20)`` for
``varchar(50)``, ``timestamptz`` for ``timestamp``): PostgreSQL converts the values it
holds, without an edit any trigger sees.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from ...db import lit, quote, transaction
from ...errors import CaptureBroken
from .. import (
    changelog,
    column_edits,
    conflicts,
    geometry_named,
    log_values,
    registry,
    schema_changes,
    triggers,
)
from . import grow, sql
from . import tables as mirror

TABLE_GONE, TABLE_RENAMED = "table dropped", "table renamed"
COLUMN_GONE, TYPE_CHANGED = "column dropped or renamed", "column type changed"


@dataclass(frozen=True)
class Change:
    table: str
    kind: str
    column: str | None = None
    now: str | None = None  # the table's new name, or the column's new type

    def __str__(self) -> str:
        if self.kind == TABLE_GONE:
            return f"table {self.table} was dropped (or moved out of the schema)"
        if self.kind == TABLE_RENAMED:
            return f"table {self.table} was renamed to {self.now}"
        if self.kind == COLUMN_GONE:
            return f"column {self.column} of {self.table} was dropped or renamed"
        return f"column {self.column} of {self.table} was changed to type {self.now}"


def schema_columns(pg) -> dict[str, dict[str, tuple[str, str]]]:
    """The schema's tables: name -> column -> (type as format_type shows it, with its
    length, precision or scale; base type)."""
    with pg.cursor() as cur:
        cur.execute("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
                    "t.typname "
                    "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND "
                    "a.attnum > 0 AND NOT a.attisdropped JOIN pg_type t ON t.oid = a.atttypid "
                    f"WHERE c.relnamespace = {sql.HERE} AND c.relkind = 'r' ORDER BY a.attnum")
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for tbl, col, kind, base in cur.fetchall():
            out.setdefault(tbl, {})[col] = (kind, base)
    return out


@dataclass(frozen=True)
class _Captured:
    columns: list[str]  # the columns its capture trigger was told of
    types: dict[str, str]  # their types when it was installed (none: an earlier version's)


def _captured(pg) -> dict[str, _Captured]:
    """The schema's tables carrying a capture trigger, by name (see ``sql.triggers_sql``)."""
    with pg.cursor() as cur:
        cur.execute("SELECT c.relname, t.tgargs FROM pg_trigger t JOIN pg_class c ON c.oid = "
                    f"t.tgrelid WHERE c.relnamespace = {sql.HERE} AND "
                    "t.tgname = 'toksun_capture'")
        out = {}
        for name, args in cur.fetchall():
            parts = bytes(args).split(b"\0")[:-1]  # each argument ends with a NUL
            out[name] = _Captured(json.loads(parts[1]) if len(parts) > 1 else [],
                                  json.loads(parts[4]) if len(parts) > 4 else {})
    return out


def find(pg, conn: sqlite3.Connection) -> list[Change]:
    """What changed in the schema of the tables the template ``conn`` tracks, read only."""
    have = schema_columns(pg)
    held = {t.name: t for t in mirror.mirrored(conn)}
    captured = _captured(pg)
    out: list[Change] = []
    gone = [t for t in registry.tracked(conn) if t.name not in have]
    if gone:  # a renamed table took its capture trigger along, told of the same columns
        elsewhere = {n: c.columns for n, c in captured.items() if n not in held}
        for t in gone:
            same = [n for n, cols in elsewhere.items() if cols == t.column_names]
            out.append(Change(t.name, TABLE_RENAMED, now=same[0]) if len(same) == 1
                       else Change(t.name, TABLE_GONE))
    for t in registry.tracked(conn):
        cols = have.get(t.name)
        if cols is None:
            continue
        for c in [*held[t.name].pk, registry.KEY, *t.column_names]:
            if c not in cols:
                out.append(Change(t.name, COLUMN_GONE, c))
        # the types the capture trigger recorded: any other may have changed the values
        # PostgreSQL holds (rounded, cut, shifted to another time zone) with no edit logged
        recorded = captured[t.name].types if t.name in captured else {}
        for c, decl in t.columns:
            if c not in cols:
                continue
            kind, base = cols[c]
            if c == t.geom:
                if base != "geometry":
                    out.append(Change(t.name, TYPE_CHANGED, c, kind))
            elif base == "geometry" or not sql.same_kind(decl, kind) or recorded.get(
                    c, kind) != kind:
                out.append(Change(t.name, TYPE_CHANGED, c, kind))
    return list(dict.fromkeys(out))


def columns_gone(pg) -> list[Change]:
    """The columns dropped or renamed (by psql, say) from the tables capture tracks, as
    :func:`find` names them, read from the catalog and the capture triggers alone (no
    template): cheap enough for a face to look often; the next command says all of
    :func:`find`."""
    have = schema_columns(pg)
    return [Change(tbl, COLUMN_GONE, c) for tbl, got in sorted(_captured(pg).items())
            if tbl in have for c in got.columns if c not in have[tbl]]


def raise_if_any(changes: list[Change]) -> None:
    if changes:
        raise CaptureBroken(
            "the schema of the PostgreSQL master changed where capture cannot follow: "
            f"{'; '.join(map(str, changes))}. Edits may be missing from the log, and "
            "checkouts and merges would fail: run field-kit repair on the master; nothing "
            "was changed")


@dataclass
class Followed:
    said: list[str]  # what repair did, one line each
    unvouched: list[str]  # what it cannot vouch for, one line each
    # tables made again without their uuid column (``ogr2ogr -overwrite``): taken out of
    # the template, to be tracked again as they are now (:func:`track_rewritten`)
    rewritten: list[str] = field(default_factory=list)


def follow(pg, conn: sqlite3.Connection, changes: list[Change]) -> Followed:
    """Bring the template ``conn`` (opened to change) and the registry in PostgreSQL up to
    date with ``changes``, in the caller's transaction."""
    out = Followed([], [])
    held = {t.name: t for t in mirror.mirrored(conn)}
    touched: set[str] = set()
    renamed: dict[str, str] = {}
    dropped: set[str] = set()
    gone: list[tuple[str, str]] = []  # columns dropped (or renamed), as a master remembers
    # a table there without its uuid column was made again by another tool: its rows are
    # new, whatever else of it changed
    remade = sorted({ch.table for ch in changes if ch.kind == COLUMN_GONE and
                     ch.column == registry.KEY})
    with transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for tbl in remade:
            was = held[tbl].geom
            now = _geometry_now(pg, tbl)
            # its columns not there any more, as a GeoPackage master remembers them: a
            # package's edits of one are refused, not added back beside those there now
            for col in [str(ch.column) for ch in changes if ch.table == tbl and ch.kind ==
                        COLUMN_GONE and ch.column not in (*held[tbl].pk, registry.KEY)]:
                if was is not None and col == was[0] and now is not None:
                    # its geometry under another name: one geometry (geometry_named)
                    if int(now[1]) == int(was[1]):
                        out.said.append(geometry_named.renamed_said(tbl, col, now[0]))
                    else:
                        out.unvouched.append(
                            f"{tbl}.{col}: its shapes are in {now[0]} now, in SRID {now[1]} "
                            f"(SRID {was[1]} before): field packages checked out before hold "
                            "them in the other: check them out again")
                    continue
                gone.append((tbl, col))
                out.said.append(f"no longer tracked: column {col} of {tbl} (dropped or "
                                "renamed)")
                out.unvouched.append(f"{tbl}.{col}: field packages' edits to it are refused "
                                     "at merge, by name: check them out again")
            _forget(conn, tbl)
            grow.leave_out(conn, tbl)  # (described again from the database, as a new layer)
            conn.execute("DELETE FROM sync_tables WHERE tbl = ?", (tbl,))
            conn.execute("DELETE FROM sync_untracked WHERE tbl = ?", (tbl,))
            dropped.add(tbl)
            out.rewritten.append(tbl)
        for ch in changes:
            t = held[ch.table]
            if ch.table in dropped:
                continue
            if ch.kind == COLUMN_GONE and ch.column in (*t.pk, registry.KEY):
                ch = Change(ch.table, TABLE_GONE, now=f"its column {ch.column} was dropped "
                            "or renamed: rows have no key to be found by")
            if ch.kind in (TABLE_GONE, TABLE_RENAMED):
                _forget(conn, ch.table)
            if ch.kind == TABLE_GONE:
                why = ch.now or registry.SCHEMA_GONE
                registry.untrack(conn, ch.table, why)
                grow.leave_out(conn, ch.table)
                dropped.add(ch.table)
                touched.discard(ch.table)
                out.said.append(f"no longer tracked: {ch.table} ({why})")
                if ch.now is None:  # (as a GeoPackage master's layer gone: registry.dropped)
                    out.said.append(
                        f"{ch.table} is gone from this master: it is tracked no more, and a "
                        "field package's edits of it are refused at merge, each by name, the "
                        "package's other edits going in")
                    with pg.cursor() as cur:  # its open conflicts: nothing left to settle
                        cur.execute("UPDATE sync_conflicts SET status = %s, resolved_at = %s "
                                    "WHERE tbl = %s AND status = 'open'",
                                    (conflicts.DROPPED, changelog.now(), ch.table))
                        if cur.rowcount:
                            out.said.append(conflicts.closed_with_layer(ch.table,
                                                                        cur.rowcount))
                else:
                    out.unvouched.append(
                        f"{ch.table}: field packages' edits to it cannot be merged any more; "
                        "edits made to it in the database since the last pull are in the log "
                        "but reach no package")
            elif ch.kind == TABLE_RENAMED:
                new = str(ch.now)
                _rename(conn, ch.table, new)
                renamed[ch.table] = new
                touched.add(new)
                out.said.append(f"tracked under its new name: {ch.table} is now {new}")
                out.unvouched.append(
                    f"{new}: field packages checked out before hold it as {ch.table}; their "
                    f"edits to {ch.table} cannot be merged: check them out again")
            elif ch.kind == COLUMN_GONE:
                _drop_column(conn, ch.table, str(ch.column))
                touched.add(ch.table)
                gone.append((ch.table, str(ch.column)))
                out.said.append(f"no longer tracked: column {ch.column} of {ch.table} "
                                "(dropped or renamed)")
                out.unvouched.append(
                    f"{ch.table}.{ch.column}: field packages' edits to it are refused at "
                    "merge, by name: check them out again")
            else:
                decl = sql.carried(str(ch.now))
                if decl is None:
                    out.unvouched.append(
                        f"{ch.table}.{ch.column}: its type {ch.now} is not one the sync "
                        "carries: change it back or drop the column")
                    continue
                _drop_column(conn, ch.table, str(ch.column))
                conn.execute(f"ALTER TABLE {quote(ch.table)} ADD COLUMN {quote(str(ch.column))} "
                             f"{decl}")
                touched.add(ch.table)
                out.said.append(f"column {ch.column} of {ch.table} recorded as {decl} "
                                f"({ch.now} in PostgreSQL)")
                out.unvouched.append(
                    f"{ch.table}.{ch.column}: field packages checked out before hold it as "
                    "its earlier type: check them out again"
                    if sql.column_type(t.decl(str(ch.column))) != sql.column_type(decl) else
                    f"{ch.table}.{ch.column}: field packages checked out before hold its "
                    f"values as they were before PostgreSQL converted them to {ch.now} (no "
                    "edit was logged): check them out again")
        for name in sorted(touched):
            triggers.track(conn, name)
    tables = {t.name: t for t in mirror.mirrored(conn) if t.name in touched}
    added = grow.added_in_database(pg, tables)
    if added:  # a column renamed: tracked under its new name, its values logged
        with transaction(conn):
            schema_changes.adopt(conn, [(t, c, grow.declared(k, d)) for t, c, k, d in added])
    left = [ch.table for ch in changes if ch.table not in renamed]
    with pg.cursor() as cur:
        if gone:  # a package checked out before still has them: its edits of them refused
            _remember_gone(cur, gone)
            out.said += _grants_follow(pg, cur, held, gone)
        for old, new in renamed.items():
            cur.execute("UPDATE sync_roles SET tbl = %s WHERE tbl = %s", (new, old))
        grow.mirror_registry(cur, conn, {*left, *renamed, *touched})
        from .publish import install_triggers
        install_triggers(cur, conn, touched)
        tracked = registry.by_name(conn)
        for tbl, col, _, default in added:
            n = _log_values(cur, conn, tracked[tbl], col, default)
            out.said.append(f"tracked: column {col} of {tbl} (added or renamed), "
                            f"{n} value{'' if n == 1 else 's'} logged for field packages")
    return out


def track_rewritten(pg, followed: Followed) -> None:
    """Track the tables :func:`follow` found rewritten again as they are now, as a layer
    added to the schema is (their rows given uuids and logged as inserts), and record the
    rewrite in the master's sync_meta as a GeoPackage master does
    (:func:`field_kit.sync.rewritten.note`), in the caller's transaction (after the
    template :func:`follow` changed is stored)."""
    if not followed.rewritten:
        return
    why = grow.adopt_tables(pg, followed.rewritten)
    for tbl in followed.rewritten:
        if why.get(tbl) is not None:
            followed.said.append(f"no longer tracked: {tbl} ({why[tbl]})")
            followed.unvouched.append(
                f"{tbl}: field packages' edits to it cannot be merged any more; "
                "edits made to it in the database since the last pull are in the log "
                "but reach no package")
    with pg.cursor() as cur:
        followed.said += grow.note_rewritten(
            cur, [t for t in followed.rewritten if why.get(t) is None])


def _geometry_now(pg, tbl: str) -> tuple[str, int] | None:
    """The geometry column of ``tbl`` in the database now and its SRID, where it has one."""
    with pg.cursor() as cur:
        cur.execute("SELECT f_geometry_column, srid FROM geometry_columns WHERE "
                    "f_table_schema = current_schema() AND f_table_name = %s", (tbl,))
        got = cur.fetchall()
    return (str(got[0][0]), int(got[0][1])) if len(got) == 1 else None


def _remember_gone(cur, columns: list[tuple[str, str]]) -> None:
    """Record in the master (its sync_meta in PostgreSQL, which every stage copies) the
    columns gone, as a GeoPackage master remembers those dropped or renamed
    (:func:`field_kit.sync.column_edits.gone`)."""
    cur.execute("SELECT value FROM sync_meta WHERE key = %s", (column_edits.GONE,))
    got = cur.fetchone()
    record = json.loads(got[0]) if got and got[0] else {}
    for tbl, col in columns:
        record.setdefault(tbl, {})[col] = {"at": changelog.now()}
    cur.execute("DELETE FROM sync_meta WHERE key = %s", (column_edits.GONE,))
    cur.execute("INSERT INTO sync_meta (key, value) VALUES (%s, %s)",
                (column_edits.GONE, json.dumps(record, ensure_ascii=False, sort_keys=True)))


def _grants_follow(pg, cur, held: dict[str, mirror.Table], gone: list[tuple[str, str]]
                   ) -> list[str]:
    """The grants of the columns ``gone`` follow them, as a GeoPackage master's do
    (:func:`field_kit.sync.column_edits.grants_follow`): to the column now in the place of
    one, of its type (PostgreSQL renames in place), else taken back. What is said of each."""
    now = schema_columns(pg)
    renamed: dict[tuple[str, str], str] = {}
    for tbl in dict.fromkeys(t for t, _ in gone):
        found = column_edits.renamed_in_place(list(held[tbl].columns),
                                              [(c, k) for c, (k, _) in now.get(tbl, {}).items()],
                                              sql.same_kind)
        renamed.update({(tbl, old): new for old, new in found.items()})
    said = []
    for tbl, col in gone:
        cur.execute("SELECT DISTINCT role FROM sync_roles WHERE tbl = %s AND col = %s ORDER BY "
                    "role", (tbl, col))
        roles = ", ".join(r for (r,) in cur.fetchall())
        new = renamed.get((tbl, col))
        column_edits.grants_follow(cur.execute, tbl, col, new, "%s")
        if roles:
            said.append(f"grants of column {col} of {tbl} follow its new name {new}: {roles}"
                        if new else f"grants of column {col} of {tbl} taken back with it: "
                        f"{roles}")
    return said


def _forget(conn: sqlite3.Connection, tbl: str) -> None:
    """Take a table's triggers and spatial index out of the template (a renamed table's
    index would keep the old name; packages read without one)."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                "tbl_name = ?", (tbl,)).fetchall():
        conn.execute(f"DROP TRIGGER {quote(name)}")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                "sql LIKE 'CREATE VIRTUAL TABLE%' AND name LIKE ? ESCAPE '\\'",
                                ("rtree\\_" + tbl.replace("_", "\\_") + "\\_%",)).fetchall():
        conn.execute(f"DROP TABLE {quote(name)}")  # its shadow tables go with it
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_extensions'").fetchone():
        conn.execute("DELETE FROM gpkg_extensions WHERE table_name = ?", (tbl,))


def _rename(conn: sqlite3.Connection, old: str, new: str) -> None:
    conn.execute(f"ALTER TABLE {quote(old)} RENAME TO {quote(new)}")
    for meta in ("gpkg_contents", "gpkg_geometry_columns"):
        conn.execute(f"UPDATE {meta} SET table_name = ? WHERE table_name = ?", (new, old))
    conn.execute("UPDATE gpkg_contents SET identifier = ? WHERE table_name = ? AND "
                 "identifier = ?", (new, new, old))
    conn.execute("UPDATE sync_tables SET tbl = ? WHERE tbl = ?", (new, old))
    conn.execute("UPDATE sync_roles SET tbl = ? WHERE tbl = ?", (new, old))


def _drop_column(conn: sqlite3.Connection, tbl: str, col: str) -> None:
    """Drop a column from the template's (empty) table, and what names it there."""
    triggers.drop_triggers(conn, tbl)
    if col == registry.geometry_column(conn, tbl):
        _forget(conn, tbl)
        conn.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = ?", (tbl,))
        conn.execute("UPDATE gpkg_contents SET data_type = 'attributes' WHERE table_name = ?",
                     (tbl,))
    for (index,) in conn.execute(
            "SELECT DISTINCT l.name FROM pragma_index_list(?) l, pragma_index_info(l.name) i "
            "WHERE i.name = ? AND l.origin = 'c'", (tbl, col)).fetchall():
        conn.execute(f"DROP INDEX {quote(index)}")
    conn.execute(f"ALTER TABLE {quote(tbl)} DROP COLUMN {quote(col)}")


def _log_values(cur, conn: sqlite3.Connection, t: registry.Tracked, col: str,
                default: str | None) -> int:
    """Log every row's value of ``col`` that is not its default as an update from the
    default (the column's ancestor in every package), as adopting a column does in a
    GeoPackage master."""
    (dflt,) = conn.execute(f"SELECT {default or 'NULL'}").fetchone()
    old = log_values.dumps({col: log_values.encode(col, dflt, t.blobs)})
    value = (f"toksun_log_value(to_jsonb(t.{quote(col)}), {'true' if t.is_blob(col) else 'false'})")
    cur.execute(f"INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, "
                f"at, origin) SELECT gen_random_uuid()::text, {lit(t.name)}, t.uuid, 'update', "
                f"{lit(old)}, toksun_log_text(jsonb_build_object({lit(col)}, {value}), "
                f"{lit(quote(t.name))}::regclass), toksun_device(), "
                f"toksun_now(), 'local' FROM {quote(t.name)} t WHERE "
                f"({value}) IS DISTINCT FROM "
                f"{lit(log_values.dumps(log_values.encode(col, dflt, t.blobs)))}"
                f"::jsonb ORDER BY t.uuid")
    return cur.rowcount
