# SPDX-License-Identifier: GPL-2.0-or-later
"""status on a QField project counts what the next export sends: the changes waiting, and
a change for each photo it reads in from DCIM/ or deletes with its record; the export says
the same figures apart."""

from __future__ import annotations

import json
import shutil
import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

READ_IN = "photos the next export reads in, a change each: DCIM/p1.jpg, DCIM/p2.jpg"
SENDS = "the next export sends 7 changes: the 5 waiting and 2 made by reading in the " \
        "project's photos"
OF_THEM = "  of them: the 5 changes waiting and 2 made by reading in the project's photos"


def _phone_worked(master, tmp_path, capsys, on=None):
    """A project where QField saved 3 verifications, 2 with a photo taken (5 changes), in
    the checkout's folder or its copy ``on`` the phone."""
    code, out, err = cli(capsys, "checkout", master, tmp_path / "qf", "--device", "phone1",
                         "--for", "qfield", "--township", "托克逊镇")
    assert code == errors.OK, out + err
    folder = tmp_path / "qf"
    if on is not None:
        shutil.copytree(folder, on)
        folder = on
    records = [_record_with_photo(folder, f"DCIM/{name}.jpg") for name in ("p1", "p2")]
    _record_with_photo(folder, None)
    for i, name in enumerate(("p1", "p2")):
        (folder / "DCIM" / f"{name}.jpg").write_bytes(jpeg_with_exif(lat=42.7 + i, lon=88.6))
    return folder, records


def test_status_counts_the_photos_the_export_reads_in(master, tmp_path, capsys):
    folder, _ = _phone_worked(master, tmp_path, capsys)
    code, out, _ = cli(capsys, "status", folder)
    assert code == errors.OK
    assert "changes waiting 5" in out and READ_IN in out and SENDS in out, out
    said = json.loads(cli(capsys, "status", "--json", folder)[1])
    assert said["changes_waiting"] == 5 and said["changes_at_export"] == 7
    assert said["photos_to_read"] == ["DCIM/p1.jpg", "DCIM/p2.jpg"]
    code, out, err = cli(capsys, "export", folder, tmp_path / "c.zip")
    assert code == errors.OK, out + err
    assert "c.zip: 7 changes (seq 1-7), 2 attachments" in out and OF_THEM in out, out
    code, out, _ = cli(capsys, "status", folder)
    assert "changes waiting 0" in out and "next export" not in out, out
    assert json.loads(cli(capsys, "status", "--json", folder)[1])["changes_at_export"] == 0


def test_a_photo_taken_again_and_one_deleted_with_its_record_are_counted(master, tmp_path,
                                                                          capsys):
    folder, records = _phone_worked(master, tmp_path, capsys)
    assert cli(capsys, "export", folder, tmp_path / "a.zip")[0] == errors.OK
    # on the phone: p1 taken again under its name, p2's record deleted (an earlier project
    # deleted the record alone)
    (folder / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.9, lon=88.9))
    with sqlite3.connect(folder / "package.gpkg") as conn:
        conn.execute("DELETE FROM patch_verifications WHERE uuid = ?", (records[1],))
    conn.close()
    code, out, _ = cli(capsys, "status", folder)
    assert "changes waiting 1" in out, out
    assert "photo the next export reads in, a change: DCIM/p1.jpg" in out, out
    assert f"(row {records[1]}), deleted in the project, deleted with it by the next " \
           "export: DCIM/p2.jpg" in out, out
    assert "the next export sends 3 changes: the 1 waiting, 1 made by reading in the " \
           "project's photos and 1 deleting the photos of records deleted in the project" \
           in out, out
    said = json.loads(cli(capsys, "status", "--json", folder)[1])
    assert said["changes_at_export"] == 3
    assert [d["photos"] for d in said["photos_deleted_with_records"]] == [["DCIM/p2.jpg"]]
    code, out, err = cli(capsys, "export", folder, tmp_path / "b.zip")
    assert code == errors.OK, out + err
    assert "b.zip: 3 changes (seq 8-10)" in out, out
    assert "  of them: the 1 change waiting, 1 made by reading in the project's " \
           "photos and 1 deleting the photos of records deleted in the project" in out, out
    code, out, err = cli(capsys, "export", folder, tmp_path / "all.zip", "--all")
    assert "all.zip: 10 changes" in out and "of them" not in out, out


def test_readings_an_earlier_export_made_logged_again_are_counted(master, tmp_path, capsys):
    """The phone's copy brought back over the folder again lacks the readings the first
    export made: the next export logs them again before it reads the picture taken since."""
    phone = tmp_path / "phone" / "qf"
    _phone_worked(master, tmp_path, capsys, on=phone)
    folder = tmp_path / "qf"
    shutil.copytree(phone, folder, dirs_exist_ok=True)
    assert cli(capsys, "export", folder, tmp_path / "a.zip")[0] == errors.OK
    (phone / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.9, lon=88.9))
    shutil.copytree(phone, folder, dirs_exist_ok=True)
    code, out, _ = cli(capsys, "status", folder)
    assert "changes waiting 5" in out, out
    assert "photo readings an earlier export of this folder made, which this copy lacks, " \
           "logged again by the next export, a change each: DCIM/p1.jpg, DCIM/p2.jpg" in out, out
    assert "photo the next export reads in, a change: DCIM/p1.jpg\n" in out, out
    assert "the next export sends 8 changes: the 5 waiting and 3 made by reading in the " \
           "project's photos" in out, out
    assert json.loads(cli(capsys, "status", "--json", folder)[1])["changes_at_export"] == 8
    code, out, err = cli(capsys, "export", folder, tmp_path / "b.zip")
    assert code == errors.OK, out + err
    assert "b.zip: 8 changes" in out, out
    assert "  of them: the 5 changes waiting and 3 made by reading in the project's " \
           "photos" in out, out


def test_the_figures_are_said_in_chinese(master, tmp_path, capsys, chinese_locale):
    folder, _ = _phone_worked(master, tmp_path, capsys)
    out = cli(capsys, "status", folder)[1]
    assert READ_IN in out and SENDS in out  # (English too)
    assert "下次导出时读入的照片（每张一项修改）：DCIM/p1.jpg, DCIM/p2.jpg" in out, out
    assert "下次导出发送 7 项修改：待导出的 5 项，及读入项目照片产生的 2 项" in out, out
    out = cli(capsys, "export", folder, tmp_path / "c.zip")[1]
    assert "其中：待导出的修改 5 项，读入项目照片产生的修改 2 项" in out, out


def test_photos_deleted_with_their_record_are_counted_as_deletions(
        master, tmp_path, capsys, chinese_locale):
    """A verification with 2 photos deleted on the phone: the 2 photos the export deletes
    with it are said as deletions, none as read in."""
    code, out, err = cli(capsys, "checkout", master, tmp_path / "qf", "--device", "phone1",
                         "--for", "qfield", "--township", "托克逊镇")
    folder = tmp_path / "qf"
    record = _record_with_photo(folder, "DCIM/p1.jpg")
    with sqlite3.connect(folder / "package.gpkg") as conn:
        conn.execute("INSERT INTO photos (uuid, record_uuid, file_name) VALUES "
                     "('8d7c0b8e-5b9a-4d38-9c39-0f6c2d1e7a01', ?, 'DCIM/p2.jpg')", (record,))
    conn.close()
    for i, name in enumerate(("p1", "p2")):
        (folder / "DCIM" / f"{name}.jpg").write_bytes(jpeg_with_exif(lat=42.7 + i, lon=88.6))
    assert cli(capsys, "export", folder, tmp_path / "a.zip")[0] == errors.OK
    with sqlite3.connect(folder / "package.gpkg") as conn:
        conn.execute("DELETE FROM patch_verifications WHERE uuid = ?", (record,))
    conn.close()
    out = cli(capsys, "status", folder)[1]
    assert "the next export sends 3 changes: the 1 waiting and 2 deleting the photos of " \
           "records deleted in the project" in out, out
    assert "下次导出发送 3 项修改：待导出的 1 项，及随已删除记录删除其照片的 2 项" in out, out
    assert "made by reading" not in out and "读入项目照片" not in out, out
    code, out, err = cli(capsys, "export", folder, tmp_path / "b.zip")
    assert code == errors.OK, out + err
    assert "  of them: the 1 change waiting and 2 deleting the photos of records deleted " \
           "in the project" in out, out
    assert "其中：待导出的修改 1 项，随已删除记录删除其照片的修改 2 项" in out, out
    assert "made by reading" not in out and "读入项目照片" not in out, out
