# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init GPKG --tables X`, where no table named can be tracked, installs nothing
and says why by the names given, not by the layers it left out for them; exit 2, the file as
it was, and in Chinese too."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from tests.unit.cli_run import cli


@pytest.fixture
def with_notes(master):
    """The plan with a table of notes with no primary key (rows with no stable key), listed
    as a layer."""
    with sqlite3.connect(master) as c:
        c.execute("CREATE TABLE notes (code TEXT, said TEXT)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('notes', 'attributes', 'Notes')")
    return master


@pytest.mark.parametrize("again", [False, True])
def test_none_of_the_tables_named_can_be_tracked(with_notes, capsys, chinese_locale, again):
    if again:  # a master already
        assert cli(capsys, "init", with_notes)[0] == errors.OK
    before = with_notes.read_bytes()
    code, out, err = cli(capsys, "init", with_notes, "--tables", "notes")
    assert code == errors.BAD_INPUT, out + err
    assert not out, out
    lines = err.splitlines()
    assert lines[0] == ("field-kit: no feature or attribute table to track in this file (a "
                        "GeoPackage lists its layers in gpkg_contents): notes: no INTEGER "
                        "PRIMARY KEY (rows have no stable key); nothing was changed"), lines
    assert lines[1] == ("field-kit: 此文件中没有可跟踪的要素表或属性表（GeoPackage 在 "
                        "gpkg_contents 中列出其图层）：notes：没有 INTEGER 主键（要素没有稳定的键）"
                        "；未作任何更改"), lines
    assert with_notes.read_bytes() == before
