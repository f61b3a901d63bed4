# SPDX-License-Identifier: GPL-2.0-or-later
"""Dates and times a field package holds that QGIS does not show or save as they are.

A PostgreSQL master's ``date``, ``timestamp`` and ``timestamptz`` travel as the text the
database prints (``infinity``, a year BC or past 9999, microseconds), which the package's
DATE and DATETIME columns hold unchanged. GDAL reads no date in ``infinity`` or a year it
cannot hold: QGIS shows the field empty, and GDAL refuses to save an edit of any other field
of its feature; a checkout names every such value (:func:`said`), a pull those it brings
(:func:`brought`). QGIS saves a time in its own form, also when it saves another field of
its feature (to the millisecond, ``.000`` where it had no fraction, UTC as ``Z``, no time
zone where GDAL read none): the log takes that for no edit of the time, which is given
back as it was (:func:`uncut`)."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Callable, Collection

from ..db import quote
from . import capture_switch, registry, triggers

_NAMED = 20  # values named for a column, at the most


def _read(value: str) -> datetime.datetime | None:
    """``value`` (DATETIME text) as a time, or None where it holds none Python reads."""
    try:
        return datetime.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z")
                                               else value)
    except ValueError:
        return None


def _unread(decl: str, value: str) -> bool:
    """Whether GDAL, and so QGIS, reads no date in ``value`` of a ``decl`` (DATE,
    DATETIME) column."""
    if decl == "DATETIME":
        return _read(value) is None
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return True
    return False


def _as_qgis_saves(was, now) -> bool:
    """Whether ``now`` is the DATETIME ``was`` as QGIS saves it, the time QGIS showed: cut
    to the millisecond, ``.000`` added, ``+00:00`` as ``Z``, ``Z`` added, or an offset from
    UTC dropped where GDAL reads none in the text (``10:00Z``, LMT's ``+08:05:43``) and QGIS
    shows the time as written."""
    if not isinstance(was, str) or not isinstance(now, str) or was == now:
        return False
    old, new = _read(was), _read(now)
    if old is None or new is None:
        return False
    cut = old.replace(microsecond=old.microsecond // 1000 * 1000)
    since, after = old.utcoffset(), new.utcoffset()
    return new.replace(tzinfo=None) == cut.replace(tzinfo=None) and (
        after in (since, None) or (since is None and after == datetime.timedelta(0)))


def uncut(conn: sqlite3.Connection) -> None:
    """Take each captured update of a DATETIME column to the same time in QGIS's form
    (:func:`_as_qgis_saves`: QGIS saving the feature for an edit of another field) for no
    edit of it: its row given the time back as it was, where it still holds QGIS's form of
    it, and the edits captured after it told that time as the earlier value; an update that
    changed nothing else a touch. Runs before the captured edits are sealed, in the
    caller's transaction."""
    for t in registry.tracked(conn):
        for i, (col, decl) in enumerate(t.columns):
            if (decl or "").upper() != "DATETIME":
                continue
            found = [(seq, row, was, now) for seq, row, was, now in conn.execute(
                f"SELECT seq, row_uuid, o{i}, n{i} FROM sync_capture WHERE tbl = ? AND op = "
                f"'update' AND typeof(o{i}) = 'text' AND typeof(n{i}) = 'text' ORDER BY seq",
                (t.name,)) if _as_qgis_saves(was, now)]
            if not found:
                continue
            on = conn.execute("SELECT capture FROM sync_state").fetchone()[0]
            if on:  # (the time given back is no edit)
                capture_switch.switch_capture(conn, False)
            for seq, row, was, now in found:
                conn.execute(f"UPDATE sync_capture SET o{i} = NULL, n{i} = NULL WHERE seq = ?",
                             (seq,))
                conn.execute(f"UPDATE sync_capture SET o{i} = ? WHERE seq > ? AND row_uuid = ? "
                             f"AND tbl = ? AND o{i} IS ?", (was, seq, row, t.name, now))
                conn.execute(f"UPDATE {quote(t.name)} SET {quote(col)} = ? WHERE uuid = ? AND "
                             f"{quote(col)} IS ?", (was, row, now))
            if on:
                capture_switch.switch_capture(conn, True)
            nothing = " AND ".join(f"o{j} IS NULL AND n{j} IS NULL" for j in range(len(t.columns)))
            conn.executemany(f"UPDATE sync_capture SET op = '{triggers.TOUCH}' WHERE seq = ? AND "
                             f"{nothing}", [(seq,) for seq, *_ in found])


def brought(conn: sqlite3.Connection, changes: list[dict], whole: Collection[str] = ()
            ) -> list[str]:
    """:func:`said` of the values ``changes`` (a pull's, as it wrote them) wrote, and of
    every value of the tables and columns (``table.column``) ``whole`` brought whole."""
    wrote = {(c["table"], c["row"], col) for c in changes if c["new"] for col in c["new"]}
    return said(conn, lambda tbl, row, col: tbl in whole or f"{tbl}.{col}" in whole or
                (tbl, row, col) in wrote,
                {tbl for tbl, *_ in wrote} | {w.partition(".")[0] for w in whole})


def said(conn: sqlite3.Connection,
         named: Callable[[str, str, str], bool] | None = None,
         tables: Collection[str] | None = None) -> list[str]:
    """A line for each DATE or DATETIME column of the tracked tables of the package
    ``conn`` holding values QGIS shows empty, naming the values and their rows; of the
    ``tables`` only and the values ``named`` (table, row, column) only, where given."""
    out = []
    for t in registry.tracked(conn):
        if tables is not None and t.name not in tables:
            continue
        for col, decl in t.columns:
            decl = (decl or "").upper()
            if decl not in ("DATE", "DATETIME"):
                continue
            found = [f"'{value}' (row {row})" for row, value in conn.execute(
                f"SELECT uuid, {quote(col)} FROM {quote(t.name)} WHERE typeof({quote(col)}) = "
                "'text' ORDER BY uuid") if _unread(decl, value) and
                (named is None or named(t.name, row, col))][:_NAMED]
            if found:
                out.append(f"{t.name}.{col} holds {', '.join(found)}, in which GDAL and QGIS "
                           f"read no {decl.lower()}: QGIS shows such a value empty, and an edit "
                           "of another field of its feature cannot be saved; change it in the "
                           "master, then pull")
    return out
