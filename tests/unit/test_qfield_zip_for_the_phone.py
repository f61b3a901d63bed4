# SPDX-License-Identifier: GPL-2.0-or-later
"""The zip a pull writes for the phone carries the project, not what the office folder keeps
beside it: a file in DCIM/ no record of the package names (a photo of a record deleted, the
old name of a photo renamed) stays in the folder, said by count. The WAL warning an export
gave is not said again by the pull that follows."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

from field_kit.cli import commands as cli
from field_kit.errors import BadInput
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout
from field_kit.sync import masters, merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo
from tests.unit.test_qfield_returned import WAL_LEFT, _returned


def test_a_pull_leaves_photos_no_record_names_out_of_the_zip(master, tmp_path, capsys):
    project = checkout(master, tmp_path / "ph", "ph", township="托克逊镇")
    folder = Path(project["folder"])
    record = _record_with_photo(folder, "DCIM/a.jpg")
    (folder / "DCIM" / "a.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    (folder / "DCIM" / "b.jpg").write_bytes(jpeg_with_exif(lat=42.8, lon=88.7))
    (folder / "DCIM" / "东侧.jpg").write_bytes(jpeg_with_exif(lat=42.9, lon=88.8))
    _record_with_photo(folder, "DCIM/b.jpg")
    assert cli.main(["export", str(folder), str(tmp_path / "c1.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c1.zip"]).refused
    # the second record deleted in the project, with its photo; the first's photo renamed
    with sqlite3.connect(folder / "package.gpkg") as conn:
        conn.execute("DELETE FROM photos WHERE file_name = 'DCIM/b.jpg'")
        conn.execute("DELETE FROM patch_verifications WHERE uuid IN (SELECT record_uuid FROM "
                     "photos WHERE file_name = 'DCIM/b.jpg')")
        conn.execute("UPDATE photos SET file_name = 'DCIM/全景.jpg' WHERE record_uuid = ?",
                     (record,))
    shutil.copy(folder / "DCIM" / "a.jpg", folder / "DCIM" / "全景.jpg")
    assert cli.main(["export", str(folder), str(tmp_path / "c2.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c2.zip"]).refused
    capsys.readouterr()
    assert cli.main(["pull", str(folder), str(master)]) == 0
    said = capsys.readouterr()
    with zipfile.ZipFile(project["zip"]) as zf:
        photos = sorted(n for n in zf.namelist() if n.startswith("DCIM/"))
    assert photos == ["DCIM/全景.jpg"], photos
    # kept in the office folder, and said by count
    assert {"a.jpg", "b.jpg", "东侧.jpg", "全景.jpg"} <= {p.name for p in (folder / "DCIM")
                                                         .iterdir()}
    line = next(x for x in said.err.splitlines() if "left out of" in x)
    assert f"3 files in DCIM/ that no record of the package names (photos of records " \
        f"deleted, old names of photos renamed) left out of {project['zip']}: they stay in " \
        f"{folder}" in line, line
    zh = chinese(line.split("warning: ", 1)[1])
    assert zh.startswith("DCIM/ 中有 3 个文件没有任何记录引用"), zh
    # what the folder keeps is no work the zip lacks: the zip's copy back is exported
    assert cli.main(["export", project["zip"], str(tmp_path / "c3.zip")]) == 0


def test_the_wal_warning_of_an_export_is_not_said_again_by_the_pull(master, tmp_path,
                                                                    capsys):
    back, _ = _returned(master, tmp_path, wal=False, as_zip=False)
    capsys.readouterr()
    assert cli.main(["export", str(back), str(tmp_path / "c.zip")]) == 0
    said = capsys.readouterr()
    assert WAL_LEFT in said.out + said.err, said
    assert cli.main(["pull", str(back), str(master)]) == 0
    said = capsys.readouterr()
    assert "WAL mode" not in said.out + said.err, said
    # the zip the pull wrote, back from the phone in WAL mode again: said of anew
    with zipfile.ZipFile(str(back) + ".zip") as zf:
        zf.extract("package.gpkg", tmp_path / "again")
    again = tmp_path / "again" / "package.gpkg"
    with sqlite3.connect(again) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    (back / "package.gpkg").unlink()
    shutil.copy(again, back / "package.gpkg")
    assert cli.main(["status", str(back)]) == 0
    assert WAL_LEFT in capsys.readouterr().err


def pull_to_fail(master, tmp_path, monkeypatch) -> tuple[dict, Path]:
    """A QField project (its checkout's result, its folder) holding a file in DCIM/ no
    record names, whose next pull fails, the master unreadable."""
    project = checkout(master, tmp_path / "ph", "ph", township="托克逊镇")
    folder = Path(project["folder"])
    (folder / "DCIM" / "stray.jpg").write_bytes(jpeg_with_exif(lat=42.8, lon=88.7))

    def failing(*args, **kwargs):
        raise BadInput("the master cannot be read")

    monkeypatch.setattr(masters, "pull", failing)
    return project, folder


def test_a_pull_that_fails_leaves_photos_no_record_names_out_of_the_zip(master, tmp_path,
                                                                         capsys, monkeypatch):
    """The zip written again after a failed pull carries the project as the pull's own does:
    a file no record names stays in the folder, said by count."""
    project, folder = pull_to_fail(master, tmp_path, monkeypatch)
    capsys.readouterr()
    assert cli.main(["pull", str(folder), str(master)]) == 2
    said = capsys.readouterr()
    with zipfile.ZipFile(project["zip"]) as zf:
        assert "DCIM/stray.jpg" not in zf.namelist(), zf.namelist()
    assert (folder / "DCIM" / "stray.jpg").is_file()
    line = next((x for x in said.err.splitlines() if "left out of" in x), None)
    assert line is not None, said
    assert f"1 file in DCIM/ that no record of the package names (photos of records deleted, " \
        f"old names of photos renamed) left out of {project['zip']}: they stay in {folder}" \
        in line, line
    zh = chinese(line.split("warning: ", 1)[1])
    assert zh.startswith("DCIM/ 中有 1 个文件没有任何记录引用"), zh
