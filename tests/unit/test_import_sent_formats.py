# SPDX-License-Identifier: GPL-2.0-or-later
"""Boundary files as county staff are really sent them: a KMZ (Google Earth's and 奥维互动地图's
default), a KML whose fields are a table in each description (ArcGIS's Layer to KML), a
placemark of a label point and its polygon, a CSV of a WKT column (QGIS's Save Features As
CSV), and a list of points written E88.5 / N42.7; a list of points counted by its patches."""

from __future__ import annotations

import zipfile

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _coords(ring) -> str:
    return " ".join(f"{x!r},{y!r},0" for x, y in ring)


def _polygon(ring) -> str:
    return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_coords(ring)}"
            "</coordinates></LinearRing></outerBoundaryIs></Polygon>")


def _kml(placemarks: list[str], name: str = "托克逊图斑") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
            f"<Document><name>{name}</name>{''.join(placemarks)}</Document></kml>")


def _extended(p) -> str:
    return (f'<Placemark><name>{p["code"]}</name><ExtendedData><Data name="图斑编号"><value>'
            f'{p["code"]}</value></Data><Data name="乡镇"><value>{p["township"]}</value></Data>'
            f'</ExtendedData>{_polygon(p["ring"])}</Placemark>')


def _arcgis(p) -> str:
    """A placemark as ArcGIS's Layer to KML writes it: its fields a table in its description."""
    table = (
        '<html xmlns:fo="http://www.w3.org/1999/XSL/Format"><head><META http-equiv='
        '"Content-Type" content="text/html"></head><body><table style="width:100%">'
        f'<tr style="text-align:center"><td>{p["code"]}</td></tr><tr><td><table>'
        '<tr><td>FID</td><td>0</td></tr>'
        f'<tr bgcolor="#D4E4F3"><td>图斑编号</td><td>{p["code"]}</td></tr>'
        f'<tr><td>乡镇</td><td>{p["township"]}</td></tr>'
        '<tr bgcolor="#D4E4F3"><td>备注</td><td>&lt;Null&gt;</td></tr>'
        "</table></td></tr></table></body></html>")
    return (f'<Placemark><name>{p["code"]}</name><description><![CDATA[{table}]]></description>'
            f'{_polygon(p["ring"])}</Placemark>')


def _kmz(path, members: dict):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_kmz_is_read_from_the_kml_inside_it(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    text = _kml([_extended(p) for p in patches])
    kmz = _kmz(tmp_path / "图斑.kmz", {"doc.kml": text, "files/icon.png": b"\x89PNG"})
    code, out = cli(capsys, "import", master, kmz, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert "(KML, layer 托克逊图斑, 11 features)" in out, out
    assert "info: read from doc.kml inside 图斑.kmz" in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out
    # 奥维互动地图 names the KML inside after the map, not doc.kml, and on a Chinese Windows
    # in GBK, unflagged (the placeholder name is as long as the GBK bytes written over it)
    ovi = _kmz(tmp_path / "奥维.kmz", {"images/a.png": b"\x89PNG", "AAAAAA.kml": text})
    ovi.write_bytes(ovi.read_bytes().replace(b"AAAAAA.kml", "托克逊.kml".encode("gbk")))
    code, out = cli(capsys, "import", master, ovi, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK and "info: read from 托克逊.kml inside 奥维.kmz" in out, out


def test_a_kmz_with_no_kml_or_no_zip_is_refused_by_name(master, tmp_path, capsys):
    empty = _kmz(tmp_path / "empty.kmz", {"files/a.png": b"\x89PNG"})
    code, out = cli(capsys, "import", master, empty, "--layer", "mine_patches")
    assert code == errors.BAD_INPUT, out
    assert "empty.kmz holds no .kml (it holds: files/a.png)" in out, out
    broken = tmp_path / "broken.kmz"
    broken.write_bytes(b"not a zip")
    code, out = cli(capsys, "import", master, broken, "--layer", "mine_patches")
    assert code == errors.BAD_INPUT, out
    assert "broken.kmz is not a KMZ (a zipped KML): it is no zip file" in out, out


def test_the_fields_in_a_kml_description_table_are_read(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    kml = tmp_path / "arcgis.kml"
    kml.write_text(_kml([_arcgis(p) for p in patches]), encoding="utf-8")
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert "图斑编号 -> patch_code" in out and "乡镇 -> township" in out, out
    assert ("info: the placemarks have no ExtendedData: their fields are read from the table "
            "in each description (FID, 图斑编号, 乡镇, 备注)") in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out
    # <Null> is no value: 备注 is never filled, so it is no field
    assert "not imported: name, FID\n" in out or "not imported: name, FID " in out, out


def test_a_label_point_beside_a_placemarks_polygon_is_dropped_and_said(
        master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    marks = []
    for k, p in enumerate(patches):
        x, y = p["ring"][0]
        point = f"<Point><coordinates>{x!r},{y!r},0</coordinates></Point>"
        marks.append(_extended(p).replace(
            _polygon(p["ring"]), f"<MultiGeometry>{point}{_polygon(p['ring'])}</MultiGeometry>")
            if k < 2 else _extended(p))
    kml = tmp_path / "labels.kml"
    kml.write_text(_kml(marks), encoding="utf-8")
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert (f"info: 2 placemarks hold a point beside their polygon (a label's place): "
            f"the point is dropped, the polygon read: {patches[0]['code']}, "
            f"{patches[1]['code']}") in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out


def _wkt_csv(path, patches, multi: bool = True, extra=()):
    lines = ["WKT,图斑编号,乡镇"]
    for p in patches:
        ring = ",".join(f"{x!r} {y!r}" for x, y in p["ring"])
        wkt = f"MULTIPOLYGON ((({ring})))" if multi else f"POLYGON (({ring}))"
        lines.append(f'"{wkt}",{p["code"]},{p["township"]}')
    lines += extra
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_of_a_wkt_column_is_a_feature_a_row(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    # a boundary of many vertices, past the csv module's 128 KB a field
    p = patches[0]
    (x0, y0), (x1, y1) = p["ring"][0], p["ring"][1]
    n = 6000
    edge = [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
    patches[0] = {**p, "ring": [*edge, *p["ring"][1:]]}
    src = _wkt_csv(tmp_path / "qgis.csv", patches)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    assert ("unknown coordinate system: the source does not say its coordinate system (no "
            ".prj); the coordinates look like longitude/latitude: if CGCS2000, give --crs "
            "EPSG:4490") in out, out
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                    "EPSG:4490")
    assert code == errors.OK, out
    assert "(CSV, layer qgis, 11 features)" in out, out
    assert "info: the CSV's geometry is read from its WKT column WKT: a row a feature" in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out


def test_a_wkt_csv_row_that_cannot_be_read_is_named(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)[:2]
    src = _wkt_csv(tmp_path / "bad.csv", patches, multi=False,
                   extra=['"POLYGON ((88.1 42.7, 88.2))",ZJ6504222021099777,x'])
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                    "EPSG:4490", "--dry-run")
    assert code == errors.INVALID, out
    assert ("error: row 4 ZJ6504222021099777: unreadable WKT in column WKT: 'POLYGON ((88.1 "
            "42.7, 88.2))'") in out, out


def test_points_written_with_their_hemisphere_letter_are_read(master, plan_gpkg, tmp_path,
                                                              capsys):
    patches = L.surveyed(plan_gpkg)
    lines = ["图斑编号,经度,纬度,乡镇"]
    for k, p in enumerate(patches):
        for x, y in p["ring"][:-1]:
            lon, lat = (f"E{x!r}", f"N{y!r}") if k % 2 else (f"{x!r}E", f"{y!r} N")
            lines.append(f"{p['code']},{lon},{lat},{p['township']}")
    src = tmp_path / "界址点.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert "written: updated 10, new 1, deleted 0" in out, out


def test_a_list_of_points_is_counted_by_its_patches(master, plan_gpkg, tmp_path, capsys,
                                                    monkeypatch):
    patches = L.surveyed(plan_gpkg)
    n = sum(len(p["ring"]) - 1 for p in patches)
    lines = ["图斑编号,经度,纬度"]
    lines += [f"{p['code']},{x!r},{y!r}" for p in patches for x, y in p["ring"][:-1]]
    src = tmp_path / "界址点.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert f"(CSV, layer 界址点, 11 features of {n} points)" in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert f"（CSV，图层 界址点，11 个要素，由 {n} 个点连成）" in out, out
