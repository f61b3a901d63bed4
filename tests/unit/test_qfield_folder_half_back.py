# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project folder copied back from the phone in part was read in as a whole one:
given its package.gpkg, a folder holding DCIM/ but no project file said nothing; a folder
holding neither the project file nor DCIM/ had DCIM/ never named, and status said nothing
of either. What it lacks is said by name, the export and status going on."""

from __future__ import annotations

import json
import os
import shutil

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout
from tests.unit.cli_run import cli
from tests.unit.test_qfield import _record_with_photo

PHONE = "Android/data/ch.opengis.qfield/files/Imported Projects/qf/DCIM"


def lacking_dcim(folder) -> str:
    return (f"the folder {folder} lacks DCIM/, where QField keeps the photos it takes: no "
            "photo taken in the project is read in until it is copied back from the phone "
            f"({PHONE})")


def half_back(master, tmp_path, *gone: str) -> str:
    """A project folder with a record made in QField, ``gone`` removed from it."""
    folder = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"]
    _record_with_photo(folder, None)
    for name in gone:
        path = os.path.join(folder, name)
        shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    return folder


def test_its_package_given_says_the_project_file_missing(master, tmp_path, capsys):
    folder = half_back(master, tmp_path, "qf.qgs")
    code, out, err = cli(capsys, "export", os.path.join(folder, "package.gpkg"),
                         tmp_path / "c.zip")
    assert code == errors.OK and (tmp_path / "c.zip").is_file(), out + err
    line = next((x for x in (out + err).splitlines() if "lacks its project file" in x), None)
    assert line is not None and "qf.qgs" in line, out + err


def test_a_folder_without_its_project_file_nor_dcim_names_both(master, tmp_path, capsys):
    folder = half_back(master, tmp_path, "qf.qgs", "DCIM")
    code, out, err = cli(capsys, "export", folder, tmp_path / "c.zip")
    assert code == errors.OK and (tmp_path / "c.zip").is_file(), out + err
    lines = (out + err).splitlines()
    assert any("lacks its project file qf.qgs" in x for x in lines), lines
    assert lacking_dcim(folder) in lines, lines
    assert chinese(lacking_dcim(folder)) == (
        f"文件夹 {folder} 缺少 DCIM/（QField 拍的照片都在其中）：从手机（{PHONE}）把它复制"
        "回来之前，项目中拍的照片都不会读入")


def test_status_of_such_a_folder_names_both(master, tmp_path, capsys):
    folder = half_back(master, tmp_path, "qf.qgs", "DCIM")
    code, out, err = cli(capsys, "status", folder)
    assert code == errors.OK, out + err
    lines = out.splitlines()
    assert any("lacks its project file qf.qgs" in x for x in lines), out
    assert lacking_dcim(folder) in lines, out
    said = json.loads(cli(capsys, "status", "--json", folder)[1])
    assert (said["project_file_missing"], said["photo_folder_missing"]) == ("qf.qgs", "DCIM/")


def test_a_whole_folder_says_neither(master, tmp_path, capsys):
    folder = half_back(master, tmp_path)
    for args in (("status", folder), ("export", folder, tmp_path / "c.zip")):
        code, out, err = cli(capsys, *args)
        assert code == errors.OK and " lacks " not in out + err, out + err
