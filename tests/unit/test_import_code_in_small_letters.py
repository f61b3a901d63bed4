# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch code in small letters (ct6504…, as a spreadsheet or a phone's keyboard leaves it)
is read in capitals, as the plan holds it and as `history` reads it, and said: it was
refused as matching no national format, and the patch it names was listed as missing from
the source."""

from __future__ import annotations

import json
import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli_said as cli

PATCH = "CT6504222017000026002"
NEW = "CT6504222017000026505"
SQUARE = [[88.70, 42.95], [88.704, 42.95], [88.704, 42.954], [88.70, 42.954], [88.70, 42.95]]


def _source(tmp_path) -> str:
    features = [{"type": "Feature", "properties": {"图斑编号": code, "乡镇": "郭勒布依乡"},
                 "geometry": {"type": "Polygon", "coordinates": [
                     [[x + dx, y] for x, y in SQUARE]]}}
                for code, dx in ((PATCH.lower(), 0.0), (NEW.lower(), 0.01))]
    src = tmp_path / "small.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              ensure_ascii=False), encoding="utf-8")
    return str(src)


def test_a_code_in_small_letters_is_read_in_capitals_and_said(master, tmp_path, capsys,
                                                              monkeypatch):
    src = _source(tmp_path)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert (f"patch code {PATCH.lower()!r} read as {PATCH} (spaces taken out, full-width "
            "characters read as half-width, letters as capitals)") in out, out
    assert "updated 1, new 1," in out and f"missing (kept) {PATCH}" not in out, out
    conn = sqlite3.connect(master)
    codes = [c for (c,) in conn.execute(
        "SELECT patch_code FROM mine_patches WHERE patch_code IN (?, ?, ?, ?)",
        (PATCH, NEW, PATCH.lower(), NEW.lower()))]
    conn.close()
    assert sorted(codes) == [PATCH, NEW]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")[1]
    assert (f"图斑编号 {NEW.lower()!r} 按 {NEW} 读取（去掉空格、全角字符改为半角、字母改为大写）"
            in out), out
