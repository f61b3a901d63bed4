# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull says, in the user's language, what ``field-kit pull`` says of the
values this device sent that the master's replaced, of those still in the master's open
conflicts, and of the new rows outside the package's township left out (it said nothing of
the last two); each value replaced, old -> new, named as the forms show it."""

from __future__ import annotations

import gc

from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing_pull_says_what_the_command_line_says import (
    _replaced_in_an_open_conflict,
    command_line_said,
)
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401


def _pulled_in_dock(sync, pkg) -> None:
    """``pkg`` chosen in the Sync dock ``sync`` and the master pulled into it, as a user
    clicks."""
    sync.choose_package(str(pkg))
    sync.pull_button.click()
    _wait_for(sync)
    gc.collect()


def test_the_dock_pull_says_what_the_command_line_says(iface, dock, master,  # noqa: F811
                                                       tmp_path, capsys, monkeypatch):
    lang, dock = dock
    pkg = _replaced_in_an_open_conflict(master, tmp_path)
    said = command_line_said(pkg, master, tmp_path, capsys, monkeypatch, lang)
    _pulled_in_dock(dock, pkg)
    report = [line.strip() for line in dock.report.toPlainText().splitlines()]
    replaced, value, still_open, left_out = said
    for line in (replaced, still_open, left_out):
        assert line in report, (line, report)
    # (the value, old -> new, named as the forms show it: the record by its patch)
    assert "· CT6504222017000026002 · " + {"en": "Notes", "zh": "备注"}[lang] + \
        ": poor → fair" in report, report
