# SPDX-License-Identifier: GPL-2.0-or-later
"""Why the Sync dock's Pull was greyed (a layer of the field package in an edit session) was
in its tip alone: a user who did not hover saw nothing. It is said under Pull too,
naming the layers (in the language QGIS speaks), and goes once no layer is edited."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.qgis.test_sync_dock_pull_greyed_while_editing import _package_layer

WAITS = {"en": ("Pull waits: layer {layers} is being edited — save or discard its edits and "
                "stop editing.",
                "Pull waits: layers {layers} are being edited — save or discard their edits "
                "and stop editing."),
         "zh": ("拉取需等待：图层 {layers} 正在编辑——请保存或放弃其编辑并停止编辑。",) * 2}
AND = {"en": ", ", "zh": "、"}


def _said(sync) -> tuple[bool, str]:
    """Whether the dock shows what Pull waits for, and what."""
    QgsApplication.processEvents()
    return sync.pull_waits.isVisibleTo(sync), sync.pull_waits.text()


def test_what_pull_waits_for_is_said_under_it(dock, master, tmp_path):  # noqa: F811
    lang, sync = dock
    pkg, patches = _package_layer(master, tmp_path)
    verifications = QgsVectorLayer(f"{pkg}|layername=patch_verifications",
                                   "patch_verifications", "ogr")
    assert verifications.isValid()
    QgsProject.instance().addMapLayer(verifications)
    sync.choose_package(str(pkg))
    assert _said(sync) == (False, "")
    assert patches.startEditing()
    gc.collect()
    assert _said(sync) == (True, WAITS[lang][0].format(layers="“mine_patches”"))
    assert not sync.pull_button.isEnabled()
    assert verifications.startEditing()
    gc.collect()
    both = AND[lang].join(("“mine_patches”", "“patch_verifications”"))  # (by layer id)
    assert _said(sync) == (True, WAITS[lang][1].format(layers=both))
    assert patches.rollBack()  # one edit session ended: the other still named
    gc.collect()
    assert _said(sync) == (True, WAITS[lang][0].format(layers="“patch_verifications”"))
    assert verifications.commitChanges()  # saved: nothing waits
    gc.collect()
    assert _said(sync) == (False, "")
    assert sync.pull_button.isEnabled()
    del patches, verifications
    QgsProject.instance().removeAllMapLayers()
    gc.collect()
