# SPDX-License-Identifier: GPL-2.0-or-later
"""history names who undid a merge of a PostgreSQL master: --by, then the database's
session, as a decision names who settled it (tests/unit/test_history_names_who_undid.py)."""

from __future__ import annotations

from tests.unit import test_history_names_who_undid as gpkg


def test_history_names_who_undid_by_by_and_session(plan_database, tmp_path, capsys,
                                                    monkeypatch):
    gpkg.names_who_undid(plan_database, tmp_path, capsys, monkeypatch, session=True)
