# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit merge` given its arguments the wrong way: the master given as a package is said
to be the master (or a master), with the change packages its field packages export to give
instead, never an export of a master; a change package given first, the two swapped, is
said so, the master coming first, with the command in that order; in Chinese too."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_cli import fk


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def a_change_package(tmp_path) -> tuple[Path, Path, Path]:
    """(master, its field package t1.gpkg, t1's change package t1.zip)."""
    master = make_gpkg(tmp_path / "m6.gpkg", patches=4, verifications=1)
    pkg, out = tmp_path / "t1.gpkg", tmp_path / "t1.zip"
    assert fk("checkout", master, pkg, "--device", "tab-1") == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 't1: 坑已回填'")
    assert fk("export", pkg, out) == errors.OK
    return Path(master), pkg, out


def test_the_master_given_as_a_package_is_said_to_be_the_master(tmp_path, capsys,
                                                                 monkeypatch):
    master, _, _ = a_change_package(tmp_path)
    other = tmp_path / "m7.gpkg"
    shutil.copyfile(master, other)
    before = digest(master)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "merge", master, master, other)
    assert code == errors.REFUSED, out + err
    said = out + err
    assert ("m6.gpkg: the master itself, not a change package: a merge takes the change "
            "packages its field packages export (field-kit export FIELD_PACKAGE OUT.zip)"
            in said), said
    assert ("m6.gpkg：这是主库本身，不是修改包：合并的是它的外业数据包导出的修改包"
            "（field-kit export 外业数据包 OUT.zip）" in said), said
    assert ("m7.gpkg: a master, not a change package: a merge takes the change packages the "
            "field packages export (field-kit export FIELD_PACKAGE OUT.zip)" in said), said
    assert "m7.gpkg：这是主库，不是修改包" in said, said
    assert "export m6.gpkg" not in said and "export m7.gpkg" not in said, said
    assert digest(master) == before


def test_the_package_given_first_says_the_master_comes_first(tmp_path, capsys, monkeypatch):
    master, _, out_zip = a_change_package(tmp_path)
    before = digest(master)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "merge", out_zip, master)
    assert code == errors.BAD_INPUT, out + err
    assert (f"field-kit: {out_zip} is a change package, not a master: the master comes first: "
            f"field-kit merge MASTER PACKAGE... (here field-kit merge {master} {out_zip}); "
            "nothing was merged\n" in err), err
    assert (f"field-kit: {out_zip} 是修改包，不是主库：主库在前：field-kit merge 主库 修改包..."
            f"（此处应为 field-kit merge {master} {out_zip}）；未合并任何修改包\n" in err), err
    code, out, err = cli(capsys, "merge", out_zip, out_zip)  # (no master given at all)
    assert code == errors.BAD_INPUT, out + err
    assert (f"field-kit: {out_zip} is a change package, not a master: the master comes first: "
            "field-kit merge MASTER PACKAGE...; nothing was merged\n" in err), err
    assert digest(master) == before


def test_pull_given_the_master_first_says_the_package_comes_first(tmp_path, capsys,
                                                                   monkeypatch):
    """`field-kit pull MASTER PACKAGE`, the two swapped: said so, with the order a pull
    takes them in and the command in that order, in Chinese too; nothing pulled."""
    master, pkg, _ = a_change_package(tmp_path)
    before = digest(master), digest(pkg)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "pull", master, pkg)
    assert code == errors.BAD_INPUT, out + err
    assert (f"field-kit: {pkg} is a field package, not a master: pull takes the package first: "
            f"field-kit pull PACKAGE MASTER (here field-kit pull {pkg} {master}); nothing was "
            "pulled\n" in err), err
    assert (f"field-kit: {pkg} 是外业数据包，不是主库：拉取时数据包在前：field-kit pull 数据包 主库"
            f"（此处应为 field-kit pull {pkg} {master}）；未拉取任何内容\n" in err), err
    assert (digest(master), digest(pkg)) == before
