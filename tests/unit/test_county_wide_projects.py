# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's projects of the whole county (P3 to P9: afforestation, enclosure, farmland,
no township, no patch) reached no package cut to a township or a box, their targets did: a
technician could record no inspection of 8 of the 15 targets, and nothing said so. They go
in every package, their inspections with them, and a pull keeps them."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit.db import connect
from field_kit.sync import merge, package_checkout, package_export, pull
from tests.unit.test_progress import inspect

COUNTY_WIDE = {"P3-1", "P3-2", "P3-3", "P3-4", "P3-5", "P3-6", "P4-1", "P4-2", "P4-3",
               "P4-4", "P5-1", "P6-1", "P6-2", "P6-3", "P6-4", "P7-1", "P9-1", "P9-2", "P9-3"}


def _projects(path) -> set[str]:
    with sqlite3.connect(path) as c:
        return {p for (p,) in c.execute("SELECT project_id FROM restoration_projects")}


@pytest.mark.parametrize("cut", [{"township": "托克逊镇"},
                                 {"bbox": (88.60, 42.70, 88.70, 42.80)}])
def test_a_project_of_the_whole_county_is_in_every_package(master, tmp_path, cut):
    pkg = tmp_path / "tab.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", **cut)
    held = _projects(pkg)
    assert held >= COUNTY_WIDE, COUNTY_WIDE - held
    # the mine projects stay those of the township's or the box's patches
    assert not {p for p in held - COUNTY_WIDE if p not in ("P1-5",)}, held
    # an inspection of one made in the package reaches the master
    conn = connect(pkg)
    uuid = inspect(conn, "P4-1", "封育", 1.2, "万亩", on="2025-05-01")
    conn.close()
    package_export.export(pkg, tmp_path / "c.zip")
    assert not merge.merge(master, [tmp_path / "c.zip"]).refused
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT completed_quantity FROM project_inspections WHERE uuid = ?",
                         (uuid,)).fetchone() == (1.2,)
    # another device's inspection of it comes with a pull; the project stays
    other = tmp_path / "other.gpkg"
    package_checkout.checkout(master, other, "tab-2", township="郭勒布依乡")
    conn = connect(other)
    theirs = inspect(conn, "P4-1", "封育", 1.5, "万亩", on="2025-06-01")
    conn.close()
    package_export.export(other, tmp_path / "d.zip")
    merge.merge(master, [tmp_path / "d.zip"])
    pull.pull(pkg, master)
    assert _projects(pkg) >= COUNTY_WIDE
    with sqlite3.connect(pkg) as c:
        assert c.execute("SELECT count(*) FROM project_inspections WHERE uuid = ?",
                         (theirs,)).fetchone() == (1,)
