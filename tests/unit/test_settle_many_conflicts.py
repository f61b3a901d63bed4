# SPDX-License-Identifier: GPL-2.0-or-later
"""Settling a whole package's conflicts costs in proportion to how many there are: twice the
conflicts, about twice the work (counted in SQLite's own steps, not in seconds), where each
conflict used to read every other conflict of its merge again."""

from __future__ import annotations

from pathlib import Path

import pytest

from field_kit import db
from field_kit.db import connect
from field_kit.sync import changelog, merge, package_checkout, package_export
from tests.unit.gpkg_factory import make_gdal_layer

LAYER = "forest_stands"
STEP = 1000  # SQLite's virtual-machine instructions per count


def _steps_to_settle(tmp: Path, n: int, monkeypatch) -> int:
    """SQLite steps to settle a package's ``n`` conflicts on ``n`` rows in one command."""
    master = make_gdal_layer(tmp / "master.gpkg", 2 * n, LAYER)
    changelog.install(master)
    zips = []
    for d in range(2):  # two devices give each of the same rows a value of their own
        pkg = tmp / f"dev{d}.gpkg"
        package_checkout.checkout(master, pkg, f"dev{d}", role="gis")
        conn = connect(pkg)
        with db.transaction(conn):
            conn.executemany(f"UPDATE {LAYER} SET status = ? WHERE fid = ?",
                             [(f"by dev{d}", f) for f in range(1, n + 1)])
        conn.close()
        zips.append(tmp / f"dev{d}.zip")
        package_export.export(pkg, zips[-1], everything=True)
    assert merge.merge(master, zips).totals["conflict"] == n
    steps = [0]

    def counting(*args, **kwargs):
        conn = db.connect(*args, **kwargs)
        conn.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1), STEP)
        return conn
    with monkeypatch.context() as m:
        m.setattr(changelog, "connect", counting)
        settled = merge.resolve(master, all_of=str(zips[1]), take="theirs")
    assert len(settled) == n
    return steps[0]


@pytest.mark.parametrize("n", [200])
def test_twice_the_conflicts_about_twice_the_work(tmp_path, monkeypatch, n):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    once = _steps_to_settle(tmp_path / "a", n, monkeypatch)
    twice = _steps_to_settle(tmp_path / "b", 2 * n, monkeypatch)
    # linear work gives 2x; reading the merge's conflicts again for each gave 3.5x
    assert twice / once < 2.5, (once, twice)
