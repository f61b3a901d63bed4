# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock's way on from a merge refused for a device the master lost (restored from a
backup made before its checkout): the device registered again from its field package."""

from __future__ import annotations

import sqlite3

from qgis.PyQt.QtWidgets import QFileDialog, QMessageBox, QPushButton

from field_kit import errors
from field_kit.file_filters import any_case
from field_kit.sync import masters

from ..i18n import tr
from ..readmit_said import readmit_said
from .sync_part import SyncPart, paragraph


class SyncReadmit(SyncPart):
    """Readmit offered on the message bar for each device a merge found unregistered (a part
    of SyncDock)."""

    def _offer_readmit(self, unregistered: list[tuple[str, str]]) -> None:
        """For each device of the packages refused as lost (``unregistered``: (package,
        device)), a warning with the button that registers it again; not where the master
        is PostgreSQL, which the readmit refuses. A device offered already, its item on the
        bar still, is not offered twice."""
        if self._own() is None:
            return
        for device in dict.fromkeys(d for _, d in unregistered):
            if self.merge_said.shown(self.readmit_offered.get(device)):
                continue
            button = QPushButton(tr("Readmit the device…"))
            # (clicked gives its checked state: not a package)
            button.clicked.connect(lambda _=False, device=device: self.readmit_device(device))
            self.readmit_offered[device] = self.merge_said.warning(tr("Device not registered"), tr(
                "Device {device} is not registered in this master, restored from a backup "
                "made before its checkout: register it again from its field package, then "
                "merge its change packages again.").format(device=device), way_on=button)

    def readmit_device(self, device: str, package: str | None = None,
                       confirm: bool = True) -> None:
        """``device`` registered again in the master from its field ``package`` (asked for
        where not given), after the user's yes."""
        not_done = tr("Device not registered again")
        if self._refused_while_running(not_done):
            return
        if package is None:
            package, _ = QFileDialog.getOpenFileName(
                self, tr("The field package of device {device}").format(device=device), "",
                any_case(tr("GeoPackage (*.gpkg)")))
        if not package:
            return
        if confirm and self._would_register(package) and QMessageBox.question(
                self, tr("Readmit the device…"), tr(
                    "Register device {device} again in this master from {package}? Its change "
                    "packages then merge field by field; its pull is refused until they are "
                    "merged and it is checked out again.").format(
                        device=device, package=package)) != QMessageBox.Yes:
            return
        master = self.master
        self.run(tr("Registering a device again"),
                 lambda progress: masters.readmit(master, package),
                 lambda got: self._readmitted(got, package, device), not_done=not_done)

    def _would_register(self, package: str) -> bool:
        """Whether the readmit would register anything: a device registered already is
        said so without a question, and a refusal by the readmit's own words."""
        try:
            return not masters.readmit(self.master, package, register=False)["already"]
        except (errors.SyncError, sqlite3.Error, OSError):
            return False

    def _readmitted(self, got: dict, package: str, device: str) -> None:
        # its way on is this dock's merge (the report's, the bar's)
        said = readmit_said(got, self.master, package, tr(
            "add them to “Change packages from the field” and click “Merge into the "
            "master”"))
        self.report.setHtml(paragraph(said))
        # the device is registered (again, or already): its offer holds no more
        self.merge_said.take_off(self.readmit_offered.pop(device, None))
        for item, devices in self.refused_as_lost:  # nor the refusals of it alone
            devices.discard(device)
            if not devices:
                self.merge_said.take_off(item)
        self.refused_as_lost = [(i, d) for i, d in self.refused_as_lost if d]
        self._on_bar(tr("Device already registered") if got["already"]
                     else tr("Device registered again"), said, [])
