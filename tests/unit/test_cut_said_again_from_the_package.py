# SPDX-License-Identifier: GPL-2.0-or-later
"""A package keeps what its checkout cut it to: where a master restored from a backup lacks
the device's checkout, or registered the device again (readmit), the checkout the refusal
tells of is given the package's own cut, so that typed as printed it gives the same area."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import subset
from tests.unit.cli_run import cli

AGAIN = "NEW.gpkg --device tab-4 --replace --township 伊拉湖镇 and work on in NEW.gpkg"


def _restored_before_checkout(plan_gpkg, tmp_path, capsys):
    master, t4 = tmp_path / "master.gpkg", tmp_path / "t4.gpkg"
    shutil.copyfile(plan_gpkg, master)
    assert cli(capsys, "init", master)[0] == errors.OK
    shutil.copyfile(master, tmp_path / "backup.gpkg")
    assert cli(capsys, "checkout", master, t4, "--device", "tab-4", "--township",
               "伊拉湖镇")[0] == errors.OK
    shutil.copyfile(tmp_path / "backup.gpkg", master)
    return master, t4


def test_a_pull_refused_by_a_master_that_lacks_the_device_gives_the_packages_cut(
        plan_gpkg, tmp_path, capsys):
    master, t4 = _restored_before_checkout(plan_gpkg, tmp_path, capsys)
    code, out, err = cli(capsys, "pull", t4, master)
    assert code == errors.REFUSED and f"field-kit checkout {master} {AGAIN}" in err, err
    assert "(cut as before)" not in err


def test_readmit_then_pull_gives_the_packages_cut_and_it_cuts_the_same(
        plan_gpkg, tmp_path, capsys):
    master, t4 = _restored_before_checkout(plan_gpkg, tmp_path, capsys)
    assert cli(capsys, "readmit", master, t4)[0] == errors.OK
    code, out, err = cli(capsys, "pull", t4, master)
    assert code == errors.REFUSED and f"field-kit checkout {master} {AGAIN}" in err, err
    assert "(cut as before)" not in err
    with connect(t4) as conn:  # a package from before the record: as before
        kept = subset.package_cut(conn)
        conn.execute("DELETE FROM sync_meta WHERE key = ?", (subset.CHECKED_OUT_CUT,))
    code, out, err = cli(capsys, "pull", t4, master)
    assert code == errors.REFUSED and "--replace (cut as before)" in err, err
    assert cli(capsys, "checkout", master, tmp_path / "NEW.gpkg", "--device", "tab-4",
               "--replace", "--township", "伊拉湖镇")[0] == errors.OK
    with connect(tmp_path / "NEW.gpkg") as new:
        assert subset.package_cut(new) == kept and kept.township == "伊拉湖镇"
