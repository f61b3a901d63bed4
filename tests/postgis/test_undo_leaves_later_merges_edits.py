# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too, undoing a merge leaves what merging the other packages
without it gives: the undo's stage holds the later merges' fates, conflicts and records it
rewrites, and what it writes of them reaches the database."""

from tests.postgis.cluster import query
from tests.unit import test_undo_leaves_later_merges_edits as gpkg


def _reader(database):
    return lambda sql, *args: [tuple(r) for r in query(database, sql.replace("?", "%s"),
                                                       *args)]


def test_undo_leaves_what_a_merge_without_it_gives(cluster, plan_database, tmp_path, capsys):
    name = dict(p.split("=") for p in plan_database.split())["dbname"]

    def copy():
        cluster.sql(f"CREATE DATABASE {name}_without TEMPLATE {name}")
        without = cluster.address(f"{name}_without")
        return without, _reader(without)
    gpkg.what_a_merge_without_it_gives(plan_database, tmp_path, capsys,
                                       _reader(plan_database), copy)


def test_gis3s_pull_keeps_its_edit(plan_database, tmp_path, capsys):
    gpkg.gis3s_pull_keeps_its_edit(plan_database, tmp_path, capsys)


def test_deletes_kept_from_the_row_are_named(plan_database, tmp_path, capsys):
    gpkg.deletes_kept_from_the_row_are_named(plan_database, tmp_path, capsys,
                                             _reader(plan_database))


def test_a_decision_after_the_undo_names_what_the_undo_left(plan_database, tmp_path, capsys):
    gpkg.a_decision_after_the_undo_names_what_the_undo_left(plan_database, tmp_path, capsys,
                                                            _reader(plan_database))
