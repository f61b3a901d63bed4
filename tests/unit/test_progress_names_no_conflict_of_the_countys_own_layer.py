# SPDX-License-Identifier: GPL-2.0-or-later
"""A whole-row conflict on a layer of the county's own (one no figure counts) left open:
progress's cautions do not name it as a conflict the figures may change with; one on a patch
still is."""

from __future__ import annotations

import subprocess
import time

from field_kit import errors
from tests.unit.gpkg_factory import edit
from tests.unit.test_cli_names_rows import PATCH, exported_and_merged, fk, gis_packages

CHECKS = "grassland_checks"


def test_an_open_whole_row_conflict_of_the_countys_own_layer_is_no_caution(
        master, tmp_path, capsys):
    csv = tmp_path / "checks.csv"
    csv.write_text("check_code,township,grass_cover_pct\nGC-01,郭勒布依乡,35\n"
                   "GC-02,郭勒布依乡,40\n", encoding="utf-8")
    subprocess.run(["ogr2ogr", "-update", str(master), str(csv), "-nln", CHECKS],
                   check=True, capture_output=True)
    assert fk("init", master) == errors.OK
    one, two = gis_packages(master, tmp_path, "gis-1", "gis-2")
    for table, code_column, code, column in (
            (CHECKS, "check_code", "GC-02", "grass_cover_pct"),
            ("mine_patches", "patch_code", PATCH, "project_name")):
        edit(one, f"DELETE FROM {table} WHERE {code_column} = ?", code)
        time.sleep(0.01)
        edit(two, f"UPDATE {table} SET {column} = {column} || '1' WHERE {code_column} = ?",
             code)
    assert exported_and_merged(master, two, one) == errors.CONFLICTS
    capsys.readouterr()
    assert fk("progress", master) == errors.OK
    said = [line for line in capsys.readouterr().out.splitlines() if "open conflict" in line]
    assert len(said) == 1 and f"the patch {PATCH} has 1 open conflict" in said[0], said
