# SPDX-License-Identifier: GPL-2.0-or-later
"""An import run at a terminal shows how far its reading and checking of the source got, and
then its writing into the master, each on one line of stderr written over in place, in the
command line's language: a county's source of many thousand patches is read for a minute or
more. In a script (stderr no terminal), or with --no-progress, nothing more is said."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.test_progress_on_a_terminal import lines, run_at_terminal, run_on_a_pipe

pytest.importorskip("pyproj")
L._proj_data()


@pytest.fixture
def source(plan_gpkg, tmp_path):
    return L.write_geojson(tmp_path / "surveyed.geojson", L.surveyed(plan_gpkg))


def test_an_import_at_a_terminal_shows_how_far_it_got(master, source, capsys):
    code, said = run_at_terminal("import", master, source, "--layer", "mine_patches")
    assert code == errors.OK, said
    assert re.search(r"\rimport: \d+%", said), said
    assert lines(said) == ["import: 100%", "writing into the master: 100%", ""], said
    assert "written: updated 10, new 1, deleted 0" in capsys.readouterr().out


def test_a_dry_run_reads_and_checks_only(master, source):
    code, said = run_at_terminal("import", master, source, "--layer", "mine_patches",
                                 "--dry-run")
    assert code == errors.OK, said
    assert lines(said) == ["import: 100%", ""], said


def test_in_chinese(master, source, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    code, said = run_at_terminal("import", master, source, "--layer", "mine_patches")
    assert code == errors.OK, said
    assert lines(said) == ["导入：100%", "写入主库：100%", ""], said


def test_none_in_a_script_nor_with_no_progress(master, source):
    code, said = run_on_a_pipe("import", master, source, "--layer", "mine_patches",
                               "--dry-run")
    assert code == errors.OK and said == "", said
    code, said = run_at_terminal("import", master, source, "--layer", "mine_patches",
                                 "--no-progress")
    assert code == errors.OK and said == "", said
