# SPDX-License-Identifier: GPL-2.0-or-later
"""The window's position: the receiver, a recorded file or a typed position, the way to the
selected patch, and the fix said in the status bar."""

from __future__ import annotations

import contextlib
import math
import sqlite3
import sys

from PyQt5.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ..file_filters import any_case
from . import failures, gnss, i18n
from .patch_list import PATCH
from .window_part import WindowPart

ARROWS = "↑↗→↘↓↙←↖"


class WindowPosition(WindowPart):
    """Positions and the way to the patch (a part of MainWindow)."""

    def position(self):
        """The live fix as (lon, lat, accuracy), None when there is none (a dead one is not
        where the technician stands)."""
        return self.fix.as_tuple() if self.fix and self.fix_watch.lost is None else None

    def _fix_lost(self) -> None:
        if self.form is not None:
            self.form.fix_lost(self.fix_watch.lost)
        self.say_fix()  # (at once, an export or an update under way or not)
        self._fix_aged()

    def _fix_aged(self) -> None:
        """The map, the navigation bar and a form following the fix say how old the last
        fix is, once it is not live."""
        self.map.set_fix_age(self.fix_watch.age())
        if self.form is not None:
            self.form.fix_aged(self.fix_watch.age())
        self.update_nav()

    def set_measuring(self, on: bool) -> None:
        """Clicks on the map add outline corners (not pick patches) while measuring."""
        self.map.measuring = on
        self.measure.setVisible(on)
        if not on:
            self.measure.b_walk.setChecked(False)

    def use_measured_area(self, m2: float) -> None:
        if self.form is None or self.form.form.table != "patch_verifications":
            failures.show(self, i18n.tr("measure"), i18n.tr("measure_no_form"))
            return
        if "treated_area_m2" in self.form.locked:  # the role may not change it: said why
            failures.show(self, i18n.tr("measure"), self.form.grants_said())
            return
        self.form.set_value("treated_area_m2", round(m2, 2), "平方米")

    def on_fix(self, fix: gnss.Fix) -> None:
        self.fix = fix
        self.fix_watch.heard()
        walked = fix.quality != gnss.TYPED_QUALITY
        if walked:
            self.measure.on_fix(fix.lon, fix.lat)
        self.map.set_position(fix.lon, fix.lat, fix.accuracy_m, on_track=walked)
        if self.form is not None:
            self.form.on_fix(fix.as_tuple())
        if walked and not self.gone:
            with contextlib.suppress(sqlite3.Error, OSError):  # a full disk: keep positioning
                # (an export or an update holding the package: kept until it is through)
                self.track.add(fix, flush=not self.busy)
        if self.busy:  # (the counts read from the package: waiting for it meanwhile)
            self.say_fix()
        else:
            self.update_status()
        self.update_nav()

    def start_source(self, source: gnss.PositionSource) -> None:
        self.stop_position()
        source.fix.connect(self.on_fix)
        try:
            source.start()
        except Exception:  # not started: no source kept, and no fix from it
            source.fix.disconnect(self.on_fix)
            self.fix_watch.failed()
            raise
        self.source = source
        self.fix_watch.watch(source)

    def start_receiver(self, device: str, baud: int) -> None:
        """A receiver on a serial port. A port that is not there, or that this user may
        not open, is said of the receiver, not as a file on a USB stick."""
        try:
            self.start_source(gnss.SerialSource(device, baud))
        except OSError as exc:
            raise failures.Told(failures.receiver_failed(exc, device)) from exc

    def stop_position(self) -> None:
        if self.source is not None:
            self.fix_watch.stop(had_fix=self.fix is not None)
            self.source.stop()
            self.source = None
        with contextlib.suppress(sqlite3.Error, OSError):  # kept in memory for the next try
            self.track.flush()

    def device_dialog(self) -> None:
        ports = gnss.serial_ports() or ["COM3" if sys.platform == "win32" else "/dev/ttyUSB0"]
        dev, ok = QInputDialog.getItem(self, i18n.tr("pos_device"), i18n.tr("device_prompt"),
                                       ports, 0, True)
        if not ok or not dev:
            return
        rates = [str(b) for b in gnss.BAUD_RATES]
        baud, ok = QInputDialog.getItem(self, i18n.tr("pos_device"), i18n.tr("baud_prompt"),
                                        rates, 0, False)
        if ok:
            self._try(lambda: self.start_receiver(dev, int(baud)))

    def replay_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, i18n.tr("pos_replay"), "",
                                              any_case(i18n.tr("nmea_files")))
        if path:
            self._try(lambda: self.start_source(gnss.ReplaySource(path, speed=1.0)))

    def typed_dialog(self) -> None:
        text, ok = QInputDialog.getText(self, i18n.tr("pos_typed"), i18n.tr("typed_prompt"))
        if not ok:
            return
        said = text.replace("，", ",").split(",")
        # more than three numbers (one too many, decimal commas: 88,65, 42,79): refused, not
        # read as the first three
        if len(said) > 3:
            QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr(
                "typed_too_many", n=len(said), text=text.strip()))
            return
        try:
            parts = [float(p) for p in said]
            accuracy = parts[2] if len(parts) > 2 else None
            if accuracy is not None and not (math.isfinite(accuracy) and accuracy >= 0):
                QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr(
                    "typed_accuracy", acc=said[2].strip()))
                return
            lon, lat = parts[0], parts[1]
            if all(map(math.isfinite, (lon, lat))) and not gnss.on_earth(lon, lat):
                # no longitude and latitude anywhere: said with the county's range, and as
                # swapped when the other way round they are
                QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr(
                    "typed_swapped_beyond" if gnss.on_earth(lat, lon) else "typed_beyond",
                    text=text.strip(), lon=said[0].strip(), lat=said[1].strip(),
                    west=gnss.COUNTY_WEST, east=gnss.COUNTY_EAST, south=gnss.COUNTY_SOUTH,
                    north=gnss.COUNTY_NORTH))
                return
            swapped = gnss.latitude_first(lon, lat)
            if swapped:  # latitude first: taken the other way round, and said
                lon, lat = lat, lon
            fix = gnss.typed_fix(lon, lat, accuracy)
        except (ValueError, IndexError):
            QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr("bad_typed"))
            return
        if not gnss.in_county(lon, lat):  # in either order: held back until the user says
            asked = QMessageBox.question(self, i18n.tr("pos_typed"), i18n.tr(
                "typed_outside", text=text.strip(), lon=said[swapped].strip(),
                lat=said[not swapped].strip(), west=gnss.COUNTY_WEST, east=gnss.COUNTY_EAST,
                south=gnss.COUNTY_SOUTH, north=gnss.COUNTY_NORTH),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if asked != QMessageBox.Yes:
                return
        elif swapped:
            QMessageBox.information(self, i18n.tr("pos_typed"), i18n.tr(
                "typed_swapped", text=text.strip(), lon=said[1].strip(), lat=said[0].strip()))
        self.stop_position()
        self.on_fix(fix)

    def update_nav(self) -> None:
        """The way to the selected patch, measured to its outline as the nearest patch of a
        project is chosen and the inspection's distance rule measures: 0 m on the patch."""
        idle = self.map.selected is None  # nothing to walk to: a quiet hint, never empty
        if self.nav.property("idle") != idle:
            self.nav.setProperty("idle", idle)
            self.nav.style().unpolish(self.nav)
            self.nav.style().polish(self.nav)
        way = self.map.way() if self.fix is not None else None
        unmapped = self._without_outline() if idle else None
        if unmapped:
            self.nav.setText("⚠ " + unmapped)
        elif idle:
            self.nav.setText(i18n.tr("nav_none"))
        elif way is None:
            self.nav.setText(i18n.tr("nav_no_pos"))
        else:
            if way.on_patch:
                said = "✔ " + i18n.tr("on_patch", dist=i18n.distance_text(0))
            else:
                arrow = ARROWS[int((way.bearing + 22.5) // 45) % 8]
                said = f"{arrow}  " + i18n.tr(
                    "nav_edge", dist=i18n.distance_text(way.metres), bearing=way.bearing,
                    cardinal=i18n.cardinal(way.bearing))
            age = self.fix_watch.age()  # the fix gone dead: the way is from where it was
            self.nav.setText(said if age is None else "◌ " + i18n.tr(
                "nav_last_fix", way=said, age=i18n.age_text(age)))

    def _without_outline(self) -> str | None:
        """What the bar says of the patch chosen, or the project, that has no outline to
        walk to (its geometry empty); None when there is one, or nothing is chosen."""
        if self.current is None:
            return None
        kind, uuid = self.current
        try:
            if kind == PATCH:
                row = self.conn.execute("SELECT patch_code FROM mine_patches WHERE uuid = ? "
                                        "AND geom IS NULL", (uuid,)).fetchone()
                return i18n.tr("nav_no_outline", code=row[0] or "?") if row else None
            row = self.conn.execute(
                "SELECT project_id FROM restoration_projects WHERE uuid = ? AND NOT EXISTS ("
                "SELECT 1 FROM mine_patches WHERE project_uuid = ? AND geom IS NOT NULL)",
                (uuid, uuid)).fetchone()
        except (sqlite3.Error, OSError):  # (the package gone: the status bar says so)
            return None
        return i18n.tr("nav_project_no_outline", code=row[0] or "?") if row else None

    def say_fix(self) -> None:
        """The status bar's fix: live, typed, or why there is none. Read from memory, never
        from the package, so said at once while an export or an update holds it."""
        f = self.fix
        if self.fix_watch.lost is not None:
            key, args = self.fix_watch.lost
            self.gnss_label.setText("◌ " + i18n.tr(key, **args))
        elif f is None:
            self.gnss_label.setText("◉ " + i18n.tr("no_fix"))
        elif f.quality == gnss.TYPED_QUALITY:
            acc = i18n.accuracy_text(f.accuracy_m)
            self.gnss_label.setText("✎ " + i18n.tr("fix_typed", acc=acc))
        else:
            self.gnss_label.setText("◉ " + i18n.tr(
                "fix", quality=gnss.QUALITY_NAMES.get(f.quality, f.quality),
                acc=i18n.accuracy_text(f.accuracy_m), sats=f.satellites or "?"))
