# SPDX-License-Identifier: GPL-2.0-or-later
"""Measuring a treated outline: click its corners on the map or walk round it with the
receiver on, and read its ellipsoidal area in 平方米, 亩 and 公顷; the area can go into the
open verification's treated area."""

from __future__ import annotations

from PyQt5.QtCore import pyqtSignal
from PyQt5.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..plan import units
from ..plan.geometry import Outline
from . import i18n


class MeasurePanel(QWidget):
    changed = pyqtSignal(list)  # the outline's points, to draw
    use_area = pyqtSignal(float)  # m²: put it in the form
    closed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("measure")
        self.outline = Outline()
        self.walking = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.area = QLabel()
        self.area.setObjectName("measure_area")
        self.area.setWordWrap(True)
        self.b_walk, self.b_undo, self.b_clear, self.b_use, self.b_close = (
            QPushButton() for _ in range(5))
        self.b_walk.setCheckable(True)
        self.b_walk.toggled.connect(self._walk)
        self.b_undo.clicked.connect(lambda: self._edit(self.outline.undo))
        self.b_clear.clicked.connect(lambda: self._edit(self.outline.clear))
        self.b_use.clicked.connect(self._use)
        self.b_close.clicked.connect(self.closed.emit)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.area)
        row = QHBoxLayout()
        for b in (self.b_walk, self.b_undo, self.b_clear):
            row.addWidget(b)
        box.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.b_use)
        row.addWidget(self.b_close)
        box.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(i18n.tr("measure_help"))
        self.b_walk.setText(i18n.tr("measure_walk"))
        self.b_undo.setText(i18n.tr("measure_undo"))
        self.b_clear.setText(i18n.tr("measure_clear"))
        self.b_use.setText(i18n.tr("measure_use"))
        self.b_close.setText(i18n.tr("measure_close"))
        self._show()

    def add_point(self, lon: float, lat: float) -> None:
        self._edit(lambda: self.outline.add(lon, lat))

    def on_fix(self, lon: float, lat: float) -> None:
        if self.walking and self.outline.walk(lon, lat):
            self._edit(lambda: None)

    def _walk(self, on: bool) -> None:
        self.walking = on

    def _edit(self, action) -> None:
        action()
        self.changed.emit(list(self.outline.points))
        self._show()

    def _show(self) -> None:
        m2 = self.outline.area_m2
        lang = i18n.language()
        if m2 is None:
            self.area.setText(i18n.tr("measure_points", n=len(self.outline.points)))
        else:
            self.area.setText(units.format_area(m2, lang) + "\n" + i18n.tr(
                "measure_perimeter", m=f"{self.outline.perimeter_m:,.1f}"))
        self.b_use.setEnabled(m2 is not None)
        self.b_undo.setEnabled(bool(self.outline.points))
        self.b_clear.setEnabled(bool(self.outline.points))

    def _use(self) -> None:
        if self.outline.area_m2 is not None:
            self.use_area.emit(self.outline.area_m2)
