# SPDX-License-Identifier: GPL-2.0-or-later
"""A decision on a conflict never writes over, unseen, the value a later merge put in its
field: technicians A, C and B change the notes of one verification (GIS staff D another
field of it), merged A, C, D, B. Conflict 1 (C's merge) was recorded with A's notes; B's
merge then wrote B's notes, keeping A's aside in conflict 2. Taking C's notes on conflict 1
wrote them over B's with nothing said, and conflict 2 no longer showed B's value: it was in
no conflict. It is refused now, naming B's merge and the conflict that keeps its value, to
settle first; written over on purpose, conflict 2 says what it held then and who changed it."""

import json

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import merge, package_checkout, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg, rows, snapshot

TOWNSHIP = "Toksun"  # the township of the first patch, whose verification is edited


def notes(master):
    """The notes of the master's verification edited (its latest)."""
    return rows(master, "SELECT notes FROM patch_verifications ORDER BY fid DESC LIMIT 1")[0][0]


@pytest.fixture
def four_merges(tmp_path):
    return merged_one_at_a_time(tmp_path)


def merged_one_at_a_time(tmp_path, master=None):
    """The master (``master``, the plan's, with a verification of one of 郭勒布依乡's
    patches recorded; else a small one of its own) after A, C, D and B were merged, in that
    order, each alone: (master, the verification's uuid, conflict 1 (C's notes aside),
    conflict 2 (A's notes aside))."""
    township = TOWNSHIP
    if master is None:
        master = make_gpkg(tmp_path / "master.gpkg", patches=5, verifications=1)
    else:
        township = "郭勒布依乡"
        edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier) "
             "SELECT uuid, patch_code, 'Ayşe' FROM mine_patches WHERE township = ? ORDER BY "
             "fid LIMIT 1", township)
    (record,) = rows(master, "SELECT uuid FROM patch_verifications ORDER BY fid DESC LIMIT 1")[0]
    pkgs = {}
    for device in ("tech-a", "tech-c", "tech-b"):
        pkgs[device] = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkgs[device], device, township=township)
    pkgs["gis-d"] = tmp_path / "gis-d.gpkg"
    package_checkout.checkout(master, pkgs["gis-d"], "gis-d", role="gis")
    # C's edit is the oldest, B's the latest: C's meets A's, newer, and is kept aside
    for device, sql in (("tech-c", "notes = 'C'"), ("tech-a", "notes = 'A'"),
                        ("gis-d", "verifier = 'Ayşe Demir'"), ("tech-b", "notes = 'B'")):
        edit(pkgs[device], f"UPDATE patch_verifications SET {sql} WHERE uuid = ?", record)
    for device in ("tech-a", "tech-c", "gis-d", "tech-b"):
        package_export.export(pkgs[device], tmp_path / f"{device}.zip")
        assert not merge.merge(master, [tmp_path / f"{device}.zip"]).results[0].counts[
            "refused"]
    first, second = merge.conflicts(master)
    assert (first.field, first.theirs, first.device) == ("notes", "C", "tech-c")
    assert (second.field, second.ours, second.theirs) == ("notes", "B", "A")
    assert notes(master) == "B"
    return master, record, first, second


def test_the_earlier_conflict_refuses_to_write_over_the_later_merge_s_value(four_merges,
                                                                           capsys):
    master, record, first, second = four_merges
    listed = {c.id: c for c in merge.conflicts(master)}
    assert listed[first.id].changed_since["conflict"] == second.id  # marked in the list
    before = snapshot(master)
    code, _, err = cli(capsys, "resolve", master, first.id, "--take", "theirs")
    assert code == errors.REFUSED, err
    for named in (f"conflict {first.id} (patch_verifications ", f"(row {record}), field notes)",
                  '"A" when it was recorded, "B" now, changed by tech-b at ',
                  f"which its conflict {second.id} keeps open: settle that one first",
                  "--over-later-edit", "nothing was changed"):
        assert named in err, (named, err)
    said = chinese(err.strip().removeprefix("field-kit: "))
    assert f"该值在其冲突 {second.id} 中待处理：请先处理该冲突" in said, said
    assert "which its" not in said and "settle that" not in said, said
    assert snapshot(master) == before and notes(master) == "B"
    # the list says it too, in both languages
    code, out, _ = cli(capsys, "conflicts", master)
    assert f"which its conflict {second.id} keeps open: settle that one first" in out, out
    assert f"该值在其冲突 {second.id} 中待处理：请先处理该冲突" in chinese(
        next(line.strip() for line in out.splitlines() if "later edit:" in line)), out
    code, out, _ = cli(capsys, "conflicts", master, "--json")
    got = {c["id"]: c for c in json.loads(out)}
    assert got[first.id]["changed_since"]["conflict"] == second.id
    assert got[second.id]["changed_since"] is None


def test_the_later_conflict_settled_first_the_earlier_one_is_settled_over_it(four_merges,
                                                                              capsys):
    """Settle that one first: then the earlier conflict's decision goes through."""
    master, _, first, second = four_merges
    code, _, err = cli(capsys, "resolve", master, second.id, "--take", "ours")
    assert code == errors.OK, err
    code, _, err = cli(capsys, "resolve", master, first.id, "--take", "theirs")
    assert code == errors.OK, err
    assert notes(master) == "C" and merge.conflicts(master) == []


def test_written_over_on_purpose_the_later_conflict_keeps_what_it_held(four_merges, capsys):
    """``--over-later-edit`` writes C's notes; conflict 2 then says B's notes were there
    when it was recorded and that settling conflict 1 changed them, so B's value is not
    lost from sight, and taking a side there is refused in turn."""
    master, _, first, second = four_merges
    code, _, err = cli(capsys, "resolve", master, first.id, "--take", "theirs",
                       "--over-later-edit")
    assert code == errors.OK, err
    assert notes(master) == "C"
    (left,) = merge.conflicts(master)
    assert left.id == second.id and left.ours == "C"
    assert left.changed_since["ours"] == "B"
    assert left.changed_since["origin"] == f"resolve:{first.id}"
    # (by whoever settled conflict 1, as history names the change)
    (who,) = [c.resolved_by for c in merge.conflicts(master, status=None) if c.id == first.id]
    code, out, _ = cli(capsys, "conflicts", master)
    assert f'later edit: "B" when it was recorded, "C" now, changed by {who} at ' in out, out
    assert f"(settling conflict {first.id})" in out, out
    code, _, err = cli(capsys, "resolve", master, second.id, "--take", "theirs")
    assert code == errors.REFUSED and notes(master) == "C", err
