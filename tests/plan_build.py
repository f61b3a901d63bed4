# SPDX-License-Identifier: GPL-2.0-or-later
"""Build the plan GeoPackage the way ``make data`` does, for tests."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD_SCRIPT = ROOT / "resources" / "build_plan.py"
VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")


@lru_cache(maxsize=1)
def build_module():
    spec = importlib.util.spec_from_file_location("build_plan", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(out: Path) -> Path:
    return build_module().build(out)


def copy_of_plan(tmp: Path, built: Path) -> Path:
    """A private copy of a built plan, for tests that change it."""
    out = tmp / "plan.gpkg"
    shutil.copyfile(built, out)
    return out


def validate(path: Path) -> tuple[int, str]:
    """(exit code, output) of GDAL's GeoPackage validator."""
    result = subprocess.run([sys.executable, str(VALIDATOR), "--extra", str(path)],
                            capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip()
