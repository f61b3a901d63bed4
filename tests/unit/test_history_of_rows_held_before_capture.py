# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer loaded into the master with ogr2ogr, then tracked by ``init``: the history of
one of its rows begins with the row as it was when change capture began, in English and in
Chinese, not with an insert the master made then; edits made since (a merge, an insert in
the master) are said as before, and the log says the same."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said, history_json, sent
from tests.unit.gpkg_factory import edit

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

WELLS = ('{"type": "FeatureCollection", "features": ['
         '{"type": "Feature", "properties": {"name": "SJ-001", "depth": 12.5}, '
         '"geometry": {"type": "Point", "coordinates": [88.6, 42.8]}}, '
         '{"type": "Feature", "properties": {"name": "SJ-002", "depth": 20.0}, '
         '"geometry": {"type": "Point", "coordinates": [88.7, 42.9]}}]}')
HELD = "held before capture 水井"
NOTE = ("(the row as it was when change capture began on 水井: put in before then, not an "
        "edit made at that time)")
NOTE_ZH = "（水井开始记录变更时该要素的原样：此前已在库中，并非当时所作的编辑）"


@pytest.fixture
def wells_loaded(master, tmp_path, capsys):
    """The plan's master with a layer of wells loaded by ogr2ogr (no uuid), then ``init``."""
    src = tmp_path / "wells.geojson"
    src.write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-update", master, src, "-nln", "水井"], check=True)
    code, said = cli_said(capsys, "init", master)
    assert code == errors.OK, said
    return master


def test_a_rows_history_begins_with_the_row_as_capture_found_it(wells_loaded, tmp_path,
                                                                 capsys):
    pkg = tmp_path / "gis.gpkg"
    code, said = cli_said(capsys, "checkout", wells_loaded, pkg, "--device", "gis-wang",
                          "--role", "gis")
    assert code == errors.OK, said
    edit(pkg, "UPDATE \"水井\" SET depth = 13.0 WHERE name = 'SJ-001'")
    code, said = sent(capsys, pkg, wells_loaded, tmp_path / "gis.zip")
    assert code == errors.OK, said
    code, said = cli_said(capsys, "history", wells_loaded, "SJ-001")
    assert code == errors.OK, said
    heads = [line for line in said.splitlines() if line[:1].isdigit()]
    assert HELD in heads[0] and "local insert" not in heads[0], said
    assert NOTE in said, said
    assert " update 水井 " in heads[1] and "merge:" in heads[1], said


def test_said_in_chinese(wells_loaded, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "history", wells_loaded, "SJ-002")
    assert code == errors.OK, said
    assert "主库 开始记录变更前已有 水井 " in said and "本机 新增" not in said, said
    assert NOTE_ZH in said, said


def test_a_row_added_in_the_master_since_is_an_insert_made_there(wells_loaded, capsys):
    edit(wells_loaded, "INSERT INTO \"水井\" (name, depth) VALUES ('SJ-003', 8.0)")
    code, said = cli_said(capsys, "history", wells_loaded, "SJ-003")
    assert code == errors.OK, said
    assert "master local insert 水井 " in said and HELD not in said and NOTE not in said, said
    code, said = cli_said(capsys, "log", wells_loaded)
    assert said.count(HELD) == 2 and said.count("local insert 水井") == 1, said


def test_json_marks_it(wells_loaded, capsys):
    code, out = cli_said(capsys, "history", wells_loaded, "SJ-001", "--json")
    (change,) = history_json(out[out.index("{"):])["changes"]
    assert (change["op"], change["origin"], change["as_found"]) == ("insert", "local", True)
