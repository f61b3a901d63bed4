# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS's own feature forms of the plan's layers scroll under the mouse wheel instead of
changing the drop-down or date the pointer passes over: a hand scrolling a long form changed
a patch's township or phase, or a verification's date, without a click, and OK saved it. A
drop-down or date changes by a click, a key, or the wheel once it has the focus (clicked
first)."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsEditFormConfig, QgsPythonRunner
from qgis.PyQt.QtCore import QEvent, QObject, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
)

# what a wheel turns: drop-downs, and dates and numbers (QGIS's date and range widgets)
_TURNED = (QComboBox, QAbstractSpinBox)


class _WheelScrolls(QObject):
    """An event filter: a wheel over a drop-down or date without focus scrolls the form."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Wheel or not isinstance(watched, _TURNED) or \
                watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # (the drop-down or date never sees it)


def form_opened(form, layer, feature) -> None:
    """QGIS calls this as each feature form of a plan layer opens (its init function)."""
    guard = _WheelScrolls(form)  # (lives as long as the form)
    for widget in form.findChildren(_TURNED):
        widget.installEventFilter(guard)
        # a real wheel focuses a widget of "wheel focus" before any filter sees the turn,
        # which then went to it as focused: a click or Tab focuses it, a scroll does not
        if widget.focusPolicy() == Qt.WheelFocus:
            widget.setFocusPolicy(Qt.StrongFocus)


def _quitting() -> None:
    """QGIS quitting: a form whose init function ran (this one) ends its Python after Python
    itself has ended, and QGIS 3.22 crashed there with a feature form left open. Without a
    runner, the form ends without (QGIS notes it in its debug log only)."""
    QgsPythonRunner.setInstance(None)


# (for the module's life, not the plugin's: a form opened before the plugin was unloaded
# still holds its Python when QGIS quits)
if QgsApplication.instance() is not None:
    QgsApplication.instance().aboutToQuit.connect(_quitting)

INIT = f"__import__({__name__!r}, fromlist=['form_opened']).form_opened"


def install(layer) -> None:
    """Have QGIS call :func:`form_opened` as each form of ``layer`` opens (where QGIS runs
    Python: a form calls it through QGIS's Python runner)."""
    if not QgsPythonRunner.isValid():
        return
    config = layer.editFormConfig()
    config.setInitCodeSource(QgsEditFormConfig.CodeSourceEnvironment)
    config.setInitFunction(INIT)
    layer.setEditFormConfig(config)


def uninstall(layers) -> None:
    """No longer: the plugin unloaded, its function is gone (a form would call it)."""
    for layer in layers:
        config = layer.editFormConfig()
        if config.initFunction() == INIT:
            config.setInitFunction("")
            config.setInitCodeSource(QgsEditFormConfig.CodeSourceNone)
            layer.setEditFormConfig(config)
