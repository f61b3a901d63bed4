# SPDX-License-Identifier: GPL-2.0-or-later
"""What reading a file's conflicts takes of it besides their own rows: the values their rows
hold now, the rows' edits in the change log, the other conflicts on those rows, the merges
and the imports the edits came from; read set-based for many conflicts at once
(:class:`Reads`), or one at a time."""

from __future__ import annotations

import sqlite3

from ..db import chunks, marks, quote
from . import changelog, log_reads, log_values, registry
from .conflicts import IMPORTED, Conflict


class Reads:
    """What the conflicts read of the file besides their own rows: the values their rows
    hold now, the rows' edits, the other conflicts on those rows, the merges. Each is asked
    of one conflict at a time; :meth:`read_for` reads them first for many conflicts, a few
    queries for all (a listing of thousands read them one by one, several queries each).
    Read only, within one look at the file."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._tables: dict[str, registry.Tracked] | None = None
        self._me: list[str | None] = []
        self._rows: dict[str, dict[str, dict]] = {}  # table -> uuid -> its values
        self._read: dict[str, set[str]] = {}  # table -> the uuids read (those not there too)
        self._edits: dict[str, list[dict]] = {}  # row uuid -> its edits, newest first
        self._on_row: dict[str, list[tuple]] = {}  # row uuid -> its conflicts (ON_ROW)
        self._merge_of: dict[int, str | None] = {}  # conflict id -> its merge
        self._settlers: dict[int, str | None] = {}  # conflict id -> who settled it
        self._imports: dict[tuple[str, str], str | None] = {}  # (row, at) -> the file
        self._merged: dict[str, str] | None = None
        self._undone: set[str] | None = None
        self._geometry: dict[str, str | None] = {}
        self._blobs: dict[str, frozenset[str]] = {}  # (found column by column: once a table)

    @property
    def tables(self) -> dict[str, registry.Tracked]:
        """The tables the file tracks, by name."""
        if self._tables is None:
            self._tables = registry.by_name(self.conn)
        return self._tables

    @property
    def me(self) -> str | None:
        """The file's own device."""
        if not self._me:
            self._me.append(changelog.state(self.conn)["device"])
        return self._me[0]

    def read_for(self, rows: list[Conflict]) -> None:
        """Read, set-based, what :func:`~field_kit.sync.conflicts_now.as_now` and
        :meth:`imported_from` ask of ``rows``: the open ones' rows; the edits and conflicts of
        those whose value is not the one recorded (or of a whole row); the imports the
        master's own edits came from."""
        tables = self.tables
        live = [c for c in rows if c.status == "open" and c.tbl in tables]
        by_table: dict[str, set[str]] = {}
        for c in live:
            by_table.setdefault(c.tbl, set()).add(c.row_uuid)
        for tbl, uuids in by_table.items():
            self._read_rows(tables[tbl], sorted(uuids))
        looked = {c.row_uuid for c in live
                  if c.field is None or not tables[c.tbl].same(
                      c.field, c.ours, self.held(tables[c.tbl], c.row_uuid, c.field, c.ours))}
        self._read_edits(sorted(looked))
        me = self.me
        self._read_imports(sorted({(c.row_uuid, c.at) for c in rows
                                   if c.device == me and c.at}))

    def _read_rows(self, t: registry.Tracked, uuids: list[str]) -> None:
        names = list(t.column_names)
        held = self._rows.setdefault(t.name, {})
        for part in chunks(uuids):
            for r in self.conn.execute(
                    f"SELECT uuid{''.join(', ' + quote(k) for k in names)} FROM "
                    f"{quote(t.name)} WHERE uuid IN {marks(len(part))}", part):
                held[r[0]] = dict(zip(names, r[1:]))
            self._read.setdefault(t.name, set()).update(part)

    def _read_edits(self, uuids: list[str]) -> None:
        if not uuids:
            return
        sql = f"SELECT {', '.join(log_reads.CHANGE_COLUMNS)} FROM ({log_reads.log_sql(self.conn)})"
        for part in chunks(uuids):
            for row in part:
                self._edits[row] = []
                self._on_row[row] = []
            for r in self.conn.execute(f"{sql} WHERE row_uuid IN {marks(len(part))} "
                                       "ORDER BY seq DESC", part):
                edit = dict(zip(log_reads.CHANGE_COLUMNS, r))
                self._edits[edit["row_uuid"]].append(edit)
            for r in self.conn.execute(f"SELECT {', '.join(ON_ROW)} FROM sync_conflicts "
                                       f"WHERE row_uuid IN {marks(len(part))}", part):
                self._on_row[r[3]].append(r)
                self._merge_of[r[0]] = r[1]
        # the merges whose conflicts the rows' decisions settled (another row's, maybe)
        decided = sorted({int(ref) for row in uuids for e in self._edits[row]
                          for kind, _, ref in [(e["origin"] or "").partition(":")]
                          if kind == "resolve" and ref.isdigit()} - set(self._merge_of))
        for part in chunks(decided):
            self._merge_of.update(dict.fromkeys(part))
            self._merge_of.update(self.conn.execute(
                f"SELECT id, merge_id FROM sync_conflicts WHERE id IN {marks(len(part))}",
                part))

    def _read_imports(self, edits: list[tuple[str, str]]) -> None:
        wanted = set(edits)
        self._imports.update(dict.fromkeys(wanted))
        found: set = set()
        for part in chunks(sorted({row for row, _ in edits})):
            for row, at, file in self.conn.execute(
                    "SELECT row_uuid, at, substr(origin, length(?) + 2) FROM sync_changes "
                    f"WHERE row_uuid IN {marks(len(part))} AND origin LIKE ? || ':%' "
                    "ORDER BY seq", (IMPORTED, *part, IMPORTED)):
                if (row, at) in wanted and (row, at) not in found:  # (the first, as LIMIT 1)
                    found.add((row, at))
                    self._imports[(row, at)] = file

    def held(self, t: registry.Tracked, row: str, fld: str | None, said):
        """What the file holds now for a conflict (:func:`held_for`)."""
        if row not in self._read.get(t.name, ()):
            return held_for(self.conn, t, row, fld, said)
        values = self._rows[t.name].get(row)
        if t.name not in self._blobs:
            self._blobs[t.name] = t.blobs
        blobs = self._blobs[t.name]
        if fld is None:
            names = [k for k in said if k in t.column_names] if said else \
                list(t.column_names)
            return None if values is None else {k: log_values.encode(k, values[k], blobs)
                                                for k in names}
        if fld not in t.column_names:
            return said
        return None if values is None else log_values.encode(fld, values[fld], blobs)

    def exists(self, tbl: str, row: str) -> bool:
        if row not in self._read.get(tbl, ()):
            return row_exists(self.conn, tbl, row)
        return row in self._rows[tbl]

    def edits(self, row: str) -> list[dict]:
        """The row's edits in the change log, newest first."""
        if row not in self._edits:
            self._edits[row] = log_reads.log(self.conn, row_uuid=row)
        return self._edits[row]

    def by(self, edit: dict) -> str | None:
        """Who made a logged edit: a decision's change by whoever settled the conflict, as
        history names it (the change itself is the master's device's); else its device."""
        kind, _, ref = (edit["origin"] or "").partition(":")
        if kind != "resolve" or not ref.isdigit():
            return edit["device"]
        if int(ref) not in self._settlers:
            got = self.conn.execute("SELECT resolved_by FROM sync_conflicts WHERE id = ?",
                                    (int(ref),)).fetchone()
            self._settlers[int(ref)] = got[0] if got else None
        return self._settlers[int(ref)] or edit["device"]

    def on_row(self, row: str) -> list[tuple]:
        """The conflicts recorded on the row (:data:`ON_ROW`), any status."""
        if row not in self._on_row:
            self._on_row[row] = self.conn.execute(
                f"SELECT {', '.join(ON_ROW)} FROM sync_conflicts WHERE row_uuid = ?",
                (row,)).fetchall()
        return self._on_row[row]

    def merge_of(self, origin: str) -> str | None:
        """The merge an edit belongs to (:func:`merge_of`)."""
        kind, _, ref = origin.partition(":")
        ref = ref.partition(":")[0]
        if kind == "resolve" and ref.isdigit():
            if int(ref) not in self._merge_of:
                self._merge_of[int(ref)] = merge_of(self.conn, origin)
            return self._merge_of[int(ref)]
        return merge_of(self.conn, origin)

    def merged(self) -> dict[str, str]:
        """Each merge's time by the master's clock."""
        if self._merged is None:
            self._merged = dict(self.conn.execute("SELECT merge_id, at FROM sync_merges"))
        return self._merged

    def undone(self) -> set[str]:
        """The merges undone."""
        if self._undone is None:
            self._undone = {m for (m,) in self.conn.execute(
                "SELECT merge_id FROM sync_merges WHERE undone_at IS NOT NULL")}
        return self._undone

    def geometry_column(self, tbl: str) -> str | None:
        if tbl not in self._geometry:
            self._geometry[tbl] = registry.geometry_column(self.conn, tbl)
        return self._geometry[tbl]

    def imported_from(self, row: str, at: str) -> str | None:
        """The file an import took the edit of ``row`` made at ``at`` from, or None."""
        if (row, at) not in self._imports:
            self._imports[(row, at)] = _imported_from(self.conn, row, at)
        return self._imports[(row, at)]


# what :meth:`Reads.on_row` gives of each conflict on a row
ON_ROW = ("id", "merge_id", "tbl", "row_uuid", "field", "status")


def _imported_from(conn: sqlite3.Connection, row: str, at: str) -> str | None:
    """The file an import took the edit of ``row`` made at ``at`` from, or None."""
    got = conn.execute("SELECT substr(origin, length(?) + 2) FROM sync_changes WHERE "
                       "row_uuid = ? AND at = ? AND origin LIKE ? || ':%' LIMIT 1",
                       (IMPORTED, row, at, IMPORTED)).fetchone()
    return got[0] if got else None


def row_exists(conn: sqlite3.Connection, tbl: str, row: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {quote(tbl)} WHERE uuid = ?", (row,)).fetchone() \
        is not None


def held_for(conn: sqlite3.Connection, t: registry.Tracked, row: str, fld: str | None, said):
    """What the file holds now for a conflict (None when the row is not there): the field's
    value, or for a row conflict the row's values of the fields ``said`` names (all where
    it names none)."""
    if fld is None:
        names = [k for k in said if k in t.column_names] if said else list(t.column_names)
        got = conn.execute(f"SELECT 1{''.join(', ' + quote(k) for k in names)} FROM "
                           f"{quote(t.name)} WHERE uuid = ?", (row,)).fetchone()
        return None if got is None else {k: log_values.encode(k, v, t.blobs)
                                         for k, v in zip(names, got[1:])}
    if fld not in t.column_names:
        return said
    got = conn.execute(f"SELECT {quote(fld)} FROM {quote(t.name)} WHERE uuid = ?",
                       (row,)).fetchone()
    return None if got is None else log_values.encode(fld, got[0], t.blobs)


def last_delete(reads: Reads, tbl: str, row: str) -> dict | None:
    """The change log's latest delete of a row, or None."""
    return next((e for e in reads.edits(row)
                 if e["tbl"] == tbl and e["op"] == "delete"), None)


def merge_of(conn: sqlite3.Connection, origin: str) -> str | None:
    """The merge an edit belongs to: its own, or the one whose conflict it settled."""
    kind, _, ref = origin.partition(":")
    ref = ref.partition(":")[0]
    if kind == "merge":
        return ref
    if kind == "resolve" and ref.isdigit():
        got = conn.execute("SELECT merge_id FROM sync_conflicts WHERE id = ?",
                           (int(ref),)).fetchone()
        return got[0] if got else None
    return None
