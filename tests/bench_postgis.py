# SPDX-License-Identifier: GPL-2.0-or-later
"""Speed and memory of a PostgreSQL/PostGIS master against plain SQL doing the same work.

    python -m tests.bench_postgis [--sizes 1000000] [--scale 10] [--concurrent 8]

Starts a throwaway PostgreSQL cluster. Scenario as in :mod:`tests.bench_sync`: a GDAL-written
layer of N features; ten field packages each update 1% of the rows, insert 0.1% and delete
0.05%; all ten exported and merged into the master, here published into PostGIS. The floor
is plain SQL applying the same final row changes and the same audit rows (the merge's log and
fate rows) in one transaction: COPY into temporary tables, then set-based UPDATE, DELETE and
INSERT. Also: the same packages merged into a master of scale*N features; eight packages of
eight devices merged at once (eight processes) against one alone; peak memory (VmHWM) of the
merging process; a captured UPDATE and a captured bulk append against plain ones. Prints
figures; asserts nothing about time.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from field_kit.sync import package_checkout, package_export
from field_kit.sync.postgis import address, publish
from tests.bench_sync import (
    LAYER,
    ROOT,
    apply_edits,
    arguments,
    device_edits,
    fastest,
    kept_aside,
    make_big,
    make_master,
)
from tests.postgis.cluster import Cluster
from tests.postgis.cluster import query as fetch

CHILD = """
import json, os, sys, time
from field_kit.sync import package_checkout, package_export
from field_kit.sync.postgis.commands import merge
master, pkgs, outdir = sys.argv[1], sys.argv[2].split(','), sys.argv[3]
os.sync()  # the setup's writes flushed: no figure pays for writing back another's pages
t0 = time.perf_counter(); zips = []
for i, p in enumerate(pkgs):
    z = f'{outdir}/' + p.rsplit('/', 1)[-1] + '.zip'
    if p.endswith('.zip'):
        z = p
    else:
        package_export.export(p, z, everything=True)
    zips.append(z)
t1 = time.perf_counter()
rep = merge(master, zips)
t2 = time.perf_counter()
assert not rep.refused, rep.refused
hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
print(json.dumps({'export': t1 - t0, 'merge': t2 - t1, 'totals': rep.totals,
                  'maxrss_mb': hwm / 1024}))
"""


def child(master: str, pkgs: list, outdir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, master, ",".join(map(str, pkgs)),
                             str(outdir)], cwd=ROOT, stdout=subprocess.PIPE, text=True)


def result(proc: subprocess.Popen) -> dict:
    out, _ = proc.communicate()
    if proc.returncode:
        raise RuntimeError("the merging process failed")
    return json.loads(out)


def copy_out(database: str, query: str) -> str:
    pg = address.connect(database)
    try:
        buf = io.StringIO()
        with pg.cursor() as cur:
            cur.copy_expert(f"COPY ({query}) TO STDOUT", buf)
        return buf.getvalue()
    finally:
        pg.close()


def floor_run(cluster: Cluster, base_db: str, merged: str) -> float:
    """Plain SQL on a copy of the master before the merge: the merged layer's changed,
    inserted and deleted rows and the merge's log and fate rows, each COPYed into a temporary
    table and applied set-based in one transaction. Checks the result is the merged layer."""
    cluster.sql(f"CREATE DATABASE floor TEMPLATE {base_db}")
    floor = cluster.address("floor")
    cols = [c for (c,) in fetch(merged, "SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = 'toksun' AND table_name = %s AND "
                                "column_name <> 'fid' ORDER BY ordinal_position", LAYER)]
    names = ", ".join(cols)
    layer = copy_out(merged, f"SELECT {names} FROM {LAYER}")
    log = copy_out(merged, "SELECT change_uuid, tbl, row_uuid, op, old, new, device, at, "
                   "origin, src_seq FROM sync_changes WHERE origin LIKE 'merge:%'")
    fates = copy_out(merged, "SELECT * FROM sync_applied")
    merges = copy_out(merged, "SELECT * FROM sync_merges")
    pg = address.connect(floor)
    with pg.cursor() as cur:  # the merged layer beside the base, to find the changes (untimed)
        cur.execute(f"CREATE TABLE merged AS SELECT {names} FROM {LAYER} LIMIT 0")
        cur.copy_expert(f"COPY merged ({names}) FROM STDIN", io.StringIO(layer))
        changed = f"SELECT {', '.join('m.' + c for c in cols)} FROM merged m JOIN {LAYER} o " \
                  f"USING (uuid) WHERE ({', '.join('m.' + c for c in cols)}) IS DISTINCT " \
                  f"FROM ({', '.join('o.' + c for c in cols)})"
        upd, ins, dele = io.StringIO(), io.StringIO(), io.StringIO()
        cur.copy_expert(f"COPY ({changed}) TO STDOUT", upd)
        cur.execute("CREATE INDEX ON merged (uuid); ANALYZE merged")
        cur.copy_expert(f"COPY (SELECT {names} FROM merged m WHERE NOT EXISTS (SELECT 1 FROM "
                        f"{LAYER} o WHERE o.uuid = m.uuid)) TO STDOUT", ins)
        cur.copy_expert(f"COPY (SELECT uuid FROM {LAYER} o WHERE NOT EXISTS (SELECT 1 FROM "
                        "merged m WHERE m.uuid = o.uuid)) TO STDOUT", dele)
        cur.execute(f"ALTER TABLE {LAYER} DISABLE TRIGGER toksun_capture")
    pg.commit()
    for b in (upd, ins, dele):
        b.seek(0)
    sets = ", ".join(f"{c} = u.{c}" for c in cols if c != "uuid")
    os.sync()
    t0 = time.perf_counter()
    with pg.cursor() as cur:
        cur.execute(f"CREATE TEMP TABLE u AS SELECT {names} FROM {LAYER} LIMIT 0")
        cur.copy_expert(f"COPY u ({names}) FROM STDIN", upd)
        cur.execute(f"UPDATE {LAYER} t SET {sets} FROM u WHERE t.uuid = u.uuid")
        cur.execute("CREATE TEMP TABLE d (uuid text)")
        cur.copy_expert("COPY d FROM STDIN", dele)
        cur.execute(f"DELETE FROM {LAYER} t USING d WHERE t.uuid = d.uuid")
        cur.copy_expert(f"COPY {LAYER} ({names}) FROM STDIN", ins)
        cur.copy_expert("COPY sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, "
                        "at, origin, src_seq) FROM STDIN", io.StringIO(log))
        cur.copy_expert("COPY sync_applied FROM STDIN", io.StringIO(fates))
        cur.copy_expert("COPY sync_merges FROM STDIN", io.StringIO(merges))
    pg.commit()
    dt = time.perf_counter() - t0
    with pg.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM (SELECT {names} FROM {LAYER} EXCEPT SELECT {names} "
                    "FROM merged) x")
        left = cur.fetchone()[0]
    pg.close()
    cluster.sql("DROP DATABASE floor")
    if left:
        raise AssertionError(f"the floor's layer differs from the merged one ({left} rows)")
    return dt


def cpu_seconds() -> float:
    """CPU time every process on the machine has used so far (/proc/stat): what a run took
    of the machine, server included, beside its wall-clock time."""
    with open("/proc/stat") as fh:
        ticks = [int(v) for v in fh.readline().split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # less idle, iowait


def publish_into(cluster: Cluster, name: str, gpkg: Path) -> tuple[str, float]:
    cluster.sql(f"CREATE DATABASE {name}")
    cluster.sql("CREATE EXTENSION postgis", db=name)
    db = cluster.address(name)
    t0 = time.perf_counter()
    publish.init(db, gpkg)
    return db, time.perf_counter() - t0


def capture_cost(cluster: Cluster, template: str, rows: int = 30_000) -> str:
    """A bulk UPDATE in the database and its commit (where capture numbers the log rows it
    wrote), captured and with the capture trigger disabled (best of three each)."""
    cluster.sql(f"CREATE DATABASE capture_cost TEMPLATE {template}")
    pg = address.connect(cluster.address("capture_cost"))
    upd = f"UPDATE {LAYER} SET species = species || 'x' WHERE fid <= {rows}"

    def best(pre: str = "") -> float:
        out = 1e9
        for _ in range(3):
            with pg.cursor() as cur:
                if pre:
                    cur.execute(pre)
                t0 = time.perf_counter()
                cur.execute(upd)
            pg.commit()
            out = min(out, time.perf_counter() - t0)
        return out
    try:
        captured = best()
        plain = best(f"ALTER TABLE {LAYER} DISABLE TRIGGER toksun_capture")  # (for good)
    finally:
        pg.close()
        cluster.sql("DROP DATABASE capture_cost")
    return (f"capture in PostgreSQL: an UPDATE of {rows:,} rows, committed, {captured:.2f} s "
            f"captured vs {plain:.2f} s with the trigger disabled: {captured / plain:.1f}x")


def append_cost(cluster: Cluster, template: str, rows: int = 30_000) -> str:
    """A bulk append (INSERT ... SELECT of the layer's rows with fresh uuids, as QGIS pastes
    or ogr2ogr -append write) and its commit, captured vs into a plain copy of the layer."""
    cluster.sql(f"CREATE DATABASE append_cost TEMPLATE {template}")
    pg = address.connect(cluster.address("append_cost"))
    try:
        with pg.cursor() as cur:
            cur.execute("SELECT string_agg(quote_ident(attname), ', ') FROM pg_attribute WHERE "
                        f"attrelid = '{LAYER}'::regclass AND attnum > 0 AND NOT attisdropped "
                        "AND attname NOT IN ('fid', 'uuid')")
            cols = cur.fetchone()[0]
            cur.execute(f"CREATE TABLE public.plain (LIKE {LAYER} INCLUDING ALL)")
        pg.commit()
        took = {}
        for into in ("public.plain", LAYER):
            with pg.cursor() as cur:
                t0 = time.perf_counter()
                cur.execute(f"INSERT INTO {into} (uuid, {cols}) SELECT gen_random_uuid()::text, "
                            f"{cols} FROM {LAYER} ORDER BY fid LIMIT {rows}")
            pg.commit()
            took[into] = time.perf_counter() - t0
    finally:
        pg.close()
        cluster.sql("DROP DATABASE append_cost")
    ours, plain = took[LAYER], took["public.plain"]
    return (f"bulk append in PostgreSQL: INSERT ... SELECT of {rows:,} rows, committed, "
            f"{ours:.2f} s captured vs {plain:.2f} s plain: {ours / plain:.1f}x")


def scenario(cluster: Cluster, n: int, devices: int, tmp: Path, scale: int, scale_max: int,
             concurrent: int, repeat: int = 1) -> None:
    print(f"\n== N = {n:,} features of a GDAL-written layer in PostGIS, {devices} devices; "
          f"export + merge and the floor each the fastest of {repeat} run(s) ==")
    t0 = time.perf_counter()
    master = make_master(tmp / "master.gpkg", n)
    edits = device_edits(n, devices)
    pkgs = []
    for d, e in enumerate(edits):  # checked out from the GeoPackage before it is published
        p = tmp / f"dev{d}.gpkg"
        package_checkout.checkout(master, p, f"dev{d}", role="gis")
        apply_edits(p, e, d)
        pkgs.append(p)
    restore = kept_aside(pkgs)
    extra = []
    for d in range(concurrent):
        p = tmp / f"solo{d}.gpkg"
        package_checkout.checkout(master, p, f"solo{d}", role="gis")
        apply_edits(p, device_edits(n, concurrent, seed=11 + d)[d], 100 + d)
        extra.append(p)
    base, t_pub = publish_into(cluster, f"n{n}", master)
    cluster.sql(f"CREATE DATABASE n{n}_base TEMPLATE n{n}")
    cluster.sql(f"CREATE DATABASE n{n}_solo TEMPLATE n{n}")
    print(f"setup {time.perf_counter() - t0:.1f} s, of which publishing {n:,} features into "
          f"PostGIS {t_pub:.1f} s")

    def once() -> dict:
        cluster.sql(f"DROP DATABASE n{n}")  # the master and packages as they were
        cluster.sql(f"CREATE DATABASE n{n} TEMPLATE n{n}_base")
        restore()
        return result(child(base, pkgs, tmp))
    runs, floors = [], []
    for _ in range(repeat):  # in turn: the machine slowing down meanwhile weighs on both
        runs.append(once())
        floors.append(floor_run(cluster, f"n{n}_base", base))
    ours, floor = fastest(runs), min(floors)
    total = ours["export"] + ours["merge"]
    print(f"ours: export {ours['export']:.2f} s + merge {ours['merge']:.2f} s = {total:.2f} s; "
          f"outcomes {ours['totals']}; peak memory {ours['maxrss_mb']:.0f} MB (target < 500)")
    print(f"floor (plain SQL: COPY, then set-based UPDATE/DELETE/INSERT and the same log and "
          f"fate rows, one transaction): {floor:.2f} s; ours/floor = {total / floor:.1f}x "
          "(target <= 3x)")
    print(capture_cost(cluster, f"n{n}_base", min(n, 30_000)))
    print(append_cost(cluster, f"n{n}_base", min(n, 30_000)))
    if concurrent > 1:
        solo_db = cluster.address(f"n{n}_solo")
        zips = []
        for p in extra:
            z = tmp / f"{p.name}.zip"
            package_export.export(p, z, everything=True)
            zips.append(z)
        t0, busy = time.perf_counter(), cpu_seconds()
        alone = result(child(solo_db, [zips[0]], tmp))["merge"]
        one, busy = time.perf_counter() - t0, cpu_seconds() - busy
        cluster.sql(f"DROP DATABASE n{n}_solo")
        cluster.sql(f"CREATE DATABASE n{n}_solo TEMPLATE n{n}_base")
        t0 = time.perf_counter()
        procs = [child(solo_db, [z], tmp) for z in zips]
        times = [result(p)["merge"] for p in procs]
        wall = time.perf_counter() - t0
        print(f"{concurrent} merges of {concurrent} devices at once, each its own process: all "
              f"done in {wall:.2f} s (merging {min(times):.2f}-{max(times):.2f} s each) vs one "
              f"alone {one:.2f} s (merging {alone:.2f} s): {wall / one:.2f}x (target <= 3x)")
        cores = os.cpu_count() or 1
        print(f"  one alone kept the CPUs busy {busy:.2f} s (its process and the server's): "
              f"{concurrent} at once need at least {concurrent * busy / cores:.2f} s of this "
              f"machine's {cores} cores, {concurrent * busy / cores / one:.2f}x one alone")
    if scale > 1 and n * scale <= scale_max:
        big_gpkg = make_big(master, tmp / "big.gpkg", n * scale)
        big, t_pub = publish_into(cluster, f"n{n}_big", big_gpkg)
        small = cluster.address(f"n{n}_base")
        dev_zips = sorted(tmp.glob("dev*.gpkg.zip"))
        t_small = result(child(small, dev_zips, tmp))["merge"]
        got = result(child(big, dev_zips, tmp))
        print(f"merge of the same packages: {t_small:.2f} s at {n:,} vs {got['merge']:.2f} s at "
              f"{n * scale:,} features: {got['merge'] / t_small:.2f}x (target <= 1.5x); peak "
              f"memory at {n * scale:,}: {got['maxrss_mb']:.0f} MB (publishing took "
              f"{t_pub:.0f} s)")
    for f in tmp.iterdir():
        f.unlink()


def main(argv=None) -> int:
    ap = arguments("python -m tests.bench_postgis", __doc__)
    ap.add_argument("--concurrent", type=int, default=8, help="merges at once (0 to skip)")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-postgis-", dir=a.tmp))
    # stopped by a signal, the cluster is still stopped and the scratch folder removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    cluster = Cluster()
    try:
        for n in (int(s) for s in a.sizes.split(",")):
            scenario(cluster, n, a.devices, tmp, a.scale, a.scale_max, a.concurrent, a.repeat)
    finally:
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
