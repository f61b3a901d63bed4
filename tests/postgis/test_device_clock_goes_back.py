# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master merging the edits of a device whose clock was set back between them
(it ran 10 minutes fast, then was set right): no conflict of the device with itself, the
edits written in the device's order, as for a GeoPackage master."""

from __future__ import annotations

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import masters
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit
from tests.unit.test_device_clock_goes_back import NOTE, clock_fast, inserted


def _merged(master: str, pkg, out) -> None:
    assert main(["export", str(pkg), str(out)]) == errors.OK
    assert main(["merge", master, str(out)]) == errors.OK  # (a conflict: CONFLICTS)


def test_an_edit_after_the_clock_is_set_back_follows_the_device_insert(plan_database,
                                                                       tmp_path):
    pkg = tmp_path / "a.gpkg"
    masters.checkout(plan_database, pkg, "tab-a", role="gis")
    inserted(pkg)
    clock_fast(pkg)
    _merged(plan_database, pkg, tmp_path / "1.zip")
    edit(pkg, NOTE, "second", "first")  # the clock set right: dated before the insert
    _merged(plan_database, pkg, tmp_path / "2.zip")
    assert query(plan_database, "SELECT count(*) FROM sync_conflicts") == [(0,)]
    assert query(plan_database, "SELECT notes FROM patch_verifications WHERE notes IN "
                 "('first', 'second')") == [("second",)]


def test_two_edits_of_a_field_in_one_package_apply_in_the_device_order(plan_database,
                                                                       tmp_path):
    pkg = tmp_path / "a.gpkg"
    masters.checkout(plan_database, pkg, "tab-a", role="gis")
    inserted(pkg)
    edit(pkg, NOTE, "fast", "first")
    clock_fast(pkg)
    edit(pkg, NOTE, "right", "fast")  # the clock set right, before the export
    _merged(plan_database, pkg, tmp_path / "1.zip")
    assert query(plan_database, "SELECT count(*) FROM sync_conflicts") == [(0,)]
    assert query(plan_database, "SELECT notes FROM patch_verifications WHERE notes IN "
                 "('first', 'fast', 'right')") == [("right",)]
