# SPDX-License-Identifier: GPL-2.0-or-later
"""The readmit algorithm: a device a master restored from a backup lost, registered again
from its field package, so that its change packages merge."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputString, QgsProcessingParameterFile
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit.sync import masters

from ..i18n import tr
from ..readmit_said import readmit_said
from .base import GPKG, _Algorithm, _run
from .merge import Merge

TITLE = QT_TRANSLATE_NOOP("@default", "Readmit a device")


class Readmit(_Algorithm):
    NAME, TITLE = "readmit", TITLE
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Registers again, in a GeoPackage master restored from a backup made "
            "before a device was checked out, that device, from its field package (which "
            "holds its key), so that its change packages merge; its pull is refused until "
            "they are merged and it is checked out again.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile("MASTER", tr("Master (GeoPackage)"),
                                                     fileFilter=GPKG))
        self.addParameter(QgsProcessingParameterFile("PACKAGE", tr("Field package"),
                                                     fileFilter=GPKG))
        self.addOutput(QgsProcessingOutputString("SAID", tr("Device registered again")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        master = self.parameterAsFile(parameters, "MASTER", context)
        package = self.parameterAsFile(parameters, "PACKAGE", context)
        got = _run(feedback, lambda progress: masters.readmit(master, package))
        feedback.setProgress(100)  # (the readmit reports no progress of its own)
        # its way on is the toolbox's merge (the log's, the results')
        said = readmit_said(got, master, package, tr("Processing's “{algorithm}”").format(
            algorithm=tr(Merge.TITLE)))
        feedback.pushInfo(said)
        return {"SAID": said}
