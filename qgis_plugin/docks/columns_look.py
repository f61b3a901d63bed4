# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master's tracked columns dropped or renamed in the database (by psql, say),
which no QGIS signal tells: looked at every few seconds while the Sync dock shows the master,
the dock told when what is gone changes, to say what its commands now wait for (the
repair). A GeoPackage master's triggers refuse a column dropped: nothing to look at."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtCore import QTimer

from field_kit import errors
from field_kit.sync import masters

# each look one catalog query on the master
LOOK_MS = 5000


class ColumnsLook:
    def __init__(self, parent, changed: Callable[[], None]):
        """``changed``: called when the columns gone differ from the last look's, or when
        the master cannot be read (no look follows until another master is shown)."""
        self.master = None
        self.gone: list[str] = []
        self._changed = changed
        self._timer = QTimer(parent)
        self._timer.setInterval(LOOK_MS)
        self._timer.timeout.connect(self.look)

    def follow(self, master) -> None:
        """Look at ``master`` from now on (the columns gone when it was read count as
        said: the dock has just listed it)."""
        self.master, self.gone = master, []
        self._timer.stop()
        if masters.is_postgres(master):
            self.gone = self._read() or []
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def look(self) -> None:
        gone = self._read()
        if gone is None or gone != self.gone:
            self.gone = gone or []
            self._changed()

    def _read(self) -> list[str] | None:
        try:
            return masters.columns_gone(self.master)
        except errors.SyncError:  # (the dock's listing says why; no look blocks again)
            self._timer.stop()
            return None
