# SPDX-License-Identifier: GPL-2.0-or-later
"""The capture switch, ``sync_state.capture``: the triggers log only while it is 1. The
sync core sets it to 0 inside its own transactions and writes its ``sync_changes`` rows
itself, so merged changes are recorded as merged, not re-captured as local edits; a switch
another program made is recorded, so that the edits it let escape are said."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from ..db import table_exists

# Capture switched off and on again by another program between two commands leaves the
# triggers and the schema as they were: the file records each switch itself, whoever makes it
# (the toolkit takes out its own inside its transaction, see :func:`switch_capture`).
SWITCHES = "sync_capture_switched"
_AT_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
SWITCHES_DDL = (
    f"CREATE TABLE IF NOT EXISTS {SWITCHES} (id INTEGER PRIMARY KEY, off_at TEXT NOT NULL, "
    "on_at TEXT)",
    f"""CREATE TRIGGER IF NOT EXISTS sync_state_capture_off AFTER UPDATE OF capture ON sync_state
WHEN OLD.capture = 1 AND NEW.capture = 0
BEGIN
  INSERT INTO {SWITCHES} (off_at) VALUES ({_AT_NOW});
END""",
    f"""CREATE TRIGGER IF NOT EXISTS sync_state_capture_on AFTER UPDATE OF capture ON sync_state
WHEN OLD.capture = 0 AND NEW.capture = 1
BEGIN
  UPDATE {SWITCHES} SET on_at = {_AT_NOW} WHERE on_at IS NULL;
END""")


@contextlib.contextmanager
def capture_off(conn: sqlite3.Connection) -> Iterator[None]:
    """Suspend the triggers' logging inside the caller's transaction. Edits captured before
    are sealed first, so the sync core reads a complete log and numbers its own records after
    them."""
    from .changelog import seal
    from .drift import mark_whole
    seal(conn)
    switch_capture(conn, False)
    try:
        yield
    finally:
        switch_capture(conn, True)
    mark_whole(conn)  # (what the sync core changed of the schema, it changed whole)


# PRAGMA temp.user_version of a connection that switched capture off itself: the temporary
# schema is the connection's own, and rolls back with its transaction
_OFF_HERE = 0x7C0F


def switch_capture(conn: sqlite3.Connection, on: bool) -> None:
    """Set ``sync_state.capture``, the connection remembering that it switched capture off
    itself: off by anyone else, edits escape the log (:func:`left_off`)."""
    top = None
    if not on:  # the switch off recorded (SWITCHES_DDL) is the toolkit's own: not kept
        with contextlib.suppress(sqlite3.OperationalError):  # (a file from before the record)
            top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {SWITCHES}").fetchone()[0]
    conn.execute("UPDATE sync_state SET capture = ?", (int(on),))
    if top is not None:
        conn.execute(f"DELETE FROM {SWITCHES} WHERE id > ?", (top,))
    conn.execute(f"PRAGMA temp.user_version = {0 if on else _OFF_HERE}")


def switched_elsewhere(conn: sqlite3.Connection) -> list[str]:
    """When (UTC, :func:`~field_kit.sync.changelog.now`'s form) another program switched capture
    off and on again, earliest first: the edits made meanwhile escaped the log. Reads only."""
    if not table_exists(conn, SWITCHES):
        return []
    return [at for (at,) in conn.execute(f"SELECT off_at FROM {SWITCHES} WHERE on_at IS NOT "
                                         "NULL ORDER BY id")]


def forget_switches(conn: sqlite3.Connection) -> None:
    """Clear the record of switches (:func:`switched_elsewhere`): repaired."""
    if table_exists(conn, SWITCHES):
        conn.execute(f"DELETE FROM {SWITCHES}")


def left_off(conn: sqlite3.Connection) -> bool:
    """Whether capture is off in the file though this connection did not switch it off: a
    command cut short cannot leave it so (it is switched inside a transaction), so another
    program did, and the edits made since are not in the log."""
    if conn.execute("PRAGMA temp.user_version").fetchone()[0] == _OFF_HERE:
        return False
    got = conn.execute("SELECT capture FROM sync_state").fetchone()
    return got is not None and got[0] == 0
