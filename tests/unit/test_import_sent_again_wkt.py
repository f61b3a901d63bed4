# SPDX-License-Identifier: GPL-2.0-or-later
"""A CSV of EWKT (SRID=4490;...) says where its coordinate system came from, and rows of
different SRIDs or a --crs against them are refused by name; the Chinese report says
geometry kinds in Chinese and its hints once."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _wkt_csv(path, patches, srids):
    lines = ["WKT,patch_code"]
    for p, srid in zip(patches, srids):
        ring = ",".join(f"{x!r} {y!r}" for x, y in p["ring"])
        lines.append(f'"{f"SRID={srid};" if srid else ""}POLYGON (({ring}))",{p["code"]}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_rows_srid_is_said_as_theirs_and_a_crs_against_it_refused(master, plan_gpkg,
                                                                       tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    src = _wkt_csv(tmp_path / "w.csv", patches, [4490] * len(patches))
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert "coordinate system: EPSG:4490 CGCS2000 (the SRID of the WKT rows)" in out, out
    assert "given as" not in out, out
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                    "--crs", "EPSG:4518")
    assert code == errors.INVALID, out
    assert ("error: --crs gives EPSG:4518 CGCS2000 / 3-degree Gauss-Kruger zone 30, but the "
            "WKT rows' SRID is EPSG:4490: they disagree") in out, out


def test_rows_of_different_srids_are_refused_naming_them(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)[:4]
    src = _wkt_csv(tmp_path / "w.csv", patches, [4490, 4326, 4490, 4326])
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.BAD_INPUT, out
    assert ("w.csv's WKT gives more than one coordinate system: SRID=4490 on rows 2, 4; "
            "SRID=4326 on rows 3, 5: give every row the same one") in out, out
    src = _wkt_csv(tmp_path / "w.csv", patches, [4490, None, None, 4490])
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert ("warning: the WKT of rows 3, 4 gives no SRID: read in the other rows' SRID=4490"
            in out), out


def test_the_chinese_report_says_kinds_in_chinese_and_hints_once(master, plan_gpkg, tmp_path,
                                                                 capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    p, q = L.surveyed(plan_gpkg)[:2]
    src = tmp_path / "pt.csv"  # (not all points: not a point list, a row a feature)
    src.write_text(f'WKT,patch_code\n"POINT (88.74 42.9)",{p["code"]}\n'
                   f'"LINESTRING (88.74 42.9, 88.75 42.91)",{q["code"]}\n', encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert "几何类型为点，mine_patches 需要面" in out, out
    assert "几何类型为线，mine_patches 需要面" in out, out
    assert ("坐标看似经纬度：若为 CGCS2000，请给出 --crs EPSG:4490\n" in out
            and "（可用 --crs" not in out), out
