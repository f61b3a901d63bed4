# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout "For QField" names what it wrote, the project folder and its zip,
in its log and its results: not the .gpkg the output field held, which it never writes."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from field_kit.db import QFIELD_PACKAGE
from qgis_plugin.processing.provider import Provider


class Heard(QgsProcessingFeedback):
    """The algorithm's log, as the Processing dialog shows it."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)


@pytest.fixture()
def provider(qgis_app):
    p = Provider()
    assert QgsApplication.processingRegistry().addProvider(p)
    yield p
    QgsApplication.processingRegistry().removeProvider(p)


def test_a_checkout_for_qfield_names_its_folder_and_zip(provider, master, tmp_path):
    asked = tmp_path / "phone-ma.gpkg"  # as the output field's file dialog gives it
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    heard = Heard()
    out, ok = alg.run({"MASTER": str(master), "DEVICE": "phone-ma", "TOWNSHIP": "郭勒布依乡",
                       "ROLE": 0, "QFIELD": True, "OUTPUT": str(asked)},
                      QgsProcessingContext(), heard)
    assert ok
    folder, zipped = tmp_path / "phone-ma", tmp_path / "phone-ma.zip"
    assert folder.is_dir() and zipped.is_file() and not asked.exists()
    # every file the results name is there; the package among them, to export later
    assert out["OUTPUT"] == str(folder / QFIELD_PACKAGE), out
    assert (out["FOLDER"], out["ZIP"]) == (str(folder), str(zipped)), out
    for value in out.values():
        if isinstance(value, str):
            assert os.path.exists(value), (value, out)
    log = "\n".join(heard.lines)
    assert str(folder) in log and str(zipped) in log, log
    assert str(asked) not in log, log
