# SPDX-License-Identifier: GPL-2.0-or-later
"""One verification of the master edited by two technicians and deleted by GIS staff: the
packages of the three, to merge in any order."""

from __future__ import annotations

import time

from field_kit.sync import package_checkout, package_export
from tests.unit.gpkg_factory import edit, rows

CODE = "CT6504222017000026002"


def three_packages(master, tmp_path) -> tuple[dict[str, str], str]:
    """A verification of patch CODE made in ``master`` (the plan's), then, in this order,
    tab-1 setting its notes and remediation status (B), tab-2 its notes, gis-1 deleting it;
    each exported: (device -> its package's zip, the verification's uuid)."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on, notes) SELECT uuid, patch_code, 'C', '李四', '2026-11-20', "
         "'GIS 初录' FROM mine_patches WHERE patch_code = ?", CODE)
    (record,) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_code = ?",
                     CODE)[0]
    zips = {}
    for device, sql in (("tab-1", "UPDATE patch_verifications SET notes = 't1: 坑已回填', "
                                  "remediation_status = 'B' WHERE uuid = ?"),
                        ("tab-2", "UPDATE patch_verifications SET notes = 't2: 仍有积水' "
                                  "WHERE uuid = ?"),
                        ("gis-1", "DELETE FROM patch_verifications WHERE uuid = ?")):
        pkg = tmp_path / f"{device}.gpkg"
        if device.startswith("gis"):
            package_checkout.checkout(master, pkg, device, role="gis")
        else:
            package_checkout.checkout(master, pkg, device, township="郭勒布依乡")
        time.sleep(0.01)  # (each edit later than the one before)
        edit(pkg, sql, record)
        zips[device] = str(tmp_path / f"{device}.zip")
        package_export.export(pkg, zips[device])
    return zips, record
