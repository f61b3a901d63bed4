# SPDX-License-Identifier: GPL-2.0-or-later
"""A GIS package whose only change is a column added (``ALTER TABLE``, QGIS's Add Field,
no row edited) is a merge all the same: it adds the column to the master, is recorded and
said as a merge, is merged before when given again (so is one that only adds an empty
layer), and its undo, which would leave the column and change nothing, is refused, naming
the column and how to take it out; once it is taken out, the undo goes. The same on a
PostgreSQL master: tests/postgis/test_merge_that_only_adds_a_column.py."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import column_edits, masters, package_checkout
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg

COLUMN = "mine_patches.survey_note"


@pytest.fixture
def merged(tmp_path, capsys):
    return _merged(tmp_path, capsys)


def _merged(tmp_path, capsys):
    """A master, and a GIS package that only added column survey_note, merged: (master,
    the change package, the merge id, what the merge said)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-g", role="gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    out = tmp_path / "g.zip"
    code, said = cli_said(capsys, "export", pkg, out)
    assert code == errors.OK and f"schema changes: {COLUMN}" in said, said
    code, said = cli_said(capsys, "merge", master, out)
    assert code == errors.OK, said
    done = masters.merges(master)
    assert len(done) == 1, (done, said)
    return master, out, done[0]["merge_id"], said


def _columns(master) -> list[str]:
    with sqlite3.connect(master) as conn:
        return [r[1] for r in conn.execute("PRAGMA table_info(mine_patches)")]


def test_the_merge_is_recorded_and_said_as_one(merged):
    master, _, merge_id, said = merged
    assert said.splitlines()[:2] == [
        f"merge {merge_id} g.zip from gis-g: applied 0, already applied 0, conflicts 0, "
        "refused 0", f"  added to the master: column {COLUMN}"], said
    assert "nothing new in it" not in said, said
    assert "survey_note" in _columns(master)
    assert [(m["package"], m["device"], m["applied"], m["undone_at"])
            for m in masters.merges(master)] == [("g.zip", "gis-g", 0, None)]


def test_the_merge_is_said_in_chinese(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    _, _, merge_id, said = _merged(tmp_path, capsys)
    assert f"合并 {merge_id}：g.zip，来自 gis-g：应用 0 项，此前已应用 0 项，冲突 0 项，拒收 0 项" \
        in said, said
    assert f"已新增到主库：字段 {COLUMN}" in said, said


def test_merged_again_it_was_merged_before(merged, capsys):
    master, out, merge_id, _ = merged
    code, said = cli_said(capsys, "merge", master, out)
    assert code == errors.OK, said
    assert said.startswith(f"g.zip from gis-g: merged before by merge {merge_id}, not "
                           "recorded again"), said
    assert len(masters.merges(master)) == 1


def undo_refused(capsys, master, merge_id: str, package: str) -> tuple[str, str]:
    """``undo-merge`` of the merge that only added ``COLUMN``: refused, naming the merge as
    the Sync dock lists it (``package`` from gis-g at its time) with the id the command line
    takes, and the column. What it said, and the time as said."""
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.REFUSED, said
    at = local_time(masters.merges(master)[0]["at"])
    assert f"cannot undo merge {package} from gis-g at {at} (merge id {merge_id}): it changed " \
        f"no row, it only added column {COLUMN} to the master" in said, said
    assert masters.merges(master)[0]["undone_at"] is None
    return said, at


def test_its_undo_is_refused_naming_the_column_and_what_to_do(merged, capsys):
    master, _, merge_id, _ = merged
    said, at = undo_refused(capsys, master, merge_id, "g.zip")
    assert "Delete Field, then Save Layer Edits), then undo again; nothing was changed" in said
    assert f"无法撤销合并 g.zip（来自 gis-g，{at}，合并编号 {merge_id}）：该合并未修改任何要素，" \
        f"只向主库新增了字段 {COLUMN}" in chinese(said.strip().removeprefix("field-kit: ")), said
    assert masters.merges(master)[0]["undone_at"] is None
    assert "survey_note" in _columns(master)


def test_its_undo_goes_once_the_column_is_taken_out(merged, capsys):
    """As the refusal says: the column taken out (QGIS with the plugin prepares the file
    so, then drops it), the undo goes, and GDAL reads the layer without it."""
    master, _, merge_id, _ = merged
    column_edits.prepare(master, "mine_patches", drop=["survey_note"])
    with sqlite3.connect(master) as conn:
        conn.execute("ALTER TABLE mine_patches DROP COLUMN survey_note")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert said.splitlines() == [f"merge {merge_id} undone: 0 changes reverted"], said
    assert masters.merges(master)[0]["undone_at"] is not None
    info = subprocess.run(["ogrinfo", "-so", master, "mine_patches"], capture_output=True,
                          text=True, check=True).stdout
    assert "patch_code: String" in info and "survey_note" not in info, info


def test_a_package_that_only_adds_an_empty_layer_is_a_merge_too(tmp_path, capsys):
    """A layer written empty (ogr2ogr with no feature) is added by a merge recorded as one:
    its undo leaves the layer and says so, as for any layer a merge made."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-g", role="gis")
    (tmp_path / "wells.csv").write_text("name,lon,lat\n井一,88.70,42.85\n")
    subprocess.run(["ogr2ogr", "-update", str(pkg), str(tmp_path / "wells.csv"), "-f", "GPKG",
                    "-nln", "wells", "-a_srs", "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon",
                    "-oo", "Y_POSSIBLE_NAMES=lat", "-where", "1=0"],
                   check=True, capture_output=True)
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g.zip")
    assert code == errors.OK and "schema changes: wells" in said, said
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.OK, said
    done = masters.merges(master)
    assert [m["layers_added"] for m in done] == [["wells"]], (done, said)
    merge_id = done[0]["merge_id"]
    assert said.splitlines()[:2] == [
        f"merge {merge_id} g.zip from gis-g: applied 0, already applied 0, conflicts 0, "
        "refused 0", "  added to the master: layer wells"], said
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK and "layer wells made by this merge is left, empty" in said, said
