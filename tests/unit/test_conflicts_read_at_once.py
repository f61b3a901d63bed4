# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit conflicts` reads what its conflicts need of the file (the values their rows
hold now, the rows' edits and other conflicts, the imports) for all of them at once: a
master with twice the conflicts takes no more statements to list, where thousands of
conflicts took several statements each (seconds, growing with every one)."""

from __future__ import annotations

import os

from field_kit import db, errors
from field_kit.sync import masters, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg

EDITS = {  # the same patches' phase by three devices; tab-b's notes on records tab-a deleted
    "tab-a": ("UPDATE mine_patches SET phase = 'A'", "DELETE FROM patch_verifications"),
    "tab-b": ("UPDATE mine_patches SET phase = 'B'", "UPDATE patch_verifications SET "
              "notes = 'B'"),
    "tab-c": ("UPDATE mine_patches SET phase = 'C'",),
}


def three_merges(master, tmp, capsys, local=None) -> None:
    """Merge the packages of tab-a, tab-b and tab-c, checked out of ``master`` alike and
    given :data:`EDITS`, in that order; settle one of tab-c's conflicts, and have the
    master's own edit (``local``: run on it, a GeoPackage's by default) change a patch's
    phase since: conflicts of every sort, each merge's over the last's."""
    zips = []
    for device, sqls in EDITS.items():
        pkg = os.path.join(tmp, f"{device}.gpkg")
        masters.checkout(master, pkg, device, role="gis")
        for sql in sqls:
            edit(pkg, sql)
        zips.append(os.path.join(tmp, f"{device}.zip"))
        package_export.export(pkg, zips[-1])
    assert [cli(capsys, "merge", master, z)[0] for z in zips] == [
        errors.OK, errors.CONFLICTS, errors.CONFLICTS]
    last = max(c.id for c in masters.conflicts(master))
    assert cli(capsys, "resolve", master, last, "--take", "theirs")[0] == errors.OK
    (local or (lambda sql: edit(master, sql)))(
        "UPDATE mine_patches SET phase = 'M' WHERE patch_code = 'P0000001'")


def statements(monkeypatch, capsys, *argv, copies: bool = True) -> tuple[int, str]:
    """How many SQL statements ``field-kit ARGV`` ran on the GeoPackages it opened (a
    PostgreSQL master's stage too: not ``copies``, those copying rows into it, one run for
    each row an ``executemany`` writes, and those of the triggers they fire), and what it
    printed."""
    ran: list[str] = []
    register = db.register_functions

    def traced(conn):
        register(conn)
        conn.set_trace_callback(lambda sql: ran.append(sql) if copies or not sql.startswith(
            ("INSERT", "--")) else None)
    monkeypatch.setattr(db, "register_functions", traced)
    try:
        code, out, err = cli(capsys, *argv)
    finally:
        monkeypatch.setattr(db, "register_functions", register)
    assert code == errors.CONFLICTS, out + err
    return len(ran), out


def listed_of(n: int, tmp_path, monkeypatch, capsys) -> tuple[int, str]:
    tmp = tmp_path / str(n)
    tmp.mkdir()
    master = make_gpkg(tmp / "master.gpkg", patches=n, verifications=n)
    three_merges(master, tmp, capsys)
    return statements(monkeypatch, capsys, "conflicts", master, "--every")


def test_twice_the_conflicts_take_no_more_statements(tmp_path, monkeypatch, capsys):
    fewer, out = listed_of(6, tmp_path, monkeypatch, capsys)
    more, out2 = listed_of(12, tmp_path, monkeypatch, capsys)
    # (each sort of conflict is there: a field's, changed since by a later merge and by the
    # master's own edit, a whole row's, a settled one)
    for listing, n in ((out, 6), (out2, 12)):
        assert listing.count("\n#") == 3 * n, listing
        assert "later edit: " in listing and "which its conflict" in listing, listing
        assert "changed by master at" in listing, listing
        assert " (row) " in listing and "\n    take:theirs by " in listing, listing
    assert more <= fewer + 2, (fewer, more)
