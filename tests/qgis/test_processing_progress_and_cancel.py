# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import, pull and Excel report show progress and honour a Cancel
given while they run (as the user's Cancel button: from the progress signal) before they
write; the import names each row it deletes, as ``field-kit import`` does; the pull logs
the command line's first line."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess

import pytest
from qgis.core import QgsProcessingException

from field_kit.sync import package_checkout
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit.gpkg_factory import edit

VERIFIED = ("INSERT INTO patch_verifications (patch_uuid, patch_code, notes, verifier) "
            "SELECT uuid, patch_code, ?, '李' FROM mine_patches LIMIT 1")


class Cancelling(Heard):
    """A feedback the user cancels once its progress first moves; the progress heard."""

    def __init__(self):
        super().__init__()
        self.seen: list[float] = []
        self.progressChanged.connect(self._moved)

    def _moved(self, value):
        self.seen.append(value)
        self.cancel()


def _digest(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _source_less_one(master, tmp_path):
    conn = sqlite3.connect(master)
    code, uuid = conn.execute("SELECT patch_code, uuid FROM mine_patches ORDER BY fid "
                              "LIMIT 1").fetchone()
    conn.close()
    src = tmp_path / "surveyed.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(src), str(master), "mine_patches",
                    "-where", f"patch_code <> '{code}'"], check=True)
    return src, code, uuid


def test_the_import_names_each_row_it_deletes_as_the_command_line(
        processing, master, tmp_path):  # noqa: F811
    src, code, uuid = _source_less_one(master, tmp_path)
    heard = Heard()
    got = processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(src),
                                           "LAYER": 0, "DELETE_MISSING": True},
                         feedback=heard)
    assert got["DELETED"] == 1
    assert ("info", f"delete {code} {uuid}") in heard.lines, heard.lines


def test_an_import_cancelled_as_it_runs_writes_nothing(processing, master,  # noqa: F811
                                                        tmp_path):
    src, code, _ = _source_less_one(master, tmp_path)
    before = _digest(master)
    feedback = Cancelling()
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was changed"):
        processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(src),
                                         "LAYER": 0, "DELETE_MISSING": True},
                       feedback=feedback)
    assert feedback.seen
    assert _digest(master) == before


def test_an_excel_report_cancelled_as_it_runs_is_not_written(processing, master,  # noqa: F811
                                                              tmp_path):
    out = tmp_path / "report.xlsx"
    feedback = Cancelling()
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was changed"):
        processing.run("toksun:report", {"MASTER": str(master), "OUTPUT": str(out)},
                       feedback=feedback)
    assert feedback.seen and not out.exists()


def _package_behind(master, tmp_path):
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    edit(master, VERIFIED, "fair")
    return pkg


def test_a_pull_cancelled_as_it_runs_leaves_the_package(processing, master,  # noqa: F811
                                                       tmp_path):
    pkg = _package_behind(master, tmp_path)
    before = _digest(pkg)
    feedback = Cancelling()
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was changed"):
        processing.run("toksun:pull", {"PACKAGE": str(pkg), "MASTER": str(master)},
                       feedback=feedback)
    assert feedback.seen and _digest(pkg) == before


def test_a_pull_logs_the_command_lines_first_line(processing, master,  # noqa: F811
                                                  tmp_path):
    pkg = _package_behind(master, tmp_path)
    heard = Heard()
    processing.run("toksun:pull", {"PACKAGE": str(pkg), "MASTER": str(master)},
                   feedback=heard)
    assert any(kind == "info" and text.startswith(f"pulled into {pkg}: applied 1, ")
               for kind, text in heard.lines), heard.lines
