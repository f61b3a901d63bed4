# SPDX-License-Identifier: GPL-2.0-or-later
"""An infinite figure on a PostgreSQL master: a package's (1e400, written by a script) is
refused by the merge, its field named; one typed in psql ('Infinity') is named by progress,
check-plan and the report with its record and field (exit 2), and by the pull and the
checkout that bring it, as on a GeoPackage master."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_infinite_figures_pulled import infinities_pulled

CODE = "CT6504222016000053002"
ADD = ("INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
       "verified_on, measured_area_m2, treated_area_m2) VALUES (?, ?, 'B', '2024-05-01', ?, ?)")


def test_an_infinite_figure_is_refused_by_a_merge_and_named_by_the_reports(
        plan_database, tmp_path, capsys):
    master = plan_database
    pkg = tmp_path / "t.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "tab-t")
    assert code == errors.OK, said
    ((patch,),) = rows(pkg, "SELECT uuid FROM mine_patches WHERE patch_code = ?", CODE)
    edit(pkg, ADD, patch, CODE, 1200.0, 1000.0)
    edit(pkg, ADD.replace("?, ?)", "1e400, 1e400)"), patch, CODE)
    assert cli_said(capsys, "export", pkg, tmp_path / "t.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "t.zip")
    assert code == errors.REFUSED, said
    assert "applied 1, already applied 0, conflicts 0, refused 1" in said, said
    assert "measured_area_m2: inf is not a finite number; treated_area_m2: inf is not a " \
        "finite number" in said, said
    assert query(master, "SELECT measured_area_m2 FROM patch_verifications") == [(1200.0,)]
    code, said = cli_said(capsys, "progress", master)
    assert code == errors.OK, said
    # typed in psql
    query(master, "UPDATE patch_verifications SET measured_area_m2 = 'Infinity'")
    query(master, "UPDATE plan_indicators SET value_2035 = '-Infinity' WHERE indicator_id = "
                  "'legacy_mine_remediation_area'")
    for argv in (("progress", master), ("check-plan", master),
                 ("report", master, "--out", tmp_path / "r.xlsx")):
        code, said = cli_said(capsys, *argv)
        assert code == errors.BAD_INPUT, (argv, said)
        assert "holds figures no report can count or check" in said, said
        assert f"patch_verifications {CODE}: measured_area_m2 holds inf" in said, said
        assert "plan_indicators legacy_mine_remediation_area: value_2035 holds -inf" in said
    assert not (tmp_path / "r.xlsx").exists()


def test_a_figure_holding_nan_in_the_master_is_named_by_the_reports(plan_database, tmp_path,
                                                                     capsys):
    """NaN typed in psql reaches the copy the reports read as empty, as a GeoPackage holds
    it: a figure left out unsaid. Each report names it with its record and field (exit 2)."""
    master = plan_database
    query(master, "UPDATE mine_patches SET area_m2 = 'NaN' WHERE patch_code = %s", CODE)
    query(master, "UPDATE plan_indicators SET value_2025 = 'NaN' WHERE indicator_id = "
                  "'legacy_mine_remediation_area'")
    for argv in (("progress", master), ("check-plan", master),
                 ("report", master, "--out", tmp_path / "r.xlsx")):
        code, said = cli_said(capsys, *argv)
        assert code == errors.BAD_INPUT, (argv, said)
        assert "holds figures no report can count or check: mine_patches " \
            f"{CODE}: area_m2 holds nan; plan_indicators legacy_mine_remediation_area: " \
            "value_2025 holds nan; write each" in said, said
    assert not (tmp_path / "r.xlsx").exists()


def test_an_infinite_figure_typed_in_psql_is_named_by_the_pull(plan_database, tmp_path,
                                                                capsys, monkeypatch):
    """A pull brings 'Infinity' typed in psql into a plan layer of the package as the master
    holds it (a merge refuses it from a package), and names each record and field, in
    Chinese too; it passed them without a word."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    said = infinities_pulled(capsys, plan_database, tmp_path / "t.gpkg", "'Infinity'",
                             "'-Infinity'", lambda sql, *args: query(
                                 plan_database, sql.replace("?", "%s"), *args))
    assert "拉取带来了报告无法计算或核对的数值（与主库所存一致）" in said, said


def test_an_infinite_figure_typed_in_psql_is_named_by_the_checkout(plan_database, tmp_path,
                                                                    capsys,
                                                                    chinese_locale):  # noqa: F811
    """A checkout carries 'Infinity' typed in psql into a plan layer of the package as the
    master holds it, as a pull brings it, and names each record and field, in Chinese too;
    it carried them without a word."""
    master = plan_database
    query(master, "UPDATE mine_patches SET area_m2 = 'Infinity' WHERE patch_code = %s", CODE)
    query(master, "UPDATE plan_indicators SET value_2035 = '-Infinity' WHERE indicator_id = "
                  "'legacy_mine_remediation_area'")
    pkg = tmp_path / "t.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "tab-t")
    assert code == errors.OK, said
    assert "the checkout brought figures no report can count or check, as the master holds " \
        f"them: mine_patches {CODE}: area_m2 holds inf; plan_indicators " \
        "历史遗留矿山综合治理面积: value_2035 holds -inf; write each as a number (or empty) in " \
        "the master, then pull" in said, said
    assert "签出带来了报告无法计算或核对的数值（与主库所存一致）" in said, said
    assert rows(pkg, "SELECT area_m2 FROM mine_patches WHERE patch_code = ?", CODE) == [
        (float("inf"),)]
