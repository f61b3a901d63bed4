# SPDX-License-Identifier: GPL-2.0-or-later
"""An edit refused whole at a merge (status restored with a treated area over the measured
one), then mended on the device without a pull between (the area typed again): the mend
went alone, met the device's own insert as another's value (a conflict with itself,
"ancestor 500" a value the master never held), and the status of the refused edit was lost
unsaid. The mend is refused now, naming why, and the pull after sends both again: the
master holds the status and the mended area, with no conflict."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.cli.commands import main

RECORD = "aaaaaaaa-0000-4000-8000-000000000001"


def run(*argv) -> int:
    return main([str(a) for a in argv])


def edit(path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.enable_load_extension(True)
    conn.load_extension("mod_spatialite")  # (the GeoPackage's own triggers need it)
    with conn:
        conn.execute(sql)
    conn.close()


def held(path) -> tuple:
    conn = sqlite3.connect(path)
    got = conn.execute("SELECT remediation_status, treated_area_m2 FROM patch_verifications "
                       "WHERE uuid = ?", (RECORD,)).fetchone()
    conn.close()
    return got


def test_a_mend_made_before_a_pull_is_refused_and_both_reach_the_master(master, tmp_path,
                                                                         capsys):
    pkg = tmp_path / "t.gpkg"
    z = [tmp_path / f"{n}.zip" for n in range(4)]
    assert run("checkout", master, pkg, "--device", "t", "--township", "郭勒布依乡") == errors.OK
    edit(pkg, "INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, "
         "remediation_status, verifier, verified_on, measured_area_m2) VALUES "
         f"('{RECORD}', '65767c2e-89f7-501f-9acc-4a1e5dfd0298', 'CT6504222016000053002', "
         "'A', 'x', '2026-12-01', 100)")
    assert run("export", pkg, z[0]) == errors.OK and run("merge", master, z[0]) == errors.OK
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'B', treated_area_m2 = 500")
    assert run("export", pkg, z[1]) == errors.OK
    capsys.readouterr()
    assert run("merge", master, z[1]) == errors.REFUSED
    assert "pull, mend the value refused, then export: the pull sends the edit again, with " \
           "its mend" in capsys.readouterr().out
    edit(pkg, "UPDATE patch_verifications SET treated_area_m2 = 90")  # mended, no pull
    assert run("export", pkg, z[2]) == errors.OK
    assert run("merge", master, z[2]) == errors.REFUSED
    assert "it replaced values of treated_area_m2 this device wrote in an edit the master " \
           "does not hold (refused at an earlier merge" in capsys.readouterr().out
    assert held(master) == ("A", None)
    assert run("pull", pkg, master) == errors.OK
    assert run("export", pkg, z[3]) == errors.OK
    assert run("merge", master, z[3]) == errors.OK
    assert held(master) == ("B", 90.0)
    assert run("conflicts", master) == errors.OK
    assert "0 conflicts" in capsys.readouterr().out
