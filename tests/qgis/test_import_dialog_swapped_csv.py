# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog, given a list of boundary points whose longitude column holds the
latitudes, says once for the whole file, in English or in Chinese, which two columns'
headers to exchange, naming the rows briefly (a row of the problems table each repeated
it), and a double-click on it zooms to where they all lie."""

from __future__ import annotations

import pytest

from tests.qgis.test_import_dialog_kml_csv import _typed
from tests.qgis.test_import_dialog_refused import (  # noqa: F401 (fixtures)
    _problems,
    _pump,
    import_dialog,
    speaking,
)
from tests.unit import import_layers as L
from tests.unit.test_import_swapped_csv import FIX, swapped_points

pytest.importorskip("pyproj")

ALL = {"en": "all {n} features lie more than 0.5° beyond the county",
       "zh": "全部 {n} 个要素位于县域范围外接矩形"}


def test_a_swapped_csv_is_said_once_naming_the_columns_to_exchange(
        import_dialog, plan_gpkg, tmp_path, speaking):  # noqa: F811
    dlg = import_dialog
    patches = L.surveyed(plan_gpkg)
    _typed(dlg, swapped_points(tmp_path / "界址点.csv", "点号,经度,纬度,图斑编号", patches))
    assert dlg.plan is not None and dlg.plan.has_errors, dlg.summary_label.text()
    assert not dlg.import_button.isEnabled()
    said = _problems(dlg)
    beyond = [(i, p) for i, p in enumerate(said) if "0.5°" in p]
    assert len(beyond) == 1, said
    row, text = beyond[0]
    assert ALL[speaking].format(n=len(patches)) in text, text
    assert FIX[speaking] in text, text
    assert "--" not in text, text
    assert dlg.zoom_to_problem(row)
