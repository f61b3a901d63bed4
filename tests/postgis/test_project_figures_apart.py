# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master: a package or a decision leaving one patch's project treated area
unlike its siblings' is said, as on a GeoPackage master, though the merge stages only the
patch it changes."""

from tests.postgis.cluster import query
from tests.unit import test_project_figures_apart as gpkg


def test_a_project_figure_changed_on_one_patch_is_said(plan_database, tmp_path, capsys):
    gpkg.merged_apart_said(plan_database, tmp_path, capsys)


def test_a_decision_leaving_one_patch_apart_is_said(plan_database, tmp_path, capsys):
    gpkg.decided_apart_said(plan_database, tmp_path, capsys, lambda: [r[0] for r in query(
        plan_database, "SELECT id FROM sync_conflicts WHERE status = 'open'")])
