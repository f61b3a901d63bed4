# SPDX-License-Identifier: GPL-2.0-or-later
"""An import refused for its errors writes nothing, and its summary says so: the rows it
would update and add are said as what would be written once the errors are fixed, never as
updated."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

SAID = {
    "en": ("would be updated 8, new 1 once the errors are fixed (nothing written), "
           "unchanged 0", "updated 8"),
    "zh": ("改正错误后将更新 8，新增 1（未写入），未变 0", "更新 8"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_refused_import_says_what_it_would_update(master, tmp_path, capsys, monkeypatch,
                                                   lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(master)
    patches = [patches[1] | {"code": "CT123"}, *patches[2:]]  # a code in no national format
    src = L.write_geojson(tmp_path / "tb.geojson", patches)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    said, never = SAID[lang]
    assert said in out, out
    assert not any(ln.startswith(never) for ln in out.splitlines()), out
