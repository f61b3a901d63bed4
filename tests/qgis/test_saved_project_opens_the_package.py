# SPDX-License-Identifier: GPL-2.0-or-later
"""A QGIS project saved into the master (Project > Save To > GeoPackage) opens, from a field
package, the package's own layers, not the master's: at checkout, and at a pull once the
master's project was saved again; said in both languages."""

from __future__ import annotations

import os
import shutil
import sqlite3

from qgis.core import QgsProject, QgsVectorLayer

from field_kit.cli.commands import main


def _save_project(master, layers: list[str]) -> None:
    project = QgsProject()
    for name in layers:
        layer = QgsVectorLayer(f"{master}|layername={name}", name, "ogr")
        assert layer.isValid()
        project.addMapLayer(layer)
    assert project.write(f"geopackage:{master}?projectName=county")


def _opened(package) -> dict[str, tuple[bool, str]]:
    project = QgsProject()
    assert project.read(f"geopackage:{package}?projectName=county")
    return {lyr.name(): (lyr.isValid(), lyr.source().split("|")[0])
            for lyr in project.mapLayers().values()}


def test_a_project_saved_in_the_master_opens_the_packages_layers(master, tmp_path, capsys,
                                                                 monkeypatch):
    _save_project(master, ["mine_patches"])
    field = tmp_path / "field"
    field.mkdir()
    pkg = field / "tab1.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "tab1"]) == 0
    said = capsys.readouterr().out
    assert ("QGIS project saved in the master, pointed at this package's own layers "
            "(./tab1.gpkg): county") in said
    assert _opened(pkg) == {"mine_patches": (True, str(pkg))}
    # on another computer, no master beside it
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(pkg, other / "tab1.gpkg")
    assert _opened(other / "tab1.gpkg") == {"mine_patches": (True, str(other / "tab1.gpkg"))}

    # the master's project saved again, with another layer: the pull brings it, pointed here
    _save_project(master, ["mine_patches", "county_boundary"])
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    assert main(["pull", str(pkg), str(master)]) == 0
    said = capsys.readouterr().out
    assert "主库中保存的 QGIS 项目已改为打开本数据包自己的图层（./tab1.gpkg）：county" in said
    assert _opened(pkg) == {"mine_patches": (True, str(pkg)),
                            "county_boundary": (True, str(pkg))}
    assert os.path.getsize(master)  # (the master's own project is left as it was)
    assert set(_opened(master).values()) == {(True, str(master))}

    # saved over in the package, then again in the master: the package's own is kept, named
    mine = QgsProject()
    assert mine.read(f"geopackage:{pkg}?projectName=county")
    mine.removeMapLayer(next(iter(mine.mapLayersByName("county_boundary"))))
    assert mine.write(f"geopackage:{pkg}?projectName=county")
    _save_project(master, ["county_boundary"])
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    assert main(["pull", str(pkg), str(master)]) == 0
    assert ("QGIS project saved again in the master but also saved over in this package, "
            "kept as the package holds it: county") in capsys.readouterr().out
    assert _opened(pkg) == {"mine_patches": (True, str(pkg))}


def test_a_project_a_checkout_left_naming_the_master_is_pointed_here_at_a_pull(
        master, tmp_path, capsys):
    """A package whose copy of the project still names the master's file (as a checkout by
    an earlier version left it) takes the master's project, pointed at it, at its next pull
    once the master's was saved again: that copy is no project of the package's own."""
    _save_project(master, ["mine_patches"])
    field = tmp_path / "field"
    field.mkdir()
    pkg = field / "old.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "old"]) == 0
    with sqlite3.connect(master) as m, sqlite3.connect(pkg) as p:
        p.execute("UPDATE qgis_projects SET content = ?",
                  m.execute("SELECT content FROM qgis_projects").fetchone())
        p.execute("DELETE FROM sync_meta WHERE key = 'qgis_projects_brought'")
    _save_project(master, ["mine_patches", "county_boundary"])
    capsys.readouterr()
    assert main(["pull", str(pkg), str(master)]) == 0
    assert ("QGIS project saved in the master, pointed at this package's own layers "
            "(./old.gpkg): county") in capsys.readouterr().out
    assert _opened(pkg) == {"mine_patches": (True, str(pkg)),
                            "county_boundary": (True, str(pkg))}


def test_a_layer_of_another_file_keeps_its_source(master, tmp_path, capsys):
    """A layer of the project from another file (a basemap's, a survey's) keeps its source at
    checkout; a project naming no layer of the master's file is brought as it is, said so."""
    from tests.unit.test_any_table import ogr
    wells = tmp_path / "wells.csv"
    wells.write_text("WKT,name\n\"POINT (88.7 42.9)\",W1\n")
    other = tmp_path / "survey.gpkg"
    ogr("-f", "GPKG", other, wells, "-nln", "wells", "-oo", "GEOM_POSSIBLE_NAMES=WKT",
        "-a_srs", "EPSG:4490")
    project = QgsProject()
    for uri, name in ((f"{master}|layername=mine_patches", "mine_patches"),
                      (f"{other}|layername=wells", "wells")):
        layer = QgsVectorLayer(uri, name, "ogr")
        assert layer.isValid()
        project.addMapLayer(layer)
    assert project.write(f"geopackage:{master}?projectName=county")
    field = tmp_path / "field"
    field.mkdir()
    pkg = field / "tab1.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "tab1"]) == 0
    assert _opened(pkg) == {"mine_patches": (True, str(pkg)), "wells": (True, str(other))}
    project = QgsProject()
    project.addMapLayer(QgsVectorLayer(f"{other}|layername=wells", "wells", "ogr"))
    assert project.write(f"geopackage:{master}?projectName=county")
    capsys.readouterr()
    assert main(["pull", str(pkg), str(master)]) == 0
    assert ("QGIS project saved again in the master, naming none of its layers by its "
            "file, brought as it is: county") in capsys.readouterr().out
    assert _opened(pkg) == {"wells": (True, str(other))}
