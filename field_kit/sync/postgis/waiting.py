# SPDX-License-Identifier: GPL-2.0-or-later
"""Saying what a command waits for in PostgreSQL: a lock another session holds (a table
locked in psql, an edit not committed yet, another merge) makes it wait as long as that
session holds it, which may be long. Waiting is right, waiting without a word is not:
while the command's session waits on a lock, a second connection looks every
:data:`EVERY_S` seconds and tells :data:`on_wait` who holds it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

from ... import db
from . import address

EVERY_S = 5.0
# Where it is said (the command line: its standard error); None: not looked at
on_wait: Callable[[str], None] | None = None

# (a role that is neither superuser nor pg_read_all_stats is shown no more of another role's
# session than its role and application: NULL for the rest, and this for what it runs)
_HIDDEN = "<insufficient privilege>"
_HOLDERS = (
    "SELECT b.pid, nullif(b.application_name, ''), b.usename, "
    "to_char(b.xact_start, 'HH24:MI:SS'), left(regexp_replace(nullif(b.query, %s), '\\s+', "
    "' ', 'g'), 80) FROM unnest(pg_blocking_pids(%s)) AS h(pid) JOIN pg_stat_activity b "
    "USING (pid)")


@contextlib.contextmanager
def said(target: str, pg) -> Iterator[None]:
    """While the block runs, say each session that holds a lock the session of ``pg``
    waits for (once each), where :func:`field_kit.db.told` says it for this thread."""
    tell = db.told_here() or on_wait
    if tell is None:
        yield
        return
    pid, stop = pg.get_backend_pid(), threading.Event()
    name = address.shown(target)

    def watch() -> None:
        told: set[int] = set()
        look = None
        try:
            while not stop.wait(EVERY_S):
                if look is None:
                    look = address.connect(target)
                    look.autocommit = True
                with look.cursor() as cur:
                    cur.execute(_HOLDERS, (_HIDDEN, pid))
                    holders = cur.fetchall()
                for hpid, app, user, since, query in holders:
                    if hpid not in told:
                        told.add(hpid)
                        tell(f"{name}: waiting for a lock held by {user} "
                             f"({holder(hpid, app, since, query)}); it goes on once that "
                             "session commits or rolls back")
        except Exception:  # noqa: BLE001 (looking is a courtesy: the command goes on)
            pass
        finally:
            if look is not None:
                look.close()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join(EVERY_S)


def tell(line: str) -> None:
    """Say ``line`` where what a command waits for is said (nowhere, where none hears it)."""
    out = db.told_here() or on_wait
    if out is not None:
        out(line)


def holder(pid: int, app: str | None, since: str | None, query: str | None) -> str:
    """A session holding a lock as the server shows it: what it does not show (to a role
    that may not see another's session) is left out."""
    said = ", ".join(p for p in (app, f"process {pid}",
                                 since and f"in a transaction since {since}") if p)
    return f"{said}: {query}" if query else said


__all__ = ["said", "tell", "on_wait", "EVERY_S"]
