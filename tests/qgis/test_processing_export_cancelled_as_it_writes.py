# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's export cancelled while it writes the change package (its photos going in)
stops there: no change package, not even its unfinished file, and the log says it was
cancelled with nothing written, in the user's language; the changes wait, and the export run
again carries them all."""

from __future__ import annotations

import gc
import os
import zipfile
from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingContext

from field_kit.db import PART
from field_kit.qfield import checkout
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

PHOTOS = 3
CANCELLED = {"en": "Cancelled: no change package was written; the changes wait for the next "
                   "export.",
             "zh": "已取消：未写入修改包；这些修改留待下次导出。"}


def _project_with_photos(master, tmp_path) -> Path:
    """A QField project's package.gpkg holding PHOTOS verifications, a photo each in DCIM/."""
    folder = Path(checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")["folder"])
    for i in range(PHOTOS):
        _record_with_photo(folder, f"DCIM/p{i}.jpg")
        (folder / "DCIM" / f"p{i}.jpg").write_bytes(jpeg_with_exif(lat=42.7 + i / 100,
                                                                    lon=88.6))
    return folder / "package.gpkg"


class CancelledAsItWrites(Heard):
    """The user's Cancel, pressed once the change package ``out`` is being written."""

    def __init__(self, out: Path):
        super().__init__()
        self.out = out
        self.seen: list[float] = []
        self.progressChanged.connect(self._moved)

    def _moved(self, value):
        self.seen.append(value)
        if os.path.exists(f"{self.out}{PART}"):
            self.cancel()


def _export(pkg: Path, out: Path, heard: Heard) -> tuple[dict, bool]:
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
    return alg.run({"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(out)},
                   QgsProcessingContext(), heard)


def test_an_export_cancelled_as_it_writes_writes_no_change_package(
        lang, master, tmp_path):  # noqa: F811
    pkg = _project_with_photos(master, tmp_path)
    out = tmp_path / "phone1-changes.zip"
    heard = CancelledAsItWrites(out)
    _, ok = _export(pkg, out, heard)
    assert not ok and heard.seen, heard.lines
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert any(CANCELLED[lang] in e for e in errors), heard.lines
    assert not out.exists() and not os.path.exists(f"{out}{PART}")
    assert not [n for n in os.listdir(tmp_path) if n.startswith(out.name)], os.listdir(tmp_path)
    gc.collect()
    # run again, not cancelled: every change is in it, every photo
    heard = Heard()
    got, ok = _export(pkg, out, heard)
    assert ok, heard.lines
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("attachments/") for n in z.namelist()) == PHOTOS
    assert got["CHANGES"] == 3 * PHOTOS  # (each verification, its photo, the photo read in)
