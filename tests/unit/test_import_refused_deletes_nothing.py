# SPDX-License-Identifier: GPL-2.0-or-later
"""An import refused with --delete-missing deletes nothing, and says so: the rows missing
from the source are said as what would be deleted once the errors are fixed, never as
deleted."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

SAID = {
    "en": ("missing from the source 3 (--delete-missing: none deleted; 3 would be deleted once "
           "the errors are fixed)", "not deleted (import refused; deleted once the errors are "
           "fixed) ", ("(--delete-missing: deleted)", "delete ")),
    "zh": ("导入数据中缺少 3（--delete-missing：未删除；改正错误后将删除 3）",
           "未删除（导入已拒绝；改正错误后将删除） ", ("（--delete-missing：删除）", "删除 ")),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_refused_import_says_what_it_would_delete(master, tmp_path, capsys, monkeypatch,
                                                    lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(master)  # (one patch of the master is in none: missing too)
    gone, wrong = patches[0]["code"], patches[1]["code"]
    patches = [patches[1] | {"code": "CT123"}, *patches[2:]]  # a code in no national format
    src = L.write_geojson(tmp_path / "tb.geojson", patches)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--delete-missing")
    assert rc == errors.INVALID, out
    summary, line, never = SAID[lang]
    assert summary in out, out
    for code in (gone, wrong):
        assert any(ln.startswith(line + code) for ln in out.splitlines()), out
    assert never[0] not in out, out
    assert not any(ln.startswith(never[1]) for ln in out.splitlines()), out
    from field_kit.db import connect
    with connect(master, readonly=True) as conn:
        assert conn.execute("SELECT count(*) FROM mine_patches WHERE patch_code IN (?, ?)",
                            (gone, wrong)).fetchone()[0] == 2
