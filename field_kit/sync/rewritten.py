# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer rewritten in the master by another tool (``ogr2ogr -overwrite``, say).

Its rows come back without their uuids, and ``repair`` gives them new ones: no row of it is
then the row a field package checked out before holds, and no logged change says what became
of them. So the master records the rewrite (:func:`note`, by ``repair``); a merge refuses an
edit of one of its earlier rows naming the rewrite (:func:`refusal`), never as a row "never
inserted"; and the next pull into a package checked out before it brings the layer as the
master holds it now, whole, and names the package's edits of its earlier rows that the master
never applied, which are not sent again (:func:`bring`). A package checked out since holds
the record itself (a checkout copies the master's ``sync_meta``) and is left as it is.
Where the rewrite names the layer's geometry column otherwise, the package keeps its own
(:mod:`field_kit.sync.geometry_named`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..bilingual import be, counted, noun, them
from ..db import file_columns, quote
from ..plan.values import feature_name, names_in
from . import changelog, geometry_named, log_reads, log_values, registry, subset

# sync_meta: table -> [[id, at], ...], each time the table was found rewritten
REWRITTEN = "layers_rewritten"
# sync_meta of a package: the changes (uuids) of its edits of a rewritten layer's earlier
# rows that the master never applied, which a pull named and gave up
GIVEN_UP = "rewrite_given_up"
# what history says of a row of a rewritten layer (:func:`in_history`): it got its uuid at
# the rewrite's repair, or it is not there since
UUID_GIVEN, GONE = "uuid_given", "gone"
# ... or its layer was dropped from the master since (:func:`dropped_in_history`)
DROPPED = "dropped"


def given_up(conn: sqlite3.Connection) -> list[str]:
    listed = registry.meta(conn, GIVEN_UP)
    return json.loads(listed) if listed else []


def note(conn: sqlite3.Connection, tbl: str) -> str:
    """Record that ``tbl`` was found rewritten, now (inside the caller's transaction); what
    ``repair`` says of it."""
    record = registry.json_meta(conn, REWRITTEN)
    said = noted(record, tbl)
    registry.set_json_meta(conn, REWRITTEN, record)
    return said


def noted(record: dict, tbl: str) -> str:
    """Add a rewrite of ``tbl``, now, to ``record`` (the master's :data:`REWRITTEN`, where a
    PostgreSQL master keeps it too); what ``repair`` says of it."""
    record.setdefault(tbl, []).append([changelog.new_uuid(), changelog.now()])
    return (f"{tbl}: rewritten in the master: its rows are new to the sync; field packages "
            "checked out before take it whole, as the master holds it now, at their next "
            "pull, which names their edits of its earlier rows: those are not applied")


def to_bring(theirs: dict, ours: dict) -> list[str]:
    """The layers the master rewrote (its record ``theirs``) since the package holding the
    record ``ours`` took them: those its next pull brings whole."""
    return sorted(tbl for tbl, rewrites in theirs.items()
                  if not all(r in ours.get(tbl, []) for r in rewrites))


def _day(at: str) -> str:
    return changelog.local_time(at, "%Y-%m-%d %H:%M")


def _shown(edit: dict, blobs) -> str:
    """An edit's fields and values as people read them (a geometry by its name alone)."""
    return ", ".join(f if f in blobs else f"{f} {'NULL' if v is None else v}"
                     for f, v in edit.items())


def refusal(conn: sqlite3.Connection, tbl: str, row: str, edit: dict | None, blobs=()
            ) -> str | None:
    """Why an edit of ``row`` (``edit`` None: its delete), which ``tbl`` does not hold, is
    not applied, where ``tbl`` was rewritten since the row was logged (None otherwise: never
    inserted here, or deleted here)."""
    record = registry.json_meta(conn, REWRITTEN).get(tbl)
    if not record:
        return None
    values: dict = {}
    for (new,) in conn.execute(f"SELECT new FROM ({log_reads.log_sql(conn)}) WHERE tbl = ? "
                               "AND row_uuid = ? AND new IS NOT NULL ORDER BY seq", (tbl, row)):
        values.update(log_values.loads(new))
    if not values:
        return None
    name = feature_name(tbl, values, blobs) or row
    what = "its delete" if edit is None else f"its edit {_shown(edit, blobs)}"
    return (f"{tbl} was rewritten in the master on {_day(record[-1][1])}: row {name} (uuid "
            f"{row}) is not there any more; {what} is not applied")


def holding(conn: sqlite3.Connection, row: str) -> str | None:
    """The layer found rewritten (:func:`note`) that holds ``row`` now, if any."""
    return held_in(conn, row, registry.json_meta(conn, REWRITTEN))


def held_in(conn: sqlite3.Connection, row: str, tables: Iterable[str]) -> str | None:
    """The first of the tracked ``tables`` (by name) that holds ``row`` now, if any."""
    for tbl in sorted(tables):
        if tbl in registry.by_name(conn) and conn.execute(
                f"SELECT 1 FROM {quote(tbl)} WHERE uuid = ?", (row,)).fetchone():
            return tbl
    return None


def in_history(conn: sqlite3.Connection, tbl: str, row: str, changes: list[dict]
               ) -> list[dict]:
    """What history says of ``row`` of ``tbl`` beside its logged changes (``changes``, oldest
    first) where ``tbl`` was found rewritten: a row held now that got its uuid at a rewrite's
    repair, none of its changes before it (its past, under another uuid, unknown: ``kind``
    :data:`UUID_GIVEN`); or a row of the layer before a rewrite, not there since (what
    became of it unknown: :data:`GONE`). Each as ``layer``, ``at`` (when the rewrite was
    found), ``row``, ``name``, ``kind`` and ``said``, the line that says it."""
    rewrites = [at for _, at in registry.json_meta(conn, REWRITTEN).get(tbl, [])]
    if not rewrites:
        return []
    blobs = registry.by_name(conn)[tbl].blobs
    values: dict = {}  # (changes as history reads them: their values, or None)
    for c in changes:
        values.update(c["new"] or c["old"] or {})
    cols = [c for c in file_columns(conn, tbl) if c not in blobs]
    now = conn.execute(f"SELECT {', '.join(map(quote, cols))} FROM {quote(tbl)} WHERE uuid = ?",
                       (row,)).fetchone()
    if now is not None:
        at_rewrite = _found_at(conn, tbl, changes[0], rewrites) if changes else None
        if at_rewrite is None and changes and changes[0]["op"] == "insert":
            return []  # (put in since, or before: logged)
        first = changes[0]["at"] if changes else None
        given = [at_rewrite] if at_rewrite else \
            [at for at in rewrites if first is None or at < first]
        if not given:
            return []
        name = feature_name(tbl, dict(zip(cols, now)), blobs) or row
        return [{"layer": tbl, "at": given[-1], "row": row, "name": name, "kind": UUID_GIVEN,
                 "said": f"{tbl} was found rewritten in the master by repair on "
                         f"{_day(given[-1])}: row {name} got its uuid {row} then; what it was "
                         "before, under another uuid, is not known to the sync"}]
    last = changes[-1] if changes else None
    if last is None or last["op"] == "delete":
        return []
    after = [at for at in rewrites if at > last["at"]]
    if not after:
        return []
    name = feature_name(tbl, values, blobs) or row
    return [{"layer": tbl, "at": after[0], "row": row, "name": name, "kind": GONE,
             "said": f"{tbl} was found rewritten in the master by repair on {_day(after[0])}, "
                     f"after these changes: row {name} (uuid {row}) is not there any more; "
                     "what became of it is not known to the sync"}]


def dropped_in_history(tbl: str, row: str, changes: list[dict]) -> list[dict]:
    """What history says of ``row`` beside its logged changes (``changes``, oldest first)
    where its layer ``tbl`` was dropped from the master since (:func:`registry.dropped`):
    the row is not there any more, with its layer. As :func:`in_history` says a rewrite
    (``kind`` :data:`DROPPED`, no ``at``: repair records no time of the drop)."""
    values: dict = {}
    for c in changes:
        values.update(c["new"] or c["old"] or {})
    name = feature_name(tbl, values) or row
    deleted = bool(changes) and changes[-1]["op"] == "delete"  # (before the drop)
    return [{"layer": tbl, "at": None, "row": row, "name": name, "kind": DROPPED,
             "said": f"layer {tbl} was dropped from the master, after these changes"
                     + ("" if deleted else f": row {name} (uuid {row}) is not there any "
                        "more, with its layer")}]


def _found_at(conn: sqlite3.Connection, tbl: str, change: dict, rewrites: list[str]
              ) -> str | None:
    """The rewrite (when it was found) whose repair logged ``change`` as the row found then:
    a PostgreSQL master's repair logs the rows of a layer rewritten as inserts of rows found
    when capture began on it (:data:`~field_kit.sync.drift.AS_FOUND`), then records the
    rewrite; None for any other change."""
    from .drift import AS_FOUND
    if change["op"] != "insert" or (change.get("origin") or "local") != "local":
        return None
    pairs = sorted(registry.json_meta(conn, AS_FOUND).get(tbl, []), key=lambda p: p[1])
    held = [p for p in pairs if p[0] <= change["at"] <= p[1]]
    if not held:
        return None
    last = held[-1][1]
    for at in sorted(rewrites):  # the first after them, with no other rows found between
        if at >= last:
            return None if any(last < p[0] <= at for p in pairs) else at
    return None


def bring(src: sqlite3.Connection, conn: sqlite3.Connection, device: str, kept: dict
          ) -> tuple[list[str], list[tuple]]:
    """Give the package ``conn`` each layer the master ``src`` rewrote since it was checked
    out as the master holds it now (inside the pull's transaction, capture off): the rows
    the package keeps (``kept``, where it is cut) with the master's values; its own new rows
    the master holds no fate of are kept, waiting to be sent. Every logged change of the
    earlier rows is handled (never sent again, nor replayed over the record). Returns the
    layers brought and (table, row, op, fields, what is said) of each, then of each edit of
    its earlier rows the master never applied."""
    from .refused import HANDLED, handled, not_held
    theirs = registry.json_meta(src, REWRITTEN)
    ours = registry.json_meta(conn, REWRITTEN)
    chosen = subset.device_subset(src, device).features or {}  # (--features: by uuid)
    tables = registry.by_name(conn)
    brought: list[str] = []
    said: list[tuple] = []
    gone_by: set[str] = set(handled(conn))
    lost_now: list[str] = []
    shapes = geometry_named.otherwise(src, conn)
    for tbl in to_bring(theirs, ours):
        if tbl not in tables:
            continue
        rewrites = theirs[tbl]
        t = tables[tbl]
        there_cols = set(file_columns(src, tbl))
        pairs = [(c, c) for c in registry.tracked_columns(conn, t) if c in there_cols]
        # its geometry under another name there: the master's shapes into the package's own
        # column, where both hold them in one spatial reference
        there_geom, here_geom = shapes.get(tbl, (None, None))
        apart = there_geom and geometry_named.other_srs(src, conn, tbl)
        if there_geom and here_geom and not apart:
            pairs.append((there_geom, here_geom))
        read, cols = [a for a, _ in pairs], [b for _, b in pairs]
        local = conn.execute("SELECT change_uuid, row_uuid, op, new, old FROM sync_changes "
                             "WHERE tbl = ? AND origin = 'local' ORDER BY seq", (tbl,)).fetchall()
        fated = {u for (u,) in src.execute(
            "SELECT change_uuid FROM sync_applied WHERE device = ? AND change_uuid IN (SELECT "
            "value FROM json_each(?))", (device, json.dumps([c for c, *_ in local])))}
        own_new = {row for change, row, op, *_ in local if op == "insert" and change not in fated}
        q = quote(tbl)
        there = src.execute(f"SELECT uuid{''.join(', ' + quote(c) for c in read)} FROM {q} "
                            "WHERE uuid IS NOT NULL").fetchall()
        if tbl in kept:
            there = [r for r in there if r[0] in kept[tbl]]
        own_new -= {r[0] for r in there}  # (the master's, where it holds it)
        keep = {r[0] for r in there} | own_new
        earlier = [u for (u,) in conn.execute(f"SELECT uuid FROM {q}") if u not in keep]
        names = names_in(conn, [(tbl, u) for u in earlier])
        # the features the package was cut to, by uuids the layer has no more: which of its
        # rows now they are is unknown, so the cut keeps none of them
        lost_chosen = [u for u in chosen.get(tbl, ()) if u not in keep]
        lost = [(change, row, op, log_values.loads(new) if new else {}, old)
                for change, row, op, new, old in local
                if row not in keep and change not in fated and change not in gone_by]
        lost_now += [change for change, *_ in lost]
        gone = set(earlier) | {row for _, row, *_ in lost}
        gone_by |= {u for (u, row) in conn.execute(
            "SELECT change_uuid, row_uuid FROM sync_changes WHERE tbl = ?", (tbl,))
            if row in gone}
        conn.execute(f"DELETE FROM {q} WHERE uuid IS NULL OR uuid NOT IN (SELECT value FROM "
                     "json_each(?))", (json.dumps(sorted(own_new)),))
        put = ", ".join(["uuid", *map(quote, cols)])
        conn.executemany(f"INSERT INTO {q} ({put}) VALUES ({', '.join('?' * (len(cols) + 1))})",
                         there)
        when = _day(rewrites[-1][1])
        head = (f"{tbl} was rewritten in the master on {when}: this package now holds it as "
                f"the master does ({counted(len(there), 'row')}), its earlier rows gone")
        if lost_chosen:
            head = (f"{tbl} was rewritten in the master on {when}: the {len(lost_chosen)} "
                    f"{noun(len(lost_chosen), 'feature')} of it this package was cut to ("
                    + ", ".join(sorted(names.get((tbl, u), u) for u in lost_chosen))
                    + ") are not there any more under their uuids, and which of its rows they "
                    "are now is not known: the package holds none of them now; to work on "
                    "them again, check it out again (checkout --replace) choosing them as the "
                    f"master holds them now (--features {tbl}=UUID,...)")
        if lost:
            head += (f"; {counted(len(lost), 'edit')} of them the master never applied "
                     f"{be(len(lost))} not sent again: enter {them(len(lost))} again on its "
                     "rows as they are now:")
        said.append((tbl, "", "rewritten", [], head))
        if apart:
            said.append((tbl, "", "rewritten", [], f"{tbl}: the master's shapes of it are not "
                         f"brought, {here_geom} left empty: {apart}: check it out again "
                         "(checkout --replace) to have them"))
        for _, row, op, new, old in lost:
            kind = {"update": "edit", "insert": "new row"}.get(op, op)
            what = f" ({_shown(new, t.blobs)})" if new else ""
            # (a row the package deleted is named by the values its delete logged)
            name = names.get((tbl, row)) or (
                old and feature_name(tbl, log_values.loads(old), t.blobs)) or row
            said.append((tbl, row, op, list(new),
                         f"your {kind} of {tbl} {name}{what} was not "
                         f"applied: {tbl} was rewritten in the master on {when}"))
        ours[tbl] = rewrites
        brought.append(tbl)
    if brought:
        registry.set_json_meta(conn, REWRITTEN, ours)
        registry.set_meta(conn, HANDLED, json.dumps(sorted(gone_by)))
        not_held(conn, brought)
        registry.set_meta(conn, GIVEN_UP, json.dumps(given_up(conn) + lost_now))
    return brought, said


__all__ = ["GIVEN_UP", "GONE", "REWRITTEN", "UUID_GIVEN", "bring", "given_up", "holding",
           "dropped_in_history", "in_history", "note", "noted", "refusal", "to_bring"]
