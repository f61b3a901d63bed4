# SPDX-License-Identifier: GPL-2.0-or-later
"""The status bar of a 1366×768 laptop with a long count of changes waiting beside the note
of a layer without a form: the note keeps room to be read, the count is not cut at the
window's edge but shortened after its number, the whole of it in its tooltip."""

from __future__ import annotations

import shutil

import pytest
from PyQt5.QtCore import QPoint, Qt

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH
from field_kit.cli.commands import main
from field_kit.db import connect
from tests.app.conftest import TOWNSHIP
from tests.app.test_granted_layers import add_well_checks
from tests.app.test_main_window import _save_verification
from tests.app.test_screenshot import OUT
from tests.unit.forms_fixtures import jpeg_with_exif


def _long_count(qtbot, win, patch: str, photo) -> str:
    """Records saved with a photo each: one deleted and put back (Undo delete), another
    deleted before it was sent; the count waiting says both at length."""
    win.select(PATCH, patch)
    for _ in range(2):
        win.form.new_record()
        _save_verification(win.form, photo)
    assert win.form.delete_record(confirm=False)
    qtbot.mouseClick(win.form.undo_button, Qt.LeftButton)
    win.form.new_record()
    _save_verification(win.form, photo)
    assert win.form.delete_record(confirm=False)
    win.update_status()
    return win.waiting_label.text()

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


@pytest.mark.parametrize("lang", [i18n.ZH, i18n.EN])
def test_a_long_count_leaves_the_note_room(qtbot, master, tmp_path, lang):
    add_well_checks(master, tmp_path)  # (a layer without a form: the note as it opens)
    pkg = tmp_path / "tab-2.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "tab-2", "--township",
                 TOWNSHIP]) == 0
    with connect(pkg) as conn:
        patch, lon, lat = conn.execute("SELECT uuid, centre_lon, centre_lat FROM mine_patches "
                                       "ORDER BY patch_code LIMIT 1").fetchone()
    photo = tmp_path / "DSC_0001.jpg"
    photo.write_bytes(jpeg_with_exif(lat=lat, lon=lon, heading=0.0,
                                     taken="2025:06:01 10:15:00", offset="+08:00"))
    win = MainWindow(pkg, lang)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    whole = _long_count(qtbot, win, patch, photo)
    qtbot.wait(50)
    label, note = win.waiting_label, win.start_note_box
    assert "⇪ 12 " in whole and ("从未发送" in whole or "never sent" in whole), whole
    head = whole.split("，")[0] if lang == i18n.ZH else whole.split(",")[0]
    assert note.isVisible() and note.width() >= 300, note.width()
    right = label.mapTo(win, QPoint(label.width(), 0)).x()
    assert right <= win.width(), (right, win.width())
    assert label.width() >= label.fontMetrics().horizontalAdvance(head), (label.width(), head)
    assert label.shown() != whole and label.shown().startswith(head), label.shown()
    assert label.toolTip() == whole, label.toolTip()  # (cut: the whole text a hover away)
    _shot(win, f"status_bar_{lang}.png")
    win.close()


def test_the_count_takes_the_bar_where_no_note_is_beside_it(qtbot, window, patch, photo):
    i18n.set_language(i18n.ZH)
    whole = _long_count(qtbot, window, patch[0], photo)
    qtbot.wait(50)
    label = window.waiting_label
    assert not window.start_note_box.isVisible()
    assert label.width() > window.statusBar().width() * 3 // 4, label.width()
    right = label.mapTo(window, QPoint(label.width(), 0)).x()
    assert right <= window.width(), (right, window.width())
    assert label.shown().startswith(whole[:len(label.shown()) - 1]), label.shown()
    assert label.toolTip() == ("" if label.shown() == whole else whole)
    _shot(window, "status_bar_no_note.png")


def _shot(win, name: str) -> None:
    """The window grabbed to a PNG in ``out/``, to look at."""
    OUT.mkdir(exist_ok=True)
    assert win.grab().save(str(OUT / name))
