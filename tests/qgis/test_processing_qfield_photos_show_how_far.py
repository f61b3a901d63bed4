# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout "For QField" reports its progress while it writes the photos taken
before into the project's DCIM/, file by file; cancelled then, it names why the project was
not made (the master registered the device) and the same algorithm run again makes it."""

from __future__ import annotations

import os

from qgis.core import QgsProcessingFeedback

from field_kit.cli import commands as cli
from field_kit.db import PART
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.qgis.test_processing import provider  # noqa: F401 (a fixture)
from tests.qgis.test_processing_qfield_zip_shows_how_far import Heard, run_checkout
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

PHOTOS = 4


def _photos_merged(master, tmp_path) -> None:
    """PHOTOS photos taken in QField, exported and merged into the master."""
    first = checkout(master, tmp_path / "taken", "phone-a")
    for i in range(PHOTOS):
        _record_with_photo(first["folder"], f"DCIM/p{i}.jpg")
        (tmp_path / "taken" / "DCIM" / f"p{i}.jpg").write_bytes(
            jpeg_with_exif(lat=42.7 + i / 100, lon=88.6))
    assert cli.main(["export", first["folder"], str(tmp_path / "taken-changes.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "taken-changes.zip"]).refused


def _writing_photos(folder) -> bool:
    """A photo written into the unnamed folder's DCIM/, its project file not yet."""
    work = f"{folder}{PART}"
    dcim = os.path.join(work, "DCIM")
    return os.path.isdir(dcim) and bool(os.listdir(dcim)) and \
        not os.path.exists(os.path.join(work, f"{folder.name}.qgs"))


def test_the_photos_of_a_qfield_checkout_show_how_far_and_hear_cancel(
        provider, master, tmp_path):  # noqa: F811
    _photos_merged(master, tmp_path)
    folder = tmp_path / "phone-p"
    feedback = Heard()
    seen: list[tuple[float, bool]] = []
    feedback.progressChanged.connect(lambda v: seen.append((v, _writing_photos(folder))))
    got, ok = run_checkout(master, folder, feedback)
    assert ok, feedback.errors
    writing = [v for v, now in seen if now]
    assert len(set(writing)) >= PHOTOS - 1, seen  # file by file
    assert [v for v, _ in seen] == sorted(v for v, _ in seen) and seen[-1][0] == 100, seen
    assert sorted(os.listdir(folder / "DCIM")) == [f"p{i}.jpg" for i in range(PHOTOS)]

    again = tmp_path / "phone-q"
    feedback = Heard()
    feedback.progressChanged.connect(
        lambda v: feedback.cancel() if _writing_photos(again) else None)
    _, ok = run_checkout(master, again, feedback)
    assert not ok and feedback.errors == [
        "cancelled by the user once the master had registered device phone-q: the QField "
        f"project {again} was not made; run the same command again, which makes it"], \
        feedback.errors
    assert not os.path.exists(again) and not os.path.exists(f"{again}.zip")
    assert os.listdir(f"{again}{PART}") == [f"package.gpkg{PART}"]
    got, ok = run_checkout(master, again, QgsProcessingFeedback())
    assert ok and os.path.isfile(got["ZIP"]) and os.path.isdir(again)
    assert sorted(os.listdir(again / "DCIM")) == [f"p{i}.jpg" for i in range(PHOTOS)]
