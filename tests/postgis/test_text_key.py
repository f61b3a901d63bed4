# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL table keyed by a code as text was said to have "no single-column integer
primary key (rows have no stable key)": its rows have a stable key. It is named by its key
and type, with the statement that gives it a key the database numbers (the code kept
unique), which makes it trackable; in Chinese too."""

from __future__ import annotations

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import package_export
from tests.postgis.cluster import query
from tests.postgis.test_init_nothing_to_track import STATEMENT, TEXT_KEY, TEXT_KEY_ZH, county, said
from tests.unit.gpkg_factory import edit


def test_a_text_key_is_named_with_the_statement_that_makes_it_trackable(
        cluster, database, capsys, monkeypatch, tmp_path):
    master = county(cluster, database)
    query(database, "INSERT INTO county.notes VALUES ('N1', 'spring')")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["init", master, "--tables", "notes"]) == errors.BAD_INPUT
    assert said(capsys) == [
        f"field-kit: no table of schema county can be tracked: notes: {TEXT_KEY}; nothing was "
        "changed",
        f"field-kit: 模式 county 中没有可跟踪的表：notes：{TEXT_KEY_ZH}；未作任何更改"]
    query(database, STATEMENT)
    assert main(["init", master, "--tables", "notes"]) == errors.OK
    assert "tracked: notes" in capsys.readouterr().out
    # and a note added in the field is merged, numbered by the database, its code kept
    pkg = tmp_path / "gis.gpkg"
    assert main(["checkout", master, str(pkg), "--device", "gis-1", "--role", "gis"]) == 0
    edit(pkg, "INSERT INTO notes (code, said) VALUES ('N2', 'autumn')")
    package_export.export(pkg, tmp_path / "gis.zip")
    assert main(["merge", master, str(tmp_path / "gis.zip")]) == errors.OK
    assert query(database, "SELECT fid, code, said FROM county.notes ORDER BY fid") == [
        (1, "N1", "spring"), (2, "N2", "autumn")]
