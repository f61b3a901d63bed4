# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master, as on a GeoPackage one
(tests/unit/test_undo_after_a_column_dropped.py): a column a merge wrote, dropped in the
database and followed by repair, has no values to set back; undo-merge sets back the rest
of what the merge wrote and names the column dropped."""

from __future__ import annotations

from field_kit import errors
from field_kit.sync import masters
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout, export, value
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg


def _merged_then_dropped(database, tmp_path, capsys, *edits: str) -> str:
    """A GIS package's ``edits`` (after it added column survey_note) merged into a master
    published from a small plan, then survey_note dropped in the database: the merge's id."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    code, said = cli_said(capsys, "init", database, "--from", src)
    assert code == errors.OK, said
    pkg = checkout(database, tmp_path, "gis-g")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    for sql in edits:
        edit(pkg, sql)
    code, said = cli_said(capsys, "merge", database, export(pkg, tmp_path))
    assert code == errors.OK, said
    (merge_id,) = [m["merge_id"] for m in masters.merges(database)]
    query(database, "ALTER TABLE toksun.mine_patches DROP COLUMN survey_note")
    return merge_id

def test_the_undo_sets_back_the_rest_and_names_the_column_dropped(database, tmp_path, capsys):
    merge_id = _merged_then_dropped(
        database, tmp_path, capsys,
        "UPDATE mine_patches SET survey_note = 'wet', section = 'B' WHERE patch_code = "
        "'P0000001'")
    _, said = cli_said(capsys, "repair", database)
    assert "no longer tracked: column survey_note of mine_patches" in said, said
    code, said = cli_said(capsys, "undo-merge", database, merge_id)
    assert code == errors.OK, said
    assert said.splitlines()[0] == f"merge {merge_id} undone: 1 change reverted", said
    assert "column survey_note of mine_patches was dropped from the master on " in said, said
    assert ", after this merge: the values it wrote there in 1 row are not set back " \
        "(field-kit history shows them)" in said, said
    assert "capture was off" not in said, said
    assert value(database, "SELECT section FROM toksun.mine_patches WHERE patch_code = "
                 "'P0000001'") is None
    assert masters.merges(database)[0]["undone_at"] is not None


def test_a_row_the_merge_inserted_is_not_counted(database, tmp_path, capsys):
    """The undo takes a row the merge inserted out whole: only the rows it keeps count as
    holding a value of the column dropped that is not set back."""
    merge_id = _merged_then_dropped(
        database, tmp_path, capsys,
        "UPDATE mine_patches SET survey_note = 'wet' WHERE patch_code = 'P0000001'",
        "INSERT INTO mine_patches (geom, patch_code, survey_note) SELECT geom, 'P0000009', "
        "'dry' FROM mine_patches WHERE patch_code = 'P0000002'")
    cli_said(capsys, "repair", database)
    code, said = cli_said(capsys, "undo-merge", database, merge_id)
    assert code == errors.OK, said
    assert value(database, "SELECT count(*) FROM toksun.mine_patches WHERE patch_code = "
                 "'P0000009'") == 0
    assert "the values it wrote there in 1 row are not set back" in said, said
