# SPDX-License-Identifier: GPL-2.0-or-later
"""A master's table whose edits made while its capture was off repair cannot recover.

A master keeps no record of its rows as they were (a field package does: ``sync_baseline``),
so ``repair`` reinstalls the table's capture and names it (:func:`note`): its rows may hold
values no logged change explains, which no pull brings to the field packages. Until someone
takes the rows as the master holds them now (``field-kit repair MASTER --accept-current
TABLE``, :func:`accept`), every pull into a package holding the table says so
(:func:`said_in_pull`). Accepting logs, as changes made in the master (its own device,
origin :data:`ORIGIN`), each row whose values are not those the log last recorded of it: an
update of the fields that differ, from their logged values; a row the log never named
(there since before capture), an update of all its fields, their earlier values unknown; a
row the log saw deleted, an insert; a row logged and gone, a delete. A pull then brings
them, and history shows them.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass

from ..db import connect, in_command, quote, transaction
from ..errors import BadInput
from ..plan.names import did_you_mean
from . import changelog, drift, log_values, registry

# sync_meta of a master: table -> when repair found its edits unrecoverable
UNVOUCHED = "tables_unvouched"
ORIGIN = "repair"  # the origin of the changes accepting logs


def note(conn: sqlite3.Connection, tables: list[str]) -> None:
    """Record ``tables`` as not vouched for (inside repair's transaction)."""
    if tables:
        registry.set_json_meta(conn, UNVOUCHED, {**registry.json_meta(conn, UNVOUCHED),
                                                 **{t: changelog.now() for t in tables}})


def how(path: str, tbl: str) -> str:
    """The command that accepts ``tbl`` in the master at ``path``."""
    return f"field-kit repair {in_command(path)} --accept-current {tbl}"


def master_said(path: str, tbl: str) -> str:
    """What the master's status says of ``tbl`` until it is accepted."""
    return (f"{tbl}: edits made to it while its capture was off are not in the change log, "
            "so no pull brings them to the field packages holding it; to log its rows as the "
            f"master holds them now: {how(path, tbl)}")


def said_in_pull(src: sqlite3.Connection, conn: sqlite3.Connection, master: str
                 ) -> list[str]:
    """A line a table the package ``conn`` holds that the master ``src`` has not vouched
    for since its repair."""
    held = registry.by_name(conn)
    return [f"{tbl}: its rows here may differ from the master's: edits made to it in the "
            "master while its capture was off are not in the change log, so no pull brings "
            f"them; in the master, run {how(master, tbl)} to log its rows as it holds them "
            "now, then pull again" for tbl in sorted(registry.json_meta(src, UNVOUCHED))
            if tbl in held]


@dataclass
class Accepted:
    table: str
    updated: int = 0  # rows whose values differ from those last logged
    whole: int = 0  # rows the log never named, logged with all their values
    inserted: int = 0  # rows the log saw deleted
    deleted: int = 0  # rows logged and gone


def _logged(conn: sqlite3.Connection, tbl: str) -> dict:
    """uuid -> (the values the log last recorded of the row, whether they are all of them:
    its insert is logged), or None where the log saw it deleted."""
    rows: dict = {}
    for row, op, new in conn.execute(
            "SELECT row_uuid, op, new FROM sync_changes WHERE tbl = ? AND origin NOT LIKE "
            "'%:parked' AND origin NOT LIKE '%:touch' ORDER BY seq", (tbl,)):
        if op == "delete":
            rows[row] = None
            continue
        was = rows.get(row)
        if op == "insert" or was is None:
            was = rows[row] = ({}, op == "insert")
        was[0].update(log_values.loads(new) if new else {})
    return rows


def _tracked(conn: sqlite3.Connection, path: str, tbls: list[str]) -> dict:
    """The tables the master at ``path`` tracks; refused where it is a field package or
    one of ``tbls`` is none of them."""
    if changelog.state(conn)["kind"] != changelog.MASTER:
        raise BadInput(f"{path} is a field package: --accept-current is for a master, "
                       "whose rows repair has no record of; a package's edits made "
                       "while capture was off are recovered by repair itself")
    tables = registry.by_name(conn)
    for tbl in tbls:
        if tbl not in tables:
            raise BadInput(f"{tbl} is not a table {path} tracks{did_you_mean([tbl], tables)}; "
                           "nothing was changed: tracked are " + ", ".join(sorted(tables)))
    return tables


def check(path: str | os.PathLike, tbls: list[str]) -> None:
    """Refuse ``tbls`` before a repair runs where :func:`accept` would refuse one of them:
    then nothing was changed."""
    path = os.fspath(path)
    conn = connect(path)
    try:
        _tracked(conn, path, tbls)
    finally:
        conn.close()


def accept(path: str | os.PathLike, tbl: str) -> Accepted:
    """Log the rows of ``tbl`` in the master at ``path`` as it holds them now, where they
    differ from what the log last recorded of them (see the module's text)."""
    path = os.fspath(path)
    conn = connect(path)
    try:
        tables = _tracked(conn, path, [tbl])
        with transaction(conn):
            changelog.seal(conn)  # (capture whole: repair has run)
            out = _log(conn, tables[tbl])
            registry.set_json_meta(conn, UNVOUCHED, {
                t: at for t, at in registry.json_meta(conn, UNVOUCHED).items() if t != tbl})
        return out
    finally:
        conn.close()


def _log(conn: sqlite3.Connection, t: registry.Tracked) -> Accepted:
    out = Accepted(t.name)
    cols, blobs = t.column_names, t.blobs
    defaults = drift.constant_defaults(conn, t.name, blobs)  # (a column added since)
    logged = _logged(conn, t.name)
    log: list[tuple[str, str, dict | None, dict | None]] = []
    for row, *values in conn.execute(
            f"SELECT uuid{''.join(', ' + quote(c) for c in cols)} FROM {quote(t.name)} "
            "WHERE uuid IS NOT NULL"):
        now = {c: log_values.encode(c, v, blobs) for c, v in zip(cols, values)}
        if row not in logged:  # there since before capture: its earlier values unknown
            out.whole += 1
            log.append((row, "update", {}, now))
            continue
        was = logged.pop(row)
        if was is None:
            out.inserted += 1
            log.append((row, "insert", None, now))
            continue
        known, whole = was
        if whole:
            known = {**{c: defaults[c] for c in cols if c in defaults}, **known}
        new = {c: v for c, v in now.items()
               if c not in known or not registry.same_logged(c in blobs, known[c], v)}
        if new:
            out.updated += 1
            log.append((row, "update", {c: known[c] for c in new if c in known}, new))
    for row, was in logged.items():  # (those left: not in the table now)
        if was is not None:
            out.deleted += 1
            log.append((row, "delete", was[0], None))
    device, at = changelog.state(conn)["device"], changelog.now()
    changelog.record(conn, ((changelog.new_uuid(), t.name, row, op,
                             None if old is None else log_values.dumps(old),
                             None if new is None else log_values.dumps(new), device, at,
                             ORIGIN, None) for row, op, old, new in log))
    return out


__all__ = ["Accepted", "ORIGIN", "UNVOUCHED", "accept", "how", "master_said", "note",
           "said_in_pull"]
