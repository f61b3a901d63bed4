# SPDX-License-Identifier: GPL-2.0-or-later
"""KML and KMZ as they are really sent: GDAL's LIBKML KMZ (doc.kml linking a layer a file),
a KMZ of several KMLs and no doc.kml, the patch code in each placemark's name (Google Earth,
奥维互动地图), GBK text declared UTF-8, a KMZ cut short, two folders of one name."""

from __future__ import annotations

import zipfile

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()
HEAD = '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'


def _placemark(p, data: bool = True) -> str:
    coords = " ".join(f"{x!r},{y!r},0" for x, y in p["ring"])
    ext = (f'<ExtendedData><Data name="图斑编号"><value>{p["code"]}</value></Data>'
           "</ExtendedData>") if data else ""
    return (f'<Placemark><name>{p["code"]}</name>{ext}<Polygon><outerBoundaryIs><LinearRing>'
            f"<coordinates>{coords}</coordinates></LinearRing></outerBoundaryIs></Polygon>"
            "</Placemark>")


def _doc(name: str, body: str) -> str:
    return f"{HEAD}<Document><name>{name}</name>{body}</Document></kml>"


def _kmz(path, members: dict):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_libkml_kmz_is_read_through_the_links_inside_it(master, plan_gpkg, tmp_path,
                                                         capsys):
    patches = L.surveyed(plan_gpkg)
    links = "".join(f"<NetworkLink><Link><href>{h}</href></Link></NetworkLink>" for h in (
        "layers/mine_patches.kml", "layers/wells.kml", "http://example.com/x.kml"))
    kmz = _kmz(tmp_path / "libkml.kmz", {
        "doc.kml": f'{HEAD}<Document id="root_doc">{links}</Document></kml>',
        "layers/mine_patches.kml": _doc("mine_patches", "".join(map(_placemark, patches))),
        "layers/wells.kml": _doc("wells", "<Placemark><name>井</name><Point><coordinates>"
                                 "88.7,42.9</coordinates></Point></Placemark>")})
    code, out = cli(capsys, "import", master, kmz, "--layer", "mine_patches", "--dry-run")
    assert code == errors.BAD_INPUT, out
    assert "libkml.kmz has 2 layers (folders: mine_patches, wells)" in out, out
    code, out = cli(capsys, "import", master, kmz, "--layer", "mine_patches", "--dry-run",
                    "--source-layer", "mine_patches")
    assert code == errors.OK, out
    assert "info: read from layers/mine_patches.kml inside libkml.kmz" in out, out
    assert ("the network link http://example.com/x.kml in doc.kml is not followed: only KML "
            "inside libkml.kmz is read") in out, out
    assert "updated 10, new 1" in out, out


def test_a_kmz_of_several_kmls_names_them_and_each_is_chosen(master, plan_gpkg, tmp_path,
                                                             capsys):
    patches = L.surveyed(plan_gpkg)
    from field_kit.importer.source import source_layers
    kmz = _kmz(tmp_path / "two.kmz", {
        "files/photo.jpg": b"\xff\xd8\xff",
        "a_points.kml": _doc("核查.kml", "<Placemark><name>p</name><Point><coordinates>"
                             "88.74,42.90,0</coordinates></Point></Placemark>"),
        "b_patches.kml": _doc("核查.kml", "".join(map(_placemark, patches)))})
    assert source_layers(kmz) == ["a_points.kml", "b_patches.kml"]
    code, out = cli(capsys, "import", master, kmz, "--layer", "mine_patches", "--dry-run")
    assert code == errors.BAD_INPUT and "(folders: a_points.kml, b_patches.kml)" in out, out
    code, out = cli(capsys, "import", master, kmz, "--layer", "mine_patches", "--dry-run",
                    "--source-layer", "b_patches.kml")
    assert code == errors.OK and "updated 10, new 1" in out, out
    assert ("two.kmz holds no doc.kml but 2 KML files: a_points.kml, b_patches.kml: the "
            "folders of each are layers to choose from by name") in out, out


def test_patch_codes_in_the_placemark_names_are_read_and_said(master, plan_gpkg, tmp_path,
                                                              capsys):
    patches = L.surveyed(plan_gpkg)
    kml = tmp_path / "ge.kml"
    kml.write_text(_doc("核查", "".join(_placemark(p, data=False) for p in patches)),
                   encoding="utf-8")
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert ("info: field name: no field holds the patch code, but every placemark's name is "
            "one: name is read as the patch code; if it is not, give --mapping") in out, out
    assert "updated 10, new 1" in out, out
    kml.write_text(_doc("核查", "".join(_placemark(p, data=False) for p in patches)
                        .replace(patches[0]["code"], "拍照点1")), encoding="utf-8")
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    assert ('error: field patch_code: no source field is mapped to patch_code: if a field '
            'holds it, map it with --mapping, a JSON file such as {"name": "patch_code"}') in out


def test_gbk_text_declared_utf8_is_read_as_gb18030_and_said(master, plan_gpkg, tmp_path,
                                                            capsys):
    patches = L.surveyed(plan_gpkg)
    kml = tmp_path / "gbk.kml"
    kml.write_bytes(_doc("核查图斑", "".join(map(_placemark, patches))).encode("gbk"))
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert "text encoding: gb18030 (not UTF-8 as declared: valid GB18030/GBK)" in out, out
    assert "gbk.kml's text is not UTF-8 as its declaration says" in out, out
    kml.write_bytes(_doc("x", "".join(map(_placemark, patches))).encode() + b"\xff\xff\xff")
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert code == errors.BAD_INPUT, out
    assert "gbk.kml's text is not UTF-8 (at byte" in out and "nor GBK: save it as UTF-8" in out


def test_a_kmz_cut_short_is_said_damaged(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    kmz = _kmz(tmp_path / "cut.kmz", {"doc.kml": _doc("x", "".join(map(_placemark, patches)))})
    kmz.write_bytes(kmz.read_bytes()[:200])
    code, out = cli(capsys, "import", master, kmz, "--layer", "mine_patches", "--dry-run")
    assert code == errors.BAD_INPUT, out
    assert "cut.kmz is damaged or incomplete" in out and "download or export it again" in out
    assert "no zip file" not in out, out


def test_two_folders_of_one_name_are_two_layers(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    folder = "<Folder><name>未命名文件夹</name>{}</Folder>"
    kml = tmp_path / "folders.kml"
    kml.write_text(_doc("核查", folder.format(_placemark(patches[0]))
                        + folder.format(_placemark(patches[1]))), encoding="utf-8")
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert code == errors.BAD_INPUT, out
    assert "(folders: 未命名文件夹, 未命名文件夹 (2))" in out, out
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run",
                    "--source-layer", "未命名文件夹 (2)")
    assert code == errors.OK and "1 feature)" in out, out
    assert ("folders.kml holds more than one folder named 未命名文件夹: each is a layer of its "
            "own, the later one named 未命名文件夹 (2)") in out, out
