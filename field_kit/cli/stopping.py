# SPDX-License-Identifier: GPL-2.0-or-later
"""A command stopped by SIGTERM (a shutdown, ``timeout``, systemd) ends as one stopped by
Ctrl-C does: the exception unwinds the command, so its transaction is rolled back and its
temporary files removed, and the user is told so, with an exit code of its own."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from .. import errors


class Terminated(KeyboardInterrupt):
    """SIGTERM: a KeyboardInterrupt, so that whatever lets Ctrl-C through lets it through."""


def _raise(signum: int, frame) -> None:
    # once only: a second signal while the first unwinds would cut the rollback short
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


@contextlib.contextmanager
def stoppable() -> Iterator[None]:
    """SIGINT and SIGTERM raise in the command (the main thread only: elsewhere Python
    takes no handler, and the caller keeps its own)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in before:
        signal.signal(s, _raise)
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)


def stopped(exc: KeyboardInterrupt) -> tuple[str, int]:
    """What a stopped command says, and its exit code."""
    if isinstance(exc, Terminated):
        return "stopped (SIGTERM); nothing was committed", errors.TERMINATED
    return "interrupted (Ctrl-C); nothing was committed", errors.INTERRUPTED
