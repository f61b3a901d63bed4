# SPDX-License-Identifier: GPL-2.0-or-later
"""Values an edit saved over without having seen them.

A program editing the master directly (QGIS, whose edits wait in an edit buffer until saved)
writes what its user typed, whatever the master came to hold meanwhile: a merge, or another
editor, may have changed the field after the user made the edit, or while the save waited
for a merge's lock. The capture logs both; nothing else tells that the later one never saw
the earlier. The program notes the log's top (:func:`log_top`) as each edit is made, and
after its save names the fields it saved (:func:`record`): each that another edit wrote
after that top becomes a conflict, as a merge records one: "ours" the value saved, which
the table holds, "theirs" the value it replaced (kept aside), with the device and time of
the edit that wrote it, the ancestor what the field held when the edit was made. A row
deleted after someone changed it is recorded as a merge records the delete of a row edited
before ("delete/update"). The log alone is compared: no value is read back through the
program's own types. Each row saved over is named as its conflicts are (its patch code,
project id…), for the program to tell its user which it is.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, replace

from ..db import connect, transaction
from ..errors import Refused
from ..plan.values import deleted_names, row_names
from . import changelog, log_reads, log_values, registry
from .postgis import address
from .postgis.commands import master_file
from .three_way import RESTORE

UPDATE_KIND, DELETE_KIND = "update/update", "delete/update"
# a SavedEdit's field for the layer's geometry, whatever its column is named
GEOMETRY = "(geometry)"


@dataclass(frozen=True)
class SavedEdit:
    """A field saved (``field`` None: the row deleted; :data:`GEOMETRY`: its geometry), and
    the log's top when its edit was made (:func:`log_top`). A row deleted: ``writes``, the
    fields the same save wrote to it first (QGIS writes a deleted feature's edited fields,
    then deletes it; another layer of the table may have written others in the save).
    ``name``: the row as people know it, given to those :func:`record` returns."""

    table: str
    row: str  # the row's uuid
    field: str | None
    after: int
    writes: frozenset = frozenset()
    name: str | None = None


def log_top(master, table: str) -> int | None:
    """The newest seq of a master's change log, counting edits captured and not sealed yet
    (a GeoPackage's): what an edit made now has seen. None where ``master`` is no master
    tracking ``table`` (a field package, a file or schema without capture)."""
    if address.is_postgres(master):
        pg = address.connect(str(master))
        try:  # (the server gone meanwhile: said as the connection lost, by name)
            with address.transaction(str(master), pg), pg.cursor() as cur:
                cur.execute("SELECT to_regclass('sync_tables') IS NOT NULL AND "
                            "to_regclass('sync_changes') IS NOT NULL")
                if not cur.fetchone()[0]:
                    return None
                cur.execute("SELECT EXISTS (SELECT 1 FROM sync_tables WHERE tbl = %s), "
                            "(SELECT coalesce(max(seq), 0) FROM sync_changes)", (table,))
                tracked, top = cur.fetchone()
                return int(top) if tracked else None
        finally:
            pg.close()
    conn = connect(os.fspath(master), readonly=True)
    try:
        if not changelog.is_installed(conn) or \
                changelog.state(conn)["kind"] != changelog.MASTER or \
                table not in registry.by_name(conn):
            return None
        return log_reads.last_seq(conn)
    finally:
        conn.close()


def record(master, edits: list[SavedEdit]) -> list[SavedEdit]:
    """Record a conflict for each saved edit whose field another edit wrote after the edit
    was made (and before the save); those edits, each with its row's ``name``. A master: a
    GeoPackage or PostgreSQL."""
    if not edits:
        return []
    by_row: dict[str, list[SavedEdit]] = {}
    for e in edits:
        by_row.setdefault(e.row, []).append(e)
    out: list[SavedEdit] = []
    conflicts: list[tuple] = []
    postgres = address.is_postgres(master)
    # (a PostgreSQL master's are recorded through the database's own function: GIS staff
    # may not write its conflicts themselves)
    with master_file(master, write=not postgres, needs="history", rows=list(by_row)) as path:
        conn = connect(path)
        try:
            with transaction(conn):
                changelog.seal(conn)  # (a GeoPackage's captured edits into the log)
                geometry = {t.name: t.geom for t in registry.tracked(conn) if t.geom}
                for row, mine in by_row.items():
                    for e, conflict in _found(conn, row, [
                            _named(e, geometry.get(e.table)) for e in mine
                            if e.field != GEOMETRY or e.table in geometry]):
                        out.append(e)
                        conflicts.append(conflict)
                if not postgres:
                    conn.executemany(f"INSERT INTO sync_conflicts ({', '.join(CONFLICT)}) "
                                     f"VALUES ({', '.join('?' * len(CONFLICT))})", conflicts)
        finally:
            conn.close()
        named = _names(path, list(dict.fromkeys((e.table, e.row) for e in out)))
    if postgres and conflicts:
        _record_in_postgres(str(master), conflicts)
    return [replace(e, name=named[(e.table, e.row)]) for e in out]


def _names(path: str, rows: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(table, uuid) of each of ``rows`` -> its name, as its conflicts are named (a record
    by its patch and day, a patch by its code): as the master holds it, else as it was
    when deleted; its uuid where nothing names it."""
    if not rows:
        return {}
    got = row_names(path, rows)
    gone = [k for k, v in got.items() if v is None]
    got.update(deleted_names(path, gone) if gone else {})
    return {k: v or k[1] for k, v in got.items()}


def _record_in_postgres(master: str, conflicts: list[tuple]) -> None:
    """Through ``toksun_saved_over``, which records a conflict of a save of a table the
    user may edit, logged there as an edit of that row."""
    import psycopg2
    pg = address.connect(master)
    try:
        with pg.cursor() as cur:
            for c in conflicts:
                cur.execute("SELECT toksun_saved_over(%s)", (json.dumps(dict(zip(CONFLICT, c))),))
        address.commit(master, pg)
    except psycopg2.errors.UndefinedFunction:
        raise Refused("the master's functions are from an earlier version, which cannot "
                      "record the conflicts of GIS staff's saves: they are installed by the "
                      "next field-kit command a supervisor runs on it") from None
    except psycopg2.Error as exc:
        if address.lost(pg, exc):
            raise address.connection_lost(master, exc) from None
        raise Refused(f"the database refused to record them: {str(exc).strip()}") from None
    finally:
        pg.close()


def _named(e: SavedEdit, geometry: str | None) -> SavedEdit:
    """``e`` with the geometry named by its column, as the log names it."""
    def name(field):
        return geometry if field == GEOMETRY else field
    return SavedEdit(e.table, e.row, name(e.field), e.after,
                     frozenset(name(f) for f in e.writes if f != GEOMETRY or geometry))


# the columns of a conflict recorded
CONFLICT = ("merge_id", "change_uuid", "tbl", "row_uuid", "field", "kind", "ancestor", "ours",
            "theirs", "device", "at")


def _found(conn: sqlite3.Connection, row: str, edits: list[SavedEdit]
           ) -> list[tuple[SavedEdit, tuple]]:
    """The edits of ``row`` saved over another's value, each with its conflict (CONFLICT)."""
    log = [(seq, change, op, log_values.loads(old) if old else {},
            log_values.loads(new) if new else None, device, at, origin)
           for seq, change, op, old, new, device, at, origin in conn.execute(
               "SELECT seq, change_uuid, op, old, new, device, at, origin FROM sync_changes "
               "WHERE row_uuid = ? ORDER BY seq DESC", (row,))]
    out = []
    for e in edits:
        since = [entry for entry in log if entry[0] > e.after]
        got = _deleted(since, e.writes) if e.field is None else _updated(since, e.field)
        if got is None:
            continue
        save, ancestor, ours, theirs, by = got
        out.append((e, (_merge_id(by[7]), save[1], e.table, row, e.field,
                        DELETE_KIND if e.field is None else UPDATE_KIND,
                        log_values.dumps(ancestor), log_values.dumps(ours),
                        log_values.dumps(theirs), by[5], by[6])))
    return out


def _updated(since: list, field: str) -> tuple | None:
    """(the save, ancestor, ours, theirs, the edit replaced) of a field saved over another
    edit's value, from the log since the edit was made (newest first); None for none."""
    writes = [entry for entry in since if entry[4] is not None and field in entry[4]]
    if len(writes) < 2:  # the save alone
        return None
    save, replaced = writes[0], writes[1]
    ours, theirs = save[4][field], replaced[4][field]
    if ours == theirs:  # the same value: nothing was lost
        return None
    return save, writes[-1][3].get(field), ours, theirs, replaced


def _deleted(since: list, writes: frozenset) -> tuple | None:
    """The same for a row deleted after others changed it (``writes``: the fields the save
    wrote to it before deleting it): "theirs" the values the others wrote, never the save's
    own."""
    if not since or since[0][2] != "delete":
        return None
    save, earlier = since[0], [entry for entry in since[1:] if entry[4] is not None]
    own = 0  # the save's own writes: just before its delete, edits here of those fields
    while own < len(earlier) and earlier[own][7] == "local" and \
            set(earlier[own][4]) <= writes:
        own += 1
    others = earlier[own:]
    if not others:
        return None
    fields = list(dict.fromkeys(f for entry in reversed(others) for f in entry[4]))
    ancestor = {f: next(entry[3].get(f) for entry in reversed(earlier) if f in entry[4])
                for f in fields}
    theirs = {f: next(entry[4][f] for entry in others if f in entry[4]) for f in fields}
    if theirs == ancestor:
        return None
    return save, ancestor, None, theirs, others[0]


def _merge_id(origin: str | None) -> str | None:
    """The merge an edit came with, from its origin (``merge:<id>``)."""
    if not origin or not origin.startswith("merge:"):
        return None
    return origin[len("merge:"):].removesuffix(RESTORE)


__all__ = ["SavedEdit", "log_top", "record", "UPDATE_KIND", "DELETE_KIND"]
