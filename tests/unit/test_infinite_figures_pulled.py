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
    said = infinities_pulled(capsys, master, tmp_path / "t.gpkg", "1e400", "-1e400",
                             lambda sql, *args: edit(master, sql, *args))
    assert "拉取带来了报告无法计算或核对的数值（与主库所存一致）：mine_patches " \
        f"{CODE}: area_m2 的值为 inf" in said, said


def infinities_pulled(capsys, master, pkg, inf: str, minus_inf: str, write) -> str:
    """Check out ``pkg``, write ``inf`` into a patch's area and ``minus_inf`` into an
    indicator of ``master`` (``write(sql, *args)``), pull: the figures are named, brought as
    the master holds them, and said once only. What the first pull said."""
    assert cli_said(capsys, "checkout", master, pkg, "--device", "tab-t")[0] == errors.OK
    write(f"UPDATE mine_patches SET area_m2 = {inf} WHERE patch_code = ?", CODE)
    write(f"UPDATE plan_indicators SET value_2035 = {minus_inf} WHERE indicator_id = "
          "'legacy_mine_remediation_area'")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "applied 2," in said, said
    assert "the pull brought figures no report can count or check, as the master holds them: " \
        f"mine_patches {CODE}: area_m2 holds inf; plan_indicators 历史遗留矿山综合治理面积: " \
        "value_2035 holds -inf; write each as a number (or empty) in the master, then pull " \
        "again" in said, said
    assert rows(pkg, "SELECT area_m2 FROM mine_patches WHERE patch_code = ?", CODE) == [
        (float("inf"),)]
    assert rows(pkg, "SELECT value_2035 FROM plan_indicators WHERE indicator_id = "
                     "'legacy_mine_remediation_area'") == [(float("-inf"),)]
    # said once: a pull that brings nothing new says nothing of them
    again, twice = cli_said(capsys, "pull", pkg, master)
    assert again == errors.OK and "no report can count" not in twice, twice
    return said
