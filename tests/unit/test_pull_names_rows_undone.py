# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull names a row an undone merge took away as every other line names rows: a row of a
layer of the county's own by its text (a well by its id), not by its uuid alone."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.sync import audit
from tests.unit.cli_run import cli, sent
from tests.unit.gpkg_factory import edit
from tests.unit.test_roles_as_data import pytestmark, wells_master  # noqa: F401 (a fixture)

GONE = "1 row this device had added is gone: the master undid the merge that brought " \
       "it (undo-merge):"


def test_a_row_an_undo_took_away_is_named_by_its_text(wells_master, tmp_path, capsys):  # noqa: F811
    pkg = tmp_path / "gis-1.gpkg"
    assert cli(capsys, "checkout", wells_master, pkg, "--device", "gis-1", "--role",
               "gis")[0] == errors.OK
    edit(pkg, "INSERT INTO well_checks (geom, well_id, water_level_m, notes) SELECT geom, "
              "'W-09', 3.5, 'new' FROM well_checks LIMIT 1")
    assert sent(capsys, pkg, wells_master, tmp_path / "gis-1.zip")[0] == errors.OK
    assert cli(capsys, "undo-merge", wells_master,
               audit.merges(wells_master)[-1]["merge_id"])[0] == errors.OK
    code, out, err = cli(capsys, "pull", pkg, wells_master)
    assert code == errors.OK, out + err
    lines = out.splitlines()
    row = sqlite3.connect(wells_master).execute(
        "SELECT row_uuid FROM sync_changes WHERE op = 'insert' AND tbl = 'well_checks' ORDER "
        "BY seq DESC").fetchone()[0]  # (the merge's, which the undo deleted)
    assert lines[lines.index(f"  {GONE}") + 1] == f"    well_checks {row} (W-09)", out
