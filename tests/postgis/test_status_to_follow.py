# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too, ``status`` says what the edits made with psql leave for the
next command to follow."""

from tests.postgis.test_codes_changed_in_the_master import _read
from tests.postgis.test_shape_edited_in_the_master import by_psql
from tests.unit.test_status_to_follow import status_says_what_waits


def test_status_of_a_postgres_master_says_what_psql_edits_leave_to_follow(plan_database,
                                                                        tmp_path, capsys):
    status_says_what_waits(plan_database, tmp_path, capsys,
                           lambda sql: by_psql(plan_database, sql), _read(plan_database),
                           "ST_Translate(geom, 0.001, 0)")
