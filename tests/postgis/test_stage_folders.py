# SPDX-License-Identifier: GPL-2.0-or-later
"""A command on a PostgreSQL master works in a temporary folder of its own (the stage). A
merge stopped by SIGTERM while it writes to the database rolls back and removes that
folder; one killed with SIGKILL cannot, and the next command removes it (its owner gone,
more than a minute ago), never the folder of a command still running."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync.postgis import scratch
from tests.postgis import test_postgis_master
from tests.postgis.test_postgis_master import checkout, export, rows
from tests.unit.gpkg_factory import edit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
master = test_postgis_master.master  # (the fixture)
# A merge that waits once its first table is written to the database, in its transaction.
SLOW = ("import sys, time; from field_kit.sync.postgis import writing; "
        "real = writing.write_table\n"
        "def slow(*a, **k):\n"
        "    got = real(*a, **k); print('writing', flush=True); time.sleep(60); return got\n"
        "writing.write_table = slow\n"
        "from field_kit.cli.commands import main; sys.exit(main(sys.argv[1:]))")


def _merge_stopped(master, tmp_path, sig):
    database, src, tmp = master
    pkg = checkout(database, tmp, "tab-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'stopped'")
    zipped = export(pkg, tmp)
    scratch_dir = tmp_path / "tmp"
    scratch_dir.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", SLOW, "merge", database, zipped], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(scratch_dir)})
    assert proc.stdout.readline().strip() == "writing"
    assert len(list(scratch_dir.glob("toksun-stage-*"))) == 1
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    # rolled back: nothing of the merge in the master
    assert rows(database, "SELECT count(*) FROM mine_patches WHERE phase = 'stopped'") == [(0,)]
    assert rows(database, "SELECT count(*) FROM sync_merges") == [(0,)]
    return proc.returncode, err, scratch_dir, zipped


def test_a_merge_stopped_by_sigterm_rolls_back_and_removes_its_folder(master, tmp_path):
    code, err, scratch_dir, zipped = _merge_stopped(master, tmp_path, signal.SIGTERM)
    assert code == errors.TERMINATED, err
    assert "field-kit: stopped (SIGTERM); nothing was committed" in err
    assert list(scratch_dir.iterdir()) == []
    assert main(["merge", master[0], zipped]) == errors.OK  # run again, it merges


def test_the_next_command_removes_the_folder_of_one_killed(master, tmp_path, monkeypatch):
    code, _, scratch_dir, zipped = _merge_stopped(master, tmp_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    [left] = scratch_dir.glob("toksun-stage-*")
    live = tempfile.mkdtemp(prefix=scratch.PREFIX, dir=scratch_dir)  # a command still running
    (scratch_dir / os.path.basename(live) / scratch.OWNER).write_text(
        f"{socket.gethostname()} {os.getpid()}\n")
    young = tempfile.mkdtemp(prefix=scratch.PREFIX, dir=scratch_dir)  # one being made
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_dir))
    assert main(["status", master[0]]) == errors.OK
    assert left.exists()  # killed less than a minute ago: left yet
    minute_ago = time.time() - 61
    for path in (left, live, young):
        os.utime(path, (minute_ago, minute_ago))
    assert main(["merge", master[0], zipped]) == errors.OK
    assert not left.exists()
    assert os.path.isdir(live) and os.path.isdir(young)
    assert sorted(scratch_dir.iterdir()) == sorted(map(type(left), (live, young)))


def test_an_earlier_versions_folder_is_removed_once_a_day_old(tmp_path, monkeypatch):
    """Stage folders an earlier version left name no owner: the next command removes one a
    day old (no stage works that long), never a younger one (it may be at work)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old, recent = (tempfile.mkdtemp(prefix=scratch.PREFIX) for _ in range(2))
    day_ago, hour_ago = time.time() - 24 * 3600 - 60, time.time() - 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(recent, (hour_ago, hour_ago))
    assert scratch.left_behind() == [old]
    assert not os.path.exists(old) and os.path.isdir(recent)
