# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge stopped by Ctrl-C or by SIGTERM (a shutdown, ``timeout``, systemd) in the middle
of its transaction says so, in Chinese too, leaves the master byte-for-byte as it was, and
exits 130 or 143 (as a shell gives them), never the internal error's 4."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from field_kit import errors
from tests.unit.gpkg_factory import merge_to_make, sha256_file

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def big_merge(tmp_path_factory):
    """A master and a package whose merge takes a second or more."""
    return merge_to_make(tmp_path_factory.mktemp("stopped"), 20000)


@pytest.mark.parametrize(("sig", "code", "said", "zh"), [
    (signal.SIGINT, errors.INTERRUPTED, "field-kit: interrupted (Ctrl-C); nothing was committed",
     "field-kit: 已中断（Ctrl-C）；未提交任何更改"),
    (signal.SIGTERM, errors.TERMINATED, "field-kit: stopped (SIGTERM); nothing was committed",
     "field-kit: 已被终止（SIGTERM）；未提交任何更改"),
], ids=["SIGINT", "SIGTERM"])
def test_a_merge_stopped_mid_transaction_says_so_and_changes_nothing(
        big_merge, tmp_path, sig, code, said, zh):
    source, pkg = big_merge
    master = tmp_path / "master.gpkg"
    shutil.copyfile(source, master)
    before = sha256_file(master)
    journal = tmp_path / "master.gpkg-journal"
    proc = subprocess.Popen([sys.executable, "-m", "field_kit.cli", "merge", str(master),
                             str(pkg)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8"})
    deadline = time.monotonic() + 60
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # the merge writes: its transaction is open
    assert proc.poll() is None, "the merge ended before it was stopped"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.splitlines() == [said, zh]
    assert not journal.exists()
    assert sha256_file(master) == before
