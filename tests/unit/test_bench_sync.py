# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync benchmark's scenario runs end to end at a small size, and its plain-SQLite floor
does the work it is timed for (its ratios mean nothing otherwise). No time is asserted."""

import shutil
import sqlite3

import pytest

from field_kit.sync import merge, package_checkout, package_export
from tests import bench_sync


def test_the_scenario_runs_and_prints_its_ratios(tmp_path, capsys):
    bench_sync.scenario(2000, 3, tmp_path, geodiff=False, scale=1, scale_max=0)
    out = capsys.readouterr().out
    assert "ours/floor = " in out and "'refused': 0" in out and "(target <= 2.5x)" in out
    assert out.count("'refused': 0") == 2  # and with a column added half-way


@pytest.fixture
def merged(tmp_path):
    """A plain base layer and the master it became after three devices' packages."""
    n = 2000
    master = bench_sync.make_master(tmp_path / "master.gpkg", n)
    bench_sync.make_plain(master, tmp_path / "base.gpkg")
    zips = []
    for d, edits in enumerate(bench_sync.device_edits(n, 3)):
        pkg = tmp_path / f"dev{d}.gpkg"
        package_checkout.checkout(master, pkg, f"dev{d}", role="gis")
        bench_sync.apply_edits(pkg, edits, d)
        zips.append(tmp_path / f"d{d}.zip")
        package_export.export(pkg, zips[-1])
    assert not merge.merge(master, zips).refused
    (tmp_path / "floor").mkdir()
    return tmp_path / "base.gpkg", tmp_path / "master.gpkg", tmp_path / "floor"


@pytest.mark.parametrize("how", [{}, {"whole_rows": True}, {"audit": True}])
def test_the_floor_ends_with_the_merged_layer(merged, how):
    base, master, scratch = merged
    assert bench_sync.floor_run(base, master, scratch, **how) > 0
    if how.get("audit"):  # and writes as many log and fate rows as the merge did
        counts = "SELECT (SELECT count(*) FROM sync_changes), (SELECT count(*) FROM sync_applied)"
        with sqlite3.connect(master) as m, sqlite3.connect(scratch / "floor.gpkg") as f:
            assert f.execute(counts).fetchone() == m.execute(counts).fetchone() != (0, 0)


def test_a_floor_that_does_not_reach_the_merged_layer_fails(merged):
    base, master, scratch = merged
    shutil.copy(base, scratch / "same.gpkg")
    with pytest.raises(AssertionError, match="differs from the merged one"):
        bench_sync.floor_run(base, scratch / "same.gpkg", scratch)


def test_the_settling_figure_settles_every_conflict(tmp_path):
    # (settle_cost asserts each package's n conflicts are recorded, then all n settled)
    got = bench_sync.settle_cost(tmp_path, sizes=(20, 40))
    assert [n for n, _ in got] == [20, 40] and all(t > 0 for _, t in got)
