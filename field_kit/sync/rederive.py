# SPDX-License-Identifier: GPL-2.0-or-later
"""The area and centre of a plan feature follow the geometry the sync core writes.

QGIS recomputes them whenever it saves a geometry (the plugin). Where the core writes a
plan feature's geometry itself (settling a conflict, merging an edit that came without them
from QField or ogr2ogr, undoing a merge whose shape came without them and whose area was
set by hand since) it recomputes them from the geometry written with the same code
(:mod:`field_kit.plan.derived`), in the same transaction, and logs what changed like any
other edit: history shows it and the packages pull it (an undo of a merge made since takes
them back with the shape, as it takes back any value). A pull keeps them those of the
geometry a package holds as its own edit.

Only the plan's tables with those columns are looked at, never a county's own layers. A
geometry the core cannot read as longitude and latitude (a layer in a Gauss-Krüger zone an
earlier version took, a PostGIS layer in metres: there is no transformation in the
standard library) is left with the values it has, and said (:func:`said`). A feature left
with no geometry (or none with a polygon) has no area and no centre: they are emptied.

In a merge a shape that came without them is taken as if it had been saved in QGIS: its
area and centre are those of the shape, as of the time of its edit, unless an edit of them
is later than the shape's (an area typed afterwards); so any merge order ends with the same
table, as for every other field.

A shape written in the master itself outside QGIS (the sqlite3 shell, ``ogr2ogr``, a GDAL
script; psql in a PostgreSQL master) is taken the same way by the next command that reads
or sends the master's data (:func:`follow_file`, :meth:`Shapes.captured`): the master's log
is looked at once, from the seq ``sync_meta`` keeps under :data:`FOLLOWED_UP_TO` on. The
same look follows the codes changed there (:func:`field_kit.sync.codes_follow.in_master`):
and the periods of the patches whose phase was changed there
(:func:`field_kit.sync.phase_period.merged`): what it did is said with the shapes
(:func:`said`).
"""

from __future__ import annotations

import os
import sqlite3
import struct
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from ..bilingual import counted
from ..db import chunks, connect, marks, quote, table_exists, transaction
from ..plan import coordinates, geometry
from ..plan.derived import crossing, derived_columns, derived_values
from ..plan.values import NAME_COLUMNS
from . import (
    capture_switch,
    changelog,
    codes_follow,
    json_fields,
    log_reads,
    log_values,
    phase_period,
    registry,
)
from .three_way import Applier

# the ids of the changes that make a merged shape's area and centre follow it
_FOLLOWING = uuid.UUID("5f0c1b7e-3a52-4c1d-9e8b-2f6a7d4c0e91")
# sync_meta: the seq up to which the master's own edits of a shape have been looked at
FOLLOWED_UP_TO = "shapes_followed_up_to"


@dataclass(frozen=True)
class Followed:
    """A feature whose geometry the core wrote: the derived fields it recomputed (or
    ``emptied``, the feature having no geometry to measure), or, with ``why``, those it
    left as they were and why."""

    table: str
    row: str
    name: str | None
    fields: tuple[str, ...]
    why: str | None = None
    emptied: bool = False

    def said(self) -> str:
        """One line: what became of the feature's area and centre."""
        who = f"{self.table} {self.row}" + (f" ({self.name})" if self.name else "")
        if self.why is not None:
            return (f"{who}: {', '.join(self.fields)} not recomputed from its geometry: "
                    f"{self.why}; left as they were")
        if self.emptied:
            return f"{who}: {', '.join(self.fields)} emptied: it has no geometry to measure"
        return f"{who}: {', '.join(self.fields)} recomputed from its geometry"


def said(followed: list, *, each: bool = False) -> list[str]:
    """What became of the area and centre of the shapes written, a line each: those
    recomputed each (``each``) or counted by table, then every feature emptied, and every
    one not recomputed, with why; first, the codes the same look followed
    (:class:`codes_follow.Followed`, :class:`phase_period.Period`), each by its own line."""
    coded = [f.said() for f in followed if not isinstance(f, Followed)]
    followed = [f for f in followed if isinstance(f, Followed)]
    done = [f for f in followed if f.why is None and not f.emptied]
    if each:
        out = [f.said() for f in done]
    else:
        tables: dict[str, tuple[dict, int]] = {}  # table -> (fields, features)
        for f in done:
            fields, n = tables.get(f.table, ({}, 0))
            tables[f.table] = ({**fields, **dict.fromkeys(f.fields)}, n + 1)
        out = [f"{t}: {', '.join(fields)} recomputed from their geometry for "
               f"{counted(n, 'feature')}" for t, (fields, n) in tables.items()]
    return coded + out + [f.said() for f in followed if f.why is not None or f.emptied]


class Shapes:
    """The derived fields of the rows of one open file, recomputed from their geometry;
    what it did to each row is kept in :attr:`followed`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.followed: list[Followed] = []
        # the codes (and the periods of phases) the look at the master's own edits followed
        # (:meth:`captured`)
        self.codes_followed: list = []
        self._systems: dict[int, coordinates.LayerCRS] | None = None

    def _system(self, srs_id: int) -> coordinates.LayerCRS:
        if self._systems is None:
            try:
                rows = self.conn.execute(
                    "SELECT srs_id, organization, organization_coordsys_id, srs_name FROM "
                    "gpkg_spatial_ref_sys").fetchall()
            except sqlite3.OperationalError:
                rows = []
            self._systems = {int(s): coordinates.LayerCRS("", int(s), org or "NONE", code,
                                                          name or "")
                             for s, org, code, name in rows}
        # (a PostGIS SRID the master's GeoPackage does not list: known by its number alone)
        return self._systems.get(srs_id) or coordinates.LayerCRS(
            "", srs_id, "SRID", srs_id, "a coordinate system the master does not define")

    def tables(self) -> list[registry.Tracked]:
        """The tracked tables of the file with fields derived from their geometry."""
        return [t for t in registry.tracked(self.conn)
                if t.geom is not None and set(derived_columns(t.name)) & set(t.column_names)]

    def values(self, t: registry.Tracked, row: str, held: dict,
               columns: Iterable[str] | None = None) -> dict:
        """The derived fields (of ``columns``, or all) of ``t``'s row ``row`` to write for
        the geometry ``held`` gives (the row's values as the log holds them, after the
        write): those that differ. A row whose geometry cannot be read as longitude and
        latitude gets none, and is kept with the reason."""
        wanted = derived_columns(t.name) if columns is None else tuple(columns)
        cols = tuple(c for c in derived_columns(t.name) if c in t.column_names and c in wanted)
        if not cols or t.geom is None:
            return {}
        blob = log_values.decode(t.geom, held.get(t.geom), t.blobs)
        name = next((str(held[c]) for c in NAME_COLUMNS if held.get(c) not in (None, "")),
                    None)
        if isinstance(blob, bytes):
            try:
                system = self._system(geometry.blob_srs_id(blob))
                if not system.in_degrees:
                    why = f"its geometry is not in longitude/latitude ({system.label})"
                    self.followed.append(Followed(t.name, row, name, cols, why))
                    return {}
                wkb = geometry.blob_wkb(blob)
                crossed = crossing(wkb)
                if crossed is not None:
                    why = (f"its geometry crosses itself at {crossed[0]:.6f}, "
                           f"{crossed[1]:.6f}: no area can be measured on it")
                    self.followed.append(Followed(t.name, row, name, cols, why))
                    return {}
                got = derived_values(wkb, cols)
            except (ValueError, KeyError, IndexError, struct.error):
                self.followed.append(Followed(t.name, row, name, cols,
                                              "its geometry cannot be read"))
                return {}
        else:
            got = derived_values(None, cols)
        emptied = all(v is None for v in got.values())  # no geometry, or no polygon in it
        write = {k: v for k, v in got.items() if not t.same(k, held.get(k), v)}
        if write:
            self.followed.append(Followed(t.name, row, name, tuple(write), emptied=emptied))
        return write

    def merged(self, since: int, origins: dict[str, str], device: str, latest) -> None:
        """After a merge: the derived fields of every row whose geometry a change logged
        after seq ``since`` by one of ``origins`` gave (or wrote again: its edit the latest
        now), those whose latest edit (``latest(row)``: field -> (order key, value)) is
        earlier than the shape's, or the shape's own giving none, made those of the shape
        (a feature without one keeps those it was added with); each logged as an update by
        ``device`` of the origin ``origins`` gives for it (a row brought back: the merge's),
        at the time of the change that gave the shape."""
        for t in self.tables():
            assert t.geom is not None  # (tables() has those with one)
            shaped: dict[str, tuple] = {}  # row -> (origin, at, change) of its shape
            for row, origin, when, change in self.conn.execute(
                    f"SELECT row_uuid, origin, at, change_uuid FROM sync_changes WHERE seq > ? "
                    f"AND tbl = ? AND origin IN {marks(len(origins))} AND "
                    f"{json_fields.kind('new', t.geom)} IS NOT NULL ORDER BY seq",
                    (since, t.name, *origins)):
                shaped[row] = (origins[origin], when, change)
            rows = {}
            for row, (origin, when, change) in shaped.items():
                keys = latest(row)
                if t.geom not in keys:
                    continue
                shape, drawn = keys[t.geom][0], keys[t.geom][1] is not None
                # (a feature added with a shape and no area, as QField adds one: measured)
                rows[row] = (origin, when, [c for c in derived_columns(t.name) if
                                            c not in keys or keys[c][0] < shape or
                                            keys[c] == (shape, None) and drawn],
                             # (one id for the same shape, however the merge applied it)
                             str(uuid.uuid5(_FOLLOWING, change)))
            self.follow(t, rows, device)

    def captured(self, device: str, latest, up_to: int | None = None) -> None:
        """In a master: the shapes its own edits logged since :data:`FOLLOWED_UP_TO` wrote
        without their area and centre given those of the shape, as a merge gives them
        (:meth:`merged`; an area written in the same edit, or later, is kept), each logged
        as an edit of the master (origin ``local``, ``device``'s) at the shape's time; and the
        codes those edits changed followed (:func:`codes_follow.in_master`), and the periods
        of the phases they wrote (:func:`phase_period.merged`), in :attr:`codes_followed`; the
        mark then moved to ``up_to`` (by default the log's last
        seq)."""
        since = int(registry.meta(self.conn, FOLLOWED_UP_TO) or 0)
        self.merged(since, {"local": "local"}, device, latest)
        self.codes_followed = [
            *codes_follow.in_master(self.conn, since, device),
            *phase_period.merged(self.conn, since, {"local": "local"}, device, lambda: latest)]
        if up_to is None:
            up_to = log_reads.last_seq(self.conn)
        registry.set_meta(self.conn, FOLLOWED_UP_TO, str(max(since, up_to)))

    def to_follow(self) -> list[registry.Tracked]:
        """The tables with an area or centre a shape of which the master's own edits since
        :data:`FOLLOWED_UP_TO` (sealed or not yet) wrote; reads only."""
        since = int(registry.meta(self.conn, FOLLOWED_UP_TO) or 0)
        captured = table_exists(self.conn, "sync_capture")
        out = []
        for t in self.tables():
            assert t.geom is not None  # (tables() has those with one)
            i = t.column_names.index(t.geom)
            if captured and self.conn.execute(
                    f"SELECT 1 FROM sync_capture WHERE tbl = ? AND op IN ('insert', 'update') "
                    f"AND (o{i} IS NOT NULL OR n{i} IS NOT NULL) LIMIT 1", (t.name,)).fetchone() \
                    or self.conn.execute(
                        "SELECT 1 FROM sync_changes WHERE seq > ? AND tbl = ? AND origin = "
                        f"'local' AND {json_fields.kind('new', t.geom)} IS NOT NULL LIMIT 1",
                        (since, t.name)).fetchone():
                out.append(t)
        return out

    def follow(self, t: registry.Tracked, rows: dict[str, tuple], device: str) -> None:
        """Make the derived fields of ``t``'s ``rows`` (uuid -> (origin, time, the fields:
        None for all[, the change's id])) those of the geometry they hold, each row's
        logged as an update by ``device`` of that origin at that time."""
        columns = [c for c in derived_columns(t.name) if c in t.column_names]
        assert t.geom is not None  # (tables() has those with one)
        read = [t.geom, *columns, *(c for c in NAME_COLUMNS if c in t.column_names)]
        log = []
        for part in chunks(sorted(rows)):
            for row, fid, *got in self.conn.execute(
                    f"SELECT uuid, rowid, {', '.join(map(quote, read))} FROM {quote(t.name)} "
                    f"WHERE uuid IN {marks(len(part))}", part):
                held = {c: log_values.encode(c, v, t.blobs) for c, v in zip(read, got)}
                origin, when, fields, *change = rows[row]
                write = self.values(t, row, held, fields)
                if not write:
                    continue
                self.conn.execute(
                    f"UPDATE {quote(t.name)} SET "
                    f"{', '.join(quote(c) + ' = ?' for c in write)} WHERE rowid = ?",
                    (*write.values(), fid))
                log.append((change[0] if change else changelog.new_uuid(), t.name, row, "update",
                            log_values.dumps({k: held.get(k) for k in write}),
                            log_values.dumps(write), device, when, origin, None))
        changelog.record(self.conn, log)


def waiting(conn: sqlite3.Connection) -> tuple[list, list[str]]:
    """What a GeoPackage master's own edits since the last command that followed them
    (:func:`follow_file`) leave to follow: the tracked tables whose shapes they wrote without
    their area and centre, and the tables naming rows whose codes they changed; reads only."""
    return (Shapes(conn).to_follow(),
            codes_follow.to_follow(conn, int(registry.meta(conn, FOLLOWED_UP_TO) or 0)))


def follow_file(path: str | os.PathLike) -> list:
    """In a GeoPackage master, the shapes its own edits wrote without their area and
    centre given those of the shape, and the codes they changed followed
    (:meth:`Shapes.captured`), in one transaction; what became of each (the codes'
    :class:`codes_follow.Followed` last). The file is written only where there is one; a
    field package, and a master marked read-only, are left as they are (said, by table: its
    figures count the areas as they were)."""
    conn = connect(path, readonly=True)
    try:
        if not changelog.is_installed(conn) or changelog.state(conn)["kind"] != \
                changelog.MASTER:
            return []
        tables, coded = waiting(conn)
        named = {tbl: (code, named) for tbl, _, code, named, _ in codes_follow.links(conn)}
        phased = phase_period.to_follow(conn, int(registry.meta(conn, FOLLOWED_UP_TO) or 0))
    finally:
        conn.close()
    if not tables and not coded and not phased:
        return []
    if not os.stat(path).st_mode & 0o222:
        why = f"{os.fspath(path)} is read-only"
        return [Followed(t.name, "(shapes edited since the last command that wrote)", None,
                         tuple(c for c in derived_columns(t.name) if c in t.column_names),
                         why=why) for t in tables] + [
            codes_follow.Followed(t, *named[t], 0, codes_follow.UNWRITTEN, why) for t in coded
        ] + [phase_period.unwritten(t, why) for t in phased]
    conn = connect(path)
    try:
        with transaction(conn), capture_switch.capture_off(conn):
            shapes = Shapes(conn)
            shapes.captured(changelog.state(conn)["device"],
                            Applier(conn, merge_id="", origin="").latest_fields)
        return [*shapes.followed, *shapes.codes_followed]
    finally:
        conn.close()


__all__ = ["FOLLOWED_UP_TO", "Followed", "Shapes", "follow_file", "said", "waiting"]
