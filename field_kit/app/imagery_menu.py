# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window's imagery menu and toolbar button: add an MBTiles or GeoTIFF file, show
or hide the imagery, its opacity. ``install(window)`` is the window's only hook."""

from __future__ import annotations

from PyQt5.QtWidgets import QActionGroup, QFileDialog, QMenu, QMessageBox, QToolBar, QToolButton

from ..bilingual import Text
from ..file_filters import any_case
from . import i18n

TEXTS = {
    "imagery": Text("影像", "Imagery"),
    "menu": Text("影像(&I)", "&Imagery"),  # Alt+I opens it
    "add": Text("添加影像…", "Add imagery…"),
    "show": Text("显示影像", "Show imagery"),
    "opacity": Text("影像不透明度", "Imagery opacity"),
    "files": Text("影像 (*.mbtiles *.tif *.tiff)", "Imagery (*.mbtiles *.tif *.tiff)"),
    "none": Text("没有影像：可在数据包旁放 .mbtiles 或 .tif 文件，或点“添加影像…”",
                 "No imagery: put .mbtiles or .tif files next to the package, or Add imagery…"),
    "shown": Text("影像：{names}", "Imagery: {names}"),
}
OPACITIES = (1.0, 0.75, 0.5, 0.25)


def tr(key: str, **args) -> str:
    text = TEXTS[key](i18n.language())
    return text.format(**args) if args else text


class ImageryMenu(QMenu):
    def __init__(self, window):
        super().__init__(window)
        self.window_, self.map = window, window.map
        self.act_add = self.addAction("", self.add_dialog)
        self.act_show = self.addAction("", lambda: self.map.set_imagery(
            visible=self.act_show.isChecked()))
        self.act_show.setCheckable(True)
        self.act_show.setChecked(True)
        self.opacity_menu = self.addMenu("")
        group = QActionGroup(self)
        self.opacity_actions = {}
        for k in OPACITIES:
            a = self.opacity_menu.addAction(f"{k:.0%}", lambda k=k: self.map.set_imagery(
                visible=True, opacity=k))
            a.setCheckable(True)
            a.setChecked(k == 1.0)
            group.addAction(a)
            self.opacity_actions[k] = a
        self.aboutToShow.connect(self._sync)
        self.button = QToolButton()
        self.button.setMenu(self)
        self.button.setPopupMode(QToolButton.InstantPopup)
        self.map.imagery_message.connect(self.show_message)

    def _sync(self) -> None:
        self.act_show.setChecked(self.map.imagery_visible)
        enabled = bool(self.map.imagery_items)
        self.act_show.setEnabled(enabled)
        self.opacity_menu.setEnabled(enabled)
        a = self.opacity_actions.get(self.map.imagery_opacity)
        if a is not None:
            a.setChecked(True)
        names = [s.name for s in self.map.imagery_sources + self.map.added_sources]
        self.setToolTip(tr("shown", names=", ".join(names)) if names else tr("none"))
        self.button.setToolTip(self.toolTip())

    def retranslate(self, *_) -> None:
        self.setTitle(tr("menu"))
        self.button.setText("▦ " + tr("imagery") + " ▾")
        self.act_add.setText(tr("add"))
        self.act_show.setText(tr("show"))
        self.opacity_menu.setTitle(tr("opacity"))
        self._sync()

    def add_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window_, tr("add"),
                                              str(self.window_.path.parent), any_case(tr("files")))
        if path:
            self.add(path)

    def add(self, path) -> str | None:
        """Add a file; the message (also shown in a box) if it cannot be shown."""
        self.map.imagery_message.disconnect(self.show_message)
        try:
            msg = self.map.add_imagery(path)
        finally:
            self.map.imagery_message.connect(self.show_message)
        if msg:
            QMessageBox.warning(self.window_, tr("add"), msg)
        self._sync()
        return msg

    def show_message(self, text: str) -> None:
        """Found next to the package but unreadable: said in the status bar, no dialog."""
        self.window_.statusBar().showMessage(text, 20000)


def install(window) -> ImageryMenu:
    """Add the imagery menu to ``window``'s menu bar and main tool bar."""
    menu = ImageryMenu(window)
    window.imagery_menu = menu
    bars = window.findChildren(QToolBar)
    if bars:  # with the map's buttons: before the separator ahead of the language button
        bar = bars[0]
        acts = bar.actions()
        lang = [i for i, a in enumerate(acts) if bar.widgetForAction(a) is getattr(
            window, "lang_button", None)]
        if lang and lang[0] > 0 and acts[lang[0] - 1].isSeparator():
            bar.insertWidget(acts[lang[0] - 1], menu.button)
        else:
            bar.addWidget(menu.button)
    menus = [a for a in window.menuBar().actions() if a.menu() is getattr(window, "lang_menu", 0)]
    if menus:
        window.menuBar().insertMenu(menus[0], menu)
    else:
        window.menuBar().addMenu(menu)

    def relabel(lang) -> None:
        try:
            menu.retranslate()
        except RuntimeError:  # the window is gone
            i18n.forget(relabel)
    i18n.on_change(relabel)
    menu.retranslate()
    return menu

