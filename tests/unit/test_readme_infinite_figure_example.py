# SPDX-License-Identifier: GPL-2.0-or-later
"""The command README gives to write ±Infinity into a plan layer's figure works as written
on a master, whose patches have geometry (the sqlite3 shell cannot: GeoPackage's spatial
index triggers call GDAL's functions), and the checkout then names the figure."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import rows

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="needs GDAL's ogrinfo")
def test_the_readmes_command_writes_infinity_into_a_plan_layer(master, tmp_path, capsys):
    (typed,) = set(re.findall(r"`(ogrinfo [^`]*1e400[^`]*)`", README))
    argv = shlex.split(typed)
    assert "master.gpkg" in argv, typed
    done = subprocess.run([str(master) if a == "master.gpkg" else a for a in argv],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "ERROR" not in done.stderr, done.stderr
    assert rows(master, "SELECT area_m2 FROM mine_patches WHERE fid = 1") == [
        (float("inf"),)]
    code, said = cli_said(capsys, "checkout", master, tmp_path / "t.gpkg", "--device", "tab-1")
    assert code == errors.OK, said
    assert "area_m2 holds inf" in said, said
