# SPDX-License-Identifier: GPL-2.0-or-later
"""The pull algorithm: the master's newer state brought into a field package."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit.sync import pull_said

from ..core_messages import in_user_language
from ..i18n import tr
from .base import GPKG, _OnMaster, _run, _said_followed, lines_said


class Pull(_OnMaster):
    NAME, TITLE = "pull", QT_TRANSLATE_NOOP("@default", "Pull the master into a field package")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Brings the master's newer state into a field package, keeping its own unsent "
            "edits.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile("PACKAGE", tr("Field package"),
                                                     fileFilter=GPKG))
        self._add_master()
        self.addOutput(QgsProcessingOutputNumber("APPLIED", tr("Applied")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICTS", tr("Conflicts")))

    def _on(self, master, parameters, context, feedback):
        from field_kit.qfield import project_folder
        pkg = self.parameterAsFile(parameters, "PACKAGE", context)
        # a QField project's package: its photos and its zip follow the pull
        pulled = _run(feedback, lambda progress: project_folder.pull(pkg, master, progress),
                      master)
        if pulled.problems:
            raise QgsProcessingException("; ".join(pulled.problems))
        r = pulled.result
        lines_said(feedback.pushInfo, [pull_said.pulled_into(pulled)])
        # what the command line says of the rows and values the pull met: the device's
        # values the master's replaced (and whether still in its open conflicts), the new
        # rows left out by the package's cut, …
        lines_said(feedback.pushWarning, pull_said.met(r, master, pulled.package))
        _said_followed(feedback, r.derived, r.codes_followed,
                       tr("Area and centre of the shapes"))
        for line in pulled.warnings:  # (done all the same: the Sync dock shows them too)
            feedback.pushWarning(in_user_language(line))
        lines_said(feedback.pushWarning, pull_said.brought(r, pulled.package))
        lines_said(feedback.pushInfo, pull_said.project_written(pulled))
        return {"APPLIED": r.counts["applied"], "CONFLICTS": r.conflicts}

