# SPDX-License-Identifier: GPL-2.0-or-later
"""A change package an earlier version made can carry a photo whose picture a copy cut
short (the app and the export now refuse one): the merge refuses that photo by name, its
file and its record, in both languages, and keeps none of its bytes; the rest of the
package, its record and its other photo, is merged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"
WHOLE, AGAIN = jpeg_with_exif(lat=42.7, lon=88.6), jpeg_with_exif(lat=42.8, lon=88.7)
CUT = AGAIN[:150]
SAID = ("photo DCIM/cut.jpg of Patch verifications {code} 2026-11-30 (row {record}): its "
        "picture is not whole, cut short (a copy stopped partway); the photo is not taken: "
        "delete it on the device, attach the picture to the record again, whole, and export "
        "again")


def _photo(conn, record: str, name: str, data: bytes) -> str:
    """A photo as an earlier version stored it, whole or not."""
    sha = hashlib.sha256(data).hexdigest()
    conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) VALUES "
                 "(?, ?, ?, 'image/jpeg')", (sha, data, len(data)))
    photo = str(uuid.uuid4())
    conn.execute("INSERT INTO photos (uuid, record_uuid, record_table, sha256, file_name, "
                 "mime_type) VALUES (?, ?, 'patch_verifications', ?, ?, 'image/jpeg')",
                 (photo, record, sha, name))
    return photo


def in_database(database):
    """The rows a query gives of a PostgreSQL master."""
    from tests.postgis.cluster import query
    return lambda _, sql, *args: [tuple(r) for r in query(database, sql.replace("?", "%s"),
                                                          *args)]


def test_a_merge_refuses_a_photo_cut_short_by_its_file_and_record(master, tmp_path, capsys,
                                                                  chinese_locale, held=rows):
    tech = tmp_path / "tab-1.gpkg"
    assert main(["checkout", str(master), str(tech), "--device", "tab-1",
                 "--township", "郭勒布依乡"]) == 0
    verify(tech, CODE)
    (record,) = rows(tech, "SELECT uuid FROM patch_verifications")[0]
    with sqlite3.connect(tech) as conn:
        kept = _photo(conn, record, "DCIM/whole.jpg", WHOLE)
        cut = _photo(conn, record, "DCIM/cut.jpg", CUT)
    conn.close()
    assert main(["export", str(tech), str(tmp_path / "t.zip")]) == 0
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "t.zip")]) == errors.REFUSED
    out = capsys.readouterr().out
    assert "refused 1" in out, out
    line = next(x for x in out.splitlines() if x.startswith("  refused insert photos"))
    assert line.endswith(f"change {_change(tech, cut)}: " + SAID.format(code=CODE,
                                                                        record=record)), line
    assert (f"图斑核查记录 {CODE} 2026-11-30（要素 {record}）的照片 DCIM/cut.jpg 不完整"
            "（被截断：复制中途停止）；未收入该照片：请在设备上删除它，为该记录重新附上完整的"
            "照片，然后重新导出") in out, out
    # the rest is merged: the record, its whole photo and its bytes; nothing of the other
    assert held(master, "SELECT uuid FROM patch_verifications WHERE uuid = ?", record)
    assert held(master, "SELECT uuid FROM photos WHERE record_uuid = ?", record) == [(kept,)]
    assert held(master, "SELECT sha256 FROM attachments") == [
        (hashlib.sha256(WHOLE).hexdigest(),)]
    # as --json gives it
    assert main(["merge", "--json", str(master), str(tmp_path / "t.zip")]) == errors.REFUSED
    said = json.loads(capsys.readouterr().out)
    (refused,) = [o for m in said["merges"] for o in m["outcomes"] if o["status"] == "refused"]
    assert refused["row"] == cut and refused["reason"] == SAID.format(code=CODE, record=record)
    assert chinese(refused["reason"]).startswith("图斑核查记录 "), chinese(refused["reason"])
    # as it says: deleted on the device, the picture attached again, whole: it goes in
    edit(tech, "DELETE FROM photos WHERE uuid = ?", cut)
    with sqlite3.connect(tech) as conn:
        again = _photo(conn, record, "DCIM/again.jpg", AGAIN)
    conn.close()
    assert main(["export", str(tech), str(tmp_path / "t2.zip")]) == 0
    assert main(["merge", str(master), str(tmp_path / "t2.zip")]) == errors.OK
    assert sorted(held(master, "SELECT uuid FROM photos WHERE record_uuid = ?", record)) == \
        sorted([(kept,), (again,)])


def _change(pkg, row: str) -> str:
    return rows(pkg, "SELECT change_uuid FROM sync_changes WHERE row_uuid = ?", row)[0][0]
