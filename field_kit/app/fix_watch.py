# SPDX-License-Identifier: GPL-2.0-or-later
"""Whether the last fix is still a live one: a receiver that has sent no position for a few
seconds, whose port closed, or a recorded file played to its end gives none, and a record
must not take where the technician stood minutes ago as where they stand."""

from __future__ import annotations

import time
from collections.abc import Callable

from PyQt5.QtCore import QObject, QTimer, pyqtSignal

from . import gnss, i18n

SILENT_S = 5  # a receiver sends a fix a second: this many seconds without one is no fix


class FixWatch(QObject):
    """``lost`` is None while the position is live (or typed by hand), else why it is not,
    as an i18n key and its arguments; ``changed`` is emitted when that changes (and each
    second the silence grows), ``aged`` each second a last fix that is no longer live grows
    older. ``clock`` gives seconds (tests give their own)."""

    changed = pyqtSignal()
    aged = pyqtSignal()

    def __init__(self, parent=None, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.clock = clock
        self.source: gnss.PositionSource | None = None
        self.since = 0.0  # when the source started or last gave a fix
        self.heard_at: float | None = None  # when the last fix came
        self.lost: tuple[str, dict] | None = None
        self.timer = QTimer(self, interval=1000, timeout=self.look)

    def _say(self, lost: tuple[str, dict] | None) -> None:
        if lost != self.lost:
            self.lost = lost
            self.changed.emit()

    def watch(self, source: gnss.PositionSource) -> None:
        """A source started: no fix is live until it gives one."""
        self.source, self.since = source, self.clock()
        source.stopped.connect(self._stopped)
        self.timer.start()
        self._say(("fix_waiting", {}))

    def heard(self) -> None:
        """A fix came (from the source, or typed by hand)."""
        self.since = self.heard_at = self.clock()
        self.timer.start()
        self._say(None)

    def age(self) -> float | None:
        """Seconds since the last fix once it is no longer live; None while it is, or with
        no fix yet."""
        if self.lost is None or self.heard_at is None:
            return None
        return max(0.0, self.clock() - self.heard_at)

    def stop(self, had_fix: bool) -> None:
        """Position stopped by the technician: the last fix is not live any more."""
        self.source = None
        self._say(("fix_stopped", {}) if had_fix else None)

    def failed(self) -> None:
        """A source did not start (its port did not open): there is no receiver."""
        self.source = None
        self._say(("fix_no_receiver", {}))

    def look(self) -> None:
        if self.source is not None:
            silent = self.clock() - self.since
            if silent >= SILENT_S:
                self._say(("fix_silent", {"n": i18n.Age(silent)}))
        if self.age() is not None:
            # the map's "last fix, N s ago" beside the old marker counts up, and the
            # navigation bar's way "from the last fix": both read each second while shown
            self.aged.emit()
        elif self.source is None:  # nothing to watch, no last fix growing older
            self.timer.stop()

    def _stopped(self) -> None:
        source = self.sender()
        if source is None or source is not self.source:  # one stopped on purpose
            return
        self.source = None
        self._say(("fix_replay_ended" if isinstance(source, gnss.ReplaySource)
                   else "fix_disconnected", {}))
