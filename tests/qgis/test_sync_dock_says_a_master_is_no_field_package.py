# SPDX-License-Identifier: GPL-2.0-or-later
"""The master open chosen in the Sync dock as "A field package" is said to be a master, not
a field package, as the command line says it, in the user's language: not "device master,
0 changes waiting" with Pull and Export greyed without a word."""

from __future__ import annotations

import contextlib
import gc

import pytest
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton

from qgis_plugin.i18n import tr
from tests.qgis.conftest import plugin_speaking, triggered
from tests.qgis.test_plugin import _wait_for

SAID = {"en": "master.gpkg is a master, not a field package",
        "zh": "master.gpkg 是主库，不是外业数据包"}


def _chosen(dock, monkeypatch, path) -> None:
    """``path`` chosen as the user chooses it: Choose…, the file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    next(b for b in dock.findChildren(QPushButton) if b.text() == tr("Choose…")).click()
    gc.collect()


@contextlib.contextmanager
def a_package_chosen(iface, master, tmp_path, monkeypatch, lang):
    """The Sync dock, in ``lang``, with a field package of device tech-a checked out from
    the open master and chosen; Pull and Export offered for it."""
    pkg = tmp_path / "tech-a.gpkg"
    locale = "zh_CN" if lang == "zh" else "en"
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_sync")
        dock = plugin.docks["sync"]
        dock.device.setText("tech-a")
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(pkg), "")))
        dock.checkout_button.click()
        _wait_for(dock)
        _chosen(dock, monkeypatch, pkg)
        assert dock.pull_button.isEnabled() and dock.export_button.isEnabled(), \
            dock.package_label.text()
        yield dock


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_master_chosen_as_a_field_package_is_said_to_be_a_master(
        lang, iface, master, tmp_path, monkeypatch):
    with a_package_chosen(iface, master, tmp_path, monkeypatch, lang) as dock:
        _chosen(dock, monkeypatch, master)
        assert dock.package_label.text() == SAID[lang]
        assert not dock.pull_button.isEnabled() and not dock.export_button.isEnabled()
