# SPDX-License-Identifier: GPL-2.0-or-later
"""Two devices give a record a class and a sub-class of it, each their own: the merge keeps
two conflicts, one a field. Settled one at a time by other sides, they would leave a
sub-class of another class, which the merge itself refuses: such a decision is refused,
naming the row, the two fields, the values and the other conflict to settle with it, in
English and in Chinese; both settled in one command, the pair they leave is what is checked."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import pairs
from field_kit.sync.conflicts import Conflict
from tests.unit.cli_run import cli, sent
from tests.unit.gpkg_factory import edit, rows

PATCH = "CT6504222017000026001"


@pytest.fixture
def apart(master, tmp_path, capsys, request):
    """The master holding class 30 / sub-class 33 (tab-b's), tab-a's 20 / 21 set aside in
    conflicts 1 (class) and 2 (sub-class), from class 10 and sub-class 11 (or the fixture's
    parameter); the record's uuid."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
                 "patch_subclass, verifier, verified_on) SELECT uuid, patch_code, '10', ?, "
                 "'Li', '2025-05-20' FROM mine_patches WHERE patch_code = ?",
         getattr(request, "param", "11"), PATCH)
    return met_by_two(master, tmp_path, capsys, ("patch_class", "patch_subclass"),
                      ("20", "21"), ("30", "33"))


def met_by_two(master, tmp_path, capsys, fields: tuple[str, ...], a: tuple, b: tuple) -> str:
    """tab-a, then tab-b, give the verification's ``fields`` their values (``a``, ``b``):
    the master holds tab-b's, tab-a's are set aside in conflicts 1, 2…, one a field; the
    record's uuid."""
    for dev, values in (("tab-a", a), ("tab-b", b)):
        pkg = tmp_path / f"{dev}.gpkg"
        assert cli(capsys, "checkout", master, pkg, "--device", dev, "--role",
                   "technician")[0] == errors.OK
        edit(pkg, f"UPDATE patch_verifications SET {' = ?, '.join(fields)} = ?", *values)
    code, out = sent(capsys, tmp_path / "tab-a.gpkg", master, tmp_path / "a.zip")
    assert code == errors.OK, out
    code, out = sent(capsys, tmp_path / "tab-b.gpkg", master, tmp_path / "b.zip")
    assert code == errors.CONFLICTS, out
    assert rows(master, "SELECT id, field FROM sync_conflicts WHERE status = 'open'") == \
        list(enumerate(fields, 1))
    return rows(master, "SELECT uuid FROM patch_verifications")[0][0]


def _held(master):
    return rows(master, "SELECT patch_class, patch_subclass FROM patch_verifications")[0]


def test_settling_the_class_alone_to_a_class_the_sub_class_is_not_of_is_refused(
        master, apart, capsys, monkeypatch):
    code, out, err = cli(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.REFUSED, out + err
    assert (f"conflict 1: patch_verifications {PATCH} 2025-05-20 (row {apart}) would be left "
            'with Patch sub-class "33", which does not belong to Patch class "20"; nothing was '
            "settled: settle conflict 2 (Patch sub-class) with it, in one command, so that the "
            "pair fits: resolve 1 2 --take theirs (or --take ours, or --take ancestor), or type "
            "both: resolve 1 2 --value PATCH_CLASS --value PATCH_SUBCLASS\n") in err, err
    assert _held(master) == ("30", "33")
    assert rows(master, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(2,)]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    err = cli(capsys, "resolve", master, "1", "--take", "theirs")[2]
    assert (f"冲突 1：图斑核查记录 {PATCH} 2025-05-20（要素 {apart}）的图斑小类将为 33，不属于"
            "图斑大类 20；未处理任何冲突：请在同一条命令中一并处理冲突 2（图斑小类），使两者相符："
            "resolve 1 2 --take theirs（或 --take ours、--take ancestor），或自行给出两者的值："
            "resolve 1 2 --value PATCH_CLASS --value PATCH_SUBCLASS\n") in err, err


def test_settling_the_sub_class_alone_to_one_of_another_class_is_refused(master, apart,
                                                                          capsys):
    code, _, err = cli(capsys, "resolve", master, "2", "--take", "theirs")
    assert code == errors.REFUSED, err
    assert 'Patch sub-class "21", which does not belong to Patch class "30"' in err, err
    assert "settle conflict 1 (Patch class) with it" in err, err
    assert _held(master) == ("30", "33")


def test_both_settled_in_one_command_leave_the_pair_they_give(master, apart, capsys,
                                                             monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "resolve", master, "1", "2", "--take", "theirs")
    assert code == errors.OK, out + err
    assert "resolved 2 conflicts: 1, 2" in out and "已处理 2 项冲突：1、2" in out, out
    assert _held(master) == ("20", "21")
    assert rows(master, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(0,)]


def test_a_decision_that_keeps_the_pair_fitting_goes_alone(master, apart, capsys):
    assert cli(capsys, "resolve", master, "2", "--take", "ours")[0] == errors.OK
    assert _held(master) == ("30", "33")


@pytest.mark.parametrize("decision", [("--take", "ancestor"), ("--value", "21")])
def test_a_sub_class_settled_alone_to_one_of_another_class_says_what_to_settle_with_it(
        master, apart, capsys, decision):
    """The ancestor's sub-class 11 (of class 10), or sub-class 21 typed, under the class 30
    the master holds: refused as the pair it leaves, naming the class's conflict to settle
    with it, not as a value refused alone ("does not belong to patch_class '30'")."""
    code, out, err = cli(capsys, "resolve", master, "2", *decision)
    assert code == errors.REFUSED, out + err
    assert "settle conflict 1 (Patch class) with it, in one command, so that the pair fits: " \
           "resolve 1 2 --take " in err, err
    assert "patch_class '30'" not in err, err
    assert _held(master) == ("30", "33")


@pytest.mark.parametrize("apart", ["31"], indirect=True)  # (an ancestor that did not fit)
def test_both_refused_together_say_which_sides_would_fit(master, apart):
    """Both settled by a side whose pair does not fit (class 10 with sub-class 31 of class
    30): refused, with the sides that would fit both, for a face to offer (Settle
    conflicts names their buttons, not "no one side fits")."""
    from field_kit.sync import merge

    with pytest.raises(errors.PairsApart) as refused:
        merge.resolve(master, [1, 2], take="ancestor")
    (a,) = refused.value.apart
    assert (a.ids, a.fits) == ((1, 2), ("theirs", "ours"))
    assert _held(master) == ("30", "33")


def test_a_class_and_sub_class_no_side_holds_are_typed_together(master, apart, capsys):
    """The record is found to be of class 40, sub-class 41, which neither device gave: each
    typed alone is refused as a pair apart; one --value for each conflict, in order, settles
    both in one command."""
    code, out, err = cli(capsys, "resolve", master, "1", "2", "--value", "40", "--value", "41")
    assert code == errors.OK, out + err
    assert 'patch_class now holds "40"' in out and 'patch_subclass now holds "41"' in out, out
    assert _held(master) == ("40", "41")
    assert rows(master, "SELECT id, resolution FROM sync_conflicts ORDER BY id") == [
        (1, "value:40"), (2, "value:41")]


def _conflict(id_: int, field: str | None) -> Conflict:
    return Conflict.from_row((id_, "m", "c", "patch_verifications", "r", field, "update",
                              '"10"', '"30"', '"20"', "tab-a", "t", "open", None, None, None))


@pytest.mark.parametrize("fits, field", [(("theirs", "ours"), "patch_class"),
                                         ((), "patch_class"), ((), None)])
def test_the_advice_for_a_pair_apart_says_the_same_in_chinese(fits, field):
    """The Chinese of a pair left apart (the message's patterns) says what the advice's
    own Chinese says: a side that fits, or the two values typed, or, a whole row's conflict
    decided with them (no value typed for it), settled as the master holds them, then
    mended."""
    head = ("conflict 1: patch_verifications P1 (row r) would be left with Patch sub-class "
            '"33", which does not belong to Patch class "20"; nothing was settled')
    head_zh = ("冲突 1：图斑核查记录 P1（要素 r）的图斑小类将为 33，不属于图斑大类 20；"
               "未处理任何冲突")
    mine, other = _conflict(1, field), _conflict(2, "patch_subclass")
    how = pairs.settle_together([other], [mine, other], fits, pairs._PAIR)
    assert ("--value PATCH_CLASS --value PATCH_SUBCLASS" in how.en) == (field is not None)
    assert chinese(f"{head}: {how.en}") == f"{head_zh}：{how.zh}"


@pytest.mark.parametrize("ids, values", [(["1", "2"], ["40"] * 3), (["2"], ["41", "40"])])
def test_values_typed_are_one_for_each_conflict_id(master, apart, capsys, ids, values):
    typed = [a for v in values for a in ("--value", v)]
    code, out, err = cli(capsys, "resolve", master, *ids, *typed)
    assert code == errors.BAD_INPUT, out + err
    assert f"give one --value for each conflict ID, in the same order ({len(ids)} " \
           f"conflict{'s' * (len(ids) > 1)}, {len(values)} values); nothing was changed" in err, err
    assert _held(master) == ("30", "33")
    code, out, err = cli(capsys, "resolve", master, "--all", "b.zip", "--value", "40",
                         "--value", "41")
    assert code == errors.BAD_INPUT and "several --value go one to each conflict ID, in " \
        "order, not to --all: give the IDs" in err, err
    code, out, err = cli(capsys, "resolve", master, "1", "1", "--value", "40", "--value", "20")
    assert code == errors.BAD_INPUT and "conflict 1 given twice: give each conflict ID " \
        "once, with its --value; nothing was changed" in err, err
    assert _held(master) == ("30", "33")
