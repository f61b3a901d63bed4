# SPDX-License-Identifier: GPL-2.0-or-later
from __future__ import annotations

import pytest
from qgis.core import QgsProject


class Recording:
    """Records what the plugin asked of QGIS's interface beyond what pytest-qgis mocks."""

    def __init__(self, iface):
        self._iface = iface
        self.menu: list = []
        self.docks: list = []
        self.messages: list = []

    def __getattr__(self, name):
        return getattr(self._iface, name)

    def addPluginToMenu(self, name, action):  # noqa: N802
        self.menu.append(action)

    def removePluginMenu(self, name, action):  # noqa: N802
        self.menu.remove(action)

    def addDockWidget(self, area, dock):  # noqa: N802
        self.docks.append(dock)

    def removeDockWidget(self, dock):  # noqa: N802
        self.docks.remove(dock)

    def messageBar(self):  # noqa: N802
        outer = self

        class Bar:
            def pushInfo(self, title, text):  # noqa: N802
                outer.messages.append(("info", title, text))

            def pushWarning(self, title, text):  # noqa: N802
                outer.messages.append(("warning", title, text))

            def pushCritical(self, title, text):  # noqa: N802
                outer.messages.append(("critical", title, text))

        return Bar()


@pytest.fixture()
def iface(qgis_iface):
    QgsProject.instance().clear()
    yield Recording(qgis_iface)
    QgsProject.instance().clear()
