# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout for QField shows how far it got while it copies a --basemap into the project
(imagery: it may be GBs), a step of bytes at a time, and while it writes the photos taken
before into DCIM/, file by file; a Cancel heard there leaves what a checkout cut short
leaves (the folder unnamed, the master having registered the device, said so) and the same
checkout run again makes the project."""

from __future__ import annotations

import os

import pytest

from field_kit import errors
from field_kit.db import PART
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout, project_folder
from tests.unit.test_qfield import _geotiff

BASEMAP_BYTES = 3 * 1024 * 1024


@pytest.fixture
def imagery(tmp_path):
    tif = tmp_path / "imagery.tif"
    tif.write_bytes(_geotiff(4490) + os.urandom(BASEMAP_BYTES))  # (its header is all read)
    return tif


def _copying(out) -> bool:
    """The basemap being copied: there, the project file not written yet."""
    work = f"{out}{PART}"
    return os.path.exists(os.path.join(work, "basemap.tif")) and \
        not os.path.exists(os.path.join(work, f"{os.path.basename(out)}.qgs"))


def test_progress_moves_while_the_basemap_is_copied(master, tmp_path, imagery, monkeypatch):
    monkeypatch.setattr(project_folder, "ZIP_STEP_BYTES", 256 * 1024, raising=False)
    out = tmp_path / "qf"
    heard: list[tuple[float, bool]] = []
    info = checkout(master, out, "tab-1", basemap=imagery,
                    progress=lambda f: heard.append((f, _copying(out))))
    copying = [f for f, now in heard if now]
    assert len(set(copying)) >= 5, heard  # step by step, not one jump at the end
    assert project_folder.PACKAGED <= copying[0] < copying[-1] <= project_folder.BASEMAP_COPIED
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0, fractions
    assert (out / "basemap.tif").read_bytes() == imagery.read_bytes()
    assert os.path.isfile(info["zip"])


def test_a_cancel_while_the_basemap_is_copied_leaves_the_folder_unnamed_and_says_so(
        master, tmp_path, imagery, monkeypatch):
    monkeypatch.setattr(project_folder, "ZIP_STEP_BYTES", 256 * 1024, raising=False)
    out = tmp_path / "qf"

    def cancel(fraction: float) -> None:
        if _copying(out):
            raise errors.Cancelled("cancelled by the user; nothing was changed")
    with pytest.raises(errors.Cancelled) as got:
        checkout(master, out, "tab-1", basemap=imagery, progress=cancel)
    said = got.value.message
    assert said == (f"cancelled by the user once the master had registered device tab-1: the "
                    f"QField project {out} was not made; run the same command again, which "
                    "makes it"), said
    assert chinese(said).startswith("已取消，但主库已登记设备 tab-1："), chinese(said)
    assert sorted(os.listdir(tmp_path)) == sorted(["master.gpkg", "imagery.tif", f"qf{PART}"])
    assert os.listdir(f"{out}{PART}") == [f"package.gpkg{PART}"]  # (no basemap cut short)
    again = checkout(master, out, "tab-1", basemap=imagery)
    assert again["finished"] and os.path.isfile(again["zip"]), again
    assert (out / "basemap.tif").read_bytes() == imagery.read_bytes()
