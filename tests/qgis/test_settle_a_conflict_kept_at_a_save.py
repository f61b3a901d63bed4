# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts: a conflict kept when an edit was saved in QGIS over another made in
psql belongs to no package (no merge recorded it): the buttons that settle a whole package
are not offered for it, and say why; one a merge recorded is offered them as before."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication

from field_kit.sync import masters
from field_kit.sync.postgis import address
from tests.postgis.test_postgis_master import export, value
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401 (a fixture)
from tests.qgis.test_settle_conflicts import opened
from tests.unit.gpkg_factory import edit

NO_PACKAGE = ("This conflict was kept when an edit was saved in QGIS or in the database over "
              "another's: no merge recorded it, so it belongs to no package. Settle it by "
              "itself with the buttons above.")


def saved_over_a_psql_edit(plugin, database) -> str:
    """In QGIS, the first patch's section edited; meanwhile set in psql and committed; then
    saved from QGIS. The patch's uuid."""
    layer = plugin.layers["mine_patches"]
    feature = min(layer.getFeatures(), key=lambda f: f["patch_code"])
    assert layer.startEditing()
    assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("section"),
                                      "anna10")
    other = address.connect(database)
    try:
        with other.cursor() as cur:
            cur.execute("SET application_name = 'psql'")
            cur.execute("UPDATE mine_patches SET section = 'li-7' WHERE uuid = %s",
                        (feature["uuid"],))
        other.commit()
    finally:
        other.close()
    assert layer.commitChanges(), layer.commitErrors()
    uuid = feature["uuid"]
    del layer, feature
    gc.collect()
    QgsApplication.processEvents()
    return uuid


def select(dialog, conflict_id: int) -> None:
    row = next(i for i in range(dialog.table.rowCount())
               if dialog.table.item(i, 0).data(0) == conflict_id)
    dialog.table.selectRow(row)
    QgsApplication.processEvents()


def test_a_conflict_kept_at_a_save_is_settled_by_itself(plugin, province,  # noqa: F811
                                                         tmp_path):
    open_saved(plugin)
    uuid = saved_over_a_psql_edit(plugin, province)
    (saved,) = masters.conflicts(province)
    assert (saved.ours, saved.theirs, saved.merge_id) == ("anna10", "li-7", None)
    # and one a merge recorded: a GIS package's edit of a field edited in psql since
    from field_kit.cli.commands import main
    pkg = tmp_path / "gis.gpkg"
    assert main(["checkout", province, str(pkg), "--device", "gis-1", "--role", "gis"]) == 0
    other = value(province, "SELECT uuid FROM mine_patches WHERE uuid <> %s ORDER BY uuid "
                  "LIMIT 1", uuid)
    value(province, "UPDATE mine_patches SET section = 'in-psql' WHERE uuid = %s "
          "RETURNING uuid", other)
    edit(pkg, "UPDATE mine_patches SET section = 'in-field' WHERE uuid = ?", other)
    assert main(["merge", province, export(pkg, tmp_path)]) == 1
    merged = next(c for c in masters.conflicts(province) if c.merge_id is not None)

    dialog = opened(plugin)
    select(dialog, saved.id)
    for b in (dialog.all_theirs, dialog.all_ours):
        assert not b.isEnabled(), b.text()
        assert b.toolTip() == NO_PACKAGE
    assert all(b.isEnabled() for b in dialog.take_buttons.values())
    dialog.settle_package("theirs")  # (as a click would, were it offered)
    assert dialog.message.text() == NO_PACKAGE
    assert len(masters.conflicts(province)) == 2  # nothing settled
    select(dialog, merged.id)
    assert dialog.all_theirs.isEnabled() and dialog.all_ours.isEnabled()
    assert dialog.all_theirs.text() == "Take the other value for all of this package"
    select(dialog, saved.id)
    dialog.take_buttons["theirs"].click()
    QgsApplication.processEvents()
    assert value(province, "SELECT section FROM mine_patches WHERE uuid = %s", uuid) == "li-7"
    assert [c.id for c in masters.conflicts(province)] == [merged.id]
