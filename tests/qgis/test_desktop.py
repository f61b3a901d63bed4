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

def finish():
    try:
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
    except Exception as e:  # the test reads the error from the result
        import traceback
        result["error"] = traceback.format_exc()
    with open(os.environ["TOKSUN_E2E_RESULT"], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    QgsApplication.exit(0)

QTimer.singleShot(4000, finish)
'''


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    import importlib.util

    from tests.plan_build import build_module  # noqa: F401  (the plan must exist)

    spec = importlib.util.spec_from_file_location(
        "package_plugin", ROOT / "resources" / "package_plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(tmp_path_factory.mktemp("dist"))


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
    assert result["after_unload_layers"] == 0
    (ROOT / "out").mkdir(exist_ok=True)
    import shutil
    shutil.copyfile(result["screenshot"], ROOT / "out" / "qgis_plan.png")


PANELS = r'''
import json, os
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
import qgis.utils

result = {}

def finish():
    try:
        plugin = qgis.utils.plugins["toksun_restoration"]
        plugin.open_plan()
        for _ in range(5):
            QgsApplication.processEvents()
        patches = plugin.layers["mine_patches"]
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
    except Exception:
        import traceback
        result["error"] = traceback.format_exc()
    with open(os.environ["TOKSUN_E2E_RESULT"], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    QgsApplication.exit(0)

QTimer.singleShot(4000, finish)
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
