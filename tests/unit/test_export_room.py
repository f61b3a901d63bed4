# SPDX-License-Identifier: GPL-2.0-or-later
"""An export to a USB stick too full for it says how much room the change package needs
and how much there is, in the user's language, and leaves nothing on the stick."""

from __future__ import annotations

import json
import os
import shutil
import zipfile

import pytest

from field_kit import errors
from field_kit.bilingual import size_said
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import package_checkout
from tests.conftest import fill
from tests.unit.gpkg_factory import add_photo, make_gpkg

PICTURE = 400 * 1024


@pytest.fixture
def master(tmp_path):
    return make_gpkg(tmp_path / "master.gpkg", patches=5, verifications=2)


def package_with_photos(master, tmp_path, n: int = 3):
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(pkg)
    with conn:
        rec = conn.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
        for _ in range(n):  # (pictures do not shrink in a zip)
            add_photo(conn, rec, b"\xff\xd8" + os.urandom(PICTURE))
    conn.close()
    return pkg


def test_an_export_to_a_full_stick_says_the_room_it_needs_and_there_is(
        master, tmp_path, small_disk, capsys, chinese_locale):
    pkg = package_with_photos(master, tmp_path)
    fill(small_disk, leaving=300 * 1024)
    out = small_disk / "out.zip"
    capsys.readouterr()
    assert main(["export", str(pkg), str(out)]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    free = size_said(shutil.disk_usage(small_disk).free)
    assert [p.name for p in small_disk.iterdir()] == ["filler"]  # nothing left on the stick
    # what it was writing: the same export, where there is room
    assert main(["export", str(pkg), str(tmp_path / "whole.zip")]) == errors.OK
    with zipfile.ZipFile(tmp_path / "whole.zip") as zf:
        members = json.loads(zf.read("manifest.json"))["members"]
    need = size_said(sum(m["size"] for m in members.values()), up=True)
    assert need.en == "2 MB" and free.en.endswith(" KB"), (need, free)
    assert err.splitlines() == [
        f"field-kit: cannot write {out}: the disk is full; nothing was changed: the change "
        f"package needs about {need.en} there; {free.en} are free there: free some space, or "
        "export to another disk, and run it again",
        f"field-kit: 无法写入 {out}：磁盘已满；未作任何更改：修改包约需空间 {need.zh}，该处现有 "
        f"{free.zh}：请释放空间，或导出到其他磁盘，然后重新执行"], err
