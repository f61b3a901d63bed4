# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import takes the surveyed data's coordinate system as the command line's
--crs does (a Shapefile with no .prj, say), run as a user runs it (processing.run); a
source whose system is not known is refused naming that parameter, not --crs, in English
and in Chinese, and nothing is written."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from qgis.core import QgsProcessingException

from field_kit.cli.commands import main
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit import import_layers as L

BOX = {"en": "“Coordinate system of the surveyed data (empty: as the file says)”",
       "zh": "“实测数据的坐标系（留空：按文件所述）”"}
SAID = {"en": "unknown coordinate system: the source does not say its coordinate system (no "
              ".prj); the eastings carry zone prefix 30: if CGCS2000, choose EPSG:4518 under "
              f"{BOX['en']}",
        "zh": "无法识别坐标系：数据源未说明其坐标系（没有 .prj 文件）；东坐标带有带号 30：若为 "
              f"CGCS2000，在{BOX['zh']}中选择 EPSG:4518"}


@pytest.fixture
def source(plan_gpkg, tmp_path):
    """The patches surveyed, in a Shapefile in EPSG:4518 with no .prj beside it."""
    src = L.write_shapefile(tmp_path / "图斑.shp", L.surveyed(plan_gpkg), epsg=4518)
    src.with_suffix(".prj").unlink()
    return src


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_source_of_no_known_crs_is_refused_naming_the_parameter(
        processing, lang, master, source, tmp_path):  # noqa: F811
    said = refused_in_processing(processing, lang, master, source, tmp_path)
    assert {"en": "error: ", "zh": "错误："}[lang] + SAID[lang] in said, said
    assert not any("--crs" in text for text in said), said


def refused_in_processing(processing, lang: str, master, source,  # noqa: F811
                          tmp_path) -> list[str]:
    """Processing's import of ``source`` into ``master`` in QGIS speaking ``lang``, refused,
    the master left as it was: the lines it said."""
    before = digest(master)
    heard = Heard()
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"), \
            pytest.raises(QgsProcessingException):
        processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(source),
                                         "LAYER": 0}, feedback=heard)
    assert digest(master) == before
    return [text for _, text in heard.lines]


def test_the_crs_given_is_the_sources_as_the_command_lines_crs(
        processing, master, source, tmp_path):  # noqa: F811
    by_hand = tmp_path / "by-hand.gpkg"  # the same import on the command line, to compare
    shutil.copyfile(master, by_hand)
    assert main(["import", str(by_hand), str(source), "--layer", "mine_patches",
                 "--crs", "EPSG:4518"]) == 0
    got = processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(source),
                                           "CRS": "EPSG:4518", "LAYER": 0},
                         feedback=Heard())
    assert (got["UPDATED"], got["INSERTED"], got["DELETED"]) == (10, 1, 0), got
    from field_kit.db import connect
    shapes = []
    for gpkg in (master, by_hand):
        with connect(gpkg, readonly=True) as conn:
            shapes.append(conn.execute("SELECT patch_code, geom FROM mine_patches "
                                       "ORDER BY patch_code").fetchall())
    assert shapes[0] == shapes[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_crs_of_no_epsg_code_is_refused_by_name(
        processing, lang, master, source, tmp_path):  # noqa: F811
    """A system QGIS knows by its definition alone (a user's own): the import takes an EPSG
    code, as --crs does."""
    from qgis.core import QgsCoordinateReferenceSystem
    own = QgsCoordinateReferenceSystem.fromProj(
        "+proj=tmerc +lat_0=0 +lon_0=90 +k=1 +x_0=30500000 +y_0=0 +ellps=GRS80 +units=m")
    assert own.isValid() and not own.authid().startswith("EPSG:"), own.authid()
    before = digest(master)
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"), \
            pytest.raises(QgsProcessingException) as err:
        processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(source),
                                         "CRS": own, "LAYER": 0}, feedback=Heard())
    said = {"en": f"has no EPSG code: choose the surveyed data's coordinate system under "
                  f"{BOX['en']} by its EPSG code",
            "zh": f"没有 EPSG 代码：请在{BOX['zh']}中按 EPSG 代码选择实测数据的坐标系"}[lang]
    assert said in str(err.value), str(err.value)
    assert digest(master) == before
