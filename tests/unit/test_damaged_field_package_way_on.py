# SPDX-License-Identifier: GPL-2.0-or-later
"""A damaged field package: a tablet seldom has a backup of it, so the refusal says that its
edits not exported yet are in it alone, and how the device is checked out again without one;
a damaged master keeps the backup's wording alone."""

import os
from pathlib import Path

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import edit, make_gpkg


def _cut_short(path) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(os.path.getsize(path) * 95 // 100)


def test_a_damaged_field_package_names_its_unexported_edits_and_the_way_on(
        tmp_path, capsys, monkeypatch):
    master = Path(make_gpkg(tmp_path / "m.gpkg", patches=300))
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-2")
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    _cut_short(pkg)
    capsys.readouterr()
    assert main(["status", str(pkg)]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"{pkg} is damaged (SQLite:" in err and "restore it from a backup" in err, err
    assert "not exported yet are in it alone" in err, err
    assert "field-kit checkout m.gpkg NEW.gpkg --device tab-2 --replace" in err, err
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    assert main(["status", str(pkg)]) == errors.BAD_INPUT
    zh = capsys.readouterr().err.strip().split("\n")[-1]
    assert "尚未导出的编辑只在此文件中" in zh, zh
    assert "field-kit checkout m.gpkg NEW.gpkg --device tab-2 --replace" in zh, zh
    monkeypatch.delenv("FIELD_KIT_LANG")
    _cut_short(master)  # a master keeps its backups: their wording alone
    assert main(["status", str(master)]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "restore it from a backup" in err and "check its device out again" not in err, err
