# SPDX-License-Identifier: GPL-2.0-or-later
"""A bureau's own record layer granted to technicians has no form in the app: the window
says so when the package opens, naming the layer and where it can be edited."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow
from field_kit.cli.commands import main
from field_kit.db import connect
from tests.app.conftest import TOWNSHIP

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def add_well_checks(master, tmp_path, *columns: str) -> None:
    """The bureau's points layer as a supervisor adds it (ogr2ogr, then ``field-kit init``)
    and grants technicians ``columns`` of it (none: the whole layer)."""
    src = tmp_path / "wells.csv"
    src.write_text("WKT,well_id,water_level_m,checked_on,notes\n"
                   '"POINT (88.6 42.8)",W-001,12.5,2025-05-01,first\n'
                   '"POINT (88.65 42.85)",W-002,8.25,2025-05-02,second\n')
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", str(master), str(src), "-nln",
                    "well_checks", "-nlt", "POINT", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo",
                    "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490"],
                   check=True, capture_output=True)
    assert main(["init", str(master)]) == 0
    with connect(master) as conn:
        conn.executemany("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                         "'well_checks', ?)", [(c,) for c in columns or ("*",)])


def opened(qtbot, master, tmp_path) -> MainWindow:
    """The technician's package checked out of ``master``, opened as the app opens it."""
    pkg = tmp_path / "tab-1.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "tab-1", "--township",
                 TOWNSHIP]) == 0
    win = MainWindow(pkg, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def test_a_granted_layer_without_a_form_is_named_with_where_to_edit_it(qtbot, master,
                                                                       tmp_path):
    add_well_checks(master, tmp_path)
    win = opened(qtbot, master, tmp_path)
    note = win.start_note
    assert note.isVisible(), "the app says nothing of well_checks"
    assert "well_checks (every column)" in note.text(), note.text()
    assert "QGIS with the Toksun plugin" in note.text() and \
        "field-kit checkout --for qfield" in note.text(), note.text()
    i18n.set_language(i18n.ZH)  # the technician switches: the note follows
    assert "well_checks（全部字段）" in note.text() and "QGIS" in note.text(), note.text()
    win.close()


def test_a_layer_granted_by_columns_is_named_with_them(qtbot, master, tmp_path):
    add_well_checks(master, tmp_path, "water_level_m", "checked_on")
    win = opened(qtbot, master, tmp_path)
    assert "well_checks (checked_on, water_level_m)" in win.start_note.text(), \
        win.start_note.text()
    win.close()



def test_a_layer_granted_after_the_checkout_is_named_once_pulled(qtbot, master, tmp_path):
    add_well_checks(master, tmp_path)
    with connect(master) as conn:  # granted later: the package was checked out before
        conn.execute("DELETE FROM sync_roles WHERE tbl = 'well_checks'")
    win = opened(qtbot, master, tmp_path)
    assert "well_checks" not in win.start_note.text()
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                     "'well_checks', 'notes')")
    win.pull_from(master)
    assert win.start_note.isVisible() and "well_checks (notes)" in win.start_note.text(), \
        win.start_note.text()
    win.close()
