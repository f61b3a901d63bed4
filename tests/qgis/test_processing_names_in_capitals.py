# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing takes files named in any case, as a USB stick or a Windows computer names
them: a master MASTER.GPKG, a field package DEV1.GPKG, a change package EDITS.ZIP, a QField
project's zip QF.ZIP, and one named Dev2.Gpkg, each checked as Processing's dialog checks
it and run as a user runs it (processing.run); their file choosers offer them, matching a
name as a desktop's file dialog may, case by case."""

from __future__ import annotations

import fnmatch
import re
import shutil
import sqlite3
import subprocess

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback
from qgis.gui import QgsFileWidget, QgsGui, QgsProcessingGui

from field_kit.qfield import checkout as qfield_checkout
from field_kit.qfield.project_folder import make_zip
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit.gpkg_factory import edit

NOTE = "验收 in capitals"


def _checked(alg_id: str, params: dict) -> None:
    """The parameters pass the algorithm's own check, as its dialog checks them first."""
    alg = QgsApplication.processingRegistry().createAlgorithmById(f"toksun:{alg_id}")
    ok, why = alg.checkParameterValues(params, QgsProcessingContext())
    assert ok, why


def _run(processing, alg_id: str, params: dict) -> dict:  # noqa: F811
    _checked(alg_id, params)
    return processing.run(f"toksun:{alg_id}", params, feedback=QgsProcessingFeedback())


@pytest.mark.parametrize("package", ["DEV1.GPKG", "Dev2.Gpkg"])
def test_a_field_package_and_its_change_package_named_in_capitals(
        processing, master, tmp_path, package):  # noqa: F811
    county = tmp_path / "MASTER.GPKG"
    shutil.copyfile(master, county)
    pkg = tmp_path / package
    got = _run(processing, "checkout", {"MASTER": str(county), "DEVICE": "dev1",
                                        "TOWNSHIP": "郭勒布依乡", "ROLE": 0, "QFIELD": False,
                                        "OUTPUT": str(pkg)})
    assert got["OUTPUT"] == str(pkg) and pkg.is_file(), sorted(tmp_path.iterdir())
    edit(pkg, "INSERT INTO patch_verifications (notes, verifier) VALUES (?, 'li')", NOTE)
    changes = tmp_path / "EDITS.ZIP"
    got = _run(processing, "export", {"PACKAGE": str(pkg), "ALL": False,
                                      "OUTPUT": str(changes)})
    assert got["CHANGES"] == 1 and changes.is_file(), sorted(tmp_path.iterdir())
    got = _run(processing, "merge", {"MASTER": str(county), "PACKAGES": [str(changes)]})
    assert got["APPLIED"] == 1, got
    with sqlite3.connect(county) as c:
        assert c.execute("SELECT count(*) FROM patch_verifications WHERE notes = ?",
                         (NOTE,)).fetchone() == (1,)
    assert _run(processing, "pull", {"PACKAGE": str(pkg), "MASTER": str(county)}
                )["CONFLICTS"] == 0
    report = tmp_path / "PROGRESS.XLSX"
    _run(processing, "report", {"MASTER": str(county), "OUTPUT": str(report)})
    assert report.stat().st_size > 1000


def test_a_qfield_projects_zip_named_in_capitals(processing, master, tmp_path):  # noqa: F811
    folder = qfield_checkout(master, str(tmp_path / "qf"), "phone1", township="托克逊镇")[
        "folder"]
    edit(f"{folder}/package.gpkg",
         "INSERT INTO patch_verifications (notes, verifier) VALUES (?, 'li')", NOTE)
    back = tmp_path / "from-the-phone"  # as QField sends it back, zipped, named in capitals
    back.mkdir()
    given = back / "QF.ZIP"
    make_zip(folder, str(given))
    out = tmp_path / "PHONE1.ZIP"
    got = _run(processing, "export", {"PACKAGE": str(given), "ALL": False, "OUTPUT": str(out)})
    assert got["CHANGES"] == 1 and got["OUTPUT"] == str(out) and out.is_file()


def test_import_into_a_master_named_in_capitals(processing, master, tmp_path):  # noqa: F811
    county = tmp_path / "MASTER.GPKG"
    shutil.copyfile(master, county)
    source = tmp_path / "SURVEY.GPKG"  # the patches surveyed, as they are
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(source), str(master), "mine_patches"],
                   check=True)
    got = _run(processing, "import", {"MASTER": str(county), "SOURCE": str(source),
                                      "LAYER": 0, "DELETE_MISSING": False})
    assert (got["UPDATED"], got["INSERTED"], got["DELETED"]) == (0, 0, 0), got


@pytest.mark.parametrize("alg_id, name, files", [
    ("checkout", "MASTER", ["MASTER.GPKG"]), ("merge", "MASTER", ["MASTER.GPKG"]),
    ("pull", "PACKAGE", ["DEV1.GPKG"]), ("export", "PACKAGE", ["DEV1.GPKG", "QF.ZIP"]),
    ("import", "MASTER", ["MASTER.GPKG"])])
def test_the_file_choosers_offer_names_in_capitals(processing, alg_id, name, files):  # noqa: F811
    alg = QgsApplication.processingRegistry().createAlgorithmById(f"toksun:{alg_id}")
    wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
        alg.parameterDefinition(name), QgsProcessingGui.Standard)
    widget = wrapper.createWrappedWidget(QgsProcessingContext())
    chooser = widget if isinstance(widget, QgsFileWidget) else widget.findChild(QgsFileWidget)
    patterns = re.findall(r"\*\.\w+", chooser.filter())
    for file in files:
        assert any(fnmatch.fnmatchcase(file, p) for p in patterns), chooser.filter()
    for file in (f.lower() for f in files):
        assert any(fnmatch.fnmatchcase(file, p) for p in patterns), chooser.filter()
