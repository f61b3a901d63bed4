# SPDX-License-Identifier: GPL-2.0-or-later
"""An export from the Sync dock (Export its changes…) after one that was cut short, which
itself fails (the folder chosen is gone: the USB stick pulled out): the earlier export is
said, with its unfinished file removed, as well as why this one failed, in the report and
on the message bar, in the user's language; nothing of it is left unsaid for next time."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys

import pytest

from field_kit.db import connect
from field_kit.sync import package_checkout, package_export
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for
from tests.unit.gpkg_factory import add_photo, make_gpkg
from tests.unit.test_export_cut_short import ROOT

LOCALES = {"en": "en", "zh": "zh_CN"}
SAID = {"en": ("to {killed}) was cut short", "Its unfinished file {killed}.part was removed.",
               "Change package not exported"),
        "zh": ("写往 {killed}）未完成", "未写完的文件 {killed}.part 已删除", "未导出修改包")}


def killed_export(tmp_path):
    """A field package whose export to ``a.zip`` was killed as it wrote (``a.zip.part``
    left): the package, and that change package's name."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, verifications=2)
    pkg = tmp_path / "tab.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    with connect(pkg) as c:
        rec = c.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
        for i in range(3):
            add_photo(c, rec, b"\xff\xd8 picture " + bytes([i]))
    killed = tmp_path / "a.zip"
    got = subprocess.run([sys.executable, "-m", "tests.unit.kill_in_export", str(pkg),
                          str(killed)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert got.returncode == -signal.SIGKILL, got.stdout + got.stderr
    assert os.path.exists(f"{killed}.part")
    return pkg, killed


@pytest.mark.parametrize("lang", LOCALES)
def test_a_failed_export_says_the_one_cut_short_before_it(lang, plugin, iface, tmp_path,
                                                          monkeypatch):
    from qgis.PyQt.QtWidgets import QFileDialog

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    pkg, killed = killed_export(tmp_path)
    out = tmp_path / "stick" / "b.zip"  # (the stick pulled out: its folder is gone)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    cut, removed, title = (s.format(killed=killed) for s in SAID[lang])
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        dock = plugin.show_sync()
        dock.choose_package(str(pkg))
        gc.collect()
        since = len(iface.messages)
        dock.export_button.click()
        _wait_for(dock)
        gc.collect()
        report = dock.report.toPlainText()
        bar = [m for m in iface.messages[since:] if m[0] == "critical"]
    assert not out.exists() and not os.path.exists(f"{killed}.part")
    assert cut in report and removed in report, report
    assert str(out) in report, report  # why this one failed
    assert len(bar) == 1 and bar[0][1] == title, bar
    assert cut in bar[0][2] and removed in bar[0][2] and str(out) in bar[0][2], bar
    if lang == "zh":
        for said in (report, bar[0][2]):
            assert "was cut short" not in said and "removed" not in said, said


def test_processings_failed_export_says_the_one_cut_short_before_it(tmp_path):
    """Processing's “Export a change package” too: its log says the earlier export, cut
    short, and its unfinished file removed, before the error."""
    from qgis.core import (
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )

    from qgis_plugin.processing.provider import Provider

    pkg, killed = killed_export(tmp_path)
    out = tmp_path / "stick" / "b.zip"

    class Heard(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.said: list[str] = []

        def pushInfo(self, info):  # noqa: N802
            self.said.append(info)

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            self.said.append(error)
    provider = Provider()
    assert QgsApplication.processingRegistry().addProvider(provider)
    try:
        alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
        feedback = Heard()
        params = {"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(out)}
        _, ok = alg.run(params, QgsProcessingContext(), feedback)
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
    said = "\n".join(feedback.said)
    assert not ok and not out.exists() and not os.path.exists(f"{killed}.part")
    assert f"to {killed}) was cut short" in said, said
    assert f"Its unfinished file {killed}.part was removed." in said, said
    assert f"cannot write {out}" in said, said


def test_a_failed_export_says_the_photos_it_read_in(plugin, iface, master, tmp_path,
                                                    monkeypatch):
    """A QField project's export reads the photos in DCIM/ into its package first (a change
    each, kept): where the export then fails as it writes (the USB stick pulled out once the
    photos were read in), those are said too, with why it failed."""
    import shutil
    from pathlib import Path

    from qgis.PyQt.QtWidgets import QFileDialog

    from field_kit.qfield import checkout
    from tests.unit.forms_fixtures import jpeg_with_exif
    from tests.unit.test_qfield import _record_with_photo

    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    _record_with_photo(folder, "DCIM/p1.jpg")
    (folder / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "phone1.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    written = package_export.export

    def pulled_out(*args, **kwargs):  # (a stick gone before the export is refused first)
        shutil.rmtree(stick)
        return written(*args, **kwargs)
    monkeypatch.setattr(package_export, "export", pulled_out)
    dock = plugin.show_sync()
    dock.choose_package(str(folder / "package.gpkg"))
    since = len(iface.messages)
    dock.export_button.click()
    _wait_for(dock)
    gc.collect()
    report = dock.report.toPlainText()
    bar = [m for m in iface.messages[since:] if m[0] == "critical"]
    assert "Photo read in: DCIM/p1.jpg" in report and f"cannot write {out}" in report, report
    assert len(bar) == 1 and "Photo read in: DCIM/p1.jpg" in bar[0][2], bar
    said = dock.package_label.text()  # (kept: the next export sends it)
    assert "changes waiting to be exported" in said and "next export reads in" not in said, \
        said
