# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project brought back from one phone twice: the photos the first export read in
are no work of the folder's, and the picture taken again since wins cleanly."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from field_kit.cli import commands as cli
from field_kit.plan.geometry import register_functions
from field_kit.qfield import checkout
from field_kit.qfield.project_folder import make_zip
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def _first_trip(master, tmp_path) -> tuple:
    """A checkout taken to the phone, a record and its photo made there, the phone's folder
    copied back over the checkout's and exported and merged: (the project, the phone's
    folder, the record)."""
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    phone = tmp_path / "phone" / "qf"
    shutil.copytree(project["folder"], phone)  # QField: import project from ZIP
    record = _record_with_photo(phone, "DCIM/p1.jpg")
    (phone / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    shutil.copytree(phone, project["folder"], dirs_exist_ok=True)
    assert cli.main(["export", project["folder"], str(tmp_path / "a.zip")]) == 0
    rep = merge.merge(master, [tmp_path / "a.zip"])
    assert not rep.refused and rep.totals["conflict"] == 0
    return project, phone, record


def _edited(phone: Path, record: str) -> None:
    """On the phone: the record's treated area typed (QField's SQLite has GDAL's functions)."""
    with sqlite3.connect(phone / "package.gpkg") as conn:
        register_functions(conn)
        conn.execute("UPDATE patch_verifications SET treated_area_m2 = 22500 WHERE uuid = ?",
                     (record,))


def _taken_again(phone: Path, record: str) -> bytes:
    """On the phone: the photo taken again under its name, and the record edited."""
    again = jpeg_with_exif(lat=42.9, lon=88.9, taken="2026:12:01 12:00:00")
    (phone / "DCIM" / "p1.jpg").write_bytes(again)
    _edited(phone, record)
    return again


def _merged_cleanly(master, changes: Path, record: str, again: bytes) -> None:
    rep = merge.merge(master, [changes])
    assert not rep.refused and rep.totals["refused"] == 0
    assert rep.totals["conflict"] == 0  # one phone is no conflict with itself
    with sqlite3.connect(master) as conn:
        sha, data = conn.execute("SELECT p.sha256, a.data FROM photos p JOIN attachments a "
                                 "ON a.sha256 = p.sha256 WHERE p.record_uuid = ?",
                                 (record,)).fetchone()
        area = conn.execute("SELECT treated_area_m2 FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone()[0]
    assert (sha, data) == (hashlib.sha256(again).hexdigest(), again)  # the newest picture
    assert area == 22500


def test_the_phones_folder_copied_back_twice_merges_cleanly(master, tmp_path, capsys):
    project, phone, record = _first_trip(master, tmp_path)
    again = _taken_again(phone, record)
    shutil.copytree(phone, project["folder"], dirs_exist_ok=True)  # as the first time
    capsys.readouterr()
    assert cli.main(["export", project["folder"], str(tmp_path / "b.zip")]) == 0
    assert "photo brought in: DCIM/p1.jpg" in capsys.readouterr().out
    _merged_cleanly(master, tmp_path / "b.zip", record, again)


@pytest.mark.parametrize("photo", ["same", "taken again"])
def test_the_phones_zip_brought_back_after_a_first_trip_is_no_copy_worked_on_apart(
        master, tmp_path, capsys, photo):
    project, phone, record = _first_trip(master, tmp_path)
    again = _taken_again(phone, record) if photo == "taken again" else \
        (phone / "DCIM" / "p1.jpg").read_bytes()
    if photo == "same":
        _edited(phone, record)
    os.remove(project["zip"])
    make_zip(str(phone), project["zip"])  # the phone's copy, zipped, over the checkout's
    out = tmp_path / "b.zip"
    capsys.readouterr()
    assert cli.main(["export", project["zip"], str(out)]) == 3
    err = capsys.readouterr().err
    # only the phone was worked on: the folder's first reading of its photo is no work
    assert "both copies were worked on" not in err and "qf holds" not in err, err
    assert "move the folder" in err and not out.exists()
    assert "; nothing was exported: " in err and "未导出" not in err, err  # English alone
    os.rename(project["folder"], tmp_path / "qf-first-trip")  # as the message says
    assert cli.main(["export", project["zip"], str(out)]) == 0
    _merged_cleanly(master, out, record, again)
