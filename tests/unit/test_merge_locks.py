# SPDX-License-Identifier: GPL-2.0-or-later
"""A master another program holds (an exclusive or reserved lock, a reader in the middle of
a read) stops a merge with the one clear "in use" message and exit 7 within the busy
timeout, the master byte-for-byte unchanged: never an internal error, never a long wait."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from field_kit import db
from field_kit.errors import BUSY, Busy
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import make_gpkg, merge_to_make, sha256_file

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Holds a lock on a file until killed: argv[2] is how the transaction begins, then one read.
HOLDER = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
          "c.execute(sys.argv[2]); c.execute('SELECT count(*) FROM gpkg_contents').fetchone(); "
          "print('held', flush=True); time.sleep(120)")
HOLDS = {"exclusive": "BEGIN EXCLUSIVE", "reserved": "BEGIN IMMEDIATE", "reader": "BEGIN"}


@pytest.fixture(scope="module")
def big_merge(tmp_path_factory):
    """A master and a package whose merge writes more than SQLite's page cache holds, so a
    writer would have to spill it (and so take the exclusive lock) before its commit."""
    return merge_to_make(tmp_path_factory.mktemp("locks"), 8000)


def test_every_lock_gives_busy_within_the_timeout(big_merge, tmp_path):
    """All three at once (each merge waits its own ten seconds, in parallel)."""
    master, pkg = big_merge
    runs = {}
    for hold, begin in HOLDS.items():
        copy = tmp_path / f"{hold}.gpkg"
        shutil.copyfile(master, copy)
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(copy), begin],
                                  stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "held"
        runs[hold] = (copy, sha256_file(copy), holder)
    started = time.monotonic()
    merges = {hold: subprocess.Popen([sys.executable, "-m", "field_kit.cli", "merge", str(copy),
                                      str(pkg)], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
              for hold, (copy, _, _) in runs.items()}
    try:
        for hold, proc in merges.items():
            try:
                out, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
            took = time.monotonic() - started
            copy, before, _ = runs[hold]
            assert proc.returncode == BUSY, (hold, out, err)
            # said as it waits, then the one "in use" message
            waited, said = err.splitlines()
            assert waited == f"field-kit: {copy} is in use by another program: waiting up to " \
                "9 s more for it", (hold, err)
            assert "is in use by another program (" in said, (hold, err)
            assert "nothing was changed" in err
            assert "a merge, a resolve, an undo" in err  # (a long resolve holds it too)
            assert took < 15, f"{hold}: {took:.1f} s"
            assert sha256_file(copy) == before, hold
    finally:
        for _, _, holder in runs.values():
            holder.kill()
            holder.wait()
            holder.stdout.close()


def test_busy_is_told_from_the_error_codes_on_every_python(tmp_path, monkeypatch):
    """Python 3.9 and 3.10 have neither sqlite3.SQLITE_BUSY nor the exception's error code:
    the message tells it there."""
    for name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        monkeypatch.delattr(sqlite3, name, raising=False)
    conn = sqlite3.connect(tmp_path / "x.db")
    with pytest.raises(Busy, match="in use by another program"):
        db._raise_if_busy(conn, sqlite3.OperationalError("database is locked"))
    db._raise_if_busy(conn, sqlite3.OperationalError("no such table: x"))  # not busy: left
    conn.close()
    path = make_gpkg(tmp_path / "m.gpkg", patches=2, tables=("mine_patches",))
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(Busy):
        db.connect(path)  # was "not a GeoPackage" (exit 2)
    other.execute("ROLLBACK")
    other.close()
    db.connect(path).close()


def test_a_checkout_meeting_a_lock_is_busy_not_stuck(tmp_path, monkeypatch):
    """Another program takes the master between the seal and the copy: the copy's own wait
    (the backup API's) would retry for as long as the lock is held."""
    from field_kit.sync import changelog

    master = make_gpkg(tmp_path / "m.gpkg", patches=5, tables=("mine_patches",))
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    seal, held = changelog.seal, []

    def seal_then_lock(conn):
        seal(conn)
        held.append(sqlite3.connect(master, isolation_level=None))
        held[-1].execute("BEGIN EXCLUSIVE")

    monkeypatch.setattr(changelog, "seal", seal_then_lock)
    started = time.monotonic()
    with pytest.raises(Busy, match="in use by another program"):
        package_checkout.checkout(master, tmp_path / "p.gpkg", "tab-a")
    assert time.monotonic() - started < 5
    assert not list(tmp_path.glob("p.gpkg*"))
    held[0].execute("ROLLBACK")
    held[0].close()
