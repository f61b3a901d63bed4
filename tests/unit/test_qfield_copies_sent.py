# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project copied to two phones: the zip a pull wrote from the first phone's copy,
its edits sent and merged, is no copy worked on apart from the second phone's folder; QGIS's
backup of the project file is no work either; and a second copy's zip is never told to take
a name that is in use."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from field_kit.qfield.copies import Difference, refusal
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def _two_phones(master, tmp_path):
    """A checkout unpacked on two phones; the first phone's folder copied back, exported,
    merged and pulled into (the zip written again from it): (the project folder, the
    second phone's folder, the first phone's record)."""
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    phones = [tmp_path / n / "qf" for n in ("one", "two")]
    for phone in phones:
        shutil.copytree(project["folder"], phone)
    first = _record_with_photo(phones[0], "DCIM/a.jpg")
    (phones[0] / "DCIM" / "a.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    shutil.copytree(phones[0], project["folder"], dirs_exist_ok=True)
    assert cli.main(["export", project["folder"], str(tmp_path / "a.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "a.zip"]).refused
    assert cli.main(["pull", project["folder"], str(master)]) == 0
    return project["folder"], phones[1], first


def test_the_zip_of_sent_edits_is_no_copy_worked_on_apart(master, tmp_path, capsys):
    folder, phone, first = _two_phones(master, tmp_path)
    second = _record_with_photo(phone, "DCIM/b.jpg")
    (phone / "DCIM" / "b.jpg").write_bytes(jpeg_with_exif(lat=42.8, lon=88.7))
    shutil.rmtree(folder)
    shutil.copytree(phone, folder)  # the second phone's folder over the first's
    capsys.readouterr()
    assert cli.main(["export", folder, str(tmp_path / "b.zip")]) == 0, capsys.readouterr()
    assert "holds nothing the folder" in capsys.readouterr().out
    assert not merge.merge(master, [tmp_path / "b.zip"]).refused
    with sqlite3.connect(master) as conn:
        held = {u for (u,) in conn.execute("SELECT record_uuid FROM photos")}
    assert {first, second} <= held
    # and the pull into it brings the first phone's record
    assert cli.main(["pull", folder, str(master)]) == 0, capsys.readouterr()
    with sqlite3.connect(f"{folder}/package.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid IN (?, ?)",
                            (first, second)).fetchone()[0] == 2


def test_unsent_work_on_both_copies_is_still_refused(master, tmp_path, capsys):
    folder, phone, _ = _two_phones(master, tmp_path)
    _record_with_photo(f"{folder}/package.gpkg", None)  # unsent, in the zip's copy
    assert cli.main(["pull", folder, str(master)]) == 0  # (the zip written again)
    _record_with_photo(phone, None)
    shutil.rmtree(folder)
    shutil.copytree(phone, folder)
    capsys.readouterr()
    assert cli.main(["export", folder, str(tmp_path / "b.zip")]) == 3
    assert "both copies were worked on" in capsys.readouterr().err


def test_qgis_backup_of_the_project_stops_no_export_nor_pull(master, tmp_path, capsys):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    folder = project["folder"]
    qgs = f"{folder}/qf.qgs"
    # QGIS saving the project leaves the one it saved over as qf.qgs~ (in the zip too, as
    # one copied back from the phone)
    shutil.copyfile(qgs, qgs + "~")
    with zipfile.ZipFile(f"{folder}.zip", "a") as zf:
        zf.writestr("qf.qgs~", b"<qgis/>")
    capsys.readouterr()
    assert cli.main(["export", folder, str(tmp_path / "a.zip")]) == 0, capsys.readouterr()
    assert cli.main(["pull", folder, str(master)]) == 0, capsys.readouterr()
    # the backup stays in the office folder: the phone opens the project by its own file
    with zipfile.ZipFile(f"{folder}.zip") as zf:
        assert "qf.qgs" in zf.namelist() and "qf.qgs~" not in zf.namelist()


def test_the_second_copys_name_is_one_not_in_use(tmp_path):
    folder = str(tmp_path / "qf")
    (tmp_path / "qf-2.zip").write_bytes(b"")
    (tmp_path / "qf-3").mkdir()
    said = refusal(folder, folder + ".zip", Difference(zip_changes=1, folder_changes=1),
                   given=folder).message
    assert f"rename {folder}.zip to {folder}-4.zip" in said, said
    assert f"which unpacks it to {folder}-4)" in said, said


def test_the_second_copys_name_is_said_in_chinese_as_it_is(tmp_path):
    from field_kit.messages_zh import chinese
    folder = str(tmp_path / "qf")
    (tmp_path / "qf-2").mkdir()
    said = refusal(folder, folder + ".zip", Difference(zip_changes=1, folder_changes=1),
                   given=folder).message
    assert f"改名为 {folder}-3.zip" in chinese(said) and f"解压到 {folder}-3）" in chinese(said)
