# SPDX-License-Identifier: GPL-2.0-or-later
"""±Infinity typed into a plan layer of a GeoPackage master in the sqlite3 shell (1e400):
a checkout carries it into the package as the master holds it, as a pull brings it, and
names each record and field, in Chinese too (a merge refuses it from a package, no report
counts it); it carried them without a word."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import rows
from tests.unit.test_shape_edited_in_the_master import in_the_shell

CODE = "CT6504222016000053002"
INDICATOR = "legacy_mine_remediation_area"


def infinite_in_the_shell(master) -> None:
    in_the_shell(master, f"UPDATE mine_patches SET area_m2 = 1e400 WHERE patch_code = '{CODE}'; "
                         "UPDATE plan_indicators SET value_2035 = -1e400 WHERE indicator_id = "
                         f"'{INDICATOR}'")


def test_a_checkout_names_the_infinite_figures_it_carries(master, tmp_path, capsys,
                                                          chinese_locale):
    infinite_in_the_shell(master)
    pkg = tmp_path / "t.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "tab-t")
    assert code == errors.OK, said
    assert "field-kit: warning: the checkout brought figures no report can count or check, " \
        f"as the master holds them: mine_patches {CODE}: area_m2 holds inf; plan_indicators " \
        "历史遗留矿山综合治理面积: value_2035 holds -inf; write each as a number (or empty) in " \
        "the master, then pull" in said, said
    assert "签出带来了报告无法计算或核对的数值（与主库所存一致）：mine_patches " \
        f"{CODE}: area_m2 的值为 inf" in said, said
    # carried as the master holds them, as a pull brings them
    assert rows(pkg, "SELECT area_m2 FROM mine_patches WHERE patch_code = ?", CODE) == [
        (float("inf"),)]
    assert rows(pkg, "SELECT value_2035 FROM plan_indicators WHERE indicator_id = ?",
                INDICATOR) == [(float("-inf"),)]
    # what it asks mends the package: a number written in the master, then a pull
    in_the_shell(master, f"UPDATE mine_patches SET area_m2 = 1200 WHERE patch_code = '{CODE}'")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "no report can count" not in said, said
    assert rows(pkg, "SELECT area_m2 FROM mine_patches WHERE patch_code = ?", CODE) == [
        (1200.0,)]


def test_a_checkout_names_only_the_infinite_figures_its_patches_keep(master, tmp_path,
                                                                     capsys):
    """A package cut to other patches does not hold the patch's infinite area: unnamed; the
    indicators, carried whole, are named."""
    infinite_in_the_shell(master)
    ((other,),) = rows(master, "SELECT patch_code FROM mine_patches WHERE patch_code <> ? "
                               "AND area_m2 IS NOT NULL ORDER BY fid LIMIT 1", CODE)
    code, said = cli_said(capsys, "checkout", master, tmp_path / "t.gpkg", "--device",
                          "tab-t", "--patches", other)
    assert code == errors.OK, said
    assert "the checkout brought figures no report can count or check, as the master holds " \
        "them: plan_indicators 历史遗留矿山综合治理面积: value_2035 holds -inf; write each" \
        in said, said


def test_a_checkout_for_qfield_names_the_infinite_figures(master, tmp_path, capsys):
    infinite_in_the_shell(master)
    code, said = cli_said(capsys, "checkout", master, tmp_path / "q", "--device", "phone-q",
                          "--for", "qfield")
    assert code == errors.OK, said
    assert "the checkout brought figures no report can count or check, as the master holds " \
        f"them: mine_patches {CODE}: area_m2 holds inf; plan_indicators" in said, said
