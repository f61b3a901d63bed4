# SPDX-License-Identifier: GPL-2.0-or-later
"""Property tests over random schemas: a layer with columns of its own, edited while columns
are added (before and between commands), ends in the master exactly as in the package, and
merging twice changes nothing."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from field_kit.db import connect, quote
from field_kit.sync import changelog, merge, package_checkout, package_export

TYPES = {"TEXT": st.sampled_from(["a", "b", "", None]),
         "INTEGER": st.sampled_from([0, 7, -3, None]),
         "REAL": st.sampled_from([0.1 + 0.2, 2.5, None])}
name = st.sampled_from(["kind", "code", "note", "Size", "a b", "年份"])
schemas = st.dictionaries(name, st.sampled_from(sorted(TYPES)), min_size=1, max_size=4)


@st.composite
def steps(draw, cols):
    """Edits and schema changes, with an export (a command) now and then."""
    cols = dict(cols)
    out = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["update", "update", "insert", "delete", "add", "export"]))
        if kind == "add":
            new = f"added_{len(out)}"
            decl = draw(st.sampled_from(sorted(TYPES)))
            dflt = draw(st.sampled_from([None, "'x'"] if decl == "TEXT" else [None, "1"]))
            cols[new] = decl
            out.append(("add", new, decl, dflt))
        elif kind == "update":
            col = draw(st.sampled_from(sorted(cols)))
            out.append(("update", draw(st.integers(1, 4)), col, draw(TYPES[cols[col]])))
        else:
            out.append((kind, draw(st.integers(1, 4)), None, None))
    return out


def make_layer(path: Path, cols: dict) -> None:
    from osgeo import ogr
    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("survey", None, ogr.wkbNone, ["FID=fid"])
    kinds = {"TEXT": ogr.OFTString, "INTEGER": ogr.OFTInteger64, "REAL": ogr.OFTReal}
    for c, t in cols.items():
        lyr.CreateField(ogr.FieldDefn(c, kinds[t]))
    for i in range(4):
        f = ogr.Feature(lyr.GetLayerDefn())
        for c, t in cols.items():
            f.SetField(c, {"TEXT": f"v{i}", "INTEGER": i, "REAL": i / 3}[t])
        lyr.CreateFeature(f)
    ds = None


def snapshot(path: Path) -> list:
    conn = sqlite3.connect(path)
    cols = sorted(r[1] for r in conn.execute("PRAGMA table_info(survey)") if r[1] != "fid")
    got = sorted(conn.execute(f"SELECT {', '.join(map(quote, cols))} FROM survey").fetchall(),
                 key=repr)
    conn.close()
    return [cols, got]


def run_steps(pkg: Path, steps_: list, tmp: Path) -> list:
    zips = []
    for n, (kind, row, col, val) in enumerate(steps_):
        conn = connect(pkg)
        fid = conn.execute("SELECT fid FROM survey ORDER BY fid LIMIT 1 OFFSET ?",
                           (row - 1,)).fetchone() if kind in ("update", "delete") else None
        if kind == "add":
            conn.execute(f"ALTER TABLE survey ADD COLUMN {quote(row)} {col}"
                         + (f" DEFAULT {val}" if val else ""))
        elif kind == "update" and fid:
            conn.execute(f"UPDATE survey SET {quote(col)} = ? WHERE fid = ?", (val, fid[0]))
        elif kind == "delete" and fid:
            conn.execute("DELETE FROM survey WHERE fid = ?", fid)
        elif kind == "insert":
            conn.execute("INSERT INTO survey DEFAULT VALUES")
        conn.close()
        if kind == "export":
            z = tmp / f"c{n}.zip"
            package_export.export(pkg, z)
            if z.exists():  # changes, or a schema change alone
                zips.append(z)
    z = tmp / "last.zip"
    package_export.export(pkg, z)
    if z.exists():
        zips.append(z)
    return zips


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(schemas.flatmap(lambda cols: st.tuples(st.just(cols), steps(cols))))
def test_random_schema_changes_interleaved_with_edits_lose_nothing(case):
    cols, steps_ = case  # "add" steps carry (name, type, default) for (row, column, value)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master = tmp / "master.gpkg"
        make_layer(master, cols)
        changelog.install(master)
        pkg = tmp / "pkg.gpkg"
        package_checkout.checkout(master, pkg, "gis1", role="gis")
        zips = run_steps(pkg, steps_, tmp)
        rep = merge.merge(master, zips)
        assert not rep.refused and rep.totals["conflict"] == 0
        assert sum(rep.totals.values()) == sum(len(r.outcomes) for r in rep.results)
        assert snapshot(master) == snapshot(pkg)
        again = merge.merge(master, zips)
        assert again.totals["already"] == sum(rep.totals.values())
        assert snapshot(master) == snapshot(pkg)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(schemas.flatmap(lambda cols: st.tuples(st.just(cols), steps(cols), steps(cols))))
def test_two_devices_changing_schema_and_rows_merge_the_same_in_either_order(case):
    cols, steps_a, steps_b = case
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master = tmp / "master.gpkg"
        make_layer(master, cols)
        changelog.install(master)
        zips = []
        for name, steps_ in (("a", steps_a), ("b", steps_b)):
            # columns of their own: one name added on both sides with two definitions is
            # refused by the second merge (tested apart)
            steps_ = [(k, f"{name}_{a}", b, c) if k == "add" else
                      (k, a, f"{name}_{b}", c) if k == "update" and b.startswith("added_") else
                      (k, a, b, c) for k, a, b, c in steps_]
            pkg = tmp / f"{name}.gpkg"
            package_checkout.checkout(master, pkg, f"gis-{name}", role="gis")
            (tmp / name).mkdir()
            zips.append(run_steps(pkg, steps_, tmp / name))
        got = []
        for order in (zips[0] + zips[1], zips[1] + zips[0]):
            m = tmp / f"m{len(got)}.gpkg"
            m.write_bytes(master.read_bytes())
            rep = merge.merge(m, order)
            assert not rep.refused
            assert sum(rep.totals.values()) == sum(len(r.outcomes) for r in rep.results)
            again = merge.merge(m, order)
            assert again.totals["already"] == sum(rep.totals.values())
            got.append(snapshot(m))
        assert got[0] == got[1]
