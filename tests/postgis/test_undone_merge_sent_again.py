# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master's merge GIS staff undid, its changes sent again: kept out, each
refused by name, as a GeoPackage master's merge does; merged again when asked."""

from __future__ import annotations

from tests.postgis.cluster import query
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)
from tests.unit.test_undone_merge_sent_again import sent_again_after_the_undo


def test_an_undone_merge_sent_again_is_kept_out(plan_database, tmp_path, capsys,
                                                chinese_locale):  # noqa: F811
    sent_again_after_the_undo(plan_database, tmp_path, capsys, query)
