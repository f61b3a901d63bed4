# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts reads what its list needs of the master (the conflicts as they are now,
a whole feature's values, the features' names) for all of them at once: twice the
conflicts take no more statements to list, where thousands took several each."""

from __future__ import annotations

from qgis.core import QgsApplication

from field_kit import db
from tests.unit.gpkg_factory import make_gpkg
from tests.unit.test_conflicts_read_at_once import three_merges


def listed_of(n: int, iface, tmp_path, monkeypatch, capsys) -> tuple[int, list[list[str]]]:
    """The statements Settle conflicts ran to open on a master with the conflicts of
    :func:`three_merges`, and its rows as shown."""
    from qgis_plugin.dialogs.conflicts import ConflictsDialog

    tmp = tmp_path / str(n)
    tmp.mkdir()
    master = make_gpkg(tmp / "master.gpkg", patches=n, verifications=n)
    three_merges(master, tmp, capsys)
    ran: list[str] = []
    register = db.register_functions

    def traced(conn):
        register(conn)
        conn.set_trace_callback(ran.append)
    monkeypatch.setattr(db, "register_functions", traced)
    try:
        dialog = ConflictsDialog(iface, master)
    finally:
        monkeypatch.setattr(db, "register_functions", register)
    try:
        dialog.show()
        QgsApplication.processEvents()
        table = dialog.table
        return len(ran), [[table.item(i, j).text() for j in range(table.columnCount())]
                          for i in range(table.rowCount())]
    finally:
        dialog.close()


def test_twice_the_conflicts_take_no_more_statements(iface, tmp_path, monkeypatch, capsys):
    fewer, rows = listed_of(5, iface, tmp_path, monkeypatch, capsys)
    more, rows2 = listed_of(10, iface, tmp_path, monkeypatch, capsys)
    for shown, n in ((rows, 5), (rows2, 10)):
        assert len(shown) == 3 * n - 1, shown  # (one settled)
        ours = [row[5] for row in shown if row[3] == "whole feature"]
        # a whole feature's "ours" as the master holds it now, each read
        assert len(ours) == n and all("B" in o for o in ours), shown
    assert more <= fewer + 2, (fewer, more)
