# SPDX-License-Identifier: GPL-2.0-or-later
"""Three-way merge per field, conflicts, roles, resolve, undo-merge, history and pull."""

import hashlib
import uuid as uuidlib
import zipfile

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.errors import BadInput, Refused
from field_kit.sync import (
    audit,
    capture_switch,
    changelog,
    log_reads,
    merge,
    package_checkout,
    package_export,
    pull,
    undo,
)
from tests.unit.gpkg_factory import add_photo, edit, make_gpkg, patch_uuids, sha256_file, snapshot


def export(pkg, tmp_path, name):
    out = tmp_path / name
    package_export.export(pkg, out)
    return out


def value(path, sql, *args):
    conn = connect(path, readonly=True)
    row = conn.execute(sql, args).fetchone()
    conn.close()
    return row[0] if row else None


def test_fields_changed_on_one_side_are_applied(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET mineral = 'gold' WHERE uuid = ?", u)
    rep = merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    assert rep.totals == {"applied": 2, "already": 0, "conflict": 0, "refused": 0}
    assert value(master, "SELECT phase || mineral FROM mine_patches WHERE uuid = ?", u) == "Agold"


def test_same_new_value_is_not_a_conflict(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    for pkg in (a, b):
        edit(pkg, "UPDATE mine_patches SET phase = 'same' WHERE uuid = ?", u)
    rep = merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    assert rep.totals == {"applied": 1, "already": 1, "conflict": 0, "refused": 0}


def test_two_values_for_one_field_is_a_conflict_with_the_triple(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    rep = merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    assert rep.totals["conflict"] == 1
    (c,) = merge.conflicts(master)
    # the later edit stays while the conflict is open (B was edited last): "ours" is what the
    # master holds, "theirs" the value kept aside, with the device that wrote it
    assert (c.field, c.ancestor, c.ours, c.theirs) == ("phase", "planned", "B", "A")
    assert c.device == "tab-a"
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "B"
    merge.resolve(master, c.id, take="theirs", by="supervisor")
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "A"
    assert merge.conflicts(master) == []
    hist = audit.history(master, u)
    assert [h["origin"].split(":")[0] for h in hist] == ["merge", "merge", "resolve"]
    assert hist[-1]["old"] == {"phase": "B"} and hist[-1]["new"] == {"phase": "A"}


def test_resolve_with_a_value_of_ones_own(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET area_m2 = 1 WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET area_m2 = 2 WHERE uuid = ?", u)
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    (c,) = merge.conflicts(master)
    merge.resolve(master, c.id, value="1.5")
    assert value(master, "SELECT area_m2 FROM mine_patches WHERE uuid = ?", u) == 1.5
    with pytest.raises(BadInput, match="already"):
        merge.resolve(master, c.id, take="theirs")


@pytest.mark.parametrize("order", ["edit-first", "delete-first"])
@pytest.mark.parametrize("later", ["edit", "delete"])
def test_edit_against_a_deleted_row_is_a_conflict_the_later_wins(setup, order, later):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    first, second = (b, a) if later == "edit" else (a, b)
    if first is a:
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
        edit(b, "DELETE FROM mine_patches WHERE uuid = ?", u)
    else:
        edit(b, "DELETE FROM mine_patches WHERE uuid = ?", u)
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    pa, pb = export(a, tmp, "a.zip"), export(b, tmp, "b.zip")
    rep = merge.merge(master, [pa, pb] if order == "edit-first" else [pb, pa])
    assert rep.totals["conflict"] == 1
    (c,) = merge.conflicts(master)
    assert c.field is None
    kept = value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u)
    assert kept == ("A" if later == "edit" else None)
    # "ours" is what the master holds (the edited row, or nothing), "theirs" the side kept
    # aside, with the device that made it
    edited, deleted = {"phase": "A"}, None
    assert (c.ours, c.theirs) == ((edited, deleted) if later == "edit" else (deleted, edited))
    assert c.device == ("tab-b" if later == "edit" else "tab-a")
    # taking "ours" keeps what the master holds
    merge.resolve(master, c.id, take="ours")
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == kept
    # undone, and the supervisor takes the other side
    for m in reversed([m for m in audit.merges(master) if not m["undone_at"]]):
        undo.undo_merge(master, m["merge_id"])
    rep = merge.merge(master, [pa, pb] if order == "edit-first" else [pb, pa],
                      again_undone=True)
    (c,) = merge.conflicts(master)
    merge.resolve(master, c.id, take="theirs")
    kept = value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u)
    assert kept == (None if later == "edit" else "A")


@pytest.mark.parametrize("order", ["edit-first", "delete-first"])
def test_taking_the_ancestor_of_an_edit_against_a_delete_goes_back_to_the_row_as_it_was(
        setup, order):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(b, "DELETE FROM mine_patches WHERE uuid = ?", u)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)  # later: the row stays
    pa, pb = export(a, tmp, "a.zip"), export(b, tmp, "b.zip")
    merge.merge(master, [pa, pb] if order == "edit-first" else [pb, pa])
    (c,) = merge.conflicts(master)
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "A"
    merge.resolve(master, c.id, take="ancestor")
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "planned"
    assert audit.history(master, u)[-1]["new"] == {"phase": "planned"}


def test_delete_on_both_sides_is_already_applied(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    for pkg in (a, b):
        edit(pkg, "DELETE FROM mine_patches WHERE uuid = ?", u)
    rep = merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    assert rep.totals == {"applied": 1, "already": 1, "conflict": 0, "refused": 0}


def test_inserts_from_two_devices_never_collide(setup):
    master, a, b, tmp = setup
    for pkg in (a, b):  # same fid in both packages
        edit(pkg, "INSERT INTO patch_verifications (patch_code, verifier) VALUES (?, ?)",
             "P1", str(pkg))
    before = value(master, "SELECT count(*) FROM patch_verifications")
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    assert value(master, "SELECT count(*) FROM patch_verifications") == before + 2
    assert value(master, "SELECT count(DISTINCT fid) FROM patch_verifications") == before + 2


def test_technician_changes_to_plan_are_refused_and_records_applied(setup):
    master, _, _, tmp = setup
    t = tmp / "t.gpkg"
    package_checkout.checkout(master, t, "tech", role="technician")
    u = patch_uuids(master)[0]
    before = snapshot(master)["mine_patches"]
    edit(t, "UPDATE mine_patches SET geom = NULL, phase = 'moved' WHERE uuid = ?", u)
    edit(t, "UPDATE patch_verifications SET remediation_status = 'treated' WHERE fid = 1")
    rep = merge.merge(master, [export(t, tmp, "t.zip")])
    assert rep.totals == {"applied": 1, "already": 0, "conflict": 0, "refused": 1}
    (refused,) = [o for o in rep.results[0].outcomes if o.status == "refused"]
    assert "technician" in refused.reason and refused.table == "mine_patches"
    assert snapshot(master)["mine_patches"] == before


def test_counts_add_up_and_a_second_merge_changes_nothing(setup):
    master, a, b, tmp = setup
    us = patch_uuids(master, limit=10)
    for i, u in enumerate(us):
        edit(a, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", f"a{i % 3}", u)
        edit(b, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", f"a{i % 2}", u)
    edit(a, "DELETE FROM mine_patches WHERE uuid = ?", us[0])
    edit(b, "INSERT INTO mine_patches (patch_code) VALUES ('new')")
    pkgs = [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")]
    rep = merge.merge(master, pkgs)
    n = sum(len(r.outcomes) for r in rep.results)
    assert n == 22 and sum(rep.totals.values()) == n
    state = snapshot(master)
    rep2 = merge.merge(master, pkgs)
    assert rep2.totals["already"] == n
    assert snapshot(master) == state
    assert len(audit.merges(master)) == 2


def test_outcomes_follow_the_package_order_and_match_the_counts(setup):
    master, a, b, tmp = setup
    us = patch_uuids(master, limit=8)
    for i, u in enumerate(us[:6]):  # rows b touches too go change by change, the rest set-based
        edit(a, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", f"a{i}", u)
        if i % 2:
            edit(b, "UPDATE mine_patches SET phase = 'b' WHERE uuid = ?", u)
    edit(a, "DELETE FROM mine_patches WHERE uuid = ?", us[6])
    edit(a, "INSERT INTO mine_patches (patch_code) VALUES ('new')")
    edit(a, "UPDATE mine_patches SET mineral = 'gold' WHERE uuid = ?", us[7])
    rep = merge.merge(master, [export(b, tmp, "b.zip"), export(a, tmp, "a.zip")])
    for r in rep.results:
        counts = r.counts  # known before the list of outcomes is built
        assert counts == {s: sum(o.status == s for o in r.outcomes) for s in counts}
    conn = connect(a, readonly=True)
    logged = [c for (c,) in conn.execute("SELECT change_uuid FROM sync_changes WHERE "
                                         "origin = 'local' ORDER BY seq")]
    conn.close()
    got = rep.results[1]
    assert [o.change for o in got.outcomes] == logged
    assert got.counts == {"applied": 6, "already": 0, "conflict": 3, "refused": 0}


def test_package_gap_is_refused(setup):
    master, a, _, tmp = setup
    edit(a, "UPDATE mine_patches SET phase = '1' WHERE fid = 1")
    first = export(a, tmp, "a1.zip")
    edit(a, "UPDATE mine_patches SET phase = '2' WHERE fid = 1")
    second = export(a, tmp, "a2.zip")
    rep = merge.merge(master, [second])
    assert rep.refused and "earlier package" in rep.refused[0][1]
    rep = merge.merge(master, [second, first])  # given in any order: merged in the device's
    assert not rep.refused and rep.totals["applied"] == 2
    assert [r.source for r in rep.results] == ["a1.zip", "a2.zip"]


def test_a_package_waiting_for_one_refused_names_it_and_the_way_out(setup):
    master, a, _, tmp = setup
    edit(a, "UPDATE mine_patches SET phase = '1' WHERE fid = 1")
    first = export(a, tmp, "a1.zip")
    edit(a, "UPDATE mine_patches SET phase = '2' WHERE fid = 1")
    edit(a, "UPDATE mine_patches SET phase = '3' WHERE fid = 2")
    second = export(a, tmp, "a2.zip")
    forged = tmp / "a1-forged.zip"  # signed by no one: refused whole
    with zipfile.ZipFile(first) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, b"0" * 64 if info.filename == "manifest.sig"
                         else src.read(info))
    rep = merge.merge(master, [forged, second])
    (_, why_first), (_, why) = rep.refused
    assert "wrong signature" in why_first
    assert why.startswith("a2.zip: device 'tab-a' has changes after seq 0 not merged yet "
                          "(seq 1 to 1: its package a1-forged.zip, refused above)")
    assert "field-kit export FIELD_PACKAGE OUT.zip --all" in why  # (typed as printed, it runs)
    rep = merge.merge(master, [second])  # alone: which changes it waits for
    assert "(seq 1 to 1: in the package it exported before this one)" in rep.refused[0][1]
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    zh = in_user_language(rep.refused[0][1], "zh")
    assert "序号 1 至 1" in zh and "field-kit export FIELD_PACKAGE OUT.zip --all" in zh
    # the way out it names: all the device's changes again, in one package
    package_export.export(a, tmp / "all.zip", everything=True)
    rep = merge.merge(master, [tmp / "all.zip"])
    assert not rep.refused and rep.totals["applied"] == 3


def test_photos_travel_with_their_bytes(setup):
    master, a, _, tmp = setup
    conn = connect(a)
    rec = conn.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
    add_photo(conn, rec, b"photo-bytes")
    conn.close()
    merge.merge(master, [export(a, tmp, "a.zip")])
    sha = hashlib.sha256(b"photo-bytes").hexdigest()
    assert value(master, "SELECT data FROM attachments WHERE sha256 = ?", sha) == b"photo-bytes"


def test_undo_merge_reverts_and_refuses_when_fields_changed_since(setup):
    master, a, b, tmp = setup
    u, v = patch_uuids(master, limit=2)
    before = snapshot(master)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(a, "DELETE FROM mine_patches WHERE uuid = ?", v)
    edit(a, "INSERT INTO patch_verifications (patch_code) VALUES ('x')")
    rep = merge.merge(master, [export(a, tmp, "a.zip")])
    mid = rep.results[0].merge_id
    assert undo.undo_merge(master, mid) == 3
    assert snapshot(master) == before
    with pytest.raises(BadInput, match="undone already") as said:
        undo.undo_merge(master, mid)
    conn = connect(master)  # when, in local time as status gives it
    (at,) = conn.execute("SELECT undone_at FROM sync_merges WHERE merge_id = ?",
                         (mid,)).fetchone()
    conn.close()
    assert f"({changelog.local_time(at)})" in said.value.message, said.value.message
    # merging it again is allowed, asked for: after the undo the rows are as if it never
    # happened, so its changes apply cleanly (a field still at its ancestor is never a
    # conflict)
    rep = merge.merge(master, [tmp / "a.zip"], again_undone=True)
    assert rep.totals == {"applied": 3, "already": 0, "conflict": 0, "refused": 0}
    assert merge.conflicts(master) == []
    # a later edit of what the merge wrote blocks its undo, which then changes nothing
    edit(master, "UPDATE patch_verifications SET verifier = 'later' WHERE patch_code = 'x'")
    state = snapshot(master)
    with pytest.raises(Refused, match="changed after the merge"):
        undo.undo_merge(master, rep.results[0].merge_id)
    assert snapshot(master) == state


def test_pull_brings_master_changes_and_keeps_unsent_edits(setup):
    master, a, b, tmp = setup
    u, v = patch_uuids(master, limit=2)
    edit(b, "UPDATE mine_patches SET phase = 'B', mineral = 'iron' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", v)
    merge.merge(master, [export(b, tmp, "b.zip")])
    edit(master, "UPDATE mine_patches SET section = 'S' WHERE uuid = ?", v)
    edit(a, "UPDATE mine_patches SET phase = 'mine' WHERE uuid = ?", u)  # unsent
    res = pull.pull(a, master)
    assert res.counts["conflict"] == 1
    assert value(a, "SELECT phase || mineral FROM mine_patches WHERE uuid = ?", u) == "mineiron"
    assert value(a, "SELECT phase || section FROM mine_patches WHERE uuid = ?", v) == "BS"
    assert len(merge.conflicts(a)) == 1
    # the unsent edit still goes out, the pulled ones do not
    m = package_export.export(a, tmp / "a.zip")
    assert m["counts"]["changes"] == 1
    # pulling again changes nothing
    again = pull.pull(a, master)
    assert again.counts["applied"] == 0
    rep = merge.merge(master, [tmp / "a.zip"])
    assert rep.totals["conflict"] == 1  # master had B, the package changed from planned


def _insert_patch(conn, township, lon):
    from tests.unit.gpkg_factory import _square
    u = str(uuidlib.uuid4())
    conn.execute("INSERT INTO mine_patches (uuid, patch_code, township, geom) VALUES (?, ?, ?, ?)",
                 (u, f"N-{township}-{lon}", township, _square(lon, 42.5)))
    return u


def _insert_verification(conn, patch):
    v = str(uuidlib.uuid4())
    conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, verifier) VALUES (?, ?, 'x')",
                 (v, patch))
    return v


def _rows(path, tbl):
    conn = connect(path, readonly=True)
    got = {r[0] for r in conn.execute(f"SELECT uuid FROM {tbl}")}
    conn.close()
    return got


@pytest.mark.parametrize("subset", [{"township": "Toksun"},
                                    {"bbox": (87.99, 42.49, 88.0015, 42.51)}])
def test_pull_brings_only_what_falls_in_the_package_subset(tmp_path, subset):
    master = make_gpkg(tmp_path / "master.gpkg", patches=20, verifications=6)
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t", role="gis", **subset)
    conn = connect(master)
    inside = _insert_patch(conn, "Toksun", 88.0)      # in the township and in the box
    outside = _insert_patch(conn, "Yilaqi", 89.0)     # in neither
    v_in, v_out = _insert_verification(conn, inside), _insert_verification(conn, outside)
    photo_out = add_photo(conn, v_out, b"far away")
    photo_in = add_photo(conn, v_in, b"close by")
    conn.close()
    before = _rows(pkg, "mine_patches")
    res = pull.pull(pkg, master)
    assert _rows(pkg, "mine_patches") == before | {inside}
    assert v_in in _rows(pkg, "patch_verifications")
    assert v_out not in _rows(pkg, "patch_verifications")
    assert _rows(pkg, "photos") & {photo_in, photo_out} == {photo_in}
    left = {o.row for o in res.outcomes if o.reason == pull.OUTSIDE}
    assert left == {outside, v_out, photo_out}
    assert len(res.outcomes) == 6 and res.counts["applied"] == 3
    sha_out = hashlib.sha256(b"far away").hexdigest()
    assert value(pkg, "SELECT count(*) FROM attachments WHERE sha256 = ?", sha_out) == 0
    # a later change to a row the package does not carry is passed over, not a conflict
    edit(master, "UPDATE mine_patches SET phase = 'later' WHERE uuid = ?", outside)
    again = pull.pull(pkg, master)
    assert again.counts == {"applied": 0, "already": 1, "conflict": 0, "refused": 0}
    assert outside not in _rows(pkg, "mine_patches")
    assert [o.reason for o in again.outcomes] == ["row not in this package"]
    # a row the master moves into the package's subset is brought whole, with its records
    far = patch_uuids(master, township="Yilaqi", limit=1)[0]
    conn = connect(master)
    v_far = _insert_verification(conn, far)
    photo_far = add_photo(conn, v_far, b"moved in")
    conn.close()
    assert [o.reason for o in pull.pull(pkg, master).outcomes] == [pull.OUTSIDE] * 2
    assert far not in _rows(pkg, "mine_patches")
    edit(master, "UPDATE mine_patches SET township = 'Toksun', geom = (SELECT geom FROM "
                 "mine_patches WHERE uuid = ?) WHERE uuid = ?", inside, far)
    moved = pull.pull(pkg, master)
    assert [(o.row, o.status, o.reason) for o in moved.outcomes] == [
        (far, "applied", pull.BROUGHT)]
    assert set(moved.brought) >= {("mine_patches", far), ("patch_verifications", v_far),
                                  ("photos", photo_far)}
    assert value(pkg, "SELECT township FROM mine_patches WHERE uuid = ?", far) == "Toksun"
    assert v_far in _rows(pkg, "patch_verifications") and photo_far in _rows(pkg, "photos")
    sha_far = hashlib.sha256(b"moved in").hexdigest()
    assert value(pkg, "SELECT count(*) FROM attachments WHERE sha256 = ?", sha_far) == 1
    # brought rows are the master's, not the package's own edits: nothing to send back
    assert package_export.export(pkg, tmp_path / "t.zip")["counts"]["changes"] == 0
    assert pull.pull(pkg, master).outcomes == []
    # a row deleted in the package is not brought back
    edit(pkg, "DELETE FROM mine_patches WHERE uuid = ?", inside)
    edit(master, "UPDATE mine_patches SET phase = 'x' WHERE uuid = ?", inside)
    again = pull.pull(pkg, master)
    assert [o.reason for o in again.outcomes] == ["row not in this package"]
    assert inside not in _rows(pkg, "mine_patches") and again.brought == []


def _move(conn, uuid, into: bool):
    """Move a patch into (or out of) both the township Toksun and the box of the tests."""
    from tests.unit.gpkg_factory import _square
    conn.execute("UPDATE mine_patches SET township = ?, geom = ? WHERE uuid = ?",
                 ("Toksun", _square(88.0, 42.5), uuid) if into else
                 ("Yilaqi", _square(89.0, 42.5), uuid))


@pytest.mark.parametrize("subset", [{"township": "Toksun"},
                                    {"bbox": (87.99, 42.49, 88.0015, 42.51)}])
def test_after_a_pull_a_cut_package_has_the_rows_a_new_checkout_would(tmp_path, subset):
    master = make_gpkg(tmp_path / "master.gpkg", patches=20, verifications=20)
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t", role="gis", **subset)
    have = _rows(pkg, "mine_patches")
    conn = connect(master)
    ins = [u for u in patch_uuids(master, limit=20) if u in have]
    outs = [u for u in patch_uuids(master, limit=20) if u not in have]
    _move(conn, outs[0], into=True)                 # moved in, with its verification
    add_photo(conn, _insert_verification(conn, outs[1]), b"1")
    _move(conn, outs[1], into=True)                 # gets a record, then moves in
    _move(conn, ins[0], into=False)                 # moved out
    new_in = _insert_patch(conn, "Yilaqi", 89.0)
    _move(conn, new_in, into=True)                  # inserted outside, then moved in
    new_out = _insert_patch(conn, "Toksun", 88.0)
    _insert_verification(conn, new_out)
    _move(conn, new_out, into=False)                # inserted inside, then moved out
    gone = _insert_patch(conn, "Toksun", 88.0)
    conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (gone,))
    project = conn.execute("SELECT uuid FROM restoration_projects WHERE township != 'Toksun' "
                           "LIMIT 1").fetchone()[0]
    conn.execute("INSERT INTO project_inspections (uuid, project_uuid, inspector) VALUES (?, ?, "
                 "'x')", (str(uuidlib.uuid4()), project))
    conn.execute("UPDATE restoration_projects SET township = 'Toksun' WHERE uuid = ?", (project,))
    conn.execute("UPDATE mine_patches SET project_uuid = ? WHERE uuid = ?", (project, outs[0]))
    conn.close()
    assert project not in _rows(pkg, "restoration_projects")
    res = pull.pull(pkg, master)
    assert project in _rows(pkg, "restoration_projects")  # with its patch, or its township
    fresh = tmp_path / "fresh.gpkg"
    package_checkout.checkout(master, fresh, "tab-fresh", role="gis", **subset)
    # what moved out stays, as updates of rows here do; the rest is as a checkout cuts it
    moved_out = {ins[0], value(master, "SELECT uuid FROM patch_verifications WHERE "
                                       "patch_uuid = ?", ins[0])}
    assert moved_out <= _rows(pkg, "mine_patches") | _rows(pkg, "patch_verifications")
    for tbl in ("mine_patches", "restoration_projects", "patch_verifications",
                "project_inspections", "photos"):
        assert _rows(pkg, tbl) - moved_out == _rows(fresh, tbl), tbl
    brought = {row for _, row in res.brought}
    assert {new_in, outs[0], outs[1]} <= brought | _rows(pkg, "mine_patches")
    assert sum(res.counts.values()) == len(res.outcomes)


def test_pull_orders_two_master_edits_of_one_millisecond(setup):
    master, a, _, tmp = setup
    conn = connect(master)
    born = _insert_patch(conn, "Toksun", 88.0)
    conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (born,))
    changelog.seal(conn)
    conn.execute("UPDATE sync_changes SET at = '2026-05-01T08:00:00.000Z' WHERE row_uuid = ?",
                 (born,))
    conn.close()
    res = pull.pull(a, master)
    assert [(o.op, o.status) for o in res.outcomes] == [("insert", "applied"),
                                                       ("delete", "applied")]
    assert born not in _rows(a, "mine_patches")


def test_pull_into_a_whole_package_brings_every_insert(setup):
    master, a, _, tmp = setup
    conn = connect(master)
    far = _insert_patch(conn, "Yilaqi", 89.0)
    conn.close()
    pull.pull(a, master)
    assert far in _rows(a, "mine_patches")


def test_merge_refuses_a_field_package_as_master(setup):
    master, a, _, tmp = setup
    with pytest.raises(BadInput, match="not a master"):
        merge.merge(a, [])


def test_progress_is_reported_and_cancelling_changes_nothing(setup):
    from field_kit.errors import Cancelled
    from tests.unit.gpkg_factory import sha256_file

    master, a, b, tmp = setup
    for u in patch_uuids(master, limit=5):
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    pkg = export(a, tmp, "a.zip")
    before = sha256_file(master)
    heard = []

    def cancel_once_applying(fraction):
        heard.append(fraction)
        if fraction >= 0.6:  # in the set-based step, inside the merge's transaction
            raise Cancelled("stopped")

    with pytest.raises(Cancelled):
        merge.merge(master, [pkg], progress=cancel_once_applying)
    assert sha256_file(master) == before
    heard.clear()
    rep = merge.merge(master, [pkg], progress=heard.append)
    assert rep.totals["applied"] == 5
    assert heard[0] == 0.0 and heard[-1] == 1.0 and heard == sorted(heard)


def test_settling_a_package_reports_progress_and_cancelling_settles_none(setup):
    from field_kit.errors import Cancelled
    from tests.unit.gpkg_factory import sha256_file

    master, a, b, tmp = setup
    for u in patch_uuids(master, limit=5):
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
        edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    assert len(merge.conflicts(master)) == 5
    before = sha256_file(master)
    heard = []

    def cancel_halfway(fraction):
        heard.append(fraction)
        if fraction >= 0.5:  # among the decisions, inside resolve's transaction
            raise Cancelled("stopped")

    with pytest.raises(Cancelled):
        merge.resolve(master, all_of="tab-a", take="theirs", progress=cancel_halfway)
    assert sha256_file(master) == before and len(merge.conflicts(master)) == 5
    heard.clear()
    assert len(merge.resolve(master, all_of="tab-a", take="theirs",
                             progress=heard.append)) == 5
    assert heard[0] == 0.0 and heard[-1] == 1.0 and heard == sorted(heard)
    assert len(set(heard)) > 5  # a step each decision
    assert merge.conflicts(master) == []


@pytest.mark.parametrize("held", ["write", "read"])
def test_a_master_in_use_elsewhere_is_busy_and_left_unchanged(setup, monkeypatch, capsys, held):
    """Another program's write lock (QGIS in an edit session) stops the merge from starting;
    a reader in the middle of a read stops its commit. Either way: a clear error, exit 7,
    nothing changed, and the same merge runs once the other program lets go."""
    import sqlite3

    from field_kit import db
    from field_kit.cli.commands import main
    from field_kit.errors import BUSY, Busy
    from tests.unit.gpkg_factory import sha256_file

    master, a, b, tmp = setup
    for u in patch_uuids(master, limit=3):
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    pkg = export(a, tmp, "a.zip")
    before = sha256_file(master)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(master, isolation_level=None)
    if held == "write":
        other.execute("BEGIN IMMEDIATE")
    else:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM gpkg_contents").fetchone()  # holds a read lock
    with pytest.raises(Busy, match="in use by another program"):
        merge.merge(master, [pkg])
    assert main(["merge", str(master), str(pkg)]) == BUSY
    assert "nothing was changed" in capsys.readouterr().err
    other.execute("ROLLBACK")
    other.close()
    assert sha256_file(master) == before
    assert merge.merge(master, [pkg]).totals["applied"] == 3


def test_conflicts_call_ours_what_the_master_holds(setup, capsys):
    """Two technicians change the same fields of one record; whichever order they merge in,
    "ours" is what the master holds and "theirs" the other value, kept aside."""
    from field_kit.cli import commands as cli
    master, a, b, tmp = setup
    for pkg, tag in ((a, "A"), (b, "B")):
        edit(pkg, "UPDATE patch_verifications SET notes = ?, remediation_status = ? WHERE "
                  "fid = 1", f"note {tag}", tag)
    za, zb = export(a, tmp, "a.zip"), export(b, tmp, "b.zip")
    merge.merge(master, [za])
    merge.merge(master, [zb])
    held = dict(zip(("notes", "remediation_status"), connect(master).execute(
        "SELECT notes, remediation_status FROM patch_verifications WHERE fid = 1").fetchone()))
    got = {c.field: c for c in merge.conflicts(master)}
    assert set(got) == {"notes", "remediation_status"}
    for fld, c in got.items():
        assert c.ours == held[fld] and c.theirs != held[fld]
        assert {c.ours, c.theirs} == {f"note {t}" if fld == "notes" else t for t in "AB"}
    # an edit made in the master since: "ours" follows it
    edit(master, "UPDATE patch_verifications SET notes = 'fixed by GIS' WHERE fid = 1")
    assert next(c for c in merge.conflicts(master) if c.field == "notes").ours == \
        "fixed by GIS"
    assert cli.main(["conflicts", str(master)]) == 1
    assert "fixed by GIS" in capsys.readouterr().out


def test_an_update_of_a_row_never_here_is_refused_and_makes_no_ghost(setup):
    master, a, _, tmp = setup
    edit(a, "INSERT INTO patch_verifications (notes) VALUES ('made here')")
    edit(a, "UPDATE patch_verifications SET notes = 'GHOST' WHERE notes = 'made here'")
    conn = connect(a)  # drop the insert from the log: the update alone reaches the master
    changelog.seal(conn)
    conn.execute("DELETE FROM sync_changes WHERE op = 'insert'")
    conn.close()
    rep = merge.merge(master, [export(a, tmp, "a.zip")])
    (o,) = rep.results[0].outcomes
    assert o.status == "refused" and "does not exist here" in o.reason
    assert merge.conflicts(master) == []
    assert value(master, "SELECT count(*) FROM patch_verifications WHERE notes = 'GHOST'") == 0


def _change_uuids(pkg) -> list:
    conn = connect(pkg)
    changelog.seal(conn)
    got = [u for (u,) in conn.execute("SELECT change_uuid FROM sync_changes ORDER BY seq")]
    conn.close()
    return got


def test_a_device_cannot_shadow_another_devices_change_by_its_uuid(setup):
    master, a, b, tmp = setup
    edit(a, "INSERT INTO patch_verifications (notes) VALUES ('genuine from a')")
    edit(b, "INSERT INTO patch_verifications (notes) VALUES ('from b')")
    (taken,) = _change_uuids(a)
    conn = connect(b)  # b's change carries a's change UUID
    changelog.seal(conn)
    conn.execute("UPDATE sync_changes SET change_uuid = ?", (taken,))
    conn.close()
    rep = merge.merge(master, [export(b, tmp, "b.zip")])
    rep2 = merge.merge(master, [export(a, tmp, "a.zip")])
    assert rep.totals["applied"] == 1 and rep2.totals["applied"] == 1
    assert value(master, "SELECT count(*) FROM patch_verifications WHERE notes IN "
                         "('genuine from a', 'from b')") == 2


def test_two_changes_sharing_a_uuid_in_one_package_are_refused(setup):
    master, a, _, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'v1' WHERE uuid = ?", u)
    edit(a, "UPDATE mine_patches SET phase = 'v2' WHERE uuid = ?", u)
    first, second = _change_uuids(a)
    conn = connect(a)
    conn.execute("UPDATE sync_changes SET change_uuid = ? WHERE change_uuid = ?", (first, second))
    conn.close()
    before = sha256_file(master)
    rep = merge.merge(master, [export(a, tmp, "a.zip")])
    assert rep.refused and "is given to another change of the package too" in rep.refused[0][1]
    assert sha256_file(master) == before


def test_a_master_from_before_keys_what_it_merged_by_device(setup):
    master, a, _, tmp = setup
    edit(a, "INSERT INTO patch_verifications (notes) VALUES ('x')")
    zpkg = export(a, tmp, "a.zip")
    merge.merge(master, [zpkg])
    conn = connect(master)  # as an earlier version left it: keyed on the change UUID alone
    conn.executescript(
        "CREATE TABLE old AS SELECT change_uuid, merge_id, status FROM sync_applied; "
        "DROP TABLE sync_applied; CREATE TABLE sync_applied (change_uuid TEXT PRIMARY KEY, "
        "merge_id TEXT NOT NULL, status TEXT NOT NULL) WITHOUT ROWID; "
        "INSERT INTO sync_applied SELECT * FROM old; DROP TABLE old;")
    conn.close()
    changelog.install(master)
    assert value(master, "SELECT group_concat(DISTINCT device) FROM sync_applied") == "tab-a"
    assert merge.merge(master, [zpkg]).totals["already"] == 1


def test_keeping_ours_keeps_what_the_master_holds_now(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    edit(master, "UPDATE mine_patches SET phase = 'checked again' WHERE uuid = ?", u)
    (c,) = merge.conflicts(master)
    assert c.ours == "checked again"
    merge.resolve(master, c.id, take="ours", by="supervisor")
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "checked again"


def test_a_conflict_with_a_value_no_recorded_edit_wrote_says_so(setup, capsys):
    """A value the master holds without a recorded edit (written while capture was off) met
    by a package's edit: the conflict names no device or time it does not know, and says
    what the value was."""
    from field_kit.cli.commands import main
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    conn = connect(master)
    with conn, capture_switch.capture_off(conn):
        conn.execute("UPDATE mine_patches SET phase = 'unlogged' WHERE uuid = ?", (u,))
    conn.close()
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    assert merge.merge(master, [export(a, tmp, "a.zip")]).totals["conflict"] == 1
    capsys.readouterr()
    assert main(["conflicts", str(master)]) == 1
    out = capsys.readouterr().out
    assert "phase with no recorded edit (a value from before the change log, or written " \
        "while capture was off)" in out and "None" not in out.split("\n")[0]


def test_a_theirs_no_recorded_edit_wrote_reads_as_chinese_puts_it():
    """Where "theirs" has no recorded edit (a value repair logged without its earlier one),
    the Chinese line says whose it is first and why it has no record after, not the reason
    run into "的值" after a space."""
    from field_kit.bilingual import ZH
    from field_kit.sync.conflicts import Conflict
    c = Conflict(1, "m", "c", "wells", "r", "depth_m", "update/update", None, 8.0, 7.25, None,
                 None, "open")
    held = {"device": "gis1", "at": "2026-12-03T18:07:14Z", "origin": "merge:x"}
    assert c.whose(held, ZH).startswith(
        "另一方的值已搁置（theirs），其无修改记录（变更日志之前的值，或变更捕获关闭时写入）；主库现为："
        "gis1 于 ")
    assert c.whose(held).startswith("with no recorded edit (a value from before the change "
                                    "log, or written while capture was off) set aside (theirs)")


def test_pull_takes_the_masters_value_where_the_package_holds_one_it_did_not_edit(setup,
                                                                                   capsys):
    """A master's edit that starts from a value the package never held (written there while
    capture was off): a package that did not edit the field takes the master's value; one
    that did keeps its own, as a conflict, counted as listed."""
    from field_kit.cli.commands import main
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    conn = connect(master)
    with conn, capture_switch.capture_off(conn):
        conn.execute("UPDATE mine_patches SET phase = 'unlogged', mineral = 'x' WHERE uuid = ?",
                     (u,))
    conn.close()
    edit(master, "UPDATE mine_patches SET phase = 'M', mineral = 'iron' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B', mineral = 'tin' WHERE uuid = ?", u)
    capsys.readouterr()
    assert main(["pull", str(a), str(master)]) == 0
    assert "conflicts 0 " in capsys.readouterr().out
    assert value(a, "SELECT phase || mineral FROM mine_patches WHERE uuid = ?", u) == "Miron"
    assert main(["pull", str(b), str(master)]) == 1
    assert "conflicts 2 " in capsys.readouterr().out
    assert value(b, "SELECT phase || mineral FROM mine_patches WHERE uuid = ?", u) == "Btin"
    assert len(merge.conflicts(b)) == 2


@pytest.mark.parametrize("kind", ["field", "row"])
def test_keeping_ours_is_no_edit_a_later_merge_meets(setup, capsys, kind):
    """Settling a conflict by keeping what the master holds changes nothing and logs no
    edit: a delete made before that decision, merged after it, applies."""
    from field_kit.cli.commands import main
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    if kind == "field":
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
        edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)  # later: kept
        deleter = b
    else:
        edit(b, "DELETE FROM mine_patches WHERE uuid = ?", u)
        edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)  # later: row kept
        deleter = a
    merge.merge(master, [export(a, tmp, "a.zip"), export(b, tmp, "b.zip")])
    edit(deleter, "DELETE FROM mine_patches WHERE uuid = ?", u)
    second = export(deleter, tmp, "second.zip")
    (c,) = merge.conflicts(master)
    logged = len(audit.history(master, u))
    merge.resolve(master, c.id, take="ours")
    assert len(audit.history(master, u)) == logged
    capsys.readouterr()
    main(["conflicts", str(master), "--every"])
    assert "take:ours by " in capsys.readouterr().out  # the decision is kept with the conflict
    rep = merge.merge(master, [second])
    assert rep.totals == {"applied": 1, "already": 0, "conflict": 0, "refused": 0}
    assert value(master, "SELECT count(*) FROM mine_patches WHERE uuid = ?", u) == 0


def test_undo_merge_refusal_names_every_row_changed_since(setup, capsys):
    from field_kit.cli.commands import main
    master, a, b, tmp = setup
    conn = connect(a)
    with conn:
        conn.execute("INSERT INTO patch_verifications (patch_code) VALUES ('x')")
        rec = conn.execute("SELECT uuid FROM patch_verifications WHERE patch_code = 'x'"
                           ).fetchone()[0]
        photo = add_photo(conn, rec, b"photo-bytes")
    conn.close()
    mid = merge.merge(master, [export(a, tmp, "a.zip")]).results[0].merge_id
    pull.pull(b, master)
    edit(b, "UPDATE patch_verifications SET notes = 'seen by b' WHERE uuid = ?", rec)
    edit(b, "UPDATE photos SET file_name = 'b.jpg' WHERE uuid = ?", photo)
    merge.merge(master, [export(b, tmp, "b.zip")])
    state = snapshot(master)
    capsys.readouterr()
    assert main(["undo-merge", str(master), mid]) == 3
    err = capsys.readouterr().err
    assert f"Patch verifications x, row {rec} (Notes, changed by tab-b at " in err, err
    assert f"Photos b.jpg, row {photo} (File name, changed by tab-b at " in err, err
    assert " (merge of b.zip))" in err.split("Photos b.jpg")[1].split(";")[0]
    assert snapshot(master) == state
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    zh = in_user_language(err.split("field-kit: ", 1)[1], "zh")
    assert zh.startswith("无法撤销：2 个要素在合并之后又被修改"), zh
    assert f"照片 b.jpg，要素 {photo}（" in zh, zh



@pytest.mark.parametrize("later", ["master", "package"])
def test_undo_merge_also_reverts_what_settling_its_conflicts_wrote(setup, capsys, later):
    """A conflict of the merge settled by taking the package's value: undoing the merge takes
    that value out too, and the conflict is undone with it; merged again, the package meets
    the master as the first time."""
    from field_kit.cli.commands import main
    master, a, b, tmp = setup
    rec = value(master, "SELECT uuid FROM patch_verifications LIMIT 1")
    staff = "UPDATE patch_verifications SET notes = 'from GIS staff' WHERE uuid = ?"
    if later == "package":
        edit(master, staff, rec)
    edit(a, "UPDATE patch_verifications SET notes = 'from a' WHERE uuid = ?", rec)
    edit(a, "INSERT INTO patch_verifications (patch_code) VALUES ('x')")
    if later == "master":
        edit(master, staff, rec)
    before = snapshot(master)
    pa = export(a, tmp, "a.zip")
    mid = merge.merge(master, [pa]).results[0].merge_id
    (c,) = merge.conflicts(master)
    first = (c.ours, c.theirs)
    merge.resolve(master, c.id, take="theirs")
    took = "from GIS staff" if later == "package" else "from a"
    assert value(master, "SELECT notes FROM patch_verifications WHERE uuid = ?", rec) == took
    capsys.readouterr()
    assert main(["undo-merge", str(master), mid]) == 0
    assert snapshot(master) == before
    (c,) = merge.conflicts(master, status=None)
    assert (c.status, c.resolution) == ("undone", "take:theirs")
    # merged again, as if neither the merge nor the decision on its conflict had happened
    merge.merge(master, [pa], again_undone=True)
    (c,) = merge.conflicts(master)
    assert (c.ours, c.theirs) == first
    assert value(master, "SELECT notes FROM patch_verifications WHERE uuid = ?", rec) == first[0]


def test_undo_merge_refuses_where_a_settled_value_was_changed_again(setup, capsys):
    from field_kit.cli.commands import main
    master, a, b, tmp = setup
    rec = value(master, "SELECT uuid FROM patch_verifications LIMIT 1")
    edit(a, "UPDATE patch_verifications SET notes = 'from a' WHERE uuid = ?", rec)
    edit(master, "UPDATE patch_verifications SET notes = 'from GIS staff' WHERE uuid = ?", rec)
    mid = merge.merge(master, [export(a, tmp, "a.zip")]).results[0].merge_id
    (c,) = merge.conflicts(master)
    merge.resolve(master, c.id, take="theirs")
    edit(master, "UPDATE patch_verifications SET notes = 'checked' WHERE uuid = ?", rec)
    state = snapshot(master)
    capsys.readouterr()
    assert main(["undo-merge", str(master), mid]) == 3
    err = capsys.readouterr().err
    code = value(master, "SELECT patch_code FROM patch_verifications WHERE uuid = ?", rec)
    assert f"Patch verifications {code}, row {rec} (Notes, changed by master at " in err and \
        "reverted" not in err, err
    assert snapshot(master) == state
    (c,) = merge.conflicts(master, status=None)
    assert c.status == "resolved"


def test_a_conflict_outlives_the_undo_of_a_later_merge_on_its_field(setup):
    """Four packages on one field in one merge; the last one's merge undone puts back the
    value it met: settling the first conflict is not refused as over the undo (the undo's
    value is the one another merge of the field's conflicts wrote), only as over tab-c's
    value its own conflict holds, settled first."""
    master, a, b, tmp = setup
    c, d = tmp / "c.gpkg", tmp / "d.gpkg"
    for pkg in (c, d):
        package_checkout.checkout(master, pkg, f"tab-{pkg.stem}", role="gis")
    rec = value(master, "SELECT uuid FROM patch_verifications LIMIT 1")
    for pkg in (a, b, c, d):
        edit(pkg, "UPDATE patch_verifications SET notes = ? WHERE uuid = ?",
             f"from {pkg.stem}", rec)
    rep = merge.merge(master, [export(p, tmp, f"{p.stem}.zip") for p in (a, b, c, d)])
    assert rep.totals["conflict"] == 3
    undo.undo_merge(master, rep.results[3].merge_id)
    assert value(master, "SELECT notes FROM patch_verifications WHERE uuid = ?", rec) == "from c"
    first, second = merge.conflicts(master)
    assert (first.ours, first.theirs) == ("from c", "from a")
    assert (first.changed_since["device"], first.changed_since["conflict"]) == (
        "tab-c", second.id)
    merge.resolve(master, second.id, take="ours")
    merge.resolve(master, first.id, take="theirs")
    assert value(master, "SELECT notes FROM patch_verifications WHERE uuid = ?", rec) == "from a"


def test_a_package_from_another_master_of_the_same_plan_is_told_apart(plan_gpkg, tmp_path,
                                                                      capsys):
    """Every master made from the plan file has its project id: a package from another one
    is refused as from another master (its device unknown, or its checkout not this
    master's), both masters named, and a forged one of this master's own checkout as forged
    or altered."""
    import shutil

    from field_kit import errors
    from field_kit.cli.commands import main
    from field_kit.messages_zh import chinese

    ours, theirs = tmp_path / "ours.gpkg", tmp_path / "theirs.gpkg"
    for master in (ours, theirs):
        shutil.copyfile(plan_gpkg, master)
    zips = {}
    for master, device in ((ours, "tab-1"), (theirs, "tab-1"), (theirs, "tab-9")):
        pkg = tmp_path / f"{master.stem}-{device}.gpkg"
        package_checkout.checkout(master, pkg, device, role="gis")
        edit(pkg, "UPDATE mine_patches SET mineral = 'gold' WHERE fid = 1")
        zips[master.stem, device] = export(pkg, tmp_path, f"{master.stem}-{device}.zip")
    forged = tmp_path / "forged.zip"  # this master's own checkout, its signature not
    with zipfile.ZipFile(zips["ours", "tab-1"]) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, b"0" * 64 if info.filename == "manifest.sig" else src.read(info))
    before = sha256_file(ours)
    ids = {m.stem: value(m, "SELECT value FROM sync_meta WHERE key = 'master_id'")[:8]
           for m in (ours, theirs)}
    both = (f"it was checked out from theirs.gpkg (master {ids['theirs']}), not this master, "
            f"ours.gpkg (master {ids['ours']}); merge it into theirs.gpkg")
    for package, said in (
            (zips["theirs", "tab-1"], f"theirs-tab-1.zip: wrong signature for device 'tab-1': "
             f"{both}"),
            (zips["theirs", "tab-9"], "theirs-tab-9.zip: device 'tab-9' is not registered in "
             f"this master: {both}"),
            (forged, "forged.zip: wrong signature for device 'tab-1' (forged or altered)")):
        capsys.readouterr()
        assert main(["merge", str(ours), str(package)]) == errors.REFUSED
        assert f"REFUSED {said}" in capsys.readouterr().out
        zh = chinese(said)
        assert "签名不符" in zh or "未在此主库登记" in zh
        assert ("另一个主库" in zh) == ("another master" in said), zh
    assert sha256_file(ours) == before


def test_a_pull_names_no_value_replaced_where_others_edited_on_top_of_it(setup):
    """Rows a device inserted, edited later by another who pulled them first: a later edit,
    not one that met this device's; the pull says nothing of values replaced."""
    master, a, b, tmp = setup
    edit(a, "INSERT INTO patch_verifications (patch_code, notes) VALUES ('x', '甲')")
    merge.merge(master, [export(a, tmp, "a1.zip")])
    pull.pull(b, master)
    rec = value(master, "SELECT uuid FROM patch_verifications WHERE patch_code = 'x'")
    edit(b, "UPDATE patch_verifications SET notes = 'v1' WHERE uuid = ?", rec)
    merge.merge(master, [export(b, tmp, "b1.zip")])
    edit(b, "UPDATE patch_verifications SET notes = 'v2' WHERE uuid = ?", rec)
    merge.merge(master, [export(b, tmp, "b2.zip")])
    got = pull.pull(a, master)
    assert got.replaced == [] and value(a, "SELECT notes FROM patch_verifications WHERE "
                                           "uuid = ?", rec) == "v2"


def test_an_edit_the_master_refused_is_sent_again_after_a_pull(setup):
    """An edit refused whole for one bad value: the package mends that value, but its other
    values were never written in the master; the next pull finds the refused edit and logs
    what the package still holds of it again, so the two never differ unsaid."""
    master, a, _, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'p2', area_m2 = 'abc' WHERE uuid = ?", u)
    rep = merge.merge(master, [export(a, tmp, "a1.zip")])
    assert rep.totals["refused"] == 1
    edit(a, "UPDATE mine_patches SET area_m2 = 5 WHERE uuid = ?", u)
    # (the mended edit met the refused value as its ancestor: a conflict, its value applied)
    assert merge.merge(master, [export(a, tmp, "a2.zip")]).totals["conflict"] == 1
    assert value(master, "SELECT area_m2 FROM mine_patches WHERE uuid = ?", u) == 5
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) != "p2"
    got = pull.pull(a, master)
    name = value(master, "SELECT patch_code FROM mine_patches WHERE uuid = ?", u)
    assert got.resent == [("mine_patches", u, "update", ["phase", "area_m2"],
                           f"your edit of mine_patches {name} (phase, area_m2) was refused: "
                           "area_m2: 'abc' is not a number (REAL); what the package still holds "
                           "of it (phase) is sent again with the next export")], got.resent
    assert log_reads.pending(connect(a)) == 1
    assert pull.pull(a, master).resent == []  # said once
    rep = merge.merge(master, [export(a, tmp, "a3.zip")])
    assert rep.totals["applied"] == 1 and rep.totals["refused"] == 0
    assert value(master, "SELECT phase, area_m2 FROM mine_patches WHERE uuid = ?", u) == "p2"


def test_the_edits_of_an_undone_merge_are_not_sent_again(setup):
    master, a, _, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'p2' WHERE uuid = ?", u)
    rep = merge.merge(master, [export(a, tmp, "a1.zip")])
    undo.undo_merge(master, rep.results[0].merge_id)
    assert pull.pull(a, master).resent == []


@pytest.mark.parametrize("pulled_between", [False, True])
def test_pulls_after_a_merge_undone_and_merged_again_leave_every_package_as_the_master(
        setup, pulled_between):
    """Undone, then merged again: the master holds the package's edits once more, and so
    does every package after its pull, the package that made them too, whether it pulled
    between the steps or not."""
    master, a, b, tmp = setup
    u, v = patch_uuids(master)[:2]
    edit(a, "UPDATE mine_patches SET phase = 'p2' WHERE uuid = ?", u)
    edit(a, "DELETE FROM patch_verifications WHERE patch_uuid = ?", v)
    edit(a, "INSERT INTO patch_verifications (patch_uuid, verifier, notes) VALUES (?, 'x', "
            "'new')", u)
    out = export(a, tmp, "a1.zip")
    first = merge.merge(master, [out]).results[0].merge_id
    for pkg in (a, b) if pulled_between else ():
        pull.pull(pkg, master)
    undo.undo_merge(master, first)
    for pkg in (a, b) if pulled_between else ():
        pull.pull(pkg, master)
    assert merge.merge(master, [out], again_undone=True).totals["applied"] == 3
    for pkg in (a, b):
        pull.pull(pkg, master)
        assert snapshot(pkg) == snapshot(master), pkg.name
    assert value(a, "SELECT count(*) FROM patch_verifications WHERE notes = 'new'") == 1


def _open_conflicts(pkg) -> int:
    return value(pkg, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'")


def _lost(setup, older: str, later: str):
    """Package a's ``older`` edit of a patch, then b's ``later`` one, merged b first: the
    master keeps b's and holds a's aside. Returns (master, a, the patch's uuid)."""
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, older, u)
    edit(b, later, u)
    merge.merge(master, [export(b, tmp, "b.zip")])
    assert merge.merge(master, [export(a, tmp, "a.zip")]).totals["conflict"] == 1
    return master, a, u


@pytest.mark.parametrize("settle", [None, "value", "ours"])
def test_a_package_whose_sent_edit_lost_holds_the_masters_value_after_its_pull(setup, settle):
    """A's older edit merged after B's later one: the master keeps B's value and holds A's
    aside. A's pull gives A the master's value (named as replaced), however the conflict is
    settled, and leaves no conflict open in A."""
    master, a, _ = _lost(setup, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?",
                         "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?")
    first = pull.pull(a, master)
    assert [r[2:] for r in first.replaced] == [("phase", "A", "B")]
    if settle == "value":
        merge.resolve(master, merge.conflicts(master)[0].id, value="agreed")
    elif settle == "ours":
        merge.resolve(master, merge.conflicts(master)[0].id, take="ours")
    pull.pull(a, master)
    assert snapshot(a) == snapshot(master)
    assert _open_conflicts(a) == 0 and log_reads.pending(connect(a)) == 0


def test_a_package_whose_delete_lost_gets_the_row_back(setup):
    master, a, u = _lost(setup, "DELETE FROM mine_patches WHERE uuid = ?",
                         "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?")
    code = value(master, "SELECT patch_code FROM mine_patches WHERE uuid = ?", u)
    assert pull.pull(a, master).rows_settled == [("mine_patches", u, "back", code)]
    assert value(a, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "B"
    assert snapshot(a) == snapshot(master) and _open_conflicts(a) == 0


def test_a_package_whose_edit_lost_to_a_delete_closes_its_conflict_when_the_row_is_back(setup):
    master, a, u = _lost(setup, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?",
                         "DELETE FROM mine_patches WHERE uuid = ?")
    pull.pull(a, master)
    assert value(a, "SELECT count(*) FROM mine_patches WHERE uuid = ?", u) == 0
    merge.resolve(master, merge.conflicts(master)[0].id, take="theirs")  # the row back
    pull.pull(a, master)
    assert value(a, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "A"
    assert snapshot(a) == snapshot(master) and _open_conflicts(a) == 0


def test_a_refused_undo_names_the_edit_of_the_field_that_changed(setup):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    first = merge.merge(master, [export(a, tmp, "a.zip")]).results[0].merge_id
    edit(master, "UPDATE mine_patches SET phase = 'by hand' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET mineral = 'gold' WHERE uuid = ?", u)
    merge.merge(master, [export(b, tmp, "b.zip")])  # the row's newest edit: another field
    with pytest.raises(Refused) as exc:
        undo.undo_merge(master, first)
    assert "(Phase, changed by master at" in str(exc.value) and "tab-b" not in str(exc.value)


def test_a_refused_undo_names_no_edit_made_before_the_merge(setup, capsys):
    """A field an earlier merge's undo wrote, merged again, then changed in the master while
    capture was off: the undo of the second merge is refused saying no recorded edit says
    who changed it, not naming the earlier undo."""
    from field_kit.cli.commands import main

    master, a, _, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    first = merge.merge(master, [export(a, tmp, "a.zip")]).results[0].merge_id
    assert main(["undo-merge", master, first]) == 0
    pull.pull(a, master)
    edit(a, "UPDATE mine_patches SET phase = 'A2' WHERE uuid = ?", u)
    second = merge.merge(master, [export(a, tmp, "a2.zip")]).results[0].merge_id
    conn = connect(master)
    with conn, capture_switch.capture_off(conn):
        conn.execute("UPDATE mine_patches SET phase = 'quiet' WHERE uuid = ?", (u,))
    conn.close()
    capsys.readouterr()
    assert main(["undo-merge", master, second]) == Refused.exit_code
    said = capsys.readouterr().err
    assert ("Legacy mine patches P0000000 (Phase, no recorded edit says who changed it "
            "(written while capture was off))") in said, said
    assert "undoing merge" not in said
    assert value(master, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "quiet"


def test_a_package_whose_edit_a_settled_delete_beat_holds_no_conflict_after_its_pull(setup):
    """B's later edit of a row A deleted comes back in the master; a supervisor then lets the
    delete win. B's pull takes the row away and leaves no conflict in B."""
    master, b, a, tmp = setup  # b edits, a deletes (earlier)
    u = patch_uuids(master)[0]
    edit(a, "DELETE FROM mine_patches WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    merge.merge(master, [export(a, tmp, "a.zip")])
    assert merge.merge(master, [export(b, tmp, "b.zip")]).totals["conflict"] == 1
    merge.resolve(master, merge.conflicts(master)[0].id, take="theirs")  # the delete wins
    assert value(master, "SELECT count(*) FROM mine_patches WHERE uuid = ?", u) == 0
    got = pull.pull(b, master)
    assert got.conflicts == 0 and _open_conflicts(b) == 0
    assert [r[2] for r in got.rows_settled] == ["gone"]
    assert snapshot(b) == snapshot(master)


def test_a_pull_says_which_conflicts_of_the_package_are_settled(setup):
    """A's unsent edit met B's at a pull (kept in A, a conflict there); once A's edit is
    merged and holds in the master, A's next pull closes that conflict and says so."""
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)  # later
    merge.merge(master, [export(b, tmp, "b.zip")])
    assert pull.pull(a, master).conflicts == 1 and _open_conflicts(a) == 1
    merge.merge(master, [export(a, tmp, "a.zip")])  # the later value holds in the master
    assert pull.pull(a, master).closed == 1 and _open_conflicts(a) == 0


def test_a_pull_leaves_a_column_the_package_added_and_the_master_lacks_as_it_is(setup):
    """The master's values given to a row where A's edit lost: a column A added and has not
    sent yet is A's own, and keeps A's value (SQLite would read the master's missing column
    as its quoted name)."""
    master, a, u = _lost(setup, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?",
                         "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?")
    edit(a, "ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
    edit(a, "UPDATE mine_patches SET remarks = 'mine' WHERE uuid != ?", u)
    package_export.export(a, a.parent / "a2.zip")  # tracked in A, not merged
    pull.pull(a, master)
    assert value(a, "SELECT phase FROM mine_patches WHERE uuid = ?", u) == "B"
    assert value(a, "SELECT count(*) FROM mine_patches WHERE remarks = 'remarks'") == 0
    assert value(a, "SELECT remarks FROM mine_patches WHERE uuid = ?", u) is None


def _plan_master_two_tablets(plan_gpkg, tmp, main):
    """A copy of the plan with one verification, and the field packages of tab-1 and tab-3
    (checked out through the command line): (master, tab-1, tab-3, the verification)."""
    import shutil
    master = tmp / "master.gpkg"
    shutil.copyfile(plan_gpkg, master)
    code = value(master, "SELECT patch_code FROM mine_patches LIMIT 1")
    edit(master, "INSERT INTO patch_verifications (patch_code, notes) VALUES (?, 'planned')",
         code)
    rec = value(master, "SELECT uuid FROM patch_verifications")
    tabs = tmp / "tab-1.gpkg", tmp / "tab-3.gpkg"
    for pkg in tabs:
        assert main(["checkout", str(master), str(pkg), "--device", pkg.stem,
                     "--role", "gis"]) == 0
    return master, *tabs, rec


def _merged(main, master, pkg, tmp, name) -> str:
    """Export ``pkg`` and merge it through the command line: the merge's id."""
    out = tmp / name
    assert main(["export", str(pkg), str(out)]) == 0
    main(["merge", str(master), str(out)])
    return audit.merges(master)[-1]["merge_id"]


def test_undo_merge_refuses_where_a_later_merge_and_a_decision_wrote_its_field(plan_gpkg,
                                                                              tmp_path, capsys):
    """Tab-1's merge, then tab-3's on the same field (a conflict), settled by taking tab-1's
    value: the field holds what tab-1's merge wrote, but a later merge and a decision wrote
    it since, so undoing tab-1's merge is refused, naming the row and field, and changes
    nothing (the decision would stand on a value the master no longer held)."""
    from field_kit.cli.commands import main
    master, one, three, rec = _plan_master_two_tablets(plan_gpkg, tmp_path, main)
    edit(one, "UPDATE patch_verifications SET notes = 'from tab-1' WHERE uuid = ?", rec)
    edit(one, "INSERT INTO patch_verifications (patch_code) VALUES ('x')")
    edit(three, "UPDATE patch_verifications SET notes = 'from tab-3' WHERE uuid = ?", rec)
    first = _merged(main, master, one, tmp_path, "one.zip")
    _merged(main, master, three, tmp_path, "three.zip")
    (c,) = merge.conflicts(master)
    assert main(["resolve", str(master), str(c.id), "--take", "theirs", "--by", "Zhao"]) == 0
    assert value(master, "SELECT notes FROM patch_verifications WHERE uuid = ?",
                 rec) == "from tab-1"
    state = snapshot(master)
    capsys.readouterr()
    assert main(["undo-merge", str(master), first]) == 3
    err = capsys.readouterr().err
    assert "cannot undo: 1 row changed after the merge: " in err, err
    code = value(master, "SELECT patch_code FROM patch_verifications WHERE uuid = ?", rec)
    # (by whoever settled it, as history names a decision: not the master's device)
    assert f"Patch verifications {code}, row {rec} (Notes, changed by Zhao at " in err, err
    assert f"(settling conflict {c.id} of the merge of three.zip))" in err, err
    assert "reverted" not in err
    assert snapshot(master) == state
    (c,) = merge.conflicts(master, status=None)
    assert (c.status, c.resolution) == ("resolved", "take:theirs")
    # the later merge undone first (its decision with it), tab-1's undo goes through
    assert main(["undo-merge", str(master), c.merge_id]) == 0
    assert main(["undo-merge", str(master), first]) == 0
    assert value(master, "SELECT notes FROM patch_verifications WHERE uuid = ?",
                 rec) == "planned"


def test_undo_merge_refuses_where_an_edit_in_the_master_wrote_its_value_again(plan_gpkg,
                                                                             tmp_path, capsys):
    from field_kit.cli.commands import main
    master, one, _, rec = _plan_master_two_tablets(plan_gpkg, tmp_path, main)
    edit(one, "UPDATE patch_verifications SET notes = 'from tab-1' WHERE uuid = ?", rec)
    first = _merged(main, master, one, tmp_path, "one.zip")
    for notes in ("checked", "from tab-1"):  # changed, then put back by hand
        edit(master, "UPDATE patch_verifications SET notes = ? WHERE uuid = ?", notes, rec)
    state = snapshot(master)
    capsys.readouterr()
    assert main(["undo-merge", str(master), first]) == 3
    err = capsys.readouterr().err
    code = value(master, "SELECT patch_code FROM patch_verifications WHERE uuid = ?", rec)
    assert f"Patch verifications {code}, row {rec} (Notes, changed by master at " in err, err
    assert snapshot(master) == state



def test_a_pull_says_the_rows_an_undone_merge_took_out_or_gave_back(plan_gpkg, tmp_path,
                                                                    capsys):
    """Tab-1 added a verification and deleted one; its merge undone, its pull takes the one
    away and gives the other back, saying an undone merge is why, not the master's delete
    or keeping."""
    from field_kit.cli.commands import main
    master, one, _, rec = _plan_master_two_tablets(plan_gpkg, tmp_path, main)
    edit(one, "INSERT INTO patch_verifications (patch_code, notes) VALUES ('x', 'new')")
    edit(one, "DELETE FROM patch_verifications WHERE uuid = ?", rec)
    first = _merged(main, master, one, tmp_path, "one.zip")
    assert main(["undo-merge", str(master), first]) == 0
    capsys.readouterr()
    assert main(["pull", str(one), str(master)]) == 0
    out = capsys.readouterr().out
    assert "the master deleted them" not in out and "the master kept them" not in out, out
    # (an insert of this device's: said added, not edited)
    assert "1 row this device had added is gone: the master undid the merge that brought " \
           "it (undo-merge):" in out and "had edited" not in out, out
    assert "1 row this device had deleted is back: the master undid the merge that " \
           "deleted it (undo-merge):" in out, out
    assert snapshot(one) == snapshot(master)


def test_a_conflict_on_a_table_no_longer_tracked_is_refused_by_name(tmp_path, capsys):
    """A county's layer with an open conflict, dropped from the master and followed by
    repair: settling its conflict says it was closed with the layer dropped, nothing left to
    settle (it raised KeyError)."""
    import sqlite3

    from field_kit.cli.commands import main
    from field_kit.sync import masters, package_export
    from tests.unit.test_qfield import WELLS, add_wells
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    add_wells(master, tmp_path)
    outs = []
    for device, area in (("gis-a", 20.5), ("gis-b", 30.5)):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        edit(pkg, f"UPDATE {WELLS} SET 面积 = ? WHERE 名称 = '一号井'", area)
        outs.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, outs[-1])
    assert masters.merge(master, outs).totals["conflict"] == 1
    (c,) = masters.conflicts(master)
    conn = sqlite3.connect(master)
    with conn:
        conn.execute(f"DROP TABLE {WELLS}")
        for meta in ("gpkg_geometry_columns", "gpkg_contents"):
            conn.execute(f"DELETE FROM {meta} WHERE table_name = ?", (WELLS,))
    conn.close()
    main(["repair", str(master)])
    capsys.readouterr()
    assert main(["resolve", str(master), str(c.id), "--take", "theirs"]) == errors.BAD_INPUT
    said = capsys.readouterr().err
    assert f"conflict {c.id} was closed as dropped: layer {WELLS} was dropped from the " \
           "master; there is nothing left to settle" in said, said
    from field_kit.messages_zh import chinese
    assert chinese(said.strip().removeprefix("field-kit: ")) == \
        f"冲突 {c.id} 已随图层删除关闭：图层 {WELLS} 已从主库删除，无需处理"


def test_undo_merge_names_the_rows_it_refuses_by_what_people_call_them(setup, capsys,
                                                                        monkeypatch):
    """A refused undo names each row by its layer and by what people call it: a patch by
    its code, a row of a layer of the county's own (水井) by the field QGIS names its
    features by (名称), one deleted since as it was, in English and in Chinese."""
    from field_kit.cli.commands import main
    from tests.unit.test_qfield import WELLS, add_wells

    master, _, _, tmp = setup
    add_wells(master, tmp)
    pkg = tmp / "gis.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-1", "--role", "gis"]) == 0
    u = patch_uuids(master)[0]
    code = value(master, "SELECT patch_code FROM mine_patches WHERE uuid = ?", u)
    well = value(master, f"SELECT uuid FROM {WELLS} WHERE 名称 = '一号井'")
    other = value(master, f"SELECT uuid FROM {WELLS} WHERE 名称 = '二号井'")
    edit(pkg, f"UPDATE {WELLS} SET 面积 = 99")
    edit(pkg, "UPDATE mine_patches SET phase = 'merged' WHERE uuid = ?", u)
    first = _merged(main, master, pkg, tmp, "gis.zip")
    edit(master, f"UPDATE {WELLS} SET 面积 = 100 WHERE uuid = ?", well)
    edit(master, f"DELETE FROM {WELLS} WHERE 名称 = '二号井'")
    edit(master, "UPDATE mine_patches SET phase = 'by hand' WHERE uuid = ?", u)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["undo-merge", str(master), first]) == 3
    err = capsys.readouterr().err
    # (a row of the county's own layer with its uuid, which history takes; a patch by its
    # code, which history takes too)
    assert f"{WELLS} 一号井, row {well} (面积, changed by master at " in err, err
    assert f"Legacy mine patches {code} (Phase, changed by master at " in err, err
    assert f"{WELLS} 二号井, row {other} (deleted, changed by master at " in err, err
    for name in (f"{WELLS} 一号井，要素 {well}（面积，", f"{WELLS} 二号井，要素 {other}（已删除，",
                 f"历史遗留矿山图斑 {code}（治理阶段，"):
        assert name in err, err
    assert u not in err, err
