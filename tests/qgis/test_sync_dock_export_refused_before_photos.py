# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's export of a QField project's changes refused for a folder where the
change package is to be written (a folder named as it, or as the file it is written to
first, ``OUT.zip.part``) is refused before the photos in DCIM/ are read into the package:
the package is as it was, its photos still waiting for the next export, and the refusal
names the folder in the way. So is one to a GeoPackage (the package itself, the master, a
name ending in .gpkg), said in the dock's words, and one to a folder gone (the USB stick
pulled out) or read-only."""

from __future__ import annotations

import gc
import hashlib
import os
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
    assert "photo the next export reads in, a change: DCIM/p1.jpg" in said, said


# what can be seen of the change package's place before the export begins: a GeoPackage
# chosen (the package itself, the master, a new name of one), said in the dock's words (it
# has no command line), and a folder gone (the USB stick pulled out)
SEEN_BEFORE = {
    "the package itself": (
        lambda pkg, master, tmp: pkg,
        {"en": "{out} is a GeoPackage (a master or a field package), not a change package: an "
               "export never writes over one; nothing was changed. A change package is "
               "written as a .zip: choose a name ending in .zip.",
         "zh": "{out} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；未作任何更改。"
               "修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。"}),
    "the master": (
        lambda pkg, master, tmp: Path(master),
        {"en": "{out} is a GeoPackage (a master or a field package), not a change package: ",
         "zh": "{out} 是 GeoPackage（主库或外业数据包），不是修改包："}),
    "a new name of a GeoPackage": (
        lambda pkg, master, tmp: tmp / "phone1-changes.gpkg",
        {"en": "{out} is named as a GeoPackage (.gpkg), not as a change package; nothing was "
               "changed. A change package is written as a .zip: choose a name ending in .zip.",
         "zh": "{out} 以 .gpkg 结尾，是 GeoPackage 的文件名，不是修改包的；未作任何更改。"
               "修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。"}),
    "its folder gone": (
        lambda pkg, master, tmp: tmp / "stick" / "phone1-changes.zip",
        {"en": "cannot write {out}: its folder {folder} does not exist; nothing was changed",
         "zh": "无法写入 {out}：文件夹 {folder} 不存在；未作任何更改"}),
}


def _refused_before_photos(dock, iface, pkg: Path, out: Path, named: str) -> None:
    """The Export button pressed for ``out``: refused, ``named`` said in the report and on
    the message bar, no photo read in, the package as it was."""
    before = hashlib.sha256(pkg.read_bytes()).hexdigest()
    since = len(iface.messages)
    dock.export_button.click()
    _wait_for(dock)
    gc.collect()
    report = dock.report.toPlainText()
    bar = [m for m in iface.messages[since:] if m[0] == "critical"]
    assert named in report, report
    assert "Photo read in" not in report and "已读入照片" not in report, report
    assert "field-kit" not in report, report  # (the dock has no command line)
    assert len(bar) == 1 and named in bar[0][2] and "field-kit" not in bar[0][2], bar
    assert hashlib.sha256(pkg.read_bytes()).hexdigest() == before  # the package as it was
    assert _photos_held(pkg) == 0
    said = dock.package_label.text()  # (the photo still waits for the next export)
    assert "DCIM/p1.jpg" in said and ("the next export reads in" in said or
                                      "下次导出" in said), said


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chosen", SEEN_BEFORE)
def test_an_export_to_a_place_seen_to_be_wrong_reads_no_photo_in(
        chosen, lang, plugin, iface, master, tmp_path, monkeypatch):
    from qgis.PyQt.QtWidgets import QFileDialog

    from tests.qgis.conftest import qgis_speaking

    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    _record_with_photo(folder, "DCIM/p1.jpg")
    (folder / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    pkg = folder / "package.gpkg"
    where, said = SEEN_BEFORE[chosen]
    out = where(pkg, master, tmp_path)
    named = said[lang].format(out=out, folder=out.parent)
    was = out.read_bytes() if out.exists() else None
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        dock = plugin.show_sync()
        dock.choose_package(str(pkg))
        _refused_before_photos(dock, iface, pkg, out, named)
    assert (out.read_bytes() if out.exists() else None) == was
    assert not Path(f"{out}.part").exists()


def test_an_export_to_a_read_only_folder_reads_no_photo_in(plugin, iface, master, tmp_path,
                                                           monkeypatch):
    """A folder that may not be written (a write-protected USB stick): refused before."""
    import shutil
    import subprocess

    from qgis.PyQt.QtWidgets import QFileDialog

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs root")
    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    _record_with_photo(folder, "DCIM/p1.jpg")
    (folder / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    pkg = folder / "package.gpkg"
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "phone1-changes.zip"
    for args in (["--bind", str(stick), str(stick)], ["-o", "remount,bind,ro", str(stick)]):
        if subprocess.run(["mount", *args], capture_output=True).returncode:
            if args[0] != "--bind":
                subprocess.run(["umount", str(stick)], capture_output=True)
            pytest.skip("cannot mount a folder read-only here")
    try:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        dock = plugin.show_sync()
        dock.choose_package(str(pkg))
        _refused_before_photos(dock, iface, pkg, out,
                               f"cannot write {out}: its folder {stick} may not be written")
    finally:
        subprocess.run(["umount", str(stick)], check=True)
    assert list(stick.iterdir()) == []
