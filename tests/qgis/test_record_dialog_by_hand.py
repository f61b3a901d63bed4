# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's verification dialog driven by the keyboard, as a hand drives it."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from tests.qgis.test_plugin import plugin  # noqa: F401 (the plugin, the master open)

CODE = "CT6504222017000026002"


def _saved_record(plugin) -> str:  # noqa: F811
    patches = plugin.layers["mine_patches"]
    patches.selectByExpression(f"\"patch_code\" = '{CODE}'")
    dialog = plugin.verify_patch()
    form = dialog.form
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    for column, value in (("patch_class", "10"), ("patch_subclass", "11"),
                          ("damage_type", "挖损"), ("patch_feature", "1"),
                          ("remediation_status", "A"), ("mineral", "建筑用砂"),
                          ("verifier", "Li"), ("verifying_unit", "托克逊县自然资源局"),
                          ("verified_on", "2025-05-20"), ("measured_area_m2", 110000),
                          ("position_lon", feature["centre_lon"]),
                          ("position_lat", feature["centre_lat"])):
        form.set_value(column, value)
    uuid = form.save()
    assert uuid, [p.message("en") for p in form.problems]
    dialog.close()
    return uuid


def test_enter_in_a_box_keeps_the_record_being_corrected(plugin, qtbot):  # noqa: F811
    """A saved record opened again, a name corrected and Enter pressed in its box: the
    dialog still shows that record with the correction (Enter clicked "New record", the
    dialog's default button, and an empty new record took its place)."""
    uuid = _saved_record(plugin)
    dialog = plugin.verify_patch()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    form = dialog.form
    assert form.record_uuid == uuid
    box = form.editor("verifier").edit
    box.setFocus()
    qtbot.keyClicks(box, " Ming")
    qtbot.keyClick(box, Qt.Key_Return)
    QgsApplication.processEvents()
    assert dialog.isVisible()
    assert dialog.form.record_uuid == uuid
    assert dialog.form.editor("verifier").edit.text() == "Li Ming"
    dialog.close()
