# SPDX-License-Identifier: GPL-2.0-or-later
from __future__ import annotations

import contextlib

import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QThread

from tests.plan_build import ROOT
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the reports' language)


class Recording:
    """Records what the plugin asked of QGIS's interface beyond what pytest-qgis mocks."""

    def __init__(self, iface):
        self._iface = iface
        self.menu: list = []
        self.docks: list = []
        self.messages: list = []
        self.bar_items: list = []  # the message bar's items pushed whole, as QGIS keeps them
        self.exit_blockers: list = []  # asked, in order, whether QGIS may quit

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

    def registerApplicationExitBlocker(self, blocker):  # noqa: N802
        self.exit_blockers.append(blocker)

    def unregisterApplicationExitBlocker(self, blocker):  # noqa: N802
        self.exit_blockers.remove(blocker)

    def quit_asked(self) -> bool:
        """QGIS asked to quit (its window closed, Project → Exit QGIS): whether it may, as
        QGIS asks each blocker registered, stopping at the first that says no."""
        return all(blocker.allowExit() for blocker in list(self.exit_blockers))

    def messageBar(self):  # noqa: N802
        outer = self

        class Bar:
            def pushInfo(self, title, text):  # noqa: N802
                outer.messages.append(("info", title, text))

            def pushWarning(self, title, text):  # noqa: N802
                outer.messages.append(("warning", title, text))

            def pushCritical(self, title, text):  # noqa: N802
                outer.messages.append(("critical", title, text))

            def pushItem(self, item):  # noqa: N802
                from qgis.core import Qgis

                kind = {Qgis.Info: "info", Qgis.Warning: "warning",
                        Qgis.Critical: "critical", Qgis.Success: "success"}[item.level()]
                outer.messages.append((kind, item.title(), item.text()))
                outer.bar_items.append(item)

            def items(self):
                return list(outer.bar_items)

            def popWidget(self, item):  # noqa: N802 (off the bar, as QGIS takes it off)
                outer.bar_items.remove(item)

        return Bar()


@pytest.fixture()
def iface(qgis_iface):
    from qgis_plugin import open_docks
    from qgis_plugin.dialogs.grants import NOT_APPLIED
    from qgis_plugin.postgres import OPENED_SCHEMAS

    project_cleared(qgis_iface)
    open_docks.remember([], None)  # no dock of another test's QGIS opens again in this one
    QgsSettings().remove(OPENED_SCHEMAS)  # nor the schema another test's QGIS opened
    QgsSettings().remove(NOT_APPLIED)  # nor the grants another test's QGIS left queued
    yield Recording(qgis_iface)
    project_cleared(qgis_iface)


def project_cleared(iface) -> None:
    """The project emptied as QGIS empties it between projects: the map's drawing and the
    background tasks finished first, the widgets deleted later deleted, so that no thread
    still reads a layer whose dataset is being closed."""
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    iface.mapCanvas().waitWhileRendering()
    QgsApplication.taskManager().cancelAll()
    for _ in range(600):  # (a minute at most: a task that never ends fails its own test)
        if not QgsApplication.taskManager().countActiveTasks():
            break
        QgsApplication.processEvents()
        QThread.msleep(100)
    QgsApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QgsProject.instance().clear()
    QgsApplication.processEvents()


@pytest.fixture()
def plugin(iface):
    """The plugin loaded as QGIS loads it, unloaded after the test (a module that needs more
    of it, a master opened, gives its own)."""
    from qgis_plugin.plugin import ToksunPlugin

    p = ToksunPlugin(iface)
    p.initGui()
    yield p
    QgsApplication.processEvents()
    iface.mapCanvas().waitWhileRendering()
    p.unload()
    # the layers it opened closed now, their datasets' deferred closing run while the test's
    # files are there, not at the process's exit (where QGIS 3.22 may close one twice)
    project_cleared(iface)


@pytest.fixture()
def plugin_in_chinese(iface, master, tmp_path, monkeypatch):
    """The plugin in a QGIS set to Chinese (zh_CN; the system's locale English), with
    ``master`` open, unloaded after the test."""
    from qgis_plugin.plugin import ToksunPlugin

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        p.load(master)
        QgsApplication.processEvents()
        yield p
        iface.mapCanvas().waitWhileRendering()
        p.unload()


@pytest.fixture(scope="session")
def plugin_zip(tmp_path_factory):
    """The plugin packaged as users install it, once a test session."""
    import importlib.util

    from tests.plan_build import build_module  # noqa: F401  (the plan must exist)

    spec = importlib.util.spec_from_file_location(
        "package_plugin", ROOT / "resources" / "package_plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(tmp_path_factory.mktemp("dist"))


@contextlib.contextmanager
def qgis_speaking(locale: str, folder):
    """QGIS set to ``locale`` (Settings → Options → Override system locale), with the
    plugin's Chinese installed for "zh_CN" or "zh-Hans", QGIS's 简体中文 (compiled into
    ``folder``); as it was after."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication

    settings = QgsSettings()
    kept = {k: settings.value(k) for k in ("locale/overrideFlag", "locale/userLocale")}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", locale)
    translator = install_chinese(folder) if locale.startswith("zh") else None
    try:
        yield
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
        for k, v in kept.items():
            if v is None:
                settings.remove(k)
            else:
                settings.setValue(k, v)


def install_chinese(folder):
    """The plugin's Chinese installed as QGIS in Chinese loads it (compiled into
    ``folder``); the translator, to remove afterwards."""
    import importlib.util

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    spec = importlib.util.spec_from_file_location(
        "package_plugin", ROOT / "resources" / "package_plugin.py")
    packaging = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(packaging)
    (qm,) = packaging.compile_translations(folder)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    return translator


@contextlib.contextmanager
def plugin_speaking(iface, locale: str, folder, opened=None):
    """The plugin loaded as QGIS set to ``locale`` loads it (:func:`qgis_speaking`), with
    ``opened`` (a master, a field package) open where given; unloaded after."""
    from qgis_plugin.plugin import ToksunPlugin

    with qgis_speaking(locale, folder):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            if opened is not None:
                plugin.load(opened)
                QgsApplication.processEvents()
            yield plugin
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()


def triggered(plugin, slot: str) -> None:
    """The plugin's action of ``slot`` (its menu entry, its button) chosen."""
    next(a for a in plugin.actions if a.objectName() == f"toksun_{slot}").trigger()
    QgsApplication.processEvents()


@pytest.fixture()
def dock(plugin, master, iface):
    """The Sync dock of the plugin (:func:`plugin`), the master open."""
    plugin.load(master)
    QgsApplication.processEvents()
    yield plugin.show_sync()
    iface.mapCanvas().waitWhileRendering()
