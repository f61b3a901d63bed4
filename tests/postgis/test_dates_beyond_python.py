# SPDX-License-Identifier: GPL-2.0-or-later
"""A date or timestamp PostgreSQL holds and Python cannot (a year past 9999, one BC,
infinity), typed into the master in psql or QGIS, stops no command: it travels as text, as
the same text does in a GeoPackage master, and what checks dates names it there as here."""

from __future__ import annotations

import shutil

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_progress_record_times import _qfield_verification

PATCH = "CT6504222016000053002"  # of 郭勒布依乡
TYPOS = ["20266-05-01", "0001-01-01 BC", "infinity"]


@pytest.fixture(params=["postgis", "gpkg"])
def province(request, tmp_path, plan_gpkg):
    """(master, how a person sets every verification's date in it outside the toolkit):
    a PostgreSQL master in psql, a GeoPackage master (the reference) in QGIS."""
    if request.param == "postgis":
        target = request.getfixturevalue("plan_database")
        return target, lambda day: query(
            target, "UPDATE patch_verifications SET verified_on = %s", day)
    path = tmp_path / "master.gpkg"
    shutil.copyfile(plan_gpkg, path)
    assert main(["init", str(path)]) == errors.OK
    return str(path), lambda day: edit(path, "UPDATE patch_verifications SET verified_on = ?",
                                       day)


def _checkout(capsys, master, pkg, *how):
    code, said = cli_said(capsys, "checkout", master, pkg, *how)
    assert code == errors.OK, said


@pytest.mark.parametrize("typo", TYPOS)
def test_a_date_python_cannot_hold_stops_no_command(province, tmp_path, capsys, typo):
    master, set_date = province
    tech, other = tmp_path / "t.gpkg", tmp_path / "b.gpkg"
    _checkout(capsys, master, tech, "--device", "t", "--township", "郭勒布依乡")
    _checkout(capsys, master, other, "--device", "b", "--role", "gis", "--township", "博斯坦镇")
    _qfield_verification(tech, PATCH, "2026-05-01", "2026-05-01T08:00:00")
    code, said = sent(capsys, tech, master, tmp_path / "t1.zip")
    assert code == errors.OK, said
    ((row,),) = rows(tech, "SELECT uuid FROM patch_verifications")
    set_date(typo)

    # a package of another township, which does not hold the record, pulls
    code, said = cli_said(capsys, "pull", other, master)
    assert code == errors.OK, said
    # the one that holds it gets the text the master holds
    code, said = cli_said(capsys, "pull", tech, master)
    assert code == errors.OK, said
    assert rows(tech, "SELECT verified_on FROM patch_verifications") == [(typo,)]
    fresh = tmp_path / "t2.gpkg"
    _checkout(capsys, master, fresh, "--device", "t2", "--township", "郭勒布依乡")
    assert rows(fresh, "SELECT verified_on FROM patch_verifications") == [(typo,)]

    code, said = cli_said(capsys, "progress", master)
    assert code == errors.OK, said
    assert f"patch {PATCH}: its verification {row} gives Date verified as '{typo}', " \
        "not a date" in said, said
    code, said = cli_said(capsys, "report", master, "--out", tmp_path / "r.xlsx")
    assert code == errors.OK, said
    code, said = cli_said(capsys, "history", master, row)
    assert code == errors.OK, said
    assert f'verified_on: "2026-05-01" -> "{typo}"' in said, said
    code, said = cli_said(capsys, "check-plan", master)
    assert code != errors.INTERNAL and "internal error" not in said, said

    # the merge's checks name an edit of the record to a date no more than it
    edit(tech, "UPDATE patch_verifications SET verified_on = '20277-01-01'")
    code, said = sent(capsys, tech, master, tmp_path / "t2.zip")
    assert code == errors.REFUSED, said
    assert f"refused update patch_verifications {PATCH} {typo} change " in said, said
    assert "verified_on: '20277-01-01' is not a date YYYY-MM-DD (DATE)" in said, said
    # and take the day set right
    edit(tech, "UPDATE patch_verifications SET verified_on = '2026-06-01'")
    code, said = sent(capsys, tech, master, tmp_path / "t3.zip")
    assert code in (errors.OK, errors.CONFLICTS), said
    code, said = cli_said(capsys, "pull", fresh, master)
    assert code == errors.OK, said
    assert rows(fresh, "SELECT verified_on FROM patch_verifications") == [("2026-06-01",)]


LAYER = """
CREATE SCHEMA og;
CREATE TABLE og.wells (id serial PRIMARY KEY, code text, drilled timestamp, seen timestamptz);
INSERT INTO og.wells (code, drilled, seen) VALUES
  ('W1', '20266-05-01 10:00:00.5', '20266-05-01 10:00:00.5+08'),
  ('W2', 'infinity', '-infinity'),
  ('W3', '0001-01-01 12:00:00 BC', '0001-01-01 12:00:00+00 BC'),
  ('W4', '2024-01-01 10:00:00', '2024-01-01 10:00:00+08');
"""

AS_LOGGED = "SELECT code, to_jsonb(drilled) #>> '{}', to_jsonb(seen) #>> '{}' FROM wells " \
    "ORDER BY id"


def test_a_countys_timestamps_python_cannot_hold_travel_as_logged(cluster, database,
                                                                  tmp_path, capsys):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYER, db=db)
    cluster.sql(f"ALTER DATABASE {db} SET timezone = 'Asia/Shanghai'")
    og = cluster.address(db, schema="og")
    assert main(["init", og]) == errors.OK
    pkg = tmp_path / "g.gpkg"
    _checkout(capsys, og, pkg, "--device", "g", "--role", "gis")
    # each value as the log writes it, the ones Python holds as they were before
    logged = query(og, AS_LOGGED)
    assert logged[3] == ("W4", "2024-01-01T10:00:00", "2024-01-01T10:00:00+08:00")
    assert rows(pkg, "SELECT code, drilled, seen FROM wells ORDER BY id") == logged

    query(og, "UPDATE wells SET drilled = '30000-01-01 00:00', seen = 'infinity' "
              "WHERE code = 'W4'")
    code, said = cli_said(capsys, "pull", pkg, og)
    assert code == errors.OK, said
    assert rows(pkg, "SELECT drilled, seen FROM wells WHERE code = 'W4'") == \
        [("30000-01-01T00:00:00", "infinity")]
    w4 = query(og, "SELECT uuid FROM wells WHERE code = 'W4'")[0][0]
    code, said = cli_said(capsys, "history", og, w4)
    assert code == errors.OK and '"30000-01-01T00:00:00"' in said, said

    # a device's edits of those rows are written back, the values it did not touch kept
    edit(pkg, "UPDATE wells SET code = 'W1b' WHERE code = 'W1'")
    edit(pkg, "UPDATE wells SET drilled = '2025-01-01T00:00:00' WHERE code = 'W2'")
    code, said = sent(capsys, pkg, og, tmp_path / "g1.zip")
    assert code == errors.OK, said
    assert query(og, AS_LOGGED)[:2] == [
        ("W1b", "20266-05-01T10:00:00.5", "20266-05-01T10:00:00.5+08:00"),
        ("W2", "2025-01-01T00:00:00", "-infinity")]
    fresh = tmp_path / "g2.gpkg"
    _checkout(capsys, og, fresh, "--device", "g2", "--role", "gis")
    assert rows(fresh, "SELECT code, drilled, seen FROM wells ORDER BY id") == query(og,
                                                                                 AS_LOGGED)
