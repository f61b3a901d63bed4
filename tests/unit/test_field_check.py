# SPDX-License-Identifier: GPL-2.0-or-later
"""Values are checked against their fields (type, code list, range, geometry) before a merge
or a resolve writes them; a change with a bad value is refused, naming field and reason."""

import sqlite3
import time

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.errors import BAD_INPUT, REFUSED, BadInput
from field_kit.messages_zh import chinese
from field_kit.plan.geometry import gpkg_blob, multipolygon_wkb, point_wkb
from field_kit.sync import changelog, merge, package_checkout, package_export
from field_kit.sync.field_check import problems
from tests.unit.bad_package_corpus import rewrite
from tests.unit.gpkg_factory import edit

PV = "patch_verifications"
POINT = gpkg_blob(point_wkb(88.5, 42.8))
GOOD = {"patch_class": "10", "patch_subclass": "11", "remediation_status": "A",
        "measured_area_m2": 1200.5, "year_closed": 2012, "verified_on": "2024-05-01",
        "created_at": "2024-05-01T10:11:12.345Z", "mineral": "金矿",
        "geom": POINT.hex().upper()}


@pytest.mark.parametrize("values, reason", [
    ({"remediation_status": "Z"},
     "remediation_status: 'Z' is not in the code list Remediation status (恢复治理情况)"),
    ({"measured_area_m2": "abc"}, "measured_area_m2: 'abc' is not a number (REAL)"),
    ({"year_closed": "nineteen"}, "year_closed: 'nineteen' is not a whole number (INTEGER)"),
    ({"year_closed": 2019.5}, "year_closed: 2019.5 is not a whole number (INTEGER)"),
    ({"year_closed": True}, "year_closed: True is not a whole number (INTEGER)"),
    ({"year_closed": 2 ** 64}, "year_closed: 18446744073709551616 is beyond what SQLite"),
    ({"position_lon": -2 ** 63 - 1}, "position_lon: -9223372036854775809 is beyond what"),
    ({"year_closed": 1949}, "year_closed: 1949 must be at least 1950"),
    ({"measured_area_m2": 0}, "measured_area_m2: 0 must be more than 0"),
    ({"verified_on": "2036-01-01"}, "verified_on: '2036-01-01' is outside 2021-01-01 to "),
    ({"verified_on": 20240501}, "verified_on: 20240501 is not a date"),
    ({"patch_code": 5}, "patch_code: 5 is not text (TEXT)"),
    ({"patch_class": "20", "patch_subclass": "11"},
     "patch_subclass: '11' does not belong to patch_class '20'"),
    ({"geom": "ZZZZ"}, "geom: 'ZZZZ' is not a GeoPackage geometry"),
    ({"geom": 12345}, "geom: 12345 is not a GeoPackage geometry"),
    ({"geom": gpkg_blob(multipolygon_wkb([[[(88, 42), (89, 42), (89, 43), (88, 42)]]])).hex()},
     "geom: a MULTIPOLYGON where the layer holds POINT"),
    ({"geom": POINT.hex()[:-2]}, "geom: not a GeoPackage geometry blob"),
    ({"geom": gpkg_blob(point_wkb(500000, 4700000)).hex()},
     "geom: coordinates 500000, 4.7e+06 are not longitude and latitude"),
    ({"geom": gpkg_blob(point_wkb(8.5, 4.6)).hex()}, "geom: at 8.5, 4.6: outside the county"),
    ({"position_lon": 200}, "position_lon: 200 must be at most 180"),
    ({"position_lat": 95}, "position_lat: 95 must be at most 90"),
    ({"position_accuracy_m": -1}, "position_accuracy_m: -1 must be at least 0"),
])
def test_a_value_its_field_cannot_take_is_named_with_the_reason(master, values, reason):
    conn = connect(master)
    assert problems(conn, PV, GOOD) == []
    got = problems(conn, PV, {**GOOD, **values})
    assert len(got) == 1 and got[0].startswith(reason), got
    conn.close()


def test_a_layer_of_ones_own_in_longitude_and_latitude_takes_no_projected_metres(master):
    """A county's own layer may lie anywhere on earth, but not at coordinates no longitude
    and latitude can have (metres written into it)."""
    from field_kit.sync.field_check import FieldCheck
    conn = connect(master)
    conn.execute("CREATE TABLE wells (fid INTEGER PRIMARY KEY, geom POINT)")
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES ('wells', 'geom', 'POINT', 4490, "
                 "0, 0)")
    check = FieldCheck(conn)
    far = gpkg_blob(point_wkb(8.5, 4.6)).hex()
    assert check.problems("wells", {"geom": far}) == []
    assert check.problems("wells", {"geom": gpkg_blob(point_wkb(500000, 4700000)).hex()}) == [
        "geom: coordinates 500000, 4.7e+06 are not longitude and latitude (projected metres "
        "in a longitude/latitude layer?)"]
    conn.close()


def test_a_dependent_code_is_checked_against_the_rows_parent(master):
    conn = connect(master)
    assert problems(conn, PV, {"patch_subclass": "21"}, {"patch_class": "20"}) == []
    assert problems(conn, PV, {"patch_subclass": "21"}, {"patch_class": "10"}) == [
        "patch_subclass: '21' does not belong to patch_class '10'"]
    assert problems(conn, PV, {"mineral": "any text"}) == []  # an open choice
    conn.close()


def test_a_layer_that_is_not_the_plans_is_checked_by_declared_type_only(master):
    conn = sqlite3.connect(master)
    conn.execute("CREATE TABLE survey_notes (fid INTEGER PRIMARY KEY, n INTEGER, x REAL, "
                 "remediation_status TEXT, seen DATE, at DATETIME, ok BOOLEAN, raw BLOB)")
    got = problems(conn, "survey_notes", {"n": "x", "x": 1, "remediation_status": "Z",
                                          "seen": "2024-13-01", "at": "2024-01-01T10:00:00Z",
                                          "ok": 2, "raw": "anything", "unknown": 1})
    assert got == ["n: 'x' is not a whole number (INTEGER)",
                   "seen: '2024-13-01' is not a date YYYY-MM-DD (DATE)",
                   "ok: 2 is not 0 or 1 (BOOLEAN)"]
    conn.close()


def _insert(pkg, patch, **values):
    row = {**GOOD, "geom": POINT, **values}
    cols = ", ".join(row)
    edit(pkg, f"INSERT INTO {PV} (patch_uuid, {cols}) VALUES (?{', ?' * len(row)})",
         patch, *row.values())


def test_bad_values_are_refused_the_rest_applies_and_the_counts_add_up(master, tmp_path,
                                                                         capsys):
    """A field package edited with a plain SQLite tool: each bad value's change is refused
    with its field and reason, the good ones apply, nothing bad reaches the master."""
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t")  # a technician
    conn = connect(pkg)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(pkg, patch, notes="good")
    _insert(pkg, patch, remediation_status="Z")
    _insert(pkg, patch, measured_area_m2="abc")
    _insert(pkg, patch, year_closed="nineteen")
    _insert(pkg, patch, year_closed=2019.5)
    edit(pkg, f"UPDATE {PV} SET remediation_status = 'C', restoration_method = '1' "
              "WHERE notes = 'good'")
    edit(pkg, f"UPDATE {PV} SET measured_area_m2 = 'abc' WHERE notes = 'good'")
    edit(pkg, "UPDATE mine_patches SET phase = 'x' WHERE uuid = ?", patch)  # not a technician's
    out = tmp_path / "t.zip"
    package_export.export(pkg, out)
    assert main(["merge", str(master), str(out)]) == REFUSED
    printed = capsys.readouterr().out
    assert "applied 2, already applied 0, conflicts 0, refused 6" in printed
    for reason in ("remediation_status: 'Z' is not in the code list Remediation status "
                   "(恢复治理情况)",
                   "measured_area_m2: 'abc' is not a number (REAL)",
                   "year_closed: 'nineteen' is not a whole number (INTEGER)",
                   "year_closed: 2019.5 is not a whole number (INTEGER)",
                   "a technician may not change mine_patches"):
        assert reason in printed, printed
    rep = merge.merge(master, [out])  # again: the good ones were merged before
    assert rep.totals == {"applied": 0, "already": 2, "conflict": 0, "refused": 6}
    assert sum(rep.totals.values()) == len(rep.results[0].outcomes) == 8
    conn = connect(master)
    rows = conn.execute(f"SELECT remediation_status, restoration_method, measured_area_m2, "
                        f"year_closed FROM {PV}").fetchall()
    conn.close()
    assert rows == [("C", "1", 1200.5, 2012)]


def test_an_infinite_figure_a_tool_wrote_in_a_plan_layer_is_refused_by_field(
        master, tmp_path, capsys):
    """1e400, as a GDAL script writes it (SQLite stores +Infinity), was merged into a
    verification's areas and a patch's area, and stopped every report after: each change
    is refused, its field named, and the master keeps its figures."""
    tab, gis = tmp_path / "t.gpkg", tmp_path / "g.gpkg"
    package_checkout.checkout(master, tab, "tab-t")
    package_checkout.checkout(master, gis, "gis-g", role="gis")
    conn = connect(master)
    patch, code, area = conn.execute("SELECT uuid, patch_code, area_m2 FROM mine_patches "
                                     "LIMIT 1").fetchone()
    conn.close()
    edit(tab, f"INSERT INTO {PV} (patch_uuid, patch_code, remediation_status, verified_on, "
              "measured_area_m2, treated_area_m2) VALUES (?, ?, 'B', '2024-05-01', 1e400, "
              "1e400)", patch, code)
    edit(gis, "UPDATE mine_patches SET area_m2 = -1e400 WHERE uuid = ?", patch)
    outs = [tmp_path / "t.zip", tmp_path / "g.zip"]
    for pkg, out in zip((tab, gis), outs):
        package_export.export(pkg, out)
    assert main(["merge", str(master), *map(str, outs)]) == REFUSED
    printed = capsys.readouterr().out
    for reason in ("measured_area_m2: inf is not a finite number",
                   "treated_area_m2: inf is not a finite number",
                   "area_m2: -inf is not a finite number"):
        assert reason in printed, printed
    assert "applied 0, already applied 0, conflicts 0, refused 1" in printed, printed
    assert chinese("measured_area_m2: inf is not a finite number") == \
        "核查面积（平方米）：“inf”不是有限的数值（无穷大无法计入报告）"
    conn = connect(master)
    assert conn.execute(f"SELECT count(*) FROM {PV}").fetchone() == (0,)
    assert conn.execute("SELECT area_m2 FROM mine_patches WHERE uuid = ?",
                        (patch,)).fetchone() == (area,)
    conn.close()
    assert main(["progress", str(master)]) == 0


def test_resolve_checks_a_typed_value(master, tmp_path, capsys):
    conn = connect(master)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(master, patch)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    package_checkout.checkout(master, a, "tab-a")
    package_checkout.checkout(master, b, "tab-b")
    edit(a, f"UPDATE {PV} SET remediation_status = 'C'")
    edit(b, f"UPDATE {PV} SET remediation_status = 'D'")
    for pkg in (a, b):
        package_export.export(pkg, tmp_path / f"{pkg.stem}.zip")
    merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    (c,) = merge.conflicts(master)
    with pytest.raises(BadInput, match="remediation_status: 'Z' is not in the code list"):
        merge.resolve(master, c.id, value="Z")
    assert main(["resolve", str(master), str(c.id), "--value", "Z"]) == BAD_INPUT
    assert "恢复治理情况" in capsys.readouterr().err
    assert merge.conflicts(master)[0].status == "open"
    merge.resolve(master, c.id, value="B")
    conn = connect(master)
    assert conn.execute(f"SELECT remediation_status FROM {PV}").fetchone() == ("B",)
    conn.close()


def test_taking_an_ancestor_no_merge_checked_is_checked(master, tmp_path):
    """A change's old values are only compared, never written by a merge; a resolve that
    takes them as the ancestor writes them, so they are checked then."""
    conn = connect(master)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(master, patch)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    package_checkout.checkout(master, a, "tab-a")
    package_checkout.checkout(master, b, "tab-b")
    edit(a, f"UPDATE {PV} SET remediation_status = 'C'")
    edit(b, f"UPDATE {PV} SET remediation_status = 'D'")
    package_export.export(a, tmp_path / "a.zip")
    package_export.export(b, tmp_path / "b0.zip")
    conn = connect(b)
    key = changelog.state(conn)["key"]
    conn.close()
    rewrite(tmp_path / "b0.zip", tmp_path / "b.zip", key, changes=(
        "UPDATE changes SET old = json_set(old, '$.remediation_status', 'Z')"))
    merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    (c,) = merge.conflicts(master)
    assert c.ancestor == "Z"
    with pytest.raises(BadInput, match="remediation_status: 'Z' is not in the code list"):
        merge.resolve(master, c.id, take="ancestor")
    merge.resolve(master, c.id, take="ours")


def test_an_update_refused_for_a_row_not_there_yet_applies_once_the_row_is_merged(master,
                                                                                   tmp_path):
    """A record inserted with a code the master's list lacks, then corrected in a later
    package: the insert and (its row not there) the correction are refused; once the code
    list has the code and the first package is merged again, the second one applies."""
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t")
    conn = connect(pkg)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(pkg, patch, remediation_status="Q", notes="first")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    package_export.export(pkg, first)
    edit(pkg, f"UPDATE {PV} SET notes = 'second, corrected' WHERE notes = 'first'")
    package_export.export(pkg, second)
    assert merge.merge(master, [first]).totals["refused"] == 1
    rep = merge.merge(master, [second])
    (o,) = rep.results[0].outcomes
    assert (o.status, o.reason) == ("refused", "update of a row that does not exist here "
                                               "(never inserted)")
    edit(master, "INSERT INTO code_lists (list_name, code, label_zh, label_en, sort_order, "
                 "source) VALUES ('remediation_status', 'Q', '其他', 'other', 99, 'county')")
    assert merge.merge(master, [first]).totals["applied"] == 1
    assert merge.merge(master, [second]).totals == {"applied": 1, "already": 0,
                                                    "conflict": 0, "refused": 0}
    conn = connect(master)
    assert conn.execute(f"SELECT notes FROM {PV} WHERE remediation_status = 'Q'"
                        ).fetchall() == [("second, corrected",)]
    conn.close()


def test_a_treated_area_over_the_measured_one_is_refused_as_the_form_refuses_it(master,
                                                                                  tmp_path):
    """The plan's progress counts the treated area: a record over its measured area (typed
    past the form's rule, in QField or the sqlite3 shell) would push it past the target."""
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t")
    conn = connect(pkg)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(pkg, patch, notes="over", treated_area_m2=500000)
    _insert(pkg, patch, notes="fine", treated_area_m2=1000)
    edit(pkg, f"UPDATE {PV} SET treated_area_m2 = 2000 WHERE notes = 'fine'")
    out = tmp_path / "t.zip"
    package_export.export(pkg, out)
    rep = merge.merge(master, [out])
    said = {o.reason for o in rep.results[0].outcomes if o.status == "refused"}
    assert said == {"treated_area_m2: 500000 is more than measured_area_m2 (1200.5)",
                    "treated_area_m2: 2000 is more than measured_area_m2 (1200.5)"}, said
    conn = connect(master)
    assert conn.execute(f"SELECT notes, treated_area_m2 FROM {PV}").fetchall() == [
        ("fine", 1000.0)]
    conn.close()


def _two_devices_merged(master, tmp_path, edits: tuple[str, str], together: bool) -> list:
    """A verification closed in 2012, verified on 2026-05-01, edited on tab-a and tab-b by
    ``edits`` (SET clauses) and merged in that order, in one merge (``together``) or two:
    the outcomes of their changes."""
    conn = connect(master)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(master, patch, notes="v", year_closed=2012, verified_on="2026-05-01")
    zips = []
    for d, sets in zip(("a", "b"), edits):
        pkg = tmp_path / f"{d}.gpkg"
        package_checkout.checkout(master, pkg, f"tab-{d}")
        edit(pkg, f"UPDATE {PV} SET {sets}")
        zips.append(tmp_path / f"{d}.zip")
        package_export.export(pkg, zips[-1])
    reports = [merge.merge(master, zips)] if together else [merge.merge(master, [z])
                                                            for z in zips]
    return [o for rep in reports for r in rep.results for o in r.outcomes]


@pytest.mark.parametrize("together", [False, True])
def test_two_devices_that_each_keep_the_year_rule_cannot_break_it_together(master, tmp_path,
                                                                           together):
    """One technician corrects the year closed, another the day of the verification: each
    record is right on its device, the two merged would hold a mine closed after it was
    verified. The change that would leave it so is refused, by name, in one merge or two."""
    outcomes = _two_devices_merged(master, tmp_path, (
        "year_closed = 2026", "verified_on = '2025-06-01'"), together)
    assert [(o.status, o.reason) for o in outcomes] == [
        ("applied", ""),
        ("refused", "year_closed: 2026 is after the year of verified_on (2025)")], outcomes
    assert chinese(outcomes[1].reason) == "闭坑年份：2026 晚于核查日期的年份（2025）"
    conn = connect(master)
    assert conn.execute(f"SELECT year_closed, verified_on FROM {PV}").fetchall() == [
        (2026, "2026-05-01")]
    conn.close()


@pytest.mark.parametrize("together", [False, True])
def test_an_edit_refused_by_another_devices_field_says_its_other_values_went_too(
        master, tmp_path, together):
    """The year closed and a note in one edit, refused for the day another device gave the
    verification: the note is not written either, which the refusal says, as it says it of
    an edit refused on its own values."""
    outcomes = _two_devices_merged(master, tmp_path, (
        "verified_on = '2025-06-01'", "year_closed = 2026, notes = 'closed late'"), together)
    (refused,) = [o for o in outcomes if o.status == "refused"]
    assert refused.reason == (
        "year_closed: 2026 is after the year of verified_on (2025); the edit is refused whole, "
        "so none of its values were written (year_closed, notes): pull, mend the value "
        "refused, then export: the pull sends the edit again, with its mend"), refused


def test_a_class_changed_alone_is_held_to_the_sub_class_it_leaves(master, tmp_path):
    """A sub-class changed alone to one of another class was refused; the class changed
    alone, leaving the record's sub-class under another class, went in unsaid. Refused as
    well, by the pair it leaves; and so is a sub-class changed alone on one device that
    another device's class and sub-class, merged first in the same merge, leave apart."""
    conn = connect(master)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(master, patch, notes="v")  # class 10, sub-class 11
    pkgs = [tmp_path / f"{d}.gpkg" for d in ("a", "b", "c")]
    for pkg in pkgs:
        package_checkout.checkout(master, pkg, f"tab-{pkg.stem}")
    edit(pkgs[0], f"UPDATE {PV} SET patch_class = '40'")
    edit(pkgs[1], f"UPDATE {PV} SET patch_class = '20', patch_subclass = '21'")
    edit(pkgs[2], f"UPDATE {PV} SET patch_subclass = '12'")  # (of class 10: fits here)
    zips = [tmp_path / f"{pkg.stem}.zip" for pkg in pkgs]
    for pkg, out in zip(pkgs, zips):
        package_export.export(pkg, out)
    rep = merge.merge(master, zips[:1])
    assert [(o.status, o.reason) for o in rep.results[0].outcomes] == [
        ("refused", "patch_subclass: '11' does not belong to patch_class '40'")]
    # (each field by its column, as a rule of two fields names them; in Chinese by its label)
    assert chinese(rep.results[0].outcomes[0].reason) == \
        "图斑小类：“11”不是图斑大类为“40”时可选的代码"
    rep = merge.merge(master, zips[1:])
    assert [(o.status, o.reason) for r in rep.results for o in r.outcomes] == [
        ("applied", ""),
        ("refused", "patch_subclass: '12' does not belong to patch_class '20'")]
    conn = connect(master)
    assert conn.execute(f"SELECT patch_class, patch_subclass FROM {PV}").fetchall() == [
        ("20", "21")]
    conn.close()


def _verification(master) -> str:
    conn = connect(master)
    patch = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
    conn.close()
    _insert(master, patch, notes="v", year_closed=2012, verified_on="2026-05-01")  # 10/11
    return patch


def _devices_merged(master, tmp_path, edits: list[list[str]], order=None) -> list:
    """A package per list of ``edits`` (SET clauses, each a save of its own), exported and
    merged in one merge, in the order ``order`` gives (their indices): the outcomes."""
    zips = []
    for d, saves in enumerate(edits):
        pkg = tmp_path / f"d{d}.gpkg"
        package_checkout.checkout(master, pkg, f"tab-{d}")
        for sets in saves:
            edit(pkg, f"UPDATE {PV} SET {sets}")
            time.sleep(0.01)
        zips.append(tmp_path / f"d{d}.zip")
        package_export.export(pkg, zips[-1])
    rep = merge.merge(master, [zips[i] for i in order or range(len(zips))])
    return [(o.status, o.reason) for r in rep.results for o in r.outcomes]


def _held_now(master, cols: str) -> list:
    conn = connect(master)
    try:
        return conn.execute(f"SELECT {cols} FROM {PV}").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("saves, cols, held", [
    (["patch_class = '20'", "patch_subclass = '21'"], "patch_class, patch_subclass",
     ("20", "21")),
    (["year_closed = 2027", "verified_on = '2027-03-01'"], "year_closed, verified_on",
     (2027, "2027-03-01"))])
def test_a_pair_saved_apart_on_one_device_goes_in(master, tmp_path, saves, cols, held):
    """A class then its sub-class (or a year then the day) saved apart on a device: each
    change alone breaks the rule against the other field's old value; the package leaves
    the record keeping it, and both go in (refused, the pull sent both again, for ever)."""
    _verification(master)
    assert _devices_merged(master, tmp_path, [saves]) == [("applied", ""), ("applied", "")]
    assert _held_now(master, cols) == [held]


def test_an_earlier_edit_merged_after_a_later_one_is_a_conflict_not_refused(master, tmp_path):
    """tab-0 set the sub-class 12 and a note; tab-1, later, the class and sub-class 30/31;
    tab-1's merged first. tab-0's sub-class is kept aside as a conflict (the later pair
    stands, which fits) and its note written: it was refused whole, its note lost."""
    _verification(master)
    said = _devices_merged(master, tmp_path, [
        ["patch_subclass = '12', notes = 'a'"], ["patch_class = '30', patch_subclass = '31'"]],
        order=(1, 0))
    assert [s for s, _ in said] == ["applied", "conflict"], said
    assert _held_now(master, "patch_class, patch_subclass, notes") == [("30", "31", "a")]


def test_one_merge_of_two_packages_holds_the_record_as_the_first_leaves_it(master, tmp_path):
    """tab-0 empties the sub-class, tab-1 then changes the class: merged in two commands,
    both go in; in one, tab-1's was refused against the sub-class tab-0 had emptied."""
    _verification(master)
    said = _devices_merged(master, tmp_path, [["patch_subclass = NULL"],
                                              ["patch_class = '20'"]])
    assert said == [("applied", ""), ("applied", "")], said
    assert _held_now(master, "patch_class, patch_subclass") == [("20", None)]


def test_an_edit_that_would_bring_a_record_back_breaking_a_rule_keeps_it_deleted(master,
                                                                                 tmp_path):
    """tab-0 deletes the record; tab-1, later, moves its verification day before the year
    it was closed. An edit later than a delete brings the record back with it; this one
    would bring it back breaking the year rule, so it is kept as a conflict and the record
    stays deleted (it came back, and stayed, without the edit, which was refused)."""
    _verification(master)
    edit(master, f"UPDATE {PV} SET year_closed = 2026")
    pkgs = [tmp_path / f"d{d}.gpkg" for d in (0, 1)]
    for d, (pkg, sql) in enumerate(zip(pkgs, (f"DELETE FROM {PV}",
                                              f"UPDATE {PV} SET verified_on = '2025-06-01'"))):
        package_checkout.checkout(master, pkg, f"tab-{d}")
        edit(pkg, sql)
        time.sleep(0.01)
        package_export.export(pkg, pkg.with_suffix(".zip"))
    rep = merge.merge(master, [p.with_suffix(".zip") for p in pkgs])
    said = [(o.status, o.reason) for r in rep.results for o in r.outcomes]
    assert said[1] == ("conflict", "edit of a row deleted here earlier, which it would bring "
                       "back with year_closed: 2026 is after the year of verified_on (2025): "
                       "kept as a conflict, the row stays deleted"), said
    assert _held_now(master, "count(*)") == [(0,)]
    assert chinese(said[1][1]).startswith("所改要素此前已在此删除，此修改会使其恢复为：闭坑年份")


def test_infinity_is_a_number_for_a_real_column_not_for_an_integer_one(master):
    """QGIS writes ±Infinity into a REAL column without a word: it is a REAL's value."""
    from field_kit.sync.field_check import FieldCheck
    conn = connect(master)
    conn.execute("CREATE TABLE wells (fid INTEGER PRIMARY KEY, depth REAL, n INTEGER)")
    check = FieldCheck(conn)
    for inf in (float("inf"), float("-inf")):
        assert check.problems("wells", {"depth": inf}) == []
        assert check.problems("wells", {"n": inf}) == [f"n: {inf} is not a whole number "
                                                       "(INTEGER)"]
    conn.close()


def _conflict_on_a_patchs_mineral(master, tmp_path):
    """Two GIS staff give one patch (建筑用砂) another mineral of the list each: one
    conflict."""
    from field_kit.sync import masters

    outs = []
    for device, mineral in (("gis-a", "砖瓦用粘土"), ("gis-b", "水泥用石灰岩")):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        edit(pkg, "UPDATE mine_patches SET mineral = ? WHERE patch_code = "
             "'CT6504222017000026002'", mineral)
        outs.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, outs[-1])
    assert masters.merge(master, outs).totals["conflict"] == 1
    (c,) = merge.conflicts(master)
    return c


@pytest.mark.parametrize("lang, said", [
    ("en", "mineral: 'xyz' is not in the code list Mineral (矿种): one of 建筑用砂 "
           "Construction sand, 水泥用石灰岩 Limestone for cement, 砖瓦用粘土 Clay for bricks "
           "and tiles (建筑用砂、"
           "水泥用石灰岩、砖瓦用粘土)"),
    ("zh", "冲突 1：矿种：“xyz”不在代码表“矿种”中，可用：建筑用砂、水泥用石灰岩、砖瓦用粘土")])
def test_resolve_checks_a_typed_value_of_a_plan_layers_coded_column(
        master, tmp_path, capsys, monkeypatch, lang, said):
    """A plan layer has no form: its column named as a code list (a patch's mineral) is
    coded by that list, and a typed value outside it is refused, the list's values named."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    c = _conflict_on_a_patchs_mineral(master, tmp_path)
    assert c.field == "mineral"
    assert main(["resolve", str(master), str(c.id), "--value", "xyz"]) == BAD_INPUT
    assert said in capsys.readouterr().err
    assert merge.conflicts(master)[0].status == "open"
    conn = connect(master)
    assert conn.execute("SELECT mineral FROM mine_patches WHERE patch_code = "
                        "'CT6504222017000026002'").fetchone() == ("水泥用石灰岩",)
    conn.close()
    assert main(["resolve", str(master), str(c.id), "--value", "建筑用砂"]) == 0


def test_a_merge_holds_a_plan_layers_township_and_phase_to_the_plans_lists(
        master, tmp_path, capsys):
    """As QGIS's form of the layer does: a township or phase outside the plan's lists is
    refused by name, as a mineral outside its code list is."""
    from tests.plan_values import merge_values_outside_the_lists

    def read(sql, *args):
        conn = connect(master)
        try:
            return conn.execute(sql, args).fetchone()[0]
        finally:
            conn.close()
    merge_values_outside_the_lists(master, tmp_path, capsys, read)


def test_a_change_refused_for_two_values_is_said_in_chinese_field_by_field(
        master, tmp_path, capsys, monkeypatch):
    """Both the township and the phase of one patch outside their lists: the Chinese line
    says each in Chinese, not one English sentence spanning both."""
    from field_kit.sync import masters

    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(master, pkg, "gis1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = '火星镇', phase = '当前' WHERE fid = 1")
    package_export.export(pkg, tmp_path / "gis.zip")
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "gis.zip")]) == REFUSED
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if "火星镇" in ln and "不在代码表" in ln]
    assert "“火星镇”不在代码表“行政区”中" in line and "“当前”不在代码表“治理阶段”中" in line, line
    assert "is not in the code list" not in line, line


def test_a_geometry_refused_is_said_in_chinese_by_the_merge_and_the_pull(
        master, tmp_path, capsys, monkeypatch):
    """A shape outside the county, of another type than the layer's, in metres, or no
    GeoPackage geometry at all: the merge's and the pull's Chinese lines say why in Chinese."""
    from field_kit.sync import masters

    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(master, pkg, "gis1", role="gis")
    ring = [(0, 0), (0.1, 0), (0.1, 0.1), (0, 0)]
    shapes = {  # the patch's fid: its new shape, and why it is refused, in Chinese
        1: (gpkg_blob(multipolygon_wkb([[[(8.5 + x, 4.6 + y) for x, y in ring]]])),
            "几何：位于 8.5, 4.6，在县域以外（超出县界范围 0.5° 以上）"),
        2: (gpkg_blob(point_wkb(88.5, 42.8)), "几何：几何类型为 POINT，而图层只存放 MULTIPOLYGON"),
        3: (gpkg_blob(multipolygon_wkb([[[(5e5 + 100 * x, 4.7e6 + 100 * y) for x, y in ring]]])),
            "几何：坐标 500000, 4.7e+06 不是经纬度（是否把投影坐标（米）写进了经纬度图层？）"),
        4: (b"GPxx", "几何：不是 GeoPackage 几何数据（没有标准的 GP 文件头）")}
    for fid, (shape, _) in shapes.items():
        edit(pkg, "UPDATE mine_patches SET geom = ? WHERE fid = ?", shape, fid)
    package_export.export(pkg, tmp_path / "gis.zip")
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "gis.zip")]) == REFUSED
    merged = capsys.readouterr().out
    assert main(["pull", str(pkg), str(master)]) == 0
    pulled = capsys.readouterr().out
    for _, why in shapes.values():
        assert f"）：{why}\n" in merged, merged
        assert f"的修改被主库拒收：{why}；请先修正，再导出：它将被重新发送\n" in pulled, pulled
    assert chinese("geom: 'ZZ' is not a GeoPackage geometry (hex of its blob)") == \
        "几何：“ZZ”不是 GeoPackage 几何（应为其二进制数据的十六进制）"
    assert chinese("geom: not a GeoPackage geometry blob (its WKB does not parse)") == \
        "几何：不是 GeoPackage 几何数据（其 WKB 无法解析）"
    assert chinese("geom: geometry in SRS 4326; the layer's is 4490") == \
        "几何：几何的坐标系为 SRS 4326，而图层的为 4490"
