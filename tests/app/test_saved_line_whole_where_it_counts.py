# SPDX-License-Identifier: GPL-2.0-or-later
"""The saved records' lines at a laptop's 1366 px: what a line is cut to, where the form's
column is too narrow for it, is the verifier's name (the same technician on most lines),
never the photo count or whether the record waits to be sent."""

from __future__ import annotations

import pytest

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from tests.app.test_main_window import _save_verification


@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_a_saved_line_keeps_its_photos_and_its_sending_in_sight(window, patch, photo, lang):
    i18n.set_language(lang)
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    window.form.set_value("verifier", "Li Wei 李伟" if lang == i18n.EN else "Li Wei 李伟 Ayxam")
    assert window.form.save()
    records = window.form.records
    item = records.item(0)
    # the line cut as the list cuts it, to a room narrower than the line by half the name
    # (the form's column at 1366 px; set here, as fonts differ from one machine to another)
    metrics = records.fontMetrics()
    room = metrics.horizontalAdvance(item.text()) - metrics.horizontalAdvance("Li Wei 李伟") // 2
    shown = metrics.elidedText(item.text(), records.textElideMode(), room)
    assert shown != item.text(), (shown, room)
    said = ("1 photo", "⇪ not sent yet") if lang == i18n.EN else ("1 张照片", "⇪ 待发送")
    assert all(s in shown for s in said), shown
    assert item.toolTip() == item.text() and "Li Wei 李伟" in item.text()
