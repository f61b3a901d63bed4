# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts: "Take the other value for all of this package" refused because a later
merge changed the values of many of its conflicts says the first ten and counts the rest
(each is marked in the list). A line each, a package's hundreds made the dialog taller than
any screen, its buttons out of reach."""

from __future__ import annotations

from qgis.core import QgsApplication

from field_kit.db import connect
from field_kit.sync import merge, package_checkout, package_export
from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)

RECORDS = 15


def three_packages_on_the_same_notes(master, tmp_path) -> None:
    """GIS staff gis-0, gis-1 and gis-2 each change the notes of the same verifications,
    merged in that order: gis-1's merge's conflicts hold values gis-2's changed since."""
    conn = connect(master)
    with conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = "
                             "'CT6504222017000026002'").fetchone()[0]
        conn.executemany("INSERT INTO patch_verifications (patch_uuid, patch_code, notes) "
                         "VALUES (?, 'CT6504222017000026002', '内业')",
                         [(patch,)] * RECORDS)
    conn.close()
    pkgs = [tmp_path / f"gis-{d}.gpkg" for d in range(3)]
    for d, pkg in enumerate(pkgs):
        package_checkout.checkout(master, pkg, f"gis-{d}", role="gis")
    for d, pkg in enumerate(pkgs):
        conn = connect(pkg)
        with conn:
            conn.execute("UPDATE patch_verifications SET notes = ?", (f"外业 {d}",))
        conn.close()
        package_export.export(pkg, tmp_path / f"gis-{d}.zip")
        assert not merge.merge(master, [tmp_path / f"gis-{d}.zip"]).refused


def test_a_package_refused_over_many_later_edits_says_ten_and_counts_the_rest(
        plugin, master, tmp_path):  # noqa: F811 (the fixture)
    three_packages_on_the_same_notes(master, tmp_path)
    dialog = opened(plugin)
    assert dialog.table.rowCount() == 2 * RECORDS
    dialog.table.selectRow(0)  # of gis-1's merge, the first listed
    dialog.all_theirs.click()
    QgsApplication.processEvents()
    said = dialog.message.text().split("\n")
    assert said[0].startswith("Not settled: the master's value changed since"), said
    each = [line for line in said if line.startswith("#")]
    assert len(each) == 10, said
    assert f"…and {RECORDS - 10} more, each marked in the list as changed since the conflict " \
           "was recorded" in said, said
    assert len(said) == 13, said  # the head, ten, the rest counted, what to do
    assert dialog.over_button.isVisible()  # the same decision, over the later edits, offered
    assert dialog.table.rowCount() == 2 * RECORDS  # nothing was settled
