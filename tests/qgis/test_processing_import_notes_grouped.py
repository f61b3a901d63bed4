# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's import says a note of many rows once for its kind and field, as the command
line does: a field the source leaves empty in many rows is one line of its log, naming the
first rows and counting the rest, not a line a row (a big source's thousands buried the
rest)."""

from __future__ import annotations

import shutil

from field_kit.cli.commands import main
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit.test_import_notes_grouped import NEW, source


def test_a_field_left_empty_in_many_rows_is_one_line_as_on_the_command_line(
        processing, master, plan_gpkg, tmp_path, capsys):  # noqa: F811
    src, kept, _ = source(plan_gpkg, tmp_path)
    by_hand = tmp_path / "by-hand.gpkg"  # the same import on the command line, to compare
    shutil.copyfile(master, by_hand)
    capsys.readouterr()
    assert main(["import", str(by_hand), str(src), "--layer", "mine_patches"]) == 0
    said = capsys.readouterr().out.splitlines()
    heard = Heard()
    got = processing.run("toksun:import", {"MASTER": str(master), "SOURCE": str(src),
                                           "LAYER": 0}, feedback=heard)
    assert (got["UPDATED"], got["INSERTED"]) == (len(kept), NEW), got
    lines = [text for _, text in heard.lines]
    for what in ("empty in the source", "left empty as the source gives none"):
        here = [ln for ln in lines if what in ln]
        there = [ln.strip() for ln in said if what in ln]
        assert len(here) == 1 and here == there, (here, there)
