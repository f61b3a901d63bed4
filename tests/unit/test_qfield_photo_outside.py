# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo record naming a path outside the QField project (absolute, as an older project
or another editor may write it) is told the path it must have, by export and status, in
both languages: copying the file into DCIM/ would change nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit.cli import commands as cli
from field_kit.plan.geometry import register_functions
from field_kit.qfield import checkout
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


@pytest.fixture
def project(master, tmp_path):
    return checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")["folder"]


ABSOLUTE = "/storage/emulated/0/DCIM/x.jpg"


def test_a_photo_path_outside_the_project_is_told_the_path_it_must_have(
        project, tmp_path, capsys, chinese_locale):
    """Copying the file into DCIM/, which it is told to do, would change nothing: the
    record must name DCIM/x.jpg; said by export and status, and in Chinese."""
    _record_with_photo(project, ABSOLUTE)
    (tmp_path / "phone1" / "DCIM" / "x.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    out = tmp_path / "c.zip"
    capsys.readouterr()
    assert cli.main(["export", project, str(out)]) == 2
    en, zh = capsys.readouterr().err.splitlines()[:2]
    assert en == (f"field-kit: photo path outside the project folder: {ABSOLUTE} (must be "
                  "DCIM/x.jpg); nothing was exported: set the path of each photo record "
                  "outside the folder as said (in QGIS: the photos layer of the project) and "
                  "put its file there, or delete their photo records"), en
    assert zh == (f"field-kit: 照片路径在项目文件夹之外：{ABSOLUTE}（应为 DCIM/x.jpg）；未导出：请"
                  "按所示修改路径在文件夹之外的照片记录的路径（在 QGIS 中：项目的照片图层），并把"
                  "其文件放到那里，或删除它们的照片记录"), zh
    assert cli.main(["status", project]) == 0
    said = capsys.readouterr().out
    assert (f"photo path outside the project folder: {ABSOLUTE} (must be DCIM/x.jpg); the "
            "export refuses it until its photo record is given that path") in said, said
    assert f"照片路径在项目文件夹之外：{ABSOLUTE}（应为 DCIM/x.jpg）；在把这些照片记录改为" in said
    assert "missing" not in said and "缺少" not in said, said
    assert cli.main(["status", "--json", project]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["photo_paths_outside"] == [ABSOLUTE] and found["photo_files_missing"] == []
    # done as said: the record given DCIM/x.jpg, the photo goes in
    with sqlite3.connect(f"{project}/package.gpkg") as conn:
        register_functions(conn)
        conn.execute("UPDATE photos SET file_name = 'DCIM/x.jpg' WHERE file_name = ?",
                     (ABSOLUTE,))
    assert cli.main(["export", project, str(out)]) == 0
    with sqlite3.connect(f"{project}/package.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NULL").fetchone() == (0,)
