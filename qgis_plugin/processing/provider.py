# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing algorithms over the library: checkout, export, merge, pull, readmit, report and
import. Each runs the same code as the command line and the docks, reports progress, stops
when cancelled (a merge rolls back whole), and turns the library's refusals into Processing
errors in the user's language; each is a module of its own, what they share in
:mod:`.base`."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .base import ICON
from .checkout import Checkout
from .export import Export
from .importing import Import
from .merge import Merge
from .pull import Pull
from .readmit import Readmit
from .report import Report


class Provider(QgsProcessingProvider):
    def id(self):
        return "toksun"

    def name(self):
        return tr("Toksun restoration")

    def icon(self):
        return QIcon(str(ICON)) if ICON else super().icon()

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in (Checkout, Export, Merge, Pull, Readmit, Report, Import):
            self.addAlgorithm(algorithm())
