# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's export of a QField project's package.gpkg does as the Sync dock's and the
command line's: the photos the technician took (DCIM/) are read into the package first and
travel with the change package, its log naming each photo read in, in English and in
Chinese. Where the change package goes is checked before: one refused (a GeoPackage, a name
ending in .gpkg, its folder gone) reads no photo in and leaves the package as it was, the
photo waiting for the export that is not refused."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext

from field_kit.qfield import checkout
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.qgis.test_sync_dock_export_refused_before_photos import SEEN_BEFORE, _photos_held
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

READ_IN = {"en": "Photo read in: {name}", "zh": "已读入照片：{name}"}


def _project_with_a_photo(master, tmp_path) -> Path:
    """A QField project's package.gpkg holding a verification whose photo is in DCIM/."""
    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    _record_with_photo(folder, "DCIM/p1.jpg")
    (folder / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    return folder / "package.gpkg"


def _export(pkg: Path, out: Path) -> tuple[dict, bool, Heard]:
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
    heard = Heard()
    got, ok = alg.run({"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(out)},
                      QgsProcessingContext(), heard)
    return got, ok, heard


def _exported_with_the_photo(pkg: Path, out: Path, lang: str) -> None:  # noqa: F811
    got, ok, heard = _export(pkg, out)
    assert ok, heard.lines
    assert ("info", READ_IN[lang].format(name="DCIM/p1.jpg")) in heard.lines, heard.lines
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("attachments/") for n in z.namelist()) == 1, z.namelist()
    assert _photos_held(pkg) == 1
    assert got["CHANGES"] == 3  # (the verification, its photo, the photo read in)


def test_processing_reads_a_qfield_projects_photos_into_its_change_package(
        lang, master, tmp_path):  # noqa: F811
    pkg = _project_with_a_photo(master, tmp_path)
    _exported_with_the_photo(pkg, tmp_path / "phone1-changes.zip", lang)


@pytest.mark.parametrize("chosen", SEEN_BEFORE)
def test_processing_refused_where_the_change_package_goes_reads_no_photo_in(
        lang, master, tmp_path, chosen):  # noqa: F811
    pkg = _project_with_a_photo(master, tmp_path)
    where, said = SEEN_BEFORE[chosen]
    out = where(pkg, master, tmp_path)
    was = out.read_bytes() if out.exists() else None
    before = hashlib.sha256(pkg.read_bytes()).hexdigest()
    _, ok, heard = _export(pkg, out)
    assert not ok
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert any(said[lang].format(out=out, folder=out.parent) in e for e in errors), heard.lines
    assert not any(READ_IN[lang].format(name="") in text for _, text in heard.lines), \
        heard.lines
    assert hashlib.sha256(pkg.read_bytes()).hexdigest() == before  # the package as it was
    assert _photos_held(pkg) == 0
    assert (out.read_bytes() if out.exists() else None) == was
    # the photo waits for the export that is not refused
    _exported_with_the_photo(pkg, tmp_path / "phone1-changes.zip", lang)
