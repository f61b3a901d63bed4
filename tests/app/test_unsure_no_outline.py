# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch chosen that has no outline drawn (its geometry empty) leaves nothing to walk to:
the navigation bar says so, naming it, in Chinese and English; it neither asks to choose a
patch (one is chosen) nor keeps the way to the patch chosen before."""

from __future__ import annotations

from field_kit.app import gnss, i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH, PROJECT
from field_kit.db import connect
from tests.app.conftest import click_in_list


def _erase_outlines(package, where: str, *args) -> list[tuple[str, str]]:
    """(uuid, code) of the patches whose outline is erased, as a GIS edit can leave them."""
    conn = connect(package)
    try:
        rows = conn.execute(f"SELECT uuid, patch_code FROM mine_patches WHERE {where}",
                            args).fetchall()
        conn.executemany("UPDATE mine_patches SET geom = NULL WHERE uuid = ?",
                         [(r[0],) for r in rows])
    finally:
        conn.close()
    return rows


def _window(qtbot, package) -> MainWindow:
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def test_a_patch_without_outline_says_there_is_nothing_to_walk_to(qtbot, package):
    conn = connect(package)
    drawn = conn.execute("SELECT uuid FROM mine_patches ORDER BY patch_code").fetchone()[0]
    conn.close()
    (bare, code), = _erase_outlines(package, "uuid = (SELECT uuid FROM mine_patches "
                                             "WHERE uuid != ? ORDER BY patch_code LIMIT 1)",
                                    drawn)
    win = _window(qtbot, package)
    try:
        click_in_list(qtbot, win, PATCH, drawn)
        win.on_fix(gnss.typed_fix(88.6, 42.8, 5.0))  # the technician, far off
        assert "to the edge" in win.nav.text(), win.nav.text()
        click_in_list(qtbot, win, PATCH, bare)
        said = win.nav.text()
        assert said == (f"⚠ Patch {code} has no outline drawn: there is nothing to walk to. "
                        "Find it on the ground by its code, name and township."), said
        assert win.map.line_item is None and win.map.selected is None  # no old way kept
        win.lang_actions[i18n.ZH].trigger()
        assert win.nav.text() == (f"⚠ 图斑 {code} 没有绘制边界，无法导航到它。"
                                  "请按编号、名称和乡镇在现场查找。"), win.nav.text()
        win.on_fix(gnss.typed_fix(88.61, 42.81, 5.0))  # walking on: still said
        assert "没有绘制边界" in win.nav.text()
        win.lang_actions[i18n.EN].trigger()
        click_in_list(qtbot, win, PATCH, drawn)  # a patch with an outline: the way again
        assert "to the edge" in win.nav.text(), win.nav.text()
    finally:
        win.end()


def test_a_project_none_of_whose_patches_has_an_outline_says_so(qtbot, package):
    conn = connect(package)
    project, code = conn.execute(
        "SELECT p.uuid, p.project_id FROM restoration_projects p WHERE EXISTS (SELECT 1 FROM "
        "mine_patches m WHERE m.project_uuid = p.uuid) ORDER BY p.project_id").fetchone()
    conn.close()
    _erase_outlines(package, "project_uuid = ?", project)
    win = _window(qtbot, package)
    try:
        click_in_list(qtbot, win, PROJECT, project)
        assert win.nav.text() == (f"⚠ No patch of project {code} has an outline drawn: "
                                  "there is nothing to walk to."), win.nav.text()
    finally:
        win.end()
