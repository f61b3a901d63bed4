# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's export of a QField project's changes refused for a folder where the
change package is to be written (a folder named as it, or as the file it is written to
first, ``OUT.zip.part``) is refused before the photos in DCIM/ are read into the package:
the package is as it was, its photos still waiting for the next export, and the refusal
names the folder in the way."""

from __future__ import annotations

import gc
import hashlib
import sqlite3
from pathlib import Path

import pytest

from field_kit.qfield import checkout
from tests.qgis.test_plugin import _wait_for
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

IN_THE_WAY = {
    "folder named as it": ("{out}", "{out} is a folder, not a file"),
    "its unfinished file a folder": ("{out}.part", "cannot write {out}: {out}.part, where it "
                                                   "is written before it takes its name, is a "
                                                   "folder"),
}


def _photos_held(pkg: Path) -> int:
    conn = sqlite3.connect(pkg)
    try:
        return conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NOT NULL").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("where", IN_THE_WAY)
def test_an_export_refused_for_a_folder_in_the_way_reads_no_photo_in(
        where, plugin, iface, master, tmp_path, monkeypatch):
    from qgis.PyQt.QtWidgets import QFileDialog

    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    _record_with_photo(folder, "DCIM/p1.jpg")
    (folder / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    pkg = folder / "package.gpkg"
    out = tmp_path / "phone1-changes.zip"
    made, named = (s.format(out=out) for s in IN_THE_WAY[where])
    Path(made).mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dock = plugin.show_sync()
    dock.choose_package(str(pkg))
    before = hashlib.sha256(pkg.read_bytes()).hexdigest()
    since = len(iface.messages)
    dock.export_button.click()
    _wait_for(dock)
    gc.collect()
    report = dock.report.toPlainText()
    bar = [m for m in iface.messages[since:] if m[0] == "critical"]
    assert named in report and "Photo read in" not in report, report
    assert len(bar) == 1 and named in bar[0][2] and "Photo read in" not in bar[0][2], bar
    assert hashlib.sha256(pkg.read_bytes()).hexdigest() == before  # the package as it was
    assert _photos_held(pkg) == 0
    assert Path(made).is_dir() and not out.is_file()
    said = dock.package_label.text()  # (the photo still waits for the next export)
    assert "photo(s) the next export reads in, a change each: DCIM/p1.jpg" in said, said
