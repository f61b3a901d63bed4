# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician with a keyboard only: a patch found by its code and opened with Enter, a
form filled with Tab, saved with Ctrl+S or Enter on Save, and Ctrl+S with a field missing
putting the cursor in that field."""

from __future__ import annotations

import sqlite3

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication, QComboBox, QLineEdit

from field_kit.app.patch_list import PATCH


def _key(qtbot, key, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _tab_to(qtbot, form, name: str, kind=QLineEdit):
    """Tab on until the cursor is in the field ``name`` (its box of ``kind``)."""
    for _ in range(40):
        _key(qtbot, Qt.Key_Tab)
        w = QApplication.focusWidget()
        editor = form.editors[name]
        if isinstance(w, kind) and editor.isAncestorOf(w):
            return w
    raise AssertionError(f"Tab never reached {name}")


def _patches(package) -> list[tuple[str, str, float, float]]:
    conn = sqlite3.connect(package)
    try:
        return conn.execute("SELECT uuid, patch_code, centre_lon, centre_lat FROM mine_patches "
                            "ORDER BY patch_code").fetchall()
    finally:
        conn.close()


def _active(qtbot, window) -> None:
    """The window is the one keys go to (as a click on it makes it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_enter_in_the_search_opens_the_patch_found(qtbot, window, package):
    _active(qtbot, window)
    uuid, code = _patches(package)[1][:2]
    qtbot.mouseClick(window.list.search, Qt.LeftButton)
    _type(qtbot, code[-6:])
    _key(qtbot, Qt.Key_Return)
    assert window.current == (PATCH, uuid)
    assert window.form is not None and window.form.subject_uuid == uuid


def test_enter_in_the_list_opens_the_row_under_its_cursor(qtbot, window, package):
    _active(qtbot, window)
    first = _patches(package)[0][0]
    qtbot.mouseClick(window.list.search, Qt.LeftButton)
    _type(qtbot, "CT65")  # every patch
    while QApplication.focusWidget() is not window.list.tree:
        _key(qtbot, Qt.Key_Tab)
    assert window.current is None  # the list focused: its cursor on the first row, not chosen
    _key(qtbot, Qt.Key_Return)
    assert window.current == (PATCH, first)


def test_ctrl_s_saves_and_puts_the_cursor_where_a_field_is_missing(qtbot, window, package):
    from tests.app.conftest import click_in_list
    _active(qtbot, window)
    uuid, _code, lon, lat = _patches(package)[0]
    click_in_list(qtbot, window, PATCH, uuid)
    form = window.form
    qtbot.waitUntil(form.isVisible)  # (shown as the event loop runs)
    _active(qtbot, window)  # (offscreen, a click activates no window)
    qtbot.mouseClick(form.editors["patch_code"].edit, Qt.LeftButton)
    for name, typed in (("patch_class", "1"), ("patch_subclass", "1"), ("damage_type", None),
                        ("patch_feature", "1"), ("remediation_status", "A"),
                        ("restoration_method", "1"), ("mining_method", "A")):
        _tab_to(qtbot, form, name, QComboBox)
        if typed is None:
            _key(qtbot, Qt.Key_Down)  # its codes are Chinese words: the first one
        else:
            _type(qtbot, typed)
    _tab_to(qtbot, form, "measured_area_m2")
    _type(qtbot, "1,200.5")
    _tab_to(qtbot, form, "position")
    _type(qtbot, f"{lon:.6f}")
    _key(qtbot, Qt.Key_Tab)
    _type(qtbot, f"{lat:.6f}")
    assert [p.field for p in form.problems if p.severity == "error"] == ["verifier"]

    _key(qtbot, Qt.Key_S, Qt.ControlModifier)  # the verifier missing: the cursor goes there
    assert form.record_uuid is None
    _type(qtbot, "Li Na")
    assert form.editors["verifier"].edit.text() == "Li Na"
    _key(qtbot, Qt.Key_S, Qt.ControlModifier)
    saved = window.form.record_uuid
    assert saved is not None

    form = window.form  # the record saved, open to correct it: Enter on Save saves it
    qtbot.waitUntil(form.editors["notes"].isVisible)
    _active(qtbot, window)
    qtbot.mouseClick(form.editors["notes"].edit, Qt.LeftButton)
    _type(qtbot, "spoil heap by the road")
    while QApplication.focusWidget() is not form.save_button:
        _key(qtbot, Qt.Key_Tab)
    _key(qtbot, Qt.Key_Return)
    conn = sqlite3.connect(package)
    try:
        assert conn.execute("SELECT verifier, notes FROM patch_verifications WHERE uuid = ?",
                            (saved,)).fetchall() == [("Li Na", "spoil heap by the road")]
    finally:
        conn.close()


def test_after_ctrl_s_the_keys_go_to_the_saved_record_not_the_search(qtbot, window, package,
                                                                     patch, photo):
    """The field typed in is gone with the form saved: the cursor goes to the saved record
    in the form's list, not to the search box, whose text selected the next keys replaced."""
    from tests.app.conftest import click_in_list
    from tests.app.test_main_window import _save_verification
    _active(qtbot, window)
    click_in_list(qtbot, window, PATCH, patch[0])
    saved = _save_verification(window.form, photo)
    form = window.form
    qtbot.waitUntil(form.editors["notes"].isVisible)
    _active(qtbot, window)
    qtbot.mouseClick(window.list.search, Qt.LeftButton)
    _type(qtbot, "CT65")  # the list narrowed by a search, kept as the technician left it
    qtbot.mouseClick(form.editors["notes"].edit, Qt.LeftButton)
    _type(qtbot, "spoil heap")
    _key(qtbot, Qt.Key_S, Qt.ControlModifier)
    records = window.form.records
    _active(qtbot, window)  # (offscreen, the window the focus left is made active again)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is records)
    assert records.currentItem().data(Qt.UserRole) == saved
    _type(qtbot, "x")  # a key typed next: the search keeps what it held
    assert window.list.search.text() == "CT65"
