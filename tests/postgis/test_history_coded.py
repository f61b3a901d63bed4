# SPDX-License-Identifier: GPL-2.0-or-later
"""A row's history on a PostgreSQL master reads the code lists that label its coded values,
as on a GeoPackage master; a change to the master's schema that capture cannot follow is
said in Chinese, each change by name."""

import pytest

from field_kit import forms
from field_kit.db import connect
from field_kit.errors import CaptureBroken
from field_kit.messages_zh import chinese
from field_kit.sync import masters
from tests.postgis.cluster import query


def _lists(path):
    conn = connect(path, readonly=True)
    try:
        return forms.load_code_lists(conn), forms.plan_lists(conn)
    finally:
        conn.close()


def test_a_history_reads_the_code_lists_of_the_master(plan_database, plan_gpkg):
    uuid = query(plan_database, "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 1")[0][0]
    with masters.master_file(plan_database, needs="history", row=uuid) as path:
        codes, plan = _lists(path)
    assert (codes, plan) == _lists(plan_gpkg)
    assert [(c.code, c.label.zh) for c in codes["remediation_status"]][:2] == [
        ("A", "未治理"), ("B", "已恢复治理")]
    assert plan["township"]


@pytest.mark.parametrize("alter, said", [
    ("ALTER TABLE mine_patches RENAME COLUMN section TO s2",
     "字段 section（mine_patches）已被删除或改名"),
    ("ALTER TABLE mine_patches ALTER COLUMN area_m2 TYPE numeric(12,1)",
     "字段 area_m2（mine_patches）的类型已改为 numeric(12,1)"),
])
def test_a_schema_change_capture_cannot_follow_is_said_in_chinese(plan_database, alter, said):
    uuid = query(plan_database, "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 1")[0][0]
    query(plan_database, alter)
    with pytest.raises(CaptureBroken) as got:
        masters.history(plan_database, uuid)
    zh = chinese(got.value.message)
    assert zh.startswith("PostgreSQL 主库的表结构在数据库中被修改，修改记录无法跟随：" + said), zh
    assert "dropped" not in zh and "changed to" not in zh and " of " not in zh, zh
