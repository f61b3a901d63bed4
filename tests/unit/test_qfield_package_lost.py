# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project folder copied back from the phone without its package.gpkg: export and
status say it is a project whose package is missing, where it is on the phone, and that the
zip beside it holds one."""

from __future__ import annotations

import os
import shutil

import pytest

from field_kit.cli import commands as cli
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout


@pytest.mark.parametrize("command", ["export", "status"])
@pytest.mark.parametrize("with_zip", [True, False])
def test_a_project_folder_without_its_package_is_said_so(
        master, tmp_path, capsys, command, with_zip):
    project = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")
    os.remove(tmp_path / "phone1" / "package.gpkg")
    if not with_zip:
        shutil.move(project["zip"], tmp_path / "kept.zip")
    args = [command, project["folder"]] + ([str(tmp_path / "c2.zip")]
                                           if command == "export" else [])
    capsys.readouterr()
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "is a QField project whose package.gpkg is missing" in err, err
    assert "Imported Projects/phone1/" in err and "give a field package" not in err, err
    assert (f"{project['zip']} beside it holds a package.gpkg" in err) == with_zip, err
    line = next(x for x in err.splitlines() if "package.gpkg is missing" in x)
    said = chinese(line.removeprefix("field-kit: ").strip())
    assert "是 QField 项目，但缺少其 package.gpkg" in said, said
    assert ("要导出那一份" in said) == with_zip, said
