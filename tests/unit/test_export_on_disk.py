# SPDX-License-Identifier: GPL-2.0-or-later
"""A change package said written is on the disk: its bytes before it takes its name, its
name in the folder after, so that a USB stick pulled out (or the battery gone) right after
the export leaves the package whole, never an empty or half file under its name."""

from __future__ import annotations

import os

import pytest

from field_kit.sync import package_checkout, package_export
from tests.unit.gpkg_factory import edit, make_gpkg


@pytest.fixture
def edited(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, verifications=2)
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    edit(pkg, "UPDATE patch_verifications SET notes = 'checked' WHERE fid = 1")
    return pkg


def test_the_change_package_is_on_the_disk_before_and_after_it_takes_its_name(
        edited, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "a.zip"
    steps: list[tuple[str, str]] = []
    fsync, replace = os.fsync, os.replace

    def synced(fd):
        steps.append(("sync", os.readlink(f"/proc/self/fd/{fd}")))
        return fsync(fd)

    def named(src, dst):
        steps.append(("name", os.fspath(dst)))
        return replace(src, dst)
    monkeypatch.setattr(os, "fsync", synced)
    monkeypatch.setattr(os, "replace", named)
    manifest = package_export.export(edited, out)
    assert manifest["counts"]["changes"] == 1
    at = steps.index(("name", str(out)))
    assert ("sync", str(out) + ".part") in steps[:at], steps
    assert ("sync", str(stick)) in steps[at:], steps
    assert out.stat().st_size > 0
