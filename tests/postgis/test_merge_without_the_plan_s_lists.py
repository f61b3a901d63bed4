# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master published from a GeoPackage without ``code_lists`` nor
``townships``: a merge writes a patch's mineral and township as given, and says it could not
check them, as a GeoPackage master's merge says it."""

import json

from field_kit import errors
from field_kit.cli.commands import main
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids
from tests.unit.test_merge_without_the_plan_s_lists import UNCHECKED


def test_merge_says_the_coded_fields_it_could_not_check(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == errors.OK
    pkg = tmp_path / "p.gpkg"
    assert main(["checkout", database, str(pkg), "--device", "gis-1", "--role",
                 "gis"]) == errors.OK
    u = patch_uuids(pkg)[0]
    edit(pkg, "UPDATE mine_patches SET mineral = 'bogus', township = 'Nowhere' WHERE uuid = ?",
         u)
    assert main(["export", str(pkg), str(tmp_path / "p.zip")]) == errors.OK
    capsys.readouterr()
    code = main(["merge", database, str(tmp_path / "p.zip"), "--json"])
    out = capsys.readouterr().out
    assert code == errors.OK, out
    said = [f["said"] for f in json.loads(out)["codes_followed"]
            if f["what"].endswith("code lists")]
    assert said == [UNCHECKED], out
