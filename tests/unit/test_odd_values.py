# SPDX-License-Identifier: GPL-2.0-or-later
"""Values SQLite lets a county's own layer hold that the change log must carry as they are:
text in a BLOB column, ±Infinity in a REAL one (QGIS writes it without a word), on a layer
as ogr2ogr writes it, checked out for GIS staff."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect, transaction
from field_kit.sync import changelog
from tests.unit.bad_package_corpus import rewrite
from tests.unit.cli_run import history_json, log_json
from tests.unit.gpkg_factory import edit

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def rows(path, sql, args=()):
    with sqlite3.connect(path) as c:
        return c.execute(sql, args).fetchall()


@pytest.fixture
def county(tmp_path):
    """A county's own GeoPackage made a master: a layer ogr2ogr wrote, with a BLOB column
    (``photo``, a blob in each row) and a REAL one (``measure``)."""
    src = tmp_path / "plots.csv"
    src.write_text("WKT,stand_id,measure\n" + "".join(
        f"\"POINT ({88 + i / 100} 42.5)\",F{i},{1.5 + i}\n" for i in range(1, 6)))
    gpkg = tmp_path / "county.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(gpkg), str(src), "-nln", "plots", "-oo",
                    "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo",
                    "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom",
                    "-dialect", "SQLite", "-sql",
                    "SELECT *, CAST(stand_id AS BLOB) AS photo FROM plots"],
                   check=True, capture_output=True)
    assert rows(gpkg, "SELECT type FROM pragma_table_info('plots') WHERE name IN "
                      "('photo', 'measure') ORDER BY name") == [("REAL",), ("BLOB",)]
    assert run("init", gpkg) == errors.OK
    return gpkg


def checkout(master, path, device):
    assert run("checkout", master, path, "--device", device, "--role", "gis") == errors.OK
    return path


def photos(path):
    return rows(path, "SELECT stand_id, typeof(photo), photo FROM plots ORDER BY stand_id")


TYPED = [("F1", "text", "CAFE"), ("F2", "text", "text-in-blob"), ("F3", "blob", b"\xca\xfe"),
         ("F4", "blob", b"F4"), ("F5", "blob", b"F5"), ("N1", "text", "new text")]


def test_text_in_a_blob_column_arrives_as_text_and_a_blob_as_a_blob(county, tmp_path, capsys):
    other = checkout(county, tmp_path / "other.gpkg", "gis2")  # pulls the merge later
    pkg = checkout(county, tmp_path / "pkg.gpkg", "gis1")
    edit(pkg, "UPDATE plots SET photo = 'CAFE' WHERE stand_id = 'F1'")  # text spelling hex
    edit(pkg, "UPDATE plots SET photo = 'first' WHERE stand_id = 'F2'")
    edit(pkg, "UPDATE plots SET photo = 'text-in-blob' WHERE stand_id = 'F2'")  # a later one
    edit(pkg, "UPDATE plots SET photo = X'CAFE' WHERE stand_id = 'F3'")
    edit(pkg, "INSERT INTO plots (stand_id, photo) VALUES ('N1', 'new text')")
    assert photos(pkg) == TYPED
    capsys.readouterr()
    assert run("log", pkg) == errors.OK
    shown = capsys.readouterr().out  # the text as it was written, no mark of the log's
    assert '"text-in-blob"' in shown and "text:" not in shown, shown
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", county, tmp_path / "c.zip", "--json") == errors.OK
    assert json.loads(capsys.readouterr().out)["totals"]["applied"] == 5
    assert photos(county) == TYPED
    assert run("pull", other, county) == errors.OK
    assert photos(other) == TYPED
    # and back: text the master's GIS staff write travels to the packages as text
    edit(county, "UPDATE plots SET photo = 'BEEF' WHERE stand_id = 'F4'")
    edit(county, "UPDATE plots SET photo = X'BEEF' WHERE stand_id = 'F1'")
    assert run("pull", pkg, county) == errors.OK
    assert run("pull", other, county) == errors.OK
    now = [("F1", "blob", b"\xbe\xef"), *TYPED[1:3], ("F4", "text", "BEEF"), *TYPED[4:]]
    assert photos(pkg) == photos(other) == photos(county) == now


def test_a_package_where_an_earlier_version_logged_text_in_a_blob_column_merges(
        county, tmp_path, capsys):
    pkg = checkout(county, tmp_path / "pkg.gpkg", "gis1")
    edit(pkg, "UPDATE plots SET photo = 'text-in-blob' WHERE stand_id = 'F2'")
    edit(pkg, "UPDATE plots SET photo = 'again' WHERE stand_id = 'F2'")
    edit(pkg, "UPDATE plots SET photo = X'CAFE' WHERE stand_id = 'F3'")
    with connect(pkg) as conn, transaction(conn):  # the log as an earlier version sealed it
        changelog.seal(conn)
        conn.execute("UPDATE sync_changes SET old = replace(old, '\"text:', '\"'), "
                     "new = replace(new, '\"text:', '\"')")
    assert rows(pkg, "SELECT new FROM sync_changes ORDER BY seq")[:2] == [
        ('{"photo":"text-in-blob"}',), ('{"photo":"again"}',)]
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", county, tmp_path / "c.zip", "--json") == errors.OK
    assert json.loads(capsys.readouterr().out)["totals"]["applied"] == 3
    assert photos(county)[1:3] == [("F2", "text", "again"), ("F3", "blob", b"\xca\xfe")]
    # the master logs it as this version does
    assert rows(county, "SELECT old, new FROM sync_changes WHERE origin LIKE 'merge:%' AND "
                        "new LIKE '%again%'") == [('{"photo":"text:text-in-blob"}',
                                                   '{"photo":"text:again"}')]


INF = float("inf")


def measures(path):
    return rows(path, "SELECT stand_id, measure FROM plots ORDER BY stand_id")


def as_an_earlier_version_logged(path) -> None:
    """The log of ``path`` as an earlier version sealed it: ±Infinity as SQLite printed it."""
    with connect(path) as conn, transaction(conn):
        changelog.seal(conn)
        for side in ("old", "new"):
            conn.execute(f"UPDATE sync_changes SET {side} = replace({side}, '9e999', 'Inf')")
        conn.execute("DELETE FROM sync_meta WHERE key = 'log_form'")


def test_infinity_in_a_real_column_travels_as_infinity(county, tmp_path, capsys):
    other = checkout(county, tmp_path / "other.gpkg", "gis2")
    pkg = checkout(county, tmp_path / "pkg.gpkg", "gis1")
    # a package's log is new at checkout: in this version's form, never read again to mend it
    assert rows(pkg, "SELECT value FROM sync_meta WHERE key = 'log_form'") == \
        [(changelog.LOG_FORM,)]
    edit(pkg, "UPDATE plots SET measure = 1e308 * 10 WHERE stand_id = 'F1'")
    edit(pkg, "UPDATE plots SET measure = -1e308 * 10 WHERE stand_id = 'F2'")
    edit(pkg, "UPDATE plots SET measure = 7 WHERE stand_id = 'F2'")  # a later one, from -inf
    edit(pkg, "INSERT INTO plots (stand_id, measure) VALUES ('N1', -1e308 * 10)")
    edit(pkg, "DELETE FROM plots WHERE stand_id = 'F3'")
    edit(county, "UPDATE plots SET measure = 1e308 * 10 WHERE stand_id = 'F4'")  # on the master
    capsys.readouterr()
    assert run("log", pkg, "--json") == errors.OK
    logged = log_json(capsys.readouterr().out)["changes"]
    assert [c["new"] for c in logged if c["op"] == "update"] == [
        {"measure": 7.0}, {"measure": -INF}, {"measure": INF}]
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", county, tmp_path / "c.zip", "--json") == errors.OK
    assert json.loads(capsys.readouterr().out)["totals"]["applied"] == 5
    want = [("F1", INF), ("F2", 7.0), ("F4", INF), ("F5", 6.5), ("N1", -INF)]
    assert measures(county) == want
    row = rows(county, "SELECT uuid FROM plots WHERE stand_id = 'F4'")[0][0]
    assert run("history", county, row) == errors.OK
    assert run("log", county) == errors.OK
    assert run("pull", other, county) == errors.OK
    assert run("pull", pkg, county) == errors.OK
    assert measures(other) == measures(pkg) == want
    assert all("Inf" not in (o or "") + (n or "") for f in (county, pkg, other)
               for o, n in rows(f, "SELECT old, new FROM sync_changes"))


# Doubles SQLite's printf('%!.17g') writes a digit or two off (its conversion loses the last
# bits of very large numbers): each came back changed from a merge.
HUGE = [1.4523142177899403e+308, -1.1545580616824966e+232, 1.566228692651259e+302,
        1.0000000000000002e+100]


def test_very_large_reals_travel_to_the_digit(county, tmp_path, capsys):
    other = checkout(county, tmp_path / "other.gpkg", "gis2")
    pkg = checkout(county, tmp_path / "pkg.gpkg", "gis1")
    for i, x in enumerate(HUGE, 1):
        edit(pkg, f"UPDATE plots SET measure = {x!r} WHERE stand_id = 'F{i}'")
    edit(pkg, f"INSERT INTO plots (stand_id, measure) VALUES ('N1', {HUGE[0]!r})")
    want = [(f"F{i}", x) for i, x in enumerate(HUGE, 1)] + [("F5", 6.5), ("N1", HUGE[0])]
    assert measures(pkg) == want
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", county, tmp_path / "c.zip") == errors.OK
    assert measures(county) == want
    assert run("pull", other, county) == errors.OK
    assert measures(other) == want
    capsys.readouterr()
    row = rows(county, "SELECT uuid FROM plots WHERE stand_id = 'F1'")[0][0]
    assert run("history", county, row, "--json") == errors.OK
    (change,) = history_json(capsys.readouterr().out)["changes"]
    assert change["new"] == {"measure": HUGE[0]}


def test_a_log_an_earlier_version_wrote_with_inf_is_read_and_its_package_merges(
        county, tmp_path, capsys):
    pkg = checkout(county, tmp_path / "pkg.gpkg", "gis1")
    edit(pkg, "UPDATE plots SET measure = 1e308 * 10 WHERE stand_id = 'F1'")
    edit(pkg, "UPDATE plots SET measure = -1e308 * 10 WHERE stand_id = 'F2'")
    edit(county, "UPDATE plots SET measure = 1e308 * 10 WHERE stand_id = 'F4'")
    for path in (pkg, county):
        as_an_earlier_version_logged(path)
    assert rows(pkg, "SELECT new FROM sync_changes ORDER BY seq") == [
        ('{"measure":Inf}',), ('{"measure":-Inf}',)]
    for path in (pkg, county):
        assert run("log", path) == errors.OK
        capsys.readouterr()
        assert run("log", path, "--json") == errors.OK
        assert {"measure": INF} in [c["new"] for c in log_json(capsys.readouterr().out)["changes"]]
    row = rows(county, "SELECT uuid FROM plots WHERE stand_id = 'F4'")[0][0]
    assert run("history", county, row) == errors.OK
    # the package as the earlier version exported it: its change list holding Inf
    assert run("export", pkg, tmp_path / "now.zip") == errors.OK
    key = rows(pkg, "SELECT key FROM sync_state")[0][0]
    rewrite(tmp_path / "now.zip", tmp_path / "c.zip", key,
            changes="UPDATE changes SET new = replace(new, '9e999', 'Inf')")
    capsys.readouterr()
    assert run("merge", county, tmp_path / "c.zip", "--json") == errors.OK
    assert json.loads(capsys.readouterr().out)["totals"]["applied"] == 2
    assert measures(county)[:4] == [("F1", INF), ("F2", -INF), ("F3", 4.5), ("F4", INF)]
    assert run("pull", pkg, county) == errors.OK
    assert measures(pkg) == measures(county)
    # the package's own log is written as this version writes it, once
    assert rows(pkg, "SELECT new FROM sync_changes WHERE origin = 'local' ORDER BY seq") == [
        ('{"measure":9e999}',), ('{"measure":-9e999}',)]
