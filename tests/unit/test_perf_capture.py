# SPDX-License-Identifier: GPL-2.0-or-later
"""The faster forms of the capture triggers and of the apply log exactly what the plain ones did."""

import sqlite3

from field_kit.plan.geometry import register_functions
from field_kit.sync import log_values
from field_kit.sync.registry import affinity as _affinity


def _plain_changed_object_sql(prefix, cols):
    parts = []
    for x in cols:
        q = '"' + x + '"'
        parts.append(f"CASE WHEN OLD.{q} IS NOT NEW.{q} THEN ',\"{x}\":' || "
                     f"{log_values.json_sql(prefix + q)} ELSE '' END")
    return "'{' || substr(" + " || ".join(parts) + ", 2) || '}'"


def _changed(prefix, cols):
    return log_values.object_sql([(x, f'{prefix}"{x}"') for x in cols],
                                 [f'OLD."{x}" IS NOT NEW."{x}"' for x in cols])


def test_printf_form_logs_the_same_text():
    cols = ["a", "area_m2", log_values.GEOM]
    c = sqlite3.connect(":memory:")
    register_functions(c)  # (as every connection of the toolkit's has them)
    c.execute(f"CREATE TABLE t (fid INTEGER PRIMARY KEY, a, area_m2 REAL, {log_values.GEOM} BLOB)")
    c.execute("INSERT INTO t VALUES (1, 'x\"y\u00e9', 1.5, x'0102')")
    c.execute("CREATE TABLE lg (fast, plain, fast_old, plain_old)")
    c.execute(f"CREATE TRIGGER tr AFTER UPDATE ON t BEGIN INSERT INTO lg VALUES ("
              f"{_changed('NEW.', cols)}, {_plain_changed_object_sql('NEW.', cols)}, "
              f"{_changed('OLD.', cols)}, {_plain_changed_object_sql('OLD.', cols)}); END")
    for upd in ("a = 'q\"\n'", "area_m2 = 0.1 + 0.2", f"{log_values.GEOM} = NULL",
                "a = NULL, area_m2 = 3", "a = a", f"a = 5, {log_values.GEOM} = x'ff'",
                "a = '%s%d%'"):
        c.execute(f"UPDATE t SET {upd}")
    rows = c.execute("SELECT * FROM lg").fetchall()
    assert len(rows) == 7
    for fast, plain, fast_old, plain_old in rows:
        assert fast == plain and fast_old == plain_old


def test_many_columns_fall_back_to_concatenation():
    cols = [f"c{i}" for i in range(130)]
    sql = _changed("NEW.", cols)
    assert "printf('%s" not in sql


def test_affinity_rules():
    assert _affinity("INTEGER") == "INTEGER" and _affinity("POINT") == "INTEGER"
    assert _affinity("TEXT") == "TEXT" and _affinity("VARCHAR(5)") == "TEXT"
    assert _affinity("REAL") == "REAL" and _affinity("DOUBLE") == "REAL"
    assert _affinity("") == "BLOB" and _affinity("BLOB") == "BLOB"
    assert _affinity("DATE") == "NUMERIC" and _affinity("MULTIPOLYGON") == "NUMERIC"
