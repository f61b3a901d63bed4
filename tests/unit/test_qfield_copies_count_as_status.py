# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project's folder and the zip beside it: what one copy holds that the other lacks
is counted as ``status`` counts the changes waiting, a value typed into a column the phone's
user added among them (the next export logs it), so that a copy holding only such a value
is never exported over, and one exported since is not called different."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.qfield.project_folder import make_zip
from tests.unit.cli_run import cli
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.gpkg_factory import edit
from tests.unit.test_qfield import _record_with_photo


def _checked_out(master, tmp_path, capsys):
    code, out, err = cli(capsys, "checkout", master, tmp_path / "phone", "--device", "phone1",
                         "--for", "qfield", "--township", "郭勒布依乡")
    assert code == errors.OK, out + err
    shutil.copytree(tmp_path / "phone", tmp_path / "as-checked-out")
    return tmp_path / "phone", tmp_path / "phone" / "package.gpkg"


def _back_as_the_zip(tmp_path, folder) -> None:
    """The phone's copy back as the zip; the folder as it was checked out."""
    make_zip(str(folder), str(tmp_path / "phone.zip"))
    shutil.rmtree(folder)
    shutil.copytree(tmp_path / "as-checked-out", folder)


def test_the_zip_holds_as_many_changes_as_status_said_were_waiting(master, tmp_path, capsys):
    folder, pkg = _checked_out(master, tmp_path, capsys)
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    record = _record_with_photo(folder, "DCIM/p1.jpg")
    edit(pkg, "INSERT INTO photos (uuid, record_uuid, file_name) VALUES ('p2', ?, "
              "'DCIM/p2.jpg')", record)
    edit(pkg, "UPDATE patch_verifications SET remark = 'washed out' WHERE uuid = ?", record)
    for i, name in enumerate(("p1", "p2")):
        (folder / "DCIM" / f"{name}.jpg").write_bytes(jpeg_with_exif(lat=42.7 + i, lon=88.6))
    _, out, _ = cli(capsys, "status", folder)
    assert "changes waiting 4" in out, out  # a record, 2 photos, the remark typed
    _back_as_the_zip(tmp_path, folder)
    code, out, err = cli(capsys, "export", folder, tmp_path / "out.zip")
    assert code == errors.REFUSED, out + err
    assert f"{tmp_path / 'phone.zip'} holds 4 changes and files DCIM/p1.jpg, DCIM/p2.jpg " \
        f"that {folder} lacks" in err, err


def test_a_zip_whose_only_work_is_a_column_filled_is_not_exported_over(
        master, tmp_path, capsys):
    folder, pkg = _checked_out(master, tmp_path, capsys)
    record = _record_with_photo(folder, None)
    assert cli(capsys, "export", folder, tmp_path / "a.zip")[0] == errors.OK
    shutil.rmtree(tmp_path / "as-checked-out")
    shutil.copytree(folder, tmp_path / "as-checked-out")
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    edit(pkg, "UPDATE patch_verifications SET remark = 'washed out' WHERE uuid = ?", record)
    _, out, _ = cli(capsys, "status", folder)
    assert "changes waiting 1" in out, out
    _back_as_the_zip(tmp_path, folder)
    code, out, err = cli(capsys, "export", folder, tmp_path / "b.zip")
    assert code == errors.REFUSED, out + err
    assert f"{tmp_path / 'phone.zip'} holds 1 change that {folder} lacks" in err, err


def test_a_copy_exported_since_is_not_called_different(master, tmp_path, capsys):
    folder, pkg = _checked_out(master, tmp_path, capsys)
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    record = _record_with_photo(folder, None)
    edit(pkg, "UPDATE patch_verifications SET remark = 'washed out' WHERE uuid = ?", record)
    make_zip(str(folder), str(tmp_path / "phone.zip"))  # (the same work, not exported)
    assert cli(capsys, "export", folder, tmp_path / "a.zip")[0] == errors.OK
    code, out, err = cli(capsys, "export", folder, tmp_path / "b.zip")
    assert code == errors.OK, out + err
    assert "holds nothing the folder" in out, out
