# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's date, timestamp and timestamptz columns in PostgreSQL, holding values a
GeoPackage's DATE and DATETIME text does not expect (infinity, year 1, microseconds, a time
zone other than UTC): each travels as PostgreSQL prints it and comes back the same after an
edit of another column of its row, in QGIS too (which saves a time to the millisecond);
a value QGIS shows empty (and so keeps an edit of its feature from being saved) is named by
the checkout, and by a pull that brings it, in Chinese too. (Columns of time, timetz and
interval: see test_time_and_interval_columns.)"""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said, log_json, sent
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)
from tests.unit.gpkg_factory import edit, rows

LAYER = """
CREATE SCHEMA og;
CREATE TABLE og.wells (id serial PRIMARY KEY, code text, {kind});
INSERT INTO og.wells (code, v) VALUES {values};
"""
AS_PRINTED = "SELECT code, v::text FROM wells ORDER BY id"

# type, values (the first one QGIS reads), those QGIS shows empty (with the row of each), a
# value as QGIS's form saves it, and as PostgreSQL prints it
TYPES = {
    "date": (["2024-05-01", "infinity", "-infinity", "0001-01-01"],
             [("'infinity'", 1), ("'-infinity'", 2)], "2025-02-03", "2025-02-03"),
    "timestamp": (["2024-05-01 10:00:00", "0001-01-01 00:00:00", "infinity",
                   "2024-05-01 10:00:00.123456"],
                  [("'infinity'", 2)],
                  "2025-02-03T04:05:06.000", "2025-02-03 04:05:06"),
    "timestamptz": (["2024-05-01 10:00:00+08", "-infinity", "2024-05-01 10:00:00.123456+05:45",
                     "0001-01-01 00:00:00+00"],
                    [("'-infinity'", 1)],
                    "2025-02-03T04:05:06.000", "2025-02-03 04:05:06+08"),
}


def checked_out(kind, values, cluster, database, tmp_path, capsys):
    """A master in Asia/Shanghai's time whose wells hold ``values`` of type ``kind``,
    tracked, and a GIS package checked out of it: (master, its values as PostgreSQL prints
    them, package, what checkout said)."""
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYER.format(kind=f"v {kind}", values=", ".join(
        f"('R{i}', '{v}')" for i, v in enumerate(values))), db=db)
    cluster.sql(f"ALTER DATABASE {db} SET timezone = 'Asia/Shanghai'")
    og = cluster.address(db, schema="og")
    assert main(["init", og]) == errors.OK
    before = query(og, AS_PRINTED)
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "g", "--role", "gis")
    assert code == errors.OK, said
    return og, before, pkg, said


@pytest.mark.parametrize("kind", TYPES)
def test_dates_travel_as_printed_and_those_qgis_cannot_show_are_named(
        kind, cluster, database, tmp_path, capsys, chinese_locale):  # noqa: F811
    values, empty, typed, printed = TYPES[kind]
    og, before, pkg, said = checked_out(kind, values, cluster, database, tmp_path, capsys)
    uuids = dict(query(og, "SELECT code, uuid FROM wells"))
    assert "R0 " not in said and uuids["R0"] not in said, said
    for value, i in empty:
        assert f"{value} (row {uuids[f'R{i}']})" in said, said
        assert "wells.v holds '" in said and "in which GDAL and QGIS read no " in said, said
        assert "QGIS shows such a value empty, and an edit of another field of its feature " \
            "cannot be saved" in said, said
        assert "无法被 GDAL 和 QGIS 读作日期" in said, said
        assert "且该要素其他字段的编辑无法保存" in said, said
    assert said.count("wells.v holds") == 1, said  # (microseconds, offsets, year 1 unsaid)

    # an edit of another column of each row: the master keeps each value as it printed it
    edit(pkg, "UPDATE wells SET code = code || 'x'")
    # and the first row's value as QGIS's form saves it
    edit(pkg, "UPDATE wells SET v = ? WHERE code = 'R0x'", typed)
    code, said = sent(capsys, pkg, og, tmp_path / "g1.zip")
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [("R0x", printed)] + [
        (c + "x", v) for c, v in before[1:]]
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said


@pytest.mark.parametrize("kind", ["date", "timestamp", "timestamptz"])
def test_a_pull_names_the_values_it_brings_that_qgis_cannot_show(
        kind, cluster, database, tmp_path, capsys, chinese_locale):  # noqa: F811
    """A value QGIS shows empty written in the master after the checkout (by psql) is named
    by the pull that brings it, as the checkout names it; one the package held already is
    not named again."""
    values, empty, *_ = TYPES[kind]
    og, before, pkg, said = checked_out(kind, values, cluster, database, tmp_path, capsys)
    uuids = dict(query(og, "SELECT code, uuid FROM wells"))
    held = empty[0][1]  # (named by the checkout)
    query(og, "UPDATE wells SET v = 'infinity' WHERE code = 'R0'")
    query(og, "INSERT INTO wells (code, v) VALUES ('R9', '-infinity')")
    query(og, f"UPDATE wells SET code = 'again' WHERE code = 'R{held}'")
    uuids.update(query(og, "SELECT code, uuid FROM wells WHERE code = 'R9'"))

    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT v FROM wells WHERE code IN ('R0', 'R9') ORDER BY code") == [
        ("infinity",), ("-infinity",)]
    assert f"'infinity' (row {uuids['R0']})" in said, said
    assert f"'-infinity' (row {uuids['R9']})" in said, said
    assert uuids[f"R{held}"] not in said, said
    assert said.count("wells.v holds") == 1, said
    assert "in which GDAL and QGIS read no " in said, said
    assert "QGIS shows such a value empty, and an edit of another field of its feature " \
        "cannot be saved" in said, said
    assert "无法被 GDAL 和 QGIS 读作日期" in said, said
    assert "且该要素其他字段的编辑无法保存" in said, said

    # a pull that brings nothing of them says nothing of them
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert "wells.v holds" not in said, said


@pytest.mark.parametrize("kind, values, typed, printed", [
    ("timestamp", ["2024-05-01 10:00:00.123456", "0001-01-01 00:00:00.000001",
                   "2024-05-01 10:00:00", "2024-05-01 10:00:00.5"],
     "2025-02-03 04:05:06", "2025-02-03 04:05:06"),
    ("timestamptz", ["2024-05-01 10:00:00.123456+05:45", "2024-05-01 10:00:00.5+08",
                     "0001-01-01 00:00:00+00", "2024-05-01 10:00:00+08"],
     "2025-02-03 04:05:06", "2025-02-03 04:05:06+08"),
])
def test_a_feature_saved_in_qgis_keeps_its_times(kind, values, typed, printed, cluster,
                                                 database, tmp_path, capsys):
    """QGIS saves a feature's times in its own form when another of its fields is edited (to
    the millisecond, '.000' added where there was no fraction): the master keeps each as it
    was and logs no edit of it, the package holds it as it was again, and a time typed in
    QGIS's form reaches the master."""
    qgis_core = pytest.importorskip("qgis.core")
    from qgis.PyQt.QtCore import QDateTime
    og, before, pkg, said = checked_out(kind, values, cluster, database, tmp_path, capsys)
    held = rows(pkg, "SELECT code, v FROM wells ORDER BY id")

    layer = qgis_core.QgsVectorLayer(f"{pkg}|layername=wells", "wells", "ogr")
    assert layer.isValid()
    code_field, v_field = layer.fields().indexOf("code"), layer.fields().indexOf("v")
    assert layer.startEditing()
    for feature in layer.getFeatures():
        assert layer.changeAttributeValue(feature.id(), code_field, feature["code"] + "x")
    assert layer.commitChanges(), layer.commitErrors()
    assert rows(pkg, "SELECT v FROM wells WHERE code = 'R0x'") != [(held[0][1],)]  # (cut)
    code, said = sent(capsys, pkg, og, tmp_path / "g1.zip")
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [(c + "x", v) for c, v in before]
    # each time as the master gave it, and the master's log of the merge names no time
    assert rows(pkg, "SELECT code, v FROM wells ORDER BY id") == [(c + "x", v) for c, v in held]
    code, said = cli_said(capsys, "log", og, "--json")
    assert code == errors.OK, said
    merged = [c for c in log_json(said)["changes"] if c["origin"].startswith("merge:")]
    assert [sorted(c["old"]) for c in merged] == [["code"]] * len(values), merged
    assert [sorted(c["new"]) for c in merged] == [["code"]] * len(values), merged

    # the time itself edited in QGIS's form
    assert layer.startEditing()
    first = next(layer.getFeatures())
    assert layer.changeAttributeValue(first.id(), v_field, QDateTime.fromString(
        typed, "yyyy-MM-dd HH:mm:ss"))
    assert layer.commitChanges(), layer.commitErrors()
    code, said = sent(capsys, pkg, og, tmp_path / "g2.zip")
    assert code == errors.OK, said
    assert query(og, AS_PRINTED) == [("R0x", printed)] + [(c + "x", v) for c, v in before[1:]]
