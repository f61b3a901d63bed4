# SPDX-License-Identifier: GPL-2.0-or-later
"""Of a PostgreSQL master too, history names a record's target whose table was dropped
there by its uuid, said its table is gone (not the target deleted), as on a GeoPackage
master, in English and in Chinese."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli
from tests.unit.test_history_names_a_row_of_a_dropped_table import (
    INSPECTION,
    inspected_on_a_target,
)


def test_history_names_a_target_of_a_dropped_table_its_table_gone(plan_database, capsys,
                                                                   monkeypatch):
    db = plan_database
    target, _ = inspected_on_a_target(lambda sql: query(db, sql),
                                      lambda sql, *args: query(db, sql, *args), "%s")
    query(db, "DROP TABLE project_targets CASCADE")
    for lang, said in (("en", f"    target_uuid: {target} (table project_targets gone)\n"),
                       ("zh", f"    项目目标：{target}（项目目标：表已不存在）\n")):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        code, out, err = cli(capsys, "history", db, INSPECTION)
        assert code == errors.OK, out + err  # (a command that only reads: warned)
        assert said in out, out
