# SPDX-License-Identifier: GPL-2.0-or-later
"""Eight merges and four GIS editors at once on one PostgreSQL master end exactly as the
same work done one after the other: nothing lost, nothing applied twice, the same conflicts."""

import json
import threading
import time

from field_kit.cli.commands import main
from field_kit.sync import package_export
from field_kit.sync.postgis import address
from field_kit.sync.postgis.commands import merge
from tests.postgis.cluster import query as fetch
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

DEVICES, EDITORS, PER_DEVICE = 8, 4, 10


def editor_work(uuids, j):
    """Editor j's statements, each its own transaction: its own rows, and the contested
    fields (a field a device also edits, and one every device edits)."""
    own = uuids[DEVICES * PER_DEVICE + j * 5: DEVICES * PER_DEVICE + (j + 1) * 5]
    work = [("UPDATE mine_patches SET area_m2 = %s WHERE uuid = %s", (1000.0 + j, u))
            for u in own]
    work.append(("UPDATE mine_patches SET phase = %s WHERE uuid = %s", (f"e{j}", uuids[j])))
    if j == 0:  # (two editors on one field: the later commit wins, as in any database)
        work.append(("UPDATE mine_patches SET mineral = %s WHERE uuid = %s", ("e0", uuids[-1])))
    return work


def run_editor(database, work, start=None, pause=0.0):
    pg = address.connect(database)
    try:
        if start is not None:
            start.wait()
        for n, (sql, args) in enumerate(work):
            if n == len(work) - 1:
                time.sleep(pause)
            with pg.cursor() as cur:
                cur.execute(sql, args)
            pg.commit()
    finally:
        pg.close()


def device_packages(database, tmp_path, uuids, devices, per_device, more=None):
    """Device i's package, exported: its own ``per_device`` rows' phase and the last row's
    mineral (every device edits it) changed, and what ``more(i, pkg)`` changes."""
    zips = []
    for i in range(devices):
        pkg = tmp_path / f"d{i}.gpkg"
        assert main(["checkout", database, str(pkg), "--device", f"d{i}", "--role", "gis"]) == 0
        for u in uuids[i * per_device:(i + 1) * per_device]:
            edit(pkg, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", f"d{i}", u)
        edit(pkg, "UPDATE mine_patches SET mineral = ? WHERE uuid = ?", f"d{i}", uuids[-1])
        if more is not None:
            more(i, pkg)
        out = tmp_path / f"d{i}.zip"
        package_export.export(pkg, out)
        zips.append(str(out))
    return zips


def merging(database, zips, start, reports, failures):
    """A thread for each package, merging it once ``start`` (a barrier) lets it: its report
    in ``reports``, what went wrong in ``failures``."""
    def merge_one(i):
        try:
            start.wait()
            reports[i] = merge(database, [zips[i]])
        except Exception as exc:  # noqa: BLE001 - reported by the test
            failures.append(f"merge {i}: {exc!r}")
    return [threading.Thread(target=merge_one, args=(i,)) for i in range(len(zips))]


def state(database):
    table = fetch(database, "SELECT uuid, phase, area_m2, mineral FROM mine_patches ORDER BY uuid")
    fates = fetch(database, "SELECT device, change_uuid, status FROM sync_applied "
                  "ORDER BY 1, 2")
    conflicts = fetch(database, "SELECT row_uuid, field FROM sync_conflicts ORDER BY 1, 2")
    return table, fates, conflicts


def test_eight_merges_and_four_editors_at_once_match_a_serial_run(cluster, tmp_path):
    cluster.sql("CREATE DATABASE conc")
    cluster.sql("CREATE EXTENSION postgis", db="conc")
    database = cluster.address("conc")
    src = make_gpkg(tmp_path / "src.gpkg", patches=DEVICES * PER_DEVICE + EDITORS * 5 + 2)
    assert main(["init", database, "--from", src]) == 0
    uuids = patch_uuids(src, limit=10_000)

    def racing(i, pkg):  # one device deletes a row the others edit: merges bring it back
        if i == 0:
            edit(pkg, "DELETE FROM mine_patches WHERE uuid = ?", uuids[-2])
        else:
            edit(pkg, "UPDATE mine_patches SET area_m2 = ? WHERE uuid = ?", float(i), uuids[-2])
    zips = device_packages(database, tmp_path, uuids, DEVICES, PER_DEVICE, racing)
    cluster.sql("CREATE DATABASE serial TEMPLATE conc")
    serial = cluster.address("serial")

    for z in zips:
        assert not merge(serial, [z]).refused
    for j in range(EDITORS):
        run_editor(serial, editor_work(uuids, j))

    start = threading.Barrier(DEVICES + EDITORS)
    reports: dict = {}
    failures: list = []

    def edit_one(j):
        try:
            # half the editors come late, most likely while the merges hold their rows
            run_editor(database, editor_work(uuids, j), start, pause=1.0 * (j % 2))
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(f"editor {j}: {exc!r}")

    threads = merging(database, zips, start, reports, failures)
    threads += [threading.Thread(target=edit_one, args=(j,)) for j in range(EDITORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not failures
    # every change of every package has its one fate, none refused
    for i, rep in reports.items():
        assert not rep.refused
        assert sum(rep.totals.values()) == PER_DEVICE + 2, i
    table, fates, conflicts = state(database)
    assert len(fates) == DEVICES * (PER_DEVICE + 2)
    # the editors' own rows hold their values: no edit lost to a merge
    for j in range(EDITORS):
        for _, area in fetch(database, "SELECT uuid, area_m2 FROM mine_patches WHERE uuid = "
                             "ANY(%s)", uuids[DEVICES * PER_DEVICE + j * 5:][:5]):
            assert area == 1000.0 + j
    # the one field every device changed is a conflict, as in the serial run
    assert (uuids[-1], "mineral") in set(conflicts)
    s_table, s_fates, s_conflicts = state(serial)
    assert table == s_table
    assert [(d, c) for d, c, _ in fates] == [(d, c) for d, c, _ in s_fates]
    assert (uuids[-1], "mineral") in set(s_conflicts)
    # a field an editor and a device both changed is never overwritten silently: where the
    # editor committed first the merge recorded a conflict; where it came after, the editor's
    # logged edit started from the merged value
    for j in range(EDITORS):
        if (uuids[j], "phase") in set(conflicts):
            continue
        (old,) = [json.loads(o) for o, in fetch(
            database, "SELECT old FROM sync_changes WHERE row_uuid = %s AND origin = 'local'",
            uuids[j])]
        assert old == {"phase": "d0"}
    # each editor's statement is logged once, in both runs
    statements = sum(len(editor_work(uuids, j)) for j in range(EDITORS))
    for db in (database, serial):
        assert fetch(db, "SELECT count(*) FROM sync_changes WHERE origin = 'local'") == \
            [(statements,)]


def test_two_merges_bringing_back_one_deleted_row_at_once_both_land(cluster, tmp_path,
                                                                   monkeypatch):
    """A row lock cannot hold a row that is not there: two merges that both bring back a
    deleted row meet at the insert; the later is tried again and meets the row three-way."""
    from field_kit.sync.postgis.stage import Stage

    cluster.sql("CREATE DATABASE back")
    cluster.sql("CREATE EXTENSION postgis", db="back")
    database = cluster.address("back")
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    row = patch_uuids(src)[0]
    zips = {}
    for device in ("gone", "b", "c"):
        pkg = tmp_path / f"{device}.gpkg"
        assert main(["checkout", database, str(pkg), "--device", device, "--role", "gis"]) == 0
        zips[device] = str(tmp_path / f"{device}.zip")
    edit(tmp_path / "gone.gpkg", "DELETE FROM mine_patches WHERE uuid = ?", row)
    edit(tmp_path / "b.gpkg", "UPDATE mine_patches SET phase = 'b' WHERE uuid = ?", row)
    edit(tmp_path / "c.gpkg", "UPDATE mine_patches SET mineral = 'c' WHERE uuid = ?", row)
    for device, z in zips.items():
        package_export.export(tmp_path / f"{device}.gpkg", z)
    assert not merge(database, [zips["gone"]]).refused
    assert fetch(database, "SELECT count(*) FROM mine_patches WHERE uuid = %s", row) == [(0,)]

    c_done, b_staged = threading.Event(), threading.Event()
    staged_once = Stage.align_geometry

    def hold_b(self):  # b has staged (the row is not there) and waits until c has landed
        staged_once(self)
        if threading.current_thread().name == "b" and not b_staged.is_set():
            b_staged.set()
            assert c_done.wait(60)

    monkeypatch.setattr(Stage, "align_geometry", hold_b)
    got = {}
    b = threading.Thread(target=lambda: got.update(b=merge(database, [zips["b"]])), name="b")
    b.start()
    assert b_staged.wait(60)
    got["c"] = merge(database, [zips["c"]])
    c_done.set()
    b.join(120)
    assert not got["b"].refused and not got["c"].refused
    assert fetch(database, "SELECT phase, mineral FROM mine_patches WHERE uuid = %s", row) == \
        [("b", "c")]
    assert fetch(database, "SELECT device FROM sync_applied ORDER BY device") == \
        [("b",), ("c",), ("gone",)]


def test_a_pull_misses_no_edit_committed_after_a_later_one(cluster, tmp_path):
    """Log numbers become visible in order: an edit made first but committed last is
    numbered last, and reaches a field package that was checked out in between."""
    from field_kit.db import connect
    from field_kit.sync import masters

    cluster.sql("CREATE DATABASE late")
    cluster.sql("CREATE EXTENSION postgis", db="late")
    database = cluster.address("late")
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    first, second = patch_uuids(src)[:2]
    slow = address.connect(database)  # an editor whose save takes a while
    with slow.cursor() as cur:
        cur.execute("UPDATE mine_patches SET phase = 'slow' WHERE uuid = %s", (first,))
    quick = threading.Thread(target=lambda: fetch(
        database, "UPDATE mine_patches SET phase = 'quick' WHERE uuid = %s", second),
        daemon=True)
    quick.start()
    quick.join(30)  # it commits without waiting for the slow one
    assert not quick.is_alive()
    pkg = tmp_path / "tab.gpkg"
    masters.checkout(database, pkg, "tab")
    slow.commit()
    slow.close()
    masters.pull(pkg, database)
    conn = connect(pkg, readonly=True)
    got = dict(conn.execute("SELECT uuid, phase FROM mine_patches WHERE uuid IN (?, ?)",
                            (first, second)).fetchall())
    conn.close()
    assert got == {first: "slow", second: "quick"}


def test_two_merges_adding_one_layer_at_once_fill_it_both(database, tmp_path, monkeypatch):
    """Two GIS packages that add the same layer, merged at once: the one that makes it
    first commits; the other, waiting on the template meanwhile, is run again and fills the
    layer made, as if it had come after."""
    from field_kit.sync.postgis import layers
    src = make_gpkg(tmp_path / "src.gpkg", patches=4)
    assert main(["init", database, "--from", src]) == 0
    zips = []
    for i in range(2):
        pkg = tmp_path / f"g{i}.gpkg"
        assert main(["checkout", database, str(pkg), "--device", f"g{i}", "--role", "gis"]) == 0
        edit(pkg, "CREATE TABLE wells (fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)")
        edit(pkg, "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
             "('wells', 'attributes', 'wells')")
        edit(pkg, "INSERT INTO wells (name) VALUES (?)", f"w{i}")
        package_export.export(pkg, tmp_path / f"g{i}.zip")
        zips.append(str(tmp_path / f"g{i}.zip"))
    make, calls = layers.make, []

    def make_then_wait(pg, conn, names):
        calls.append(names)
        make(pg, conn, names)
        if len(calls) == 1:  # the first: hold the template until the other waits on it
            for _ in range(300):
                if fetch(database, "SELECT count(*) FROM pg_locks WHERE NOT granted")[0][0]:
                    break
                time.sleep(0.1)
            else:
                raise AssertionError("the other merge never waited on the template")
    monkeypatch.setattr(layers, "make", make_then_wait)
    reports, failures = {}, []
    threads = merging(database, zips, threading.Barrier(2), reports, failures)
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failures, failures
    assert len(calls) == 2  # the second made it too, found it made, and ran again
    assert sorted(r.results[0].layers for r in reports.values()) == [[], ["wells"]]
    assert fetch(database, "SELECT name FROM wells ORDER BY name") == [("w0",), ("w1",)]
    assert fetch(database, "SELECT count(*) FROM sync_changes WHERE tbl = 'wells'") == [(2,)]
