# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a patch a GIS package adds or renames with a code of none of
the national formats is merged as given and named, with the formats, as a warning."""

import pytest

from tests.postgis.cluster import query
from tests.unit import test_patch_code_format as gpkg


@pytest.mark.parametrize("as_json", [False, True])
def test_a_patch_added_or_renamed_off_format_is_said(plan_database, tmp_path, capsys,
                                                      as_json):
    gpkg.patches_off_format_said(plan_database, tmp_path, capsys, as_json,
                                 lambda sql: [r[0] for r in query(plan_database, sql)])
