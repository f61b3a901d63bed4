# SPDX-License-Identifier: GPL-2.0-or-later
"""A plan feature's area and centre follow the geometry the sync core writes, as they follow
one saved in QGIS: a conflict on a patch's shape settled, a shape merged without them (an
edit in QField or with ogr2ogr), a merge undone, a pull into a package that keeps its own
shape. What changed is logged like any edit (history shows it, packages pull it); a shape
not in longitude/latitude keeps the values it has, and the command says so."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.plan import geometry
from field_kit.plan.derived import derived_values
from field_kit.sync import capture_switch, package_checkout, package_export, rederive
from tests.unit.cli_run import history_json
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

DERIVED = ("area_m2", "centre_lon", "centre_lat")


def square(lon: float, lat: float, d: float, srs: int = 4490) -> bytes:
    ring = [(lon, lat), (lon + d, lat), (lon + d, lat + d), (lon, lat + d), (lon, lat)]
    return geometry.gpkg_blob(geometry.multipolygon_wkb([[ring]]), srs)


def of_shape(blob: bytes) -> dict:
    """The area and centre QGIS gives the shape (the plugin calls the same code)."""
    return derived_values(geometry.blob_wkb(blob), DERIVED)


def held(path, u) -> dict:
    conn = connect(path, readonly=True)
    try:
        got = conn.execute("SELECT geom, area_m2, centre_lon, centre_lat FROM mine_patches "
                           "WHERE uuid = ?", (u,)).fetchone()
    finally:
        conn.close()
    return {"geom": got[0], **dict(zip(DERIVED, got[1:]))}


def derived_held(path, u) -> dict:
    return {k: v for k, v in held(path, u).items() if k != "geom"}


def in_qgis(path, u, blob: bytes) -> None:
    """A shape saved in QGIS: with its area and centre."""
    d = of_shape(blob)
    edit(path, "UPDATE mine_patches SET geom = ?, area_m2 = ?, centre_lon = ?, centre_lat = ? "
         "WHERE uuid = ?", blob, d["area_m2"], d["centre_lon"], d["centre_lat"], u)


def geometry_alone(path, u, blob: bytes) -> None:
    """A shape saved by QField or ogr2ogr: the geometry alone."""
    edit(path, "UPDATE mine_patches SET geom = ? WHERE uuid = ?", blob, u)


def fk(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def plan(tmp_path):
    """A master whose first patch has its true area and centre, and two GIS packages:
    (master, a, b, the patch's uuid, tmp_path)."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=4)
    u = patch_uuids(master)[0]
    in_qgis(master, u, square(88.0, 42.5, 0.001))
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, device in ((a, "tab-a"), (b, "tab-b")):
        assert main(["checkout", str(master), str(pkg), "--device", device, "--role",
                     "gis"]) == errors.OK
    return master, a, b, u, tmp_path


def merged(capsys, master, pkg, tmp_path) -> dict:
    out = tmp_path / f"{pkg.stem}-{len(list(tmp_path.glob('*.zip')))}.zip"
    package_export.export(pkg, out)
    code, text, _ = fk(capsys, "merge", master, out, "--json")
    assert code in (errors.OK, errors.CONFLICTS), text
    return json.loads(text)


def history(capsys, master, u) -> list[dict]:
    code, text, _ = fk(capsys, "history", master, u, "--json")
    assert code == errors.OK
    return history_json(text)["changes"]


def shape_conflict(capsys, plan) -> tuple[dict, bytes, bytes]:
    """Both packages reshaped the patch in QGIS, b later: (its geometry's conflict, a's
    shape, b's shape)."""
    master, a, b, u, tmp_path = plan
    mine, theirs = square(88.0, 42.5, 0.002), square(88.0, 42.5, 0.003)
    in_qgis(a, u, mine)
    in_qgis(b, u, theirs)
    merged(capsys, master, a, tmp_path)
    merged(capsys, master, b, tmp_path)
    code, text, _ = fk(capsys, "conflicts", master, "--json")
    assert code == errors.CONFLICTS
    (c,) = [c for c in json.loads(text) if c["field"] == "geom"]
    return c, mine, theirs


@pytest.mark.parametrize("take", ["theirs", "ancestor"])
def test_a_shape_taken_in_a_conflict_gets_its_area_and_centre(plan, capsys, take):
    master, a, _, u, _ = plan
    c, mine, theirs = shape_conflict(capsys, plan)
    assert derived_held(master, u) == of_shape(theirs)  # the later shape, with its own
    ancestor = held(master, u)["geom"] if take == "theirs" else None
    code, out, err = fk(capsys, "resolve", master, c["id"], "--take", take)
    assert code == errors.OK, err
    shape = held(master, u)["geom"]
    assert shape == (mine if take == "theirs" else square(88.0, 42.5, 0.001))
    assert shape != ancestor
    assert derived_held(master, u) == of_shape(shape)
    assert f"mine_patches {u} (P0000000): area_m2, centre_lon, centre_lat recomputed from " \
           "its geometry" in out
    # logged with the shape, in one change: history shows it, packages pull it
    settled = history(capsys, master, u)[-1]
    assert settled["origin"] == f"resolve:{c['id']}"
    assert settled["new"] == {"geom": shape.hex().upper(), **of_shape(shape)}
    assert main(["pull", str(a), str(master)]) in (errors.OK, errors.CONFLICTS)
    assert derived_held(a, u) == of_shape(shape)


def test_the_area_and_centre_conflicts_of_the_shape_settled_are_no_later_edits(plan,
                                                                                 capsys):
    """Settling the shape wrote its area and centre: their own conflicts (the same edit's)
    show what the master holds now, and taking a side there is not refused."""
    master, _, _, u, _ = plan
    c, mine, _ = shape_conflict(capsys, plan)
    assert fk(capsys, "resolve", master, c["id"], "--take", "theirs")[0] == errors.OK
    code, text, _ = fk(capsys, "conflicts", master, "--json")
    rest = json.loads(text)
    assert sorted(r["field"] for r in rest) == sorted(DERIVED)
    assert all(r["changed_since"] is None and r["ours"] == of_shape(mine)[r["field"]]
               for r in rest)
    code, out, err = fk(capsys, "resolve", master, "--all", c["merge_id"], "--take", "theirs")
    assert code == errors.OK, err
    assert derived_held(master, u) == of_shape(mine)


def test_a_shape_merged_without_its_area_gets_it_and_an_undo_takes_both_back(plan, capsys):
    master, a, b, u, _ = plan
    before = held(master, u)
    shape = square(88.0, 42.5, 0.002)
    geometry_alone(a, u, shape)
    rep = merged(capsys, master, a, plan[4])
    assert held(master, u) == {"geom": shape, **of_shape(shape)}
    assert rep["derived"] == [{"table": "mine_patches", "row": u, "name": "P0000000",
                               "fields": list(DERIVED), "why": None, "emptied": False}]
    merge_id = rep["merges"][0]["merge_id"]
    last = history(capsys, master, u)[-1]
    assert (last["origin"], last["device"], last["new"]) == (f"merge:{merge_id}", "master",
                                                             of_shape(shape))
    # the package that sent the shape and another both pull its area and centre
    for pkg in (a, b):
        assert main(["pull", str(pkg), str(master)]) == errors.OK
        assert held(pkg, u) == {"geom": shape, **of_shape(shape)}
    code, out, err = fk(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, err
    assert "1 change reverted" in out and "recomputed from their geometry for 1" in out, out
    assert held(master, u) == before


@pytest.mark.parametrize("order", ["shape first", "area first"])
def test_an_area_typed_after_the_shape_is_kept_whatever_the_merge_order(plan, capsys, order):
    """One device reshapes the patch in QField, another types its area later: the later
    edit of the area stands, in either merge order, and the centre follows the shape."""
    master, a, b, u, tmp_path = plan
    shape = square(88.0, 42.5, 0.002)
    geometry_alone(a, u, shape)
    edit(b, "UPDATE mine_patches SET area_m2 = 12345.0 WHERE uuid = ?", u)
    for pkg in (a, b) if order == "shape first" else (b, a):
        merged(capsys, master, pkg, tmp_path)
    assert held(master, u) == {**of_shape(shape), "geom": shape, "area_m2": 12345.0}


def test_a_shape_emptied_in_the_field_empties_its_area_and_centre(plan, capsys):
    master, a, _, u, tmp_path = plan
    geometry_alone(a, u, None)
    rep = merged(capsys, master, a, tmp_path)
    assert held(master, u) == {"geom": None, **dict.fromkeys(DERIVED)}
    assert rep["derived"][0]["emptied"]
    code, out, err = fk(capsys, "undo-merge", master, rep["merges"][0]["merge_id"])
    assert held(master, u) == {"geom": square(88.0, 42.5, 0.001),
                               **of_shape(square(88.0, 42.5, 0.001))}


def test_an_undo_puts_back_the_area_of_the_shape_it_puts_back(plan, capsys, monkeypatch):
    """A shape merged before the area followed it, whose area GIS staff then set by hand:
    undoing the merge puts the old shape back with its own area and centre."""
    master, a, _, u, tmp_path = plan
    before = held(master, u)
    with monkeypatch.context() as earlier:
        earlier.setattr(rederive.Shapes, "merged", lambda *args, **kwargs: None)
        geometry_alone(a, u, square(88.0, 42.5, 0.002))
        merge_id = merged(capsys, master, a, tmp_path)["merges"][0]["merge_id"]
    assert derived_held(master, u) == {k: before[k] for k in DERIVED}  # stale
    by_hand = of_shape(square(88.0, 42.5, 0.002))
    edit(master, "UPDATE mine_patches SET area_m2 = ?, centre_lon = ?, centre_lat = ? WHERE "
         "uuid = ?", *by_hand.values(), u)
    code, out, err = fk(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, err
    assert held(master, u) == before
    assert "mine_patches: area_m2, centre_lon, centre_lat recomputed from their geometry " \
           "for 1 feature" in out
    last = history(capsys, master, u)[-1]
    assert (last["origin"], last["old"], last["new"]) == (
        f"undo:{merge_id}", by_hand, {k: before[k] for k in DERIVED})


def test_a_pull_keeps_the_area_of_the_shape_the_package_keeps(plan, capsys):
    """The master took a shape from QGIS with its area; the package reshaped the patch in
    QField (the geometry alone): the pull keeps its shape, and gives it its own area, not
    the master's shape's; merged, the master makes them the same."""
    master, a, b, u, tmp_path = plan
    in_qgis(a, u, square(88.0, 42.5, 0.002))
    merged(capsys, master, a, tmp_path)
    mine = square(88.0, 42.5, 0.003)
    geometry_alone(b, u, mine)
    code, out, err = fk(capsys, "pull", b, master)
    assert code == errors.CONFLICTS, err
    assert held(b, u) == {"geom": mine, **of_shape(mine)}
    merged(capsys, master, b, tmp_path)
    assert held(master, u) == {"geom": mine, **of_shape(mine)}


def gauss_kruger(master) -> list[str]:
    """The master's patches in a Gauss-Krüger zone in metres, as an earlier version took
    them (init refuses such a layer now); their uuids."""
    conn = connect(master)
    capture_switch.switch_capture(conn, False)  # (as the toolkit switches it)
    conn.execute("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                 "organization_coordsys_id, definition) VALUES ('CGCS2000 / 3-degree "
                 "Gauss-Kruger zone 29', 4517, 'EPSG', 4517, 'PROJCS[]')")
    for meta in ("gpkg_geometry_columns", "gpkg_contents"):
        conn.execute(f"UPDATE {meta} SET srs_id = 4517 WHERE table_name = 'mine_patches'")
    rows = [r[0] for r in conn.execute("SELECT uuid FROM mine_patches ORDER BY fid")]
    for i, u in enumerate(rows):
        conn.execute("UPDATE mine_patches SET geom = ? WHERE uuid = ?",
                     (square(29500000 + 1000 * i, 4700000, 100, 4517), u))
    capture_switch.switch_capture(conn, True)
    conn.close()
    return rows


def test_a_shape_in_metres_keeps_its_area_and_the_command_says_so(tmp_path, capsys,
                                                                    monkeypatch):
    master = make_gpkg(tmp_path / "master.gpkg", patches=2)
    u = gauss_kruger(master)[0]
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, device in ((a, "tab-a"), (b, "tab-b")):
        package_checkout.checkout(master, pkg, device, role="gis")
    before = derived_held(master, u)
    geometry_alone(a, u, square(29500000, 4700000, 200, 4517))
    geometry_alone(b, u, square(29500000, 4700000, 300, 4517))
    said = (f"mine_patches {u} (P0000000): area_m2, centre_lon, centre_lat not recomputed "
            "from its geometry: its geometry is not in longitude/latitude (EPSG:4517 "
            "(CGCS2000 / 3-degree Gauss-Kruger zone 29)); left as they were")
    package_export.export(a, tmp_path / "a.zip")
    code, out, err = fk(capsys, "merge", master, tmp_path / "a.zip")
    assert code == errors.OK and f"field-kit: warning: {said}" in err
    package_export.export(b, tmp_path / "b.zip")
    assert fk(capsys, "merge", master, tmp_path / "b.zip")[0] == errors.CONFLICTS
    (c,) = merged_conflicts(master)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = fk(capsys, "resolve", master, c, "--take", "theirs")
    assert code == errors.OK, err
    assert held(master, u)["geom"] == square(29500000, 4700000, 200, 4517)
    assert derived_held(master, u) == before
    assert f"field-kit: warning: {said}" in err
    assert f"field-kit: 注意：{chinese(said)}" in err
    assert "其几何不是经纬度（EPSG:4517" in chinese(said)


def merged_conflicts(master) -> list[int]:
    conn = connect(master, readonly=True)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM sync_conflicts WHERE status = "
                                           "'open'")]
    finally:
        conn.close()


def test_a_county_layers_area_is_its_own(tmp_path, capsys):
    """A layer of the county's own with an area_m2 of its own is never recomputed."""
    from osgeo import ogr, osr

    master = make_gpkg(tmp_path / "master.gpkg", patches=2, install=False)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds = ogr.Open(str(master), 1)
    layer = ds.CreateLayer("parcels", srs, ogr.wkbMultiPolygon, ["FID=fid"])
    layer.CreateField(ogr.FieldDefn("area_m2", ogr.OFTReal))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature["area_m2"] = 5.0
    feature.SetGeometry(ogr.CreateGeometryFromWkb(
        geometry.blob_wkb(square(88.0, 42.5, 0.001))))
    layer.CreateFeature(feature)
    ds = None
    assert main(["init", str(master)]) == errors.OK
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE parcels SET geom = ?", square(88.0, 42.5, 0.002))
    rep = merged(capsys, master, pkg, tmp_path)
    assert rep["totals"]["applied"] == 1 and rep["derived"] == []
    conn = connect(master, readonly=True)
    assert conn.execute("SELECT area_m2 FROM parcels").fetchone()[0] == 5.0
    conn.close()


def test_a_corridor_merged_without_its_length_gets_it(master, tmp_path, capsys):
    """A line's length follows it as a polygon's area does (the plan's corridors)."""
    assert main(["init", str(master)]) == errors.OK
    pkg = tmp_path / "g.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-1", "--role",
                 "gis"]) == errors.OK
    line = [(88.40, 42.70), (88.55, 42.78), (88.70, 42.80)]
    blob = geometry.gpkg_blob(geometry.multilinestring_wkb([line]))
    edit(pkg, "UPDATE ecological_pattern_corridors SET geom = ? WHERE fid = 1", blob)
    code, out, _ = fk(capsys, "export", pkg, tmp_path / "c.zip")
    code, out, _ = fk(capsys, "merge", master, tmp_path / "c.zip")
    assert code == errors.OK
    assert "ecological_pattern_corridors: length_m recomputed from their geometry" in out
    conn = connect(master, readonly=True)
    try:
        (length,) = conn.execute("SELECT length_m FROM ecological_pattern_corridors WHERE "
                                 "fid = 1").fetchone()
    finally:
        conn.close()
    assert length == round(geometry.line_length(line), 2)
    assert 25_000 < length < 30_000  # two geodesic legs of some 15 and 13 km


def test_a_user_whose_locale_is_chinese_reads_what_became_of_the_area_in_chinese_too(
        plan, capsys, monkeypatch):
    """The lines saying the area and centre were recomputed (counted by merge, pull and
    undo-merge, each by resolve) come in Chinese after the English for a user whose locale
    is Chinese, as the warnings do."""
    master, a, b, u, tmp_path = plan
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    c, _, _ = shape_conflict(capsys, plan)
    other = patch_uuids(master)[1]
    geometry_alone(a, other, square(88.01, 42.5, 0.002))
    package_export.export(a, tmp_path / "a-again.zip")
    code, out, _ = fk(capsys, "merge", master, tmp_path / "a-again.zip")
    assert code == errors.OK
    assert "mine_patches: area_m2, centre_lon, centre_lat recomputed from their geometry for 1 " \
           "feature\n历史遗留矿山图斑：已按几何重新计算 1 个要素的椭球面积（平方米）、" \
           "中心经度、中心纬度\n" in out, out
    merge_id = out.split()[1]
    code, out, _ = fk(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK
    assert f"merge {merge_id} undone: 1 change reverted\n合并 {merge_id} 已撤销：还原了 1 项" \
           "修改\n" in out and "已按几何重新计算 1 个要素" in out.split("已撤销")[1], out
    code, out, _ = fk(capsys, "resolve", master, c["id"], "--take", "theirs")
    assert code == errors.OK
    assert f"mine_patches {u} (P0000000): area_m2, centre_lon, centre_lat recomputed from its " \
           f"geometry\n历史遗留矿山图斑要素 {u}（P0000000）的椭球面积（平方米）、中心经度、" \
           "中心纬度已按其几何重新计算\n" in out, out



def test_the_fields_not_recomputed_are_said_by_their_labels_in_chinese():
    """A plan layer by its title, its fields by their labels listed with 、; a layer of the
    county's own and its fields by their names, set apart by spaces."""
    assert chinese("mine_patches 1c-9e (P1): area_m2, centre_lon not recomputed from its "
                   "geometry: its geometry cannot be read; left as they were") == \
        "历史遗留矿山图斑要素 1c-9e（P1）的椭球面积（平方米）、中心经度未按其几何重新计算：" \
        "其几何无法读取；保持原值"
    assert chinese("mine_patches (shapes edited since the last command that wrote): area_m2, "
                   "centre_lat not recomputed from its geometry: m.gpkg is read-only; left as "
                   "they were") == "历史遗留矿山图斑中自上次写入以来在主库中编辑过的几何：其椭球" \
        "面积（平方米）、中心纬度未重新计算：m.gpkg 为只读；保持原值"
    assert chinese("wells 1c-9e: depth, area recomputed from its geometry") == \
        "wells 要素 1c-9e 的 depth、area 已按其几何重新计算"


def test_a_county_geopackage_is_merged_without_setting_about_recomputing(tmp_path, capsys,
                                                                         monkeypatch):
    """A GeoPackage of the county's own layers alone has no field its geometry gives: a
    merge into it sets up nothing to recompute one (the reader of each row's latest edits,
    its tables' columns and types read again), and merges as before."""
    from field_kit.sync import merge, package_apply
    from tests.unit.gpkg_factory import make_gdal_layer

    master = make_gdal_layer(tmp_path / "county.gpkg", 4)
    assert main(["init", str(master)]) == errors.OK
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    shape = square(88.0, 42.5, 0.002)
    edit(pkg, "UPDATE forest_stands SET geom = ?, area_ha = 9.5 WHERE fid = 1", shape)
    built = []

    class Counted(merge.Applier):
        def __init__(self, conn, **kwargs):
            built.append(kwargs["origin"])
            super().__init__(conn, **kwargs)

    monkeypatch.setattr(merge, "Applier", Counted)
    monkeypatch.setattr(package_apply, "Applier", Counted)
    rep = merged(capsys, master, pkg, tmp_path)
    assert rep["totals"]["applied"] == 1 and rep["derived"] == []
    assert built == [f"merge:{rep['merges'][0]['merge_id']}"]  # its changes' alone
    conn = connect(master, readonly=True)
    assert conn.execute("SELECT geom, area_ha FROM forest_stands WHERE fid = 1").fetchone() == \
        (shape, 9.5)
    conn.close()


def test_a_shape_that_crosses_itself_keeps_its_area_and_the_merge_says_so(plan, capsys):
    """A patch redrawn in QField as a bow-tie (its ring crossing itself): its two lobes'
    areas cancel, and the area written was their difference, 0 for lobes alike, without a
    word; its centre flew off. The area and centre are left as they were, and said, by
    where the ring crosses."""
    master, a, _, u, tmp_path = plan
    before = derived_held(master, u)
    ring = [(88.0, 42.5), (88.001, 42.501), (88.001, 42.5), (88.0, 42.501), (88.0, 42.5)]
    geometry_alone(a, u, geometry.gpkg_blob(geometry.multipolygon_wkb([[ring]]), 4490))
    package_export.export(a, tmp_path / "a.zip")
    code, out, err = fk(capsys, "merge", master, tmp_path / "a.zip")
    said = (f"mine_patches {u} (P0000000): area_m2, centre_lon, centre_lat not recomputed "
            "from its geometry: its geometry crosses itself at 88.000500, 42.500500: no area "
            "can be measured on it; left as they were")
    assert code == errors.OK and f"field-kit: warning: {said}" in err, err
    assert derived_held(master, u) == before
    assert "其几何在 88.000500, 42.500500 处自相交：无法据以量算面积" in chinese(said)
