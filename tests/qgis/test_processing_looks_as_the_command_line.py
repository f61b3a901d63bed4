# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's merge, run as a user runs it (processing.run), looks at the master as the
command line and the Sync dock do: a package not there stops it before the master is
touched, every one named; what a checkout cut short left is refused as the master, said
so."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from field_kit.db import QFIELD_PACKAGE
from field_kit.sync import package_checkout, package_export
from qgis_plugin.processing.provider import Provider
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit

PLUGINS = "/usr/share/qgis/python/plugins"  # where QGIS keeps its Processing framework


@pytest.fixture(scope="module")
def processing(qgis_app):
    if PLUGINS not in sys.path:
        sys.path.append(PLUGINS)
    try:
        from processing.core.Processing import Processing
    except ImportError:
        pytest.skip("QGIS's Processing framework is not installed")
    Processing.initialize()
    import processing as framework
    registry = QgsApplication.processingRegistry()
    ours = None
    if registry.providerById("toksun") is None:
        ours = Provider()
        assert registry.addProvider(ours)
    yield framework
    if ours is not None:
        registry.removeProvider(ours)


def _change_package(master, tmp_path, device: str = "gis-a"):
    pkg = tmp_path / f"{device}.gpkg"
    package_checkout.checkout(master, pkg, device, role="gis")
    edit(pkg, "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE fid = 2")
    package_export.export(pkg, tmp_path / f"{device}.zip")
    return pkg, tmp_path / f"{device}.zip"


def _mineral(master) -> str:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT mineral FROM mine_patches WHERE fid = 2").fetchone()[0]


def test_packages_not_there_are_named_and_nothing_is_merged(processing, master, tmp_path):
    _, there = _change_package(master, tmp_path)
    gone = [tmp_path / "tab-7.zip", tmp_path / "tab-8.zip"]
    before = _mineral(master)
    with pytest.raises(QgsProcessingException) as err:
        processing.run("toksun:merge", {"MASTER": str(master),
                                        "PACKAGES": [str(there), *map(str, gone)]},
                       feedback=QgsProcessingFeedback())
    said = str(err.value)
    assert f"no such file: {gone[0]}, {gone[1]}; nothing was merged" in said, said
    assert _mineral(master) == before  # the package that is there was not merged either
    # the one that is there, merged alone, is
    got = processing.run("toksun:merge", {"MASTER": str(master), "PACKAGES": [str(there)]},
                         feedback=QgsProcessingFeedback())
    assert got["APPLIED"] == 1 and _mineral(master) == "砖瓦用粘土", got["REFUSED_PACKAGES"]


def test_what_a_checkout_cut_short_left_is_refused_as_the_master(processing, master,
                                                                tmp_path, capsys):
    """A QField checkout cut short leaves its folder named ``OUT.part``: the package in it,
    given as the master, is refused saying what to run, as the command line says it."""
    from field_kit.qfield import checkout
    _, package = _change_package(master, tmp_path)
    folder = tmp_path / "qfield-gis"
    checkout(master, str(folder), "gis-q", role="gis")
    cut_short = tmp_path / "qfield-gis.part"
    folder.rename(cut_short)
    left = cut_short / QFIELD_PACKAGE
    before = left.read_bytes()
    with pytest.raises(QgsProcessingException) as err:
        processing.run("toksun:merge", {"MASTER": str(left), "PACKAGES": [str(package)]},
                       feedback=QgsProcessingFeedback())
    said = str(err.value)
    assert f"{left} is the package of a QField checkout cut short" in said, said
    assert f"run the same checkout again (to {folder})" in said, said
    assert left.read_bytes() == before
    code, cli = cli_said(capsys, "merge", left, package)
    assert code != 0 and said in cli, cli
