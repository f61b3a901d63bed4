# SPDX-License-Identifier: GPL-2.0-or-later
"""The rules a province's own PostgreSQL tables hold (lengths, NOT NULL, CHECK, ranges,
precision, foreign keys) met by a merge: a change the database cannot take is refused by
name, the rest of its package applies; and values PostgreSQL stores otherwise than sent
(rounded, in another time zone) are logged as it holds them."""

import json
import sqlite3

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters, package_export
from tests.postgis.cluster import query
from tests.unit.cli_run import log_json
from tests.unit.gpkg_factory import edit

LAYERS = """
CREATE SCHEMA og;
CREATE TABLE og.forest (gid serial PRIMARY KEY, name text);
INSERT INTO og.forest (name) VALUES ('north'), ('south');
CREATE TABLE og.stands (id serial PRIMARY KEY, code varchar(5) NOT NULL,
  n int CHECK (n >= 0), big int, amount numeric(6,2), forest_gid int REFERENCES og.forest(gid),
  depth real, area_ha numeric(10,2), seen timestamptz);
INSERT INTO og.stands (code, n, big, amount, forest_gid, depth, area_ha, seen)
  SELECT 'S' || i, i, i, i, 1, 1.5, 2.25, TIMESTAMPTZ '2024-01-01 00:00:00+00'
  FROM generate_series(1, 4) i;
CREATE TABLE og.samples (id serial PRIMARY KEY, name text, photo bytea,
  measure double precision, depth real, amount numeric, share numeric(6,2));
INSERT INTO og.samples (name, photo) SELECT 'P' || i, '\\xcafe'::bytea
  FROM generate_series(1, 4) i;
"""


@pytest.fixture
def og(cluster, database):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYERS, db=db)
    target = cluster.address(db, schema="og")
    assert main(["init", target]) == 0
    return target


def uuid_of(target, table, where):
    return query(target, f"SELECT uuid FROM {table} WHERE {where}")[0][0]


def merged(target, path, capsys):
    capsys.readouterr()
    code = main(["merge", target, str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


class Device:
    """A GIS package checked out of ``target``, edited and exported as a user would."""

    def __init__(self, target, tmp_path, name):
        self.target, self.tmp, self.name = target, tmp_path, name
        self.path = tmp_path / f"{name}.gpkg"
        masters.checkout(target, self.path, name, role="gis")
        self.n = 0

    def edit(self, sql, *args):
        edit(self.path, sql, *args)

    def export(self):
        self.n += 1
        out = self.tmp / f"{self.name}-{self.n}.zip"
        package_export.export(self.path, out)
        return out

    def pull(self):
        assert main(["pull", str(self.path), self.target]) == 0


BAD = [  # (the edit, the column the database refuses, words of its reason, and in Chinese)
    ("code = 'TOOLONGCODE'", "code", "value too long", "值超过该字段的长度"),
    ("code = NULL", "code", "null value", "字段 code 不能为空"),
    ("n = -1", "n", "check constraint", "违反表 stands 的检查约束"),
    ("big = 3000000000", "big", "out of range", "值“3000000000”超出 integer 类型的范围"),
    ("amount = 123456.5", "amount", "numeric field overflow", "数值超出该字段的精度（精度 "),
    ("forest_gid = 99", "forest_gid", "foreign key", "中没有 forest_gid 为 99 的记录"),
]


@pytest.mark.parametrize("bad,column,why,zh", BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_a_change_the_database_cannot_take_is_refused_by_name_and_the_rest_applies(
        og, tmp_path, capsys, bad, column, why, zh):
    dev = Device(og, tmp_path, "og1")
    dev.edit(f"UPDATE stands SET {bad} WHERE id = 1")
    dev.edit("UPDATE stands SET code = 'OK2', n = 7 WHERE id = 2")
    dev.edit("INSERT INTO stands (code, n) VALUES ('NEW', 3)")
    code, out = merged(og, dev.export(), capsys)
    assert code == 3, out
    assert out["totals"] == {"applied": 2, "already": 0, "conflict": 0, "refused": 1,
                             "conflict_fields": 0, "went_in": 2}
    (refusal,) = [o for m in out["merges"] for o in m["outcomes"] if o["status"] == "refused"]
    assert refusal["table"] == "stands" and refusal["row"] == uuid_of(og, "stands", "id = 1")
    assert refusal["reason"].startswith(f"{column}: ") and why in refusal["reason"]
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    said_zh = in_user_language(refusal["reason"], "zh")
    assert said_zh.startswith(f"{column}：数据库"), said_zh
    assert zh in said_zh and why not in said_zh, said_zh  # the server's English said in Chinese
    assert query(og, "SELECT code, n FROM stands WHERE id IN (1, 2) ORDER BY id") == \
        [("S1", 1), ("OK2", 7)]
    assert query(og, "SELECT count(*) FROM stands WHERE code = 'NEW'") == [(1,)]
    # the device is not stuck: its next package merges
    dev.edit("UPDATE stands SET n = 8 WHERE id = 3")
    code, out = merged(og, dev.export(), capsys)
    assert code == 0 and out["totals"]["applied"] == 1
    assert query(og, "SELECT n FROM stands WHERE id = 3") == [(8,)]


def test_a_new_row_the_database_cannot_take_is_refused_with_its_later_edits(og, tmp_path,
                                                                            capsys):
    dev = Device(og, tmp_path, "og1")
    dev.edit("INSERT INTO stands (code, n, forest_gid) VALUES ('BAD', 1, 42)")
    dev.edit("UPDATE stands SET n = 2 WHERE code = 'BAD'")
    dev.edit("UPDATE stands SET n = 5 WHERE id = 4")
    code, out = merged(og, dev.export(), capsys)
    assert code == 3
    assert out["totals"] == {"applied": 1, "already": 0, "conflict": 0, "refused": 2,
                             "conflict_fields": 0, "went_in": 1}
    reasons = [o["reason"] for m in out["merges"] for o in m["outcomes"]
               if o["status"] == "refused"]
    assert "foreign key" in reasons[0] and "is not present in table" in reasons[0]
    assert query(og, "SELECT count(*) FROM stands WHERE code = 'BAD'") == [(0,)]
    assert query(og, "SELECT n FROM stands WHERE id = 4") == [(5,)]


def test_a_delete_of_a_row_still_referenced_is_refused_and_the_rest_applies(og, tmp_path,
                                                                           capsys):
    dev = Device(og, tmp_path, "og1")
    dev.edit("DELETE FROM forest WHERE gid = 1")  # stands still name it
    dev.edit("UPDATE forest SET name = 'south-2' WHERE gid = 2")
    code, out = merged(og, dev.export(), capsys)
    assert code == 3
    (refusal,) = [o for m in out["merges"] for o in m["outcomes"] if o["status"] == "refused"]
    assert (refusal["table"], refusal["op"]) == ("forest", "delete")
    assert "still referenced from table \"stands\"" in refusal["reason"]
    assert query(og, "SELECT gid, name FROM forest ORDER BY gid") == [(1, "north"),
                                                                     (2, "south-2")]


def test_a_value_settling_a_conflict_the_database_cannot_take_is_refused_by_name(
        og, tmp_path, capsys):
    dev = Device(og, tmp_path, "og1")
    row = uuid_of(og, "stands", "id = 1")
    query(og, "UPDATE stands SET code = 'DB1' WHERE id = 1")  # in QGIS meanwhile
    dev.edit("UPDATE stands SET code = 'PK1' WHERE id = 1")
    code, out = merged(og, dev.export(), capsys)
    assert code == 1
    (conflict,) = [c for c in masters.conflicts(og)]
    capsys.readouterr()
    assert main(["resolve", og, str(conflict.id), "--value", "TOOLONGCODE"]) == 3
    said = capsys.readouterr().err
    assert f"the update of stands row {row}, field code: value too long" in said
    assert "nothing was changed" in said
    assert query(og, "SELECT code FROM stands WHERE id = 1") == [("PK1",)]


def test_a_value_settling_a_conflict_the_database_cannot_take_is_said_in_chinese(
        og, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    dev = Device(og, tmp_path, "og1")
    row = uuid_of(og, "stands", "id = 1")
    query(og, "UPDATE stands SET code = 'DB1' WHERE id = 1")  # in QGIS meanwhile
    dev.edit("UPDATE stands SET code = 'PK1' WHERE id = 1")
    code, out = merged(og, dev.export(), capsys)
    assert code == 1
    (conflict,) = [c for c in masters.conflicts(og)]
    capsys.readouterr()
    assert main(["resolve", og, str(conflict.id), "--value", "TOOLONGCODE"]) == 3
    (said_zh,) = [line for line in capsys.readouterr().err.splitlines() if "数据库" in line]
    assert f"数据库拒绝：修改 stands 要素 {row}（字段 code）：值超过该字段的长度（最多 5 个字符）" \
        "；未作任何更改" in said_zh, said_zh
    assert "value too long" not in said_zh and "the update of" not in said_zh, said_zh


STORED = [  # (column, the value a device sends, what PostgreSQL keeps of it)
    ("depth", 1.23456789, 1.2345679),  # real
    ("area_ha", 1.23456, 1.23),  # numeric(10,2)
    ("seen", "2024-01-02T03:04:05+08:00", "2024-01-01T19:04:05+00:00"),  # timestamptz
]


def _in_utc(og) -> None:
    query(og, "ALTER DATABASE " + query(og, "SELECT current_database()")[0][0]
          + " SET timezone = 'UTC'")


def _logged_and_sent_as_held(og, tmp_path, row, column, kept) -> None:
    """What the master logs for ``row``, and sends to a package checked out now, is what it
    holds: ``kept``."""
    assert masters.history(og, row)[-1]["new"] == {column: kept}
    fresh = Device(og, tmp_path, "og3")
    conn = connect(fresh.path, readonly=True)
    assert conn.execute(f"SELECT {column} FROM stands WHERE uuid = ?", (row,)).fetchone() == \
        (kept,)
    conn.close()


@pytest.mark.parametrize("column,sent,kept", STORED, ids=[s[0] for s in STORED])
def test_a_value_the_database_stores_otherwise_is_logged_as_it_holds_it(
        og, tmp_path, capsys, column, sent, kept):
    _in_utc(og)
    dev = Device(og, tmp_path, "og1")
    other = Device(og, tmp_path, "og2")  # checked out before, pulls later
    row = uuid_of(og, "stands", "id = 1")
    dev.edit(f"UPDATE stands SET {column} = ? WHERE id = 1", sent)
    code, out = merged(og, dev.export(), capsys)
    assert code == 0 and out["totals"]["applied"] == 1
    _logged_and_sent_as_held(og, tmp_path, row, column, kept)
    # the device's own later edit meets its earlier one: no conflict
    dev.edit(f"UPDATE stands SET {column} = ? WHERE id = 1",
             "2024-03-03T00:00:00+00:00" if column == "seen" else 2.0)
    code, out = merged(og, dev.export(), capsys)
    assert code == 0 and out["totals"]["applied"] == 1, out
    # another device that pulled it edits it too: no conflict either
    other.pull()
    other.edit(f"UPDATE stands SET {column} = ? WHERE id = 2", sent)
    code, out = merged(og, other.export(), capsys)
    assert code == 0 and out["totals"]["applied"] == 1, out
    other.edit(f"UPDATE stands SET {column} = ? WHERE id = 2",
               "2025-05-05T05:05:05+00:00" if column == "seen" else 3.0)
    code, out = merged(og, other.export(), capsys)
    assert code == 0 and out["totals"]["applied"] == 1, out


@pytest.mark.parametrize("column,sent,kept", STORED, ids=[s[0] for s in STORED])
def test_the_device_that_sent_a_value_stored_otherwise_pulls_it_as_stored(
        og, tmp_path, capsys, column, sent, kept):
    """The device holds what the master holds once it pulls, so another device's later
    edit reaches it cleanly (it met a value the master never held: a conflict, and the
    package kept its own)."""
    query(og, "ALTER DATABASE " + query(og, "SELECT current_database()")[0][0]
          + " SET timezone = 'UTC'")
    dev, other = Device(og, tmp_path, "og1"), Device(og, tmp_path, "og2")
    dev.edit(f"UPDATE stands SET {column} = ? WHERE id = 1", sent)
    assert merged(og, dev.export(), capsys)[0] == 0
    assert masters.pull(dev.path, og).counts["conflict"] == 0

    def held(device):
        conn = connect(device.path, readonly=True)
        try:
            return conn.execute(f"SELECT {column} FROM stands WHERE id = 1").fetchone()[0]
        finally:
            conn.close()
    assert held(dev) == kept
    other.pull()
    later = "2025-05-05T05:05:05+00:00" if column == "seen" else 7.0
    other.edit(f"UPDATE stands SET {column} = ? WHERE id = 1", later)
    assert merged(og, other.export(), capsys)[0] == 0
    got = masters.pull(dev.path, og)
    assert (got.counts["conflict"], got.counts["applied"]) == (0, 1)
    assert held(dev) == later


def refusals(out) -> dict:
    return {o["row"]: o["reason"] for m in out["merges"] for o in m["outcomes"]
            if o["status"] == "refused"}


def test_text_for_a_bytea_column_is_refused_by_name_and_a_blob_arrives(og, tmp_path, capsys):
    pkg, other = tmp_path / "gis.gpkg", tmp_path / "other.gpkg"
    masters.checkout(og, pkg, "gis-1", role="gis")
    masters.checkout(og, other, "gis-2", role="gis")  # pulls the merge later
    edit(pkg, "UPDATE samples SET photo = 'text-in-blob' WHERE id = 1")
    edit(pkg, "UPDATE samples SET photo = 'BEEF' WHERE id = 2")  # text, though it spells hex
    edit(pkg, "UPDATE samples SET photo = 5 WHERE id = 3")
    edit(pkg, "UPDATE samples SET photo = X'BEEF', name = 'p4' WHERE id = 4")
    package_export.export(pkg, tmp_path / "c.zip")
    code, out = merged(og, tmp_path / "c.zip", capsys)
    assert code == 3, out
    assert out["totals"] == {"applied": 1, "already": 0, "conflict": 0, "refused": 3,
                             "conflict_fields": 0, "went_in": 1}
    bytea = "photo: the database cannot take it: its column is bytea, which holds bytes, not"
    row = {i: uuid_of(og, "samples", f"id = {i}") for i in (1, 2, 3)}
    assert refusals(out) == {row[1]: f'{bytea} text ("text-in-blob")',
                             row[2]: f'{bytea} text ("BEEF")', row[3]: f"{bytea} a number (5)"}
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    assert in_user_language(f'{bytea} text ("BEEF")', "zh") == \
        "photo：数据库不接受此值：该字段为 bytea 类型，只能存放二进制数据，不能存放文本（BEEF）"
    assert query(og, "SELECT id, encode(photo, 'hex'), name FROM samples ORDER BY id") == [
        (1, "cafe", "P1"), (2, "cafe", "P2"), (3, "cafe", "P3"), (4, "beef", "p4")]
    # a package pulling the master gets the blob as a blob
    assert main(["pull", str(other), og]) == 0
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT typeof(photo), photo, name FROM samples WHERE id = 4"
                            ).fetchone() == ("blob", b"\xbe\xef", "p4")


def test_infinity_is_stored_where_the_column_holds_it_and_refused_by_name_where_not(
        og, tmp_path, capsys):
    pkg, other = tmp_path / "gis.gpkg", tmp_path / "other.gpkg"
    masters.checkout(og, pkg, "gis-1", role="gis")
    masters.checkout(og, other, "gis-2", role="gis")  # pulls the merge later
    edit(pkg, "UPDATE samples SET measure = 1e308 * 10, depth = -1e308 * 10, amount = 1e308 * 10 "
         "WHERE id = 1")
    edit(pkg, "UPDATE samples SET share = -1e308 * 10 WHERE id = 2")  # numeric(6,2): no room
    package_export.export(pkg, tmp_path / "c.zip")
    code, out = merged(og, tmp_path / "c.zip", capsys)
    assert code == 3, out
    assert out["totals"] == {"applied": 1, "already": 0, "conflict": 0, "refused": 1,
                             "conflict_fields": 0, "went_in": 1}
    (why,) = refusals(out).values()
    assert why.startswith("share: the database cannot take it: numeric field overflow (A field "
                          "with precision 6, scale 2 cannot hold an infinite value)"), why
    inf = float("inf")
    assert query(og, "SELECT measure, depth, amount::float8, share FROM samples WHERE id IN "
                 "(1, 2) ORDER BY id") == [(inf, -inf, inf, None), (None, None, None, None)]
    assert main(["pull", str(other), og]) == 0
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT measure, depth, amount FROM samples WHERE id = 1"
                            ).fetchone() == (inf, -inf, inf)
    assert main(["log", og]) == 0


def test_infinity_written_in_the_database_is_logged_as_a_number_and_pulled_as_one(
        og, tmp_path, capsys):
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(og, pkg, "gis-1", role="gis")
    # in QGIS on the PostGIS layer (text saying Infinity stays text)
    query(og, "UPDATE samples SET measure = 'Infinity', depth = '-Infinity', amount = "
          "'Infinity', name = 'Infinity' WHERE id = 3")
    query(og, "INSERT INTO samples (name, measure) VALUES ('new', '-Infinity')")
    query(og, "UPDATE samples SET measure = 'Infinity' WHERE id = 4")
    query(og, "DELETE FROM samples WHERE id = 4")
    inf = float("inf")
    capsys.readouterr()
    assert main(["log", og, "--json"]) == 0
    logged = [(c["op"], c["new"] or c["old"])
              for c in log_json(capsys.readouterr().out)["changes"]]
    assert ("update", {"measure": inf, "depth": -inf, "amount": inf, "name": "Infinity"}) in \
        logged and ("update", {"measure": inf}) in logged
    assert main(["pull", str(pkg), og]) == 0
    with sqlite3.connect(pkg) as conn:
        assert conn.execute("SELECT id, typeof(measure), measure, depth, amount, name FROM "
                            "samples WHERE id >= 3 ORDER BY id").fetchall() == [
            (3, "real", inf, -inf, inf, "Infinity"), (5, "real", -inf, None, None, "new")]


@pytest.mark.parametrize("column,sent,kept", STORED, ids=[s[0] for s in STORED])
def test_a_value_typed_to_settle_a_conflict_is_logged_as_the_database_holds_it(
        og, tmp_path, capsys, column, sent, kept):
    _in_utc(og)
    dev = Device(og, tmp_path, "og1")
    row = uuid_of(og, "stands", "id = 2")
    query(og, f"UPDATE stands SET {column} = NULL WHERE id = 2")  # in QGIS meanwhile
    dev.edit(f"UPDATE stands SET {column} = ? WHERE id = 2",
             "2024-03-03T00:00:00+00:00" if column == "seen" else 9.0)
    code, out = merged(og, dev.export(), capsys)
    assert code == 1, out
    (conflict,) = masters.conflicts(og)
    capsys.readouterr()
    assert main(["resolve", og, str(conflict.id), "--value", str(sent)]) == 0
    said = capsys.readouterr().out
    assert f"{column} now holds {json.dumps(kept)}" in said, said
    _logged_and_sent_as_held(og, tmp_path, row, column, kept)


def test_a_boolean_settling_a_conflict_is_typed_as_postgresql_shows_it(og, tmp_path,
                                                                       capsys):
    query(og, "ALTER TABLE stands ADD COLUMN checked boolean")  # in QGIS's Add Field
    dev = Device(og, tmp_path, "og1")
    query(og, "UPDATE stands SET checked = true WHERE id = 1")  # in QGIS meanwhile
    dev.edit("UPDATE stands SET checked = 0 WHERE id = 1")
    code, out = merged(og, dev.export(), capsys)
    assert code == 1, out
    (conflict,) = masters.conflicts(og)
    capsys.readouterr()
    assert main(["resolve", og, str(conflict.id), "--value", "yes"]) == 2
    said = capsys.readouterr().err
    assert f"conflict {conflict.id}: checked takes 0 or 1 (false or true), not 'yes'" in said
    assert main(["resolve", og, str(conflict.id), "--value", "False"]) == 0
    assert query(og, "SELECT checked FROM stands WHERE id = 1") == [(False,)]
