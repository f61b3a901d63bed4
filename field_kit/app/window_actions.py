# SPDX-License-Identifier: GPL-2.0-or-later
"""The window's tool bar and menus: their actions, their words in the language chosen, and
the tool bar's labels fitted to its width."""

from __future__ import annotations

from PyQt5.QtCore import Qt, QTimer
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import (
    QAction,
    QActionGroup,
    QMenu,
    QProxyStyle,
    QShortcut,
    QStyle,
    QToolButton,
)

from . import i18n, imagery_menu
from .map_view import STATUS_COLOURS
from .patch_list import PATCH
from .window_part import WindowPart


class BarStyle(QProxyStyle):
    """The tool bar's » button (buttons that do not fit are behind it) as wide as a finger:
    Qt's own is a 12 px strip."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric == QStyle.PM_ToolBarExtensionExtent:
            return 36
        return super().pixelMetric(metric, option, widget)


class WindowActions(WindowPart):
    """The tool bar and the menus (a part of MainWindow)."""

    def _make_actions(self) -> None:
        bar = self.tool_bar = self.addToolBar("")
        bar.setObjectName("main")
        bar.setMovable(False)
        # a right click on the tool bar or the menus offered to hide the tool bar, with no
        # way back shown: the window has no menu of its own (the map's and fields' stay)
        self.setContextMenuPolicy(Qt.PreventContextMenu)
        self.bar_style = BarStyle()  # the window keeps it: a widget does not own its style
        bar.setStyle(self.bar_style)
        self.act_export = QAction(self, triggered=lambda: self.export_dialog())
        self.act_pull = QAction(self, triggered=lambda: self.pull_dialog())
        self.act_all = QAction(self, triggered=lambda: self.map.zoom_all())
        self.act_me = QAction(self, triggered=lambda: self.map.zoom_position())
        self.act_measure = QAction(self, checkable=True, toggled=self.set_measuring)
        for a in (self.act_export, self.act_pull):
            a.setEnabled(bool(self.state and self.state["kind"] == "package"))
        self.pos_menu = QMenu(self)
        self.act_device = self.pos_menu.addAction("", lambda: self.device_dialog())
        self.act_replay = self.pos_menu.addAction("", lambda: self.replay_dialog())
        self.act_typed = self.pos_menu.addAction("", lambda: self.typed_dialog())
        self.act_stop = self.pos_menu.addAction("", lambda: self.stop_position())
        self.lang_menu = QMenu(self)
        group = QActionGroup(self)
        self.lang_actions = {}
        for code, text in ((i18n.ZH, "中文"), (i18n.EN, "English")):
            a = self.lang_menu.addAction(text, lambda c=code: i18n.set_language(c))
            a.setCheckable(True)
            group.addAction(a)
            self.lang_actions[code] = a
        self.pos_button, self.lang_button = QToolButton(), QToolButton()
        for b, m in ((self.pos_button, self.pos_menu), (self.lang_button, self.lang_menu)):
            b.setMenu(m)
            b.setPopupMode(QToolButton.InstantPopup)
        bar.addAction(self.act_export)
        bar.addAction(self.act_pull)
        bar.addSeparator()
        bar.addWidget(self.pos_button)
        bar.addAction(self.act_me)
        bar.addAction(self.act_all)
        bar.addAction(self.act_measure)
        bar.addSeparator()
        bar.addWidget(self.lang_button)
        menu = self.menuBar().addMenu("")
        self.file_menu = menu
        menu.addAction(self.act_export)
        menu.addAction(self.act_pull)
        # Ctrl+Z brings back the record deleted last, from its patch or any other (a box
        # typed in undoes its typing)
        self.act_undo = QAction(self, triggered=lambda: self._undo_delete())
        self.act_undo.setShortcut(QKeySequence(QKeySequence.Undo))
        self.act_undo.setEnabled(False)
        self.addAction(self.act_undo)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(self.act_undo)
        self.menuBar().addMenu(self.pos_menu)
        self.menuBar().addMenu(self.lang_menu)
        imagery_menu.install(self)  # Add imagery…, show/hide, opacity
        # Ctrl+S saves the form open, wherever the focus is in the window
        save = QShortcut(QKeySequence(QKeySequence.Save), self)
        save.activated.connect(lambda: self.form.save_by_key() if self.form else None)

    def retranslate(self) -> None:
        lang = i18n.language()
        self.setWindowTitle(f"{i18n.tr('app_title')} — {self.path.name}")
        for act, mark, key in ((self.act_export, "⇪ ", "export"), (self.act_pull, "⇩ ", "pull"),
                               (self.act_measure, "▱ ", "measure")):
            act.setText(mark + i18n.tr(key))  # in the menus
            act.setIconText(mark + i18n.tr(key + "_short"))  # on the tool bar
            act.setToolTip(i18n.tr(key))
        self.act_all.setText(i18n.tr("zoom_all"))
        self.act_me.setText("◎ " + i18n.tr("zoom_me"))
        for act in (self.act_all, self.act_me):
            act.setToolTip(i18n.tr("zoom_all" if act is self.act_all else "zoom_me"))
        self.measure.retranslate()
        self.tool_bar.setWindowTitle(i18n.tr("tool_bar"))
        self.file_menu.setTitle(i18n.tr("file_menu"))
        self.edit_menu.setTitle(i18n.tr("edit_menu"))
        self._undo_offered()
        self.pos_menu.setTitle(i18n.tr("position_menu"))
        self.pos_button.setToolTip(i18n.tr("position"))
        self.act_device.setText(i18n.tr("pos_device"))
        self.act_replay.setText(i18n.tr("pos_replay"))
        self.act_typed.setText(i18n.tr("pos_typed"))
        self.act_stop.setText(i18n.tr("pos_stop"))
        self.lang_menu.setTitle(i18n.tr("language_menu"))
        self.lang_button.setToolTip(i18n.tr("language"))
        self.lang_actions[lang].setChecked(True)
        self.placeholder.setText(i18n.tr("select_hint"))
        self.update_nav()
        self.map.legend = [(STATUS_COLOURS[None], i18n.tr("not_verified"))] + [
            (STATUS_COLOURS[code], c.label(lang)) for (kind, code), c in self.list.labels.items()
            if kind == PATCH and code in STATUS_COLOURS]
        self.map.set_language(lang)
        self.map.viewport().update()
        self.list.retranslate()
        if self.form is not None:
            self.form.set_language(lang)
        self.show_start_note()
        self.update_status()
        self.fit_tool_bar()
        # (the imagery button is relabelled after the window, by its own listener)
        QTimer.singleShot(0, self.fit_tool_bar)  # (a slot of the window: none once it is gone)

    def fit_tool_bar(self) -> None:
        """The tool bar's labels, whole where they fit: at 1024 px in English they pushed
        Imagery and Language behind », so the least needed shrink to their marks (the whole
        name in the tooltip), one after another, until every button is on the bar."""
        lang = i18n.language()
        name = "中文" if lang == i18n.ZH else "English"
        labels = (  # (set it, whole, short), the first to shrink first
            (self.act_me.setIconText, self.act_me.text(), "◎"),
            (self.act_measure.setIconText, "▱ " + i18n.tr("measure_short"), "▱"),
            (self.act_all.setIconText, i18n.tr("zoom_all"), i18n.tr("zoom_all_short")),
            (self.lang_button.setText, f"文/A {name} ▾", f"文/A {name[:2].upper()} ▾"
             if lang == i18n.EN else "文/A ▾"),
            (self.pos_button.setText, "◉ " + i18n.tr("position") + " ▾", "◉ ▾"))
        for set_text, whole, _ in labels:
            set_text(whole)
        bar = self.tool_bar
        for set_text, _, short in labels:
            bar.layout().invalidate()  # (its size kept from before a label changed)
            if bar.sizeHint().width() <= bar.width():
                break
            set_text(short)
