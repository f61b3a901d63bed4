# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer of the county's own rewritten in the master by ``ogr2ogr -overwrite``: its rows
get new uuids at repair, which records the rewrite; a package checked out before has its
edits of the earlier rows refused naming the rewrite, and its next pull brings the layer as
the master holds it, naming those edits, never sent again; one checked out after is left
as it is."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from tests.unit.cli_run import history_json
from tests.unit.gpkg_factory import make_gpkg, rows

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

WELLS = ('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":'
         '"urn:ogc:def:crs:EPSG::4490"}},"features":[%s]}')
WELL = ('{"type":"Feature","properties":{"name":"%s","flow":%s},"geometry":{"type":"Point",'
        '"coordinates":[%s,42.8]}}')


def fk(*argv) -> int:
    return main([str(a) for a in argv])


def ogr(*argv) -> None:
    subprocess.run(["ogr2ogr", *map(str, argv)], check=True, capture_output=True)


def ogrsql(path, sql) -> None:
    """An edit as GDAL makes it (its GeoPackage triggers need its own SQL functions)."""
    subprocess.run(["ogrinfo", "-q", str(path), "-sql", sql], check=True, capture_output=True)


def wells(path, *features) -> str:
    path.write_text(WELLS % ",".join(WELL % f for f in features), encoding="utf-8")
    return str(path)


@pytest.fixture
def rewritten(tmp_path, capsys, chinese_locale):
    """A master whose 泉眼 was rewritten and repaired after g.gpkg was checked out; the
    package's edit of 泉2 made before it knew."""
    master, pkg = tmp_path / "m.gpkg", tmp_path / "g.gpkg"
    make_gpkg(master, patches=2)
    ogr("-f", "GPKG", "-update", master,
        wells(tmp_path / "w.geojson", ("泉1", 1.5, 88.6), ("泉2", 2.5, 88.65)), "-nln", "泉眼")
    assert fk("status", master) == errors.OK
    assert fk("checkout", master, pkg, "--device", "gis-1", "--role", "gis") == errors.OK
    ogr("-f", "GPKG", "-update", "-overwrite", master,
        wells(tmp_path / "w2.geojson", ("泉1改", 1.5, 88.6), ("泉2", 3.5, 88.65)), "-nln", "泉眼")
    capsys.readouterr()
    assert fk("repair", master) == errors.REFUSED  # (it cannot vouch for the layer)
    out = capsys.readouterr().out
    assert "泉眼: rewritten in the master: its rows are new to the sync; field packages " \
           "checked out before take it whole" in out, out
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    return master, pkg, out


def refused_then_pulled(master, pkg, tmp_path, capsys) -> str:
    """The package's edit of 泉2, made before the rewrite it did not know of, exported and
    merged: refused naming the rewrite (in Chinese too); then its pull takes the layer as
    the master holds it and names the edit, not sent again. What the merge said."""
    old = rows(pkg, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    assert fk("export", pkg, tmp_path / "g1.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", master, tmp_path / "g1.zip") == errors.REFUSED
    merged = capsys.readouterr().out
    assert "never inserted" not in merged, merged
    assert re.search(r"泉眼 was rewritten in the master on \d{4}-\d\d-\d\d \d\d:\d\d: row 泉2 "
                     rf"\(uuid {old}\) is not there any more; its edit flow 9\.9 is not "
                     "applied", merged), merged
    assert f"要素 泉2（uuid {old}）已不存在；对它的修改 flow 9.9 未应用" in merged, merged
    assert fk("pull", pkg, master) == errors.OK
    out = capsys.readouterr().out
    assert "sent again" not in out.replace("not sent again", ""), out
    assert "this package now holds it as the master does (2 rows), its earlier rows gone; " \
           "1 edit of them the master never applied is not sent again" in out, out
    assert "your edit of 泉眼 泉2 (flow 9.9) was not applied: 泉眼 was rewritten" in out, out
    assert "本机对 泉眼 泉2 的修改（flow 9.9）未应用" in out, out
    return merged


def test_a_merge_names_the_rewrite_and_the_pull_brings_the_layer_as_the_master_holds_it(
        tmp_path, capsys, rewritten):
    master, pkg, repaired = rewritten
    assert "泉眼：已在主库中被重写" in repaired, repaired
    refused_then_pulled(master, pkg, tmp_path, capsys)
    held = "SELECT uuid, name, flow FROM 泉眼 ORDER BY name"
    assert rows(pkg, held) == rows(master, held)
    # nothing goes again, nothing is said again
    assert fk("export", pkg, tmp_path / "g2.zip") == errors.OK
    assert not (tmp_path / "g2.zip").exists()
    assert fk("pull", pkg, master) == errors.OK
    assert "泉2" not in capsys.readouterr().out
    # an edit of the layer as it is now reaches the master
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    assert fk("export", pkg, tmp_path / "g3.zip") == errors.OK
    assert fk("merge", master, tmp_path / "g3.zip") == errors.OK
    assert rows(master, "SELECT flow FROM 泉眼 WHERE name = '泉2'") == [(9.9,)]


def test_a_pull_names_edits_not_sent_yet_and_keeps_the_packages_new_rows(
        tmp_path, capsys, rewritten):
    master, pkg, _ = rewritten
    ogrsql(pkg, "INSERT INTO 泉眼 (name, flow) VALUES ('泉3', 4.0)")
    capsys.readouterr()
    assert fk("pull", pkg, master) == errors.OK
    out = capsys.readouterr().out
    assert "your edit of 泉眼 泉2 (flow 9.9) was not applied" in out, out
    assert rows(pkg, "SELECT name, flow FROM 泉眼 ORDER BY name") == [
        ("泉1改", 1.5), ("泉2", 3.5), ("泉3", 4.0)]
    assert fk("status", pkg) == errors.OK
    assert "changes waiting 1" in capsys.readouterr().out
    assert fk("export", pkg, tmp_path / "g1.zip") == errors.OK
    out = capsys.readouterr().out
    assert "1 change (seq" in out and "1 edit of a layer the master rewrote is not " \
        "sent: the pull that brought the layer as the master holds it named it" in out, out
    assert "the master refused" not in out, out
    assert fk("merge", master, tmp_path / "g1.zip") == errors.OK
    assert rows(master, "SELECT name, flow FROM 泉眼 ORDER BY name") == [
        ("泉1改", 1.5), ("泉2", 3.5), ("泉3", 4.0)]


def test_a_package_checked_out_after_the_rewrite_is_left_as_it_is(tmp_path, capsys, rewritten):
    master, *_ = rewritten
    after = tmp_path / "h.gpkg"
    assert fk("checkout", master, after, "--device", "gis-2", "--role", "gis") == errors.OK
    ogrsql(after, "UPDATE 泉眼 SET flow = 8.8 WHERE name = '泉2'")
    capsys.readouterr()
    assert fk("pull", after, master) == errors.OK
    assert "rewritten" not in capsys.readouterr().out
    assert fk("export", after, tmp_path / "h1.zip") == errors.OK
    assert fk("merge", master, tmp_path / "h1.zip") == errors.OK
    assert rows(master, "SELECT flow FROM 泉眼 WHERE name = '泉2'") == [(8.8,)]


def test_a_delete_of_an_earlier_row_is_refused_naming_the_rewrite(tmp_path, capsys, rewritten):
    master, pkg, _ = rewritten
    old = rows(pkg, "SELECT uuid FROM 泉眼 WHERE name = '泉1'")[0][0]
    ogrsql(pkg, "DELETE FROM 泉眼 WHERE name = '泉1'")
    assert fk("export", pkg, tmp_path / "g1.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", master, tmp_path / "g1.zip") == errors.REFUSED
    out = capsys.readouterr().out
    assert "already deleted" not in out, out
    assert re.search(r"泉眼 was rewritten in the master on \d{4}-\d\d-\d\d \d\d:\d\d: row 泉1 "
                     rf"\(uuid {old}\) is not there any more; its delete is not applied",
                     out), out
    assert f"要素 泉1（uuid {old}）已不存在；对它的删除未应用" in out, out
    # the master's 泉1改 (the row 泉1 became, or not) is left as it is
    assert rows(master, "SELECT name FROM 泉眼 ORDER BY name") == [("泉1改",), ("泉2",)]
    assert fk("pull", pkg, master) == errors.OK
    assert "your delete of 泉眼 泉1 was not applied: 泉眼 was rewritten" in \
        capsys.readouterr().out


def test_history_says_the_rewrite_of_a_row_given_its_uuid_then_and_of_one_gone(
        tmp_path, capsys, rewritten):
    master, pkg, _ = rewritten
    old = rows(pkg, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    new = rows(master, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    said = rewrite_in_history(capsys, master, old, new, lambda sql: ogrsql(master, sql),
                              lambda sql: rows(master, sql))
    for asked, head in ((new, f"row {new} of 泉眼"), ("泉2", f"泉2 is row {new} of 泉眼")):
        text, given = said[asked]
        assert f"{head}: no change recorded since it was put in the master" in text, text
        assert given["changes"] == [], given
    text, given = said[old]
    assert f"要素 泉2（uuid {old}）已不存在；其去向同步无从得知" in text, text
    assert given["changes"] and all(c["row_uuid"] == old for c in given["changes"]), given
    # an edit of the row since its rewrite is its history; the rewrite is said beside it
    ogrsql(master, "UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    assert fk("history", master, new) == errors.OK
    out = capsys.readouterr().out
    assert "7.7" in out, out
    assert f"got its uuid {new} then" in out, out


def rewrite_in_history(capsys, master, old: str, new: str, write, read) -> dict:
    """history of 泉2 of the layer 泉眼 rewritten in ``master`` (asked by its uuid ``new``,
    by its name, and by its uuid ``old`` before the rewrite) says the rewrite, in text
    and in JSON alike; of a row put in since (``write(sql)``, ``read(sql)``), nothing of
    it. What each said, text and JSON, by what was asked."""
    said = {}
    for asked, row, kind in ((new, new, "uuid_given"), ("泉2", new, "uuid_given"),
                             (old, old, "gone")):
        capsys.readouterr()
        assert fk("history", master, asked) == errors.OK
        text = capsys.readouterr().out
        assert fk("history", "--json", master, asked) == errors.OK
        given = history_json(capsys.readouterr().out)
        assert [r["kind"] for r in given["rewritten"]] == [kind], given
        (rewrite,) = given["rewritten"]
        assert rewrite["layer"] == "泉眼" and rewrite["row"] == row, rewrite
        assert rewrite["name"] == "泉2" and rewrite["at"], rewrite
        assert rewrite["said"] in text, (rewrite, text)
        if kind == "gone":
            assert re.search(r"泉眼 was found rewritten in the master by repair on "
                             r"\d{4}-\d\d-\d\d \d\d:\d\d, after these changes: row 泉2 "
                             rf"\(uuid {old}\) is not there any more; what became of it is not "
                             "known to the sync", text), text
        else:
            assert re.search(r"泉眼 was found rewritten in the master by repair on "
                             r"\d{4}-\d\d-\d\d \d\d:\d\d: row 泉2 got its uuid "
                             rf"{new} then; what it was before, under another uuid, is not "
                             "known to the sync", text), text
            assert f"要素 泉2 当时获得 uuid {new}" in text, text
        said[asked] = text, given
    # a row put in since is no row of the rewrite: its changes, as ever
    write("INSERT INTO 泉眼 (name, flow) VALUES ('泉9', 1.0)")
    (put,) = read("SELECT uuid FROM 泉眼 WHERE name = '泉9'")[0]
    assert fk("history", master, put) == errors.OK
    assert "rewritten" not in capsys.readouterr().out
    assert fk("history", "--json", master, put) == errors.OK
    given = history_json(capsys.readouterr().out)
    assert given["rewritten"] == [] and given["changes"][0]["row_uuid"] == put, given
    return said


def test_a_package_cut_to_features_of_the_layer_is_told_they_are_gone_by_name(
        tmp_path, capsys, rewritten):
    """Chosen by their uuids, which the layer has no more: which of its rows they are now
    is not known, so the pull keeps none of them and says so, by name, and how to choose
    them again (never the whole layer, which the cut was to keep out)."""
    master, _, _ = rewritten
    cut = tmp_path / "c.gpkg"
    ogr("-f", "GPKG", "-update", "-overwrite", master,
        wells(tmp_path / "w3.geojson", ("泉1", 1.5, 88.6), ("泉2", 2.5, 88.65),
              ("泉3", 0.5, 88.7)), "-nln", "泉眼")
    assert fk("repair", master) == errors.REFUSED
    chosen = [u for (u,) in rows(master, "SELECT uuid FROM 泉眼 WHERE name IN ('泉1', '泉2')")]
    assert fk("checkout", master, cut, "--device", "gis-2", "--role", "gis", "--features",
              "泉眼=" + ",".join(chosen)) == errors.OK
    ogr("-f", "GPKG", "-update", "-overwrite", master,
        wells(tmp_path / "w4.geojson", ("泉1", 1.5, 88.6), ("泉2", 2.5, 88.65),
              ("泉3", 0.5, 88.7)), "-nln", "泉眼")
    assert fk("repair", master) == errors.REFUSED
    ogrsql(cut, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    capsys.readouterr()
    assert fk("pull", cut, master) == errors.OK
    out = capsys.readouterr().out
    assert re.search(r"泉眼 was rewritten in the master on \d{4}-\d\d-\d\d \d\d:\d\d: the 2 "
                     r"features of it this package was cut to \(泉1, 泉2\) are not there any "
                     "more under their uuids, and which of its rows they are now is not known: "
                     "the package holds none of them now; to work on them again, check it out "
                     r"again \(checkout --replace\) choosing them as the master holds them now "
                     r"\(--features 泉眼=UUID,\.\.\.\); 1 edit of them the master never "
                     "applied is not sent again", out), out
    assert "holds it as the master does" not in out, out
    assert "本数据包所选的该图层 2 个要素（泉1, 泉2）已不再以原 uuid 存在" in out, out
    assert "your edit of 泉眼 泉2 (flow 9.9) was not applied" in out, out
    assert rows(cut, "SELECT count(*) FROM 泉眼") == [(0,)]


def test_a_layer_rewritten_under_another_geometry_column_keeps_the_packages_own_shapes(
        tmp_path, capsys, chinese_locale):
    """Rewritten with -lco GEOMETRY_NAME=shape: a package checked out before keeps its own
    geometry column, geom, filled with the master's shapes at its pull, and no column shape
    beside it; its edit of a shape goes into the master's shape, and the master's come back
    into its geom."""
    master, pkg = tmp_path / "m.gpkg", tmp_path / "g.gpkg"
    make_gpkg(master, patches=2)
    ogr("-f", "GPKG", "-update", master,
        wells(tmp_path / "w.geojson", ("泉1", 1.5, 88.6), ("泉2", 2.5, 88.65)), "-nln", "泉眼")
    assert fk("status", master) == errors.OK
    assert fk("checkout", master, pkg, "--device", "gis-1", "--role", "gis") == errors.OK
    ogr("-f", "GPKG", "-update", "-overwrite", master, "-lco", "GEOMETRY_NAME=shape",
        wells(tmp_path / "w2.geojson", ("泉1改", 1.5, 88.6), ("泉2", 3.5, 88.7)), "-nln", "泉眼")
    capsys.readouterr()
    assert fk("repair", master) == errors.REFUSED  # (it cannot vouch for the layer)
    out = capsys.readouterr().out
    assert "泉眼: rewritten in the master" in out, out
    assert "泉眼: its geometry column geom is named shape now, as the master holds it: field " \
           "packages checked out before keep theirs as geom; their pull brings the master's " \
           "shapes into it, and their edits of shapes go to shape" in out, out
    assert "泉眼：几何字段 geom 现名 shape" in out, out
    assert "edits of geom are refused" not in out, out
    assert fk("pull", pkg, master) == errors.OK
    out = capsys.readouterr().out
    assert "泉眼.shape" not in out and "not brought" not in out, out
    assert "shape" not in [r[1] for r in rows(pkg, "PRAGMA table_info(泉眼)")]
    assert rows(pkg, "SELECT name, geom FROM 泉眼 ORDER BY name") == rows(
        master, "SELECT name, shape FROM 泉眼 ORDER BY name")
    listing = subprocess.run(["ogrinfo", "-al", str(pkg), "泉眼"], check=True,
                             capture_output=True, text=True).stdout
    assert "Geometry Column = geom" in listing and "Feature Count: 2" in listing, listing
    assert "POINT (88.6 42.8)" in listing and "POINT (88.7 42.8)" in listing, listing
    # its R-tree follows the shapes
    assert rows(pkg, "SELECT count(*) FROM rtree_泉眼_geom WHERE minx > 88.65") == [(1,)]
    far = rows(master, "SELECT hex(shape) FROM 泉眼 WHERE name = '泉2'")[0][0]
    # 泉2 moved onto 泉1改's place in the package
    ogrsql(pkg, "UPDATE 泉眼 SET geom = (SELECT geom FROM 泉眼 WHERE name = '泉1改') "
                "WHERE name = '泉2'")
    assert fk("export", pkg, tmp_path / "g1.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", master, tmp_path / "g1.zip") == errors.OK
    assert "applied 1, already applied 0, conflicts 0, refused 0" in capsys.readouterr().out
    assert rows(master, "SELECT name FROM 泉眼 WHERE shape = (SELECT shape FROM 泉眼 WHERE "
                        "name = '泉1改') ORDER BY name") == [("泉1改",), ("泉2",)]
    assert "geom" not in [r[1] for r in rows(master, "PRAGMA table_info(泉眼)")]
    # and 泉1改 moved in the master reaches the package's geom
    ogrsql(master, f"UPDATE 泉眼 SET shape = X'{far}' WHERE name = '泉1改'")
    ogrsql(master, "UPDATE 泉眼 SET flow = 0.5 WHERE name = '泉2'")
    assert fk("pull", pkg, master) == errors.OK
    assert rows(pkg, "SELECT name, hex(geom) = ? FROM 泉眼 ORDER BY name", far) == [
        ("泉1改", 1), ("泉2", 0)]


def test_a_layer_rewritten_in_another_spatial_reference_says_its_shapes_are_not_brought(
        tmp_path, capsys, chinese_locale):
    """Rewritten under another geometry column and in another spatial reference: the pull
    brings its rows without their shapes, saying so by both references' names, and adds no
    column of the master's beside the package's own."""
    master, pkg = tmp_path / "m.gpkg", tmp_path / "g.gpkg"
    make_gpkg(master, patches=2)
    ogr("-f", "GPKG", "-update", master,
        wells(tmp_path / "w.geojson", ("泉1", 1.5, 88.6), ("泉2", 2.5, 88.65)), "-nln", "泉眼")
    assert fk("checkout", master, pkg, "--device", "gis-1", "--role", "gis") == errors.OK
    ogr("-f", "GPKG", "-update", "-overwrite", master, "-lco", "GEOMETRY_NAME=shape",
        "-t_srs", "EPSG:4326",
        wells(tmp_path / "w2.geojson", ("泉1改", 1.5, 88.6), ("泉2", 3.5, 88.7)), "-nln", "泉眼")
    fk("repair", master)
    capsys.readouterr()
    assert fk("pull", pkg, master) == errors.OK
    out = capsys.readouterr().out
    assert "泉眼: the master's shapes of it are not brought, geom left empty: the master holds " \
           "them in EPSG:4326 (WGS 84 geodetic), this package in EPSG:4490 (China Geodetic " \
           "Coordinate System 2000): check it out again (checkout --replace)" in out, out
    assert "泉眼：主库的图形未带入，geom 为空：主库的坐标系为 EPSG:4326 (WGS 84 geodetic)，" \
           "本数据包为 EPSG:4490" in out, out
    assert "shape" not in [r[1] for r in rows(pkg, "PRAGMA table_info(泉眼)")]
    assert rows(pkg, "SELECT name, geom FROM 泉眼 ORDER BY name") == [("泉1改", None),
                                                                      ("泉2", None)]
    # the master's later edits reach it, its shapes left out
    ogrsql(master, "UPDATE 泉眼 SET shape = (SELECT shape FROM 泉眼 WHERE name = '泉1改'), "
                   "flow = 0.5 WHERE name = '泉2'")
    ogrsql(master, "UPDATE 泉眼 SET shape = NULL WHERE name = '泉1改'")
    assert fk("pull", pkg, master) == errors.OK
    assert rows(pkg, "SELECT name, flow, geom FROM 泉眼 ORDER BY name") == [
        ("泉1改", 1.5, None), ("泉2", 0.5, None)]
