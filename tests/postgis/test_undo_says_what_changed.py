# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a record undo-merge puts back names the patch the master
holds (the stage holds it), and a row edited in the database since the merge (psql, by
its user) is to be set by hand, not "undone with a later merge"."""

from field_kit.sync.postgis import address
from tests.postgis.cluster import query
from tests.unit import test_undo_says_what_changed as gpkg


def in_psql(database):
    """Run SQL as an editor in psql does (logged as its user's, application psql)."""
    def write(sql, *args):
        pg = address.connect(database)
        try:
            with pg.cursor() as cur:
                cur.execute("SET application_name = 'psql'")
                cur.execute(sql, args)
            pg.commit()
        finally:
            pg.close()
    return write


def read(database):
    return lambda sql, *args: [tuple(r) for r in query(database, sql, *args)]


def test_a_record_put_back_names_its_patch_without_a_warning(plan_database, tmp_path, capsys):
    gpkg.record_put_back_names_its_patch(plan_database, tmp_path, capsys, read(plan_database))


def test_a_record_put_back_naming_a_patch_deleted_since_is_said(plan_database, tmp_path,
                                                                capsys):
    gpkg.record_put_back_names_a_patch_deleted_since(plan_database, tmp_path, capsys,
                                                     in_psql(plan_database))


def test_a_row_edited_in_psql_is_to_be_set_by_hand(plan_database, tmp_path, capsys):
    gpkg.edited_in_the_master_is_set_by_hand(plan_database, tmp_path, capsys,
                                             in_psql(plan_database), "postgres (psql)")


def test_a_row_a_later_merge_changed_says_undo_that_merge_first(plan_database, tmp_path,
                                                                capsys):
    gpkg.changed_by_a_later_merge_is_undone_first(plan_database, tmp_path, capsys,
                                                  read(plan_database))


def test_rows_changed_both_ways_say_both(plan_database, tmp_path, capsys):
    gpkg.changed_both_ways_says_both(plan_database, tmp_path, capsys, in_psql(plan_database),
                                     "postgres (psql)")


def test_every_field_the_merge_wrote_is_said_with_the_value_to_set_in_psql(
        plan_database, tmp_path, capsys):
    gpkg.every_field_the_merge_wrote_is_said_with_its_value(
        plan_database, tmp_path, capsys, in_psql(plan_database), read(plan_database))
