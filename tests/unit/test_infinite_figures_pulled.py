# SPDX-License-Identifier: GPL-2.0-or-later
"""±Infinity written into a plan layer of a GeoPackage master (1e400 by a script): a pull
brings it into the package as the master holds it, naming each record and field (a merge
refuses it from a package, no report counts it), never without a word. A layer of the
county's own keeps ±Infinity unsaid, as QGIS writes it."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows

CODE = "CT6504222016000053002"


def test_a_pull_names_the_infinite_figures_it_brings(master, tmp_path, capsys,
                                                      chinese_locale):
    pkg = tmp_path / "t.gpkg"
    assert cli_said(capsys, "checkout", master, pkg, "--device", "tab-t")[0] == errors.OK
    edit(master, "UPDATE mine_patches SET area_m2 = 1e400 WHERE patch_code = ?", CODE)
    edit(master, "UPDATE plan_indicators SET value_2035 = -1e400 WHERE indicator_id = "
                 "'legacy_mine_remediation_area'")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "the pull brought figures no report can count or check, as the master holds them: " \
        f"mine_patches {CODE}: area_m2 holds inf; plan_indicators 历史遗留矿山综合治理面积: " \
        "value_2035 holds -inf; write each as a number (or empty) in the master, then pull " \
        "again" in said, said
    assert "拉取带来了报告无法计算或核对的数值（与主库所存一致）：mine_patches " \
        f"{CODE}: area_m2 的值为 inf" in said, said
    assert rows(pkg, "SELECT value_2035 FROM plan_indicators WHERE indicator_id = "
                     "'legacy_mine_remediation_area'") == [(float("-inf"),)]
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "no report can count" not in said, said
