# SPDX-License-Identifier: GPL-2.0-or-later
"""What a checkout warns of (a grant that grants nothing, the plan's figures held as
±Infinity) is said once by each checkout, for the package it made: again for another
package of the same master, and by the same command finishing a QField checkout killed as
it named its zip (the run killed said nothing)."""

from __future__ import annotations

import os
import subprocess
import sys

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.test_infinite_figures_checked_out import infinite_in_the_shell
from tests.unit.test_qfield import _QFIELD_CUT, ROOT

GRANT = ("field-kit: warning: grant (technician, mine_patches, phaze) in sync_roles names no "
         "column of mine_patches; it grants nothing")
INFINITE = "field-kit: warning: the checkout brought figures no report can count or check"


def _granting_nothing(master) -> None:
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phaze')")


def test_each_checkout_warns_once_for_its_package(master, tmp_path, capsys):
    infinite_in_the_shell(master)
    _granting_nothing(master)
    for device in ("tab-1", "tab-2"):
        code, _, err = cli(capsys, "checkout", master, tmp_path / f"{device}.gpkg",
                           "--device", device)
        assert code == errors.OK, err
        assert err.count(GRANT) == 1 and err.count(INFINITE) == 1, err


def test_a_qfield_checkout_finished_by_the_same_command_warns(master, tmp_path, capsys):
    _granting_nothing(master)
    folder = tmp_path / "phone"
    argv = ["checkout", str(master), str(folder), "--device", "phone1", "--for", "qfield"]
    run = subprocess.run([sys.executable, "-c", _QFIELD_CUT, "named", *argv], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == -9 and GRANT not in run.stderr, run.stderr
    assert os.path.isfile(f"{folder}.zip.part")
    code, out, err = cli(capsys, *argv)  # the same command again
    assert code == errors.OK and "cut short before is finished" in out, out + err
    assert err.count(GRANT) == 1, err
