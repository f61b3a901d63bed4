# SPDX-License-Identifier: GPL-2.0-or-later
"""The History dialog of a patch lists the records on it (its verifications), as
``field-kit history`` lists them: each by its layer, name, day and who made it; a double
click opens the record's own history. In English and in Chinese."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsFeatureRequest

from tests.qgis.conftest import plugin_speaking
from tests.qgis.test_plugin import _field_edit, _wait_for

SAID = {"en_US": ("Records on it (1)", "Patch verifications", "Record", "By"),
        "zh_CN": ("其上的记录（1 条）", "图斑核查记录", "记录", "记录人")}


def merged_on_a_patch(plugin, tmp_path):
    """A technician's verification merged into the master from the Sync dock: the record
    and the patch it is on, as the layers read them now."""
    sync = plugin.show_sync()
    sync.package_list.addItem(str(_field_edit(plugin.gpkg, tmp_path, "tech-li", "李明",
                                              verified_on="2026-05-04")))
    sync.merge_packages()
    _wait_for(sync)
    gc.collect()
    if sync.report_dialog is not None:
        sync.report_dialog.close()
    verifications = plugin.layers["patch_verifications"]
    verifications.reload()
    record = next(verifications.getFeatures())
    patch = next(plugin.layers["mine_patches"].getFeatures(
        QgsFeatureRequest().setFilterExpression(f"uuid = '{record['patch_uuid']}'")))
    return record, patch


@pytest.mark.parametrize("locale", sorted(SAID))
def test_a_patchs_history_lists_its_verifications(iface, master, tmp_path, locale):
    title, layer_title, record_head, by_head = SAID[locale]
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        record, patch = merged_on_a_patch(plugin, tmp_path)
        patches = plugin.layers["mine_patches"]
        patches.selectByIds([patch.id()])
        iface.setActiveLayer(patches)
        dialog = plugin.show_history()
        assert dialog is not None
        box = dialog.records
        assert box is not None and box.title() == title
        heads = [box.table.horizontalHeaderItem(j).text()
                 for j in range(box.table.columnCount())]
        row = {h: box.table.item(0, j).text() for j, h in enumerate(heads)}
        assert row[record_head] == layer_title
        assert row[by_head] == "李明"
        assert record["patch_code"] in next(v for v in row.values()
                                            if "2026-05-04" in v), row
        opened = box.open_record(0)  # as a double click opens it
        assert opened.isVisible()
        assert "李明" in [opened.table.item(i, j).text()
                         for i in range(opened.table.rowCount())
                         for j in range(opened.table.columnCount())]
        opened.close()
        dialog.close()
