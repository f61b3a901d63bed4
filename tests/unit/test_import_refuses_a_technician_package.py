# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit import t1.gpkg walk.gpx --layer mine_patches` on a technician's field package is
refused before the source is read or the import planned: no report of the changes it would
make, as if made, only the refusal, in English and in Chinese (exit 3, nothing written)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.sync import package_checkout
from tests.unit.cli_run import cli
from tests.unit.test_import_own_shapes import own_patches


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_import_into_a_technicians_package_is_refused_before_it_is_planned(
        master, tmp_path, capsys, monkeypatch, lang):
    pkg = tmp_path / "t1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    src, doc = own_patches(pkg, tmp_path)
    moved = doc["features"][0]
    moved["geometry"]["coordinates"] = [
        [[[x + 0.0005, y] for x, y in ring] for ring in poly]
        for poly in moved["geometry"]["coordinates"]]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = digest(pkg)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "import", pkg, src, "--layer", "mine_patches")
    assert code == errors.REFUSED, out + err
    assert out == "", out  # no report, no "updated 1", no change listed
    assert err.splitlines()[0] == (
        f"field-kit: {pkg} is a technician's field package: it cannot change plan layers; "
        "import into the master (nothing was written)"), err
    if lang == "zh":
        assert err.splitlines()[1] == (
            f"field-kit: {pkg} 是技术员的外业数据包，不能修改规划图层：请导入主库"
            "（未写入任何内容）"), err
    assert digest(pkg) == before


def test_the_refusal_comes_before_the_source_is_read(master, tmp_path, capsys):
    """A source that is no layer at all is not read: the package is what is refused."""
    pkg = tmp_path / "t1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    src = tmp_path / "walk.gpx"
    src.write_text("not a GPX", encoding="utf-8")
    code, out, err = cli(capsys, "import", pkg, src, "--layer", "mine_patches")
    assert code == errors.REFUSED, out + err
    assert "technician's field package" in err and "walk.gpx" not in out + err, out + err
