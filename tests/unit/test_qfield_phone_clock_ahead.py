# SPDX-License-Identifier: GPL-2.0-or-later
"""A phone whose clock runs a few minutes fast: the photos the export reads in on the
computer follow the phone's edits, and the photo reaches the master whole."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def fast_phone_sent(master, tmp_path: Path) -> tuple[str, bytes, Path]:
    """A verification and its photo made in QField on a phone whose clock is 10 minutes
    fast, exported on the computer: (the record, the picture, the change package)."""
    project = checkout(master, tmp_path / "qf", "phone2", township="托克逊镇")
    record = _record_with_photo(project["folder"], "DCIM/20261206_204500.jpg")
    jpeg = jpeg_with_exif(lat=42.7, lon=88.6)
    (tmp_path / "qf" / "DCIM" / "20261206_204500.jpg").write_bytes(jpeg)
    with sqlite3.connect(f"{project['folder']}/package.gpkg") as conn:  # the phone's clock
        conn.execute("UPDATE sync_capture SET at = at + 10.0 / 1440")
    assert cli.main(["export", project["folder"], str(tmp_path / "c.zip")]) == 0
    return record, jpeg, tmp_path / "c.zip"


def test_a_phone_clock_ahead_costs_no_photo_its_picture(master, tmp_path):
    record, jpeg, changes = fast_phone_sent(master, tmp_path)
    rep = merge.merge(master, [changes])
    assert not rep.refused and rep.totals["conflict"] == 0  # no conflict with itself
    with sqlite3.connect(master) as conn:
        got = conn.execute("SELECT p.sha256, p.mime_type, a.data FROM photos p JOIN attachments "
                           "a ON a.sha256 = p.sha256 WHERE p.record_uuid = ?",
                           (record,)).fetchone()
        held = conn.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0]
    assert got == (hashlib.sha256(jpeg).hexdigest(), "image/jpeg", jpeg)
    assert held == 0


def test_photos_deleted_with_their_record_on_a_phone_clock_ahead_are_deleted(master,
                                                                              tmp_path):
    """The photos of a record deleted on the phone, which the export deletes with it on
    the computer, follow the phone's edits of them: deleted in the master too."""
    record, _jpeg, changes = fast_phone_sent(master, tmp_path)
    assert merge.merge(master, [changes]).totals["conflict"] == 0
    with sqlite3.connect(tmp_path / "qf" / "package.gpkg") as conn:  # on the phone, again
        conn.execute("UPDATE photos SET caption = 'north side' WHERE record_uuid = ?", (record,))
        conn.execute("DELETE FROM patch_verifications WHERE uuid = ?", (record,))
        conn.execute("UPDATE sync_capture SET at = at + 10.0 / 1440")
    assert cli.main(["export", str(tmp_path / "qf"), str(tmp_path / "d.zip")]) == 0
    rep = merge.merge(master, [tmp_path / "d.zip"])
    assert not rep.refused and rep.totals["conflict"] == 0
    with sqlite3.connect(master) as conn:
        left = conn.execute("SELECT count(*) FROM photos WHERE record_uuid = ?",
                            (record,)).fetchone()[0]
    assert left == 0
