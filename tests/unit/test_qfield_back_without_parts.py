# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project handed back as its zip, or as its package.gpkg alone, is checked for
what its checkout made as the folder is: the project file and DCIM/ it lacks are named."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from field_kit.cli import commands as cli
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout
from tests.unit.test_qfield import _record_with_photo


def _zip_without(folder: Path, zip_path: Path, leave: str) -> None:
    with zipfile.ZipFile(zip_path, "w") as zf:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if rel == leave or rel.startswith(leave + "/"):
                continue
            if path.is_file():
                zf.write(path, rel)


@pytest.mark.parametrize("leave, said, zh", [
    ("back.qgs", "lacks its project file back.qgs", "缺少其项目文件 back.qgs"),
    ("DCIM", "lacks DCIM/, where QField keeps the photos it takes", "DCIM/")])
def test_a_zip_handed_back_names_what_it_lacks(master, tmp_path, capsys, leave, said, zh):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    folder = Path(project["folder"])
    _record_with_photo(folder, None)
    if leave == "back.qgs":
        os.rename(folder / "qf.qgs", folder / "back.qgs")
    back = tmp_path / "back.zip"
    _zip_without(folder, back, leave)
    capsys.readouterr()
    assert cli.main(["export", str(back), str(tmp_path / "c.zip")]) == 0
    err = "".join(capsys.readouterr())
    line = next((x for x in err.splitlines() if said in x), None)
    assert line is not None, err
    assert str(tmp_path / "back") in line, line
    assert zh in chinese(line.split(": ", 1)[1] if line.startswith("warning") else line.strip())


def test_a_package_handed_back_alone_names_what_it_lacks(master, tmp_path, capsys):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    _record_with_photo(project["folder"], None)
    alone = tmp_path / "back"
    alone.mkdir()
    shutil.copy(Path(project["folder"]) / "package.gpkg", alone / "package.gpkg")
    capsys.readouterr()
    assert cli.main(["export", str(alone / "package.gpkg"), str(tmp_path / "c.zip")]) == 0
    err = "".join(capsys.readouterr())
    line = next((x for x in err.splitlines() if "without its project" in x), None)
    assert line is not None, err
    assert f"the folder {alone} lacks the project file (back.qgs) and DCIM/" in line, line
    assert "export the folder" in line, line
    zh = chinese(line.strip())
    assert f"文件夹 {alone} 缺少项目文件（back.qgs）和 DCIM/" in zh, zh


@pytest.mark.parametrize("where", ["beside", "inside"])
def test_an_export_waiting_to_be_merged_is_named_until_a_pull_finds_it_merged(
        master, tmp_path, capsys, where):
    """A change package an earlier export wrote under the project zip's name beside the
    folder, or into the folder, is no copy of the project: the folder is exported, and the
    earlier export named as waiting to be merged, until a pull finds it merged."""
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    folder = Path(project["folder"])
    _record_with_photo(folder, None)
    first = Path(project["zip"]) if where == "beside" else folder / "changes.zip"
    if where == "beside":
        os.remove(project["zip"])
    assert cli.main(["export", str(folder), str(first)]) == 0
    _record_with_photo(folder, None)
    capsys.readouterr()
    assert cli.main(["export", str(folder), str(tmp_path / "c2.zip")]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "earlier export" in x), None)
    assert line is not None, out
    assert f"{first} is a change package an earlier export of this project wrote (change " \
        f"seq 1-1), not merged into the master as far as the package knows" in line, line
    assert f"merge it (field-kit merge MASTER {first})" in line, line
    zh = chinese(line.strip())
    assert f"{first} 是本项目之前一次导出写出的修改包（变更序号 1-1），" \
        "据数据包所知尚未合并" in zh, zh
    # merged, and a pull finds it so: no more said
    assert cli.main(["merge", str(master), str(first), str(tmp_path / "c2.zip")]) == 0
    if where == "beside":
        os.remove(first)  # (a pull writes the project's zip there)
    assert cli.main(["pull", str(folder), str(master)]) == 0
    _record_with_photo(folder, None)
    capsys.readouterr()
    assert cli.main(["export", str(folder), str(tmp_path / "c3.zip")]) == 0
    assert "earlier export" not in "".join(capsys.readouterr())
