# SPDX-License-Identifier: GPL-2.0-or-later
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # Qt and QGIS without a screen

from tests.plan_build import build


@pytest.fixture(scope="session")
def plan_gpkg(tmp_path_factory):
    """The plan GeoPackage built from the sources, once a test session."""
    return build(tmp_path_factory.mktemp("plan") / "toksun_plan.gpkg")
