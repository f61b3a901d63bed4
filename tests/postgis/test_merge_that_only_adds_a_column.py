# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master, as on a GeoPackage one
(tests/unit/test_merge_that_only_adds_a_column.py): a GIS package whose only change is a
column added is recorded and said as a merge, merged before when given again, and its undo
is refused, naming the column and how to drop it in the database; dropped there and
followed by repair, the undo goes."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import masters
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout, export, value
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_merge_that_only_adds_a_column import undo_refused

COLUMN = "mine_patches.survey_note"


@pytest.fixture
def merged(database, tmp_path, capsys):
    """A PostgreSQL master and a GIS package that only added column survey_note, merged:
    (address, the change package, the merge id, what the merge said)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    code, said = cli_said(capsys, "init", database, "--from", src)
    assert code == errors.OK, said
    pkg = checkout(database, tmp_path, "gis-g")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    out = export(pkg, tmp_path)
    code, said = cli_said(capsys, "merge", database, out)
    assert code == errors.OK, said
    done = masters.merges(database)
    assert len(done) == 1, (done, said)
    return database, out, done[0]["merge_id"], said


def test_the_merge_is_recorded_said_and_merged_before_again(merged, capsys):
    database, out, merge_id, said = merged
    assert said.splitlines()[:2] == [
        f"merge {merge_id} gis-g-0.zip from gis-g: applied 0, already applied 0, conflicts 0, "
        "refused 0", f"  added to the master: column {COLUMN}"], said
    assert masters.merges(database)[0]["columns_added"] == [COLUMN]  # (the Sync dock's list)
    assert value(database, "SELECT count(*) FROM information_schema.columns WHERE "
                 "table_name = 'mine_patches' AND column_name = 'survey_note'") == 1
    code, said = cli_said(capsys, "merge", database, out)
    assert code == errors.OK, said
    assert said.startswith(f"gis-g-0.zip from gis-g: merged before by merge {merge_id}, not "
                           "recorded again"), said


def test_its_undo_is_refused_then_goes_once_the_column_is_dropped(merged, capsys):
    database, _, merge_id, _ = merged
    said, _ = undo_refused(capsys, database, merge_id, "gis-g-0.zip")
    assert "(drop it in the database (ALTER TABLE … DROP COLUMN), then run field-kit repair " \
        "on the master), then undo again; nothing was changed" in said, said
    assert "在数据库中执行 ALTER TABLE … DROP COLUMN，再对主库运行 field-kit repair" in \
        chinese(said.strip().removeprefix("field-kit: ")), said
    query(database, "ALTER TABLE toksun.mine_patches DROP COLUMN survey_note")
    _, said = cli_said(capsys, "repair", database)  # (it says what packages meet now)
    assert "no longer tracked: column survey_note of mine_patches" in said, said
    code, said = cli_said(capsys, "undo-merge", database, merge_id)
    assert code == errors.OK, said
    assert said.splitlines() == [f"merge {merge_id} undone: 0 changes reverted"], said
    assert masters.merges(database)[0]["undone_at"] is not None
