# SPDX-License-Identifier: GPL-2.0-or-later
"""Bad change packages get a one-line reason and leave the master byte-for-byte unchanged."""

import os
import re
import subprocess
import sys

import pytest

from field_kit.sync import changelog, merge, packages
from field_kit.cli import main
from field_kit.db import connect
from field_kit.errors import REFUSED
from tests.unit.bad_package_corpus import WHOLE, bomb_as_attachment, bomb_as_manifest
from tests.unit.gpkg_factory import edit, make_gpkg, sha256_file


@pytest.fixture
def setup(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=10, verifications=3)
    pkg = tmp_path / "a.gpkg"
    packages.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET phase = 'x' WHERE fid = 1")
    edit(pkg, "INSERT INTO patch_verifications (patch_code) VALUES ('n')")
    good = tmp_path / "good.zip"
    packages.export(pkg, good, everything=True)
    key = changelog.state(connect(pkg))["key"]
    return master, pkg, good, key, tmp_path


@pytest.mark.parametrize("make", WHOLE, ids=[f.__name__ for f in WHOLE])
def test_bad_package_is_refused_and_master_unchanged(setup, make, capsys):
    master, _, good, key, tmp = setup
    bad = make(good, tmp / "bad.zip", key)
    before = sha256_file(master)
    rep = merge.merge(master, [bad])
    assert not rep.results and len(rep.refused) == 1
    reason = rep.refused[0][1]
    assert "\n" not in reason
    assert re.search(WHOLE[make], reason), reason
    assert main(["merge", str(master), str(bad)]) == REFUSED
    err = capsys.readouterr().out
    assert err.count("\n") == 1 and err.startswith("REFUSED")
    assert sha256_file(master) == before


def test_oversized_package_is_refused(setup):
    master, _, good, _, _ = setup
    before = sha256_file(master)
    rep = merge.merge(master, [good], max_bytes=100)
    assert "over the limit" in rep.refused[0][1]
    assert sha256_file(master) == before


def test_a_good_package_still_merges(setup):
    master, _, good, _, _ = setup
    rep = merge.merge(master, [good])
    assert not rep.refused and rep.totals["applied"] == 2


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The merge in a child process, its peak resident memory (KiB) printed last: VmHWM, as
# ru_maxrss would carry over the parent's peak across exec.
MEASURED_MERGE = ("import re, sys; from field_kit.cli import main; rc = main(sys.argv[1:]); "
                  "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]); "
                  "sys.exit(rc)")


@pytest.mark.parametrize("make", [bomb_as_manifest, bomb_as_attachment],
                         ids=lambda f: f.__name__)
def test_a_bomb_whose_header_lies_is_refused_in_bounded_memory(setup, make):
    """A mebibyte that declares 1000 bytes and inflates to a gibibyte: refused as soon as it
    grows past what it declares, so the merge's memory stays near that of an empty one."""
    if not os.path.exists("/proc/self/status"):
        pytest.skip("peak memory is read from /proc")
    master, _, good, key, tmp = setup
    bad = make(good, tmp / "bomb.zip", key)
    before = sha256_file(master)
    run = subprocess.run([sys.executable, "-c", MEASURED_MERGE, "merge", str(master), str(bad)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == REFUSED, run.stderr
    *lines, peak_kib = run.stdout.splitlines()
    assert re.search("inflates past the 1000 bytes", lines[0]), lines
    assert int(peak_kib) < 100 * 1024, f"peak {int(peak_kib) // 1024} MiB"
    assert sha256_file(master) == before
