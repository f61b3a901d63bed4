# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit log --json`` and ``history --json`` give one object whatever the case, every
key there, a list empty where it has nothing (the row a code names null, where asked by a
uuid; the count of values not in the log yet 0), as the README says: a script reads them
without guessing whether it got a list or an object. The cases: a package with no change,
one with values in a column added since, a master's log, a row changed, a code no change
has touched, a code another row had before, a row with an open conflict, change capture
not whole, a row of a layer found rewritten in the master and one of a layer dropped from
it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from field_kit import errors
from tests.unit.cli_run import HISTORY_KEYS, LOG_KEYS, cli, cli_said
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_capture_not_whole_said import drop_update_trigger
from tests.unit.test_history_says_open_conflicts import in_conflict
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_edited

KEYS = {"log": LOG_KEYS, "history": HISTORY_KEYS}
# the keys that hold no list: the row a code names (null asked by a uuid), and a count
KINDS = {"row": (dict, type(None)), "not_logged_yet": int}
README = Path(__file__).resolve().parents[2] / "README.md"


def given(capsys, command: str, *argv) -> dict:
    code, out, err = cli(capsys, command, *argv, "--json")
    assert code in (errors.OK, errors.CAPTURE_BROKEN), err
    return json.loads(out)


def of_a_layer_rewritten(tmp_path: Path, capsys) -> dict:
    """history of a row of 泉眼 rewritten by ogr2ogr in the master and found so by repair:
    no change recorded since, the rewrite said."""
    master, _ = wells_edited(tmp_path, capsys)
    (tmp_path / "w2.geojson").write_text((tmp_path / "w.geojson").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", "-overwrite", str(master),
                    str(tmp_path / "w2.geojson"), "-nln", "泉眼"], check=True, capture_output=True)
    assert cli_said(capsys, "repair", master)[0] == errors.REFUSED
    ((u,),) = rows(master, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")
    return given(capsys, "history", master, u)


def of_a_layer_dropped(tmp_path: Path, capsys) -> dict:
    """history of 泉2, edited in a package and merged, after 泉眼 was dropped from the
    master: its changes, the drop said."""
    master, pkg = wells_edited(tmp_path, capsys)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.OK
    ((u,),) = rows(master, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    return given(capsys, "history", master, u)


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_every_case_gives_the_same_keys(setup, capsys):
    master, a, _, tmp = setup
    said = {("log", "a package with no change"): given(capsys, "log", a)}
    c = tmp / "c.gpkg"
    assert cli(capsys, "checkout", master, c, "--device", "tab-c")[0] == errors.OK
    edit(c, "ALTER TABLE mine_patches ADD COLUMN depth_m REAL")
    edit(c, "UPDATE mine_patches SET depth_m = 3")
    said["log", "values in a column added since"] = given(capsys, "log", c)
    # as many as the text counts, one a patch
    n = said["log", "values in a column added since"]["not_logged_yet"]
    assert [(n,)] == rows(c, "SELECT count(*) FROM mine_patches"), n
    assert f"\n{n} value{'s' * (n != 1)} in columns or tables added or renamed since the last " \
           "command " \
           "that wrote, not in the log yet" in "\n" + cli(capsys, "log", c)[1]
    master, uuid, cid = in_conflict(setup, capsys)
    ((untouched,),) = rows(master, "SELECT patch_code FROM mine_patches WHERE uuid != ? "
                           "LIMIT 1", uuid)
    said["log", "a master's changes"] = given(capsys, "log", master)
    said["history", "a row with an open conflict"] = given(capsys, "history", master, uuid)
    said["history", "a code no change has touched"] = given(capsys, "history", master,
                                                            untouched)
    assert cli(capsys, "resolve", master, cid, "--take", "ours")[0] == errors.OK
    said["history", "a row changed, nothing open"] = given(capsys, "history", master, uuid)
    ((gone, code),) = rows(master, "SELECT uuid, patch_code FROM mine_patches WHERE uuid != ? "
                           "AND patch_code != ? LIMIT 1", uuid, untouched)
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", gone)
    edit(master, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", code, untouched)
    said["history", "a code another row had before"] = given(capsys, "history", master, code)
    drop_update_trigger(master)
    said["log", "capture not whole"] = given(capsys, "log", master)
    said["history", "capture not whole"] = given(capsys, "history", master, uuid)
    for case in ("rewritten", "dropped"):
        (tmp / case).mkdir()
    said["history", "a layer rewritten"] = of_a_layer_rewritten(tmp / "rewritten", capsys)
    said["history", "a layer dropped"] = of_a_layer_dropped(tmp / "dropped", capsys)

    for (command, case), got in said.items():
        assert isinstance(got, dict) and set(got) == KEYS[command], (command, case, got)
        assert all(isinstance(v, KINDS.get(k, list)) for k, v in got.items()), \
            (command, case, got)
    # each key is filled in some case, and empty in others
    for command, keys in KEYS.items():
        for key in keys:
            filled = [bool(got[key]) for (c, _), got in said.items() if c == command]
            assert any(filled) and not all(filled), (command, key, filled)


def test_the_readme_names_every_key():
    text = README.read_text(encoding="utf-8")
    start = text.index("`log` and `history` each give")
    said = text[start:text.index("`merge` gives", start)]
    for key in HISTORY_KEYS | LOG_KEYS:
        assert f"`{key}`" in said, key
