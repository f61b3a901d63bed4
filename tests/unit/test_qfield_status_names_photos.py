# SPDX-License-Identifier: GPL-2.0-or-later
"""status on a QField project says what its photos hold that the package's edits do not
show: a picture taken again under its name since it was read (the next export sends it,
though no change waits for it) and a photo file missing (the export refuses it)."""

from __future__ import annotations

import json

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

AGAIN = "photo taken again since it was read, sent by the next export: DCIM/p1.jpg"
MISSING = ("photo file missing from {folder}: DCIM/gone.jpg; the export refuses it until "
           "it is copied back into DCIM/ or its photo record deleted")


def _exported_once(master, tmp_path) -> str:
    """A project whose photo DCIM/p1.jpg was taken, exported (read in) and merged."""
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    _record_with_photo(project["folder"], "DCIM/p1.jpg")
    (tmp_path / "qf" / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", project["folder"], str(tmp_path / "a.zip")]) == 0
    return project["folder"]


def test_status_names_a_photo_taken_again_and_one_missing(master, tmp_path, capsys):
    folder = _exported_once(master, tmp_path)
    capsys.readouterr()
    assert cli.main(["status", folder]) == 0
    out = capsys.readouterr().out
    assert "changes waiting 0" in out and "taken again" not in out and "missing" not in out
    # on the phone: the picture taken again under its name, another photo's file not copied
    (tmp_path / "qf" / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.9, lon=88.9))
    _record_with_photo(folder, "DCIM/gone.jpg")
    assert cli.main(["status", folder]) == 0
    out = capsys.readouterr().out
    assert AGAIN in out, out
    assert MISSING.format(folder=folder) in out, out
    assert cli.main(["status", "--json", folder]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["photos_taken_again"] == ["DCIM/p1.jpg"]
    assert said["photo_files_missing"] == ["DCIM/gone.jpg"]


def test_status_names_the_photos_in_chinese(master, tmp_path, capsys, chinese_locale):
    folder = _exported_once(master, tmp_path)
    (tmp_path / "qf" / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.9, lon=88.9))
    _record_with_photo(folder, "DCIM/gone.jpg")
    capsys.readouterr()
    assert cli.main(["status", folder]) == 0
    out = capsys.readouterr().out
    assert AGAIN in out  # (English too)
    assert "读入后又重拍的照片，下次导出时发送：DCIM/p1.jpg" in out, out
    assert (f"{folder} 中缺少照片文件：DCIM/gone.jpg；在把它们复制回 DCIM/ 或删除其照片记录之前，"
            "导出会拒绝") in out, out
