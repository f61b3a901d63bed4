# SPDX-License-Identifier: GPL-2.0-or-later
"""Property tests of the merge: any order gives the same master, merging twice changes
nothing, and every change is accounted for."""

import contextlib
import itertools
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from field_kit.db import connect
from field_kit.plan import geometry
from field_kit.plan.derived import derived_columns, derived_values
from field_kit.sync import merge, package_checkout, package_export, set_based
from tests.unit.gpkg_factory import _square, make_gpkg, snapshot

ROWS = 6
TABLES = ("mine_patches",)
FIELDS = {"phase": st.sampled_from(["a", "b", None]), "mineral": st.sampled_from(["x", "y"]),
          "area_m2": st.sampled_from([1.0, 0.1 + 0.2, 2.5]),
          "geom": st.sampled_from([_square(88.0, 42.5), _square(88.3, 42.7, 0.01), None])}

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


def apply_ops(path, ops, *, as_qgis: bool = False):
    """``ops`` made in the package ``path``; ``as_qgis``, a shape saved as QGIS saves it, with
    its area and centre (else as QField or ogr2ogr do, alone)."""
    conn = connect(path)
    for i, (kind, row, fld, val) in enumerate(ops):
        uuid = conn.execute("SELECT uuid FROM mine_patches ORDER BY fid LIMIT 1 OFFSET ?",
                            (row - 1,)).fetchone()
        if kind == "update" and uuid and fld == "geom" and as_qgis:
            measured = derived_values(val and geometry.blob_wkb(val),
                                      derived_columns("mine_patches"))
            sets = ", ".join(f"{c} = ?" for c in measured)
            conn.execute(f"UPDATE mine_patches SET geom = ?, {sets} WHERE uuid = ?",
                         (val, *measured.values(), uuid[0]))
        elif kind == "update" and uuid:
            conn.execute(f"UPDATE mine_patches SET {fld} = ? WHERE uuid = ?", (val, uuid[0]))
        elif kind == "delete" and uuid:
            conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (uuid[0],))
        elif kind == "insert":
            # a code of its own in the package (one code names one patch); two devices'
            # packages may give one code, which the merge gives the patch given it first
            conn.execute("INSERT INTO mine_patches (patch_code, phase) VALUES (?, 'new')",
                         (f"N{row}-{i}",))
    conn.close()


def field_packages(tmp: Path, plan) -> tuple[Path, list]:
    """A master and the change packages of one device per list of ops (none if empty)."""
    master = tmp / "master.gpkg"
    shutil.copy(base_master(), master)
    zips = []
    for i, ops in enumerate(plan):
        pkg = tmp / f"d{i}.gpkg"
        package_checkout.checkout(master, pkg, f"dev{i}", role="gis")
        apply_ops(pkg, ops)
        z = tmp / f"d{i}.zip"
        if package_export.export(pkg, z)["counts"]["changes"]:
            zips.append(z)
    return master, zips


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(devices)
# a new patch given a code and deleted again on one device, the same code given to a new
# patch on another: the code is free once the merge is made, refused neither time
@example([[("update", 1, "area_m2", 1.0), ("insert", 1, None, None), ("delete", 1, None, None),
           ("delete", 6, None, None)], [("update", 1, "area_m2", 1.0), ("insert", 1, None, None)]])
def test_merge_order_does_not_matter_and_merging_twice_changes_nothing(plan):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master, zips = field_packages(tmp, plan)
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
            # (a change refused, a patch code a row given it first holds, is refused again)
            assert again.totals["already"] == total - rep.totals["refused"]
            assert again.totals["refused"] == rep.totals["refused"]
            assert snapshot(m, TABLES) == state
            results.append(state)
        assert all(r == results[0] for r in results)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(op, min_size=1, max_size=8))
def test_one_device_merge_reproduces_its_package(ops):
    """(its shapes saved as QGIS saves them: one from QField comes without its area and
    centre, which the master gives it: test_area_follows_shape)"""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master = tmp / "master.gpkg"
        shutil.copy(base_master(), master)
        pkg = tmp / "d.gpkg"
        package_checkout.checkout(master, pkg, "dev", role="gis")
        apply_ops(pkg, ops, as_qgis=True)
        z = tmp / "d.zip"
        if package_export.export(pkg, z)["counts"]["changes"]:
            rep = merge.merge(master, [z])
            assert rep.totals["conflict"] == 0 and rep.totals["refused"] == 0
        assert snapshot(master, TABLES) == snapshot(pkg, TABLES)


def _audit(path) -> dict:
    """What a merge recorded, with merge ids named by package and JSON parsed."""
    conn = sqlite3.connect(path)
    names = dict(conn.execute("SELECT merge_id, package FROM sync_merges"))

    def name(text):
        for mid, pkg in names.items():
            text = text.replace(mid, pkg) if text else text
        return text

    def load(text):
        return json.loads(text) if text else None
    log = sorted(((c, t, r, op, json.dumps(load(o), sort_keys=True),
                   json.dumps(load(n), sort_keys=True), d, at, name(origin), src)
                  for c, t, r, op, o, n, d, at, origin, src in conn.execute(
                     "SELECT change_uuid, tbl, row_uuid, op, old, new, device, at, origin, "
                     "src_seq FROM sync_changes WHERE origin NOT LIKE '%:restore'")), key=repr)
    applied = sorted(((c, name(m), s, d) for c, m, s, d in conn.execute(
        "SELECT change_uuid, merge_id, status, device FROM sync_applied")),
                     key=repr)
    conflicts = sorted(((name(m), c, t, r, f, k, json.dumps(load(a)), json.dumps(load(o)),
                         json.dumps(load(th)), d, at) for m, c, t, r, f, k, a, o, th, d, at in
                        conn.execute("SELECT merge_id, change_uuid, tbl, row_uuid, field, kind, "
                                     "ancestor, ours, theirs, device, at FROM sync_conflicts")),
                       key=repr)
    conn.close()
    return {"log": log, "applied": applied, "conflicts": conflicts}


def _both_ways(tmp: Path, master: Path, zips: list) -> dict:
    """The master, the outcomes and the records a merge (given twice) leaves, set-based and
    by the engine alone."""
    got = {}
    for way in ("set-based", "engine only"):
        m = tmp / f"{way}.gpkg"
        shutil.copy(master, m)
        with mock.patch.object(set_based, "_settle_table", lambda *a: None) \
                if way == "engine only" else contextlib.nullcontext():
            rep = merge.merge(m, zips)
            rep2 = merge.merge(m, zips)
        outcomes = [[(o.change, o.status, o.reason) for o in r.outcomes]
                    for r in rep.results + rep2.results]
        got[way] = (snapshot(m, TABLES), outcomes, _audit(m))
    return got


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(devices)
def test_set_based_step_settles_as_the_engine_would(plan):
    """The set-based step and the change-by-change engine leave the same master, the same
    records and the same outcome for every change."""
    with tempfile.TemporaryDirectory() as tmp:
        master, zips = field_packages(Path(tmp), plan)
        got = _both_ways(Path(tmp), master, zips)
        assert got["set-based"][0] == got["engine only"][0]
        assert got["set-based"][1] == got["engine only"][1]
        assert got["set-based"][2] == got["engine only"][2]


def test_an_insert_without_a_column_the_master_gained_settles_as_the_engine_would(tmp_path):
    """Rows inserted in the field before the master gained a column take its default, the
    same set-based as by the engine, and skip the engine."""
    master, zips = field_packages(tmp_path, [[("insert", 1, None, None),
                                              ("insert", 2, None, None)]])
    with connect(master) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT DEFAULT 'none'")
    got = _both_ways(tmp_path, master, zips)
    assert got["set-based"] == got["engine only"]
    seen = []
    real = merge.Applier.apply

    def spy(self, changes, done, progress=None):
        seen.extend(changes)
        return real(self, changes, done, progress)
    with mock.patch.object(merge.Applier, "apply", spy):
        merge.merge(master, zips)
    assert not seen
    with connect(master) as c:
        assert c.execute("SELECT remarks FROM mine_patches WHERE patch_code IN ('N1-0', 'N2-1')"
                         ).fetchall() == [("none",), ("none",)]


def test_changes_nobody_else_touched_skip_the_engine(tmp_path):
    master, pkgs = field_packages(tmp_path, [
        [("update", 1, "phase", "a"), ("update", 2, "geom", None), ("delete", 3, None, None),
         ("insert", 1, None, None)],
        [("update", 1, "phase", "b"), ("update", 4, "mineral", "y")]])
    seen = []
    real = merge.Applier.apply

    def spy(self, changes, done, progress=None):
        seen.extend((c["op"], c["row"]) for c in changes)
        return real(self, changes, done, progress)
    with mock.patch.object(merge.Applier, "apply", spy):
        rep = merge.merge(master, pkgs)
    assert rep.totals == {"applied": 5, "already": 0, "conflict": 1, "refused": 0}
    # only the second change of the row both devices changed went change by change: the
    # first met the row as nobody had touched it
    assert [op for op, _ in seen] == ["update"]
    first = [o for o in rep.results[0].outcomes if o.row == seen[0][1]]
    assert [(o.op, o.status) for o in first] == [("update", "applied")]
