# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch deleted in the master (psql on a PostgreSQL master, QGIS on a GeoPackage one)
that a GIS package edited meanwhile is brought back by its merge, naming its project as
it did: the project is there, and the merge says nothing of a project deleted."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.test_kept_record_keeps_its_photos import either  # noqa: F401 (a fixture)
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit

CODE = "ZJ6504222021027001"


def test_a_patch_brought_back_names_its_project_still_there(
        either, tmp_path, capsys):  # noqa: F811 (a fixture)
    master, read = either
    pkg = tmp_path / "w-gis.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "w-gis", "--role", "gis")
    assert code == errors.OK, said
    if str(master).endswith(".gpkg"):
        edit(master, "DELETE FROM mine_patches WHERE patch_code = ?", CODE)
    else:
        from tests.postgis.cluster import query
        query(master, "DELETE FROM mine_patches WHERE patch_code = %s", CODE)
    edit(pkg, "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?", CODE)
    code, said = sent(capsys, pkg, master, tmp_path / "w-gis.zip")
    assert read("SELECT mineral, project_id FROM mine_patches WHERE patch_code = ?", CODE) == [
        ("砖瓦用粘土", "P1-3")], said
    assert "deleted from the master" not in said, said
    assert code == errors.CONFLICTS, said  # (the delete it met, kept to settle)
