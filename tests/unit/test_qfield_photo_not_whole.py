# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField photo whose file is not the whole picture (a copy from the phone stopped
partway) is refused by name at export, in both languages, and nothing is exported until it
is copied again: a decoder fills the rest grey without a word, and made smaller it would
look whole for good."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile

import pytest

from field_kit.cli import commands as cli
from field_kit.forms import photo_size, settings
from field_kit.qfield import checkout
from tests.unit.test_qfield import _record_with_photo

QtGui = pytest.importorskip("PyQt5.QtGui")
QtCore = pytest.importorskip("PyQt5.QtCore")


def _picture(path, w: int, h: int, fmt: str = "JPEG", progressive: bool = False) -> bytes:
    """A real picture of noise, as a camera's is (it does not compress to nothing)."""
    img = QtGui.QImage(os.urandom(w * h * 3), w, h, w * 3, QtGui.QImage.Format_RGB888)
    writer = QtGui.QImageWriter(str(path), fmt.encode())
    if fmt == "JPEG":
        writer.setQuality(90)
        writer.setProgressiveScanWrite(progressive)
    assert writer.write(img), writer.errorString()
    return path.read_bytes()


@pytest.fixture
def project(master, tmp_path):
    base = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")["folder"]
    with sqlite3.connect(f"{base}/package.gpkg") as conn:  # (made smaller quicker)
        settings.put(conn, "photo_long_edge_px", 800)
    return base


def _unread(base) -> int:
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        return conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NULL").fetchone()[0]


@pytest.mark.parametrize("size, fmt, name", [
    ((1200, 900), "JPEG", "DCIM/20261201_100000.jpg"),  # over the size: it would be made smaller
    ((600, 400), "JPEG", "DCIM/20261201_100001.jpg"),   # under it: it would be stored as it came
    ((600, 400), "PNG", "DCIM/20261201_100002.png"),
])
def test_a_photo_cut_short_is_refused_until_copied_again(project, tmp_path, capsys,
                                                         chinese_locale, size, fmt, name):
    whole = _picture(tmp_path / f"whole.{fmt.lower()}", *size, fmt=fmt)
    record = _record_with_photo(project, name)
    on_card = tmp_path / "phone1" / name
    on_card.write_bytes(whole[:len(whole) // 2])  # the first half: the copy stopped there
    out = tmp_path / "c.zip"
    capsys.readouterr()
    assert cli.main(["export", project, str(out)]) == 2
    en, zh = capsys.readouterr().err.splitlines()[:2]
    assert en == (f"field-kit: not the whole picture, cut short: {name}; nothing was exported: "
                  "copy each picture cut short again from the phone, or delete their photo "
                  "records"), en
    assert zh == (f"field-kit: 照片文件不完整（被截断）：{name}；未导出：请从手机重新复制每张被截断"
                  "的照片，或删除它们的照片记录"), zh
    assert not out.exists() and _unread(project) == 1
    # copied again, whole: it goes in
    on_card.write_bytes(whole)
    assert cli.main(["export", project, str(out)]) == 0
    assert _unread(project) == 0
    with zipfile.ZipFile(out) as zf:
        stored = [zf.read(n) for n in zf.namelist() if n.startswith("attachments/")]
    assert len(stored) == 1 and photo_size.whole(stored[0]), record


def test_a_picture_is_whole_to_its_end_marker(tmp_path):
    """Cut anywhere before its end it is not whole; bytes after its end (a phone's motion
    photo carries a video there) do not matter."""
    for progressive in (False, True):
        jpeg = _picture(tmp_path / "p.jpg", 300, 200, progressive=progressive)
        assert photo_size.whole(jpeg) and photo_size.whole(jpeg + b"\0\0\0\x18ftypmp42" * 50)
        for cut in (3, 300, len(jpeg) // 3, len(jpeg) * 9 // 10, len(jpeg) - 2, len(jpeg) - 1):
            assert not photo_size.whole(jpeg[:cut]), (progressive, cut)
    png = _picture(tmp_path / "p.png", 300, 200, fmt="PNG")
    assert photo_size.whole(png)
    for cut in (20, len(png) // 2, len(png) - 12, len(png) - 1):
        assert not photo_size.whole(png[:cut]), cut
    heic = (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0\0\0\x10meta" + b"\0" * 8 +
            b"\0\0\x01\x08mdat" + b"\x55" * 256)
    assert photo_size.whole(heic)
    assert not photo_size.whole(heic[:-100])


def test_status_names_a_photo_cut_short_as_the_export_refuses_it(project, tmp_path, capsys,
                                                                 chinese_locale):
    """Not among the photos the next export reads in: the export refuses it by name."""
    whole = _picture(tmp_path / "whole.jpg", 600, 400)
    _record_with_photo(project, "DCIM/cut.jpg")
    _record_with_photo(project, "DCIM/whole.jpg")
    (tmp_path / "phone1" / "DCIM" / "cut.jpg").write_bytes(whole[:len(whole) // 2])
    (tmp_path / "phone1" / "DCIM" / "whole.jpg").write_bytes(whole)
    capsys.readouterr()
    assert cli.main(["status", project]) == 0
    out = capsys.readouterr().out
    assert ("photo file not the whole picture, cut short: DCIM/cut.jpg; the export refuses "
            "it until it is copied again from the phone or its photo record deleted"
            ) in out, out
    assert ("照片文件不完整（被截断）：DCIM/cut.jpg；在从手机重新复制或删除其照片记录之前，"
            "导出会拒绝") in out, out
    assert "photo the next export reads in, a change: DCIM/whole.jpg\n" in out, out
    assert cli.main(["status", "--json", project]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["photos_cut_short"] == ["DCIM/cut.jpg"]
    assert said["photos_to_read"] == ["DCIM/whole.jpg"]
    assert said["changes_at_export"] == said["changes_waiting"] + 1
