# SPDX-License-Identifier: GPL-2.0-or-later
"""Update… into a record with one field in conflict and another the master changed: the
box counts the field brought in and names the record, the field and the value kept."""

from __future__ import annotations

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from field_kit.sync import merge
from tests.app.conftest import updated
from tests.app.test_main_window import _save_verification


def test_update_names_the_field_in_conflict_and_counts_the_one_brought_in(
        qtbot, window, patch, photo, master, tmp_path, monkeypatch):
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    merge.merge(master, [window.export_to(usb)[0]])
    window.form.set_value("notes", "mine")  # not sent yet
    assert window.form.save() == uuid
    m = connect(master)  # GIS staff change the note and the verifier of the same record
    m.execute("UPDATE patch_verifications SET notes = 'gis note', verifier = 'Wang' "
              "WHERE uuid = ?", (uuid,))
    m.close()
    boxes, pulled = updated(window, master, monkeypatch)
    assert len(boxes) == 1, boxes
    text = boxes[0]
    assert "1 conflict " in text and "1 field of records already here now holds the " \
        "master's value" in text, text
    day = window.form.values()["verified_on"]
    code = window.form.ctx.subject["patch_code"]
    assert "1 conflict, this device's unsent value kept" in text
    assert f"· {code} {day} · Notes: mine (the master holds gis note)" in text, text
    assert (window.form.values()["verifier"], window.form.values()["notes"]) == ("Wang", "mine")
    i18n.set_language(i18n.ZH)
    text = window.pull_text(pulled[0])
    assert "本机已有记录中有 1 个字段改为主库的值" in text, text
    assert f"· {code} {day} · 备注: mine（主库中为 gis note）" in text, text
