# SPDX-License-Identifier: GPL-2.0-or-later
"""A KML as Google Earth saves a survey: placemarks in nested folders, one folder a township,
a Document inside a Folder. Each folder holding placemarks is a layer (as GDAL and QGIS read
it): the import of one says, by folder and name, the placemarks of the others it does not
read, in English and Chinese, and the folders imported in turn bring in every placemark."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _placemark(p) -> str:
    coords = " ".join(f"{x!r},{y!r},0" for x, y in p["ring"])
    return (f"<Placemark><name>{p['code']}</name><styleUrl>#m_ylw-pushpin</styleUrl><Polygon>"
            f"<tessellate>1</tessellate><outerBoundaryIs><LinearRing><coordinates>{coords}"
            "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>")


def _google_earth_kml(path, patches):
    """The patches in 乡A (four), its subfolder 补测 (two) and a Document 乡B inside the
    folder 其他 (the rest)."""
    a, sub, b = patches[:4], patches[4:6], patches[6:]
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2" '
        'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><name>图斑.kml</name>'
        "<Folder><name>图斑</name><open>1</open>"
        "<Folder><name>乡A</name>" + "".join(map(_placemark, a))
        + "<Folder><name>补测</name>" + "".join(map(_placemark, sub)) + "</Folder></Folder>"
        "<Folder><name>其他</name><Document><name>乡B</name>" + "".join(map(_placemark, b))
        + "</Document></Folder></Folder></Document></kml>", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_placemarks_of_the_folders_not_read_are_named(master, plan_gpkg, tmp_path, capsys,
                                                          monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(plan_gpkg)
    kml = _google_earth_kml(tmp_path / "图斑.kml", patches)
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.BAD_INPUT and "(folders: 乡A, 补测, 乡B)" in out, out
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run",
                  "--source-layer", "乡A")
    assert rc == errors.OK, out
    b = ", ".join(p["code"] for p in patches[6:])
    sub = ", ".join(p["code"] for p in patches[4:6])
    said = {"en": f"warning: 图斑.kml holds 7 more placemarks in other folders, not read by "
                  f"this import: 补测 (2: {sub}); 乡B (5: {b}). Each folder is a layer: "
                  "import them one at a time (--source-layer)",
            "zh": f"图斑.kml 的其他文件夹中还有 7 个地标，本次导入未读取："
                  f"补测（2 个：{sub.replace(', ', '、')}）；乡B（5 个："
                  f"{b.replace(', ', '、')}）。每个文件夹是一个图层，请逐个导入（--source-layer）"}
    assert said[lang] in out, out


def test_the_folders_imported_in_turn_bring_in_every_placemark(master, plan_gpkg, tmp_path,
                                                              capsys):
    patches = L.surveyed(plan_gpkg)
    kml = _google_earth_kml(tmp_path / "图斑.kml", patches)
    for folder in ("乡A", "补测", "乡B"):
        rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches",
                      "--source-layer", folder)
        assert rc == errors.OK and "written:" in out, out
    conn = sqlite3.connect(master)
    surveyed = {r[0] for r in conn.execute(
        "SELECT patch_code FROM mine_patches WHERE geometry_source = 'surveyed'")}
    conn.close()
    assert surveyed == {p["code"] for p in patches}
