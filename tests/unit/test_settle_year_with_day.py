# SPDX-License-Identifier: GPL-2.0-or-later
"""Two devices give a verification a year closed and a day verified, each their own: the
merge keeps two conflicts, one a field. Settled one at a time, a side taken for one field
alone can leave the mine closed after the year of its verification: refused (exit 3, as a
sub-class left under another class is), nothing settled, naming the other field's open
conflict to settle with it, by a side or by a value typed for each, in English and in
Chinese."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit.cli_run import cli, sent
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_settle_class_with_subclass import PATCH, met_by_two

HELD = (2022, "2022-01-01")  # tab-b's, merged last: what the master holds


@pytest.fixture
def met(master, tmp_path, capsys, request):
    """The master holding tab-b's year closed 2022 and day 2022-01-01, tab-a's (2023 and
    2023-03-01, or the fixture's parameter) set aside in conflicts 1 (year) and 2 (day);
    the record's uuid."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on, year_closed) SELECT uuid, patch_code, 'Li', '2025-05-20', 2020 "
                 "FROM mine_patches WHERE patch_code = ?", PATCH)
    return met_by_two(master, tmp_path, capsys, ("year_closed", "verified_on"),
                      getattr(request, "param", (2023, "2023-03-01")), HELD)


def _held(master):
    return rows(master, "SELECT year_closed, verified_on FROM patch_verifications")[0]


def test_the_year_taken_alone_after_the_days_names_the_days_conflict(master, met, capsys,
                                                                     monkeypatch):
    """Before, refused as bad input (exit 2), saying nothing of conflict 2."""
    code, out, err = cli(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.REFUSED, out + err
    assert err == "field-kit: conflict 1: The year closed cannot be after the year of " \
        "verification (2022); nothing was settled: settle conflict 2 (Date verified) with " \
        "it, in one command, so that the record keeps the rule: resolve 1 2 --take theirs " \
        "(or --take ours, or --take ancestor), or type both: resolve 1 2 --value YEAR_CLOSED " \
        "--value VERIFIED_ON\n", err
    assert _held(master) == HELD
    assert rows(master, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(2,)]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, _, err = cli(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.REFUSED, err
    assert "field-kit: 冲突 1：闭坑年份不能晚于核查年份（2022）；未处理任何冲突：请在同一条命令中" \
        "一并处理冲突 2（核查日期），使记录符合规则：resolve 1 2 --take theirs（或 --take ours、" \
        "--take ancestor），或自行给出两者的值：resolve 1 2 --value YEAR_CLOSED --value " \
        "VERIFIED_ON\n" in err, err


@pytest.mark.parametrize("met", [(2019, "2021-06-01")], indirect=True)
def test_the_day_taken_alone_before_the_year_names_the_years_conflict(master, met, capsys):
    code, out, err = cli(capsys, "resolve", master, "2", "--take", "theirs")
    assert code == errors.REFUSED, out + err
    assert "conflict 2: The year closed cannot be after the year of verification (2021); " \
        "nothing was settled: settle conflict 1 (Year closed) with it, in one command, so " \
        "that the record keeps the rule: resolve 1 2 --take theirs" in err, err
    assert _held(master) == HELD


@pytest.mark.parametrize("decision", [("--take", "theirs"),
                                      ("--value", "2022", "--value", "2023-03-01")])
def test_both_settled_in_one_command_keep_the_rule(master, met, capsys, decision):
    code, out, err = cli(capsys, "resolve", master, "1", "2", *decision)
    assert code == errors.OK, out + err
    assert _held(master)[1] == "2023-03-01" and _held(master)[0] in (2022, 2023)
    assert rows(master, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(0,)]


def test_a_year_typed_alone_with_no_other_conflict_says_so(master, met, capsys):
    """The day settled first, a year typed after its year is refused alike (exit 3), with
    no conflict to settle with it."""
    assert cli(capsys, "resolve", master, "2", "--take", "ours")[0] == errors.OK
    code, out, err = cli(capsys, "resolve", master, "1", "--value", "2030")
    assert code == errors.REFUSED, out + err
    assert err == "field-kit: conflict 1: The year closed cannot be after the year of " \
        "verification (2022); nothing was changed\n", err
    assert _held(master) == HELD


@pytest.fixture
def deleted_and_met(master, tmp_path, capsys):
    """The verification (year closed 2020, day 2025-05-20) deleted by tab-d, then edited by
    tab-a (2023, 2023-03-01) and tab-e (2021, 2022-01-01), merged in that order: conflicts
    1 (the whole row: tab-a's edit of the row deleted), 2 (year) and 3 (day)."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on, year_closed) SELECT uuid, patch_code, 'Li', '2025-05-20', 2020 "
                 "FROM mine_patches WHERE patch_code = ?", PATCH)
    given = {"tab-d": "DELETE FROM patch_verifications",
             "tab-a": "UPDATE patch_verifications SET year_closed = 2023, verified_on = "
                      "'2023-03-01'",
             "tab-e": "UPDATE patch_verifications SET year_closed = 2021, verified_on = "
                      "'2022-01-01'"}
    for dev in given:
        assert cli(capsys, "checkout", master, tmp_path / f"{dev}.gpkg", "--device", dev,
                   "--role", "technician")[0] == errors.OK
    for dev, sql in given.items():
        edit(tmp_path / f"{dev}.gpkg", sql)
        sent(capsys, tmp_path / f"{dev}.gpkg", master, tmp_path / f"{dev}.zip")
    assert rows(master, "SELECT id, field FROM sync_conflicts WHERE status = 'open'") == [
        (1, None), (2, "year_closed"), (3, "verified_on")]


def test_the_advice_never_takes_a_whole_rows_side_for_a_fields_rule(master, deleted_and_met,
                                                                    capsys):
    """The year taken alone: settle the day with it; the whole row's conflict (an edit
    against the delete), whose side would delete the record or bring it back, is not
    part of what keeps the rule (it was, first among the conflicts to settle)."""
    code, out, err = cli(capsys, "resolve", master, "2", "--take", "theirs")
    assert code == errors.REFUSED, out + err
    assert "nothing was settled: settle conflict 3 (Date verified) with it, in one command, " \
        "so that the record keeps the rule: resolve 2 3 --take theirs" in err, err
    assert "whole row" not in err and "resolve 1 " not in err, err


def test_two_values_typed_that_break_the_rule_themselves_say_so_alone(master,
                                                                      deleted_and_met, capsys):
    code, out, err = cli(capsys, "resolve", master, "2", "3", "--value", "2023", "--value",
                         "2022-02-02")
    assert code == errors.REFUSED, out + err
    assert err == "field-kit: conflict 2: The year closed cannot be after the year of " \
        "verification (2022); nothing was changed\n", err


def test_the_year_refused_beside_a_class_is_named_by_the_years_conflict(master, tmp_path,
                                                                        capsys):
    """Class, sub-class and year settled together, the day left: the refusal is the year's
    (conflict 3), not the class's (conflict 1), and it names the day's to settle with it."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
                 "patch_subclass, verifier, verified_on, year_closed) SELECT uuid, "
                 "patch_code, '10', '11', 'Li', '2025-05-20', 2020 FROM mine_patches WHERE "
                 "patch_code = ?", PATCH)
    met_by_two(master, tmp_path, capsys, ("patch_class", "patch_subclass", "year_closed",
                                          "verified_on"),
               ("20", "21", 2023, "2023-03-01"), ("30", "33", *HELD))
    code, out, err = cli(capsys, "resolve", master, "1", "2", "3", "--take", "theirs")
    assert code == errors.REFUSED, out + err
    assert err.startswith("field-kit: conflict 3: The year closed cannot be after the year of "
                          "verification (2022); nothing was settled: settle conflict 4 (Date "
                          "verified) with it"), err
    assert "resolve 3 4 --take theirs" in err and "--value YEAR_CLOSED --value VERIFIED_ON" \
        in err, err
