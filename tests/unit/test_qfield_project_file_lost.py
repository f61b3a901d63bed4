# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project folder copied back from the phone without its project file, the
checkout's zip beside it: the zip's project file is no work the folder lacks, so the folder
is exported, its missing project file said, and the next pull writes it again."""

from __future__ import annotations

import json
import os

from field_kit import errors
from field_kit.cli import commands
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout
from tests.unit.cli_run import cli
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def test_a_folder_without_its_project_file_is_exported_and_the_pull_writes_it(
        master, tmp_path, capsys):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    _record_with_photo(project["folder"], None)
    qgs = tmp_path / "qf" / "qf.qgs"
    os.remove(qgs)
    out = tmp_path / "c2.zip"
    capsys.readouterr()
    assert commands.main(["export", project["folder"], str(out)]) == 0
    err = "".join(capsys.readouterr())
    assert "both copies" not in err and out.is_file(), err
    line = next(x for x in err.splitlines() if "lacks its project file" in x)
    assert "qf.qgs" in line and "the next pull" in line and project["zip"] in line, err
    assert "缺少其项目文件 qf.qgs" in chinese(line.strip()), chinese(line.strip())
    assert commands.main(["pull", project["folder"], str(master)]) == 0
    assert qgs.is_file() and not (tmp_path / "qf" / "qf.qgs.bak").exists()
    assert "the folder lacked its project file" in capsys.readouterr().out


def test_status_says_a_folder_without_its_project_file_and_its_photos(master, tmp_path,
                                                                       capsys):
    """The folder holds package.gpkg and DCIM/: still a QField project to status, which says
    the project file missing and the photos the next export reads in."""
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    _record_with_photo(project["folder"], "DCIM/p1.jpg")
    (tmp_path / "qf" / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    os.remove(tmp_path / "qf" / "qf.qgs")
    code, out, err = cli(capsys, "status", project["folder"])
    assert code == errors.OK, out + err
    assert "photo the next export reads in, a change: DCIM/p1.jpg" in out, out
    assert "the next export sends 3 changes: the 2 waiting and 1 made by reading in the " \
           "project's photos" in out, out
    line = next(x for x in out.splitlines() if "lacks its project file" in x)
    assert "qf.qgs" in line and "the next pull" in line and project["zip"] in line, out
    assert "缺少其项目文件 qf.qgs" in chinese(line.strip()), chinese(line.strip())
    said = json.loads(cli(capsys, "status", "--json", project["folder"])[1])
    assert said["project_file_missing"] == "qf.qgs", said
    assert said["photos_to_read"] == ["DCIM/p1.jpg"] and said["changes_at_export"] == 3
