# SPDX-License-Identifier: GPL-2.0-or-later
"""A shutdown or ``kill`` (SIGTERM) ends the app as closing its window does: the track and
the position source closed, the package's lock removed; the form's draft stays, as it is
written on every keystroke. Qt's event loop runs no Python while it waits, so the signal
reaches it through a socket Qt watches (``signal.set_wakeup_fd``)."""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PyQt5.QtCore import QObject, QSocketNotifier


class OnTerminate(QObject):
    """Calls ``end`` once the process is told to terminate (kept alive by its parent)."""

    def __init__(self, parent: QObject, end: Callable[[], None]):
        super().__init__(parent)
        self._end = end
        self._read, write = socket.socketpair()
        for s in (self._read, write):
            s.setblocking(False)
        self._write = write
        signal.set_wakeup_fd(write.fileno())
        # a Python handler: without one the signal ends the process at once, running nothing
        signal.signal(signal.SIGTERM, lambda *_: None)
        self._notifier = QSocketNotifier(
            self._read.fileno(), QSocketNotifier.Read, self)  # type: ignore[arg-type]
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        try:
            got = self._read.recv(64)
        except OSError:
            return
        if signal.SIGTERM in got:  # (another signal woke it: not ours to act on)
            self._end()
