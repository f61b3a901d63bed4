# SPDX-License-Identifier: GPL-2.0-or-later
"""The QField project folder and zip a checkout writes, and photos QField took coming back
into a change package (no QGIS here: ``tests/qgis/test_qfield_project.py`` opens the
project in QGIS)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import uuid as uuidlib
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import pytest

from field_kit import errors, forms
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.errors import BadInput
from field_kit.forms import photo_size
from field_kit.messages_zh import chinese
from field_kit.plan import schema
from field_kit.qfield import attribute_forms as qforms
from field_kit.qfield import basemap, checkout, locate, prepare_export
from field_kit.qfield.project_folder import make_zip
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.gpkg_factory import as_an_earlier_version_captured, make_gpkg

ROOT = Path(__file__).resolve().parents[2]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# a whole 1×1 grey PNG
PNG = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
       + _png_chunk(b"IDAT", zlib.compress(b"\x00\x80")) + _png_chunk(b"IEND", b""))


@pytest.fixture
def folder(master, tmp_path):
    return checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")


def _tree(info) -> ET.Element:
    return ET.parse(info["project"]).getroot()


def test_the_folder_and_the_zip_hold_the_package_the_project_and_dcim(folder):
    base = folder["folder"]
    with zipfile.ZipFile(folder["zip"]) as zf:
        names = set(zf.namelist())
    assert names == {"package.gpkg", "phone1.qgs", "DCIM/"}
    root = _tree(folder)
    sources = [e.text for e in root.iter("datasource")]
    assert sources and all(s.startswith("./package.gpkg|layername=") for s in sources)
    assert root.find("properties/Paths/Absolute").text == "false"
    assert (root.find("properties/SpatialRefSys/ProjectCrs").text == "EPSG:4504")
    assert sorted(p.name for p in Path(base).iterdir()) == ["DCIM", "package.gpkg",
                                                            "phone1.qgs"]
    with sqlite3.connect(f"{base}/package.gpkg") as conn:  # the ordinary field package
        kind, device = conn.execute("SELECT kind, device FROM sync_state").fetchone()
        assert (kind, device) == ("package", "phone1")
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                               "type = 'trigger' AND name LIKE 'sync_%'")}
    assert {f"sync_{t}_insert" for t in ("patch_verifications", "photos")} <= triggers


def test_plan_layers_are_read_only_and_records_editable(folder):
    for layer in _tree(folder).iter("maplayer"):
        table = layer.find("id").text.removeprefix(qforms.LAYER_PREFIX)
        editable = schema.table(table).kind == schema.RECORD
        assert layer.get("readOnly") == ("0" if editable else "1"), table


def test_layer_ids_are_the_same_in_every_checkout(master, folder, tmp_path):
    other = checkout(master, tmp_path / "phone2", "phone2", bbox=(88.0, 42.0, 89.0, 43.5))
    ids = [sorted(e.find("id").text for e in _tree(i).iter("maplayer"))
           for i in (folder, other)]
    assert ids[0] == ids[1] == sorted(qforms.layer_id(t.name) for t in schema.TABLES)


@pytest.mark.parametrize("form", list(forms.FORMS.values()), ids=lambda f: f.form_id)
def test_every_field_of_a_form_is_in_one_tab(form):
    tabbed = [n for _, names in qforms.TABS[form.form_id] for n in names]
    assert sorted(tabbed) == sorted(f.name for f in form.fields)


@pytest.mark.parametrize("form", list(forms.FORMS.values()), ids=lambda f: f.form_id)
def test_every_rule_has_an_expression(form):
    exprs = qforms.rule_expressions(form)
    assert set(exprs) == {r.code for r in form.rules}
    setups = qforms.field_setups(form)
    for rule in form.rules:
        if rule.field in qforms.app_only(form) and rule.severity != "error":
            continue
        assert exprs[rule.code] in setups[rule.field].expression


def test_constraint_texts_need_no_finding_qgis_cannot_compute(folder):
    """QGIS shows a constraint's description as it is: a figure only the app computes (the
    distance to the patch, the value typed) cannot be in it."""
    described = {}
    for layer in _tree(folder).iter("maplayer"):
        for c in layer.iter("constraintExpressions"):
            described.update({(layer.find("id").text, e.get("field")): e.get("desc")
                              for e in c if e.get("exp")})
    assert described
    assert [d for d in described.values() if "…" in d or "{" in d] == []
    pv = forms.PATCH_VERIFICATION
    near = next(r for r in pv.rules if r.kind == "near_subject")
    said = described[(qforms.layer_id(pv.table), "position_note")]
    assert said == near.stated(pv.field("position_note").label).both(" / ") == (
        "定位点距图斑超过 200 米，请填写定位说明 / The position is more than 200 m from the "
        "patch: give a position note")
    today = described[(qforms.layer_id(pv.table), "verified_on")]
    assert "核查日期不能晚于今天 / Date verified cannot be after today" in today


def test_the_photo_field_keeps_paths_relative_under_dcim(folder):
    s = qforms.photo_setups()["file_name"]
    assert s.widget == "ExternalResource" and s.config["RelativeStorage"] == 1
    assert "'DCIM/'" in qforms.PHOTO_NAMING["file_name"]
    photos = next(e for e in _tree(folder).iter("maplayer")
                  if e.find("id").text == qforms.layer_id("photos"))
    props = {o.get("name"): o.get("value") for o in photos.iter("Option")
             if (o.get("name") or "").startswith("QFieldSync/")}
    assert json.loads(props["QFieldSync/attachment_naming"]) == qforms.PHOTO_NAMING


def test_a_basemap_is_copied_in_as_a_raster_layer(master, tmp_path):
    tif = tmp_path / "imagery.tif"
    tif.write_bytes(_geotiff(4490))
    info = checkout(master, tmp_path / "p", "p1", basemap=tif)
    assert (tmp_path / "p" / "basemap.tif").read_bytes() == tif.read_bytes()
    raster = [e for e in _tree(info).iter("maplayer") if e.get("type") == "raster"]
    assert [e.find("datasource").text for e in raster] == ["./basemap.tif"]
    assert raster[0].find("srs/spatialrefsys/authid").text == "EPSG:4490"


@pytest.mark.parametrize("with_basemap", [False, True])
def test_the_package_is_in_rollback_mode_with_no_side_files(master, tmp_path, with_basemap):
    """A master QGIS has edited is in WAL mode; the package copied from it is not left so
    (a -wal and -shm beside it in the folder and the zip)."""
    with sqlite3.connect(master) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    tif = tmp_path / "imagery.tif"
    tif.write_bytes(_geotiff(4490))
    info = checkout(master, tmp_path / "p", "p1", basemap=tif if with_basemap else None)
    files = {p.name for p in (tmp_path / "p").iterdir()}
    with zipfile.ZipFile(info["zip"]) as zf:
        members = set(zf.namelist())
    for side in ("package.gpkg-wal", "package.gpkg-shm"):
        assert side not in files and side not in members
    with sqlite3.connect(tmp_path / "p" / "package.gpkg") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_basemap_coordinate_systems(tmp_path):
    mb = tmp_path / "a.mbtiles"
    with sqlite3.connect(mb) as conn:
        conn.execute("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)")
    assert basemap.epsg(mb) == 3857
    for order in ("<", ">"):
        (tmp_path / "b.tif").write_bytes(_geotiff(4504, order))
        assert basemap.epsg(tmp_path / "b.tif") == 4504
    (tmp_path / "c.tif").write_bytes(_geotiff(None))
    with pytest.raises(BadInput, match="EPSG") as no_code:
        basemap.epsg(tmp_path / "c.tif")
    (tmp_path / "d.tif").write_bytes(b"not an image")
    with pytest.raises(BadInput, match="neither") as neither:
        basemap.epsg(tmp_path / "d.tif")
    # English alone, and Chinese whole (a Chinese note in brackets was all)
    for said, zh in ((no_code, "c.tif：其 GeoTIFF 键中没有 EPSG 坐标系代码：请带上坐标系另存"),
                     (neither, "d.tif 既不是 MBTiles 也不是 GeoTIFF")):
        text = str(said.value)
        assert not re.search("[\u4e00-\u9fff]", text) and zh in chinese(text), text


def test_checkout_refuses_an_existing_folder_and_leaves_nothing_behind(master, tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(BadInput, match="exists"):
        checkout(master, tmp_path / "x", "p1")
    with pytest.raises(BadInput):
        checkout(master, tmp_path / "y", "p1", township="no such township")
    assert not (tmp_path / "y").exists() and not (tmp_path / "y.zip").exists()


def test_the_cli_writes_the_folder(master, tmp_path, capsys):
    assert cli.main(["checkout", str(master), str(tmp_path / "f"), "--device", "p9",
                     "--for", "qfield"]) == 0
    assert (tmp_path / "f" / "f.qgs").is_file() and (tmp_path / "f.zip").is_file()
    assert cli.main(["checkout", str(master), str(tmp_path / "g.gpkg"), "--device", "p8",
                     "--basemap", "x.tif"]) == 2


# A QField checkout that fails once the master registered the device (the disk full as its
# zip is written), or is killed then (writing its project, or once its zip is written).
_QFIELD_CUT = """
import errno, os, signal, sys, zipfile
how = sys.argv.pop(1)
if how == "full":  # (a member opened for writing: however the zip writes a file into it)
    open_member = zipfile.ZipFile.open
    def full(self, name, mode="r", *args, **kwargs):
        if mode == "w":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return open_member(self, name, mode, *args, **kwargs)
    zipfile.ZipFile.open = full
elif how == "killed":
    from field_kit.qfield import project
    project.write = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
else:  # killed once the zip is written, before the folder is named ("zipped") or the zip
    replace = os.replace
    def killed_naming(src, dst):
        if os.path.isdir(src) if how == "zipped" else dst.endswith(".zip"):
            os.kill(os.getpid(), signal.SIGKILL)
        replace(src, dst)
    os.replace = killed_naming
from field_kit.cli.commands import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("how", ["full", "killed", "zipped"])
def test_a_qfield_checkout_cut_short_is_finished_by_the_same_command(tmp_path, capsys,
                                                                     monkeypatch, how):
    """Nothing but the package, unnamed, is kept of a project not finished; nothing takes
    it for a project; the same command run again makes it, no --replace needed, the device
    registered once, for the package in the folder."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    folder = tmp_path / "phone"
    argv = ["checkout", str(master), str(folder), "--device", "phone1", "--for", "qfield"]
    run = subprocess.run([sys.executable, "-c", _QFIELD_CUT, how, *argv], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ,
                                                              "FIELD_KIT_LANG": "zh"})
    if how == "full":
        assert run.returncode == errors.BAD_INPUT, run.stderr
        assert run.stderr == (
            f"field-kit: the QField project {folder} was not made (cannot write {folder}: the "
            "disk is full; nothing was changed: free some space and run it again): run the "
            "same command again, which makes it\n"
            f"field-kit: QField 项目 {folder} 未生成（无法写入 {folder}：磁盘已满；未作任何更改："
            "请释放空间后重新执行）：请再次运行同一命令，即可生成\n")
        assert os.listdir(tmp_path / "phone.part") == ["package.gpkg.part"]
    else:
        assert run.returncode == -9, run.stderr
    assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "phone.part"] + (
        ["phone.zip.part"] if how == "zipped" else [])  # (no zip taken for the project's)
    with contextlib.closing(sqlite3.connect(master)) as conn:  # (nobody was handed it)
        assert conn.execute("SELECT count(*) FROM sync_devices").fetchone() == (1,)
    capsys.readouterr()
    assert cli.main(["status", str(tmp_path / "phone.part")]) == errors.BAD_INPUT
    assert f"{tmp_path / 'phone.part'} is what a checkout cut short left, never a field " \
           f"package: run the same checkout again (to {folder})" in capsys.readouterr().err
    _finished_by_the_same_command(argv, capsys, monkeypatch)


def _finished_by_the_same_command(argv, capsys, monkeypatch) -> None:
    """The checkout ``argv`` run again: it says it finished the one cut short, and the
    project folder and its zip are whole, for the device registered once."""
    master, folder = Path(argv[1]), Path(argv[2])
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert cli.main(argv) == errors.OK  # the same command again
    assert capsys.readouterr().out.startswith(
        f"the checkout to {folder} cut short before is finished\n"
        f"此前中断的签出（签出到 {folder}）已完成\n"
        f"QField project {folder} and {folder}.zip for device phone1 (technician), base ")
    assert sorted(os.listdir(folder.parent)) == ["m.gpkg", "phone", "phone.zip"]
    with zipfile.ZipFile(folder.parent / "phone.zip") as zf:
        assert sorted(zf.namelist()) == ["DCIM/", "package.gpkg", "phone.qgs"]
    assert sorted(os.listdir(folder)) == ["DCIM", "package.gpkg", "phone.qgs"]
    with contextlib.closing(sqlite3.connect(master)) as conn:
        registered = conn.execute("SELECT checkout_uuid FROM sync_devices").fetchall()
    with contextlib.closing(sqlite3.connect(folder / "package.gpkg")) as conn:
        assert registered == conn.execute("SELECT checkout_uuid FROM sync_state").fetchall()


def test_a_qfield_checkout_killed_naming_its_zip_is_finished_by_the_same_command(
        tmp_path, capsys, monkeypatch):
    """Killed once the folder was named but not its zip: the same command run again writes
    the zip from the folder and says so, the device registered once."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    folder = tmp_path / "phone"
    argv = ["checkout", str(master), str(folder), "--device", "phone1", "--for", "qfield"]
    run = subprocess.run([sys.executable, "-c", _QFIELD_CUT, "named", *argv], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == -9, run.stderr
    assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "phone", "phone.zip.part"]
    _finished_by_the_same_command(argv, capsys, monkeypatch)
    assert cli.main(argv) == errors.BAD_INPUT  # (finished: the name is taken now)


def test_the_package_in_a_qfield_checkout_cut_short_is_refused_by_name(tmp_path, capsys,
                                                                       monkeypatch):
    """The package a QField checkout killed left in its unnamed folder, given by its own
    path, is no field package (handed to no one): every command refuses it by name, saying
    to run the checkout again, and changes nothing."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    folder = tmp_path / "phone"
    argv = ["checkout", str(master), str(folder), "--device", "phone1", "--for", "qfield"]
    subprocess.run([sys.executable, "-c", _QFIELD_CUT, "killed", *argv], cwd=ROOT,
                   capture_output=True)
    pkg = tmp_path / "phone.part" / "package.gpkg"
    assert pkg.is_file()
    before = pkg.read_bytes()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    for command in (["status", pkg], ["log", pkg], ["export", pkg, tmp_path / "x.zip"],
                    ["pull", pkg, master], ["repair", pkg], ["conflicts", pkg]):
        capsys.readouterr()
        assert cli.main([str(c) for c in command]) == errors.BAD_INPUT, command
        err = capsys.readouterr().err
        assert err == (
            f"field-kit: {pkg} is the package of a QField checkout cut short (its folder "
            f"{folder}.part was never named), never a field package: run the same checkout "
            f"again (to {folder}), which makes the project\n"
            f"field-kit: {pkg} 是中断的 QField 签出的数据包（其文件夹 {folder}.part 未命名），"
            f"不是外业数据包：请再次运行同一签出命令（签出到 {folder}），即可生成项目\n"), command
    assert pkg.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "phone.part"]
    monkeypatch.delenv("FIELD_KIT_LANG")
    assert cli.main(argv) == errors.OK  # the same checkout again


# --- a layer of the county's own ------------------------------------------------------------

WELLS = "水井"
_WELL_ROWS = (("一号井", "2024-05-01", 1, 12.5, 88.60, 42.80),
              ("二号井", "2024-06-02", 0, 3.25, 88.62, 42.81))


def add_wells(gpkg, tmp_path) -> None:
    """The county's own layer as the tester added it to the master (``ogr2ogr -update ...
    -nln 水井``: Chinese names, a Date, an Integer(Boolean), a Real), then ``field-kit init``."""
    src = tmp_path / "wells.csv"
    src.write_text("WKT,名称,调查日期,是否已修复,面积\n" + "".join(
        f'"POINT ({x} {y})",{name},{day},{fixed},{area}\n'
        for name, day, fixed, area, x, y in _WELL_ROWS), encoding="utf-8")
    (tmp_path / "wells.csvt").write_text('"WKT","String","Date","Integer(Boolean)","Real"\n')
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", str(gpkg), str(src), "-nln", WELLS,
                    "-nlt", "POINT", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo",
                    "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom"],
                   check=True, capture_output=True)
    assert cli.main(["init", str(gpkg)]) == 0


def _layer_of(root, table, plan=False):
    lid = qforms.layer_id(table, plan=plan)
    return next(e for e in root.iter("maplayer") if e.find("id").text == lid)


def _widgets(layer) -> dict:
    return {f.get("name"): f.find("editWidget").get("type")
            for f in layer.find("fieldConfiguration")}


def _editable(layer) -> dict:
    return {f.get("name"): f.get("editable") for f in layer.find("editable")}


def _locks(layer) -> dict:
    return {o.get("name"): o.get("value") for o in layer.find("customproperties").iter("Option")
            if (o.get("name") or "").startswith("QFieldSync/is_")}


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_countys_own_layer_is_a_layer_of_the_project_editable_as_the_role_may(master,
                                                                               tmp_path):
    add_wells(master, tmp_path)
    with connect(master) as conn:  # a default style stored for it, and GDAL's alias of a column
        conn.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                     "f_geometry_column, styleName, styleQML, useAsDefault) VALUES ('', '', ?, "
                     "'geom', 'wells', ?, 1)", (WELLS, '<qgis><renderer-v2 type="singleSymbol" '
                                                      'forceraster="0"/></qgis>'))
        conn.execute("CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT "
                     "NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, "
                     "constraint_name TEXT)")
        conn.execute("INSERT INTO gpkg_data_columns (table_name, column_name, name) VALUES (?, "
                     "'面积', '面积（平方米）')", (WELLS,))
    for role, read_only in (("technician", "1"), ("gis", "0")):
        out = tmp_path / role
        assert cli.main(["checkout", str(master), str(out), "--device", f"{role}1", "--role",
                         role, "--for", "qfield"]) == 0
        root = _tree({"project": out / f"{role}.qgs"})
        layer = _layer_of(root, WELLS)
        assert layer.get("readOnly") == read_only and layer.get("wkbType") == "Point"
        assert layer.find("datasource").text == f"./package.gpkg|layername={WELLS}"
        assert layer.find("layername").text == WELLS
        assert layer.find("srs/spatialrefsys/authid").text == "EPSG:4490"
        box = [float(layer.find(f"extent/{k}").text) for k in ("xmin", "ymin", "xmax", "ymax")]
        assert box == pytest.approx([88.60, 42.80, 88.62, 42.81], abs=1e-4)
        assert layer.find("renderer-v2").get("type") == "singleSymbol"
        assert _widgets(layer) == {"fid": "Hidden", "名称": "TextEdit", "调查日期": "DateTime",
                                   "是否已修复": "CheckBox", "面积": "TextEdit", "uuid": "Hidden"}
        assert {a.get("field"): a.get("name") for a in layer.find("aliases")}["面积"] == \
            "面积（平方米）"
        assert set(_editable(layer).values()) == ({"0"} if read_only == "1" else {"0", "1"})
        tree = {g.get("name"): [t.get("id") for t in g]
                for g in root.find("layer-tree-group").iter("layer-tree-group")}
        assert qforms.layer_id(WELLS, plan=False) in tree["其他图层 Other layers"]
        assert layer.find("previewExpression").text == '"名称"'
    # roles are data: technicians may set one column of it
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', ?, "
                     "'是否已修复')", (WELLS,))
    assert cli.main(["checkout", str(master), str(tmp_path / "tech2"), "--device", "tech2",
                     "--for", "qfield"]) == 0
    layer = _layer_of(_tree({"project": tmp_path / "tech2" / "tech2.qgs"}), WELLS)
    assert layer.get("readOnly") == "0"
    assert {k for k, v in _editable(layer).items() if v == "1"} == {"是否已修复"}
    assert _locks(layer) == {"QFieldSync/is_feature_addition_locked": "true",
                             "QFieldSync/is_feature_deletion_locked": "true",
                             "QFieldSync/is_geometry_editing_locked": "true"}


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_layer_in_other_coordinates_keeps_them(master, tmp_path):
    """QGIS takes a layer's coordinate system from the project, not from the file."""
    add_wells(master, tmp_path)
    with connect(master) as conn:  # as if written in a projected system (GK zone 29)
        conn.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, "
                     "organization, organization_coordsys_id, definition) VALUES ('CGCS2000 / "
                     "3-degree GK CM 87E', 4528, 'EPSG', 4528, 'undefined')")
        conn.execute("UPDATE gpkg_geometry_columns SET srs_id = 4528 WHERE table_name = ?",
                     (WELLS,))
    info = checkout(master, tmp_path / "p", "p1", role="gis")
    root = _tree(info)
    assert _layer_of(root, WELLS).find("srs/spatialrefsys/authid").text == "EPSG:4528"
    assert _layer_of(root, "mine_patches", plan=True).find(
        "srs/spatialrefsys/authid").text == "EPSG:4490"


# --- photos coming back ---------------------------------------------------------------------

def _record_with_photo(base, name: str | None) -> str:
    """What QField writes: a verification and a photos row naming a file under DCIM/ (no
    photo when ``name`` is None), in the folder ``base``'s package or the GeoPackage
    ``base``."""
    conn = sqlite3.connect(base if str(base).endswith(".gpkg") else f"{base}/package.gpkg")
    from field_kit.plan.geometry import register_functions
    register_functions(conn)
    patch = conn.execute("SELECT uuid, patch_code FROM mine_patches LIMIT 1").fetchone()
    record = str(uuidlib.uuid4())
    conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, patch_class, "
                 "remediation_status, verifier, verified_on) VALUES (?, ?, ?, '10', 'B', "
                 "'phone1', '2025-06-01')", (record, *patch))
    if name is not None:
        conn.execute("INSERT INTO photos (uuid, record_uuid, record_table, file_name) VALUES "
                     "(?, ?, NULL, ?)", (str(uuidlib.uuid4()), record, name))
    conn.commit()
    conn.close()
    return record


@pytest.mark.parametrize("given", ["folder", "zip", "gpkg"])
def test_photos_taken_in_qfield_reach_the_master(master, folder, tmp_path, given):
    base = folder["folder"]
    record = _record_with_photo(base, "DCIM/20250601_101010.jpg")
    jpeg = jpeg_with_exif(lat=42.73, lon=88.61, heading=45.0, taken="2025:06:01 10:10:10",
                          offset="+08:00")
    (tmp_path / "phone1" / "DCIM" / "20250601_101010.jpg").write_bytes(jpeg)
    source = {"folder": base, "gpkg": f"{base}/package.gpkg"}.get(given)
    if given == "zip":  # the folder copied back from the phone as a zip
        source = str(tmp_path / "back.zip")
        with zipfile.ZipFile(source, "w") as zf:
            for p in (tmp_path / "phone1").rglob("*"):
                zf.write(p, p.relative_to(tmp_path / "phone1").as_posix())
    out = tmp_path / "changes.zip"
    assert cli.main(["export", source, str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        blobs = [n for n in zf.namelist() if n.startswith("attachments/")]
    assert len(blobs) == 1
    rep = merge.merge(master, [out])
    assert not rep.refused and rep.totals["refused"] == 0
    with sqlite3.connect(master) as conn:
        row = conn.execute("SELECT record_table, mime_type, lat, lon, heading, taken_at, "
                           "sha256, file_name FROM photos WHERE record_uuid = ?",
                           (record,)).fetchone()
        assert row[:2] == ("patch_verifications", "image/jpeg")
        assert row[2:5] == (pytest.approx(42.73), pytest.approx(88.61), pytest.approx(45.0))
        assert row[5] == "2025-06-01T10:10:10+08:00"
        assert row[7] == "DCIM/20250601_101010.jpg"
        assert conn.execute("SELECT data FROM attachments WHERE sha256 = ?",
                            (row[6],)).fetchone()[0] == jpeg


def _master_photo(master, record: str) -> tuple:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT p.file_name, p.sha256, a.data FROM photos p LEFT JOIN "
                            "attachments a ON a.sha256 = p.sha256 WHERE p.record_uuid = ?",
                            (record,)).fetchone()


def test_a_photo_taken_again_on_its_record_travels(master, folder, tmp_path, capsys):
    """QField's photo widget, taking the picture again, writes a new file and changes the
    photo row's file_name: the new picture is read, hashed and carried."""
    base, dcim = folder["folder"], tmp_path / "phone1" / "DCIM"
    record = _record_with_photo(base, "DCIM/x.jpg")
    (dcim / "x.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", base, str(tmp_path / "c1.zip")]) == 0
    again = jpeg_with_exif(lat=42.8, lon=88.7, taken="2026:11:30 12:00:00")
    (dcim / "20261130_120000.jpg").write_bytes(again)
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        conn.execute("UPDATE photos SET file_name = 'DCIM/20261130_120000.jpg' "
                     "WHERE record_uuid = ?", (record,))
    capsys.readouterr()
    assert cli.main(["export", base, str(tmp_path / "c2.zip")]) == 0
    out = capsys.readouterr().out
    assert "photo brought in: DCIM/20261130_120000.jpg" in out and "1 attachment, " in out
    rep = merge.merge(master, [tmp_path / "c1.zip", tmp_path / "c2.zip"])
    assert not rep.refused and rep.totals["refused"] == 0 and rep.totals["conflict"] == 0
    name, sha, data = _master_photo(master, record)
    assert (name, data) == ("DCIM/20261130_120000.jpg", again)
    assert sha == hashlib.sha256(again).hexdigest()


def test_a_photo_file_changed_under_the_same_name_travels(master, folder, tmp_path):
    base, dcim = folder["folder"], tmp_path / "phone1" / "DCIM"
    record = _record_with_photo(base, "DCIM/x.jpg")
    (dcim / "x.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", base, str(tmp_path / "c1.zip")]) == 0
    again = jpeg_with_exif(lat=42.9, lon=88.9)
    (dcim / "x.jpg").write_bytes(again)
    assert cli.main(["export", base, str(tmp_path / "c2.zip")]) == 0
    merge.merge(master, [tmp_path / "c1.zip", tmp_path / "c2.zip"])
    assert _master_photo(master, record)[2] == again


def test_a_photo_renamed_to_a_missing_file_is_refused_by_name(folder, tmp_path, capsys):
    """Photos brought in earlier whose files are gone stay as they were; a row pointed at
    another file after its bytes were read needs that file."""
    base, dcim = folder["folder"], tmp_path / "phone1" / "DCIM"
    _record_with_photo(base, "DCIM/kept.jpg")
    (dcim / "kept.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    record = _record_with_photo(base, "DCIM/x.jpg")
    (dcim / "x.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.7))
    assert cli.main(["export", base, str(tmp_path / "c1.zip")]) == 0
    (dcim / "kept.jpg").unlink()  # brought in already: its bytes are in the package
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        conn.execute("UPDATE photos SET file_name = 'DCIM/lost.jpg' WHERE record_uuid = ?",
                     (record,))
    capsys.readouterr()
    assert cli.main(["export", base, str(tmp_path / "c2.zip")]) == 2
    err = capsys.readouterr().err
    assert "DCIM/lost.jpg" in err and "kept.jpg" not in err
    assert not (tmp_path / "c2.zip").exists()


def test_a_missing_photo_is_named_and_nothing_is_exported(folder, tmp_path, capsys):
    base = folder["folder"]
    _record_with_photo(base, "DCIM/gone.jpg")
    _record_with_photo(base, "DCIM/also_gone.jpg")
    out = tmp_path / "c.zip"
    assert cli.main(["export", base, str(out)]) == 2
    err = capsys.readouterr().err
    assert "DCIM/gone.jpg" in err and "DCIM/also_gone.jpg" in err and "missing" in err
    assert not out.exists()
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NULL").fetchone() == (2,)


def test_the_package_file_alone_with_photos_not_read_in_is_refused(folder, tmp_path, capsys,
                                                                  monkeypatch):
    """The package copied back without its folder: the photos QField took are in DCIM/, not
    in it; exported alone, the master would get the records without their pictures."""
    base = folder["folder"]
    _record_with_photo(base, "DCIM/JPEG_20261202090000000.jpg")
    (tmp_path / "phone1" / "DCIM" / "JPEG_20261202090000000.jpg").write_bytes(
        jpeg_with_exif(lat=42.7, lon=88.6))
    alone = tmp_path / "back" / "package.gpkg"
    alone.parent.mkdir()
    shutil.copy(f"{base}/package.gpkg", alone)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    out = tmp_path / "c.zip"
    assert cli.main(["export", str(alone), str(out)]) == 2
    err = capsys.readouterr().err
    assert "DCIM/JPEG_20261202090000000.jpg" in err and "nothing was exported" in err
    assert "未导出" in err  # and in Chinese, for a user whose locale is Chinese
    assert not out.exists()
    # from the folder, the picture goes with its record
    assert cli.main(["export", base, str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert any(n.startswith("attachments/") for n in zf.namelist())


def test_a_photo_file_missing_from_the_folder_is_said_whole_in_chinese(folder, tmp_path,
                                                                      capsys, monkeypatch):
    """The photo's file gone from DCIM/: named, with what to do, the whole of it in Chinese
    too (a short note in brackets was all)."""
    base = folder["folder"]
    _record_with_photo(base, "DCIM/gone.jpg")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    assert cli.main(["export", base, str(tmp_path / "c.zip")]) == 2
    en, zh = capsys.readouterr().err.splitlines()[:2]
    assert "photo file missing from" in en and "DCIM/gone.jpg" in en, en
    assert not re.search("[\u4e00-\u9fff]", en), en  # the English line all English
    assert zh.startswith("field-kit: ") and "nothing" not in zh, zh
    assert "中缺少照片文件：DCIM/gone.jpg；未导出：请把照片复制回 DCIM" in zh, zh


def test_a_file_that_is_not_an_image_is_refused(folder, tmp_path, capsys, monkeypatch):
    """With what to do of it: a picture put in its place (it was told to copy it back into
    DCIM/, where it is); with a photo missing too, both said."""
    base = folder["folder"]
    _record_with_photo(base, "DCIM/note.jpg")
    (tmp_path / "phone1" / "DCIM" / "note.jpg").write_text("not a picture")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")

    def refused() -> list[str]:  # (its lines in English and in Chinese)
        assert cli.main(["export", base, str(tmp_path / "c.zip")]) == 2
        return capsys.readouterr().err.splitlines()[:2]
    en, zh = refused()
    assert en.endswith("not a JPEG or PNG image: DCIM/note.jpg; nothing was exported: put a "
                       "picture in place of each file that is none, or delete their photo "
                       "records"), en
    assert zh.endswith("不是 JPEG 或 PNG 图片：DCIM/note.jpg；未导出：请用照片替换不是图片的"
                       "文件，或删除它们的照片记录"), zh
    _record_with_photo(base, "DCIM/gone.jpg")
    en, zh = refused()
    assert en.endswith("nothing was exported: copy the missing photos back into DCIM/, put a "
                       "picture in place of each file that is none, or delete their photo "
                       "records"), en
    assert zh.endswith("未导出：请把缺少的照片复制回 DCIM/，用照片替换不是图片的文件，或删除它们"
                       "的照片记录"), zh


def test_a_png_and_a_path_outside_the_folder(folder, tmp_path, capsys):
    base = folder["folder"]
    _record_with_photo(base, "DCIM/a.png")
    (tmp_path / "phone1" / "DCIM" / "a.png").write_bytes(PNG)
    assert cli.main(["export", base, str(tmp_path / "c.zip")]) == 0
    _record_with_photo(base, "../secret.jpg")
    (tmp_path / "secret.jpg").write_bytes(jpeg_with_exif(lat=1.0, lon=1.0))
    assert cli.main(["export", base, str(tmp_path / "d.zip")]) == 2
    assert "../secret.jpg" in capsys.readouterr().err


def _phone_copy_back_as_zip(folder, tmp_path) -> str:
    """The phone's copy (a verification and its photo) zipped over the checkout's OUT.zip,
    the checkout's folder left as it was."""
    phone = tmp_path / "on_the_phone"
    shutil.copytree(folder["folder"], phone)
    record = _record_with_photo(phone, "DCIM/p.jpg")
    (phone / "DCIM" / "p.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    os.remove(folder["zip"])
    make_zip(str(phone), folder["zip"])
    return record


def test_the_zip_holding_edits_the_folder_lacks_is_never_passed_over(master, folder, tmp_path,
                                                                      capsys, monkeypatch):
    base, zipped = folder["folder"], folder["zip"]
    record = _phone_copy_back_as_zip(folder, tmp_path)
    out = tmp_path / "c.zip"
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    for given in (zipped, base, f"{base}/package.gpkg"):
        assert cli.main(["export", given, str(out)]) == 3
        err = capsys.readouterr().err
        assert zipped in err and base in err and "2 changes" in err and "DCIM/p.jpg" in err
        assert "nothing was exported" in err and not out.exists()
        zh = err.splitlines()[1]  # the whole of it in Chinese too: what to move, and why
        assert "是同一项目的两份副本" in zh and "未导出" in zh and "移开" in zh, err
        assert "move" not in zh and "nothing" not in zh, err
    os.rename(base, tmp_path / "stale")  # as the message says
    assert cli.main(["export", zipped, str(out)]) == 0
    assert "1 attachment, " in capsys.readouterr().out
    merge.merge(master, [out])
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone() == (1,)
    # the zip unpacked and exported: giving it again exports its folder, saying so
    assert cli.main(["export", zipped, str(tmp_path / "d.zip")]) == 0
    said = capsys.readouterr().out
    assert "holds nothing the folder" in said and "nothing to export" in said


def _set_status(gpkg, record: str, status: str) -> None:
    conn = connect(gpkg)
    try:
        conn.execute("UPDATE patch_verifications SET remediation_status = ? WHERE uuid = ?",
                     (status, record))
    finally:
        conn.close()


def test_edits_made_before_the_project_was_copied_reach_the_master_once(master, tmp_path):
    """A project folder copied to a second phone holding edits not exported yet: both copies
    carry those edits, as the same changes (a change's id is made from the edit itself, not
    at export), so the second copy's are merged before and meet no later edit of the
    first's as a conflict; what each phone did after the copy arrives as its own."""
    shared = _record_with_photo(master, None)
    other = _record_with_photo(master, None)
    base = checkout(master, tmp_path / "phone1", "phone1")["folder"]
    _set_status(f"{base}/package.gpkg", shared, "C")  # before the copy, not exported
    copy = tmp_path / "phone2"
    shutil.copytree(base, copy)
    _set_status(f"{base}/package.gpkg", shared, "D")  # the first phone goes on
    _set_status(copy / "package.gpkg", other, "A")  # the second phone, another record
    assert cli.main(["export", base, str(tmp_path / "a.zip")]) == 0
    assert cli.main(["export", str(copy), str(tmp_path / "b.zip")]) == 0
    rep = merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    assert not rep.refused and rep.totals["conflict"] == 0, rep.totals
    b = rep.results[1]
    assert [o.status for o in b.outcomes if o.row == shared] == ["already"]
    with sqlite3.connect(master) as conn:
        got = dict(conn.execute("SELECT uuid, remediation_status FROM patch_verifications "
                                "WHERE uuid IN (?, ?)", (shared, other)))
    assert got == {shared: "D", other: "A"}


def test_edits_an_earlier_version_captured_before_the_copy_reach_the_master_once(master,
                                                                               tmp_path):
    """As above, in a project an earlier version made, whose capture drew no random bits:
    the edits made before the copy are the same changes in both copies all the same, and
    those made apart, under that capture too, stay apart."""
    shared = _record_with_photo(master, None)
    other = _record_with_photo(master, None)
    base = checkout(master, tmp_path / "phone1", "phone1")["folder"]
    with connect(f"{base}/package.gpkg") as conn:
        as_an_earlier_version_captured(conn)
    _set_status(f"{base}/package.gpkg", shared, "C")  # before the copy, not exported
    copy = tmp_path / "phone2"
    shutil.copytree(base, copy)
    _set_status(f"{base}/package.gpkg", shared, "D")
    _set_status(copy / "package.gpkg", other, "A")
    assert cli.main(["export", base, str(tmp_path / "a.zip")]) == 0
    assert cli.main(["export", str(copy), str(tmp_path / "b.zip")]) == 0
    rep = merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    assert not rep.refused and rep.totals["conflict"] == 0, rep.totals
    assert [o.status for o in rep.results[1].outcomes if o.row == shared] == ["already"]
    with sqlite3.connect(master) as conn:
        got = dict(conn.execute("SELECT uuid, remediation_status FROM patch_verifications "
                                "WHERE uuid IN (?, ?)", (shared, other)))
    assert got == {shared: "D", other: "A"}


def test_two_copies_edited_apart_are_both_named_and_both_reach_the_master(master, tmp_path,
                                                                          capsys):
    """The zip on one phone and the folder on another, each edited: neither is exported in
    place of the other; the refusal names what each holds and how to send both, and done
    so the master holds both copies' edits, with a conflict where both changed one field."""
    shared = _record_with_photo(master, None)  # a record every checkout carries
    info = checkout(master, tmp_path / "phone1", "phone1")
    base, zipped = info["folder"], info["zip"]
    phone = tmp_path / "on_the_phone"  # the zip's copy, edited on one phone
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(phone)
    _set_status(phone / "package.gpkg", shared, "C")
    theirs = _record_with_photo(phone, "DCIM/p.jpg")
    (phone / "DCIM" / "p.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    os.remove(zipped)
    make_zip(str(phone), zipped)
    _set_status(f"{base}/package.gpkg", shared, "D")  # the folder, edited on another
    ours = _record_with_photo(base, "DCIM/q.jpg")
    (Path(base) / "DCIM" / "q.jpg").write_bytes(jpeg_with_exif(lat=1.0, lon=1.0))
    for given in (zipped, base):
        assert cli.main(["export", given, str(tmp_path / "c.zip")]) == 3
        err = capsys.readouterr().err
        assert "3 changes and file DCIM/p.jpg that" in err
        assert "3 changes and file DCIM/q.jpg that" in err
        assert "both copies were worked on" in err and f"rename {zipped} to {base}-2.zip" in err
        assert not (tmp_path / "c.zip").exists()
    os.rename(zipped, f"{base}-2.zip")  # as the message says
    assert cli.main(["export", base, str(tmp_path / "a.zip")]) == 0
    assert cli.main(["export", f"{base}-2.zip", str(tmp_path / "b.zip")]) == 0
    rep = merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    assert not rep.refused and rep.totals["refused"] == 0
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid IN (?, ?)",
                            (ours, theirs)).fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM photos WHERE file_name IN ('DCIM/p.jpg', "
                            "'DCIM/q.jpg') AND sha256 IS NOT NULL").fetchone() == (2,)
        assert conn.execute("SELECT tbl, row_uuid, field FROM sync_conflicts").fetchall() == [
            ("patch_verifications", shared, "remediation_status")]


def test_a_checkout_zip_the_folder_has_moved_past_is_no_obstacle(folder, tmp_path, capsys):
    """The usual way back: the phone's folder copied over the checkout's; its zip is stale."""
    base = folder["folder"]
    _record_with_photo(base, "DCIM/p.jpg")
    (Path(base) / "DCIM" / "p.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", base, str(tmp_path / "c.zip")]) == 0
    assert cli.main(["export", folder["zip"], str(tmp_path / "d.zip")]) == 0
    assert "nothing to export" in capsys.readouterr().out


def test_the_folder_exported_beside_a_stale_zip_is_said(folder, tmp_path, capsys):
    """The phone's folder copied back over the checkout's, its zip left beside it: the folder
    is exported, and the export says so (which copy went)."""
    base = folder["folder"]
    _record_with_photo(base, "DCIM/p.jpg")
    (Path(base) / "DCIM" / "p.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    capsys.readouterr()
    assert cli.main(["export", base, str(tmp_path / "c.zip")]) == 0
    out = capsys.readouterr().out
    assert f"{folder['zip']} holds nothing the folder {base} lacks: exporting the folder" in out
    os.remove(folder["zip"])
    assert cli.main(["export", base, str(tmp_path / "d.zip")]) == 0
    assert "exporting the folder" not in capsys.readouterr().out


def test_the_commands_on_a_field_package_take_the_project_folder(master, folder, tmp_path,
                                                                  capsys):
    base = folder["folder"]
    _record_with_photo(base, "DCIM/p.jpg")
    capsys.readouterr()
    assert cli.main(["status", base]) == 0
    assert "changes waiting 2" in capsys.readouterr().out
    assert cli.main(["log", base, "--limit", "1"]) == 0
    assert "photos" in capsys.readouterr().out
    assert cli.main(["repair", base]) == 0
    assert cli.main(["pull", base, str(master)]) == 0
    assert f"pulled into {base}/package.gpkg" in capsys.readouterr().out
    for command in (["status", folder["zip"]], ["pull", folder["zip"], str(master)]):
        assert cli.main(command) == 2
        err = capsys.readouterr().err
        assert "zipped QField project" in err and f"({base}," in err
    (tmp_path / "empty").mkdir()
    assert cli.main(["status", str(tmp_path / "empty")]) == 2
    assert "no package.gpkg in the folder" in capsys.readouterr().err


def _jpeg_header(width: int, height: int) -> bytes:
    """A JPEG whose frame header gives the size (what the size is read from), whole to its
    end marker."""
    sof = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", height, width) + b"\x03" + b"\x00" * 9
    return jpeg_with_exif(lat=1.0, lon=1.0).replace(b"\xff\xd8", b"\xff\xd8" + sof, 1)


def test_photo_sizes_from_their_headers():
    assert photo_size.image_size(_jpeg_header(8000, 6000)) == (8000, 6000)
    assert photo_size.image_size(PNG[:8] + b"\x00\x00\x00\x0dIHDR" +
                                 struct.pack(">II", 300, 200)) == (300, 200)
    assert photo_size.image_size(b"not a picture") is None
    assert photo_size.too_large(_jpeg_header(2560, 1920), 2560) is None


def test_a_photo_over_the_package_size_is_refused_where_it_cannot_be_made_smaller(
        folder, tmp_path):
    """Without the field app's Qt a large photo is not stored at full size unsaid."""
    base = folder["folder"]
    _record_with_photo(base, "DCIM/huge.jpg")
    (tmp_path / "phone1" / "DCIM" / "huge.jpg").write_bytes(_jpeg_header(8000, 6000))
    with pytest.raises(BadInput, match=r"DCIM/huge.jpg \(8000×6000\).*PyQt5"):
        prepare_export(base)
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NULL").fetchone() == (1,)


def test_locate(folder, tmp_path):
    base = folder["folder"]
    assert locate(base) == (f"{base}/package.gpkg", base)
    assert locate(f"{base}/package.gpkg") == (f"{base}/package.gpkg", base)
    plain = tmp_path / "plain.gpkg"
    plain.write_bytes(b"")
    assert locate(plain) == (str(plain), None)
    (tmp_path / "empty").mkdir()
    with pytest.raises(BadInput, match="no package.gpkg"):
        locate(tmp_path / "empty")
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as zf:
        zf.writestr("../package.gpkg", b"")
    with pytest.raises(BadInput, match="leave"):
        locate(tmp_path / "evil.zip")
    with zipfile.ZipFile(tmp_path / "changes.zip", "w") as zf:  # a change package, say
        zf.writestr("manifest.json", b"{}")
    with pytest.raises(BadInput, match="no package.gpkg"):
        locate(tmp_path / "changes.zip")
    assert not (tmp_path / "changes").exists() and not (tmp_path / "evil").exists()


def _geotiff(epsg: int | None, order: str = "<") -> bytes:
    """A minimal TIFF header whose GeoKey directory names ``epsg`` (no pixels needed)."""
    keys = [1, 1, 0, 1]
    if epsg is not None:
        keys[3] = 1
        keys += [2048 if epsg == 4490 else 3072, 0, 1, epsg]
    else:
        keys[3] = 0
    raw = struct.pack(order + "H" * len(keys), *keys)
    ifd_at = 8
    entries = 1
    data_at = ifd_at + 2 + 12 * entries + 4
    head = (b"II" if order == "<" else b"MM") + struct.pack(order + "HI", 42, ifd_at)
    ifd = struct.pack(order + "H", entries) + struct.pack(order + "HHII", 34735, 3,
                                                          len(keys), data_at)
    return head + ifd + struct.pack(order + "I", 0) + raw


def test_the_tab_titles_are_in_both_languages():
    for tabs in qforms.TABS.values():
        for title, _ in tabs:
            assert re.search(r"[\u4e00-\u9fff]", title) and re.search(r"[A-Za-z]", title)


def test_the_writer_needs_no_qt_qgis_or_gdal():
    import subprocess
    import sys
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('PyQt5', 'qgis', 'osgeo', 'qgis_plugin'):\n"
            "            raise ImportError('blocked: ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "import field_kit.qfield, field_kit.qfield.dcim, field_kit.qfield.basemap\n"
            "import field_kit.cli\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_photos_taken_before_go_to_the_phone_and_do_not_come_back(master, tmp_path):
    """A record's photos, merged before, are in the project folder as the files their rows
    name, so QField shows them; exported again they are not sent again."""
    first = checkout(master, tmp_path / "a", "phone-a")
    record = _record_with_photo(first["folder"], "DCIM/seen.jpg")
    jpeg = jpeg_with_exif(lat=42.7, lon=88.6)
    (tmp_path / "a" / "DCIM" / "seen.jpg").write_bytes(jpeg)
    assert cli.main(["export", first["folder"], str(tmp_path / "a.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "a.zip"]).refused
    second = checkout(master, tmp_path / "b", "phone-b")
    assert (tmp_path / "b" / "DCIM" / "seen.jpg").read_bytes() == _master_photo(
        master, record)[2]
    with zipfile.ZipFile(second["zip"]) as zf:
        assert "DCIM/seen.jpg" in zf.namelist()
    out = tmp_path / "b.zip-changes"
    assert cli.main(["export", second["folder"], str(out)]) == 0
    assert not out.exists()  # nothing to export: the photo is the one it came with


def test_a_pull_into_one_copy_brings_what_the_other_copy_sent(master, tmp_path):
    """Two copies of one project (one device) each sent their own edits: pulled into the
    first, the master brings the second's, which the first never held, as any other
    device's: a change made under the package's own device name is passed over only where
    the package holds it."""
    shared = _record_with_photo(master, None)
    base = checkout(master, tmp_path / "phone1", "phone1")["folder"]
    copy = tmp_path / "phone2"
    shutil.copytree(base, copy)
    _set_status(f"{base}/package.gpkg", shared, "C")
    theirs = _record_with_photo(copy, None)  # a record made on the second phone
    _set_status(copy / "package.gpkg", shared, "D")
    with connect(copy / "package.gpkg") as conn:
        conn.execute("UPDATE patch_verifications SET notes = 'from phone2' WHERE uuid = ?",
                     (shared,))
    assert cli.main(["export", base, str(tmp_path / "a.zip")]) == 0
    assert cli.main(["export", str(copy), str(tmp_path / "b.zip")]) == 0
    merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    assert cli.main(["pull", base, str(master)]) in (0, 1)
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                            (theirs,)).fetchone() == (1,)
        assert conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (shared,)).fetchone() == ("from phone2",)
    assert cli.main(["pull", base, str(master)]) == 0  # and again: nothing more


def test_a_qfield_project_zip_given_to_merge_is_said_as_one_with_its_export(
        master, folder, capsys, monkeypatch):
    """The project's zip as it comes back from the phone, given to a merge: said as a QField
    project with the export that makes what a merge takes, in Chinese too (it was refused
    as holding a member name "not allowed (it could leave the package's folders)"); a zip
    of anything else as no change package; the master unchanged."""
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    before = hashlib.sha256(Path(master).read_bytes()).hexdigest()
    assert cli.main(["merge", str(master), folder["zip"]]) == errors.REFUSED
    said = capsys.readouterr().out
    name = os.path.basename(folder["zip"])
    assert (f"{name}: a QField project, not a change package: its edits travel as its "
            f"export (field-kit export {name} OUT.zip), which is what a merge takes") in said
    assert f"{name}：这是 QField 项目，不是修改包：其编辑须先导出（field-kit export {name} " \
           "OUT.zip），合并的是导出的修改包" in said
    assert "not allowed" not in said
    other = Path(folder["zip"]).with_name("photos.zip")
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("DCIM/a.jpg", b"\xff\xd8")
    assert cli.main(["merge", str(master), str(other)]) == errors.REFUSED
    said = capsys.readouterr().out
    assert "photos.zip: no manifest.json; not a change package" in said
    assert "photos.zip：缺少 manifest.json，不是修改包" in said
    assert hashlib.sha256(Path(master).read_bytes()).hexdigest() == before
