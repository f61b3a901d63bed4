# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock, given a QField project's package, does as `field-kit status` and
`field-kit export` do: it says the photos in DCIM/ the export reads in with the changes
waiting, and reads them in when it exports, a change each."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from field_kit.qfield import checkout
from tests.qgis.test_plugin import _wait_for
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def test_the_sync_dock_reads_in_a_qfield_projects_photos_as_the_export_command_does(
        plugin, master, tmp_path):
    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    for i, name in enumerate(("p1", "p2")):  # what QField saved: a verification, a photo
        _record_with_photo(folder, f"DCIM/{name}.jpg")
        (folder / "DCIM" / f"{name}.jpg").write_bytes(jpeg_with_exif(lat=42.7 + i, lon=88.6))
    pkg = folder / "package.gpkg"
    dock = plugin.show_sync()
    dock.choose_package(str(pkg))
    said = dock.package_label.text()
    assert "4 changes waiting to be exported" in said, said
    assert "photos the next export reads in, a change each: DCIM/p1.jpg, DCIM/p2.jpg" \
        in said, said
    assert "the next export sends 6 changes: the 4 waiting and 2 made by reading in the " \
        "project's photos" in said, said
    out = tmp_path / "phone1.zip"
    dock.export_package(str(out))
    _wait_for(dock)
    report = dock.report.toPlainText()
    assert "Photo read in: DCIM/p1.jpg" in report and "Photo read in: DCIM/p2.jpg" in report, \
        report
    assert f"Exported 6 changes to {out}." in report, report
    assert "Of them: 4 waiting and 2 made by reading in the project's photos." \
        in report, report
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("attachments/") for n in z.namelist()) == 2
    with sqlite3.connect(pkg) as conn:
        assert conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NOT NULL"
                            ).fetchone() == (2,)
    conn.close()
    said = dock.package_label.text()
    assert "0 changes waiting to be exported" in said and "next export" not in said, said


def test_a_qfield_projects_change_package_is_offered_beside_its_folder(plugin, master,
                                                                       tmp_path, monkeypatch):
    """Not in the folder (which goes back to the phone with the project), nor as FOLDER.zip,
    the project's own zip."""
    from qgis.PyQt.QtWidgets import QFileDialog

    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (offered.append(args[2]), ("", ""))[1])
    dock = plugin.show_sync()
    dock.choose_package(str(folder / "package.gpkg"))
    dock.export_button.click()
    assert offered == [str(tmp_path / "qf-changes.zip")], offered


def _a_verification_with_2_photos_deleted(master, tmp_path, dock) -> Path:
    """A QField project whose verification with 2 photos, exported once, was then deleted in
    QField: its package, chosen in the Sync dock."""
    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    record = _record_with_photo(folder, "DCIM/p1.jpg")
    with sqlite3.connect(folder / "package.gpkg") as conn:
        conn.execute("INSERT INTO photos (uuid, record_uuid, file_name) VALUES "
                     "('8d7c0b8e-5b9a-4d38-9c39-0f6c2d1e7a01', ?, 'DCIM/p2.jpg')", (record,))
    conn.close()
    for i, name in enumerate(("p1", "p2")):
        (folder / "DCIM" / f"{name}.jpg").write_bytes(jpeg_with_exif(lat=42.7 + i, lon=88.6))
    pkg = folder / "package.gpkg"
    dock.choose_package(str(pkg))
    dock.export_package(str(tmp_path / "a.zip"))
    _wait_for(dock)
    with sqlite3.connect(pkg) as conn:
        conn.execute("DELETE FROM patch_verifications WHERE uuid = ?", (record,))
    conn.close()
    dock.choose_package(str(pkg))
    return pkg


def test_the_photos_deleted_with_their_record_are_said_as_deletions(plugin, master,
                                                                     tmp_path):
    """As `field-kit export` says them: the 2 photos the export deletes with the deleted
    verification are not said as read in."""
    dock = plugin.show_sync()
    _a_verification_with_2_photos_deleted(master, tmp_path, dock)
    out = tmp_path / "b.zip"
    dock.export_package(str(out))
    _wait_for(dock)
    report = dock.report.toPlainText()
    assert f"Exported 3 changes to {out}." in report, report
    assert "Of them: 1 waiting and 2 deleting the photos of records deleted " \
        "in the project." in report, report
    assert "made by reading" not in report, report


def test_the_photos_deleted_with_their_record_are_said_in_chinese(plugin_in_chinese, master,
                                                                  tmp_path):
    dock = plugin_in_chinese.show_sync()
    _a_verification_with_2_photos_deleted(master, tmp_path, dock)
    out = tmp_path / "b.zip"
    dock.export_package(str(out))
    _wait_for(dock)
    report = dock.report.toPlainText()
    assert f"已将 3 项修改导出到 {out}。" in report, report
    assert "其中：待导出的修改 1 项，随已删除记录删除其照片的修改 2 项。" in report, report
    assert "读入项目照片" not in report, report
