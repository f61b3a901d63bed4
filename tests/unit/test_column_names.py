# SPDX-License-Identifier: GPL-2.0-or-later
"""Columns named with characters a JSON path or SQL gives a meaning of its own (a double
quote, an apostrophe, a dot, brackets, a dollar sign, a backslash): every edit of them
reaches the master, and the master's edits reach a package, by name."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.db import connect, quote
from tests.unit.test_any_table import add_forest, rows, run

# the names, each with the value the layer holds at first
ODD = ['quo"te', "ap'o", "a.b", "x[0]", "$d", "back\\slash"]


def _master(tmp_path):
    gpkg = tmp_path / "odd.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    with connect(gpkg) as c:
        for i, col in enumerate(ODD):
            c.execute(f"ALTER TABLE forest_stands ADD COLUMN {quote(col)} TEXT")
            c.execute(f"UPDATE forest_stands SET {quote(col)} = 'v{i} ' || stand_id")
    assert run("init", gpkg) == errors.OK
    return gpkg


def _values(path, stand):
    got = rows(path, f"SELECT {', '.join(map(quote, ODD))} FROM forest_stands "
                     "WHERE stand_id = ?", (stand,))
    return list(got[0]) if got else None


def test_edits_of_columns_with_odd_names_reach_the_master_whole(tmp_path, capsys):
    gpkg = _master(tmp_path)
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    cols = ", ".join(map(quote, ODD))
    marks = ", ".join("?" for _ in ODD)
    with connect(pkg) as c:  # as the sqlite3 shell or QGIS writes them
        c.execute(f"INSERT INTO forest_stands (stand_id, {cols}) VALUES ('N1', {marks})",
                  [f'new "{i}" \\ \'.' for i in range(len(ODD))])
        c.execute(f"UPDATE forest_stands SET {', '.join(f'{quote(k)} = ?' for k in ODD)} "
                  "WHERE stand_id = 'F1'", [f"up{i}" for i in range(len(ODD))])
        c.execute("DELETE FROM forest_stands WHERE stand_id = 'F2'")
        c.execute(f"UPDATE forest_stands SET {quote(ODD[0])} = 'theirs' WHERE stand_id = 'F3'")
    with connect(gpkg) as c:  # meanwhile in the master: one conflict, one edit to pull
        c.execute(f"UPDATE forest_stands SET {quote(ODD[0])} = 'ours' WHERE stand_id = 'F3'")
        c.execute(f"UPDATE forest_stands SET {quote(ODD[5])} = 'pulled' WHERE stand_id = 'F4'")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.CONFLICTS
    assert _values(gpkg, "N1") == [f'new "{i}" \\ \'.' for i in range(len(ODD))]
    assert _values(gpkg, "F1") == [f"up{i}" for i in range(len(ODD))]
    assert _values(gpkg, "F2") is None
    assert _values(gpkg, "F3")[0] == "ours"
    capsys.readouterr()
    assert run("conflicts", gpkg, "--json") == errors.CONFLICTS
    found = json.loads(capsys.readouterr().out)
    assert [(f["field"], f["ours"], f["theirs"]) for f in found] == [(ODD[0], "ours", "theirs")]
    assert run("pull", pkg, gpkg) == errors.OK
    assert _values(pkg, "F4")[5] == "pulled"
    assert _values(pkg, "N1") == _values(gpkg, "N1")
