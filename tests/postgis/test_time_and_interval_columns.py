# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's time, timetz and interval columns in PostgreSQL travel: a field package holds
each as TEXT, as PostgreSQL prints it ('24:00:00', '10:00:00+08', '1 day 02:00:00',
'-3 mons'); an edit of another column of its row leaves it in the master as it was, a
valid text typed in QGIS reaches the master as the value it reads, and a text the master's
column cannot read ('noon') is refused by table, column and feature, in Chinese too, the
rest of the package applied. Pull, history, undo-merge and a conflict settled carry them
as well."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.sync import masters
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import cli_json, history_json
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit, rows

LAYER = """
CREATE SCHEMA og;
CREATE TABLE og.wells (id serial PRIMARY KEY, code text, v {kind});
INSERT INTO og.wells (code, v) VALUES {values};
"""
AS_PRINTED = "SELECT code, v::text FROM wells ORDER BY id"

# type, values as PostgreSQL prints them (the awkward ones), a text typed in QGIS and what
# the master prints of it, and the master's own edit (as PostgreSQL prints it)
TYPES = {
    "time": (["24:00:00", "00:00:00", "10:30:00.123456"], "7:15", "07:15:00", "23:59:59"),
    "timetz": (["10:00:00+08", "24:00:00+00", "23:59:59.5-05:30"], "07:15 +05:45",
               "07:15:00+05:45", "06:00:00-03"),
    "interval": (["1 day 02:00:00", "-3 mons", "1 year 2 mons -3 days +04:05:06.5"],
                 "2 hours 30 minutes", "02:30:00", "7 days"),
}
# the type as PostgreSQL names it refusing a value
SAID = {"time": "time", "timetz": "time with time zone", "interval": "interval"}


def checked_out(kind, cluster, database, tmp_path, capsys):
    """A master in Asia/Shanghai's time whose wells hold the awkward values of ``kind``,
    tracked, and a GIS package checked out of it: (master, its values as PostgreSQL prints
    them, package)."""
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYER.format(kind=kind, values=", ".join(
        f"('R{i}', '{v}')" for i, v in enumerate(TYPES[kind][0]))), db=db)
    cluster.sql(f"ALTER DATABASE {db} SET timezone = 'Asia/Shanghai'")
    og = cluster.address(db, schema="og")
    code, said = cli_said(capsys, "init", og)
    assert code == errors.OK, said
    assert "tracked: wells" in said and "does not carry" not in said, said
    before = query(og, AS_PRINTED)
    assert [v for _, v in before] == TYPES[kind][0]
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "g", "--role", "gis")
    assert code == errors.OK, said
    return og, before, pkg


@pytest.mark.parametrize("kind", TYPES)
def test_checked_out_as_printed_and_back_unchanged(kind, cluster, database, tmp_path,
                                                   capsys):
    values, typed, printed, _ = TYPES[kind]
    og, before, pkg = checked_out(kind, cluster, database, tmp_path, capsys)
    assert rows(pkg, "SELECT type FROM pragma_table_info('wells') WHERE name = 'v'") == [
        ("TEXT",)]
    assert rows(pkg, "SELECT code, v FROM wells ORDER BY id") == before

    # an edit of another column of each row: the master keeps each value as it was
    edit(pkg, "UPDATE wells SET code = code || 'x'")
    code, said = sent(capsys, pkg, og, tmp_path / "g1.zip")
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [(c + "x", v) for c, v in before]

    # the column itself, as typed in QGIS: the master reads it, and the package (pulled)
    # holds it as the master prints it
    edit(pkg, "UPDATE wells SET v = ? WHERE code = 'R0x'", typed)
    code, said = sent(capsys, pkg, og, tmp_path / "g2.zip")
    assert code == errors.OK, said
    after = [("R0x", printed)] + [(c + "x", v) for c, v in before[1:]]
    assert query(og, AS_PRINTED) == after
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT code, v FROM wells ORDER BY id") == after


@pytest.mark.parametrize("kind", TYPES)
def test_a_text_the_column_cannot_read_is_refused_by_name(kind, cluster, database, tmp_path,
                                                          capsys, monkeypatch):
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    og, before, pkg = checked_out(kind, cluster, database, tmp_path, capsys)
    row = query(og, "SELECT uuid FROM wells WHERE code = 'R1'")[0][0]
    edit(pkg, "UPDATE wells SET v = 'noon' WHERE code = 'R1'")
    edit(pkg, "UPDATE wells SET code = 'R2x' WHERE code = 'R2'")
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g1.zip")
    assert code == errors.OK, said
    code, rep = cli_json(capsys, "merge", og, str(tmp_path / "g1.zip"))
    assert code == errors.REFUSED, rep
    (refusal,) = [o for m in rep["merges"] for o in m["outcomes"] if o["status"] == "refused"]
    assert (refusal["table"], refusal["row"]) == ("wells", row), refusal
    reason = refusal["reason"]
    assert reason == (f"v: the database cannot take it: invalid input syntax for type "
                      f"{SAID[kind]}: \"noon\""), reason
    said_zh = in_user_language(reason, "zh")
    assert said_zh.startswith("v：数据库") and f"“noon”不是有效的 {SAID[kind]} 值" in said_zh, \
        said_zh
    # nothing of the refused change written; the rest of the package is
    assert query(og, AS_PRINTED) == [before[0], before[1], ("R2x", before[2][1])]
    # and the merge's words name the table, the feature and the field
    code, said = cli_said(capsys, "merge", og, tmp_path / "g1.zip")
    assert "refused update wells R1 change " in said, said
    assert f'v: the database cannot take it: invalid input syntax for type {SAID[kind]}: ' \
        '"noon"' in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")  # and in Chinese
    code, said = cli_said(capsys, "merge", og, tmp_path / "g1.zip")
    assert "已拒收 修改 wells R1（变更 " in said, said
    assert f"v：数据库不接受此值：“noon”不是有效的 {SAID[kind]} 值" in said, said


@pytest.mark.parametrize("kind", TYPES)
def test_pulled_in_history_undone_and_settled(kind, cluster, database, tmp_path, capsys):
    values, typed, printed, theirs = TYPES[kind]
    og, before, pkg = checked_out(kind, cluster, database, tmp_path, capsys)
    row = query(og, "SELECT uuid FROM wells WHERE code = 'R1'")[0][0]

    # edited in the master (QGIS on PostgreSQL): pulled as printed, and in its history
    query(og, "UPDATE wells SET v = %s WHERE code = 'R1'", theirs)
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT v FROM wells WHERE code = 'R1'") == [(theirs,)]
    code, changes = history_json(capsys, og, row)
    assert code == errors.OK
    assert (changes[-1]["old"], changes[-1]["new"]) == ({"v": values[1]}, {"v": theirs})

    # a merge writing it, undone: the master holds the value it had, as it printed it
    edit(pkg, "UPDATE wells SET v = ? WHERE code = 'R1'", typed)
    edit(pkg, "UPDATE wells SET code = 'R0x' WHERE code = 'R0'")
    edit(pkg, "UPDATE wells SET v = NULL WHERE code = 'R2'")
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g1.zip")
    assert code == errors.OK, said
    code, rep = cli_json(capsys, "merge", og, str(tmp_path / "g1.zip"))
    assert code == errors.OK, rep
    assert query(og, AS_PRINTED) == [("R0x", values[0]), ("R1", printed), ("R2", None)]
    code, said = cli_said(capsys, "undo-merge", og, rep["merges"][0]["merge_id"])
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [("R0", values[0]), ("R1", theirs), ("R2", values[2])]
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT code, v FROM wells ORDER BY id") == [
        ("R0", values[0]), ("R1", theirs), ("R2", values[2])]

    # both sides edit it: the conflict shows each as printed, a text typed settles it
    query(og, "UPDATE wells SET v = %s WHERE code = 'R2'", values[0])
    edit(pkg, "UPDATE wells SET v = ? WHERE code = 'R2'", values[1])
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g2.zip")
    assert code == errors.OK, said
    code, said = cli_said(capsys, "merge", og, tmp_path / "g2.zip")
    assert code == errors.CONFLICTS, said
    (conflict,) = masters.conflicts(og)
    code, listed = cli_json(capsys, "conflicts", og)
    assert code == errors.CONFLICTS, listed
    (shown,) = listed
    assert shown["ancestor"] == values[2], shown
    assert {shown["ours"], shown["theirs"]} == {values[0], values[1]}, shown
    held, row2 = query(og, "SELECT v::text, uuid FROM wells WHERE code = 'R2'")[0]
    code, said = cli_said(capsys, "resolve", og, conflict.id, "--value", "noon")
    assert code == errors.REFUSED, said
    assert (f"the database refused the update of wells row {row2}, field v: invalid input "
            f'syntax for type {SAID[kind]}: "noon"; nothing was changed') in said, said
    assert query(og, "SELECT v::text FROM wells WHERE code = 'R2'") == [(held,)]
    code, said = cli_said(capsys, "resolve", og, conflict.id, "--value", typed)
    assert code == errors.OK, said
    assert query(og, "SELECT v::text FROM wells WHERE code = 'R2'") == [(printed,)]
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT v FROM wells WHERE code = 'R2'") == [(printed,)]


def test_declared_with_precision_or_fields(cluster, database, tmp_path, capsys):
    """time(0), timetz(3), interval year to month, interval day to second(2): carried as
    their type is, a text typed read as the column reads it."""
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql("""
CREATE SCHEMA og;
CREATE TABLE og.wells (id serial PRIMARY KEY, a time(0), b timetz(3),
  c interval year to month, d interval day to second(2));
INSERT INTO og.wells (a, b, c, d) VALUES ('24:00:00', '10:00:00.125+08', '-3 mons',
  '1 day 02:00:00.25');
""", db=db)
    og = cluster.address(db, schema="og")
    code, said = cli_said(capsys, "init", og)
    assert code == errors.OK and "does not carry" not in said, said
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "g", "--role", "gis")
    assert code == errors.OK, said
    assert rows(pkg, "SELECT a, b, c, d FROM wells") == [
        ("24:00:00", "10:00:00.125+08", "-3 mons", "1 day 02:00:00.25")]
    edit(pkg, "UPDATE wells SET a = '07:15:30.6', c = '1 year 2 mons 3 days', "
              "d = '90 minutes 1.234 seconds'")
    code, said = sent(capsys, pkg, og, tmp_path / "g1.zip")
    assert code == errors.OK, said
    assert query(og, "SELECT a::text, b::text, c::text, d::text FROM wells") == [
        ("07:15:31", "10:00:00.125+08", "1 year 2 mons", "01:30:01.23")]
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT a, b, c, d FROM wells") == [
        ("07:15:31", "10:00:00.125+08", "1 year 2 mons", "01:30:01.23")]


@pytest.mark.parametrize("kind", TYPES)
def test_edited_in_qgis(kind, cluster, database, tmp_path, capsys):
    """QGIS shows the column as text: a feature saved after an edit of another field keeps
    it in the master as it was, and a text typed in its form reaches the master."""
    qgis_core = pytest.importorskip("qgis.core")
    values, typed, printed, _ = TYPES[kind]
    og, before, pkg = checked_out(kind, cluster, database, tmp_path, capsys)
    layer = qgis_core.QgsVectorLayer(f"{pkg}|layername=wells", "wells", "ogr")
    assert layer.isValid()
    code_field, v_field = layer.fields().indexOf("code"), layer.fields().indexOf("v")
    assert layer.fields().field(v_field).typeName().upper() in ("STRING", "TEXT")
    assert [f["v"] for f in layer.getFeatures()] == values
    assert layer.startEditing()
    for feature in layer.getFeatures():
        assert layer.changeAttributeValue(feature.id(), code_field, feature["code"] + "x")
    assert layer.commitChanges(), layer.commitErrors()
    code, said = sent(capsys, pkg, og, tmp_path / "g1.zip")
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [(c + "x", v) for c, v in before]

    assert layer.startEditing()
    first = next(layer.getFeatures())
    assert layer.changeAttributeValue(first.id(), v_field, typed)
    assert layer.commitChanges(), layer.commitErrors()
    code, said = sent(capsys, pkg, og, tmp_path / "g2.zip")
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [("R0x", printed)] + [(c + "x", v) for c, v in before[1:]]


def test_added_later_in_qgis(cluster, database, tmp_path, capsys):
    """A time, timetz or interval column added to a tracked layer (QGIS's Add Field on the
    PostGIS layer) is captured from the moment it exists and reaches the packages."""
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYER.format(kind="text", values="('R0', 'x'), ('R1', 'y'), ('R2', 'z')"),
                db=db)
    og = cluster.address(db, schema="og")
    code, said = cli_said(capsys, "init", og)
    assert code == errors.OK, said
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "g", "--role", "gis")
    assert code == errors.OK, said
    query(og, "ALTER TABLE wells ADD COLUMN a time, ADD COLUMN b timetz, ADD COLUMN c interval")
    query(og, "UPDATE wells SET a = '24:00:00', b = '10:00:00+08', c = '-3 mons' "
              "WHERE code = 'R1'")
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK and "does not carry" not in said, said
    assert rows(pkg, "SELECT code, a, b, c FROM wells ORDER BY id") == [
        ("R0", None, None, None), ("R1", "24:00:00", "10:00:00+08", "-3 mons"),
        ("R2", None, None, None)]
