# SPDX-License-Identifier: GPL-2.0-or-later
"""An undone merge puts the rows it deleted back under new fids: the rows of another table
that name one by the fid it had (REFERENCES parent(fid)) are named, with the rows put back
and their fids now, in English and Chinese, not left broken unsaid."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from tests.unit.test_any_table import add_forest

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def test_undo_names_the_rows_naming_a_row_put_back_by_its_old_fid(master, tmp_path, capsys,
                                                                   chinese_locale):
    add_forest(master, tmp_path)  # F0 .. F4, fids 1 .. 5
    with sqlite3.connect(master) as c:
        c.execute("CREATE TABLE stand_checks (fid INTEGER PRIMARY KEY, stand_fid INTEGER "
                  "REFERENCES forest_stands(fid), ok TEXT)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('stand_checks', 'attributes', 'stand_checks')")
        c.execute("INSERT INTO stand_checks (stand_fid, ok) VALUES (2, 'yes'), (2, 'no'), "
                  "(3, 'yes')")
    pkg = tmp_path / "gis.gpkg"
    assert run("checkout", master, pkg, "--device", "gis", "--role", "gis") == errors.OK
    with connect(pkg) as c:
        c.execute("DELETE FROM forest_stands WHERE stand_id = 'F1'")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    with sqlite3.connect(master) as c:
        merge_id = c.execute("SELECT merge_id FROM sync_merges").fetchone()[0]
    capsys.readouterr()
    assert run("undo-merge", master, merge_id) == errors.OK
    said = capsys.readouterr().out
    with sqlite3.connect(master) as c:
        fid, uuid = c.execute("SELECT fid, uuid FROM forest_stands WHERE stand_id = 'F1'"
                              ).fetchone()
    assert fid != 2
    assert (f"stand_checks: 2 rows name forest_stands by stand_fid, holding a fid no row of "
            f"forest_stands has now: fid 1 (stand_fid 2), fid 2 (stand_fid 2); this undo put "
            f"forest_stands's rows back under new fids: F1 (row {uuid}) (fid {fid}); set "
            "stand_fid of those rows to the fid of the row each names\n") in said, said
    assert ("stand_checks：有 2 行按 stand_fid 指向 forest_stands，所存 fid 在 forest_stands 中"
            "已无对应行：fid 1（stand_fid 2）、fid 2（stand_fid 2）；"
            f"本次撤销已将 forest_stands 的行以新的 fid 放回：F1（要素 {uuid}）（fid {fid}）；"
            "请将这些行的 stand_fid 改为各自所指行的 fid\n") in said, said
