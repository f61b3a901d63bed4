# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer made in a field package that cannot travel (no INTEGER PRIMARY KEY) was named by
status alone: export said "nothing to export" and exited 0, its rows never to leave the
device unsaid. Export names it, as checkout names what it was given untracked; the tables
the package was checked out with untracked (the master's own) are not named again."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.cli.commands import main

SAID = ("not tracked, edits to it do not travel: 样地: no INTEGER PRIMARY KEY (rows have no "
        "stable key)")


def test_export_names_a_layer_made_here_that_cannot_travel(master, tmp_path, capsys):
    pkg, out = tmp_path / "gis.gpkg", tmp_path / "gis.zip"
    assert main(["checkout", str(master), str(pkg), "--device", "g1", "--role", "gis"]) \
        == errors.OK
    capsys.readouterr()
    assert main(["export", str(pkg), str(out)]) == errors.OK
    assert "not tracked" not in capsys.readouterr().out  # (layer_styles, plan_meta: not again)
    conn = sqlite3.connect(pkg)
    with conn:
        conn.execute("CREATE TABLE 样地 (编号 TEXT, 株数 INTEGER)")
        conn.execute("INSERT INTO 样地 VALUES ('a', 3)")
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                     "VALUES ('样地', 'attributes', '样地')")
    conn.close()
    assert main(["export", str(pkg), str(out)]) == errors.OK
    said = capsys.readouterr().out
    assert "nothing to export" in said and SAID in said, said
    conn = sqlite3.connect(pkg)
    with conn:
        conn.execute("UPDATE restoration_projects SET name_en = 'x' WHERE fid = 3")
    conn.close()
    assert main(["export", str(pkg), str(out)]) == errors.OK
    said = capsys.readouterr().out
    assert "1 change (seq" in said and SAID in said, said
