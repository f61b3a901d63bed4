# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo renamed in copying it back from the phone, and the whole DCIM/ left behind:
export and status name the files in DCIM/ no record names, as perhaps the missing photo
under another name, and say DCIM/ itself is gone."""

from __future__ import annotations

import shutil

import pytest

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

TAKEN = "DCIM/20310601_100000.jpg"


def _renamed(master, tmp_path) -> str:
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    _record_with_photo(project["folder"], TAKEN)
    (tmp_path / "qf" / "DCIM").mkdir(exist_ok=True)
    (tmp_path / "qf" / "DCIM" / "IMG_renamed.jpg").write_bytes(
        jpeg_with_exif(lat=42.7, lon=88.6))
    return project["folder"]


@pytest.mark.parametrize("command", ["export", "status"])
def test_a_renamed_photo_is_named_with_the_missing_one(
        master, tmp_path, capsys, chinese_locale, command):
    folder = _renamed(master, tmp_path)
    args = [command, folder] + ([str(tmp_path / "a.zip")] if command == "export" else [])
    capsys.readouterr()
    assert cli.main(args) == (2 if command == "export" else 0)
    said = "".join(capsys.readouterr())
    assert f"photo file missing from {folder}: {TAKEN}" in said, said
    assert ("file in DCIM/ no photo record names, perhaps a missing photo under another "
            "name (give it back its name): DCIM/IMG_renamed.jpg") in said, said
    assert "DCIM/ 中没有照片记录指向的文件，可能是改了名的缺失照片（请改回原名）：" \
           "DCIM/IMG_renamed.jpg" in said, said
    assert "is gone" not in said, said


@pytest.mark.parametrize("command", ["export", "status"])
def test_dcim_gone_is_said(master, tmp_path, capsys, chinese_locale, command):
    folder = _renamed(master, tmp_path)
    shutil.rmtree(tmp_path / "qf" / "DCIM")
    args = [command, folder] + ([str(tmp_path / "a.zip")] if command == "export" else [])
    capsys.readouterr()
    assert cli.main(args) == (2 if command == "export" else 0)
    said = "".join(capsys.readouterr())
    assert (f"the folder DCIM/ is gone from {folder}, with every photo taken in QField: copy "
            "it back from the phone") in said, said
    assert f"文件夹 DCIM/ 已不在 {folder} 中（QField 拍的照片都在其中）" in said, said
    assert "no photo record names" not in said, said
