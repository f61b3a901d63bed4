# SPDX-License-Identifier: GPL-2.0-or-later
"""An import whose new shape moves a patch's centre more than 1 km (a boundary typed 0.03°
off, another patch's code) is warned of, naming the patch and how far, in English and in
Chinese; the import goes on. The plan's own shapes sent back, each moved a little as a new
survey moves them, are not."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.test_import_own_shapes import own_patches


def _moved(master, tmp_path, dlon: float, which=(0,)):
    """The master's patches written out, those ``which`` moved east by ``dlon`` degrees:
    (the file, the code of the first one moved)."""
    src, doc = own_patches(master, tmp_path)
    for i in which:
        g = doc["features"][i]["geometry"]
        g["coordinates"] = [[[[x + dlon, y] for x, y in ring] for ring in poly]
                            for poly in g["coordinates"]]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return src, doc["features"][which[0]]["properties"]["patch_code"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_centre_moved_more_than_a_kilometre_is_warned_of(
        master, tmp_path, capsys, monkeypatch, lang):
    src, code = _moved(master, tmp_path, 0.03)  # (at 42.9° N, some 2.5 km)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    got, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert got == errors.OK, out + err
    assert "errors 0, warnings 1\n" in out, out
    (warned,) = [s for s in out.splitlines() if s.startswith("  warning: ")]
    assert warned.startswith(f"  warning: row 1 {code}: the new shape moves its centre 2.5 km ("
                             ), warned
    assert warned.endswith("), more than 1 km, which a new survey of the same patch seldom "
                           "does: check the source's patch code and coordinates (another "
                           "patch's code, coordinates shifted or misread)"), warned
    if lang == "zh":
        (zh,) = [s for s in out.splitlines() if s.startswith("  警告：")]
        assert zh.startswith(f"  警告：第 1 行 {code}：新形状使其中心移动 2.5 公里（"), zh
        assert "），超过 1 公里，不像是同一图斑的重测：请核对" in zh, zh
    assert "written: updated 1, new 0, deleted 0" in out, out


def test_several_moved_far_are_said_once_each_with_its_distance(master, tmp_path, capsys):
    src, code = _moved(master, tmp_path, 0.05, which=(0, 1))
    got, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert got == errors.OK, out + err
    (warned,) = [s for s in out.splitlines() if s.startswith("  warning: ")]
    assert warned.startswith("  warning: 2 features: the new shape moves its centre more than "
                             "1 km, which a new survey of the same patch seldom does: "), warned
    assert f"row 1 {code} (4.1 km), row 2 " in warned, warned


@pytest.mark.parametrize("dlon", [0.005, 0.00002])  # some 400 m; 2 m, as a new survey
def test_the_plans_shapes_moved_less_are_not_warned_of(master, tmp_path, capsys, dlon):
    src, _ = _moved(master, tmp_path, dlon, which=range(11))
    got, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert got == errors.OK, out + err
    assert "would be updated 11," in out and "errors 0, warnings 0\n" in out, out
