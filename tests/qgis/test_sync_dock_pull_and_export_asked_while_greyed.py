# SPDX-License-Identifier: GPL-2.0-or-later
"""Pull and Export greyed in the Sync dock, asked all the same (their slot called: a
shortcut, a script): they started their work, which the library then refused. Each says why
on the message bar, as its tip says it (in the language QGIS speaks), and starts nothing."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from field_kit.sync import package_checkout
from tests.qgis.conftest import plugin_speaking, triggered
from tests.qgis.test_sync_dock_pull_and_export_greyed_say_why import (
    A_MASTER,
    ITSELF_OPEN,
    THE_FILE,
)
from tests.qgis.test_sync_dock_pull_greyed_while_work_runs import NOT_PULLED
from tests.qgis.test_sync_dock_says_a_master_is_no_field_package import _chosen

NOT_EXPORTED = {"en": "Change package not exported", "zh": "未导出修改包"}


def _asked(sync, iface, slot, *args) -> list:
    """What the message bar heard of ``slot`` called, no work started by it."""
    heard = len(iface.messages)
    slot(*args)
    QgsApplication.processEvents()
    assert sync.task is None, sync.task.description()
    return iface.messages[heard:]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pull_asked_with_the_package_itself_open_says_why_and_starts_nothing(
        lang, iface, master, tmp_path):
    pkg = tmp_path / "gis-1.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    locale = "zh_CN" if lang == "zh" else "en"
    with plugin_speaking(iface, locale, tmp_path / "qm", pkg) as plugin:
        triggered(plugin, "show_sync")
        sync = plugin.docks["sync"]
        assert not sync.pull_button.isEnabled()
        assert _asked(sync, iface, sync.pull_package) == [
            ("warning", NOT_PULLED[lang], ITSELF_OPEN[lang])]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_asked_of_a_master_chosen_says_why_and_starts_nothing(
        lang, iface, master, tmp_path, monkeypatch):
    locale = "zh_CN" if lang == "zh" else "en"
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_sync")
        sync = plugin.docks["sync"]
        _chosen(sync, monkeypatch, master)
        assert not sync.export_button.isEnabled()
        out = tmp_path / "master.zip"
        why = THE_FILE[lang].format(reason=A_MASTER[lang])
        assert _asked(sync, iface, sync.export_package, str(out)) == [
            ("warning", NOT_EXPORTED[lang], why)]
        assert not out.exists()
