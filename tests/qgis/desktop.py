# SPDX-License-Identifier: GPL-2.0-or-later
"""Run the real QGIS desktop under Xvfb with the packaged plugin installed in a fresh profile.

``run_qgis(zip, script)`` unzips the plugin into a new profile, enables it, starts
``qgis --code script`` on a virtual screen and returns what the script wrote to
``result.json``. A script defines a dict ``result`` and ``check(result)``, which QGIS
calls once it is up (:data:`HARNESS`, added to the script, writes ``result`` whatever
happens, with the traceback of an error, then quits QGIS).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

PLUGIN_DIR = "toksun_restoration"

PROFILE_INI = """[PythonPlugins]
{plugin}=true

[qgis]
checkVersion=false
showTips322=false
"""


# what every script ends with: check(result) four seconds after QGIS started, its result
# (or its error) written to TOKSUN_E2E_RESULT, then QGIS quit as its user quits it (File →
# Exit), its own questions as it quits (a temporary layer's loss, a project or edits not
# saved) answered by going on without saving. QgsApplication.exit() alone ended QGIS with
# the project still open: QGIS 3.22 then removed its layers after its windows were gone, and
# crashed where the active layer had a layer beside it to become active (no user quits so)
HARNESS = r'''

def _going_on(tries=100):
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        for which in (QMessageBox.Discard, QMessageBox.Yes, QMessageBox.Ok):
            if box.button(which) is not None:
                box.button(which).click()
                break
    if tries:
        _QTimer.singleShot(100, lambda: _going_on(tries - 1))


def _finish():
    import json, os, traceback
    from qgis.core import QgsApplication
    import qgis.utils
    try:
        check(result)
    except Exception:  # the test reads the error from the result
        result["error"] = traceback.format_exc()
    with open(os.environ["TOKSUN_E2E_RESULT"], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    _QTimer.singleShot(0, _going_on)
    qgis.utils.iface.actionExit().trigger()
    QgsApplication.exit(0)  # (where something kept QGIS from quitting: ended all the same)


from qgis.PyQt.QtCore import QTimer as _QTimer
_QTimer.singleShot(4000, _finish)
'''


def run_qgis(plugin_zip: Path, script: str, work: Path, locale: str | None = "zh_CN",
             timeout: int = 240, lang: str | None = None, args: tuple[str, ...] = ()) -> dict:
    """``locale``: the profile's Override system locale (None: not overridden, the system's
    locale, ``lang`` (LANG) where given, then followed); ``args``: more of QGIS's command
    line (``--lang zh-Hans``)."""
    if not shutil.which("qgis") or not shutil.which("xvfb-run"):
        pytest.skip("the QGIS desktop or xvfb-run is not installed")
    profiles = work / "profiles"
    plugins = profiles / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as z:
        z.extractall(plugins)
    ini = profiles / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(PROFILE_INI.format(plugin=PLUGIN_DIR)
                   + ("" if locale is None
                      else f"\n[locale]\noverrideFlag=true\nuserLocale={locale}\n"))
    code = work / "check.py"
    code.write_text(script + HARNESS, encoding="utf-8")
    result = work / "result.json"
    env = {**os.environ, "TOKSUN_E2E_RESULT": str(result), "TOKSUN_E2E_DIR": str(work),
           "HOME": str(work)}
    env.pop("QT_QPA_PLATFORM", None)  # the real desktop, on the virtual screen
    if lang is not None:  # the system's locale, as a login sets it
        for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            env.pop(var, None)
        env["LANG"] = lang
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "qgis", "--nologo",
         "--noversioncheck", "--profiles-path", str(profiles), *args,
         "--code", str(code)],
        env=env, capture_output=True, text=True, timeout=timeout)
    if not result.exists():
        raise AssertionError(f"QGIS ended ({proc.returncode}) without a result:\n"
                             f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    if proc.returncode != 0:  # QGIS quitting: a crash there is the user's too
        raise AssertionError(f"QGIS ended with {proc.returncode} after the check:\n"
                             f"{proc.stderr[-3000:]}")
    return json.loads(result.read_text(encoding="utf-8"))
