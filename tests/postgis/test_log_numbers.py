# SPDX-License-Identifier: GPL-2.0-or-later
"""The change log of a PostgreSQL master numbers its rows when their transaction commits:
editors who cross each other's rows wait for each other as they would without capture
(never a deadlock through the log), an edit left uncommitted holds nobody up, and a reader
that has seen number N has seen every number below it."""

import json
import threading
import time

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.errors import CaptureBroken
from field_kit.sync import masters
from field_kit.sync.postgis import address
from field_kit.sync.postgis.commands import merge
from qgis_plugin.core_messages import in_user_language
from tests.postgis.cluster import query as fetch
from tests.postgis.test_postgis_concurrency import device_packages, merging, state
from tests.unit.cli_run import log_json
from tests.unit.gpkg_factory import make_gpkg, patch_uuids


def published(database, tmp, patches=5):
    src = make_gpkg(tmp / "src.gpkg", patches=patches)
    assert main(["init", database, "--from", src]) == 0
    return patch_uuids(src, limit=10_000)


class Session(threading.Thread):
    """An editor's transaction (psql, QGIS saving its edits) in its own session ``pg``: its
    statements, then, once ``commit_when`` is set (if given), its commit. What went wrong is
    kept in ``failed``."""

    def __init__(self, pg, statements, commit_when=None, start_when=None):
        super().__init__(daemon=True)
        self.pg, self.statements = pg, statements
        self.commit_when, self.start_when = commit_when, start_when
        self.failed = None

    def run(self):
        try:
            if self.start_when is not None:
                self.start_when.wait()
            with self.pg.cursor() as cur:
                for step in self.statements:
                    if callable(step):
                        step()
                    else:
                        cur.execute(*step)
            if self.commit_when is not None:
                assert self.commit_when.wait(60)
            self.pg.commit()
        except Exception as exc:  # noqa: BLE001 - asserted by the test
            self.failed = exc
            self.pg.rollback()
        finally:
            self.pg.close()


def set_field(field, value, row):
    return f"UPDATE mine_patches SET {field} = %s WHERE uuid = %s", (value, row)


def pulled(pkg, rows, field="phase"):
    conn = connect(pkg, readonly=True)
    got = dict(conn.execute(f"SELECT uuid, {field} FROM mine_patches WHERE uuid IN "
                            f"({', '.join('?' * len(rows))})", rows).fetchall())
    conn.close()
    return got


def test_two_editors_crossing_rows_wait_for_each_other_without_a_deadlock(database, tmp_path):
    """A edits row 1, B edits row 2, A edits row 2: A waits for B, as it would without
    capture, and both commit; the log numbers B's edit (committed first) before A's two,
    and leaves out what A rolled back to a savepoint (as QGIS does when a save fails)."""
    one, two, three = published(database, tmp_path)[:3]
    pkg = tmp_path / "tab.gpkg"
    masters.checkout(database, pkg, "tab")
    a = address.connect(database)
    with a.cursor() as cur:
        cur.execute("SAVEPOINT save")
        cur.execute(*set_field("phase", "undone", three))
        cur.execute("ROLLBACK TO SAVEPOINT save")
        cur.execute(*set_field("phase", "a", one))
    b_may_commit = threading.Event()
    b = Session(address.connect(database), [set_field("phase", "b", two)],
                commit_when=b_may_commit)
    b.start()
    time.sleep(0.5)  # B holds row 2 now
    a_on = Session(a, [set_field("phase", "a", two)])  # A goes on, in a thread: waits for B
    a_on.start()
    time.sleep(2)  # PostgreSQL has looked for a deadlock (after 1 s of waiting)
    b_may_commit.set()
    b.join(60)
    a_on.join(60)
    assert b.failed is None and a_on.failed is None, (b.failed, a_on.failed)
    assert dict(fetch(database, "SELECT uuid, phase FROM mine_patches WHERE uuid IN "
                      "(%s, %s, %s)", one, two, three)) == {one: "a", two: "a",
                                                           three: "planned"}
    log = [(r, json.loads(n)["phase"], seq > 0) for r, n, seq in fetch(
        database, "SELECT row_uuid, new, seq FROM sync_changes WHERE origin = 'local' AND "
        "device LIKE 'postgres%%' ORDER BY seq")]
    assert log == [(two, "b", True), (one, "a", True), (two, "a", True)]
    masters.pull(pkg, database)
    assert pulled(pkg, [one, two, three]) == {one: "a", two: "a", three: "planned"}


DEVICES, PER_DEVICE, PAIRS = 4, 5, 2


def test_merges_and_editors_crossing_rows_at_once_match_a_serial_run(cluster, tmp_path):
    """Four merges and two pairs of editors at once, each pair crossing rows (the one edits
    a row, the other edits another and holds it a while, the first edits that one too, and a
    row a merge holds): nothing fails, and all ends as the same work done one after the
    other."""
    cluster.sql("CREATE DATABASE crossed")
    cluster.sql("CREATE EXTENSION postgis", db="crossed")
    database = cluster.address("crossed")
    uuids = published(database, tmp_path, patches=DEVICES * PER_DEVICE + 2 * PAIRS + 2)
    zips = device_packages(database, tmp_path, uuids, DEVICES, PER_DEVICE)
    cluster.sql("CREATE DATABASE crossed_serial TEMPLATE crossed")
    serial = cluster.address("crossed_serial")

    def rows_of(j):  # the first's own row, the row the second holds, a row a merge holds
        free = DEVICES * PER_DEVICE
        return uuids[free + j], uuids[free + PAIRS + j], uuids[j * PER_DEVICE]

    def first_work(j, after=lambda: None):
        own, held, merged = rows_of(j)
        return [set_field("area_m2", 2000.0 + j, own), after,
                set_field("area_m2", 3000.0 + j, held), set_field("phase", f"e{j}", merged)]

    def second_work(j, before=lambda: None, after=lambda: None):
        return [before, set_field("phase", f"s{j}", rows_of(j)[1]), after]

    for z in zips:
        assert not merge(serial, [z]).refused
    for j in range(PAIRS):
        for work in (second_work(j), first_work(j)):
            one = Session(address.connect(serial), work)
            one.run()
            assert one.failed is None

    start = threading.Barrier(DEVICES + 1)
    go = threading.Event()
    reports: dict = {}
    failures: list = []
    editors = []
    for j in range(PAIRS):
        first_has, second_has = threading.Event(), threading.Event()
        editors.append(Session(address.connect(database), first_work(
            j, after=lambda f=first_has, s=second_has: (f.set(), s.wait(5))), start_when=go))
        editors.append(Session(address.connect(database), second_work(
            j, before=lambda f=first_has: f.wait(5),
            after=lambda s=second_has: (s.set(), time.sleep(1.0))), start_when=go))
    threads = merging(database, zips, start, reports, failures)
    for t in threads + editors:
        t.start()
    start.wait()
    go.set()
    for t in threads + editors:
        t.join(300)
    failures += [f"editor {n}: {e.failed!r}" for n, e in enumerate(editors) if e.failed]
    assert not failures
    for i, rep in reports.items():
        assert not rep.refused and sum(rep.totals.values()) == PER_DEVICE + 1, i
    table, fates, conflicts = state(database)
    s_table, s_fates, s_conflicts = state(serial)
    assert table == s_table
    assert [(d, c) for d, c, _ in fates] == [(d, c) for d, c, _ in s_fates]
    assert (uuids[-1], "mineral") in set(conflicts) & set(s_conflicts)
    for db in (database, serial):  # each editor's statement logged once, numbered
        assert fetch(db, "SELECT count(*), min(seq) > 0 FROM sync_changes WHERE origin = "
                     "'local' AND device LIKE 'postgres%%'") == [(4 * PAIRS, True)]


def test_a_pull_while_editors_commit_gets_every_edit(database, tmp_path):
    """Editors commit one edit after another while an edit made before theirs is left open
    (psql), and commits are slowed after their numbers are given: nobody waits for the open
    edit, a reader of the log never finds a number below one it has seen appear later, and
    field packages pulling meanwhile and at the end get every edit."""
    writers, each = 3, 8
    uuids = published(database, tmp_path, patches=2 + writers * each)
    pkg = tmp_path / "tab.gpkg"
    masters.checkout(database, pkg, "tab")
    # a commit that takes a while once its log is numbered (a deferred trigger of its own)
    fetch(database, "CREATE FUNCTION toksun.slow_commit() RETURNS trigger LANGUAGE plpgsql "
          "AS $$ BEGIN PERFORM pg_sleep(random() * 0.1); RETURN NULL; END $$; "
          "CREATE CONSTRAINT TRIGGER zz_slow_commit AFTER INSERT ON sync_changes DEFERRABLE "
          "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION toksun.slow_commit()")
    open_edit = address.connect(database)
    with open_edit.cursor() as cur:
        for row in uuids[:2]:
            cur.execute(*set_field("phase", "open", row))
    done = threading.Event()
    seen: set[int] = set()
    skipped: list = []

    def read_log():  # what a package pulling "everything after N" reads, as often as it can
        last = 0
        while True:
            finished = done.is_set()
            got = [s for (s,) in fetch(database, "SELECT seq FROM sync_changes WHERE seq > %s",
                                       last)]
            seen.update(got)
            last = max(got, default=last)
            if finished:
                break
        skipped.extend(s for (s,) in fetch(database, "SELECT seq FROM sync_changes")
                       if s not in seen)

    def write(w):
        pg = address.connect(database)
        try:
            for k in range(each):
                with pg.cursor() as cur:
                    cur.execute(*set_field("phase", f"w{w}-{k}", uuids[2 + w * each + k]))
                pg.commit()
        finally:
            pg.close()

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    threads = [threading.Thread(target=write, args=(w,), daemon=True) for w in range(writers)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        masters.pull(pkg, database)
    assert not any(t.is_alive() for t in threads)  # none waited for the open edit
    masters.pull(pkg, database)  # all the others committed, the open edit still open
    open_edit.commit()
    open_edit.close()
    done.set()
    reader.join(60)
    assert not skipped
    masters.pull(pkg, database)
    master = dict(fetch(database, "SELECT uuid, phase FROM mine_patches"))
    assert pulled(pkg, uuids) == master
    assert master[uuids[0]] == "open" and master[uuids[-1]] == f"w{writers - 1}-{each - 1}"


def test_an_earlier_masters_log_is_numbered_at_commit_from_its_next_command(
        database, tmp_path, capsys):
    """A master of an earlier version numbered its log as each row was written (an identity
    column): its next command numbers it at commit, going on after the last number it gave,
    and its log reads as before. Numbering dropped later stops every command until repair,
    which numbers what was logged meanwhile."""
    from field_kit.sync.postgis import sql
    uuids = published(database, tmp_path)
    pkg = tmp_path / "tab.gpkg"
    masters.checkout(database, pkg, "tab")
    fetch(database, "UPDATE mine_patches SET phase = 'before' WHERE uuid = %s", uuids[0])
    # as the earlier version left it: an identity column, which gave numbers to transactions
    # rolled back too, and its capture function
    fetch(database, "DROP TRIGGER toksun_number ON sync_changes; ALTER TABLE sync_changes "
          "ALTER COLUMN seq DROP DEFAULT; DROP SEQUENCE sync_changes_numbers, "
          "sync_changes_pending; ALTER TABLE sync_changes ALTER COLUMN seq ADD GENERATED BY "
          "DEFAULT AS IDENTITY; SELECT setval(pg_get_serial_sequence('sync_changes', 'seq'), "
          "(SELECT max(seq) FROM sync_changes) + 5)")
    fetch(database, sql.functions_sql("toksun", "UTC").replace(sql.VERSION, "toksun capture 6")
          .replace("%", "%%"))
    (top,) = fetch(database, "SELECT max(seq) FROM sync_changes")[0]
    assert main(["status", database]) == 0
    assert fetch(database, "SELECT attidentity FROM pg_attribute WHERE attrelid = "
                 "'sync_changes'::regclass AND attname = 'seq'") == [("",)]
    fetch(database, "UPDATE mine_patches SET phase = 'after' WHERE uuid = %s", uuids[1])
    assert fetch(database, "SELECT seq FROM sync_changes WHERE row_uuid = %s", uuids[1]) == \
        [(top + 6,)]
    capsys.readouterr()
    assert main(["log", database, "--json"]) == 0
    log = log_json(capsys.readouterr().out)["changes"]
    assert [(c["seq"], c["new"]["phase"]) for c in log  # (newest first)
            if c["row_uuid"] in uuids[:2]] == [(top + 6, "after"), (top, "before")]
    masters.pull(pkg, database)
    assert pulled(pkg, uuids[:2]) == {uuids[0]: "before", uuids[1]: "after"}

    fetch(database, "ALTER TABLE sync_changes DISABLE TRIGGER toksun_number")
    fetch(database, "UPDATE mine_patches SET phase = 'unnumbered' WHERE uuid = %s", uuids[2])
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "the change log in PostgreSQL is not numbered" in capsys.readouterr().err
    with pytest.raises(CaptureBroken) as got:  # as the plugin says it
        masters.merges(database)
    assert "修改日志未编号" in in_user_language(got.value.message, "zh")
    assert main(["repair", database]) == 0
    assert "numbered the 1 change logged without a number" in capsys.readouterr().out
    assert fetch(database, "SELECT seq FROM sync_changes WHERE row_uuid = %s", uuids[2]) == \
        [(top + 7,)]
    assert main(["status", database]) == 0
    masters.pull(pkg, database)
    assert pulled(pkg, uuids[2:3]) == {uuids[2]: "unnumbered"}


def test_a_master_whose_template_an_earlier_version_wrote_works_on(database, tmp_path, capsys):
    """The template a master keeps (its stages start from it) holds the capture triggers of
    the version that published it, and the database says which version last ran: with this
    version's triggers different, every command after the first stopped as "capture
    altered", and repair found nothing. Now each stage takes this version's triggers."""
    from field_kit.sync import registry, triggers
    from field_kit.sync.postgis import template
    uuids = published(database, tmp_path)
    pg = address.connect(database)
    with template.opened(pg, change=True) as conn:  # the triggers as the version before wrote
        for t in registry.tracked(conn):
            triggers.drop_triggers(conn, t.name)
            for stmt in triggers.trigger_sql(t):
                conn.execute(stmt.replace(", rnd", "").replace(", random()", ""))
        conn.commit()
    pg.commit()
    pg.close()
    fetch(database, "UPDATE sync_meta SET value = '2' WHERE key = 'capture_version'")
    pkgs = []
    for device in ("tab-1", "tab-2"):
        pkg = tmp_path / f"{device}.gpkg"
        assert main(["checkout", database, str(pkg), "--device", device, "--role", "gis"]) == 0
        pkgs.append(pkg)
    for n, pkg in enumerate(pkgs):
        with connect(pkg) as conn:
            conn.execute("UPDATE mine_patches SET phase = ? WHERE uuid = ?", (f"p{n}", uuids[n]))
        assert main(["export", str(pkg), str(tmp_path / f"{n}.zip")]) == 0
        assert main(["status", database]) == 0
        assert main(["merge", database, str(tmp_path / f"{n}.zip")]) == 0
    assert main(["status", database]) == 0
    assert fetch(database, "SELECT value FROM sync_meta WHERE key = 'capture_version'") == \
        [(triggers.CAPTURE_VERSION,)]
    assert sorted(p for (p,) in fetch(database, "SELECT phase FROM mine_patches WHERE uuid "
                                      "= ANY(%s)", uuids[:2])) == ["p0", "p1"]
