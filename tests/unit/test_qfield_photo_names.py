# SPDX-License-Identifier: GPL-2.0-or-later
"""Photos of a QField project that share a file name (two cameras both writing
``DSC_0001.jpg``; the field app keeps a photo's own name): each is written under a name of
its own, QField shows each record its own picture, and an export sends no photo change
no one made."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import capture_switch, merge, package_checkout
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_progress import verify

TOWNSHIP = "郭勒布依乡"
NAME = "DSC_0001.jpg"


def _photos(path) -> dict:
    """record uuid -> (file name, sha256, taken_at, lon, lat, heading) of its photo."""
    with sqlite3.connect(path) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT record_uuid, file_name, sha256, taken_at, lon, lat, heading FROM photos")}


@pytest.fixture
def same_name(master, tmp_path):
    """A master whose two records have photos named alike with other bytes, made in the
    field app and merged: (record a, record b) uuids."""
    tab = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, tab, "tab-1", township=TOWNSHIP)
    cams = []
    for i, (lat, lon) in enumerate([(42.71, 88.61), (42.82, 88.72)]):
        cam = tmp_path / f"camera{i}"
        cam.mkdir()
        (cam / NAME).write_bytes(jpeg_with_exif(lat=lat, lon=lon, heading=10.0 + i,
                                                taken=f"2025:06:0{i + 1} 10:00:00"))
        cams.append(cam / NAME)
    conn = connect(tab)
    codes = [c for (c,) in conn.execute("SELECT patch_code FROM mine_patches ORDER BY fid "
                                        "LIMIT 2")]
    records = [verify(conn, code, "B", photos=[cam]) for code, cam in zip(codes, cams)]
    conn.close()
    assert cli.main(["export", str(tab), str(tmp_path / "tab-1.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "tab-1.zip"]).refused
    assert len({v[1] for v in _photos(master).values()}) == 2
    return records


def test_each_photo_of_a_name_shared_is_in_the_project_under_a_name_of_its_own(
        master, same_name, tmp_path, capsys):
    out = tmp_path / "phone1"
    assert cli.main(["checkout", str(master), str(out), "--device", "phone1",
                     "--township", TOWNSHIP, "--for", "qfield"]) == 0
    here, there = _photos(out / "package.gpkg"), _photos(master)
    names = {here[r][0] for r in same_name}
    assert len(names) == 2 and NAME in names  # the first keeps its name
    for record in same_name:
        name, sha = here[record][:2]
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == sha == there[record][1]
    capsys.readouterr()
    assert cli.main(["status", str(out)]) == 0
    assert "changes waiting 0" in capsys.readouterr().out
    assert cli.main(["repair", str(out)]) == 0  # the name given is no edit to vouch for
    assert cli.main(["export", str(out), str(tmp_path / "c.zip")]) == 0
    said = capsys.readouterr().out
    assert "photo brought in" not in said and "nothing to export" in said
    assert not (tmp_path / "c.zip").exists()
    assert _photos(master) == there


def _as_an_earlier_checkout_wrote_it(folder) -> None:
    """The folder as a checkout wrote it before each photo had a file of its own: both
    photos name one file, which holds the first one's picture."""
    gpkg = folder / "package.gpkg"
    with sqlite3.connect(gpkg) as conn:  # (capture switched as the toolkit switches it)
        capture_switch.switch_capture(conn, False)
        for (name,) in conn.execute("SELECT file_name FROM photos WHERE file_name != ?",
                                    (NAME,)).fetchall():
            (folder / name).unlink()
        conn.execute("UPDATE photos SET file_name = ?", (NAME,))
        conn.execute("DELETE FROM sync_changes WHERE origin = 'folder'")
        capture_switch.switch_capture(conn, True)
    Path(f"{folder}.zip").unlink()


def test_a_file_two_photos_name_is_read_for_neither_and_is_named(master, same_name, tmp_path,
                                                                 capsys):
    out = tmp_path / "phone1"
    assert cli.main(["checkout", str(master), str(out), "--device", "phone1",
                     "--township", TOWNSHIP, "--for", "qfield"]) == 0
    _as_an_earlier_checkout_wrote_it(out)
    there = _photos(master)
    capsys.readouterr()
    assert cli.main(["export", str(out), str(tmp_path / "c.zip")]) == 0
    said = capsys.readouterr().out
    assert "photo brought in" not in said and "nothing to export" in said
    with sqlite3.connect(master) as conn:  # the record named as status names it
        code, day = conn.execute("SELECT patch_code, verified_on FROM patch_verifications "
                                 "WHERE uuid = ?", (same_name[1],)).fetchone()
    assert f"{NAME} is not read for Patch verifications {code} {day} (row {same_name[1]}): " \
        "it is the file of another photo too" in said, said
    assert f"{NAME} 未作为图斑核查记录 {code} {day}（要素 {same_name[1]}）的照片读入：" in \
        chinese(said), chinese(said)
    # a picture neither photo had, under the name both give: whose it is cannot be told
    (out / NAME).write_bytes(jpeg_with_exif(lat=43.0, lon=89.0))
    assert cli.main(["export", str(out), str(tmp_path / "d.zip")]) == 2
    err = capsys.readouterr().err
    assert f"{NAME} in {out}: the file of more than one photo" in err
    assert "nothing was exported" in err and not (tmp_path / "d.zip").exists()
    assert _photos(master) == there
    (out / NAME).unlink()  # moved out of the folder: each photo keeps its picture
    assert cli.main(["export", str(out), str(tmp_path / "e.zip")]) == 0
    assert "nothing to export" in capsys.readouterr().out


def test_a_photo_under_the_folders_name_deleted_in_qfield_is_deleted_in_the_master(
        master, same_name, tmp_path):
    """The name given in the folder is not what the master knows: an edit of that photo is
    sent with the master's name as its earlier value, and merges with no conflict."""
    out = tmp_path / "phone1"
    assert cli.main(["checkout", str(master), str(out), "--device", "phone1",
                     "--township", TOWNSHIP, "--for", "qfield"]) == 0
    with sqlite3.connect(out / "package.gpkg") as conn:  # as QField deletes it
        conn.execute("DELETE FROM photos WHERE file_name = 'DSC_0001-2.jpg'")
    assert cli.main(["export", str(out), str(tmp_path / "c.zip")]) == 0
    assert cli.main(["merge", str(master), str(tmp_path / "c.zip")]) == 0
    assert set(_photos(master)) == {same_name[0]}
