# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge stopped (Ctrl-C, SIGTERM) while SQLite runs one of the toolkit's functions (the
sync's toksun_*, the R-tree triggers' ST_*) ends as any other stop: said in both languages,
with the signal's exit code, the master as it was; SQLite's own word for the stop ("user-
defined function raised exception") is no internal error."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.sync import masters, package_checkout, package_export
from tests.unit.gpkg_factory import edit, make_gpkg

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# the command line, the SQL function named sending the process ``SIG`` from inside itself
# the first time SQLite calls it
_STOPPED_INSIDE = """
import os, signal, sys
from field_kit import db
from field_kit.cli import commands
real = db._Connection.create_function
sent = []
def create_function(self, name, narg, fn, **kwargs):
    def stopping(*args):
        if name == {name!r} and not sent:
            sent.append(name)
            os.kill(os.getpid(), signal.{sig})
        return fn(*args)
    return real(self, name, narg, stopping, **kwargs)
db._Connection.create_function = create_function
sys.exit(commands.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("name", ["toksun_blob_or_text", "ST_MinX"])
@pytest.mark.parametrize(("sig", "code", "said"), [
    (signal.SIGINT, errors.INTERRUPTED, ["interrupted (Ctrl-C); nothing was committed",
                                         "已中断（Ctrl-C）；未提交任何更改"]),
    (signal.SIGTERM, errors.TERMINATED, ["stopped (SIGTERM); nothing was committed",
                                         "已被终止（SIGTERM）；未提交任何更改"]),
], ids=["SIGINT", "SIGTERM"])
def test_a_merge_stopped_inside_a_sql_function_says_it_was_stopped(tmp_path, name, sig,
                                                                     code, said):
    master = make_gpkg(tmp_path / "master.gpkg", patches=20, tables=("mine_patches",))
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    # each patch given the next one's shape: SQLite writes them through toksun_blob_or_text,
    # the spatial index through ST_MinX
    edit(pkg, "UPDATE mine_patches SET phase = 'p' || fid, geom = (SELECT n.geom FROM "
              "mine_patches AS n WHERE n.fid = mine_patches.fid % 20 + 1)")
    package_export.export(pkg, tmp_path / "a.zip")
    before = Path(master).read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", _STOPPED_INSIDE.format(name=name, sig=sig.name), "merge",
         str(master), str(tmp_path / "a.zip")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8"})
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {line}" for line in said]
    assert Path(master).read_bytes() == before
    assert masters.merges(master) == []
