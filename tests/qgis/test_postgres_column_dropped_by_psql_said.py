# SPDX-License-Identifier: GPL-2.0-or-later
"""A column of a PostgreSQL master's tracked table dropped in the database (psql), which no
QGIS signal tells: the Sync dock showing the master says it within seconds, with the repair
its commands wait for, in the user's language, as the command line says it."""

from __future__ import annotations

import gc
import time

from qgis.core import QgsApplication

from qgis_plugin.docks import columns_look
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_postgres_failures import lang  # noqa: F401  (a fixture)
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401  (fixtures)


def listed(dock) -> list[str]:
    return [dock.merge_list.item(i).text() for i in range(dock.merge_list.count())]


def said_within(dock, word: str, seconds: float = 5) -> list[str]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if any(word in text for text in listed(dock)):
            break
        time.sleep(0.05)
    return listed(dock)


def test_a_column_dropped_by_psql_is_said_in_the_sync_dock(
        iface, province, lang, monkeypatch):  # noqa: F811 (fixtures)
    monkeypatch.setattr(columns_look, "LOOK_MS", 100)
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        dock = plugin.show_sync()
        assert not any("geometry_source" in text for text in listed(dock))
        query(province, "ALTER TABLE mine_patches DROP COLUMN geometry_source")
        got = said_within(dock, "geometry_source")
        (text,) = [t for t in got if "geometry_source" in t]
        assert "mine_patches" in text and "field-kit repair" in text, text
        if lang == "zh":
            assert "字段 geometry_source（mine_patches）已被删除或改名" in text, text
        else:
            assert "column geometry_source of mine_patches was dropped or renamed" in text, text
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()
