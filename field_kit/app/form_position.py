# SPDX-License-Identifier: GPL-2.0-or-later
"""The form's position: following the live fix, kept, averaged, and what is said when
the fix is lost or old."""

from __future__ import annotations

from . import gnss, i18n, settings
from .form_part import FormPart


class FormPosition(FormPart):
    """The record's position from the receiver (a part of FormWidget)."""

    def use_position(self) -> None:
        fix = self.position_provider() if self.position_provider else None
        if fix:
            self.position.follow(False)
            self.position.set_progress(None)  # one fix now, no longer an average
            self.position.fill(*fix)
        else:  # (no fix now: said, the boxes left as they are)
            self.position.set_progress("⚠ " + self._lost_text())

    def _lost_why(self) -> str | None:
        """Why there is no live fix, as said (None while there is one)."""
        if self._lost is None:
            return None
        key, args = self._lost
        return i18n.tr(key, self.lang, **args)

    def _lost_text(self) -> str:
        return i18n.tr("fix_not_followed", self.lang,
                       why=self._lost_why() or i18n.tr("no_fix", self.lang))

    def fix_lost(self, lost: tuple[str, dict] | None) -> None:
        """The owner's fix is no longer live (``lost``: why, as an i18n key and its
        arguments), or live again (None): the position followed stays as it is, said so;
        fixes gathered for an average are dropped, the average starting again."""
        self._lost = lost
        if lost and self._averaging:  # the technician may move before fixes come again
            dropped, self._averaging = len(self._averaging), []
            self.position.set_progress(i18n.tr(
                "averaging_dropped", self.lang, k=dropped,
                n=settings.get(self.conn, "position_average_fixes")))
        self.position.set_lost(self._lost_why())

    def fix_aged(self, age: float | None) -> None:
        """Seconds since the owner's last fix once it is not live (None while it is): a
        position following it holds it, said with its age as it grows."""
        self.position.set_age(age)

    def _poll_fix(self) -> None:
        fix = self.position_provider() if self.position_provider else None
        if self._live or not self.position.following:
            self._poll.stop()
        elif fix:
            self._apply(fix)

    def _follow(self) -> None:
        """Follow the live position, from the fix there is now."""
        self.position.follow(True)
        fix = self.position_provider() if self.position_provider is not None else None
        if fix:
            self._apply(fix)
        if not self._live:
            self._poll.start()

    def _apply(self, fix) -> None:
        lon, lat, accuracy = fix[:3]
        self.position.fill(lon, lat, accuracy, quiet=True)
        self._refresh()

    def on_fix(self, fix) -> None:
        """A new position (lon, lat, accuracy) from the receiver (the field app pushes each
        one here)."""
        if not self._live:
            self._live = True
            self._poll.stop()
            self.position.average_button.setEnabled(True)
        if self._averaging is not None:
            self._averaging.append(fix)
            n = settings.get(self.conn, "position_average_fixes")
            if len(self._averaging) >= n:
                self._finish_average()
            else:
                self.position.set_progress(i18n.tr("averaging", self.lang,
                                                   k=len(self._averaging), n=n))
        elif self.position.following:
            self._apply(fix)

    def keep_position(self) -> None:
        """Keep the position shown: it is the technician's now (and goes into the draft)."""
        self.position.follow(False)
        self._touch(self.position.field.name)
        self._on_edit()

    def start_average(self) -> None:
        self.position.follow(False)
        self._averaging = []
        self.position.averaging = True
        n = settings.get(self.conn, "position_average_fixes")
        self.position.set_progress(i18n.tr("averaging", self.lang, k=0, n=n))

    def _finish_average(self) -> None:
        fixes, self._averaging = self._averaging or [], None
        self.position.averaging = False
        got = gnss.average(fixes)
        acc, spread = i18n.accuracy_text(got.accuracy_m), i18n.accuracy_text(got.spread_m)
        self.position.set_progress(
            i18n.tr("averaged_spread", self.lang, n=got.n, acc=acc, spread=spread)
            if got.own_m is None else i18n.tr("averaged", self.lang, n=got.n, acc=acc,
                                              own=i18n.accuracy_text(got.own_m),
                                              spread=spread))
        self.position.fill(got.lon, got.lat, got.accuracy_m)
