# SPDX-License-Identifier: GPL-2.0-or-later
"""Speed and memory of the sync core against pygeodiff and a plain-SQLite floor.

    python -m tests.bench_sync [--sizes 100000,1000000] [--devices 10] [--no-geodiff]

Scenario: a layer as GDAL writes it (``forest_stands``: fid, geom and columns of its own,
no uuid until ``init`` adds one) with N features; 10 field packages each update 1% of
the rows (chosen at random, so some rows are touched by several devices), insert 0.1% and
delete 0.05%; export all ten and merge them into the master. The same edits go through
pygeodiff (create_changeset per device, then create_rebased_changeset_ex + apply_changeset
into the master) and through the floor (plain sqlite3 applying the final row changes in one
transaction; for reference also writing whole rows, and writing the merge's own log and
fate rows too). Also: change-capture overhead on a bulk UPDATE of 100k rows, settling a
package's 1,000 and 4,000 conflicts in one command, merge time at N
vs 10N with the same packages, peak memory (VmHWM) of the export+merge child, and the
same run again with a column added to every package half-way through its edits.
Each figure is taken with the writes before it flushed (``os.sync``), so none pays for
writing back another's pages. Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from field_kit.db import connect
from field_kit.sync import changelog, log_reads, package_checkout, package_export
from tests.unit.gpkg_factory import make_gdal_layer

ROOT = Path(__file__).resolve().parent.parent
LAYER = "forest_stands"


def device_edits(n: int, devices: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for _ in range(devices):
        upd = rng.sample(range(1, n + 1), max(1, n // 100))
        rest = list(set(range(1, n + 1)) - set(upd)) if n <= 200_000 else None
        pool = rest if rest is not None else range(1, n + 1)
        dele = [f for f in rng.sample(pool, max(1, n // 2000)) if f not in set(upd)]
        out.append({"update": upd, "delete": dele, "insert": max(1, n // 1000)})
    return out


def apply_edits(path, fids: dict, d: int, *, add_column: bool = False) -> None:
    """A device's edits, by a client that knows nothing of uuids; with ``add_column``, a
    column is added half-way (as QGIS's "Add Field" does): the same edits and a schema
    change, which the packages carry to the master."""
    conn = connect(path)
    conn.execute("BEGIN")
    upd = fids["update"]
    half = len(upd) // 2 if add_column else len(upd)
    sql = f"UPDATE {LAYER} SET status = ?, area_ha = area_ha + ? WHERE fid = ?"
    conn.executemany(sql, [(f"dev{d}", d + 1, f) for f in upd[:half]])
    if add_column:
        conn.execute(f"ALTER TABLE {LAYER} ADD COLUMN remarks TEXT")
        conn.executemany(sql, [(f"dev{d}", d + 1, f) for f in upd[half:]])
    conn.executemany(f"DELETE FROM {LAYER} WHERE fid = ?", [(f,) for f in fids["delete"]])
    conn.executemany(f"INSERT INTO {LAYER} (stand_id, species, status) VALUES "
                     "(?, 'elm', 'new')", [(f"D{d}-{i}",) for i in range(fids["insert"])])
    conn.execute("COMMIT")
    conn.close()


def make_master(path: Path, n: int) -> Path:
    make_gdal_layer(path, n, LAYER)
    changelog.install(path)
    return path


def make_plain(master: Path, path: Path) -> Path:
    """The master without the sync core's tables and triggers (its uuids kept): what the
    floor and pygeodiff start from."""
    shutil.copy(master, path)
    c = sqlite3.connect(path)
    for kind, name in c.execute("SELECT type, name FROM sqlite_master WHERE (type = 'trigger' "
                                "AND name LIKE 'sync_%') OR (type = 'table' AND (name LIKE "
                                "'sync_%' OR name = 'attachments'))").fetchall():
        c.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')  # (a table's go with it)
    c.commit()
    c.execute("VACUUM")
    c.close()
    return path


CHILD = """
import json, os, sys, time
from field_kit.sync import merge, package_checkout, package_export
master, pkgs, outdir = sys.argv[1], sys.argv[2].split(','), sys.argv[3]
os.sync()
t0 = time.perf_counter(); zips = []
for i, p in enumerate(pkgs):
    z = f'{outdir}/d{i}.zip'; package_export.export(p, z, everything=True); zips.append(z)
t1 = time.perf_counter()
rep = merge.merge(master, zips)
t2 = time.perf_counter()
assert not rep.refused, rep.refused
hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
print(json.dumps({'export': t1 - t0, 'merge': t2 - t1, 'totals': rep.totals,
                  'refused': rep.refused, 'maxrss_mb': hwm / 1024}))
"""


def run_child(master, pkgs, outdir) -> dict:
    """Export and merge in a process of their own; its peak memory is its own high-water
    mark (VmHWM), which, unlike ru_maxrss, does not carry over the forking parent's."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(master), ",".join(map(str, pkgs)),
                          str(outdir)], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def merge_only(master, zips) -> float:
    code = ("import os,sys,time; from field_kit.sync import merge; os.sync(); "
            "t=time.perf_counter(); "
            "r=merge.merge(sys.argv[1], sys.argv[2:]); assert not r.refused, r.refused; "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code, str(master), *map(str, zips)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def geodiff_run(base_plain, dev_plain, tmp) -> float | None:
    try:
        import pygeodiff
    except ImportError:
        return None
    g = pygeodiff.GeoDiff()
    master = tmp / "geodiff_master.gpkg"
    shutil.copy(base_plain, master)
    os.sync()
    t0 = time.perf_counter()
    sets = []
    for i, dev in enumerate(dev_plain):
        cs = tmp / f"g{i}.diff"
        g.create_changeset(str(base_plain), str(dev), str(cs))
        sets.append(cs)
    for i, cs in enumerate(sets):
        their = tmp / f"their{i}.diff"
        g.create_changeset(str(base_plain), str(master), str(their))
        rebased = tmp / f"rebased{i}.diff"
        if g.has_changes(str(their)):
            g.create_rebased_changeset_ex("sqlite", "", str(base_plain), str(cs), str(their),
                                          str(rebased), str(tmp / f"conflict{i}.json"))
        else:
            rebased = cs
        if rebased.exists():
            g.apply_changeset(str(master), str(rebased))
    return time.perf_counter() - t0


def floor_run(base_plain, merged, tmp, *, whole_rows: bool = False, audit: bool = False) -> float:
    """Plain sqlite3 applying the merged result's row changes to the base in one transaction:
    each changed row gets only its changed columns (or, ``whole_rows``, every column),
    looked up by uuid; with ``audit``, the same transaction also writes the merge's own log
    and fate rows (one of each per change, as the merged master holds them). Checks that the
    result is the merged layer (a floor that skipped work would flatter every ratio)."""
    target = tmp / "floor.gpkg"
    shutil.copy(base_plain, target)
    with sqlite3.connect(target) as c:  # the floor looks rows up by uuid (indexed) too
        if audit:  # the sync tables, empty
            c.executescript(changelog.DDL)
    m = sqlite3.connect(merged)
    cols = [r[1] for r in m.execute(f"PRAGMA table_info({LAYER})") if r[1] != "fid"]
    m.execute(f"ATTACH '{target}' AS b")
    pairs = ", ".join(f"m.{c}, o.{c}" for c in cols)
    updates: dict[tuple, list] = {}  # changed columns -> [(values..., uuid)]
    for r in m.execute(f"SELECT m.uuid, {pairs} FROM main.{LAYER} m JOIN b.{LAYER} o "
                       f"USING (uuid) WHERE {' OR '.join(f'm.{c} IS NOT o.{c}' for c in cols)}"):
        diff = [(c, r[1 + 2 * i]) for i, c in enumerate(cols)
                if whole_rows and c != "uuid" or r[1 + 2 * i] != r[2 + 2 * i]]
        updates.setdefault(tuple(c for c, _ in diff), []).append(
            tuple(v for _, v in diff) + (r[0],))
    sel = ", ".join(f"m.{c}" for c in cols)
    inserted = m.execute(f"SELECT {sel} FROM main.{LAYER} m WHERE uuid NOT IN "
                         f"(SELECT uuid FROM b.{LAYER})").fetchall()
    deleted = m.execute(f"SELECT uuid FROM b.{LAYER} WHERE uuid NOT IN "
                        f"(SELECT uuid FROM main.{LAYER})").fetchall()
    log, fates = [], []
    if audit:  # in changelog.record's column order
        log = m.execute(f"SELECT {', '.join(log_reads.CHANGE_COLUMNS[1:])} FROM sync_changes "
                        "ORDER BY row_uuid").fetchall()
        fates = m.execute("SELECT change_uuid, merge_id, status, device FROM sync_applied"
                          ).fetchall()
    m.close()
    conn = connect(target)
    os.sync()
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for changed, rows in updates.items():
        sets = ", ".join(f"{c} = ?" for c in changed)
        conn.executemany(f"UPDATE {LAYER} SET {sets} WHERE uuid = ?", rows)
    conn.executemany(f"INSERT INTO {LAYER} ({', '.join(cols)}) VALUES "
                     f"({', '.join('?' * len(cols))})", inserted)
    conn.executemany(f"DELETE FROM {LAYER} WHERE uuid = ?", deleted)
    if audit:
        changelog.record(conn, log)
        conn.executemany("INSERT INTO sync_applied (change_uuid, merge_id, status, device) "
                         "VALUES (?, ?, ?, ?)", fates)
    conn.execute("COMMIT")
    dt = time.perf_counter() - t0
    conn.execute(f"ATTACH '{merged}' AS m")
    left = conn.execute(f"SELECT count(*) FROM (SELECT {', '.join(cols)} FROM {LAYER} EXCEPT "
                        f"SELECT {', '.join(cols)} FROM m.{LAYER})").fetchone()[0]
    left += abs(conn.execute(f"SELECT (SELECT count(*) FROM {LAYER}) - "
                             f"(SELECT count(*) FROM m.{LAYER})").fetchone()[0])
    conn.close()
    if left or not updates:
        raise AssertionError(f"the floor's layer differs from the merged one ({left} rows)")
    return dt


def _best_update(path) -> float:
    conn = connect(path)
    os.sync()
    best = 1e9
    for _ in range(3):
        conn.execute("BEGIN")
        t0 = time.perf_counter()
        conn.execute(f"UPDATE {LAYER} SET status = 'x', area_ha = area_ha + 1")
        best = min(best, time.perf_counter() - t0)
        conn.execute("ROLLBACK")
    conn.close()
    return best


def capture_overhead(tmp) -> dict:
    """Bulk UPDATE of 100k rows: plain, with capture, and with reference triggers that show
    what any row trigger costs (an empty one; one inserting a bare row into sync_capture)."""
    tracked = make_master(tmp / "cap_tracked.gpkg", 100_000)
    plain = make_plain(tracked, tmp / "cap_plain.gpkg")
    out = {"plain": _best_update(plain), "capture": _best_update(tracked)}
    conn = connect(tracked)
    conn.execute(f"UPDATE {LAYER} SET status = 'x', area_ha = area_ha + 1")
    t0 = time.perf_counter()
    changelog.seal(conn)
    out["seal"] = time.perf_counter() - t0
    conn.close()
    refs = {"empty row trigger (SELECT 1)": "SELECT 1",
            "row trigger inserting a constant capture row": (
                "INSERT INTO sync_capture (tbl, op, row_uuid, at) "
                f"VALUES ('{LAYER}', 'update', NEW.uuid, 0)")}
    for name, body in refs.items():
        c = sqlite3.connect(tracked)
        c.execute(f'DROP TRIGGER IF EXISTS "sync_{LAYER}_update"')
        c.execute('DROP TRIGGER IF EXISTS "bench_ref"')
        c.execute(f'CREATE TRIGGER "bench_ref" AFTER UPDATE ON {LAYER} BEGIN {body}; END')
        c.commit()
        c.close()
        out[name] = _best_update(tracked)
    return out


def settle_cost(tmp: Path, sizes=(1000, 4000)) -> list[tuple[int, float]]:
    """Settling a whole package's conflicts (``resolve --all PACKAGE --take theirs``): two
    devices give the same n rows a value each, both merged, then the second one's n
    conflicts settled in one command. (n, seconds) each."""
    from field_kit.sync import merge

    out = []
    for n in sizes:
        master = make_master(tmp / f"settle{n}.gpkg", 2 * n)
        zips = []
        for d in range(2):
            pkg = tmp / f"settle{n}_dev{d}.gpkg"
            package_checkout.checkout(master, pkg, f"dev{d}", role="gis")
            conn = connect(pkg)
            conn.execute("BEGIN")
            conn.executemany(f"UPDATE {LAYER} SET status = ? WHERE fid = ?",
                             [(f"dev{d}", f) for f in range(1, n + 1)])
            conn.execute("COMMIT")
            conn.close()
            zips.append(tmp / f"settle{n}_dev{d}.zip")
            package_export.export(pkg, zips[-1], everything=True)
        assert merge.merge(master, zips).totals["conflict"] == n
        os.sync()
        t0 = time.perf_counter()
        assert len(merge.resolve(master, all_of=str(zips[1]), take="theirs")) == n
        out.append((n, time.perf_counter() - t0))
    return out


def _copied(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst


def make_big(master: Path, path: Path, n: int) -> Path:
    """A master of ``n`` features whose first rows are the master's (same uuids), with the
    master's project and device register: the same packages merge into it."""
    make_gdal_layer(path, n, LAYER)
    c = connect(path)  # GeoPackage's functions, for the R-tree's triggers
    c.execute(f"ATTACH '{master}' AS m")
    c.execute("BEGIN")
    c.execute(f"ALTER TABLE {LAYER} ADD COLUMN uuid TEXT")
    c.execute(f"UPDATE {LAYER} SET uuid = (SELECT uuid FROM m.{LAYER} s WHERE s.fid = "
              f"{LAYER}.fid)")
    c.execute("COMMIT")
    c.execute("DETACH m")
    c.close()
    changelog.install(path)
    c = sqlite3.connect(path)
    c.execute(f"ATTACH '{master}' AS m")
    c.execute("UPDATE sync_state SET project_uuid = (SELECT project_uuid FROM m.sync_state)")
    c.execute("INSERT INTO sync_devices SELECT * FROM m.sync_devices")
    c.commit()
    c.close()
    return path


def prepared(master: Path, edits: list, folder: Path, add_column: bool, device: str = "dev"):
    """The devices' packages checked out and edited in ``folder``, kept aside as they are
    (exporting seals a package's edits); (the master merged into, a run of export and merge
    from those packages into a fresh copy of ``master``). ``device``: the devices' names
    begin so (a device's later checkout replaces its earlier one)."""
    folder.mkdir(exist_ok=True)
    pkgs = []
    for d, e in enumerate(edits):
        p = folder / f"dev{d}.gpkg"
        package_checkout.checkout(master, p, f"{device}{d}", role="gis")
        apply_edits(p, e, d, add_column=add_column)
        pkgs.append(p)
    restore = kept_aside(pkgs)
    merged = folder / "merged.gpkg"

    def once() -> dict:
        restore()
        shutil.copy(master, merged)
        return run_child(merged, pkgs, folder)
    return merged, once


def kept_aside(pkgs: list[Path]):
    """A copy of each edited package beside it, and what puts them back before a run
    (exporting seals a package's edits)."""
    for p in pkgs:
        shutil.copy(p, p.with_suffix(".edited"))

    def restore() -> None:
        for p in pkgs:
            shutil.copy(p.with_suffix(".edited"), p)
    return restore


def emptied(folder: Path) -> None:
    for f in folder.iterdir():
        shutil.rmtree(f) if f.is_dir() else f.unlink()


def fastest(runs: list[dict]) -> dict:
    """The run of export and merge that took least, with the highest peak memory of all."""
    best = min(runs, key=lambda r: r["export"] + r["merge"])
    return {**best, "maxrss_mb": max(r["maxrss_mb"] for r in runs)}


def scenario(n: int, devices: int, tmp: Path, geodiff: bool, scale: int,
             scale_max: int, repeat: int = 1) -> None:
    print(f"\n== N = {n:,} features of a GDAL-written layer, {devices} devices; each "
          f"figure the fastest of {repeat} run(s) ==")
    t0 = time.perf_counter()
    master = make_master(tmp / "master.gpkg", n)
    base_plain = make_plain(master, tmp / "base_plain.gpkg")
    edits = device_edits(n, devices)
    plain = []
    if geodiff:
        for d in range(devices):
            q = tmp / f"plain{d}.gpkg"
            shutil.copy(base_plain, q)
            apply_edits(q, edits[d], d)
            plain.append(q)
    print(f"setup {time.perf_counter() - t0:.1f} s")
    _, with_column = prepared(master, edits, tmp / "with_column", add_column=True,
                              device="col")
    merged, ours_once = prepared(master, edits, tmp / "ours", add_column=False)
    # each contender's runs taken in turn, so that the machine slowing down or speeding up
    # meanwhile weighs on each alike
    runs: dict[str, list] = {k: [] for k in ("col", "ours", "floor", "audit", "whole", "g")}
    for _ in range(repeat):
        runs["col"].append(with_column())
        runs["ours"].append(ours_once())
        runs["floor"].append(floor_run(base_plain, merged, tmp))
        runs["audit"].append(floor_run(base_plain, merged, tmp, audit=True))
        runs["whole"].append(floor_run(base_plain, merged, tmp, whole_rows=True))
        if geodiff:
            runs["g"].append(geodiff_run(base_plain, plain, tmp))
    ours, with_col = fastest(runs["ours"]), fastest(runs["col"])
    total = ours["export"] + ours["merge"]
    print(f"ours: export {ours['export']:.2f} s + merge {ours['merge']:.2f} s = {total:.2f} s; "
          f"outcomes {ours['totals']}; peak memory {ours['maxrss_mb']:.0f} MB")
    col_total = with_col["export"] + with_col["merge"]
    print(f"ours with a column added half-way through every device's edits: "
          f"{col_total:.2f} s ({(col_total / total - 1) * 100:+.0f}%); outcomes "
          f"{with_col['totals']}; peak memory {with_col['maxrss_mb']:.0f} MB")
    floor, audit, whole = (min(runs[k]) for k in ("floor", "audit", "whole"))
    print(f"floor (plain sqlite3, final row changes, one transaction): {floor:.2f} s; "
          f"ours/floor = {total / floor:.1f}x")
    print(f"floor writing also the one log row and one fate row per change that history and "
          f"undo need: {audit:.2f} s; ours/that = {total / audit:.1f}x (target <= 2.5x)")
    print(f"  for reference, the floor writing every column of each changed row: {whole:.2f} s;"
          f" ours/that = {total / whole:.1f}x")
    if geodiff:
        if None in runs["g"]:
            print("pygeodiff not installed: skipped")
        else:
            g = min(runs["g"])
            print(f"pygeodiff: {g:.2f} s; ours/geodiff = {total / g:.2f}x (target <= 0.2x)")
    if scale > 1 and n * scale <= scale_max:
        big = make_big(master, tmp / "big.gpkg", n * scale)
        small = tmp / "small.gpkg"
        zips = sorted((tmp / "ours").glob("d*.zip"))
        smalls, bigs = [], []
        for _ in range(repeat):
            smalls.append(merge_only(_copied(master, small), zips))
            bigs.append(merge_only(_copied(big, tmp / "big_run.gpkg"), zips))
        t_small, t_big = min(smalls), min(bigs)
        print(f"merge of the same packages: {t_small:.2f} s at {n:,} vs {t_big:.2f} s at "
              f"{n * scale:,} features: {t_big / t_small:.2f}x (target <= 1.5x)")
    emptied(tmp)


def arguments(prog: str, doc: str | None) -> argparse.ArgumentParser:
    """The options the sync benchmarks share."""
    ap = argparse.ArgumentParser(prog=prog, description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000")
    ap.add_argument("--devices", type=int, default=10)
    ap.add_argument("--scale", type=int, default=10, help="N vs scale*N merge (1 to skip)")
    ap.add_argument("--scale-max", type=int, default=1_000_000,
                    help="largest scale*N layer to build (10000000 for 1M vs 10M)")
    ap.add_argument("--tmp", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each contender, the fastest printed")
    return ap


def main(argv=None) -> int:
    ap = arguments("python -m tests.bench_sync", __doc__)
    ap.add_argument("--no-geodiff", action="store_true")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-", dir=a.tmp))
    try:
        cap = capture_overhead(tmp)
        plain = cap.pop("plain")
        print(f"change capture: bulk UPDATE of 100k rows {plain:.3f} s plain, "
              f"{cap['capture']:.3f} s with capture: {cap.pop('capture') / plain:.2f}x")
        print(f"  sealing those 100k edits into the change log later (at export or merge): "
              f"{cap.pop('seal'):.3f} s")
        for name, t in cap.items():
            print(f"  for reference, {name}: {t:.3f} s: {t / plain:.2f}x")
        for f in tmp.iterdir():
            f.unlink()
        settled = settle_cost(tmp)
        print("settling a package's conflicts in one command (resolve --all --take theirs): "
              + ", ".join(f"{n:,} in {t:.2f} s" for n, t in settled)
              + f": {settled[-1][1] / settled[0][1]:.1f}x for "
              f"{settled[-1][0] // settled[0][0]}x the conflicts")
        for f in tmp.iterdir():
            f.unlink()
        for n in (int(s) for s in a.sizes.split(",")):
            scenario(n, a.devices, tmp, not a.no_geodiff, a.scale, a.scale_max, a.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
