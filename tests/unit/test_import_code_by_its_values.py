# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch code under a name no survey table of the import's uses for it (a point list's
地块编码, a handheld GPS's placemark description holding the code alone) is read as the patch
code where no field is named for it and every row of that one field holds a code; and said.
Two such fields are not guessed between: the refusal names one to map."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _point_list(path, patches, other: str | None = None):
    head = "点号,经度,纬度,地块编码" + (f",{other}" if other else "")
    lines = [head]
    for p in patches:
        for i, (x, y) in enumerate(p["ring"][:-1], start=1):
            lines.append(f"J{i},{x!r},{y!r},{p['code']}" + (f",{p['code']}" if other else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_point_list_joined_by_its_land_parcel_codes(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    src = _point_list(tmp_path / "界址点.csv", patches)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert ("info: field 地块编码: no field is named for the patch code, but every value of "
            "地块编码 is one: it is read as the patch code; if it is not, give --mapping") in out, \
        out
    assert "field mapping (recognised): 地块编码 -> patch_code" in out, out
    assert "are joined by field 地块编码, in the order of their numbers in column 点号" in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out
    assert "the geometry is a point" not in out, out


def test_a_gps_placemark_description_holding_the_code(master, plan_gpkg, tmp_path, capsys):
    marks = "".join(
        f"<Placemark><name>{i:03d}</name><description>{p['code']}</description><Polygon>"
        "<outerBoundaryIs><LinearRing><coordinates>"
        + " ".join(f"{x!r},{y!r},1203.5" for x, y in p["ring"])
        + "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        for i, p in enumerate(L.surveyed(plan_gpkg), start=1))
    src = tmp_path / "航迹.kml"
    src.write_text('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/'
                   f'kml/2.2"><Document><name>图斑</name>{marks}</Document></kml>',
                   encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert "field mapping (recognised): description -> patch_code" in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out


def test_two_fields_of_codes_are_not_guessed_between(master, plan_gpkg, tmp_path, capsys):
    src = _point_list(tmp_path / "界址点.csv", L.surveyed(plan_gpkg), other="原编码")
    before = L.sha256(master)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.INVALID, out
    assert ('no source field is mapped to patch_code: if a field holds it, map it with '
            '--mapping, a JSON file such as {"地块编码": "patch_code"}') in out, out
    assert L.sha256(master) == before


def test_said_in_chinese(master, plan_gpkg, tmp_path, capsys, chinese_locale):
    src = _point_list(tmp_path / "界址点.csv", L.surveyed(plan_gpkg))
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert ("说明：字段 地块编码：没有以图斑编号命名的字段，而 地块编码 的每个值均为"
            "图斑编号：按图斑编号读取；如不是，请用 --mapping 指定") in out, out


def test_elsewhere_the_refusal_names_the_field_of_codes(master, plan_gpkg, tmp_path, capsys):
    import json
    patches = L.surveyed(plan_gpkg)
    src = tmp_path / "图斑.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"备注": "新测", "地块编码": p["code"]},
         "geometry": {"type": "Polygon", "coordinates": [[list(q) for q in p["ring"]]]}}
        for p in patches]}, ensure_ascii=False), encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.INVALID, out
    assert ('no source field is mapped to patch_code: if a field holds it, map it with '
            '--mapping, a JSON file such as {"地块编码": "patch_code"}') in out, out
