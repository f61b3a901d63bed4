# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock of a field package whose last pull was refused says so, why, and how many
of its exported changes the master did not hold then: its "0 changes waiting" alone told
GIS staff nothing was stuck."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from field_kit.sync import package_checkout
from qgis_plugin.plugin import ToksunPlugin
from tests.unit.gpkg_factory import make_gpkg
from tests.unit.test_status_after_refused_pull import column_defined_otherwise


@pytest.fixture
def setup(tmp_path):
    """A small master of its own and two GIS packages of it (beside the plan's master)."""
    tmp = tmp_path / "small"
    tmp.mkdir()
    master = make_gpkg(tmp / "master.gpkg", patches=20, verifications=6)
    a, b = tmp / "a.gpkg", tmp / "b.gpkg"
    package_checkout.checkout(master, a, "tab-a", role="gis")
    package_checkout.checkout(master, b, "tab-b", role="gis")
    return master, a, b, tmp


def test_the_sync_dock_says_the_last_pull_was_refused(iface, setup, master, capsys):
    """(The dock shows the plan's master; the package chosen is of another, smaller one.)"""
    _, a, _ = column_defined_otherwise(setup, capsys, export=True)
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        assert p.load(master)
        QgsApplication.processEvents()
        dock = p.show_sync()
        dock.choose_package(str(a))
        said = dock.package_label.text()
        assert "0 changes waiting to be exported" in said, said
        assert ") was refused, nothing was pulled: " in said, said
        assert "column survey_batch of mine_patches is TEXT(20) in the master" in said, said
        assert "2 changes it exported were not in the master then" in said, said
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
