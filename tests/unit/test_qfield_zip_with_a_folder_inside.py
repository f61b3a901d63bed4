# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project sent back as a zip holding the project folder itself (the folder
zipped on the phone or a computer, not its contents): exported (unpacked to ``OUT/OUT``),
pulled into, and brought back again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

from field_kit.cli import commands as cli
from field_kit.plan.geometry import register_functions
from field_kit.qfield import checkout
from field_kit.qfield.photo_reads import SUFFIX
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def _zipped_with_its_folder(folder: Path, out: Path) -> None:
    """As `zip -r qf.zip qf` writes it: every member under ``qf/``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder.parent).as_posix())


def _first_trip(master, tmp_path) -> tuple[Path, Path, str]:
    """A project taken to the phone, a record and its photo made there, the folder sent back
    zipped with the folder inside, exported and merged: (the phone's folder, the zip received
    at the office, the record)."""
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    phone = tmp_path / "phone" / "qf"
    shutil.copytree(project["folder"], phone)
    record = _record_with_photo(phone, "DCIM/p1.jpg")
    (phone / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    received = tmp_path / "office" / "qf.zip"
    _zipped_with_its_folder(phone, received)
    assert cli.main(["export", str(received), str(tmp_path / "a.zip")]) == 0
    assert (tmp_path / "office" / "qf" / "qf" / "package.gpkg").is_file()  # unpacked there
    rep = merge.merge(master, [tmp_path / "a.zip"])
    assert not rep.refused and rep.totals["conflict"] == 0
    return phone, received, record


def test_the_zip_a_pull_writes_leaves_the_readings_kept_at_the_office(master, tmp_path):
    """What the export read is kept beside the folder and never goes to the phone: the zip
    the pull writes again from the folder unpacked there holds no readings file."""
    _phone, received, _record = _first_trip(master, tmp_path)
    readings = tmp_path / "office" / "qf" / ("qf" + SUFFIX)
    assert readings.is_file()
    assert cli.main(["pull", str(tmp_path / "office" / "qf"), str(master)]) == 0
    with zipfile.ZipFile(received) as zf:
        names = zf.namelist()
    assert "qf/package.gpkg" in names and "qf/DCIM/p1.jpg" in names, names
    assert not [n for n in names if n.endswith(SUFFIX)], names
    assert readings.is_file()


def test_a_pull_into_the_folder_inside_is_no_work_when_the_phone_sends_again(
        master, tmp_path, capsys):
    """Pulled into ``OUT/OUT``, the zip the pull writes beside it (``OUT/OUT.zip``) is the
    office's copy of the project, no work of the folder's: the phone's zip sent again is
    refused for the folder unpacked there only, and exported once that is moved away."""
    phone, received, record = _first_trip(master, tmp_path)
    inside = tmp_path / "office" / "qf" / "qf"
    assert cli.main(["pull", str(inside), str(master)]) == 0
    assert (tmp_path / "office" / "qf" / "qf.zip").is_file()
    with sqlite3.connect(phone / "package.gpkg") as conn:  # on the phone again
        register_functions(conn)
        conn.execute("UPDATE patch_verifications SET treated_area_m2 = 22500 WHERE uuid = ?",
                     (record,))
    os.remove(received)
    _zipped_with_its_folder(phone, received)
    out = tmp_path / "b.zip"
    capsys.readouterr()
    assert cli.main(["export", str(received), str(out)]) == 3
    err = capsys.readouterr().err
    assert "both copies were worked on" not in err and "qf.zip that" not in err, err
    assert "move the folder" in err and not out.exists(), err
    os.rename(tmp_path / "office" / "qf", tmp_path / "office" / "qf-first-trip")
    assert cli.main(["export", str(received), str(out)]) == 0
    rep = merge.merge(master, [out])
    assert not rep.refused and rep.totals["conflict"] == 0
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT treated_area_m2 FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone()[0] == 22500


def test_a_pull_into_the_outer_folder_names_the_folder_the_photos_went_to(master, tmp_path,
                                                                          capsys):
    """The photos a pull brings go beside the package, in the folder inside: said so (the
    outer folder was named, where there is no DCIM/)."""
    from tests.unit.test_qfield_pull import _from_another_phone

    _first_trip(master, tmp_path)
    _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    capsys.readouterr()
    assert cli.main(["pull", str(tmp_path / "office" / "qf"), str(master)]) == 0
    out = capsys.readouterr().out
    inside = tmp_path / "office" / "qf" / "qf"
    assert (inside / "DCIM" / "theirs.jpg").is_file()
    assert f"1 photo written to {inside}, as the master holds it: DCIM/theirs.jpg" in out
