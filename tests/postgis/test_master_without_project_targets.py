# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master published from a GeoPackage that is not the whole plan (no
``project_targets``, no ``restoration_programs``): a project added or renamed in the
database is followed by the rows there are that name it; those the master lacks are not
looked for."""

import json

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import make_gpkg


def test_status_of_a_master_without_the_plan_s_targets(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == errors.OK
    query(database, "INSERT INTO restoration_projects (project_id, name_zh, program_id) "
          "VALUES ('XM900', 'x', 'GC1'); UPDATE restoration_projects SET project_id = "
          "'XM901' WHERE project_id = 'XM001'; UPDATE mine_patches SET project_uuid = "
          "(SELECT uuid FROM restoration_projects WHERE project_id = 'XM901'), "
          "project_id = 'XM001' WHERE patch_code = 'P0000000'")
    capsys.readouterr()
    assert main(["status", database, "--json"]) == errors.OK
    said = capsys.readouterr()
    assert "internal error" not in said.err, said.err
    assert json.loads(said.out)["to_follow"] == {"shapes": [], "codes": ["mine_patches"]}
