# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit a PostgreSQL master refused, sent again by the pull and mended as it
says, goes from the master's value with no conflict, as with a GeoPackage master."""

from tests.postgis.cluster import query
from tests.unit.test_sent_again_update_mended import mended_goes_as_one_change


def test_a_refused_edit_mended_as_the_pull_says_goes_from_the_masters_value(
        plan_database, tmp_path, capsys):
    mended_goes_as_one_change(capsys, plan_database, tmp_path,
                              lambda sql: query(plan_database, sql))
