# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a merge does not delete a patch a verification names (the
records are staged with the patches the packages delete)."""

import shutil

import pytest

from field_kit.cli.commands import main
from tests.unit import test_records_keep_their_patch as gpkg


@pytest.fixture
def published(database, plan_gpkg, tmp_path):
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", database, "--from", str(src)]) == 0
    return database


def test_a_patch_verified_since_the_checkout_is_kept(published, tmp_path, capsys):
    gpkg.test_a_patch_verified_since_the_checkout_is_kept(
        published, tmp_path, capsys, gpkg.patches_in(published))


def test_a_patch_deleted_with_its_records_goes(published, tmp_path, capsys):
    gpkg.test_a_patch_deleted_with_its_records_goes(published, tmp_path, capsys,
                                                     gpkg.patches_in(published))
