# SPDX-License-Identifier: GPL-2.0-or-later
"""What undoing a merge would put back, counted before it is asked (the Sync panel's
question): on a PostgreSQL master as the undo then counts it, the changes the merge applied
and the values settling its conflicts wrote, and its conflicts closed with it."""

from field_kit.sync import masters
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, export, master  # noqa: F401
from tests.unit.gpkg_factory import edit


def test_an_undo_is_counted_before_as_it_then_counts(master):  # noqa: F811 (a fixture)
    database, _, tmp = master
    (first, second), = [rows(database, "SELECT array_agg(uuid ORDER BY fid) FROM "
                             "mine_patches")[0][0][:2]]
    pkg = checkout(database, tmp, "gis-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'field' WHERE uuid = ?", first)
    edit(pkg, "UPDATE mine_patches SET section = 'field' WHERE uuid = ?", second)
    rows(database, "UPDATE mine_patches SET section = 'qgis' WHERE uuid = %s", second)
    report = masters.merge(database, [export(pkg, tmp)])
    assert (report.totals["applied"], report.totals["conflict"]) == (1, 1), report.totals
    (merged,) = masters.merges(database)
    ahead = masters.to_undo(database, merged["merge_id"])
    assert (ahead.applied, ahead.settled, ahead.conflicts) == (1, 0, 1)
    (conflict,) = masters.conflicts(database)
    masters.resolve(database, conflict.id, take="theirs")
    ahead = masters.to_undo(database, merged["merge_id"])
    assert (ahead.applied, ahead.settled, ahead.conflicts) == (1, 1, 1)
    undone = masters.undo(database, merged["merge_id"])
    assert (undone.reverted, undone.closed) == (ahead.applied + ahead.settled, ahead.conflicts)
