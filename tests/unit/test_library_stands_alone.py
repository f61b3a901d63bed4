# SPDX-License-Identifier: GPL-2.0-or-later
"""The library (field_kit outside app/) needs Python's standard library only: every module
imports with PyQt5, qgis, osgeo and the QGIS plugin made unimportable."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import field_kit

ROOT = Path(__file__).resolve().parents[2]
BLOCKED = ("PyQt5", "qgis", "osgeo", "qgis_plugin", "sip")


def library_modules() -> list[str]:
    out = []
    for info in pkgutil.walk_packages(field_kit.__path__, "field_kit."):
        if info.name == "field_kit.app" or info.name.startswith("field_kit.app."):
            continue
        if info.name.endswith(".__main__"):
            continue
        out.append(info.name)
    return out


def test_every_library_module_imports_without_qt_qgis_gdal_or_the_plugin():
    modules = library_modules()
    assert len(modules) > 40 and "field_kit.sync.merge" in modules
    code = ("import importlib, sys\n"
            f"for name in {BLOCKED!r}: sys.modules[name] = None\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
            f"{BLOCKED!r} and sys.modules[n] is not None)\n"
            "print(bad)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"
