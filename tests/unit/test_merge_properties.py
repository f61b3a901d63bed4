# SPDX-License-Identifier: GPL-2.0-or-later
"""Property tests of the merge: any order gives the same master, merging twice changes
nothing, and every change is accounted for."""

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from field_kit import merge, packages
from field_kit.db import connect
from tests.unit.gpkg_factory import make_gpkg, snapshot

ROWS = 6
TABLES = ("mine_patches",)
FIELDS = {"phase": st.sampled_from(["a", "b", None]), "mineral": st.sampled_from(["x", "y"]),
          "area_m2": st.sampled_from([1.0, 0.1 + 0.2, 2.5])}

op = st.one_of(
    st.tuples(st.just("update"), st.integers(1, ROWS), st.sampled_from(sorted(FIELDS)))
    .flatmap(lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.just(t[2]), FIELDS[t[2]])),
    st.tuples(st.just("delete"), st.integers(1, ROWS), st.none(), st.none()),
    st.tuples(st.just("insert"), st.integers(1, ROWS), st.none(), st.none()),
)
devices = st.lists(st.lists(op, min_size=1, max_size=6), min_size=2, max_size=3)

_BASE = {}


def base_master() -> Path:
    if "path" not in _BASE:
        d = Path(tempfile.mkdtemp(prefix="fk-prop-"))
        _BASE["path"] = Path(make_gpkg(d / "base.gpkg", patches=ROWS, tables=TABLES))
    return _BASE["path"]


def apply_ops(path, ops):
    conn = connect(path)
    for kind, row, fld, val in ops:
        uuid = conn.execute("SELECT uuid FROM mine_patches ORDER BY fid LIMIT 1 OFFSET ?",
                            (row - 1,)).fetchone()
        if kind == "update" and uuid:
            conn.execute(f"UPDATE mine_patches SET {fld} = ? WHERE uuid = ?", (val, uuid[0]))
        elif kind == "delete" and uuid:
            conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (uuid[0],))
        elif kind == "insert":
            conn.execute("INSERT INTO mine_patches (patch_code, phase) VALUES (?, 'new')",
                         (f"N{row}",))
    conn.close()


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(devices)
def test_merge_order_does_not_matter_and_merging_twice_changes_nothing(plan):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master = tmp / "master.gpkg"
        shutil.copy(base_master(), master)
        zips = []
        for i, ops in enumerate(plan):
            pkg = tmp / f"d{i}.gpkg"
            packages.checkout(master, pkg, f"dev{i}", role="gis")
            apply_ops(pkg, ops)
            z = tmp / f"d{i}.zip"
            if packages.export(pkg, z)["counts"]["changes"]:
                zips.append(z)
        results = []
        for n, order in enumerate(itertools.permutations(zips)):
            if n >= 3:
                break
            m = tmp / f"m{n}.gpkg"
            shutil.copy(master, m)
            rep = merge.merge(m, list(order))
            assert not rep.refused
            total = sum(len(r.outcomes) for r in rep.results)
            assert sum(rep.totals.values()) == total
            state = snapshot(m, TABLES)
            again = merge.merge(m, list(order))
            assert again.totals["already"] == total
            assert snapshot(m, TABLES) == state
            results.append(state)
        assert all(r == results[0] for r in results)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(op, min_size=1, max_size=8))
def test_one_device_merge_reproduces_its_package(ops):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master = tmp / "master.gpkg"
        shutil.copy(base_master(), master)
        pkg = tmp / "d.gpkg"
        packages.checkout(master, pkg, "dev", role="gis")
        apply_ops(pkg, ops)
        z = tmp / "d.zip"
        if packages.export(pkg, z)["counts"]["changes"]:
            rep = merge.merge(master, [z])
            assert rep.totals["conflict"] == 0 and rep.totals["refused"] == 0
        assert snapshot(master, TABLES) == snapshot(pkg, TABLES)
