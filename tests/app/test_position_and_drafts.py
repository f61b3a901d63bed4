# SPDX-License-Identifier: GPL-2.0-or-later
"""The form's position follows the technician until they keep one; browsing leaves no
drafts; a poor accuracy is warned about; several fixes can be averaged; export warns about
every draft in the package."""

from __future__ import annotations

import math

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication, QFileDialog

from field_kit.app import gnss, settings
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts


def _patches(win):
    return [e for e in win.list.entries if e.kind == PATCH]


def _shown(form):
    return tuple(float(form.position.edits[c].text() or "nan")
                 for c in ("position_lon", "position_lat", "position_accuracy_m"))


def test_browsing_with_a_fix_leaves_no_draft(qtbot, window):
    e = _patches(window)
    window.on_fix(gnss.Fix(e[0].lon, e[0].lat, accuracy_m=4.0))
    for entry in e[:3]:
        window.select(PATCH, entry.uuid)
        assert _shown(window.form)[:2] == (pytest.approx(e[0].lon), pytest.approx(e[0].lat))
    assert drafts.load_drafts(window.conn) == []
    assert not any("draft" in it.text(0) for it in window.list.items.values())


def test_the_position_follows_until_kept(qtbot, window):
    e = _patches(window)[0]
    window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=4.0))
    window.select(PATCH, e.uuid)
    form = window.form
    assert form.position.following and "Following" in form.position.note.text()
    window.on_fix(gnss.Fix(e.lon + 0.001, e.lat, accuracy_m=3.0))  # the technician walks
    assert _shown(form) == (pytest.approx(e.lon + 0.001), pytest.approx(e.lat), 3.0)
    assert form.draft_id is None
    qtbot.mouseClick(form.position.keep_button, Qt.LeftButton)
    assert not form.position.following and form.draft_id is not None
    window.on_fix(gnss.Fix(e.lon + 0.002, e.lat, accuracy_m=3.0))
    assert _shown(form)[0] == pytest.approx(e.lon + 0.001)  # kept
    kept = drafts.load_draft(window.conn, form.draft_id).values
    assert float(kept["position_lon"]) == pytest.approx(e.lon + 0.001)


def test_typing_a_position_stops_following(qtbot, window):
    e = _patches(window)[0]
    window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=4.0))
    window.select(PATCH, e.uuid)
    lon = window.form.position.edits["position_lon"]
    lon.selectAll()
    qtbot.keyClicks(lon, "88.7")
    window.on_fix(gnss.Fix(e.lon + 0.002, e.lat, accuracy_m=3.0))
    assert lon.text() == "88.7" and not window.form.position.following


def test_a_poor_accuracy_is_warned_beyond_the_package_threshold(qtbot, window):
    e = _patches(window)
    window.on_fix(gnss.Fix(e[0].lon, e[0].lat, accuracy_m=25.0))
    window.select(PATCH, e[0].uuid)
    assert "worse than 10 m" in window.form.position.note.text()
    settings.put(window.conn, "position_warn_accuracy_m", 30)
    window.select(PATCH, e[1].uuid)
    assert "worse than" not in window.form.position.note.text()


@pytest.mark.parametrize(("lang", "advice", "average"), [
    ("en", "Accuracy ±25 m is worse than 10 m: wait in the open for a better fix, check the "
           "receiver's antenna, or type the position of a surveyed point (Position → Type "
           "coordinates…)", "average"),
    ("zh", "精度 ±25 米，差于 10 米：请到开阔处等待更好的定位，检查接收机天线，或输入已测点的坐标"
           "（定位 → 手工输入坐标…）", "平均")])
def test_a_poor_accuracy_is_not_told_to_average(qtbot, window, lang, advice, average):
    """An average is as poor as the receiver says each fix is: the warning does not offer
    it as a way to a better figure."""
    e = _patches(window)[0]
    window.lang_actions[lang].trigger()
    window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=25.0))
    window.select(PATCH, e.uuid)
    note = window.form.position.note.text()
    assert advice in note and average not in note.lower(), note


def test_average_of_fixes(qtbot, window):
    e = _patches(window)[0]
    settings.put(window.conn, "position_average_fixes", 4)
    window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=5.0))
    window.select(PATCH, e.uuid)
    form = window.form
    qtbot.mouseClick(form.position.average_button, Qt.LeftButton)
    offsets = [(1e-5, 0), (-1e-5, 0), (0, 1e-5), (0, -1e-5)]
    for i, (dx, dy) in enumerate(offsets):
        window.on_fix(gnss.Fix(e.lon + 0.01 + dx, e.lat + dy, accuracy_m=4.0))
        if i < 3:
            assert f"{i + 1}/4" in form.position.note.text()
    lon, lat, acc = _shown(form)
    assert (lon, lat) == (pytest.approx(e.lon + 0.01, abs=1e-6), pytest.approx(e.lat, abs=1e-6))
    # the receiver's ±4 m with the fixes' spread (about 1 m): not 4 / √4
    assert acc == pytest.approx(math.hypot(4.0, 0.97), abs=0.1)
    assert "Average of 4 fixes: ±4.1 m, the receiver's own ±4.0 m (the median) combined " \
           "with the fixes' spread ±0.97 m" in form.position.note.text()
    assert not form.position.following and form.draft_id is not None
    # one fix taken after all: the note no longer calls it an average
    window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=45.0))
    qtbot.mouseClick(form.position.gnss, Qt.LeftButton)
    assert _shown(form)[2] == 45.0 and "Average" not in form.position.note.text()


@pytest.mark.parametrize(("lang", "said", "poor"), [
    ("en", "Average of 10 fixes: ±30 m, the receiver's own ±30 m (the median)", "worse than 10 m"),
    ("zh", "已取 10 次定位的平均：精度 ±30 米，由接收机自报的精度 ±30 米（中位数）", "差于 10 米")])
def test_an_average_of_poor_fixes_is_as_poor_as_the_receiver_says(qtbot, package, tmp_path,
                                                                  lang, said, poor):
    """Ten fixes a second apart of a receiver at HDOP 6 (±30 m) are not ±30/√10 = ±9.5 m:
    their errors are alike, and the warning about a poor accuracy stays; the note saying
    how the figure was reckoned is in sight whole, at a small screen's size."""
    from field_kit.app.main_window import make_app
    app = QApplication.instance()
    before = app.font(), app.styleSheet(), app.applicationName()  # (the other tests' look)
    make_app()  # the app's own font and look, as the technician sees it
    try:
        _average_poor_fixes(qtbot, package, tmp_path, lang, said, poor)
    finally:
        app.setFont(before[0])
        app.setStyleSheet(before[1])
        app.setApplicationName(before[2])


def _average_poor_fixes(qtbot, package, tmp_path, lang, said, poor) -> None:
    from field_kit.app.main_window import MainWindow
    from tests.app.nmea import epoch
    win = MainWindow(package, lang)
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    e = _patches(win)[0]
    path = tmp_path / "poor.nmea"
    # (6 km off the patch: said at the position too, under the note)
    path.write_text("\r\n".join(line for i in range(59) for line in epoch(
        e.lon + 0.07 + (i % 2) * 1e-6, e.lat, i, hdop=6.0)) + "\r\n")
    win.start_source(gnss.ReplaySource(path, speed=5))  # a fix each 200 ms, for 12 s
    qtbot.waitUntil(lambda: win.fix is not None)
    win.select(PATCH, e.uuid)  # following the receiver: ±30 m is warned about
    form = win.form
    assert poor in form.position.note.text()
    form._scroll.ensureWidgetVisible(form.position.average_button)  # scrolled down to it
    qtbot.mouseClick(form.position.average_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not form.position.averaging, timeout=10000)
    assert _shown(form)[2] == 30.0
    note = form.position.note.text()
    assert said in note and poor in note
    label = form.position.note  # said whole: as high as its lines, above the buttons
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width())
                    and form.position.buttons.geometry().top() >= label.geometry().bottom())
    win.close()


def test_export_warns_about_every_draft(qtbot, window, answers, monkeypatch):
    e = _patches(window)
    for entry in e[:2]:
        window.select(PATCH, entry.uuid)
        qtbot.keyClicks(window.form.editor("verifier").edit, "N")
    window.select(PATCH, e[2].uuid)  # the open form has no draft of its own
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    answers.append(False)
    window.export_dialog()
    assert len(answers.asked) == 1
    assert "2 forms are not saved" in answers.asked[0]
    assert e[0].code in answers.asked[0] and e[1].code in answers.asked[0]


def test_without_pushed_fixes_the_form_asks_the_provider(qtbot, package, patch):
    """The QGIS plugin gives a provider only: following polls it."""
    from field_kit.app.form_widget import FormWidget
    here = [(patch[1], patch[2], 4.0)]
    fw = FormWidget(package, "patch_verification", patch[0], language="en",
                    position_provider=lambda: here[0])
    qtbot.addWidget(fw)
    assert fw.position.following and fw._poll.isActive()
    here[0] = (patch[1] + 0.001, patch[2], 3.0)
    fw._poll.timeout.emit()
    assert _shown(fw) == (pytest.approx(patch[1] + 0.001), pytest.approx(patch[2]), 3.0)
    assert fw.draft_id is None
    qtbot.mouseClick(fw.position.keep_button, Qt.LeftButton)
    fw._poll.timeout.emit()
    assert not fw._poll.isActive() and fw.draft_id is not None
    fw.close_db()


def test_the_discard_button_asks_before_it_throws_a_draft_away(window, answers, qtbot):
    """Clicked, not called: the button's "checked" must not stand in for "confirm"."""
    from PyQt5.QtCore import Qt
    from PyQt5.QtWidgets import QPushButton

    from field_kit.app import i18n
    entry = next(e for e in window.list.entries if e.kind == PATCH)
    window.select(PATCH, entry.uuid)
    window.form.set_value("notes", "typed in the field")
    assert window.form.draft_id
    answers.append(False)
    button = next(b for b in window.form.findChildren(QPushButton)
                  if b.text() == i18n.tr("discard_draft", "en"))
    qtbot.mouseClick(button, Qt.LeftButton)
    assert answers.asked and window.form.draft_id  # asked; No kept it


def test_discard_is_offered_only_while_there_is_something_to_throw_away(window, answers, qtbot):
    from PyQt5.QtCore import Qt

    from field_kit.app import i18n
    entry = next(e for e in window.list.entries if e.kind == PATCH)
    window.select(PATCH, entry.uuid)
    form = window.form
    assert not form.discard_button.isEnabled()  # a fresh form: nothing to discard
    form.set_value("notes", "typed in the field")
    assert form.draft_id and form.discard_button.isEnabled()
    i18n.set_language("zh")  # the form is built again, the draft still there
    form = window.form
    assert form.draft_id and form.discard_button.isEnabled()
    answers.append(True)
    qtbot.mouseClick(form.discard_button, Qt.LeftButton)
    assert form.draft_id is None and not form.discard_button.isEnabled()
