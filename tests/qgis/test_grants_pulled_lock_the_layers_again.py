# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's package open in QGIS, the plugin loaded, whose grants a pull changes (the
command line's while QGIS has it open, or the Sync dock's): its layers are locked again as
the grants now say, fields granted since opened, a layer taken away out of the edit session
started on it, and a save of edits the merge will now refuse says so. The Sync dock's pull
waits for an edit session on the package's layers to end, naming them."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from field_kit.cli.commands import main
from tests.qgis.test_partial_grants import DEPTH, WELLS, clear_project, technician_package
from tests.qgis.test_plugin import _wait_for

NAME = "名称"


def wells_layer(tech) -> QgsVectorLayer:
    return next(layer for layer in QgsProject.instance().mapLayers().values()
                if layer.source() == f"{tech}|layername={WELLS}")


def read_only(layer: QgsVectorLayer, field: str) -> bool:
    return layer.editFormConfig().readOnly(layer.fields().indexOf(field))


def pulled(master, tech, *roles: str) -> None:
    """The supervisor's grants changed, then the package pulled on the command line."""
    assert main(["roles", str(master), *roles]) == 0
    assert main(["pull", str(tech), str(master)]) == 0


def opened(plugin, master, tmp_path) -> tuple:
    """A technician's package granting the wells' depth, open in QGIS: it, its wells."""
    tech = technician_package(master, tmp_path)
    plugin.load(tech)
    return tech, wells_layer(tech)


def typed(layer: QgsVectorLayer, field: str, value) -> None:
    """A value typed in the first well's form."""
    layer.beginEditCommand(field)
    layer.changeAttributeValue(1, layer.fields().indexOf(field), value)
    layer.endEditCommand()
    QgsApplication.processEvents()


def said(iface, heard: int) -> str:
    return "\n".join(f"{kind}: {text}" for kind, _, text in iface.messages[heard:])


def test_a_field_granted_by_a_pull_on_the_command_line_opens_as_editing_starts(
        plugin, iface, master, tmp_path):
    tech, layer = opened(plugin, master, tmp_path)
    assert read_only(layer, NAME) and not read_only(layer, DEPTH)
    heard = len(iface.messages)
    pulled(master, tech, "--grant", "technician", f"{WELLS}.{NAME}")
    assert layer.startEditing()
    QgsApplication.processEvents()
    assert not read_only(layer, NAME) and not read_only(layer, DEPTH)
    assert "locked again as they now say" in said(iface, heard), said(iface, heard)
    assert f"{WELLS} (only {NAME}, {DEPTH})" in said(iface, heard), said(iface, heard)
    # a name typed now is kept, not taken back as a field outside the grant
    typed(layer, NAME, "三号井")
    assert layer.getFeature(1)[NAME] == "三号井"
    assert layer.commitChanges()
    del layer
    clear_project()


def test_a_layer_taken_away_by_a_pull_on_the_command_line_is_locked(
        plugin, iface, master, tmp_path):
    tech, layer = opened(plugin, master, tmp_path)
    assert not layer.readOnly()
    heard = len(iface.messages)
    pulled(master, tech, "--revoke", "technician", f"{WELLS}.{DEPTH}")
    layer.startEditing()
    QgsApplication.processEvents()
    assert not layer.isEditable() and layer.readOnly()
    assert "a technician may no longer change" in said(iface, heard), said(iface, heard)
    del layer
    clear_project()


def test_a_save_of_edits_a_pull_took_the_grant_of_says_they_will_be_refused(
        plugin, iface, master, tmp_path):
    tech, layer = opened(plugin, master, tmp_path)
    assert layer.startEditing()
    typed(layer, DEPTH, 40.0)
    heard = len(iface.messages)
    pulled(master, tech, "--revoke", "technician", f"{WELLS}.{DEPTH}")
    assert layer.commitChanges()
    QgsApplication.processEvents()
    told = said(iface, heard)
    assert "critical: " in told and "is saved with edits the merge will refuse" in told, told
    assert layer.readOnly()  # (locked once its edit session ended)
    del layer
    clear_project()


def test_the_sync_docks_pull_locks_the_packages_layers_again(plugin, iface, master,
                                                             tmp_path):
    tech = technician_package(master, tmp_path)
    plugin.load(master)
    # the package's layer added beside the master's, as from QGIS's browser
    layer = QgsVectorLayer(f"{tech}|layername={WELLS}", WELLS, "ogr")
    QgsProject.instance().addMapLayer(layer)
    assert read_only(layer, NAME) and not layer.readOnly()
    dock = plugin.show_sync()
    dock.choose_package(str(tech))
    heard = len(iface.messages)
    assert main(["roles", str(master), "--revoke", "technician", f"{WELLS}.{DEPTH}"]) == 0
    dock.pull_button.click()
    _wait_for(dock)
    gc.collect()
    assert layer.readOnly()
    assert f"changed what may be changed of {WELLS}: locked again" in \
        dock.report.toPlainText(), dock.report.toPlainText()
    (kind, _, bar), = iface.messages[heard:]
    assert kind == "warning" and "locked again" in bar, bar
    del layer
    iface.mapCanvas().waitWhileRendering()
    clear_project()


def test_the_sync_docks_pull_waits_for_the_packages_edit_session_to_end(
        plugin, iface, master, tmp_path):
    """As QGIS reloads no layer in an edit session: the pull is not done while one of the
    package's layers is being edited, the layer named on the bar (titled as every other
    refusal of a pull) and in the report, the edits typed kept; once saved, the pull runs
    and locks the layer as the grants say."""
    from tests.unit.gpkg_factory import sha256_file

    tech = technician_package(master, tmp_path)
    plugin.load(master)
    layer = QgsVectorLayer(f"{tech}|layername={WELLS}", WELLS, "ogr")
    QgsProject.instance().addMapLayer(layer)
    dock = plugin.show_sync()
    dock.choose_package(str(tech))
    assert layer.startEditing()
    typed(layer, DEPTH, 40.0)
    assert main(["roles", str(master), "--revoke", "technician", f"{WELLS}.{DEPTH}"]) == 0
    before = sha256_file(tech)
    heard = len(iface.messages)
    # not offered while it is edited; a pull asked for all the same refuses
    assert not dock.pull_button.isEnabled()
    dock.pull_package()
    QgsApplication.processEvents()
    assert dock.task is None  # nothing run
    (kind, title, bar), = iface.messages[heard:]
    assert kind == "warning" and f"Not pulled: “{WELLS}” of {tech.name} is being edited" \
        in bar, bar
    # titled as every other refusal of a pull
    assert title == "Master not pulled into the field package", title
    assert f"“{WELLS}”" in dock.report.toPlainText(), dock.report.toPlainText()
    assert sha256_file(tech) == before
    assert layer.isEditable() and layer.editBuffer().changedAttributeValues()
    # saved and the edit session ended: the pull runs and locks it as the grants now say
    assert layer.commitChanges()
    gc.collect()
    assert dock.pull_button.isEnabled()
    dock.pull_button.click()
    _wait_for(dock)
    gc.collect()
    assert layer.readOnly()
    assert "locked again" in dock.report.toPlainText(), dock.report.toPlainText()
    del layer
    iface.mapCanvas().waitWhileRendering()
    clear_project()
