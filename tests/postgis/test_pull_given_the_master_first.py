# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit pull ADDRESS PACKAGE`, the PostgreSQL master given first: said to be the two
swapped, with the order a pull takes them in and the command in that order, in Chinese
too; nothing pulled."""

from __future__ import annotations

import hashlib
from pathlib import Path

from field_kit import errors
from tests.unit.cli_run import cli


def test_the_address_given_first_says_the_package_comes_first(plan_database, tmp_path, capsys,
                                                               monkeypatch):
    pkg = tmp_path / "tab-07.gpkg"
    assert cli(capsys, "checkout", plan_database, pkg, "--device", "tab-07")[0] == errors.OK
    before = hashlib.sha256(Path(pkg).read_bytes()).hexdigest()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "pull", plan_database, pkg)
    assert code == errors.BAD_INPUT, out + err
    typed = f"{pkg} '{plan_database}'" if " " in plan_database else f"{pkg} {plan_database}"
    assert (f"{pkg} is a field package, not a master: pull takes the package first: "
            f"field-kit pull PACKAGE MASTER (here field-kit pull {typed}); nothing was "
            "pulled\n" in err), err
    assert (f"{pkg} 是外业数据包，不是主库：拉取时数据包在前：field-kit pull 数据包 主库（此处应为 "
            f"field-kit pull {typed}）；未拉取任何内容\n" in err), err
    assert hashlib.sha256(Path(pkg).read_bytes()).hexdigest() == before
