# SPDX-License-Identifier: GPL-2.0-or-later
"""Settling a conflict on a PostgreSQL master says what is true, as on a GeoPackage master: a
decision putting back a record a merge deleted, or giving it the patch a side names, finds
that patch (no warning of a patch "deleted from the master"), and the record follows its
code; ``conflicts`` and ``history`` name the decision afterwards."""

import json
import re

import pytest

from field_kit.plan.geometry import gpkg_blob, multipolygon_wkb
from tests.postgis.cluster import query
from tests.unit import test_undo_says_what_changed as u
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows, verify

CODE, OTHER, THIRD = u.CODE, u.OTHER, "CT6504222017000026003"
RENAMED = "CT6504222017000026099"
TOWNSHIP = "郭勒布依乡"
GONE = "deleted from the master"


@pytest.fixture(params=["gpkg", "postgres"])
def either(request, tmp_path):
    """A master of each kind, and a read of its rows."""
    if request.param == "gpkg":
        m = request.getfixturevalue("master")
        return m, lambda sql, *args: rows(m, sql, *args)
    m = request.getfixturevalue("plan_database")
    return m, lambda sql, *args: [tuple(r) for r in query(m, sql.replace("?", "%s"), *args)]


def _sent(capsys, master, pkg) -> tuple[str, str]:
    """Export ``pkg`` and merge it (conflicts or not): its merge id and what it said."""
    z = f"{pkg}.{len(str(pkg))}.zip"
    code, said = cli_said(capsys, "export", pkg, z)
    assert code == 0, said
    code, said = cli_said(capsys, "merge", master, z, "--json")
    assert code in (0, 1), said
    return json.loads(said[said.index("{"):])["merges"][0]["merge_id"], said


def _verified(capsys, master, tmp_path):
    """A verification of CODE merged, and two technicians holding it: (theirs, the other's
    package, the record's uuid)."""
    tech = u._checkout(capsys, master, tmp_path, "tab-1", "--township", TOWNSHIP)
    verify(tech, CODE)
    _sent(capsys, master, tech)
    other = u._checkout(capsys, master, tmp_path, "tab-2", "--township", TOWNSHIP)
    (row,), = rows(tech, "SELECT uuid FROM patch_verifications WHERE patch_code = ?", CODE)
    return tech, other, row


def _deleted_and_edited(capsys, master, tmp_path):
    """The verification deleted by one merge, edited by the next: (its merge id, the
    record's uuid), its conflict open."""
    tech, other, row = _verified(capsys, master, tmp_path)
    edit(other, "UPDATE patch_verifications SET verifier = '王五' WHERE uuid = ?", row)
    edit(tech, "DELETE FROM patch_verifications WHERE uuid = ?", row)
    _sent(capsys, master, tech)
    merge_id, said = _sent(capsys, master, other)
    assert "edit of a row deleted later; kept as a conflict" in said, said
    return merge_id, row


def _record(read, row):
    return read("SELECT p.patch_code, v.patch_code, v.verifier FROM patch_verifications v "
                "JOIN mine_patches p ON p.uuid = v.patch_uuid WHERE v.uuid = ?", row)


def test_a_record_put_back_names_its_patch(either, tmp_path, capsys):
    master, read = either
    _, row = _deleted_and_edited(capsys, master, tmp_path)
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == 0, said
    assert "conflict 1: patch_verifications " in said and "the row is put back" in said, said
    assert GONE not in said and "warning" not in said, said
    assert _record(read, row) == [(CODE, CODE, "王五")]
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert code == 0 and "#1 resolved update/delete patch_verifications " in said, said
    assert "take:theirs by " in said, said
    code, said = cli_said(capsys, "history", master, row)
    assert code == 0 and "resolve:1" in said, said
    assert GONE not in said, said


def test_a_record_put_back_follows_its_patch_renamed_since(either, tmp_path, capsys):
    master, read = either
    merge_id, row = _deleted_and_edited(capsys, master, tmp_path)
    gis = u._checkout(capsys, master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", RENAMED, CODE)
    _sent(capsys, master, gis)
    code, said = cli_said(capsys, "resolve", master, "--all", merge_id, "--take", "theirs")
    assert code == 0, said
    assert GONE not in said, said
    assert ("patch_verifications: 1 row given the patch_code of the patch it names"
            in said), said
    assert _record(read, row) == [(RENAMED, RENAMED, "王五")]


FAR = "C6521232009097120035838001"  # a patch no package named


def _moved_both_ways(capsys, master, tmp_path):
    """The verification moved to OTHER by one package and to THIRD by the other, its
    conflict on patch_uuid open: the record's uuid."""
    tech, other, row = _verified(capsys, master, tmp_path)
    for pkg, to in ((tech, OTHER), (other, THIRD)):
        edit(pkg, "UPDATE patch_verifications SET patch_uuid = (SELECT uuid FROM mine_patches "
             "WHERE patch_code = ?) WHERE uuid = ?", to, row)
    _sent(capsys, master, tech)
    _, said = _sent(capsys, master, other)
    assert "1 field in conflict" in said, said
    return row


@pytest.mark.parametrize("how", ["theirs", "value"])
def test_a_record_given_the_patch_a_decision_names_follows_it(either, tmp_path, capsys, how):
    """The side kept aside names a patch the record's history never named, or one is typed:
    the record is given it, and that patch's code."""
    master, read = either
    row = _moved_both_ways(capsys, master, tmp_path)
    (theirs,), = read("SELECT theirs FROM sync_conflicts WHERE id = 1 AND field = "
                      "'patch_uuid'")
    (far,), = read("SELECT uuid FROM mine_patches WHERE patch_code = ?", FAR)
    to = json.loads(theirs) if how == "theirs" else far
    (want,), = read("SELECT patch_code FROM mine_patches WHERE uuid = ?", to)
    decision = ["--take", "theirs"] if how == "theirs" else ["--value", far]
    code, said = cli_said(capsys, "resolve", master, "1", *decision)
    assert code == 0, said
    assert GONE not in said, said
    assert ("patch_verifications: 1 row given the patch_code of the patch it names"
            in said), said
    assert _record(read, row) == [(want, want, "李四")]


@pytest.mark.parametrize("take, verifier", (("ancestor", "李四"), ("theirs", "王五")))
def test_a_row_put_back_says_what_it_holds_in_the_fields_in_dispute(either, tmp_path, capsys,
                                                                    take, verifier):
    """A record deleted, and edited on another device: either side taken that puts it back
    says the row is back (not "kept": the master held it deleted) and what the record holds
    now in the field the edit changed (the ancestor taken gives the value from before both
    edits)."""
    master, read = either
    _, row = _deleted_and_edited(capsys, master, tmp_path)
    code, said = cli_said(capsys, "resolve", master, "1", "--take", take)
    assert code == 0, said
    assert "the row is put back" in said and "the row is kept" not in said, said
    assert f"verifier now holds \"{verifier}\"" in said, said
    assert said.count("put back") == 1 and "back whole" not in said, said  # (said once)
    assert _record(read, row) == [(CODE, CODE, verifier)]


def test_a_field_a_row_put_back_leaves_empty_is_said_emptied(either, tmp_path, capsys):
    """The ancestor taken for a record deleted, whose notes the other device had filled:
    the notes are empty again, said as a field's decision says it ("emptied (NULL)"),
    not "now holds null"."""
    master, read = either
    tech, other, row = _verified(capsys, master, tmp_path)
    edit(other, "UPDATE patch_verifications SET notes = '复核' WHERE uuid = ?", row)
    edit(tech, "DELETE FROM patch_verifications WHERE uuid = ?", row)
    _sent(capsys, master, tech)
    _sent(capsys, master, other)
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "ancestor")
    assert code == 0, said
    assert "notes emptied (NULL)" in said and "holds null" not in said, said
    assert read("SELECT notes FROM patch_verifications WHERE uuid = ?", row) == [(None,)]


def _met(capsys, master, tmp_path, column: str, first, then) -> str:
    """The verification's ``column`` given ``first`` on one device and ``then`` on another,
    both merged in that order: conflict 1; the record's uuid."""
    tech, other, row = _verified(capsys, master, tmp_path)
    edit(tech, f"UPDATE patch_verifications SET {column} = ? WHERE uuid = ?", first, row)
    edit(other, f"UPDATE patch_verifications SET {column} = ? WHERE uuid = ?", then, row)
    _sent(capsys, master, tech)
    _sent(capsys, master, other)
    return row


def test_a_decision_on_a_field_of_a_record_deleted_since_says_the_record_is_back(
        either, tmp_path, capsys):
    """Two verifiers' names met in a conflict; the master then deleted the record. Writing
    the other name over that (--over-later-edit) brings the whole record back: said so,
    not only as the one field now holding the name."""
    master, read = either
    row = _met(capsys, master, tmp_path, "verifier", "张三", "王五")
    delete = "DELETE FROM patch_verifications WHERE uuid = ?"
    if str(master).endswith(".gpkg"):
        edit(master, delete, row)
    else:
        query(master, delete.replace("?", "%s"), row)
    assert read("SELECT count(*) FROM patch_verifications WHERE uuid = ?", row) == [(0,)]
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs",
                          "--over-later-edit")
    assert code == 0, said
    assert f"patch_verifications {CODE} 2026-11-30 (row {row}) had been deleted in the " \
        "master: it is back whole" in said, said
    assert _record(read, row) == [(CODE, CODE, "张三")]


def _two_fields_and_a_delete(capsys, master, tmp_path):
    """The verification's verifier and notes given other values on two devices, then deleted
    on a third, merged in that order: conflicts 1 and 2 (the fields), 3 (the row, the
    delete standing); the record's uuid."""
    tech, other, row = _verified(capsys, master, tmp_path)
    third = u._checkout(capsys, master, tmp_path, "tab-3", "--township", TOWNSHIP)
    edit(tech, "UPDATE patch_verifications SET verifier = '张三', notes = 'a' WHERE uuid = ?",
         row)
    edit(other, "UPDATE patch_verifications SET verifier = '王五', notes = 'b' WHERE uuid = ?",
         row)
    edit(third, "DELETE FROM patch_verifications WHERE uuid = ?", row)
    for pkg in (tech, other, third):
        _sent(capsys, master, pkg)
    return row


def test_a_value_typed_for_each_conflict_goes_to_its_conflict(either, tmp_path, capsys):
    """Two fields' conflicts settled in one command, each with a value of its own, in the
    order of their ids; the row's conflict then keeps the record (its delete not taken)."""
    master, read = either
    row = _two_fields_and_a_delete(capsys, master, tmp_path)
    code, said = cli_said(capsys, "resolve", master, "1", "2", "--value", "赵六", "--value",
                          "复核", "--over-later-edit")
    assert code == 0, said
    assert 'verifier now holds "赵六"' in said and 'notes now holds "复核"' in said, said
    assert read("SELECT verifier, notes FROM patch_verifications WHERE uuid = ?", row) == [
        ("赵六", "复核")]


def test_one_value_typed_is_refused_for_conflicts_of_several_fields(either, tmp_path,
                                                                   capsys):
    """`resolve --all MERGE --value V` wrote the one value into every field of the merge's
    conflicts (a year into an area and a count): refused, naming the fields, nothing
    settled."""
    master, read = either
    row = _two_fields_and_a_delete(capsys, master, tmp_path)
    code, said = cli_said(capsys, "conflicts", master, "--json")
    open_ = json.loads(said)
    assert [c["field"] for c in open_] == ["verifier", "notes", None], open_
    merge_id = open_[0]["merge_id"]
    for args in (["--all", merge_id], ["1", "2"]):
        code, said = cli_said(capsys, "resolve", master, *args, "--value", "2020",
                              "--over-later-edit")
        assert code == 2, said
        assert "--value gives one value for one field" in said, said
        assert "patch_verifications.verifier" in said and "patch_verifications.notes" in \
            said, said
    assert json.loads(cli_said(capsys, "conflicts", master, "--json")[1]) == open_
    assert _record(read, row) == []  # (the delete stands)


def test_a_number_that_is_none_is_refused_as_a_decision(either, tmp_path, capsys):
    master, read = either
    row = _met(capsys, master, tmp_path, "measured_area_m2", 70000, 80000)
    for typed in ("inf", "-Infinity"):
        code, said = cli_said(capsys, "resolve", master, "1", f"--value={typed}")
        assert code == 2, said
        assert f"conflict 1: measured_area_m2 takes a number, not '{typed}'" in said, said
    assert read("SELECT measured_area_m2 FROM patch_verifications WHERE uuid = ?", row) == \
        [(80000.0,)]
    code, said = cli_said(capsys, "resolve", master, "1", "--value", "75000")  # (as ever)
    assert code == 0 and "measured_area_m2 now holds 75000.0" in said, said


def test_a_field_whose_row_is_deleted_is_not_said_to_be_emptied(either, tmp_path, capsys):
    """A field's conflict and its row's, the delete kept: the field was said "emptied
    (NULL)"; it holds nothing, the row being deleted, and is said so. Written over the
    delete afterwards, the field's decision brings the row back, and says that."""
    master, read = either
    row = _two_fields_and_a_delete(capsys, master, tmp_path)
    code, said = cli_said(capsys, "resolve", master, "1", "3", "--take", "ours")
    assert code == 0 and "the row stays deleted" in said, said
    assert read("SELECT count(*) FROM patch_verifications WHERE uuid = ?", row) == [(0,)]
    assert "verifier holds nothing: the row is deleted" in said, said
    assert "emptied" not in said, said
    code, said = cli_said(capsys, "resolve", master, "2", "--take", "theirs",
                          "--over-later-edit")
    assert code == 0, said
    assert 'notes now holds "a"' in said and f"(row {row}) had been deleted in the master: " \
        "it is back whole" in said, said
    assert re.search(r"conflict 2: patch_verifications C\S+ \S+ \(row ", said), said


def test_a_side_taken_is_held_to_the_year_rule_as_the_decisions_leave_the_record(
        either, tmp_path, capsys):
    """The year closed and the verification day each met the other device's: taking the
    other year alone would leave a mine closed after its verification (said "resolved" and
    written); refused, nothing settled, naming the day's conflict to settle with it. The two
    fields settled in one command, by one side or by a value each, are held to the record
    they leave, which keeps the rule."""
    master, read = either
    tech, other, row = _verified(capsys, master, tmp_path)
    edit(tech, "UPDATE patch_verifications SET year_closed = 2023, verified_on = "
         "'2023-03-01' WHERE uuid = ?", row)
    edit(other, "UPDATE patch_verifications SET year_closed = 2021, verified_on = "
         "'2022-01-01' WHERE uuid = ?", row)
    _sent(capsys, master, tech)
    _sent(capsys, master, other)
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == 3, said
    assert "conflict 1: The year closed cannot be after the year of verification (2022); " \
        "nothing was settled: settle conflict 2 (Date verified) with it, in one command, so " \
        "that the record keeps the rule: resolve 1 2 --take theirs" in said, said
    assert read("SELECT year_closed, CAST(verified_on AS TEXT) FROM patch_verifications "
                "WHERE uuid = ?", row) == [(2021, "2022-01-01")]
    code, said = cli_said(capsys, "resolve", master, "1", "2", "--value", "2022",
                          "--value", "2023-03-01")
    assert code == 0, said
    assert read("SELECT year_closed, CAST(verified_on AS TEXT) FROM patch_verifications "
                "WHERE uuid = ?", row) == [(2022, "2023-03-01")]


def test_a_value_typed_is_held_to_the_rules_of_the_records_form(either, tmp_path, capsys,
                                                                 monkeypatch):
    """A year closed after the year of the verification, a day after today: the form
    refuses them, and so does a decision typing them (they stood in the figures, then went
    to every device with a pull); in Chinese too."""
    master, read = either
    row = _met(capsys, master, tmp_path, "year_closed", 2010, 2011)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    code, said = cli_said(capsys, "resolve", master, "1", "--value", "3000")
    assert code == 3, said
    assert "conflict 1: The year closed cannot be after the year of verification (2026); " \
        "nothing was changed" in said, said
    assert "冲突 1：闭坑年份不能晚于核查年份（2026）；未作任何更改" in said, said
    assert read("SELECT year_closed FROM patch_verifications WHERE uuid = ?", row) == [(2011,)]
    code, said = cli_said(capsys, "resolve", master, "1", "--value", "2009")
    assert code == 0 and "year_closed now holds 2009" in said, said


def test_a_day_typed_after_today_is_refused(either, tmp_path, capsys):
    master, read = either
    row = _met(capsys, master, tmp_path, "verified_on", "2026-11-01", "2026-11-02")
    code, said = cli_said(capsys, "resolve", master, "1", "--value", "2035-06-01")
    assert code == 2 and "cannot be after today" in said, said
    assert read("SELECT verified_on FROM patch_verifications WHERE uuid = ?", row) in (
        [("2026-11-02",)], [(__import__("datetime").date(2026, 11, 2),)])


def test_a_patchs_shape_typed_as_well_known_text_settles_its_conflict(either, tmp_path,
                                                                      capsys):
    """Two GIS staff each redraw patch CODE; the supervisor types the shape neither drew,
    as QGIS copies a geometry (WKT): written in the master as the layer holds it, its area
    and centre following, on either master."""
    master, read = either
    square = [(88.05, 42.5), (88.06, 42.5), (88.06, 42.51), (88.05, 42.51), (88.05, 42.5)]
    staff = [u._checkout(capsys, master, tmp_path, name, "--role", "gis")
             for name in ("gis-1", "gis-2")]
    for pkg, dx in zip(staff, (0.1, 0.2)):
        edit(pkg, "UPDATE mine_patches SET geom = ? WHERE patch_code = ?", gpkg_blob(
            multipolygon_wkb([[[(x + dx, y) for x, y in square]]]), 4490), CODE)
    for pkg in staff:
        _sent(capsys, master, pkg)
    (cid,), = read("SELECT id FROM sync_conflicts WHERE status = 'open' AND field = 'geom'")
    typed = f"POLYGON (({', '.join(f'{x} {y}' for x, y in square)}))"
    code, said = cli_said(capsys, "resolve", master, str(cid), "--value", typed)
    assert code == 0, said
    assert read("SELECT centre_lon, centre_lat FROM mine_patches WHERE patch_code = ?",
                CODE) == [(88.055, 42.505)]




def test_conflicts_name_who_settled_as_history_does(either, tmp_path, capsys):
    """The record brought back as it was before both edits (conflict 3, the ancestor taken)
    over the fields' conflicts 1 and 2, open: conflicts names who wrote what the master
    holds as history does (the supervisor, on a PostgreSQL master the session,
    'postgres (field-kit)'), in the line of whose value it is and in the later edit's; it
    named the master's device, 'master'."""
    master, _ = either
    row = _two_fields_and_a_delete(capsys, master, tmp_path)
    code, said = cli_said(capsys, "resolve", master, "3", "--take", "ancestor")
    assert code == 0, said
    code, said = cli_said(capsys, "history", master, row)
    assert code == 0, said
    (who,) = re.findall(r" settled by (.+?) resolve:3 ", said)
    assert who != "master", said
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert code == 1, said
    assert said.count(f"the master holds the value {who} gave at ") == 2, said
    assert f'later edit: "王五" when it was recorded, "李四" now, changed by {who} at ' in \
        said, said
    assert "master gave" not in said and "changed by master" not in said, said
    code, said = cli_said(capsys, "conflicts", master, "--json")
    assert [c["changed_since"]["device"] for c in json.loads(said)] == [who, who], said
