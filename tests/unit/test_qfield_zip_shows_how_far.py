# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout for QField shows how far it got while its project is zipped (the package,
deflated, a step of bytes at a time), not only while the package is written; a Cancel heard
while zipping leaves no zip and the folder unnamed, says that the master registered the
device, and the same checkout run again makes the project."""

from __future__ import annotations

import os
import zipfile

import pytest

from field_kit import errors
from field_kit.db import PART
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout, project_folder


def _zipping(out) -> bool:
    return os.path.exists(f"{out}.zip{PART}{PART}")  # (the zip's part, being written)


def test_progress_moves_while_the_project_is_zipped(master, tmp_path, monkeypatch):
    monkeypatch.setattr(project_folder, "ZIP_STEP_BYTES", 64 * 1024, raising=False)
    out = tmp_path / "qf"
    heard: list[tuple[float, bool]] = []
    info = checkout(master, out, "tab-1", progress=lambda f: heard.append((f, _zipping(out))))
    zipping = [f for f, now in heard if now]
    assert len(set(zipping)) >= 5, heard  # step by step, not one jump at the end
    assert project_folder.PACKAGED <= zipping[0] < zipping[-1] == 1.0, zipping
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions), fractions
    with zipfile.ZipFile(info["zip"]) as zf:
        assert zf.testzip() is None
        assert zf.read("package.gpkg") == (out / "package.gpkg").read_bytes()


def test_a_cancel_while_zipping_leaves_the_folder_unnamed_and_says_so(master, tmp_path):
    out = tmp_path / "qf"

    def cancel(fraction: float) -> None:
        if _zipping(out):
            raise errors.Cancelled("cancelled by the user; nothing was changed")
    with pytest.raises(errors.Cancelled) as got:
        checkout(master, out, "tab-1", progress=cancel)
    said = got.value.message
    assert said == (f"cancelled by the user once the master had registered device tab-1: the "
                    f"QField project {out} was not made; run the same command again, which "
                    "makes it"), said
    assert chinese(said).startswith("已取消，但主库已登记设备 tab-1："), chinese(said)
    assert sorted(os.listdir(tmp_path)) == sorted(["master.gpkg", f"qf{PART}"]), \
        os.listdir(tmp_path)
    again = checkout(master, out, "tab-1")
    assert again["finished"] and os.path.isfile(again["zip"]), again
