# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's merge names each change it refused, by its row, with why, as the Sync dock
and the command line do (its log said only "refused 1")."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProcessingContext

from field_kit.sync import package_checkout, package_export
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing import provider  # noqa: F401  (the fixture)
from tests.unit.gpkg_factory import edit
from tests.unit.test_codes_follow import CODE, VERIFIED


def test_processing_merge_names_each_change_refused_with_why(provider, master,  # noqa: F811
                                                            tmp_path):
    tech = tmp_path / "tech-b.gpkg"
    package_checkout.checkout(master, tech, "tech-b", township="郭勒布依乡")
    edit(tech, VERIFIED)
    edit(tech, "UPDATE patch_verifications SET measured_area_m2 = -5")
    package_export.export(tech, tmp_path / "tech-b.zip")
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:merge")
    heard = Heard()
    out, ok = alg.run({"MASTER": str(master), "PACKAGES": [str(tmp_path / "tech-b.zip")]},
                      QgsProcessingContext(), heard)
    assert ok and out["REFUSED"] == 1, heard.lines
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert any(text.startswith(f"tech-b.zip: Patch verifications {CODE}") and "-5" in text
               and "must be more than 0" in text for text in errors), heard.lines
