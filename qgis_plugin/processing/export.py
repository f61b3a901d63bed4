# SPDX-License-Identifier: GPL-2.0-or-later
"""The export algorithm: a signed change package of a field package's changes."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit.file_filters import any_case

from ..core_messages import export_said
from ..i18n import tr
from .base import _Algorithm, _run

EXPORT_FROM = QT_TRANSLATE_NOOP(
    "@default", "The field package: its GeoPackage, or a QField project as it comes back: its "
    "zip (unpacked into the folder of its name beside it), or its folder by picking the "
    "package.gpkg in it; the photos taken in QField are read in and travel with the changes.")


class Export(_Algorithm):
    NAME, TITLE = "export", QT_TRANSLATE_NOOP("@default", "Export a change package")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Writes a signed change package of the field package's changes since its last "
            "export (all since checkout, to replace a lost one).")

    def shortHelpString(self):  # noqa: N802
        return f"{tr(self.HELP)}\n{tr(EXPORT_FROM)}"

    def initAlgorithm(self, config=None):  # noqa: N802
        # a QField project as the command line's export takes it: its zip (unpacked beside
        # it), or its folder by the package.gpkg in it (a folder cannot be picked here)
        package = QgsProcessingParameterFile(
            "PACKAGE", tr("Field package"),
            fileFilter=any_case(tr("GeoPackage or QField project (*.gpkg *.zip)")))
        package.setHelp(tr(EXPORT_FROM))
        self.addParameter(package)
        self.addParameter(QgsProcessingParameterBoolean("ALL", tr("Everything since checkout"),
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Change package"), "Zip (*.zip)"))
        self.addOutput(QgsProcessingOutputNumber("CHANGES", tr("Changes exported")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from .. import change_package
        pkg = self.parameterAsFile(parameters, "PACKAGE", context)
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        every = self.parameterAsBoolean(parameters, "ALL", context)
        # as the Sync dock exports: where it goes checked before a QField project's photos
        # are read in, which travel with the changes; what it did before said first,
        # whatever the export then meets
        before: dict = {}
        try:
            # (a cancel honoured until the change package takes its name: before that,
            # nothing of it is written; once it has, it stays)
            said, brought, made, deleted, man = _run(
                feedback, lambda progress: change_package.export(
                    pkg, out, before, everything=every, progress=progress),
                cancelled=tr("Cancelled: no change package was written; the changes wait "
                             "for the next export."))
        except QgsProcessingException:
            for line in change_package.said_before(**before):
                feedback.pushInfo(line)
            raise
        for line in change_package.said_before(said, brought, man.get("cut_short"),
                                                  man.get("pasted") or ()):
            feedback.pushInfo(line)
        n = man["counts"]["changes"]
        done, unmarked = export_said(out, man, everything=every)
        feedback.pushInfo(done)  # (as the Sync dock says it: what it wrote, or nothing)
        for line in change_package.made_said(n, made, deleted, everything=every):
            feedback.pushInfo(line)
        if unmarked:
            feedback.reportError(unmarked)
        return {"OUTPUT": out if Path(out).exists() else None, "CHANGES": n}

