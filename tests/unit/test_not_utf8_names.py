# SPDX-License-Identifier: GPL-2.0-or-later
"""A file whose table holds a column name that is not UTF-8 (GDAL writes a Shapefile's
field name cut at its 10 bytes in the middle of a character into a GeoPackage as it is) gave
``internal error: OperationalError: Could not decode to UTF-8`` (exit 4) with the name
nowhere. It is named now, with what to do, and nothing is changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from field_kit import errors
from field_kit.cli.commands import main


def _with_a_cut_name(master: Path) -> None:
    conn = sqlite3.connect(master)
    with conn:
        conn.execute('CREATE TABLE 林班 (fid INTEGER PRIMARY KEY, "实测QQ" TEXT, ok TEXT)')
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                     "('林班', 'attributes', '林班')")
    conn.close()
    data = master.read_bytes()
    whole = "实测QQ".encode()
    assert data.count(whole) == 1
    # 测 cut after two of its three bytes, as a 10-byte cut leaves it (the length kept)
    master.write_bytes(data.replace(whole, whole[:5] + b"QQQ"))


def test_a_name_that_is_not_utf8_is_named(master, capsys):
    _with_a_cut_name(master)
    before = master.read_bytes()
    for command in ("init", "status"):
        capsys.readouterr()
        assert main([command, str(master)]) == errors.BAD_INPUT
        said = capsys.readouterr().err
        assert "holds names that are not UTF-8 text (column 实\ufffdQQQ of 林班; � marks what " \
               "cannot be read)" in said, said
        assert "internal error" not in said
    assert master.read_bytes() == before
