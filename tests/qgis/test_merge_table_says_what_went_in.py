# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's merge table counts as applied a change whose values the master took over
its own (the later edit), and says under the table that those values met a conflict, as the
command line does (the table said "applied 0" while the master held the package's value)."""

from __future__ import annotations

import gc

from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.qgis.test_processing_qfield_names_what_it_wrote import Heard
from tests.qgis.test_sync_dock_follows import _added, _sync_dock
from tests.unit.test_merge_says_what_it_did import (
    _two_devices_one_record,
    edited_later_in_the_field,
)


def merged_in_the_dock(plugin, master, monkeypatch, zips) -> str:
    """Each change package merged in turn as a hand does (Add…, Merge): the report's text
    after the last."""
    dock = _sync_dock(plugin, master)
    for zipped in zips:
        _added(dock, monkeypatch, [str(zipped)])
        dock.merge_button.click()
        _wait_for(dock)
        gc.collect()
    said = dock.report.toPlainText()
    if dock.report_dialog is not None:
        dock.report_dialog.close()
    return said


def test_a_change_written_over_the_masters_value_is_counted_applied(plugin, master, tmp_path,
                                                                   capsys, monkeypatch):
    edited_later_in_the_field(tmp_path, capsys, master)
    said = merged_in_the_dock(plugin, master, monkeypatch, [tmp_path / "a.zip"])
    lines = said.splitlines()
    at = lines.index("a.zip")  # (a cell a line) package, device, applied, already, ...
    assert lines[at + 1:at + 6] == ["tab-a", "1", "0", "1 to settle in 1 change", "0"], said
    assert "a.zip: 1 of the changes applied met a conflict: the master took their values" \
        in said, said


def test_a_change_applied_in_part_is_said_so_under_the_table(plugin, master, tmp_path, capsys,
                                                             monkeypatch):
    """tab-a's change merged, then tab-b's, of which the master took the later edits of two
    fields and held a third: counted applied, and said applied in part under the table, as
    the command line says it, and in Processing's log."""
    master, a, b = _two_devices_one_record(tmp_path, capsys, master)
    said = merged_in_the_dock(plugin, master, monkeypatch, [a, b])
    lines = said.splitlines()
    at = lines.index("b.gpkg.zip")
    assert lines[at + 1:at + 3] == ["tab-b", "1"], said
    assert ("b.gpkg.zip: 1 change applied in part: 2 fields taken, 1 in conflict; 2 of "
            "the fields taken met a conflict") in said, said


def test_processing_says_a_change_applied_in_part(provider, tmp_path, capsys):  # noqa: F811
    master, a, b = _two_devices_one_record(tmp_path, capsys)
    run("merge", {"MASTER": str(master), "PACKAGES": [a]})
    heard = Heard()
    got = run("merge", {"MASTER": str(master), "PACKAGES": [b]}, heard)
    assert got["APPLIED"] == 1, got
    assert any(line.startswith("  1 change applied in part: 2 fields taken, 1 in "
                               "conflict") for line in heard.lines), heard.lines
