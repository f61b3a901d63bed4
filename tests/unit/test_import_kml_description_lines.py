# SPDX-License-Identifier: GPL-2.0-or-later
"""A KML whose placemarks carry their fields as lines "name：value" of their description
(图斑编号：CT…<br>乡镇：…<br>面积：181.91亩), as a handheld GPS or a hand writes them, has
them read as fields, a value written with its unit read in that unit, and said."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def test_a_description_of_lines_name_value_gives_the_fields(master, tmp_path, capsys):
    marks = []
    for k, p in enumerate(L.surveyed(master)):
        coords = " ".join(f"{x!r},{y!r},0" for x, y in p["ring"])
        mu = L.lonlat_area(p["ring"]) * 0.0015
        marks.append(
            f"<Placemark><name>{k + 1:03d}</name><description><![CDATA[图斑编号：{p['code']}"
            f"<br>乡镇：{p['township']}<br/>面积：{mu:.2f}亩]]></description><Polygon>"
            f"<outerBoundaryIs><LinearRing><coordinates>{coords}</coordinates></LinearRing>"
            "</outerBoundaryIs></Polygon></Placemark>")
    kml = tmp_path / "轨迹.kml"
    kml.write_text('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/'
                   'kml/2.2"><Document><name>轨迹</name>' + "".join(marks)
                   + "</Document></kml>", encoding="utf-8")
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert ("field mapping (recognised): 图斑编号 -> patch_code, 乡镇 -> township, 面积（亩） -> "
            "stated_area_mu") in out, out
    assert ('info: the placemarks have no ExtendedData: their fields are read from the lines '
            '"name：value" of each description (图斑编号, 乡镇, 面积（亩）)') in out, out
    assert ("would be updated 10, new 1 without --dry-run (nothing written), "
            "unchanged 0") in out, out
