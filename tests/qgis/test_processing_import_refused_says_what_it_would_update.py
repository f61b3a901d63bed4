# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import refused for its errors says what it would update and add once the
errors are fixed, nothing written, as the command line says it, in English and in Chinese."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_import_takes_a_crs import digest
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit import import_layers as L

pytest.importorskip("pyproj")
L._proj_data()

SAID = {"en": ("would be updated 8, new 1 once the errors are fixed (nothing written), "
               "unchanged 0", "updated 8"),
        "zh": ("改正错误后将更新 8，新增 1（未写入），未变 0", "更新 8")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_refused_import_says_what_it_would_update(
        processing, lang, master, plan_gpkg, tmp_path):  # noqa: F811
    patches = L.surveyed(plan_gpkg)
    patches = [patches[1] | {"code": "CT123"}, *patches[2:]]  # a code in no national format
    source = L.write_geojson(tmp_path / "tb.geojson", patches)
    before = digest(master)
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"), \
            pytest.raises(QgsProcessingException) as refused:
        processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(source),
                                         "LAYER": 0}, feedback=Heard())
    assert digest(master) == before
    said = str(refused.value)
    summary, never = SAID[lang]
    assert summary in said, said
    assert not any(ln.startswith(never) for ln in said.splitlines()), said
