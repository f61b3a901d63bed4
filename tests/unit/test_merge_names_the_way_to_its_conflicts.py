# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge that leaves conflicts to settle names the command that lists them, with the
master as typed, in English and Chinese."""

import shlex
import shutil

from field_kit import errors
from field_kit.db import in_command
from tests.unit.cli_run import cli
from tests.unit.test_project_figures_apart import _package


def test_a_merge_leaving_conflicts_names_the_way_on(master, tmp_path, capsys, chinese_locale):
    typed = tmp_path / "county master.gpkg"  # (a name a shell needs quoted)
    shutil.move(master, typed)
    set_area = "UPDATE mine_patches SET area_m2 = {} WHERE patch_code = ?"
    first = _package(typed, tmp_path, "gis-1", set_area.format(109000))
    second = _package(typed, tmp_path, "gis-2", set_area.format(111000))
    code, out, err = cli(capsys, "merge", typed, first)
    assert code == errors.OK and "field-kit conflicts" not in out + err, out + err
    code, out, err = cli(capsys, "merge", typed, second)
    assert code == errors.CONFLICTS, out + err
    way = f"field-kit conflicts {in_command(typed)}"
    assert f"to see and settle them: {way}\n" in out + err, out + err
    assert f"查看并处理这些冲突：{way}\n" in out + err, out + err
    code, out, err = cli(capsys, *shlex.split(way)[1:])  # typed as printed
    assert code == errors.CONFLICTS and "to settle one: field-kit resolve" in out + err
