# SPDX-License-Identifier: GPL-2.0-or-later
"""The office pulls into the project folder while the phone works on its copy: the photos
the pull wrote into the folder are no work of the folder's when the phone's zip comes back."""

from __future__ import annotations

import os
import shutil
import sqlite3

from field_kit.cli import commands as cli
from field_kit.plan.geometry import register_functions
from field_kit.qfield import checkout
from field_kit.qfield.project_folder import make_zip
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def test_a_photo_a_pull_wrote_into_the_folder_is_no_work_the_phones_zip_lacks(
        master, tmp_path, capsys):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    phone = tmp_path / "phone" / "qf"
    shutil.copytree(project["folder"], phone)  # QField: import project from ZIP
    # another technician's record and photo reach the master, and the office pulls them in
    other = checkout(master, tmp_path / "qf2", "phone2", township="托克逊镇")
    _record_with_photo(other["folder"], "DCIM/other.jpg")
    (tmp_path / "qf2" / "DCIM" / "other.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", other["folder"], str(tmp_path / "b.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "b.zip"]).refused
    assert cli.main(["pull", project["folder"], str(master)]) == 0
    assert (tmp_path / "qf" / "DCIM" / "other.jpg").is_file()
    # meanwhile, on the phone: a record made, then the phone's copy sent back as the zip
    record = _record_with_photo(phone, None)
    with sqlite3.connect(phone / "package.gpkg") as conn:
        register_functions(conn)
        conn.execute("UPDATE patch_verifications SET notes = 'on the phone' WHERE uuid = ?",
                     (record,))
    os.remove(project["zip"])
    make_zip(str(phone), project["zip"])
    out = tmp_path / "a.zip"
    capsys.readouterr()
    assert cli.main(["export", project["zip"], str(out)]) == 3
    err = capsys.readouterr().err
    assert "both copies were worked on" not in err and "other.jpg" not in err, err
    assert "move the folder" in err and not out.exists(), err
    os.rename(project["folder"], tmp_path / "qf-pulled")  # as the message says
    assert cli.main(["export", project["zip"], str(out)]) == 0
    rep = merge.merge(master, [out])
    assert not rep.refused and rep.totals["conflict"] == 0
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone()[0] == "on the phone"
