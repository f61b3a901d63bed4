# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's merge undone in a PostgreSQL master, then the same package merged again:
the pull into that package meets no delete of the record the master holds again, writes
nothing where the technician edited nothing, and, pulled between the undo and the merge
made again, brings the record back as the master's change applied."""

from __future__ import annotations

import pytest

from field_kit.sync import masters
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import master  # noqa: F401
from tests.unit import undone_made_again as made_again
from tests.unit.gpkg_factory import edit


def _technician(database, tmp):
    """The technician's package of the first patch's township (a package cut to one)."""
    out = tmp / "w.gpkg"
    masters.checkout(database, out, made_again.DEVICE, role="technician",
                     township=rows(database, "SELECT township FROM mine_patches ORDER BY fid "
                                             "LIMIT 1")[0][0])
    return out


@pytest.mark.parametrize("pulled_first", [False, True])
def test_an_edit_after_the_merge_made_again_meets_no_delete(master, pulled_first):  # noqa: F811
    """(``pulled_first``: the record merged is pulled before the undo, its log before the
    package's base then)"""
    database, _, tmp = master
    pkg = _technician(database, tmp)
    z, row = made_again.new_record(
        database, pkg, before_undo=lambda: pulled_first and masters.pull(pkg, database))
    made_again.merged_again(database, z)
    edit(pkg, "UPDATE patch_verifications SET notes = '第二次' WHERE uuid = ?", row)
    got = masters.pull(pkg, database)
    assert got.counts["conflict"] == 0 and made_again.open_conflicts(pkg) == 0
    assert made_again.notes(pkg, row) == "第二次"
    assert rows(database, "SELECT notes FROM patch_verifications WHERE uuid = %s",
                row) == [("第一次",)]


def test_a_pull_after_the_merge_made_again_writes_nothing(master):  # noqa: F811
    database, _, tmp = master
    pkg = _technician(database, tmp)
    z, row = made_again.new_record(database, pkg)
    made_again.merged_again(database, z)
    masters.pull(pkg, database)
    assert made_again.pulled_writes(pkg) == 0 and made_again.notes(pkg, row) == "第一次"


def test_a_pull_between_the_undo_and_the_merge_made_again(master):  # noqa: F811
    database, _, tmp = master
    pkg = _technician(database, tmp)
    z, row = made_again.new_record(database, pkg)
    masters.pull(pkg, database)
    made_again.merged_again(database, z)
    got = masters.pull(pkg, database)
    assert (got.counts["applied"], got.brought) == (1, []), (got.counts, got.brought)
    assert made_again.notes(pkg, row) == "第一次" and made_again.open_conflicts(pkg) == 0
