# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a merge does not delete a patch a verification names (the
records are staged with the patches the packages delete)."""

from tests.unit import test_records_keep_their_patch as gpkg


def test_a_patch_verified_since_the_checkout_is_kept(plan_database, tmp_path, capsys):
    gpkg.test_a_patch_verified_since_the_checkout_is_kept(
        plan_database, tmp_path, capsys, gpkg.patches_in(plan_database))


def test_a_patch_deleted_with_its_records_goes(plan_database, tmp_path, capsys):
    gpkg.test_a_patch_deleted_with_its_records_goes(plan_database, tmp_path, capsys,
                                                     gpkg.patches_in(plan_database))
