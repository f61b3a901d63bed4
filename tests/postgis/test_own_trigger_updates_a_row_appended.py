# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's own AFTER INSERT trigger on a tracked table of a PostgreSQL master that updates
the row just inserted: the log holds each row's insert before that update, and a field
package pulling it gets the updated value."""

import sqlite3

import pytest

from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout
from tests.unit.gpkg_factory import make_gpkg

OWN_TRIGGER = """
CREATE FUNCTION name_checked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE restoration_projects SET name_zh = name_zh || '（已核）' WHERE uuid = NEW.uuid;
  RETURN NULL;
END $$;
CREATE TRIGGER name_check AFTER INSERT ON restoration_projects FOR EACH ROW
EXECUTE FUNCTION name_checked();
"""
ROWS = [(f"{i:08d}-0000-4000-8000-000000000000", f"XM-T{i}", f"项目 T{i}", "托克逊镇")
        for i in range(3)]


@pytest.fixture
def master(database, tmp_path):
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == 0
    return database, tmp_path


def test_a_row_updated_by_its_own_insert_trigger_is_logged_inserted_first(master):
    database, tmp = master
    pkg = checkout(database, tmp, "tab-a")
    query(database, OWN_TRIGGER)
    query(database, "INSERT INTO restoration_projects (uuid, project_id, name_zh, township) "
          "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])",
          *[list(c) for c in zip(*ROWS)])
    for u, _, name, _ in ROWS:
        log = query(database, "SELECT op, new::jsonb ->> 'name_zh' FROM sync_changes WHERE "
                    "row_uuid = %s ORDER BY seq", u)
        assert log == [("insert", name), ("update", f"{name}（已核）")], (u, log)
    assert main(["pull", str(pkg), database]) == 0
    conn = sqlite3.connect(pkg)
    try:
        got = dict(conn.execute("SELECT uuid, name_zh FROM restoration_projects WHERE uuid IN "
                                "(?, ?, ?)", [r[0] for r in ROWS]).fetchall())
    finally:
        conn.close()
    assert got == {u: f"{name}（已核）" for u, _, name, _ in ROWS}
