# SPDX-License-Identifier: GPL-2.0-or-later
"""What the system refused (no permission, the disk full, a read-only disk) quoted inside a
line that says what could not be done: in Chinese words in the Chinese line, as a package
that cannot be read again says it, not in the system's English (which the English line
keeps, for the logs)."""

from __future__ import annotations

import errno
import json
import os
import re

import pytest

from field_kit import errors
from field_kit.importer import mapping
from field_kit.qfield import copies, dcim, project_folder
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import make_gpkg

SAID = {errno.EACCES: "权限不足", errno.ENOSPC: "磁盘已满", errno.EROFS: "只读文件系统"}
NUMBERS = pytest.mark.parametrize("number", list(SAID), ids=[errno.errorcode[n] for n in SAID])
# the system's English, as Python quotes it
ENGLISH = re.compile(r"Errno|Permission denied|No space left|Read-only file system")


def failing(number: int, path: str | None = None, path2: str | None = None):
    """A call that fails as the system refuses it, naming ``path`` (else its first one),
    and ``path2``, the name a file was to take (as a rename that fails names both)."""
    def fail(*args, **kwargs):
        raise OSError(number, os.strerror(number), path or os.fspath(args[0]), None, path2)
    return fail


def line_of(said: str, part: str) -> str:
    """The line of ``said`` holding ``part`` (a Chinese line), in the system's English
    nowhere."""
    line = next((x for x in said.splitlines() if part in x), None)
    assert line is not None, said
    assert not ENGLISH.search(line), line
    return line


@NUMBERS
def test_a_mapping_file_that_cannot_be_read(tmp_path, capsys, chinese_locale, monkeypatch,
                                            number):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2)
    src = tmp_path / "patches.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    given = tmp_path / "mapping.json"
    given.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(mapping, "open", failing(number), raising=False)
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches",
                         "--mapping", given)
    assert code == errors.BAD_INPUT, out + err
    assert os.strerror(number) in err, err  # (the English line, the system's words)
    line_of(err, f"无法使用映射文件 {given}：{SAID[number]}：{given}")


@pytest.fixture
def phone(tmp_path):
    """A master and a QField project of it (its folder and zip), checked out."""
    from field_kit.qfield import checkout

    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    return master, checkout(master, tmp_path / "phone1", "phone1")


@NUMBERS
def test_a_pull_that_cannot_write_the_photos_the_project_or_the_zip(
        phone, capsys, chinese_locale, monkeypatch, number):
    master, info = phone
    folder, zipped = info["folder"], info["zip"]
    # a grant the pull brings: the project file is written again
    code, out, err = cli(capsys, "roles", master, "--grant", "technician",
                         "mine_patches.phase")
    assert code == errors.OK, out + err
    photo = os.path.join(folder, "DCIM", "a.jpg")
    monkeypatch.setattr(dcim, "write_out", failing(number, photo))
    monkeypatch.setattr(project_folder, "write_project", failing(number, info["project"]))
    # (the zip written whole, then not renamed)
    monkeypatch.setattr(project_folder, "make_zip", failing(number, zipped + ".part", zipped))
    code, out, err = cli(capsys, "pull", folder, master)
    assert code == errors.BAD_INPUT, out + err
    assert err.count(os.strerror(number)) == 3, err
    why = SAID[number]
    for said in (f"拉取带来的照片未能全部写入 {folder}（{why}：{photo}）：可以写入后请重新拉取",
                 f"{folder} 中的项目文件未能按本次拉取改变的权限或图层重新写出"
                 f"（{why}：{info['project']}）",
                 f"{zipped} 未能写入（{why}：{zipped}.part → {zipped}）；拉取之前的旧 ZIP 已删除"):
        line_of(err, said)


@NUMBERS
def test_a_pull_whose_zip_cannot_be_compared(phone, capsys, chinese_locale, monkeypatch,
                                             number):
    """The zip beside the folder is read through a temporary copy of its package: that
    copy not written, the pull is refused, why said."""
    master, info = phone
    monkeypatch.setattr(copies, "open", failing(number), raising=False)
    code, out, err = cli(capsys, "pull", info["folder"], master)
    assert code == errors.BAD_INPUT, out + err
    assert os.strerror(number) in err, err
    line_of(err, f"{info['zip']} 不是可读取的 ZIP 文件（{SAID[number]}：")


def test_a_project_file_not_written_for_a_file_problem_says_it_in_chinese(
        phone, capsys, chinese_locale, monkeypatch):
    """Where the project file could not be written for a problem the library named (the
    disk full as SQLite wrote), that is said in its Chinese too."""
    from field_kit.db import file_problem

    master, info = phone
    folder = info["folder"]
    assert cli(capsys, "roles", master, "--grant", "technician",
               "mine_patches.phase")[0] == errors.OK
    full = file_problem(info["project"], OSError(errno.ENOSPC, "No space left on device"))

    def fail(*args, **kwargs):
        raise full
    monkeypatch.setattr(project_folder, "write_project", fail)
    code, out, err = cli(capsys, "pull", folder, master)
    assert code == errors.BAD_INPUT, out + err
    assert f"could not be written again for the grants or layers the pull changed " \
        f"({full.message})" in err, err
    line_of(err, f"{folder} 中的项目文件未能按本次拉取改变的权限或图层重新写出（无法写入 "
                 f"{info['project']}：磁盘已满；未作任何更改：请释放空间后重新执行）")
