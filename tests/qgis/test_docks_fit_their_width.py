# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's docks opened from its menu at the width QGIS gives them (their narrowest, as
on a 1366×768 or 1024×768 screen), in English and Chinese: nothing in them cut. The Progress
dock's charts were wider than the dock, scrolled sideways, their bars and the 2025 target's
label cut at the right edge; the Sync dock cut its Role and Township choices and its Device
hint."""

from __future__ import annotations

import html
import re

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QScrollArea, QStyle

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_report import _overlaps
from tests.qgis.test_sync_dock_narrows import _room_for_text

LOCALES = {"en": "en_US", "zh": "zh_CN"}


def _opened(iface, master, action: str, height: int = 444):
    """The plugin loaded on ``master``, and the dock its menu's ``action`` opened, as wide
    as QGIS opens it (its narrowest) and ``height`` tall."""
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    plugin.load(master)
    next(a for a in plugin.actions if a.objectName() == action).trigger()
    (dock,) = plugin.docks.values()
    dock.setFloating(True)
    dock.resize(dock.minimumSizeHint().width(), height)
    for _ in range(3):
        QgsApplication.processEvents()
    return plugin, dock


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_progress_charts_fit_the_dock(lang, iface, master, tmp_path):
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dock = _opened(iface, master, "toksun_show_dashboard")
        try:
            for tab, chart in ((0, dock.indicator_chart), (1, dock.mine_chart),
                               (1, dock.township_chart), (2, dock.targets_chart)):
                dock.tabs.setCurrentIndex(tab)
                for _ in range(3):
                    QgsApplication.processEvents()
                area = dock.tabs.currentWidget()
                assert isinstance(area, QScrollArea)
                room = area.viewport().width()
                assert chart.width() <= room, (tab, chart.width(), room)
                assert not area.horizontalScrollBar().isVisible(), tab
                # drawn to the width it has, at its own scale (not shrunk), every label whole
                svg = chart.draw(width=chart.width())
                drawn = chart.renderer().defaultSize()
                assert (drawn.width(), drawn.height()) == (chart.width(), chart.height()), (
                    tab, drawn, chart.size())
                assert not _overlaps(svg), (tab, _overlaps(svg))
        finally:
            plugin.unload()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sync_docks_choices_and_hint_are_whole(lang, iface, master, tmp_path):
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dock = _opened(iface, master, "toksun_show_sync")
        try:
            for combo in (dock.role, dock.township):
                assert combo.count() > 1
                metrics = combo.fontMetrics()
                view = combo.view()
                for i in range(combo.count()):
                    combo.setCurrentIndex(i)
                    text = combo.currentText()
                    # shown whole, or whole in its tooltip
                    assert (metrics.horizontalAdvance(text) <= _room_for_text(combo)
                            or combo.toolTip() == text), (text, combo.toolTip())
                # every choice whole in the list it opens
                combo.showPopup()
                QgsApplication.processEvents()
                room = view.viewport().width() - 2 * (view.style().pixelMetric(
                    QStyle.PM_FocusFrameHMargin, None, view) + 1)  # (the item's margins)
                for i in range(combo.count()):
                    text = combo.itemText(i)
                    assert view.fontMetrics().horizontalAdvance(text) <= room, (text, room)
                combo.hidePopup()
            hint = dock.device.placeholderText()
            assert ("例如" in hint) == (lang == "zh"), hint
            room = dock.device.width() - 2 * 4 - 2 * dock.device.style().pixelMetric(
                QStyle.PM_DefaultFrameWidth)  # (QLineEdit's margins and frame)
            assert dock.device.fontMetrics().horizontalAdvance(hint) <= room, (hint, room)
        finally:
            plugin.unload()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_progress_tables_fit_a_narrow_dock(lang, iface, master, tmp_path):
    """At 420 pixels (the dock could not be narrower than its three buttons side by side,
    500 pixels in English) every table of the Progress dock fits its width, nothing
    scrolled sideways: each record on lines of its own, its name, then each figure after its
    head, then its notes, no taller than a few lines; wide, the tables are in columns, each
    figure whole."""
    from qgis.PyQt.QtWidgets import QTableWidget

    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dock = _opened(iface, master, "toksun_show_dashboard", height=700)
        try:
            for width, narrow in ((420, True), (1400, False)):
                dock.resize(width, 700)
                for _ in range(3):
                    QgsApplication.processEvents()
                assert dock.width() == width, dock.minimumSizeHint()
                for tab in range(dock.tabs.count()):
                    dock.tabs.setCurrentIndex(tab)
                    for _ in range(3):
                        QgsApplication.processEvents()
                    area = dock.tabs.currentWidget()
                    assert not area.horizontalScrollBar().isVisible(), (width, tab)
                    tables = area.widget().findChildren(QTableWidget)
                    assert tables, tab
                    for table in tables:
                        _fits(table, area, narrow)
            # each figure after its head as the dock's language writes it
            said = dock.indicator_table.record(0).replace("\u2060", "").replace("\u00a0", " ")
            assert {"en": "Unit: %", "zh": "单位：%"}[lang] in said, said
        finally:
            plugin.unload()


def _fits(table, area, narrow: bool) -> None:
    """``table`` within the tab's width, nothing scrolled sideways, a record a row in a
    narrow dock, in columns in a wide one, its rows no taller than a few lines (the plan
    check's findings, long, twice as many)."""
    header = table.horizontalHeader()
    shown = [j for j in range(table.columnCount()) if not table.isColumnHidden(j)]
    name = table.heads[shown[0]]
    assert table.width() <= area.viewport().width(), (name, table.width())
    assert not table.horizontalScrollBar().isVisible(), name
    assert sum(header.sectionSize(j) for j in shown) <= table.viewport().width(), (
        name, [header.sectionSize(j) for j in shown], table.viewport().width())
    line = table.fontMetrics().lineSpacing()
    texts = [[table.item(r, j).text() for j in range(table.columnCount())]
             for r in range(table.rowCount())]
    assert texts, name
    few = 1 if table.columnCount() > 3 else 2
    assert table.stacked == narrow, name
    if table.stacked:  # a record a row: every figure and word of it in sight
        assert shown == [shown[0]] and not header.isVisible(), (name, shown)
        for r, row in enumerate(texts):
            said = html.unescape(re.sub("<[^>]+>", " ", table.record(r)))
            said = said.replace("\u2060", "").replace("\u00a0", " ")
            for text in row:
                for word in text.split():
                    assert word in said, (name, word, said)
            assert table.rowHeight(r) <= few * 10 * line, (name, r, table.rowHeight(r))
    else:  # in columns, each figure whole
        assert len(shown) == table.columnCount() and header.isVisible(), name
        for j in range(table.columnCount()):
            if j not in table.wrapped:
                assert header.sectionSize(j) >= table.sizeHintForColumn(j), (name, j)
        for r in range(table.rowCount()):
            assert table.rowHeight(r) <= few * 4 * line + 8, (
                name, r, table.rowHeight(r), texts[r])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_progress_tab_is_in_sight_and_named_in_a_narrow_dock(lang, iface, master,
                                                                   tmp_path):
    """At 420 pixels the Progress dock's four tabs are side by side in its width, no scroll
    arrows, each name whole as it is at 1400 pixels (规划一致性检查 was cut behind the
    arrows); each tab's full name in its tooltip. The plan check's tab says what its table
    holds by its full name, not a bare "Checks"."""
    from qgis.PyQt.QtWidgets import QToolButton

    names = {"en": ["Indicators", "Legacy mines", "Projects", "Plan check"],
             "zh": ["指标", "历史遗留矿山图斑", "重点项目", "规划一致性检查"]}[lang]
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dock = _opened(iface, master, "toksun_show_dashboard", height=700)
        try:
            bar = dock.tabs.tabBar()
            widths = {}
            for width in (1400, 420):
                dock.resize(width, 700)
                for _ in range(3):
                    QgsApplication.processEvents()
                assert dock.width() == width
                widths[width] = [bar.tabRect(i).width() for i in range(bar.count())]
            assert not [b for b in bar.findChildren(QToolButton) if b.isVisible()]
            assert bar.tabRect(bar.count() - 1).right() < bar.width(), (
                bar.tabRect(bar.count() - 1), bar.width())
            assert widths[420] == widths[1400], widths  # no name shortened
            assert [dock.tabs.tabToolTip(i) for i in range(bar.count())] == names
            assert dock.tabs.tabText(3) == names[3]
        finally:
            plugin.unload()
