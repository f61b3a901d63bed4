# SPDX-License-Identifier: GPL-2.0-or-later
"""What the plugin says on QGIS's message bar of the file open (or of one that did not
open), taken off the bar once another opens: it no longer speaks of what is open."""

from __future__ import annotations

from qgis.core import Qgis
from qgis.gui import QgsMessageBar, QgsMessageBarItem
from qgis.PyQt import sip


class SaidOfTheFile:
    """The plugin's own messages of the file open, kept to take them off again (another
    plugin's messages are never touched)."""

    def __init__(self, iface):
        self.iface = iface
        self.items: list = []

    def say(self, level, title: str, text: str, alone: bool = False,
            stays: bool = False, way_on=None) -> QgsMessageBarItem:
        """``alone``: the only message of its title on the bar; one said before under the
        same title (of a file that no longer is the one asked for) is taken off.
        ``stays``: on the bar until closed (QGIS takes info off after a few seconds).
        ``way_on``: a button beside the text, what to do about it. The item said is given,
        to take it off once it no longer holds."""
        if alone:
            self._take_off([item for item in self.items if not sip.isdeleted(item)
                            and item.title() == title])
        item = QgsMessageBarItem(title, text, level,
                                 0 if stays else QgsMessageBar.defaultMessageTimeout(level))
        if way_on is not None:
            item.layout().addWidget(way_on)
        self.iface.messageBar().pushItem(item)
        self.items.append(item)
        return item

    def info(self, title: str, text: str, stays: bool = False) -> None:
        self.say(Qgis.Info, title, text, stays=stays)

    def warning(self, title: str, text: str, way_on=None) -> QgsMessageBarItem:
        return self.say(Qgis.Warning, title, text, way_on=way_on)

    def critical(self, title: str, text: str, alone: bool = False) -> None:
        self.say(Qgis.Critical, title, text, alone)

    def drop(self) -> None:
        """Take every message said of the file open before off the bar (those the user
        closed, or whose time ran out, are gone already)."""
        self._take_off(self.items)

    def shown(self, item) -> bool:
        """Whether ``item`` is on the bar still (not closed, its time not run out)."""
        return (item is not None and not sip.isdeleted(item)
                and item in list(self.iface.messageBar().items()))

    def take_off(self, item) -> None:
        """``item`` off the bar: what it said no longer holds (None: nothing)."""
        if item is not None:
            self._take_off([item])

    def _take_off(self, items: list) -> None:
        bar = self.iface.messageBar()
        shown = list(bar.items())
        for item in items:
            if not sip.isdeleted(item) and item in shown:
                bar.popWidget(item)
        self.items = [item for item in self.items if item not in items]
