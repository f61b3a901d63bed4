# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog in a headless QGIS: load a source, see the mapping and the preview,
import in the background; a bad source keeps the Import button disabled."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from qgis_plugin.dialogs.import_data import ImportDialog
from tests.unit import import_layers as L


@pytest.fixture(scope="module")
def sources(plan_gpkg, tmp_path_factory):
    d = tmp_path_factory.mktemp("sources")
    s = L.surveyed(plan_gpkg)
    return {"shp": L.write_shapefile(d / "图斑.shp", s, epsg=4518),
            "gpkg": L.write_gpkg(d / "tb.gpkg", s),
            "bad": L.write_shapefile(d / "bad.shp", L.bad_patches(plan_gpkg), epsg=4518)}


def wait_for(dialog, timeout_s=30):
    import time
    end = time.time() + timeout_s
    while dialog.task is not None and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert dialog.task is None, "the import task did not finish"


def test_loads_a_source_shows_the_mapping_and_the_preview_and_imports(
        qgis_app, qgis_iface, master, sources):
    dlg = ImportDialog(qgis_iface, master)
    dlg.set_target("mine_patches")
    dlg.load_source(str(sources["shp"]))
    assert dlg.mapping() == {"图斑编号": "patch_code", "面积": "stated_area_m2",
                             "乡镇": "township", "矿种": "mineral",
                             "治理状态": "remediation_status"}
    assert dlg.mapping_table.rowCount() == 5
    plan = dlg.plan
    assert plan is not None and not plan.has_errors
    assert (len(plan.updates), len(plan.inserts), len(plan.missing)) == (10, 1, 1)
    tops = [dlg.changes_tree.topLevelItem(i).text(0)
            for i in range(dlg.changes_tree.topLevelItemCount())]
    assert any("(10)" in t for t in tops) and any("(1)" in t for t in tops)
    assert dlg.import_button.isEnabled()
    before = L.sha256(master)
    task = dlg.import_now()
    assert task is not None
    wait_for(dlg)
    assert dlg.result is not None, dlg.summary_label.text()
    assert (dlg.result.updated, dlg.result.inserted) == (10, 1)
    assert L.sha256(master) != before
    # a second preview of the same source: nothing left to do
    plan = dlg.preview()
    assert plan.updates == [] and plan.inserts == [] and len(plan.unchanged) == 11


def test_bad_source_lists_its_problems_and_cannot_be_imported(
        qgis_app, qgis_iface, master, sources):
    before = L.sha256(master)
    dlg = ImportDialog(qgis_iface, master)
    dlg.load_source(str(sources["bad"]))
    assert dlg.plan.has_errors
    assert not dlg.import_button.isEnabled()
    rows = dlg.problems_table.rowCount()
    assert rows == len(dlg.problems_shown) >= 4
    kinds = [p.kind for p in dlg.problems_shown]
    i = kinds.index("self_intersection")
    (row,) = [r for r in range(rows) if dlg.problems_table.item(r, 0).data(Qt.UserRole) == i]
    assert dlg.problems_table.item(row, 1).text() == "2"
    assert dlg.zoom_to_problem(row)
    severities = [dlg.problems_table.item(r, 0).text() for r in range(rows)]
    assert severities == sorted(severities, key=["Error", "Warning", "Note"].index)
    assert dlg.import_now() is None
    assert L.sha256(master) == before


def test_changing_the_mapping_in_the_table_previews_again(
        qgis_app, qgis_iface, master, sources):
    dlg = ImportDialog(qgis_iface, master)
    dlg.load_source(str(sources["gpkg"]), source_layer="kcfj_tb")
    assert dlg.source_layer_combo.isEnabled() and not dlg.plan.has_errors
    dlg.set_mapping("TBBH", None)  # no patch code: a required field left out
    assert dlg.plan.has_errors
    assert any(p.kind == "unmapped_required" for p in dlg.plan.errors)
    assert not dlg.import_button.isEnabled()
    dlg.set_mapping("TBBH", "patch_code")
    assert not dlg.plan.has_errors and dlg.import_button.isEnabled()


def test_every_mapping_row_is_on_the_screen(qgis_app, qgis_iface, master, sources):
    from tests.plan_build import ROOT

    dlg = ImportDialog(qgis_iface, master)
    dlg.set_target("mine_patches")
    dlg.load_source(str(sources["shp"]))
    dlg.show()
    for _ in range(5):
        QgsApplication.processEvents()
    table = dlg.mapping_table
    assert table.rowCount() == 5
    for i in range(table.rowCount()):
        top = table.rowViewportPosition(i)
        assert top >= 0 and top + table.rowHeight(i) <= table.viewport().height(), i
    (ROOT / "out").mkdir(exist_ok=True)
    dlg.grab().save(str(ROOT / "out" / "qgis_import.png"))
    dlg.close()


def test_an_import_into_a_field_package_says_its_edits_are_the_packages(
        qgis_app, qgis_iface, master, sources, tmp_path):
    """Imported into a GIS package cut to one township, the surveyed patches outside it come
    in as new: the dialog says the edits are the package's own, sent by its next export, and
    that a new patch the master holds already is refused by the merge (it said "imported"
    alone, and the merge added them a second time)."""
    from field_kit.sync import package_checkout

    pkg = tmp_path / "gt.gpkg"
    package_checkout.checkout(master, pkg, "gt", role="gis", township="郭勒布依乡")
    dlg = ImportDialog(qgis_iface, str(pkg))
    dlg.set_target("mine_patches")
    dlg.load_source(str(sources["shp"]))
    assert dlg.plan is not None and dlg.plan.inserts
    assert dlg.import_now() is not None
    wait_for(dlg)
    assert dlg.result is not None and dlg.result.in_package, dlg.summary_label.text()
    said = dlg.summary_label.text()
    assert said.splitlines()[1:] == [
        "These are the field package's own edits: its next export sends them. A new feature "
        "whose code the master holds already (outside this package's area) is refused by the "
        "merge: import such a source into the master."], said
