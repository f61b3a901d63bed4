# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master, a layer created in the database after ``init`` (its rows
written there before capture began on it) and one loaded into a GeoPackage master with
ogr2ogr before it was published: the history of each of their rows begins with the row as
it was when change capture began, as on a GeoPackage master, in English and in Chinese;
a row added in the database since is an insert made there."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said, history_json
from tests.unit.test_history_of_rows_held_before_capture import (
    HELD,
    NOTE,
    NOTE_ZH,
    WELLS,
)

WELLS_SQL = ("CREATE TABLE \"水井\" (id serial PRIMARY KEY, name text, depth double precision);"
             " INSERT INTO \"水井\" (name, depth) VALUES ('SJ-001', 12.5), ('SJ-002', 20.0)")


def _history(capsys, database, name: str, *more) -> str:
    code, said = cli_said(capsys, "history", database, name, *more)
    assert code == errors.OK, said
    return said


def test_a_layer_made_in_the_database_begins_with_its_rows_as_found(
        plan_database, capsys, monkeypatch):
    query(plan_database, WELLS_SQL)
    code, said = cli_said(capsys, "init", plan_database)
    assert code == errors.OK and "tracked: 水井" in said, said
    query(plan_database, "INSERT INTO \"水井\" (name, depth) VALUES ('SJ-003', 8.0)")
    said = _history(capsys, plan_database, "SJ-001")
    heads = [line for line in said.splitlines() if line[:1].isdigit()]
    assert len(heads) == 1 and HELD in heads[0] and NOTE in said, said
    (change,) = history_json(_history(capsys, plan_database, "SJ-002", "--json"))["changes"]
    assert (change["op"], change["origin"], change["as_found"]) == ("insert", "local", True)
    said = _history(capsys, plan_database, "SJ-003")
    assert " local insert 水井 " in said and HELD not in said and NOTE not in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    said = _history(capsys, plan_database, "SJ-002")
    assert "开始记录变更前已有 水井 " in said and NOTE_ZH in said, said


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_layer_loaded_into_a_published_master_keeps_its_rows_as_found(
        database, master, tmp_path, capsys):
    src = tmp_path / "wells.geojson"
    src.write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-update", master, src, "-nln", "水井"], check=True)
    code, said = cli_said(capsys, "init", master)
    assert code == errors.OK, said
    code, said = cli_said(capsys, "init", database, "--from", master)
    assert code == errors.OK, said
    said = _history(capsys, database, "SJ-001")
    assert HELD in said and NOTE in said and "local insert" not in said, said
