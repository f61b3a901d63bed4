# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init t1.gpkg` on a technician's field package is refused as checkout, pull and
progress refuse a package given as a master: exit 2, nothing written (no master id, which
would make the package say it is a master of its own), in English and in Chinese."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import registry
from tests.unit.cli_run import cli


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_init_of_a_field_package_is_refused_and_writes_nothing(
        tmp_path, master, capsys, monkeypatch, lang):
    pkg = tmp_path / "t1.gpkg"
    code, out, err = cli(capsys, "checkout", master, pkg, "--device", "tab-1", "--township",
                         "郭勒布依乡")
    assert code == errors.OK, out + err
    before = digest(pkg)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "init", pkg)
    assert code == errors.BAD_INPUT, out + err
    assert f"field-kit: {pkg} is a field package, not a master\n" in err, err
    if lang == "zh":
        assert f"field-kit: {pkg} 是外业数据包，不是主库\n" in err, err
    assert "master id" not in out + err and "主库标识" not in out + err, out + err
    assert digest(pkg) == before
    with connect(pkg, readonly=True) as conn:
        assert registry.meta(conn, "master_id") is None
