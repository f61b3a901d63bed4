# SPDX-License-Identifier: GPL-2.0-or-later
"""The main window: list, map, NMEA replay with track, export to the supervisor, pull."""

from __future__ import annotations

import sqlite3

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QFileDialog, QGraphicsSimpleTextItem

from field_kit.app import gnss, i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH, PROJECT
from field_kit.db import connect
from field_kit.sync import merge, package_checkout, package_export
from tests.app.conftest import TOWNSHIP
from tests.app.nmea import walk


def test_list_filter_search_and_select(qtbot, window, patch):
    entries = window.list.entries
    assert {e.kind for e in entries} == {PATCH, PROJECT}
    assert all(e.township == TOWNSHIP for e in entries if e.kind == PATCH)
    assert "Not verified" in window.list.tree.topLevelItem(0).text(0)
    window.list.search.setText("P1-")  # projects by code
    shown = [window.list.tree.topLevelItem(i) for i in range(window.list.tree.topLevelItemCount())]
    assert all(it.isHidden() != it.text(0).startswith("P1-") for it in shown)
    window.list.search.setText("")
    window.select(PATCH, patch[0])
    assert window.form is not None and window.form.subject_uuid == patch[0]
    assert window.map.selected == patch[0]
    assert window.nav.text() == i18n.tr("nav_no_pos")
    window.open_subject(PROJECT, entries[-1].uuid)
    assert window.form.form.form_id == "project_inspection"


def test_map_click_selects_a_patch(qtbot, window, patch):
    window.map.select(patch[0])
    qtbot.wait(10)
    centre = window.map.mapFromScene(window.map.to_scene(patch[1], patch[2]))
    window.map.select(None, zoom=False)
    qtbot.mouseClick(window.map.viewport(), 1, pos=centre)
    assert window.current == (PATCH, patch[0])


def test_replay_shows_position_distance_and_track(qtbot, window, patch, tmp_path):
    path = tmp_path / "walk.nmea"
    path.write_text(walk(patch[1] - 0.01, patch[2] - 0.01, n=12))
    window.select(PATCH, patch[0])
    window.start_source(gnss.ReplaySource(path, speed=0))
    qtbot.waitUntil(lambda: window.source.index == 12, timeout=5000)
    assert window.fix.lon == pytest.approx(patch[1] - 0.01 + 0.0011)
    assert window.fix.accuracy_m == 4.5 and window.fix.quality == 1
    # the file played to its end: its last position is not a live fix
    assert window.gnss_label.text() == "◌ No fix: the NMEA replay has ended"
    assert " km to the edge · " in window.nav.text()
    assert len(window.map.track) == 12 and window.map.track_item is not None
    conn = sqlite3.connect(window.path)
    assert conn.execute("SELECT count(*) FROM track_points").fetchone()[0] == 10  # every 5
    window.stop_position()
    assert conn.execute("SELECT count(*) FROM track_points").fetchone()[0] == 12
    # a typed position is a fix too, but not part of the track
    window.on_fix(gnss.typed_fix(patch[1], patch[2], 10))
    assert "On the patch · 0 m" in window.nav.text()
    assert conn.execute("SELECT count(*) FROM track_points").fetchone()[0] == 12


def test_a_pull_keeps_the_position_and_the_track_on_the_map(qtbot, window, patch, master,
                                                            tmp_path):
    path = tmp_path / "walk.nmea"
    path.write_text(walk(patch[1] - 0.01, patch[2] - 0.01, n=6))
    window.select(PATCH, patch[0])
    window.start_source(gnss.ReplaySource(path, speed=0))
    qtbot.waitUntil(lambda: window.source.index == 6, timeout=5000)
    window.stop_position()
    before = window.form
    window.pull_from(master)  # draws the map again, and opens the patch's form again
    assert window.form is not before and before.isHidden()  # at once: no two forms stacked
    assert window.side_box.indexOf(before) == -1 and window.side_box.indexOf(window.form) >= 0
    drawn = window.map
    assert drawn.position is not None and drawn.position[1].scene() is drawn.scene()
    assert drawn.track_item.scene() is drawn.scene()
    assert drawn.track_item.path().elementCount() == 6
    assert drawn.selected == patch[0] and drawn.line_item is not None
    window.on_fix(gnss.typed_fix(patch[1], patch[2], 10))  # shown, but not walked
    assert drawn.position[1].pos() == drawn.to_scene(patch[1], patch[2])
    assert drawn.track_item.path().elementCount() == 6


def test_the_track_of_earlier_days_is_drawn_without_joining_them(qtbot, package, patch,
                                                                 master):
    conn = sqlite3.connect(package)
    conn.execute(gnss.TRACK_DDL)
    days = [(f"2025-06-01T03:00:0{i}Z", patch[1] + i * 1e-3, patch[2]) for i in range(3)]
    days += [(f"2025-06-02T03:00:0{i}Z", patch[1], patch[2] + i * 1e-3) for i in range(2)]
    conn.executemany("INSERT INTO track_points (device, time, lon, lat) VALUES ('t', ?, ?, ?)",
                     days)
    conn.commit()
    conn.close()
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    try:
        drawn = win.map.track_item.path()
        kinds = [drawn.elementAt(i).type for i in range(drawn.elementCount())]
        move, line = 0, 1  # QPainterPath.MoveToElement, LineToElement
        assert kinds == [move, line, line, move, line]  # two walks, no line from day to day
        win.pull_from(master)  # the map is drawn again: the walks stay
        assert win.map.track_item.path().elementCount() == 5
    finally:
        win.close()


def _fill_verification(form, photo) -> None:
    """A patch verification filled in as it may be saved, with a photo."""
    for col, value in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "压占"),
                       ("patch_feature", "3"), ("remediation_status", "B"),
                       ("restoration_method", "1"), ("measured_area_m2", "2.5"),
                       ("verifier", "Ayxam")):
        form.set_value(col, value, "公顷" if col == "measured_area_m2" else None)
    form.add_photos([photo])


def _save_verification(form, photo) -> str:
    _fill_verification(form, photo)
    uuid = form.save()
    assert uuid, [p.message("en") for p in form.problems]
    return uuid


def test_export_is_accepted_by_the_supervisors_merge(qtbot, window, patch, photo, master,
                                                     tmp_path):
    window.select(PATCH, patch[0])
    assert "0 changes waiting" in window.waiting_label.text()
    uuid = _save_verification(window.form, photo)
    assert "2 changes waiting" in window.waiting_label.text()  # the record and its photo
    assert "B Restored" in window.list.tree.selectedItems()[0].text(0)
    usb = tmp_path / "usb"
    usb.mkdir()
    out, manifest = window.export_to(usb)
    window.update_status()
    assert out.parent == usb and out.name.startswith("tab-1-")
    assert manifest["counts"]["attachments"] == 1
    assert "0 changes waiting" in window.waiting_label.text()

    report = merge.merge(master, [out])
    assert not report.refused and report.totals["applied"] == 2, report.results[0].outcomes
    m = sqlite3.connect(master)
    assert m.execute("SELECT remediation_status, measured_area_m2 FROM patch_verifications "
                     "WHERE uuid = ?", (uuid,)).fetchone() == ("B", pytest.approx(25000.0))
    sha = m.execute("SELECT sha256 FROM photos WHERE record_uuid = ?", (uuid,)).fetchone()[0]
    assert bytes(m.execute("SELECT data FROM attachments WHERE sha256 = ?", (sha,)
                           ).fetchone()[0]) == photo.read_bytes()
    assert window.export_to(usb)[0] is None  # nothing new: no empty package


def test_a_saved_record_deleted_in_the_app_is_deleted_in_the_master(
        qtbot, window, patch, photo, master, tmp_path, answers):
    """A record saved on the wrong patch is taken back with its photo, after a question;
    "No" keeps it; the deletion reaches the master at the next merge."""
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert merge.merge(master, [window.export_to(usb)[0]]).totals["applied"] == 2
    form = window.form
    assert form.record_uuid == uuid
    answers.append(False)
    qtbot.mouseClick(form.delete_button, Qt.LeftButton)
    assert "Ayxam" in answers.asked[-1] and "1 photo" in answers.asked[-1]
    assert window.conn.execute("SELECT count(*) FROM patch_verifications").fetchone()[0] == 1
    answers.append(True)
    qtbot.mouseClick(form.delete_button, Qt.LeftButton)
    assert window.conn.execute("SELECT count(*) FROM patch_verifications").fetchone()[0] == 0
    assert window.form.record_uuid is None and "Record deleted" in window.form.banner.text()
    assert not hasattr(window.form, "delete_button") or not window.form.delete_button.isVisible()
    assert "2 changes waiting" in window.waiting_label.text()  # the record and its photo
    assert "B Restored" not in window.list.tree.selectedItems()[0].text(0)
    report = merge.merge(master, [window.export_to(usb)[0]])
    assert report.totals["applied"] == 2, report.results[0].outcomes
    m = sqlite3.connect(master)
    assert m.execute("SELECT count(*) FROM patch_verifications").fetchone()[0] == 0
    assert m.execute("SELECT count(*) FROM photos WHERE record_uuid = ?", (uuid,)
                     ).fetchone()[0] == 0


def test_pull_keeps_unsent_work(qtbot, window, patch, photo, master):
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    m = connect(master)  # a GIS edit in the master, after checkout
    m.execute("UPDATE mine_patches SET project_name = 'renamed by GIS' WHERE uuid = ?",
              (patch[0],))
    m.close()
    counts = window.pull_from(master)
    assert counts["applied"] >= 1
    conn = sqlite3.connect(window.path)
    assert conn.execute("SELECT project_name FROM mine_patches WHERE uuid = ?",
                        (patch[0],)).fetchone()[0] == "renamed by GIS"
    assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                        (uuid,)).fetchone()[0] == 1
    assert "2 changes waiting" in window.waiting_label.text()
    assert window.form is not None and window.current == (PATCH, patch[0])


def test_a_record_being_corrected_that_the_master_deleted_keeps_what_was_typed(
        qtbot, window, patch, photo, master, tmp_path):
    """The technician corrects a saved verification (not saved yet); the master deleted it
    meanwhile (another device's deletion merged). The update showed a blank new record and
    said nothing: the typed note was in a draft nothing opened again. Now the form shows all
    of it as a new record, and says why."""
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    merge.merge(master, [window.export_to(usb)[0]])
    qtbot.keyClicks(window.form.editor("notes").edit, "boundary moved 20 m east")
    m = connect(master)
    m.execute("DELETE FROM photos WHERE record_uuid = ?", (uuid,))
    m.execute("DELETE FROM patch_verifications WHERE uuid = ?", (uuid,))
    m.close()
    window.pull_from(master)
    form = window.form
    assert form is not None and form.record_uuid is None  # a new record of the patch
    assert form.editor("notes").edit.toPlainText() == "boundary moved 20 m east"
    assert form.editor("verifier").edit.text() == "Ayxam"  # the rest of the screen too
    assert f"The record you were correcting, {uuid}, is no longer in the package" in \
        form.banner.text()
    form.add_photos([photo])  # (its photo went with the record the master deleted)
    saved = form.save()
    assert saved and saved != uuid
    conn = sqlite3.connect(window.path)
    assert conn.execute("SELECT notes, verifier FROM patch_verifications WHERE uuid = ?",
                        (saved,)).fetchone() == ("boundary moved 20 m east", "Ayxam")
    assert conn.execute("SELECT count(*) FROM form_drafts").fetchone()[0] == 0


def test_an_update_that_deletes_the_open_patch_closes_its_form_and_says_so(
        qtbot, window, patch, master, answers, monkeypatch):
    """The patch whose form was open, a name typed in it, deleted in the master: the update
    stopped with an internal error, the pull's summary unsaid, and every later patch picked
    failed again until the app was restarted."""
    window.select(PATCH, patch[0])
    code = window.form.ctx.subject["patch_code"]
    qtbot.keyClicks(window.form.editor("verifier").edit, "Ayxam")
    m = connect(master)
    m.execute("DELETE FROM mine_patches WHERE uuid = ?", (patch[0],))
    m.close()
    text = window.pull_text(window.pull_from(master))
    assert f"{code}, which you had open, was deleted in the master" in text, text
    assert "what you typed on it and had not saved can no longer be saved" in text, text
    assert window.form is None and window.current is None
    other = next(e for e in window.list.entries if e.kind == PATCH)
    window.select(PATCH, other.uuid)  # the next patch picked opens as ever
    assert window.form is not None and window.form.subject_uuid == other.uuid
    # its draft, listed at export, is named for what it is, not by a bare uuid
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    answers.append(False)
    window.export_dialog()
    assert "1 form is not saved" in answers.asked[0], answers.asked
    assert f"a record the master deleted, no longer in this package ({patch[0]})" in \
        answers.asked[0], answers.asked


def test_an_update_names_the_values_this_device_sent_that_the_master_replaced(
        qtbot, window, patch, photo, master, tmp_path):
    """This device's note and another's later one met in the master (a conflict there, the
    later kept): the update brings the master's note over the one this device sent, and
    says so, by field and value, not "this device's values kept"."""
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    merge.merge(master, [window.export_to(usb)[0]])
    other = tmp_path / "tab-2.gpkg"
    package_checkout.checkout(master, other, "tab-2", township=TOWNSHIP, role="technician")
    window.form.set_value("notes", "mine")
    assert window.form.save() == uuid
    conn = connect(other)  # later, on the other tablet
    conn.execute("UPDATE patch_verifications SET notes = 'theirs' WHERE uuid = ?", (uuid,))
    conn.close()
    package_export.export(other, tmp_path / "tab-2.zip")
    merge.merge(master, [window.export_to(usb)[0]])
    # the later edit is the master's; this device's is the conflict's other side
    assert merge.merge(master, [tmp_path / "tab-2.zip"]).totals["conflict"] == 1
    counts = window.pull_from(master)
    assert counts["replaced"] == [("patch_verifications", uuid, "notes", "mine", "theirs")]
    text = window.pull_text(counts)
    assert "1 value this device had sent is replaced by the master's" in text
    # the record by its patch and day, values as the form shows them
    day = window.form.values()["verified_on"]
    assert f"· {window.current and window.form.ctx.subject['patch_code']} {day} · Notes: " \
        "mine → theirs" in text
    assert window.form.values()["notes"] == "theirs"
    # a code by its label, an emptied value as a dash, a long one shortened
    from field_kit import forms
    from field_kit.app.window_sync import replaced_line
    lists = forms.load_code_lists(window.conn)
    line = replaced_line(window.conn, lists, "patch_verifications", uuid,
                         "remediation_status", "D", None)
    assert "Remediation status: D  Natural recovery → —" in line, line
    assert len(replaced_line(window.conn, lists, "patch_verifications", uuid, "notes",
                             "x" * 400, "y")) < 120


def test_pull_brings_patches_the_master_moved_into_the_package_township(window, master):
    m = connect(master)  # GIS moves a patch of another township into the package's one
    moved = m.execute("SELECT uuid FROM mine_patches WHERE township != ? LIMIT 1",
                      (TOWNSHIP,)).fetchone()[0]
    m.execute("UPDATE mine_patches SET township = ? WHERE uuid = ?", (TOWNSHIP, moved))
    m.close()
    assert moved not in window.map.patches
    counts = window.pull_from(master)
    assert counts["brought"] >= 1
    assert moved in window.map.patches  # drawn on the map, and listed
    assert moved in {e.uuid for e in window.list.entries if e.kind == PATCH}
    conn = sqlite3.connect(window.path)
    assert conn.execute("SELECT township FROM mine_patches WHERE uuid = ?",
                        (moved,)).fetchone()[0] == TOWNSHIP
    conn.close()
    text = window.pull_text(counts)
    rows = "1 row" if counts["brought"] == 1 else f"{counts['brought']} rows"
    assert f"{rows} the master moved into this package's area" in text
    i18n.set_language(i18n.ZH)
    assert f"新划入本数据包范围的 {counts['brought']} 条记录" in window.pull_text(counts)
    assert window.pull_text({**counts, "brought": 0}) == i18n.tr("pull_done", **counts)
    rows = [("patch_verifications", "u1", "back", "CT-1"), ("photos", "u2", "gone", "u2")]
    text = window.pull_text({**counts, "brought": 0, "rows": rows})
    assert "本机删除的 1 条记录已恢复（主库保留了它们）：\n· CT-1" in text
    assert "本机修改过的 1 条记录已移除（主库删除了它们）：\n· u2" in text
    undone = [("patch_verifications", "u3", "back_undone", "CT-3"),
              ("patch_verifications", "u4", "gone_undone", "x")]
    text = window.pull_text({**counts, "brought": 0, "rows": undone})
    assert "本机删除的 1 条记录已恢复（主库撤销了删除它们的那次合并）：\n· CT-3" in text
    assert "本机修改过的 1 条记录已移除（主库撤销了带来它们的那次合并）：\n· x" in text
    assert "主库删除了它们" not in text and "主库保留了它们" not in text
    assert "本机的 2 项冲突已解决：本机现与主库一致" in window.pull_text({**counts, "closed": 2})


def test_language_switch_at_run_time(qtbot, window, patch):
    window.select(PATCH, patch[0])
    i18n.set_language(i18n.ZH)
    assert window.act_export.text().endswith("导出修改包…")
    assert "条修改待发送" in window.waiting_label.text()
    assert window.form.lang == "zh" and "必填项" in window.form.summary.text()


def test_the_map_names_townships_and_zones_in_the_language_chosen(qtbot, window):
    """In English the map's township labels and zone tooltips are the plan's English names;
    switched to Chinese at run time they follow."""
    def shown():
        return ({it.text() for it in window.map.scene().items()
                 if isinstance(it, QGraphicsSimpleTextItem)},
                {z.toolTip() for z in window.map.zones})
    i18n.set_language(i18n.EN)
    labels, tips = shown()
    assert "Guolebuyi Township" in labels and TOWNSHIP not in labels
    assert tips and all(t and not any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in tips)
    i18n.set_language(i18n.ZH)
    labels, tips = shown()
    assert TOWNSHIP in labels and "Guolebuyi Township" not in labels
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in tips)


def test_an_update_taken_in_the_app_keeps_a_qfield_project_whole(qtbot, master, tmp_path):
    """The app opened on a QField project's package: an update taken there writes the photos
    it brought to the project's DCIM/ and its zip again, as `field-kit pull` does, and says
    so in the technician's language."""
    import zipfile
    from pathlib import Path

    from field_kit.qfield import checkout
    from tests.unit.test_qfield_pull import _from_another_phone
    folder = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")
    _, theirs, _ = _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    win = MainWindow(f"{folder['folder']}/package.gpkg", "en")
    qtbot.addWidget(win)
    counts = win.pull_from(master)
    assert Path(folder["folder"], "DCIM", "theirs.jpg").read_bytes() == theirs
    with zipfile.ZipFile(folder["zip"]) as zf:
        assert zf.read("DCIM/theirs.jpg") == theirs
        assert zf.read("package.gpkg") == Path(folder["folder"], "package.gpkg").read_bytes()
    text = win.pull_text(counts)
    assert "1 photo the update brought was written" in text
    assert f"{folder['zip']} was written again" in text
    i18n.set_language(i18n.ZH)
    assert "1 张照片已写入" in win.pull_text(counts)
    win.close()


def test_an_update_says_why_a_record_it_sends_again_was_refused_and_what_to_do(
        qtbot, window, patch, master, tmp_path):
    """A record saved on the tablet outside the app with text for its measured area:
    refused by the merge; the update names it by its patch and the fields it set, says why
    and what to do, in the technician's language, as the command line does."""
    conn = connect(window.path)
    code = conn.execute("SELECT patch_code FROM mine_patches WHERE uuid = ?",
                        (patch[0],)).fetchone()[0]
    conn.execute("INSERT INTO patch_verifications (patch_uuid, patch_code, measured_area_m2) "
                 "VALUES (?, ?, 'abc')", (patch[0], code))
    conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    assert merge.merge(master, [window.export_to(usb)[0]]).totals["refused"] == 1
    counts = window.pull_from(master)
    text = window.pull_text(counts)
    assert f"your new row of patch_verifications {code} (patch_uuid, patch_code, " \
           "measured_area_m2) was refused: measured_area_m2: 'abc' is not a number (REAL); " \
           "mend it, then export: it is sent again" in text, text
    i18n.set_language(i18n.ZH)
    assert f"本机对图斑核查记录 {code}（图斑、图斑编号、核查面积（平方米））的" \
           "新增记录被主库拒收：核查面积（平方米）：“abc”不是数字（REAL）；请先修正，再导出：" \
           "它将被重新发送" in window.pull_text(counts)


def _patch_edit_refused_then_pulled(window, patch, master, tmp_path) -> dict:
    """The patch's mineral changed on the tablet outside the app (a technician may not change
    the patches), exported, refused by the merge, then the update taken: its counts."""
    conn = connect(window.path)
    conn.execute("UPDATE mine_patches SET mineral = '金' WHERE uuid = ?", (patch[0],))
    conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    assert merge.merge(master, [window.export_to(usb)[0]]).totals["refused"] == 1
    return window.pull_from(master)


def test_an_update_says_which_edit_the_technician_may_never_make_was_given_up(
        qtbot, window, patch, master, tmp_path):
    """An edit of a patch made on the tablet outside the app (a technician may not change
    the patches): refused by the merge; the update takes the master's value and says so, by
    the patch's code, in the technician's language."""
    conn = connect(window.path)
    code, was = conn.execute("SELECT patch_code, mineral FROM mine_patches WHERE uuid = ?",
                             (patch[0],)).fetchone()
    conn.close()
    counts = _patch_edit_refused_then_pulled(window, patch, master, tmp_path)
    assert not counts["resent"]
    text = window.pull_text(counts)
    assert f"your edit of mine_patches {code} (mineral) was refused: a technician may not " \
           "change mine_patches; the package now holds the master's value" in text, text
    i18n.set_language(i18n.ZH)
    assert f"本机对历史遗留矿山图斑 {code}（矿种）的修改被主库拒收：技术员无权修改历史遗留" \
           "矿山图斑；数据包现已采用主库的值" in window.pull_text(counts)
    conn = connect(window.path)
    assert conn.execute("SELECT mineral FROM mine_patches WHERE uuid = ?",
                        (patch[0],)).fetchone()[0] == was
    conn.close()


def test_an_update_says_which_grant_to_ask_for_a_table_the_role_may_not_change(
        qtbot, window, patch, master, tmp_path):
    """The edit of a patch given up (the role holds no grant of the patches): the update
    says to ask GIS staff for a grant of the table, with the command they run, in the
    technician's language."""
    counts = _patch_edit_refused_then_pulled(window, patch, master, tmp_path)
    assert "; ask GIS staff for a grant of mine_patches: field-kit roles MASTER --grant " \
           "technician mine_patches" in window.pull_text(counts)
    i18n.set_language(i18n.ZH)
    assert "；请向 GIS 人员申请历史遗留矿山图斑（mine_patches）的权限（GIS 人员运行：" \
           "field-kit roles MASTER --grant technician mine_patches）" in window.pull_text(counts)


def test_an_update_says_the_masters_column_stands_and_the_value_set_aside(
        qtbot, window, patch, master, tmp_path):
    """A column added on the tablet outside the app and filled (the master refused its
    value), then one of its name and another type added in the master: the update goes in,
    and says what became of the value typed, in the technician's language."""
    conn = connect(window.path)
    code, = conn.execute("SELECT patch_code FROM mine_patches WHERE uuid = ?",
                         (patch[0],)).fetchone()
    conn.execute("ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    conn.execute("INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on, remark) VALUES (?, ?, 'Li', '2026-06-01', 'washed out')",
                 (patch[0], code))
    conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    merge.merge(master, [window.export_to(usb)[0]])
    conn = connect(master)
    conn.execute("ALTER TABLE patch_verifications ADD COLUMN remark INTEGER")
    conn.close()
    counts = window.pull_from(master)
    text = window.pull_text(counts)
    assert "column remark of patch_verifications is INTEGER in the master, TEXT in the " \
           "package: the master's column stands in the package now" in text, text
    assert f'value set aside: patch_verifications {code} 2026-06-01 (remark) "washed out"' \
           in text, text
    i18n.set_language(i18n.ZH)
    assert f'已另存的值：图斑核查记录 {code} 2026-06-01（remark）"washed out"' in \
           window.pull_text(counts)
