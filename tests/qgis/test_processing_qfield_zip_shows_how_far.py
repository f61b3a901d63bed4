# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout "For QField" reports its progress while the project is zipped, not
only while the package is written; cancelled then, it names why the project was not made
(the master registered the device) and the same algorithm run again makes it."""

from __future__ import annotations

import os

from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from field_kit.db import PART
from field_kit.qfield import project_folder
from tests.qgis.test_processing import provider  # noqa: F401 (a fixture)


class Heard(QgsProcessingFeedback):
    """The errors an algorithm reports in Processing's log."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        self.errors.append(text)


def run_checkout(master, folder, feedback):
    """The algorithm "For QField", its output field given ``folder``.gpkg, as the output
    field's file dialog gives it."""
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    return alg.run({"MASTER": str(master), "DEVICE": folder.name, "ROLE": 0, "QFIELD": True,
                    "OUTPUT": f"{folder}.gpkg"}, QgsProcessingContext(), feedback)


def test_the_zip_of_a_qfield_checkout_shows_how_far_and_hears_cancel(
        provider, master, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(project_folder, "ZIP_STEP_BYTES", 64 * 1024, raising=False)
    folder = tmp_path / "phone-p"
    zipping = f"{folder}.zip{PART}{PART}"  # (the zip's part, being written)
    feedback = Heard()
    seen: list[tuple[float, bool]] = []
    feedback.progressChanged.connect(lambda v: seen.append((v, os.path.exists(zipping))))
    got, ok = run_checkout(master, folder, feedback)
    assert ok, feedback.errors
    while_zipping = [v for v, now in seen if now]
    assert len(set(while_zipping)) >= 5, seen
    assert while_zipping[-1] == 100 and [v for v, _ in seen] == sorted(v for v, _ in seen)
    assert got["ZIP"] == f"{folder}.zip" and os.path.isfile(got["ZIP"])

    again = tmp_path / "phone-q"
    feedback = Heard()
    feedback.progressChanged.connect(
        lambda v: feedback.cancel() if os.path.exists(f"{again}.zip{PART}{PART}") else None)
    _, ok = run_checkout(master, again, feedback)
    assert not ok and feedback.errors == [
        "cancelled by the user once the master had registered device phone-q: the QField "
        f"project {again} was not made; run the same command again, which makes it"], \
        feedback.errors
    assert not os.path.exists(again) and not os.path.exists(f"{again}.zip")
    assert os.path.isdir(f"{again}{PART}")
    got, ok = run_checkout(master, again, QgsProcessingFeedback())
    assert ok and os.path.isfile(got["ZIP"]) and os.path.isdir(again)
