# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout by thousands of patches (a province's selection) looks their names up at
once, not with a query each: the same patches, by code or uuid (a code two patches share
giving both), the same refusal naming each name that names none, in the order given."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.sync import subset
from tests.unit.gpkg_factory import edit, make_gpkg, rows

PATCHES = 2500
NAMES = 2000
SHARED = "P0002200"  # the code of two patches, neither named otherwise


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """A master of 2,500 patches, two of which share a code."""
    path = make_gpkg(tmp_path_factory.mktemp("province") / "province.gpkg", patches=PATCHES)
    edit(path, f"UPDATE mine_patches SET patch_code = '{SHARED}' WHERE patch_code = 'P0002100'")
    return path


def _names(master) -> list[str]:
    """2,000 names: every other patch by its code, the rest by uuid; the shared code, and a
    patch named both ways and twice."""
    patches = rows(master, "SELECT uuid, patch_code FROM mine_patches ORDER BY fid")
    names = [code if i % 2 else uuid for i, (uuid, code) in enumerate(patches[:NAMES - 3])]
    return [*names, SHARED, patches[0][1], patches[0][0]]


def _one_by_one(master, given) -> list[str]:
    """The uuids a query for each name finds (how they were found before)."""
    with sqlite3.connect(master) as conn:
        return sorted({u for name in given for (u,) in conn.execute(
            "SELECT uuid FROM mine_patches WHERE uuid = ? OR patch_code = ?", (name, name))})


def _counted(monkeypatch) -> list[str]:
    """The statements the checkout's lookup of the names runs, as they run."""
    statements: list[str] = []
    chosen = subset.patches_chosen

    def counting(conn, given):
        conn.set_trace_callback(statements.append)
        try:
            return chosen(conn, given)
        finally:
            conn.set_trace_callback(None)
    monkeypatch.setattr(subset, "patches_chosen", counting)
    return statements


def test_thousands_of_patches_are_the_same_found_at_once(province, tmp_path, capsys,
                                                         monkeypatch):
    names = _names(province)
    assert len(names) == NAMES
    expected = _one_by_one(province, names)
    assert len(expected) == NAMES - 3 + 2  # (the shared code: two patches)
    with sqlite3.connect(province) as conn:
        assert subset.patches_chosen(conn, names) == expected
    statements = _counted(monkeypatch)
    out = tmp_path / "many.gpkg"
    assert cli.main(["checkout", province, str(out), "--device", "tab-m", "--patches",
                     ",".join(names)]) == errors.OK
    assert "cut to the 1999 patches chosen" in capsys.readouterr().out
    assert sorted(u for (u,) in rows(out, "SELECT uuid FROM mine_patches")) == expected
    assert 1 <= len(statements) <= 4, (len(statements), statements[:3])


def test_the_names_naming_none_are_refused_in_the_order_given(province, tmp_path, capsys,
                                                               monkeypatch):
    names = _names(province)
    names[10:10] = ["ZZ-none-2"]
    names[500:500] = ["AA-none-1", "ZZ-none-2"]
    names.append("MM-none-3")
    statements = _counted(monkeypatch)
    out = tmp_path / "none.gpkg"
    assert cli.main(["checkout", province, str(out), "--device", "tab-n", "--patches",
                     ",".join(names)]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "no mine patch has the uuid or patch code ZZ-none-2, AA-none-1, ZZ-none-2, " \
           "MM-none-3 (in " in err, err
    assert not out.exists()
    assert 1 <= len(statements) <= 4, (len(statements), statements[:3])
