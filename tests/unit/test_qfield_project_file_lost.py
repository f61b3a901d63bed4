# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project folder copied back from the phone without its project file, the
checkout's zip beside it: the zip's project file is no work the folder lacks, so the folder
is exported, its missing project file said, and the next pull writes it again."""

from __future__ import annotations

import os

from field_kit.cli import commands as cli
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout
from tests.unit.test_qfield import _record_with_photo


def test_a_folder_without_its_project_file_is_exported_and_the_pull_writes_it(
        master, tmp_path, capsys):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    _record_with_photo(project["folder"], None)
    qgs = tmp_path / "qf" / "qf.qgs"
    os.remove(qgs)
    out = tmp_path / "c2.zip"
    capsys.readouterr()
    assert cli.main(["export", project["folder"], str(out)]) == 0
    err = "".join(capsys.readouterr())
    assert "both copies" not in err and out.is_file(), err
    line = next(x for x in err.splitlines() if "lacks its project file" in x)
    assert "qf.qgs" in line and "the next pull" in line and project["zip"] in line, err
    assert "缺少其项目文件 qf.qgs" in chinese(line.strip()), chinese(line.strip())
    assert cli.main(["pull", project["folder"], str(master)]) == 0
    assert qgs.is_file() and not (tmp_path / "qf" / "qf.qgs.bak").exists()
    assert "the folder lacked its project file" in capsys.readouterr().out
