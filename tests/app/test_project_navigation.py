# SPDX-License-Identifier: GPL-2.0-or-later
"""A project chosen: the navigation bar points at the project's patch the technician stands
in, or else the nearest one, measured as the inspection's distance rule measures it, and
follows the technician as they walk from one patch of the project to another."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import forms
from field_kit.app import gnss, i18n
from field_kit.app.map_view import MapView
from field_kit.app.patch_list import PROJECT
from field_kit.plan import geometry


@pytest.fixture
def project(package):
    """(project uuid, [(patch uuid, centre lon, centre lat), ...] by code) of a project of
    the package with two patches or more, its patches' centres inside their outlines."""
    conn = sqlite3.connect(package)
    try:
        for (uuid,) in conn.execute("SELECT project_uuid FROM mine_patches WHERE geom IS NOT "
                                    "NULL GROUP BY project_uuid HAVING count(*) > 1 "
                                    "ORDER BY project_uuid"):
            rows = conn.execute("SELECT uuid, centre_lon, centre_lat, geom FROM mine_patches "
                                "WHERE project_uuid = ? AND geom IS NOT NULL ORDER BY "
                                "patch_code, uuid", (uuid,)).fetchall()
            if all(forms.distance_to_outlines((lon, lat), [geometry.blob_wkb(bytes(g))]) == 0
                   for _, lon, lat, g in rows):
                return uuid, [r[:3] for r in rows]
    finally:
        conn.close()
    pytest.skip("no project with two patches around their centres in the package")


def test_a_project_points_at_the_patch_stood_in_and_follows_the_walk(window, project):
    """Standing in the project's second patch, the bar says inside it, not the way to the
    project's first patch; walking into the first, it says inside that one."""
    uuid, patches = project
    first, second = patches[0], patches[1]
    window.on_fix(gnss.typed_fix(second[1], second[2], 3.0))
    window.select(PROJECT, uuid)
    assert window.map.selected == second[0]
    assert window.nav.text() == "✔ " + i18n.tr("on_patch", dist="0 m")
    window.on_fix(gnss.typed_fix(first[1], first[2], 3.0))
    assert window.map.selected == first[0]
    assert window.nav.text() == "✔ " + i18n.tr("on_patch", dist="0 m")


def test_a_project_points_at_its_nearest_patch_as_the_inspection_measures(window, project,
                                                                           package):
    """Outside all of them, the patch selected is the one at the distance the inspection's
    rule finds from the project (its nearest outline), not the project's first patch."""
    uuid, patches = project
    last = patches[-1]
    here = (last[1] + 0.02, last[2] + 0.02)  # 2 km or so off the last patch by code
    window.on_fix(gnss.typed_fix(*here, 3.0))
    window.select(PROJECT, uuid)
    conn = sqlite3.connect(package)
    try:
        wkbs = forms.form_context(conn, forms.PROJECT_INSPECTION, uuid).subject_wkbs
        mine = conn.execute("SELECT geom FROM mine_patches WHERE uuid = ?",
                            (window.map.selected,)).fetchone()[0]
    finally:
        conn.close()
    from_project = forms.distance_to_outlines(here, wkbs)
    assert forms.distance_to_outlines(here, [geometry.blob_wkb(bytes(mine))]) == from_project
    assert from_project and from_project > 0
    assert "to the edge · " in window.nav.text()


def test_the_map_selects_the_nearest_patch_of_a_project(qtbot, package, project):
    """The map on its own: the first patch by code without a position, then the one stood
    in; choosing a patch ends following the project."""
    uuid, patches = project
    view = MapView()
    qtbot.addWidget(view)
    conn = sqlite3.connect(package)
    try:
        view.load(conn)
        view.select_project(conn, uuid)
        assert view.selected == patches[0][0]
        view.set_position(patches[1][1], patches[1][2], 3.0)
        assert view.selected == patches[1][0]
        view.select(patches[0][0])
        view.set_position(patches[1][1], patches[1][2], 3.0)
        assert view.selected == patches[0][0]
    finally:
        conn.close()
