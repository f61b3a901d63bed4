# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master as GIS staff see it in QGIS: its layers open without errors in
QGIS's message log and keep the plugin's styles; the Progress dock, its server stopped,
says the whole reason and shows no figures passed off as current."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsApplication, QgsProject

from qgis_plugin.plan_layers import open_layer
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _field_edit, _out, _wait_for
from tests.qgis.test_postgres_failures import (  # noqa: F401 (a fixture)
    _own_master_opened,
    connections,
    lang,
)
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401 (fixture)


@pytest.fixture
def postgis_log():
    """What QGIS writes to the PostGIS tab of its message log (View → Panels → Log
    Messages) while the test runs."""
    said: list[str] = []

    def heard(message, tag, _level):
        if tag == "PostGIS":
            said.append(message)

    log = QgsApplication.messageLog()
    log.messageReceived.connect(heard)
    yield said
    log.messageReceived.disconnect(heard)


def test_a_masters_layers_open_with_no_erroneous_query_and_keep_their_styles(
        iface, province, plan_gpkg, postgis_log):  # noqa: F811 (fixtures)
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        QgsApplication.processEvents()
        assert plugin.layers["mine_patches"].providerType() == "postgres"
        errors = [m for m in postgis_log if "Erroneous query" in m]
        assert not errors, errors[:2]
        # the styles published with the plan, as the GeoPackage's layers have them
        for name, layer in plugin.layers.items():
            if layer.isSpatial():
                assert _style(layer) == _style(open_layer(plan_gpkg, name)), name
    finally:
        QgsApplication.processEvents()
        for layer in list(plugin.layers.values()):
            QgsProject.instance().removeMapLayer(layer.id())
        plugin.unload()


def _style(layer) -> tuple[str, str]:
    """A layer's renderer and labels, as QGIS writes them to a style file."""
    renderer = layer.renderer()
    labels = layer.labeling()
    return (renderer.dump() if renderer else "", type(labels).__name__ if labels else "")


def test_the_progress_dock_with_its_server_stopped_says_why_whole_and_no_old_figures(
        iface, plugin, lang, connections, tmp_path, plan_gpkg):  # noqa: F811 (fixtures)
    """The figures read before the server stopped are not left shown as the master's, and
    the reason is not cut (it was, at three lines)."""
    from qgis.PyQt.QtWidgets import QTableWidget

    own = _own_master_opened(plugin, connections, tmp_path, plan_gpkg)
    try:
        dock = plugin.show_dashboard()
        dock.setFloating(True)  # a window of its own, laid out as QGIS shows it
        dock.resize(420, 700)
        dock.show()
        QgsApplication.processEvents()
        assert dock.progress is not None and dock.tabs.isVisibleTo(dock)
        assert dock.grab().save(str(_out() / f"qgis_progress_postgres_{lang}.png"))
        own.halt()
        dock.refresh()  # as Refresh is clicked
        QgsApplication.processEvents()
        assert dock.grab().save(str(_out() / f"qgis_progress_server_stopped_{lang}.png"))
        said = dock.summary.text()
        assert _whole(dock.summary), said
        assert dock.progress is None and not dock.tabs.isVisibleTo(dock)
        assert all(t.rowCount() == 0 for t in dock.findChildren(QTableWidget))
        assert {"en": "Cannot read PostgreSQL province (schema toksun)",
                "zh": "无法读取 PostgreSQL province（模式 toksun）"}[lang] in said, said
        # the reason names the master as the line does, not another way ("PostgreSQL 主库
        # province", "province (schema toksun)")
        name = {"en": "PostgreSQL province (schema toksun)",
                "zh": "PostgreSQL province（模式 toksun）"}[lang]
        assert "province" not in said.replace(name, "") and said.count(name) == 2, said
        assert said.endswith({"en": "press Refresh once it can be.",
                              "zh": "可以读取后请点击“刷新”。"}[lang]), said
    finally:
        QgsApplication.processEvents()
        for layer in list(plugin.layers.values()):  # QGIS's own connections to it, closed
            QgsProject.instance().removeMapLayer(layer.id())
        own.stop()


def _whole(label) -> bool:
    """All of a word-wrapped label's text in sight: as tall as its text needs, and not
    scrolled past (the area around it needs no scroll bar)."""
    area = label.parentWidget().parentWidget()  # (its scroll area's viewport's)
    return (label.height() >= label.heightForWidth(label.width())
            and area.verticalScrollBar().maximum() == 0)


def test_the_history_device_and_the_sync_role_are_read_whole(
        iface, province, tmp_path):  # noqa: F811 (a fixture)
    """At the widths they open at, the History dialog's device column and the Sync dock's
    role drop-down show all of their text (both were cut)."""
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        dock = plugin.show_sync()
        package = _field_edit(plugin.gpkg, tmp_path, "tech-li-laptop", "李明")
        dock.package_list.addItem(str(package))
        dock.merge_packages()
        _wait_for(dock)
        gc.collect()
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        dock.setFloating(True)  # a window of its own, laid out as QGIS shows it
        dock.show()
        QgsApplication.processEvents()
        assert dock.grab().save(str(_out() / "qgis_sync_role.png"))
        for i in range(dock.role.count()):
            dock.role.setCurrentIndex(i)
            QgsApplication.processEvents()
            assert _room_for_text(dock.role) >= _text_width(dock.role), dock.role.currentText()

        records = plugin.layers["patch_verifications"]
        records.reload()
        records.selectByIds([next(records.getFeatures()).id()])
        iface.setActiveLayer(records)
        history = plugin.show_history()  # as Feature history is clicked
        history.show()
        QgsApplication.processEvents()
        assert history.grab().save(str(_out() / "qgis_history_device.png"))
        table = history.table
        device = table.columnCount() - 1
        assert table.item(0, device).text() == "tech-li-laptop"
        assert table.columnWidth(device) >= table.sizeHintForColumn(device)
        assert table.columnViewportPosition(device) + table.columnWidth(device) <= \
            table.viewport().width()
        history.close()
    finally:
        QgsApplication.processEvents()
        for layer in list(plugin.layers.values()):
            QgsProject.instance().removeMapLayer(layer.id())
        plugin.unload()


def _text_width(combo) -> int:
    return combo.fontMetrics().horizontalAdvance(combo.currentText())


def _room_for_text(combo) -> int:
    """The width a drop-down draws its current text in (its box less frame and arrow)."""
    from qgis.PyQt.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.CC_ComboBox, option,
                                        QStyle.SC_ComboBoxEditField, combo).width()
