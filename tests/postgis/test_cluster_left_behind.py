# SPDX-License-Identifier: GPL-2.0-or-later
"""A test run killed outright (a CI time limit, SIGKILL) leaves its throwaway cluster, its
server still running and its folder of a gigabyte or more in the temporary folder: the next
cluster made stops that server and removes the folder, and leaves alone the cluster of a
run still going."""

import os
import signal
import subprocess
import sys
import time

from tests.postgis.cluster import Cluster, _alive

MAKER = ("import sys, time; from tests.postgis.cluster import Cluster; c = Cluster(); "
         "print(c.dir, flush=True); time.sleep(600)")


def _server_pid(folder: str) -> int:
    with open(os.path.join(folder, "data", "postmaster.pid"), encoding="ascii") as fh:
        return int(fh.readline())


def test_a_killed_run_s_cluster_is_stopped_and_removed_by_the_next():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with subprocess.Popen([sys.executable, "-c", MAKER], cwd=root, stdout=subprocess.PIPE,
                          text=True) as maker:
        _killed_run_s_cluster_removed(maker)


def _killed_run_s_cluster_removed(maker: subprocess.Popen) -> None:
    try:
        left = maker.stdout.readline().strip()
        assert left and os.path.isdir(left)
        server = _server_pid(left)
        os.kill(maker.pid, signal.SIGKILL)
        maker.wait()
        assert _alive(server)  # (the killed run's server goes on running)
        ours = Cluster()  # this session's, still running: left alone
        try:
            later = Cluster()
            try:
                deadline = time.monotonic() + 30
                while _alive(server) and time.monotonic() < deadline:
                    time.sleep(0.1)
                assert not os.path.exists(left)
                assert not _alive(server)
                assert os.path.isdir(ours.dir)
                assert os.path.exists(os.path.join(ours.data, "postmaster.pid"))
            finally:
                later.stop()
        finally:
            ours.stop()
    finally:
        if maker.poll() is None:
            maker.kill()
