# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a record keeps the code of the patch it names, and a patch
its project's id, when a merge renames them (the rows naming them are staged with them)."""

from tests.postgis.cluster import query
from tests.unit import test_codes_follow as gpkg


def _read(database):
    return lambda sql: sorted(r[0] for r in query(database, sql))


def test_a_record_made_with_the_old_code_takes_the_patch_s_new_one(plan_database, tmp_path,
                                                                    capsys):
    gpkg.test_a_record_made_with_the_old_code_takes_the_patch_s_new_one(
        plan_database, tmp_path, capsys, _read(plan_database))


def test_a_patch_renamed_after_its_record_gives_it_its_code_and_takes_it_back_undone(
        plan_database, tmp_path, capsys):
    gpkg.test_a_patch_renamed_after_its_record_gives_it_its_code_and_takes_it_back_undone(
        plan_database, tmp_path, capsys, _read(plan_database))


def test_a_project_renamed_gives_its_patches_its_new_id(plan_database, tmp_path, capsys):
    gpkg.test_a_project_renamed_gives_its_patches_its_new_id(plan_database, tmp_path, capsys,
                                                             _read(plan_database))


def test_a_conflict_on_a_patch_s_code_settled_gives_its_records_the_code_taken(
        plan_database, tmp_path, capsys):
    gpkg.test_a_conflict_on_a_patch_s_code_settled_gives_its_records_the_code_taken(
        plan_database, tmp_path, capsys, _read(plan_database))


def test_a_project_id_typed_in_a_patch_moves_it_to_that_project(plan_database, tmp_path,
                                                                 capsys):
    gpkg.test_a_project_id_typed_in_a_patch_moves_it_to_that_project(
        plan_database, tmp_path, capsys, _read(plan_database))


def test_a_record_of_a_patch_deleted_since_is_said(plan_database, tmp_path, capsys):
    gpkg.test_a_record_of_a_patch_deleted_since_is_said(plan_database, tmp_path, capsys)


def test_a_record_of_a_patch_no_row_ever_had_is_not_said_deleted(plan_database, tmp_path,
                                                                  capsys):
    gpkg.test_a_record_of_a_patch_no_row_ever_had_is_not_said_deleted(plan_database,
                                                                       tmp_path, capsys)
