# SPDX-License-Identifier: GPL-2.0-or-later
from __future__ import annotations

import time

import pytest

from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import make_gpkg


@pytest.fixture
def setup(tmp_path):
    """A master (20 patches, 6 verifications) and two GIS field packages of it, of devices
    tab-a and tab-b: (master, a, b, tmp_path)."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=20, verifications=6)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    package_checkout.checkout(master, a, "tab-a", role="gis")
    package_checkout.checkout(master, b, "tab-b", role="gis")
    return master, a, b, tmp_path


@pytest.fixture
def in_beijing(monkeypatch):
    """The machine's local time 8 hours ahead of UTC, as the bureau's computers keep it."""
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def chinese_locale(monkeypatch):
    """A user whose locale is Chinese: the commands say each line in Chinese too."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
