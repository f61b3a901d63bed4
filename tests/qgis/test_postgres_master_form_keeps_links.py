# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master's patch opened in QGIS's feature form: the database's own key (fid)
is not shown, and the patch's project is picked from the projects' ids, its uuid and name
not typed over, as on a GeoPackage master."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QComboBox, QWidget

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_layer_forms_keep_links import _editor, not_typed_over
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401 (a fixture)


def test_a_postgres_patch_form_hides_fid_and_keeps_its_project_link(
        iface, province):  # noqa: F811 (the fixture)
    from qgis.gui import QgsAttributeDialog

    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        patches, projects = plugin.layers["mine_patches"], plugin.layers["restoration_projects"]
        assert patches.providerType() == "postgres"
        ids = {f["project_id"] for f in projects.getFeatures()}
        assert patches.startEditing()
        dialog = QgsAttributeDialog(patches, next(patches.getFeatures()), False, None, True)
        try:
            form = dialog.attributeForm()
            assert not [w for w in form.findChildren(QWidget)
                        if w.objectName() == "fid" and w.isVisibleTo(dialog)]
            box = _editor(form, "project_id")
            assert isinstance(box, QComboBox) and not box.isEditable()
            assert {d for d in (box.itemData(i) for i in range(box.count()))
                    if isinstance(d, str) and d} == ids
            for column in ("project_uuid", "project_name"):
                assert not_typed_over(_editor(form, column)), column
        finally:
            sip.delete(dialog)
            patches.rollBack()
            QgsApplication.processEvents()
    finally:
        plugin.unload()
