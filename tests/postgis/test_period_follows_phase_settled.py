# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a conflict on a patch's phase settled gives the patch the
period of the phase decided, logged with the decision, and said."""

import pytest

from tests.postgis.cluster import query
from tests.postgis.test_shape_edited_in_the_master import by_psql
from tests.unit import test_period_follows_phase_settled as gpkg


@pytest.mark.parametrize("decision", gpkg.DECISIONS)
def test_a_phase_settled_on_postgres_gives_its_period(plan_database, tmp_path, capsys,
                                                      decision):
    gpkg.a_phase_settled_gives_its_period(
        plan_database, tmp_path, capsys, decision, lambda sql: by_psql(plan_database, sql),
        lambda sql: [tuple(r) for r in query(plan_database, sql)])
