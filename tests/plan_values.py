# SPDX-License-Identifier: GPL-2.0-or-later
"""Values outside the plan's lists that GIS staff and technicians may type into a field
package, for the merge tests of either master."""

import json

from field_kit.cli.commands import main
from field_kit.sync import package_export
from tests.unit.gpkg_factory import edit

PATCHES = ("CT6504222017000026002", "CT6504222017000026003", "CT6504222017000026001",
           "CT6504222016000037002")
# (patch, column, a value outside the plan's list); the last patch moves to another town
OUTSIDE = (("mineral", "xyz"), ("township", "火星镇"), ("phase", "当前"))


def merge_values_outside_the_lists(master, tmp_path, capsys, read):
    """A GIS package gives three patches a value outside the list of their mineral,
    township and phase, and a fourth another of the plan's townships; a technician's gives
    a verification whose status is outside its list. The merge refuses each value outside by
    name (exit 3) and writes the rest: ``read(sql, *args)`` reads the master."""
    gis, tech = tmp_path / "gis.gpkg", tmp_path / "tech.gpkg"
    for pkg, device, role in ((gis, "gis1", "gis"), (tech, "tech1", "technician")):
        assert main(["checkout", str(master), str(pkg), "--device", device, "--role",
                     role]) == 0
    for code, (col, value) in zip(PATCHES, OUTSIDE):
        edit(gis, f"UPDATE mine_patches SET {col} = ? WHERE patch_code = ?", value, code)
    edit(gis, "UPDATE mine_patches SET township = '夏镇' WHERE patch_code = ?", PATCHES[3])
    edit(tech, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on) SELECT uuid, patch_code, 'Z', '李明', '2025-05-20' FROM "
         "mine_patches WHERE patch_code = ?", PATCHES[0])
    zips = []
    for pkg in (gis, tech):
        zips.append(str(pkg.with_suffix(".zip")))
        package_export.export(pkg, zips[-1])
    capsys.readouterr()
    assert main(["merge", str(master), *zips, "--json"]) == 3
    said = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    for code, (col, value) in zip(PATCHES, OUTSIDE):
        assert read(f"SELECT {col} FROM mine_patches WHERE patch_code = ?", code) != value
        assert f"{col}: '{value}' is not in the code list" in said
    assert read("SELECT township FROM mine_patches WHERE patch_code = ?", PATCHES[3]) == "夏镇"
    assert read("SELECT count(*) FROM patch_verifications WHERE remediation_status = 'Z'") == 0
    assert "remediation_status: 'Z' is not in the code list" in said
