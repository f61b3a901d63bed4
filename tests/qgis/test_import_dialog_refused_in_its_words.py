# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog says a refused import in its own words, in English and in Chinese: a
field to map is mapped in its field mapping table (not the command line's --mapping), and
what a refused import would update, add or delete is said as what would be written once the
errors are fixed, nothing written."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from tests.qgis.test_import_dialog_kml_csv import _previewed, _typed
from tests.qgis.test_import_dialog_refused import (  # noqa: F401 (fixtures)
    _problems,
    _pump,
    import_dialog,
    speaking,
)
from tests.unit import import_layers as L

pytest.importorskip("pyproj")

MAPPED = {"en": "choose patch_code for TBBH in the “Field mapping” table",
          "zh": "在“字段对应”表中为 TBBH 选择 patch_code"}
REFUSED = {"en": ("would be updated 8, new 1 once the errors are fixed (nothing written), "
                  "unchanged 0", "updated 8",
                  "Missing from the source: would be deleted once the errors are fixed (3)"),
           "zh": ("改正错误后将更新 8，新增 1（未写入），未变 0", "更新 8",
                  "数据源中缺少：改正错误后将删除 (3)")}


def test_a_field_to_map_is_mapped_in_the_mapping_table(
        import_dialog, plan_gpkg, tmp_path, speaking):  # noqa: F811
    dlg = import_dialog
    _typed(dlg, L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg)))
    assert dlg.plan is not None and not dlg.plan.has_errors, dlg.summary_label.text()
    dlg.set_mapping("TBBH", None)  # the patch code's field left unmapped in the table
    _pump()
    said = _problems(dlg)
    assert any(MAPPED[speaking] in p for p in said), said
    assert not any("--mapping" in p for p in said), said


def _refused(dlg, plan_gpkg, tmp_path) -> None:
    """A source with a code in no national format typed, “Delete features missing from the
    source” ticked: the import refused."""
    patches = L.surveyed(plan_gpkg)
    patches = [patches[1] | {"code": "CT123"}, *patches[2:]]
    QTest.mouseClick(dlg.delete_missing, Qt.LeftButton)
    _pump()
    _typed(dlg, L.write_gpkg(tmp_path / "tb.gpkg", patches))
    assert dlg.delete_missing.isChecked() and dlg.plan is not None and dlg.plan.has_errors


def test_a_refused_import_says_what_it_would_write(
        import_dialog, plan_gpkg, tmp_path, speaking):  # noqa: F811
    _refused(import_dialog, plan_gpkg, tmp_path)
    summary, never, _ = REFUSED[speaking]
    text = import_dialog.summary_label.text()
    assert summary in text, text
    assert not any(ln.startswith(never) for ln in text.splitlines()), text


def test_a_refused_import_says_what_it_would_delete(
        import_dialog, plan_gpkg, tmp_path, speaking):  # noqa: F811
    _refused(import_dialog, plan_gpkg, tmp_path)
    heading = REFUSED[speaking][2]
    assert heading in _previewed(import_dialog), _previewed(import_dialog)
