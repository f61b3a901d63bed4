# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock of a technician's package whose last pull an earlier version refused over
a column of its own says, under that refusal, that a pull takes it now, in the user's
language: the refusal asked to rename a column, which a technician does not."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.unit.test_pull_refused_before_over_own_column import (
    GIVES_WAY,
    GIVES_WAY_ZH,
    refused_before,
)
from tests.unit.test_technicians_column_gives_way import refused  # noqa: F401 (a fixture)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_dock_says_the_column_gives_way_now(lang, iface, master, refused,  # noqa: F811
                                                tmp_path):
    _, pkg, _ = refused
    refused_before(pkg)
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
            assert p.load(master)
            QgsApplication.processEvents()
            dock = p.show_sync()
            dock.choose_package(str(pkg))
            said = dock.package_label.text()
        assert (GIVES_WAY_ZH if lang == "zh" else GIVES_WAY) in said, said
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
