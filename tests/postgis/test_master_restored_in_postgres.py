# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master's pull stages only the log after the package's base: the change the
package was brought up to is staged with it, so pulls from the master it was brought up to
go through, and one from the master restored from a dump made before, whose log ends
before that change, is refused, as a GeoPackage master's is, counting the master's own
edits the package pulled that the restored master lacks; a merge of a package brought up to
that change says so."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, rows

PROJECT = "P1-1"
NAME = "SELECT name_en FROM restoration_projects WHERE project_id = ?"


def test_a_pull_from_the_master_restored_is_refused(plan_database, tmp_path, capsys):
    master = plan_database
    pkg = tmp_path / "gis-1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")[0] == 0
    for name in ("A", "B"):  # each pulled: the base held, as the package was brought up to
        query(master, "UPDATE restoration_projects SET name_en = %s WHERE project_id = %s",
              name, PROJECT)
        code, said = cli_said(capsys, "pull", pkg, master)
        assert code == errors.OK, said
        assert rows(pkg, NAME, PROJECT) == [(name,)]
    (dumped,), = query(master, "SELECT max(seq) FROM sync_changes")
    query(master, "UPDATE restoration_projects SET name_en = 'C' WHERE project_id = %s",
          PROJECT)
    assert cli(capsys, "pull", pkg, master)[0] == errors.OK
    base = rows(pkg, "SELECT base_seq FROM sync_state")[0][0]
    assert base > dumped
    edit(pkg, "UPDATE restoration_projects SET name_zh = '改' WHERE project_id = ?", PROJECT)
    assert cli(capsys, "export", pkg, tmp_path / "gis-1.zip")[0] == errors.OK
    # the master restored from the dump made before the last edit: its log ends there
    query(master, "DELETE FROM sync_changes WHERE seq > %s", dumped)
    query(master, "UPDATE restoration_projects SET name_en = 'B' WHERE project_id = %s",
          PROJECT)
    query(master, "DELETE FROM sync_changes WHERE seq > %s", dumped)
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.REFUSED, said
    assert ("is not the one this package was last brought up to: it was restored from a "
            f"backup or is another copy (the master's log ends at {dumped}; this package was "
            f"brought up to {base}, a change this master never had)") in said, said
    assert rows(pkg, NAME, PROJECT) == [("C",)]
    # the one edit made in the master after the dump, which the package pulled: counted
    assert ("; this package holds 1 change made in that master itself that this master "
            "lacks (restoration_projects 1): no export carries it") in said, said
    code, out, err = cli(capsys, "merge", master, tmp_path / "gis-1.zip")
    assert code == errors.OK, out + err
    assert ("gis-1.zip from gis-1: the package was last brought up to a master this one is "
            f"not: this master was restored from a backup or is another copy (the master's "
            f"log ends at {dumped}; this package was brought up to {base}") in err, err
