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

from . import address

EVERY_S = 5.0
# Where it is said (the command line: its standard error); None: not looked at
on_wait: Callable[[str], None] | None = None

_HOLDERS = (
    "SELECT b.pid, coalesce(nullif(b.application_name, ''), '?'), b.usename, "
    "to_char(b.xact_start, 'HH24:MI:SS'), left(regexp_replace(b.query, '\\s+', ' ', 'g'), "
    "80) FROM unnest(pg_blocking_pids(%s)) AS h(pid) JOIN pg_stat_activity b USING (pid)")


@contextlib.contextmanager
def said(target: str, pg) -> Iterator[None]:
    """While the block runs, say each session that holds a lock the session of ``pg``
    waits for (once each)."""
    tell = on_wait
    if tell is None:
        yield
        return
    pid, stop = pg.get_backend_pid(), threading.Event()
    name = f"{address.database(target) or 'service'}.{address.parse(target)[1]}"

    def watch() -> None:
        told: set[int] = set()
        look = None
        try:
            while not stop.wait(EVERY_S):
                if look is None:
                    look = address.connect(target)
                    look.autocommit = True
                with look.cursor() as cur:
                    cur.execute(_HOLDERS, (pid,))
                    holders = cur.fetchall()
                for hpid, app, user, since, query in holders:
                    if hpid not in told:
                        told.add(hpid)
                        tell(f"{name}: waiting for a lock held by {user} ({app}, process "
                             f"{hpid}, in a transaction since {since}: {query}); it goes "
                             "on once that session commits or rolls back")
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


__all__ = ["said", "on_wait", "EVERY_S"]
