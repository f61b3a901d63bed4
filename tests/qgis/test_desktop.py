# SPDX-License-Identifier: GPL-2.0-or-later
"""End to end: the packaged plugin in the real QGIS desktop, under Xvfb."""

from __future__ import annotations

import pytest

from tests.plan_build import ROOT
from tests.qgis.desktop import run_qgis

OPEN_PLAN = r'''
import json, os
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
import qgis.utils

result = {}

def check(result):
    iface = qgis.utils.iface
    plugin = qgis.utils.plugins.get("toksun_restoration")
    result["plugin_loaded"] = plugin is not None
    menu_actions = [a.text() for a in iface.pluginMenu().actions()]
    result["menu"] = menu_actions
    action = next(a for a in plugin.actions if a.objectName() == "toksun_open_plan")
    result["action_text"] = action.text()
    action.trigger()
    for _ in range(5):
        QgsApplication.processEvents()
    project = QgsProject.instance()
    result["layers"] = sorted(l.name() for l in project.mapLayers().values())
    result["counts"] = {l.name(): l.featureCount() for l in project.mapLayers().values()}
    group = project.layerTreeRoot().findGroup("托克逊生态修复规划 / Toksun restoration plan")
    result["group"] = group is not None
    canvas = iface.mapCanvas()
    canvas.refreshAllLayers()
    canvas.waitWhileRendering()
    e = canvas.extent()
    result["extent_width_m"] = e.width()
    result["crs"] = QgsProject.instance().crs().authid()
    shot = os.path.join(os.environ["TOKSUN_E2E_DIR"], "qgis_plan.png")
    iface.mainWindow().grab().save(shot)
    result["screenshot"] = shot
    plugin.unload()
    result["after_unload_layers"] = len(QgsProject.instance().mapLayers())
'''


@pytest.mark.slow
def test_open_plan_in_the_real_qgis_desktop(plugin_zip, tmp_path):
    result = run_qgis(plugin_zip, OPEN_PLAN, tmp_path)
    assert "error" not in result, result.get("error")
    assert result["crs"] == "EPSG:4504"
    assert result["plugin_loaded"]
    assert result["group"]
    assert result["action_text"] == "打开规划"  # zh_CN locale: the translated text
    assert len(result["layers"]) == 15
    assert result["counts"]["历史遗留矿山图斑 Legacy mine patches"] == 11
    assert result["counts"]["生态修复分区 Restoration zones"] == 4
    # zoomed to the county (about 160 km across), in the display projection's metres
    assert 100_000 < result["extent_width_m"] < 600_000
    assert result["after_unload_layers"] == 15  # the user's layers stay in their project
    (ROOT / "out").mkdir(exist_ok=True)
    import shutil
    shutil.copyfile(result["screenshot"], ROOT / "out" / "qgis_plan.png")


# the plan opened by the plugin, as a user's click does: the opening of a desktop script
PLAN_OPENED = r'''
result = {}

def check(result):
    plugin = qgis.utils.plugins["toksun_restoration"]
    plugin.open_plan()
    for _ in range(5):
        QgsApplication.processEvents()
'''


PANELS = r'''
import json, os
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
import qgis.utils

''' + PLAN_OPENED + r'''    patches = plugin.layers["mine_patches"]
    patches.selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
    dialog = plugin.verify_patch()
    dock = plugin.show_sync()
    dash = plugin.show_dashboard()
    for _ in range(5):
        QgsApplication.processEvents()
    qgis.utils.iface.mapCanvas().waitWhileRendering()
    result["form_title"] = dialog.windowTitle()
    result["dock_visible"] = dock.isVisible() and dash.isVisible()
    out = os.environ["TOKSUN_E2E_DIR"]
    qgis.utils.iface.mainWindow().grab().save(os.path.join(out, "qgis_panels.png"))
    dialog.grab().save(os.path.join(out, "qgis_form.png"))
    dialog.close()
    plugin.unload()
'''


@pytest.mark.slow
def test_forms_and_docks_in_the_real_qgis_desktop(plugin_zip, tmp_path):
    import shutil

    result = run_qgis(plugin_zip, PANELS, tmp_path)
    assert "error" not in result, result.get("error")
    assert result["form_title"] == "历史遗留矿山图斑核查"
    assert result["dock_visible"]
    for name in ("qgis_panels.png", "qgis_form.png"):
        shutil.copyfile(tmp_path / name, ROOT / "out" / name)


VERIFY_LIKE_A_USER = r'''
import gc, json, os, sqlite3
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, Qt, QTimer
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QPushButton
import qgis.utils

result = {"steps": []}
CODE = "CT6504222017000026002"


def settle():
    for _ in range(3):
        QgsApplication.processEvents()
    gc.collect()
    QgsApplication.processEvents()


def action(name):
    plugin = qgis.utils.plugins["toksun_restoration"]
    return next(a for a in plugin.actions if a.objectName() == name)


def dialog():
    """The open form, found on the screen each time (the test keeps no reference)."""
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and w.isVisible()
             and w.windowTitle() in ("历史遗留矿山图斑核查", "Legacy mine patch verification")]
    return found[0] if found else None


def editor(name):
    d = dialog()
    for w in d.findChildren(object):
        field = getattr(w, "field", None)
        if field is not None and getattr(field, "name", None) == name:
            return w
    raise AssertionError(f"the form has no live editor for {name} (its Python side is gone)")


def pick(name, code):
    combo = editor(name).combo
    combo.setFocus()
    for _ in range(40):
        if combo.currentData() == code:
            break
        QTest.keyClick(combo, Qt.Key_Down)
        QgsApplication.processEvents()
    result["steps"].append([name, combo.currentData()])


def type_into(edit, text):
    """Key presses, one a character (QTest's own only knows ASCII keys)."""
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key_A, Qt.ControlModifier)  # replace what is there
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        QgsApplication.processEvents()


def save_button():
    return next(b for b in dialog().findChildren(QPushButton) if b.objectName() == "save")


def check(result):
    action("toksun_open_plan").trigger()
    settle()
    layer = next(l for l in QgsProject.instance().mapLayers().values()
                 if l.source().endswith("layername=mine_patches"))
    layer.selectByExpression(f"\"patch_code\" = '{CODE}'")
    feature = next(layer.getFeatures(f"\"patch_code\" = '{CODE}'"))
    lon, lat = feature["centre_lon"], feature["centre_lat"]
    gpkg = layer.source().split("|")[0]
    del layer, feature
    action("toksun_verify_patch").trigger()
    settle()
    result["form_open"] = dialog() is not None
    result["save_enabled_at_start"] = save_button().isEnabled()
    QTest.mouseClick(save_button(), Qt.LeftButton)  # Save tried on the empty form
    settle()
    with sqlite3.connect(gpkg) as conn:
        result["records_at_start"] = conn.execute(
            "SELECT count(*) FROM patch_verifications").fetchone()[0]
    result["open_after_empty_save"] = dialog() is not None
    result["save_enabled_after_empty_save"] = save_button().isEnabled()
    for name, code in (("patch_class", "10"), ("patch_subclass", "11"),
                       ("damage_type", "挖损"), ("patch_feature", "1"),
                       ("remediation_status", "A")):
        pick(name, code)
        settle()
    type_into(editor("verifier").edit, "李明")
    settle()
    type_into(editor("verified_on").edit, "2025-05-20")
    settle()
    type_into(editor("measured_area_m2").edit, "110000")
    settle()
    edits = editor("position").edits
    type_into(edits["position_lon"], f"{lon:.6f}")
    type_into(edits["position_lat"], f"{lat:.6f}")
    type_into(edits["position_accuracy_m"], "3")
    del edits
    settle()
    with sqlite3.connect(gpkg) as conn:
        result["drafts"] = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'form_drafts'").fetchone()[0] \
            and conn.execute("SELECT count(*) FROM form_drafts").fetchone()[0]
    button = save_button()
    result["save_enabled"] = button.isEnabled()
    dialog().grab().save(os.path.join(os.environ["TOKSUN_E2E_DIR"], "qgis_form_filled.png"))
    QTest.mouseClick(button, Qt.LeftButton)
    del button
    settle()
    with sqlite3.connect(gpkg) as conn:
        result["records"] = conn.execute(
            "SELECT patch_code, patch_class, patch_subclass, remediation_status, verifier, "
            "verified_on FROM patch_verifications").fetchall()
    dialog().close()
    settle()
'''


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["zh_CN", "en_US"])
def test_a_user_verifies_a_patch_in_a_fresh_profile(plugin_zip, tmp_path, locale):
    """Toolbar action, real key and mouse events, no reference kept by the test and the
    garbage collector run between steps: the form takes the input and saves the record."""
    import shutil

    result = run_qgis(plugin_zip, VERIFY_LIKE_A_USER, tmp_path, locale=locale)
    assert "error" not in result, result.get("error")
    assert result["form_open"]
    # nothing filled in yet: Save may be tried, and is refused (the missing fields named)
    assert result["save_enabled_at_start"]
    assert result["records_at_start"] == 0 and result["open_after_empty_save"]
    assert not result["save_enabled_after_empty_save"]
    assert result["drafts"] >= 1  # each edit was kept as a draft
    assert result["save_enabled"], result["steps"]
    assert result["records"] == [[
        "CT6504222017000026002", "10", "11", "A", "李明", "2025-05-20"]]
    (ROOT / "out").mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / "qgis_form_filled.png",
                    ROOT / "out" / f"qgis_form_filled_{locale}.png")


WHEEL_OVER_A_FORM = r'''
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QWheelEvent
from qgis.PyQt.QtWidgets import QComboBox
import qgis.utils

''' + PLAN_OPENED + r'''    patches = plugin.layers["mine_patches"]
    patches.startEditing()
    feature = next(patches.getFeatures("\"patch_code\" = 'CT6504222017000026002'"))
    dialog = qgis.utils.iface.getFeatureForm(patches, feature)  # as Identify opens it
    dialog.show()
    for _ in range(10):
        QgsApplication.processEvents()
    combos = [c for c in dialog.findChildren(QComboBox) if c.isVisible() and c.count() > 2]
    before = [c.currentIndex() for c in combos]
    dialog.setFocus()
    for combo in combos:  # a hand scrolling the form over each drop-down, down and down
        for delta in (-120, -120):
            centre = QPointF(combo.rect().center())
            QgsApplication.sendEvent(combo, QWheelEvent(
                centre, QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                QPoint(0, delta), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False))
            QgsApplication.processEvents()
    result["combos"] = len(combos)
    result["changed"] = [c.currentText() for c, was in zip(combos, before)
                         if c.currentIndex() != was]
    dialog.reject()
    dialog.deleteLater()  # closed, as a user's OK or Cancel leaves it
    patches.rollBack()
    for _ in range(5):
        QgsApplication.processEvents()
    plugin.unload()
'''


@pytest.mark.slow
def test_the_wheel_over_a_feature_forms_drop_downs_changes_none(plugin_zip, tmp_path):
    """QGIS's own form of a patch, scrolled with the mouse wheel over its drop-downs (the
    mineral, phase, township): none changes (each took another value, saved by OK)."""
    result = run_qgis(plugin_zip, WHEEL_OVER_A_FORM, tmp_path, locale="zh_CN")
    assert "error" not in result, result.get("error")
    assert result["combos"] >= 3 and result["changed"] == [], result


WHEEL_OVER_A_RECORD_FORM = r"""
from qgis.core import QgsApplication, QgsFeature
from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QWheelEvent
from qgis.PyQt.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox
import qgis.utils

""" + PLAN_OPENED + r"""    records = plugin.layers["patch_verifications"]
    records.startEditing()
    dialog = qgis.utils.iface.getFeatureForm(records, QgsFeature(records.fields()))
    dialog.resize(dialog.width(), 500)  # (short: the form scrolls)
    dialog.show()
    for _ in range(10):
        QgsApplication.processEvents()
    dates = [d for d in dialog.findChildren(QAbstractSpinBox) if d.isVisible()]
    before = [d.text() for d in dates]
    area = next(a for a in dialog.findChildren(QAbstractScrollArea)
                if a.verticalScrollBar().maximum() > 0 and a.isAncestorOf(dates[0]))
    top = area.verticalScrollBar().value()
    dialog.setFocus()
    for date in dates:  # a hand scrolling the form over each date, down and down
        for delta in (-120, -120):
            centre = QPointF(date.rect().center())
            QgsApplication.sendEvent(date, QWheelEvent(
                centre, QPointF(date.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                QPoint(0, delta), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False))
            QgsApplication.processEvents()
    result["dates"] = [d.objectName() for d in dates]
    result["changed"] = [f"{d.objectName()}: {was} -> {d.text()}"
                         for d, was in zip(dates, before) if d.text() != was]
    result["scrolled"] = area.verticalScrollBar().value() > top
    # a real wheel (not one sent as here) first focuses a widget it may focus, and a
    # focused widget takes the turn: none under the wheel may be focused by it
    result["wheel_focused"] = [w.objectName() for w in dialog.findChildren(
        (QComboBox, QAbstractSpinBox)) if w.focusPolicy() == Qt.WheelFocus]
    dialog.reject()
    dialog.deleteLater()
    records.rollBack()
    for _ in range(5):
        QgsApplication.processEvents()
    plugin.unload()
"""


@pytest.mark.slow
def test_the_wheel_over_a_record_forms_dates_changes_none(plugin_zip, tmp_path):
    """QGIS's own form of a patch verification (Identify, the attribute table, a PostgreSQL
    master's record), scrolled with the mouse wheel over its dates: the form scrolls, the
    verification's date stays (the wheel moved it a day a notch, saved by OK), and no drop-
    down or date is focused by a wheel (a real one focuses it first, then turns it)."""
    result = run_qgis(plugin_zip, WHEEL_OVER_A_RECORD_FORM, tmp_path, locale="zh_CN")
    assert "error" not in result, result.get("error")
    assert "verified_on" in result["dates"], result
    assert result["changed"] == [], result
    assert result["scrolled"], result
    assert result["wheel_focused"] == [], result


EDITING_ONE_PLAN_LAYER = r'''
import sqlite3
from qgis.core import QgsApplication
import qgis.utils

''' + PLAN_OPENED + r'''    counts = lambda: {name: sum(1 for _ in layer.getFeatures())
                      for name, layer in plugin.layers.items()}
    result["before"] = counts()
    patches = plugin.layers["mine_patches"]
    patches.startEditing()
    for _ in range(10):  # (the map drawn meanwhile, as on a desktop)
        QgsApplication.processEvents()
    path = patches.source().split("|")[0]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    result["journal"] = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    result["editing"] = counts()
    patches.rollBack()
    plugin.unload()
'''


@pytest.mark.slow
def test_every_plan_layer_reads_while_one_is_edited(plugin_zip, tmp_path):
    """QGIS switched the plan to WAL as a layer entered editing, while its other layers read
    through connections that cannot read WAL: they, and the edited layer, read nothing
    ("unable to open database file"), now and then."""
    result = run_qgis(plugin_zip, EDITING_ONE_PLAN_LAYER, tmp_path, locale="zh_CN")
    assert "error" not in result, result.get("error")
    assert result["journal"] == "delete"
    assert result["before"]["mine_patches"] == 11
    assert result["editing"] == result["before"]


FORM_LEFT_OPEN = r'''
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QComboBox
import qgis.utils

''' + PLAN_OPENED + r'''    patches = plugin.layers["mine_patches"]
    feature = next(patches.getFeatures("\"patch_code\" = 'CT6504222017000026002'"))
    dialog = qgis.utils.iface.getFeatureForm(patches, feature)  # as Identify opens it
    dialog.show()
    for _ in range(10):
        QgsApplication.processEvents()
    result["guarded"] = sum(1 for c in dialog.findChildren(QComboBox) if c.isVisible())
    # and the user quits QGIS with the form still open
'''


@pytest.mark.slow
def test_quitting_qgis_with_a_feature_form_open(plugin_zip, tmp_path):
    """A patch's form (whose init function the plugin set) left open as QGIS quits: QGIS
    ends cleanly (it crashed, ending the form's Python after Python itself had ended)."""
    result = run_qgis(plugin_zip, FORM_LEFT_OPEN, tmp_path, locale="zh_CN")
    assert "error" not in result, result.get("error")
    assert result["guarded"] >= 3


HISTORY_CLOSED = r'''
import gc
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QApplication
import qgis.utils

''' + PLAN_OPENED + r'''    patches = plugin.layers["mine_patches"]
    qgis.utils.iface.setActiveLayer(patches)
    patches.selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
    next(a for a in plugin.actions if a.objectName() == "toksun_show_history").trigger()
    for _ in range(5):
        QgsApplication.processEvents()
    shown = [w for w in QApplication.topLevelWidgets()
             if type(w).__name__ == "HistoryDialog" and w.isVisible()]
    result["shown"] = len(shown)
    for dialog in shown:
        dialog.close()
    del shown, dialog
    for _ in range(5):
        QgsApplication.processEvents()
    gc.collect()
    # and the user quits QGIS
'''


@pytest.mark.slow
def test_quitting_qgis_after_a_history_was_closed(plugin_zip, tmp_path):
    """A feature's History opened from the toolbar (its plan layer made the active one) and
    closed: QGIS then quits cleanly, as its user quits it."""
    result = run_qgis(plugin_zip, HISTORY_CLOSED, tmp_path, locale="zh_CN")
    assert "error" not in result, result.get("error")
    assert result["shown"] == 1
