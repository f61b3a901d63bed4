# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull says, in the user's language, what ``field-kit pull`` says of the
values this device sent that the master's replaced, of those still in the master's open
conflicts, and of the new rows outside the package's township left out (it said nothing of
the last two); each value replaced, old -> new, named as the forms show it. Its result, and an
undo's, stay on QGIS's message bar until closed, not gone after 5 s, and go once another
file opens."""

from __future__ import annotations

import gc
import shutil

from field_kit.sync import package_checkout
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_bar_follows_the_file_open import _opened_by_hand, _titles
from tests.qgis.test_plugin import _conflict_on, _wait_for, undo_from_dock
from tests.qgis.test_processing_pull_says_what_the_command_line_says import (
    _replaced_in_an_open_conflict,
    command_line_said,
)
from tests.qgis.test_settle_conflicts import WithItsMessageBar
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401

PULL, UNDO = {"en": "Pull", "zh": "拉取"}, {"en": "Merge undone", "zh": "合并已撤销"}


def _pulled_in_dock(sync, pkg) -> None:
    """``pkg`` chosen in the Sync dock ``sync`` and the master pulled into it, as a user
    clicks."""
    sync.choose_package(str(pkg))
    sync.pull_button.click()
    _wait_for(sync)
    gc.collect()


def _said_on_the_bar(iface, title: str):
    """The message bar's item of ``title``, as QGIS keeps it (its duration)."""
    items = [item for item in iface.bar_items if item.title() == title]
    assert len(items) == 1, iface.messages
    return items[0]


def test_the_dock_pull_says_what_the_command_line_says(iface, dock, master,  # noqa: F811
                                                       tmp_path, capsys, monkeypatch):
    lang, dock = dock
    pkg = _replaced_in_an_open_conflict(master, tmp_path)
    said = command_line_said(pkg, master, tmp_path, capsys, monkeypatch, lang)
    _pulled_in_dock(dock, pkg)
    report = [line.strip() for line in dock.report.toPlainText().splitlines()]
    replaced, value, still_open, left_out = said
    for line in (replaced, still_open, left_out):
        assert line in report, (line, report)
    # (the value, old -> new, named as the forms show it: the record by its patch)
    assert "· CT6504222017000026002 · " + {"en": "Notes", "zh": "备注"}[lang] + \
        ": poor → fair" in report, report
    # the pull's result on the bar stays until closed (info goes after 5 s)
    assert _said_on_the_bar(iface, PULL[lang]).duration() == 0


def test_an_undo_stays_on_the_bar(iface, dock, master, tmp_path, monkeypatch):  # noqa: F811
    lang, dock = dock
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))
    undo_from_dock(dock, monkeypatch)
    assert _said_on_the_bar(iface, UNDO[lang]).duration() == 0


def test_a_pull_and_an_undo_said_go_once_another_file_opens(iface, master, tmp_path,
                                                           monkeypatch):
    iface = WithItsMessageBar(iface)
    other = tmp_path / "other" / "master.gpkg"
    other.parent.mkdir()
    shutil.copyfile(master, other)
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", township="郭勒布依乡")
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        _opened_by_hand(plugin, monkeypatch, master)
        dock = plugin.show_sync()
        undo_from_dock(dock, monkeypatch)
        _pulled_in_dock(dock, pkg)
        said = {"Pull", "Merge undone"}
        assert said <= set(_titles(iface.bar)), _titles(iface.bar)
        del dock
        _opened_by_hand(plugin, monkeypatch, other)
        assert plugin.gpkg == other and not said & set(_titles(iface.bar)), _titles(iface.bar)
    finally:
        iface.mapCanvas().waitWhileRendering()
        plugin.unload()
