# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a patch's phase changed with psql without its period gets its
phase's period from the next command that reads the master's data, logged as an edit of the
master, said once."""

from tests.postgis.cluster import query
from tests.postgis.test_shape_edited_in_the_master import by_psql
from tests.unit import test_period_follows_phase_in_master as gpkg


def test_a_phase_edited_with_psql_gets_its_period(plan_database, capsys):
    gpkg.a_phase_edited_in_the_master_gets_its_period(
        plan_database, capsys, lambda sql: by_psql(plan_database, sql),
        lambda sql: [tuple(r) for r in query(plan_database, sql)])
