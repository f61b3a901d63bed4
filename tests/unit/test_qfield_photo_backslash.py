# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo path written with backslashes (``DCIM\\x.jpg``, on Windows) names its file in a
QField project as the file is written there, with slashes: QField on a phone would not
find it by the other."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


@pytest.fixture
def project(master, tmp_path):
    return checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")["folder"]


def test_a_photo_named_with_backslashes_is_written_where_its_row_says(master, project,
                                                                      tmp_path, capsys):
    """A path written on Windows (DCIM\\x.jpg) reaches the master as it is; a new project
    holds the file as DCIM/x.jpg and its row names it so (QField on a phone would not find
    it by the other), with no change of the row waiting to be sent."""
    _record_with_photo(project, "DCIM\\x.jpg")
    (tmp_path / "phone1" / "DCIM" / "x.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", project, str(tmp_path / "c.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c.zip"]).refused
    other = checkout(master, tmp_path / "phone2", "phone2", township="托克逊镇")["folder"]
    with sqlite3.connect(f"{other}/package.gpkg") as conn:
        names = [n for (n,) in conn.execute("SELECT file_name FROM photos")]
    assert names == ["DCIM/x.jpg"], names
    assert (tmp_path / "phone2" / "DCIM" / "x.jpg").is_file()
    capsys.readouterr()
    assert cli.main(["status", "--json", other]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["changes_waiting"] == 0 and said["photos_to_read"] == [], said
