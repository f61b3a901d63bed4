# SPDX-License-Identifier: GPL-2.0-or-later
"""Long work of the core run as QGIS background tasks, with progress and cancel."""

from __future__ import annotations

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from field_kit import db
from field_kit.errors import Cancelled, SyncError

from .core_messages import in_user_language


class CoreTask(QgsTask):
    """Run ``work(progress)`` in the background; ``done`` carries (result, error message).

    ``progress(fraction)`` reports 0..1 and raises ``Cancelled`` once the user cancels, so
    the core rolls its transaction back and the data stays as it was. While the work waits
    for a GeoPackage another program holds, or on a lock another session of a PostgreSQL
    master holds, ``held`` carries what it waits for (the core's words, from another
    thread: connect it, and it is heard in the GUI's).
    """

    done = pyqtSignal(object, str)
    held = pyqtSignal(str)

    def __init__(self, description: str, work, cancellable: bool = True,
                 cancelled: str | None = None):
        flags = QgsTask.CanCancel if cancellable else QgsTask.Flags()
        super().__init__(description, flags)
        self.work = work
        self.result_value = None
        self.error = ""
        # what a Cancel heard before the work began says (the work's own words, where it
        # says more than that nothing was changed)
        self.cancelled = cancelled or "cancelled; nothing was changed"
        self.cancelled_by_user = False  # stopped by a Cancel: said as information, no error
        self.notes: list[str] = []  # what the work did all the same as it failed (the core's)

    def _progress(self, fraction: float) -> None:
        if self.isCanceled():
            raise Cancelled("cancelled by the user; nothing was changed")
        self.setProgress(max(0.0, min(100.0, 100.0 * fraction)))

    def run(self) -> bool:
        try:
            with db.told(self.held.emit):
                self.result_value = self.work(self._progress)
        except Cancelled as e:
            self.error = e.message
            self.cancelled_by_user = True
            self.notes = list(getattr(e, "__notes__", []))
            return False
        except SyncError as e:
            self.error = e.message
            self.notes = list(getattr(e, "__notes__", []))
            return False
        except Exception as e:  # shown to the user; the core has rolled back
            self.error = f"{type(e).__name__}: {e}"
            self.notes = list(getattr(e, "__notes__", []))
            return False
        return True

    def finished(self, ok: bool) -> None:  # noqa: D401 (QgsTask API)
        if not ok and not self.error:
            self.error = self.cancelled
            self.cancelled_by_user = self.isCanceled()
        self.done.emit(self.result_value, "" if ok else in_user_language(self.error))
