# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit merge MASTER a.zip b.zip` with a.zip not there: refused before anything is
written, saying that nothing was merged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from field_kit import errors
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_cli import fk


def test_a_missing_package_stops_the_merge_and_says_nothing_was_merged(
        tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'mine'")
    assert fk("export", pkg, tmp_path / "b.zip") == errors.OK
    before = hashlib.sha256(Path(master).read_bytes()).hexdigest()
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert fk("merge", master, tmp_path / "a.zip", tmp_path / "b.zip") == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"field-kit: no such file: {tmp_path / 'a.zip'}; nothing was merged\n" in err, err
    assert f"field-kit: 文件不存在：{tmp_path / 'a.zip'}；未合并任何修改包\n" in err, err
    assert hashlib.sha256(Path(master).read_bytes()).hexdigest() == before
