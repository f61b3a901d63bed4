# SPDX-License-Identifier: GPL-2.0-or-later
"""Settling a conflict whose field (or row) the master changed since the conflict was
recorded: refused by name, with what was recorded, what is there now and who changed it,
nothing changed; ``--take ours`` keeps what is there, ``--over-later-edit`` writes over it."""

import json
import sqlite3

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.plan.geometry import register_functions
from field_kit.sync import capture_switch, merge, package_checkout, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, patch_uuids, snapshot


def export(pkg, tmp_path, name):
    out = tmp_path / name
    package_export.export(pkg, out)
    return out


def by_sqlite3(path, sql, *args):
    """GIS staff's own edit of the master, committed by another program (with the functions
    a GeoPackage's spatial index triggers call, as GDAL and QGIS give them)."""
    conn = sqlite3.connect(path)
    register_functions(conn)
    with conn:
        conn.execute(sql, args)
    conn.close()


def phase(path, u):
    conn = sqlite3.connect(path)
    try:
        got = conn.execute("SELECT phase FROM mine_patches WHERE uuid = ?", (u,)).fetchone()
    finally:
        conn.close()
    return got[0] if got else None


def code_of(path, u):
    """A patch's code: messages name a patch by it, with its uuid."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT patch_code FROM mine_patches WHERE uuid = ?",
                            (u,)).fetchone()[0]
    finally:
        conn.close()


def _phase_conflicts(setup, rows=1):
    """Tab-a and then tab-b set the phase of the first ``rows`` patches: a conflict each;
    the master keeps tab-b's "B" (the later edit), "A" is kept aside."""
    master, a, b, tmp = setup
    uuids = patch_uuids(master)[:rows]
    for u in uuids:
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    for u in uuids:
        edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    found = {c.row_uuid: c for c in merge.conflicts(master)}
    assert [(found[u].ours, found[u].theirs) for u in uuids] == [("B", "A")] * rows
    return uuids, [found[u] for u in uuids]


@pytest.mark.parametrize("decision", [("--take", "theirs"), ("--take", "ancestor"),
                                      ("--value", "typed")])
def test_settling_over_an_edit_made_since_is_refused_by_name(setup, capsys, decision):
    master = setup[0]
    (u,), (c,) = _phase_conflicts(setup)
    by_sqlite3(master, "UPDATE mine_patches SET phase = 'checked again' WHERE uuid = ?", u)
    before = snapshot(master)
    code, _, err = cli(capsys, "resolve", master, c.id, *decision)
    assert code == errors.REFUSED, err
    for named in (f"conflict {c.id}", f"mine_patches {code_of(master, u)} (row {u})",
                  "field phase",
                  '"B" when it was recorded', '"checked again" now',
                  "changed by master at ",  # the master's own device: an edit made in it
                  "field-kit conflicts", "--take ours", "--over-later-edit",
                  "nothing was changed"):
        assert named in err, (named, err)
    said = chinese(err.strip().removeprefix("field-kit: "))
    assert (f"冲突 {c.id}（历史遗留矿山图斑 {code_of(master, u)}（要素 {u}），字段 治理阶段）："
            '"B"（记录时），"checked again"（现在），修改者 主库，时间 ') in said, said
    assert snapshot(master) == before
    assert phase(master, u) == "checked again"
    assert [x.status for x in merge.conflicts(master, status=None)] == ["open"]
    # keeping what is there is never refused
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "ours")
    assert code == errors.OK, err
    assert phase(master, u) == "checked again" and merge.conflicts(master) == []


@pytest.mark.parametrize("decision, kept", [
    (("--take", "theirs", "--over-later-edit"), "A"),  # written over on purpose
    (("--value", "typed", "--over-later-edit"), "typed"),
])
def test_writing_over_the_later_edit_on_purpose_settles_it(setup, capsys, decision, kept):
    master = setup[0]
    (u,), (c,) = _phase_conflicts(setup)
    by_sqlite3(master, "UPDATE mine_patches SET phase = 'checked again' WHERE uuid = ?", u)
    code, _, err = cli(capsys, "resolve", master, c.id, *decision)
    assert code == errors.OK, err
    assert phase(master, u) == kept
    assert merge.conflicts(master) == []


def test_a_field_changed_by_a_later_merge_names_the_device(setup, capsys):
    master, a, b, tmp = setup
    (u,), (c,) = _phase_conflicts(setup)
    late = tmp / "c.gpkg"  # checked out after the merge: its edit starts from "B"
    package_checkout.checkout(master, late, "tab-c", role="gis")
    edit(late, "UPDATE mine_patches SET phase = 'seen again' WHERE uuid = ?", u)
    later = merge.merge(master, [export(late, tmp, "c.zip")])
    assert later.totals["applied"] == 1 and phase(master, u) == "seen again"
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs")
    assert code == errors.REFUSED
    assert '"B" when it was recorded, "seen again" now, changed by tab-c at ' in err, err
    assert f"merge {later.results[0].merge_id}" in err
    assert phase(master, u) == "seen again"


def test_a_value_written_while_capture_was_off_is_refused_and_says_no_edit_recorded_it(
        setup, capsys):
    master = setup[0]
    (u,), (c,) = _phase_conflicts(setup)
    conn = connect(master)
    with conn, capture_switch.capture_off(conn):
        conn.execute("UPDATE mine_patches SET phase = 'unlogged' WHERE uuid = ?", (u,))
    conn.close()
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "ancestor")
    assert code == errors.REFUSED, err
    assert '"B" when it was recorded, "unlogged" now, no recorded edit says who changed it' \
        in err, err
    assert phase(master, u) == "unlogged"


def test_all_refuses_the_whole_batch_naming_every_conflict_changed_since(setup, capsys):
    master = setup[0]
    uuids, found = _phase_conflicts(setup, rows=3)
    for u in uuids[:2]:
        by_sqlite3(master, "UPDATE mine_patches SET phase = 'checked again' WHERE uuid = ?", u)
    before = snapshot(master)
    code, _, err = cli(capsys, "resolve", master, "--all", "b.zip", "--take", "theirs")
    assert code == errors.REFUSED, err
    assert "2 of the 3 conflicts" in err and "none of the 3 was settled" in err, err
    for c in found[:2]:
        assert (f"conflict {c.id} (mine_patches {code_of(master, c.row_uuid)} (row "
                f"{c.row_uuid}), field phase)") in err
    assert f"conflict {found[2].id} " not in err  # unchanged: not named
    assert snapshot(master) == before
    assert len(merge.conflicts(master)) == 3
    # on purpose: all of them
    code, _, err = cli(capsys, "resolve", master, "--all", "b.zip", "--take", "theirs",
                       "--over-later-edit")
    assert code == errors.OK, err
    assert [phase(master, u) for u in uuids] == ["A"] * 3


def _edit_against_delete(setup):
    """tab-b deletes the first patch, tab-a later sets its phase: the row stays, its
    conflict naming the phase. (its uuid, the conflict)"""
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(b, "DELETE FROM mine_patches WHERE uuid = ?", u)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    (c,) = merge.conflicts(master)
    assert (c.field, c.ours, c.theirs) == (None, {"phase": "A"}, None)
    return u, c


def test_a_row_changed_since_its_row_conflict_was_recorded_is_refused(setup, capsys):
    """An edit against a delete, the edit later: the row stays. GIS staff change it again;
    taking the delete would take their edit with it."""
    master = setup[0]
    u, c = _edit_against_delete(setup)
    by_sqlite3(master, "UPDATE mine_patches SET phase = 'kept by GIS' WHERE uuid = ?", u)
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs")
    assert code == errors.REFUSED, err
    assert f"conflict {c.id} (mine_patches {code_of(master, u)} (row {u}), the whole row)" \
        in err, err
    assert '{"phase": "A"} when it was recorded, {"phase": "kept by GIS"} now' in err, err
    assert phase(master, u) == "kept by GIS"
    # deleted meanwhile: taking the row's earlier values would bring it back unseen
    by_sqlite3(master, "DELETE FROM mine_patches WHERE uuid = ?", u)
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "ancestor")
    assert code == errors.REFUSED, err
    assert "deleted now" in err, err
    assert phase(master, u) is None
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "ours")
    assert code == errors.OK and phase(master, u) is None


@pytest.mark.parametrize("later", ["GIS staff", "a later merge"])
def test_another_field_of_the_row_edited_since_refuses_taking_the_delete(setup, capsys,
                                                                          later):
    """An edit against a delete, the edit later: the row stays, its conflict naming the
    edited phase. Since then the row's mineral is edited (in the master by GIS staff, or by
    a third device's package merged later): taking the delete would take that edit with it
    unseen (it did, exit 0). Refused naming the mineral then and now; ``--over-later-edit``
    deletes."""
    master, tmp = setup[0], setup[3]
    u, c = _edit_against_delete(setup)
    if later == "GIS staff":
        by_sqlite3(master, "UPDATE mine_patches SET mineral = 'sand' WHERE uuid = ?", u)
        who = "changed by master at "
    else:
        third = tmp / "c.gpkg"
        package_checkout.checkout(master, third, "tab-c", role="gis")
        edit(third, "UPDATE mine_patches SET mineral = 'sand' WHERE uuid = ?", u)
        merge.merge(master, [export(third, tmp, "c.zip")])
        who = "changed by tab-c at "
    before = snapshot(master)
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs")
    assert code == errors.REFUSED, err
    assert '{"mineral": null} when it was recorded, {"mineral": "sand"} now' in err, err
    assert who in err, err
    assert snapshot(master) == before
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs", "--over-later-edit")
    assert code == errors.OK, err
    assert phase(master, u) is None


def test_the_list_shows_what_was_recorded_and_who_changed_it_since(setup, capsys):
    master = setup[0]
    uuids, (changed, same) = _phase_conflicts(setup, rows=2)
    by_sqlite3(master, "UPDATE mine_patches SET phase = 'checked again' WHERE uuid = ?",
               uuids[0])
    code, out, _ = cli(capsys, "conflicts", master, "--json")
    assert code == errors.CONFLICTS
    got = {c["id"]: c for c in json.loads(out)}
    since = got[changed.id]["changed_since"]
    assert got[changed.id]["ours"] == "checked again"  # what the master holds now
    assert (since["ours"], since["device"], since["origin"]) == ("B", "master", "local")
    assert since["at"] > got[changed.id]["at"]
    assert (got[same.id]["ours"], got[same.id]["changed_since"]) == ("B", None)
    code, out, _ = cli(capsys, "conflicts", master)
    assert 'later edit: "B" when it was recorded, ' \
        '"checked again" now, changed by master at ' in out, out


def _three_on_one_field(setup):
    """Tab-a, tab-b and tab-c set the phase of the first patch, merged in that order: two
    conflicts; (master, the three packages, the patch's uuid)."""
    master, a, b, tmp = setup
    c = tmp / "c.gpkg"
    package_checkout.checkout(master, c, "tab-c", role="gis")
    u = patch_uuids(master)[0]
    for pkg, value in ((a, "A"), (b, "B"), (c, "C")):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", value, u)
    merge.merge(master, [export(p, tmp, f"{p.stem}.zip") for p in (a, b, c)])
    return master, (a, b, c), u


def test_a_value_a_later_package_wrote_in_its_own_conflict_is_settled_first(setup, capsys):
    """Three packages set one field in one merge: the first conflict's "ours" was then
    changed by a later package of the merge, whose own open conflict is the only one that
    holds that value: settling the first over it is refused, naming that conflict to settle
    first (it went through, and the value was in no conflict after); once that one is
    settled, the first is settled over its decision; an edit after the merge is a later
    edit still."""
    master, (a, b, c), u = _three_on_one_field(setup)
    first, second = sorted(merge.conflicts(master), key=lambda x: x.id)
    assert first.ours == second.ours == phase(master, u)
    assert second.changed_since is None and first.changed_since["conflict"] == second.id
    code, _, err = cli(capsys, "resolve", master, first.id, "--take", "theirs")
    assert code == errors.REFUSED, err
    assert f"which its conflict {second.id} keeps open: settle that one first" in err, err
    assert phase(master, u) == second.ours
    code, _, err = cli(capsys, "resolve", master, second.id, "--take", "ours")
    assert code == errors.OK, err
    assert merge.conflicts(master)[0].changed_since is None
    # an edit after the merge is one
    by_sqlite3(master, "UPDATE mine_patches SET phase = 'Z' WHERE uuid = ?", u)
    code, out, err = cli(capsys, "resolve", master, first.id, "--take", "theirs")
    assert code == 3 and '"Z" now' in err, err
    assert phase(master, u) == "Z"


def test_a_pull_after_the_master_settled_leaves_no_conflict_open_in_the_packages(setup,
                                                                                   capsys):
    """Three packages set one field; the supervisor settles both conflicts in the master.
    Pulled, each package takes the decision: a conflict the pull met on the way (the
    package's own value against an earlier value of the master) is settled by it, not left
    open nor counted as "kept"."""
    master, (a, b, c), u = _three_on_one_field(setup)
    listed = sorted(merge.conflicts(master), key=lambda x: x.id, reverse=True)
    assert len(listed) == 2
    # one after the other, the later first (the earlier would write over the value only
    # the later one holds): its decision is no later edit of the earlier one
    for conflict in listed:
        code, _, err = cli(capsys, "resolve", master, conflict.id, "--take", "theirs")
        assert code == 0, err
    decided = phase(master, u)
    for pkg in (a, b, c):
        code, out, err = cli(capsys, "pull", pkg, master)
        assert code == 0 and "conflicts 0" in out, out + err
        assert phase(pkg, u) == decided
        assert merge.conflicts(pkg) == []


def test_a_later_merge_undone_is_no_later_edit_of_a_whole_row(setup, capsys):
    """A third package's merge edits the row's mineral after the row's conflict, then is
    undone: the row is as it was when the conflict was recorded, so taking the delete is
    not refused (it was, naming a change whose values then and now were the same)."""
    master, tmp = setup[0], setup[3]
    u, c = _edit_against_delete(setup)
    third = tmp / "c.gpkg"
    package_checkout.checkout(master, third, "tab-c", role="gis")
    edit(third, "UPDATE mine_patches SET mineral = 'sand' WHERE uuid = ?", u)
    later = merge.merge(master, [export(third, tmp, "c.zip")]).results[0].merge_id
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs")
    assert code == errors.REFUSED, err
    at = err.split(" changed by tab-c at ")[1].split(" (merge")[0]  # (local time)
    assert chinese(err.strip().removeprefix("field-kit: ")).endswith(
        f"修改者 tab-c，时间 {at}（合并 {later}）"
        "；未作任何更改。请用 field-kit conflicts 重新查看：--take ours 保留主库现值，"
        "--over-later-edit 将此决定写入并覆盖它"), err
    assert cli(capsys, "undo-merge", master, later)[0] == errors.OK
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs")
    assert code == errors.OK, err
    assert phase(master, u) is None
