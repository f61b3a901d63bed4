# SPDX-License-Identifier: GPL-2.0-or-later
"""A phone whose clock reads 2020 fills a verification's day in as 2020-01-01, before the
plan period: the merge refuses it, and says with the refusal that the device's clock was
behind, as it says of the edits it applies dated so."""

from __future__ import annotations

import json
import shutil

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import package_checkout, package_export
from tests.unit.cli_run import cli_said
from tests.unit.test_field_check import _insert
from tests.unit.test_merge_says_wrong_clocks import dated


def test_an_edit_refused_for_a_day_its_wrong_clock_gave_says_the_clock(master, tmp_path,
                                                                       capsys):
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t")  # a technician
    with connect(pkg) as conn:
        patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(pkg, patch, notes="on a phone set to 2020", verified_on="2020-01-01")
    dated(pkg, "2020-01-01 10:00:00")
    out = tmp_path / "t.zip"
    package_export.export(pkg, out)
    shutil.copyfile(master, tmp_path / "other.gpkg")
    code, said = cli_said(capsys, "merge", master, out)
    assert code == errors.REFUSED, said
    assert "must lie in the plan period" in said or "outside" in said, said
    line = next((x.strip() for x in said.splitlines() if "clock was behind" in x), None)
    assert line is not None and line.startswith("1 refused edit from device tab-t dated "), \
        said
    assert "before its package was checked out" in line and "mend the date" in line, line
    zh = chinese(line)
    assert "设备 tab-t 被拒绝的 1 项修改" in zh and "时钟偏慢" in zh, zh
    code, said = cli_said(capsys, "merge", tmp_path / "other.gpkg", out, "--json")
    (merged,) = json.loads(said)["merges"]
    assert [c["kind"] for c in merged["clock"]] == ["refused behind"], merged["clock"]
