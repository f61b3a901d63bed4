# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a patch's code changed with psql is followed by the next
command that reads or sends the master's data (the verifications naming it staged with it),
logged as an edit of the master, said once; a code typed alone in a verification moves it
to the patch holding it."""

import pytest

from tests.postgis.cluster import query
from tests.postgis.test_shape_edited_in_the_master import by_psql
from tests.unit import test_codes_changed_in_the_master as gpkg


def _read(database):
    return lambda sql: [tuple(r) for r in query(database, sql)]


@pytest.mark.parametrize("command", ["progress", "merge", "checkout"])
def test_a_patch_renamed_with_psql_gives_its_verification_its_code(plan_database, tmp_path,
                                                                  capsys, command):
    gpkg.a_code_renamed_in_the_master_is_followed(
        plan_database, tmp_path, capsys, command, lambda sql: by_psql(plan_database, sql),
        _read(plan_database))


def test_a_patch_code_typed_in_a_verification_with_psql_moves_it(plan_database, tmp_path,
                                                                 capsys):
    gpkg.a_code_typed_in_a_verification_moves_it(
        plan_database, tmp_path, capsys, lambda sql: by_psql(plan_database, sql),
        _read(plan_database))
