# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge is all or nothing: SIGKILL it at random points, the master is as before (or, when
the kill came after COMMIT, fully merged), passes integrity_check, and the merge re-runs."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from field_kit.db import connect
from field_kit.sync import package_checkout, package_export
from tests.unit.gpkg_factory import make_gpkg, sha256_file, snapshot

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_merge(master, pkg):
    return subprocess.Popen([sys.executable, "-m", "field_kit.cli", "merge", str(master),
                             str(pkg)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_sigkill_during_merge_leaves_master_whole(tmp_path):
    base = make_gpkg(tmp_path / "base.gpkg", patches=20000, tables=("mine_patches",))
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(base, pkg, "tab-a", role="gis")
    conn = connect(pkg)
    conn.execute("UPDATE mine_patches SET phase = 'p' || fid, area_m2 = fid WHERE fid % 3 = 0")
    conn.execute("DELETE FROM mine_patches WHERE fid % 97 = 0")
    conn.close()
    zpkg = tmp_path / "a.zip"
    package_export.export(pkg, zpkg)
    before_sha, before = sha256_file(base), snapshot(base, ("mine_patches",))
    ref = tmp_path / "ref.gpkg"
    shutil.copy(base, ref)
    t0 = time.monotonic()
    assert run_merge(ref, zpkg).wait() == 0
    duration = time.monotonic() - t0
    after = snapshot(ref, ("mine_patches",))
    assert after != before
    rng = random.Random(1234)
    outcomes = set()
    for i in range(8):
        master = tmp_path / f"m{i}.gpkg"
        shutil.copy(base, master)
        proc = run_merge(master, zpkg)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = connect(master)  # a read-write open rolls a hot journal back
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        state = snapshot(master, ("mine_patches",))
        assert state in (before, after)
        if state == before:
            assert sha256_file(master) == before_sha
            outcomes.add("rolled back")
        else:
            outcomes.add("committed")
        assert run_merge(master, zpkg).wait() == 0  # simply run again
        assert snapshot(master, ("mine_patches",)) == after
    assert "rolled back" in outcomes
