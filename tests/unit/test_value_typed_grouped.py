# SPDX-License-Identifier: GPL-2.0-or-later
"""A figure typed to settle a conflict as ``conflicts`` shows it, grouped by thousands
(110,500), is taken as the number; a comma that groups no thousands is refused, saying how
to write it, in English and Chinese."""

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli
from tests.unit.test_project_figures_apart import CODES, _package

AREA = "SELECT area_m2 FROM mine_patches WHERE patch_code = ?"


def test_a_figure_grouped_by_thousands_settles_a_conflict(master, tmp_path, capsys):
    set_area = "UPDATE mine_patches SET area_m2 = {} WHERE patch_code = ?"
    first = _package(master, tmp_path, "gis-1", set_area.format(109000))
    second = _package(master, tmp_path, "gis-2", set_area.format(111000))
    assert cli(capsys, "merge", master, first)[0] == errors.OK
    assert cli(capsys, "merge", master, second)[0] == errors.CONFLICTS
    (conflict,), = connect(master).execute("SELECT id FROM sync_conflicts WHERE status = 'open'")
    code, out, err = cli(capsys, "resolve", master, conflict, "--value", "1,50")
    assert code == errors.BAD_INPUT, out + err
    said = f"conflict {conflict}: area_m2 takes a number, not '1,50': write it without " \
        "separators, a point before any decimals"
    assert said in err, err
    assert chinese(said).endswith("须为数字，而不是“1,50”：请不加千位分隔符书写，小数用小数点"), \
        chinese(said)
    code, out, err = cli(capsys, "resolve", master, conflict, "--value", "110,500")
    assert code == errors.OK, out + err
    assert connect(master).execute(AREA, (CODES[1],)).fetchall() == [(110500.0,)]
