# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's export says in its log what it wrote, as the Sync dock says it: the changes
exported and where, and of them those made by reading in a QField project's photos, in
English and in Chinese. Its field package may be a QField project's zip, as the command
line's export takes one, offered in its file chooser: the zip's photos travel with its
changes."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingContext

from field_kit.qfield.project_folder import make_zip
from field_kit.sync import package_checkout
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.qgis.test_processing_export_reads_qfield_photos_in import (
    READ_IN,
    _project_with_a_photo,
)
from tests.qgis.test_sync_dock_export_refused_before_photos import _photos_held
from tests.unit.forms_fixtures import jpeg_with_exif

EXPORTED = {"en": "Exported {n} changes to {out}.", "zh": "已将 {n} 项修改导出到 {out}。"}
OF_THEM = {"en": "Of them: {waiting} waiting and {made} made by reading in the "
                 "project's photos.",
           "zh": "其中：待导出的修改 {waiting} 项，读入项目照片产生的修改 {made} 项。"}
OFFERED = {"en": "GeoPackage or QField project (*.gpkg *.GPKG *.zip *.ZIP)",
           "zh": "GeoPackage 或 QField 项目 (*.gpkg *.GPKG *.zip *.ZIP)"}


def _export(pkg: Path, out: Path, every: bool = False) -> tuple[dict, bool, Heard]:
    """The export as Processing's dialog runs it: its parameters checked, then run."""
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
    params = {"PACKAGE": str(pkg), "ALL": every, "OUTPUT": str(out)}
    context = QgsProcessingContext()
    ok, why = alg.checkParameterValues(params, context)
    assert ok, why
    heard = Heard()
    got, ok = alg.run(params, context, heard)
    return got, ok, heard


def test_processing_says_what_it_exported_and_the_changes_photos_made(
        lang, master, tmp_path):  # noqa: F811
    pkg = _project_with_a_photo(master, tmp_path)
    out = tmp_path / "phone1-changes.zip"
    got, ok, heard = _export(pkg, out)
    assert ok, heard.lines
    assert ("info", EXPORTED[lang].format(n=3, out=out)) in heard.lines, heard.lines
    # (the verification and its photo waiting, the photo read in)
    assert ("info", OF_THEM[lang].format(waiting=2, made=1)) in heard.lines, heard.lines
    # exported again, nothing: said so, and nothing of photos
    _, ok, heard = _export(pkg, tmp_path / "again.zip")
    assert ok, heard.lines
    assert not (tmp_path / "again.zip").exists()
    assert ("info", {"en": "Nothing to export: no local changes since the last export.",
                     "zh": "无可导出内容：上次导出后没有本地修改。"}[lang]) in heard.lines, \
        heard.lines
    assert not any(OF_THEM[lang][:4] in text for _, text in heard.lines), heard.lines


def test_processing_says_the_photos_changes_of_everything_since_checkout(
        lang, master, tmp_path):  # noqa: F811
    pkg = _project_with_a_photo(master, tmp_path)
    out = tmp_path / "phone1-all.zip"
    _, ok, heard = _export(pkg, out, every=True)
    assert ok, heard.lines
    assert ("info", EXPORTED[lang].format(n=3, out=out)) in heard.lines, heard.lines
    assert ("info", {
        "en": "Of them: 2 since checkout and 1 made by reading in the project's "
              "photos.",
        "zh": "其中：自签出以来的修改 2 项，读入项目照片产生的修改 1 项。"}[lang]) in heard.lines, \
        heard.lines


def test_processing_says_nothing_since_checkout_when_everything_was_asked(
        lang, master, tmp_path):  # noqa: F811
    pkg = tmp_path / "phone1.gpkg"
    package_checkout.checkout(master, pkg, "phone1")
    out = tmp_path / "phone1-all.zip"
    _, ok, heard = _export(pkg, out, every=True)
    assert ok, heard.lines
    assert not out.exists()
    # as the command line's --all says it: nothing since checkout, not since an export
    assert ("info", {"en": "Nothing to export: no local changes since checkout.",
                     "zh": "无可导出内容：自签出以来没有本地修改。"}[lang]) in heard.lines, \
        heard.lines
    assert not any("last export" in text or "上次导出" in text for _, text in heard.lines), \
        heard.lines


def test_processing_exports_a_qfield_projects_zip_with_its_photo(
        lang, master, tmp_path):  # noqa: F811
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
    assert OFFERED[lang] in alg.parameterDefinition("PACKAGE").fileFilter()
    folder = _project_with_a_photo(master, tmp_path).parent
    back = tmp_path / "from-the-phone"  # the project as QField sends it back: zipped
    back.mkdir()
    given = back / "qf.zip"
    make_zip(str(folder), str(given))
    out = tmp_path / "phone1-changes.zip"
    got, ok, heard = _export(given, out)
    assert ok, heard.lines
    assert ("info", READ_IN[lang].format(name="DCIM/p1.jpg")) in heard.lines, heard.lines
    assert got["CHANGES"] == 3 and got["OUTPUT"] == str(out)
    assert ("info", EXPORTED[lang].format(n=3, out=out)) in heard.lines, heard.lines
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("attachments/") for n in z.namelist()) == 1, z.namelist()
    assert _photos_held(back / "qf" / "package.gpkg") == 1  # (unpacked beside the zip)


def test_processing_says_the_photos_deleted_with_their_record_as_deletions(
        lang, master, tmp_path):  # noqa: F811
    """A verification and a second photo of it exported, then the verification deleted in
    QField: its 2 photos the export deletes are said as deletions, as the command line says
    them, not as read in."""
    pkg = _project_with_a_photo(master, tmp_path)
    with sqlite3.connect(pkg) as conn:
        (record,) = conn.execute("SELECT record_uuid FROM photos").fetchone()
        conn.execute("INSERT INTO photos (uuid, record_uuid, file_name) VALUES "
                     "('8d7c0b8e-5b9a-4d38-9c39-0f6c2d1e7a01', ?, 'DCIM/p2.jpg')", (record,))
    conn.close()
    (pkg.parent / "DCIM" / "p2.jpg").write_bytes(jpeg_with_exif(lat=42.8, lon=88.6))
    assert _export(pkg, tmp_path / "a.zip")[1]
    with sqlite3.connect(pkg) as conn:
        conn.execute("DELETE FROM patch_verifications WHERE uuid = ?", (record,))
    conn.close()
    out = tmp_path / "b.zip"
    _, ok, heard = _export(pkg, out)
    assert ok, heard.lines
    assert ("info", EXPORTED[lang].format(n=3, out=out)) in heard.lines, heard.lines
    assert ("info", {"en": "Of them: 1 waiting and 2 deleting the photos of "
                           "records deleted in the project.",
                     "zh": "其中：待导出的修改 1 项，随已删除记录删除其照片的修改 2 项。"}[lang]) \
        in heard.lines, heard.lines
