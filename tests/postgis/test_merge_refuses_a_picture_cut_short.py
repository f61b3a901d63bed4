# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a merge refuses a photo whose picture a package carries cut
short, by its file and record, and keeps none of its bytes; the rest is merged."""

from tests.unit import test_merge_refuses_a_picture_cut_short as gpkg
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)


def test_a_merge_refuses_a_photo_cut_short_by_its_file_and_record(plan_database, tmp_path,
                                                                  capsys,
                                                                  chinese_locale):  # noqa: F811
    gpkg.test_a_merge_refuses_a_photo_cut_short_by_its_file_and_record(
        plan_database, tmp_path, capsys, chinese_locale, gpkg.in_database(plan_database))
