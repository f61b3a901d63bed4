# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch code names one patch: the plan's patches imported into a GIS package cut to one
township come in as new rows for those outside the cut; their merge refuses each by name
(it added the master's patches a second time, with exit 0 at every step)."""

import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese


def imported_into_a_cut_package(master, tmp_path, capsys, count_patches):
    """The plan's patches, exported by ogr2ogr, imported into a GIS package of 郭勒布依乡,
    then merged: the patches outside the township refused, each by its code; the master
    keeps one row a code. ``count_patches()``: (rows, codes) the master's mine_patches hold."""
    source = tmp_path / "patches.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(source), str(tmp_path / "plan.gpkg"),
                    "mine_patches"], check=True)
    before = count_patches()
    pkg = tmp_path / "gt.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gt", "--role", "gis",
                 "--township", "郭勒布依乡"]) == 0
    capsys.readouterr()
    assert main(["import", str(pkg), str(source), "--layer", "mine_patches"]) == 0
    said = capsys.readouterr().out
    # the projects of the patches outside the cut are the plan's: not said to be unknown
    assert "is not a project of the plan" not in said, said
    assert "is not in this field package (it holds the projects of its area alone): the " \
        "patch's project is left as it is; import into the master to change it" in said
    new = int(said.split("written: updated 0, new ")[1].split(",")[0])
    assert new > 0, said
    assert ("these are the field package's own edits: its next export sends them; a new row "
            "whose code the master holds already (outside this package's cut) is refused by "
            "the merge: import such a source into the master") in said, said
    assert main(["export", str(pkg), str(tmp_path / "gt.zip")]) == 0
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "gt.zip")]) == errors.REFUSED
    out = capsys.readouterr().out
    assert f"applied 0, already applied 0, conflicts 0, refused {new}" in out, out
    refusals = [line for line in out.splitlines() if line.startswith("  refused insert")]
    assert len(refusals) == new, out
    for line in refusals:
        code = line.split()[3]
        assert f": patch_code {code} already names row " in line and " in the master: a " \
            "second row does not take it" in line, line
    assert count_patches() == before and before[0] == before[1]
    return out


def test_the_plans_patches_imported_into_a_cut_package_are_not_added_twice(
        master, tmp_path, capsys):
    shutil.copyfile(master, tmp_path / "plan.gpkg")

    def count_patches():
        with sqlite3.connect(master) as conn:
            return conn.execute("SELECT count(*), count(DISTINCT patch_code) FROM "
                                "mine_patches").fetchone()
    out = imported_into_a_cut_package(master, tmp_path, capsys, count_patches)
    line = next(x for x in out.splitlines() if x.startswith("  refused insert"))
    code = line.split()[3]
    reason = line.split(": ", 1)[1]
    assert chinese(reason).startswith(f"patch_code {code} 在主库中已是要素 "), chinese(reason)


def _codes(master) -> dict:
    with sqlite3.connect(master) as conn:
        return dict(conn.execute("SELECT uuid, patch_code FROM mine_patches"))


def _gis_package_edits(master, tmp_path, *statements) -> str:
    from tests.unit.gpkg_factory import edit
    pkg = tmp_path / "g.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "g", "--role", "gis"]) == 0
    for sql in statements:
        edit(pkg, sql)
    assert main(["export", str(pkg), str(tmp_path / "g.zip")]) == 0
    return str(tmp_path / "g.zip")


def test_two_codes_swapped_through_a_third_are_swapped(master, tmp_path, capsys):
    """A package swapping two patches' codes through a placeholder is judged by what it
    leaves: both swapped, nothing refused (it renamed one to the placeholder and refused
    the rest, and each merge again made one more step)."""
    before = _codes(master)
    a, b = "CT6504222017000026002", "CT6504222017000026003"
    package = _gis_package_edits(
        master, tmp_path,
        f"UPDATE mine_patches SET patch_code = 'X' WHERE patch_code = '{a}'",
        f"UPDATE mine_patches SET patch_code = '{a}' WHERE patch_code = '{b}'",
        f"UPDATE mine_patches SET patch_code = '{b}' WHERE patch_code = 'X'")
    capsys.readouterr()
    assert main(["merge", str(master), package]) == errors.OK, capsys.readouterr()
    swapped = {u: {a: b, b: a}.get(c, c) for u, c in before.items()}
    assert _codes(master) == swapped
    assert main(["merge", str(master), package]) == errors.OK
    assert "not recorded again" in capsys.readouterr().out
    assert _codes(master) == swapped


def test_a_code_renamed_to_anothers_is_refused_whole_and_named(master, tmp_path, capsys):
    """A patch renamed through a placeholder to another patch's code: both of its changes
    refused (none half made: it kept the placeholder), each naming the patch that holds the
    code, without the import's hint."""
    before = _codes(master)
    a, b = "CT6504222017000026002", "CT6504222017000026003"
    package = _gis_package_edits(
        master, tmp_path,
        f"UPDATE mine_patches SET patch_code = 'X' WHERE patch_code = '{a}'",
        f"UPDATE mine_patches SET patch_code = '{b}' WHERE patch_code = 'X'")
    capsys.readouterr()
    assert main(["merge", str(master), package]) == errors.REFUSED
    out = capsys.readouterr().out
    holder = next(u for u, c in before.items() if c == b)
    assert out.count(f": patch_code {b} already names row {holder} in the master: a second "
                     "row does not take it\n") == 2, out
    assert chinese(f"patch_code {b} already names row {holder} in the master: a second row "
                   "does not take it") == (
        f"patch_code {b} 在主库中已是要素 {holder} 的编码：不再给第二个要素")
    assert _codes(master) == before


def bringing_back_a_taken_code(master, tmp_path, capsys, codes_of) -> None:
    """gis-a edits a patch, gis-b then deletes it: deleted, gis-a's edit kept aside. A new
    patch of that code is added since. Taking gis-a's edit would bring the old patch back
    beside it, two patches of one code: refused by name, nothing changed (it did, exit 0)."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222017000026003"
    zips = exported_edits(master, tmp_path, (
        ("gis-a", "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?"),
        ("gis-b", "DELETE FROM mine_patches WHERE patch_code = ?")), code)
    assert main(["merge", str(master), *zips]) == errors.CONFLICTS
    (c,) = masters.conflicts(master)
    again = _gis_package_edits(
        master, tmp_path, "INSERT INTO mine_patches (geom, patch_code, township, phase) SELECT "
        f"geom, '{code}', township, phase FROM mine_patches WHERE patch_code = "
        "'CT6504222017000026002'")
    assert main(["merge", str(master), again]) == errors.OK
    (new,) = [u for u, k in codes_of().items() if k == code]
    capsys.readouterr()
    assert main(["resolve", str(master), str(c.id), "--take", "theirs"]) == errors.REFUSED
    err = capsys.readouterr().err
    assert (f"conflict {c.id}: patch_code {code} already names row {new} in the master: "
            f"bringing back row {c.row_uuid} would give it to a second row; nothing was "
            "changed") in err, err
    assert chinese(err.splitlines()[0].removeprefix("field-kit: ")).startswith(
        f"冲突 {c.id}：patch_code {code} 在主库中已是要素 {new} 的编码：恢复要素 {c.row_uuid} "
        "会使第二个要素也用此编码；未作任何更改"), err
    assert list(codes_of().values()).count(code) == 1
    assert [x.id for x in masters.conflicts(master)] == [c.id]


def test_a_decision_bringing_back_a_patch_whose_code_another_holds_now_is_refused(
        master, tmp_path, capsys):
    bringing_back_a_taken_code(master, tmp_path, capsys, lambda: _codes(master))


def undoing_onto_a_taken_code(master, tmp_path, capsys, how, codes_of) -> None:
    """A merge deletes (or renames) a patch; a later one gives its code to a new patch (or
    another): undoing the first would put the code on two live patches (it did, exit 0).
    Refused by name, nothing changed."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222017000026003"
    sql = "DELETE FROM mine_patches WHERE patch_code = ?" if how == "deleted" else \
        "UPDATE mine_patches SET patch_code = 'NEW-1' WHERE patch_code = ?"
    (first,) = exported_edits(master, tmp_path, (("gis-a", sql),), code)
    assert main(["merge", str(master), first]) == errors.OK
    merge_id = masters.merges(master)[-1]["merge_id"]
    (later,) = exported_edits(master, tmp_path, (("gis-b", "UPDATE mine_patches SET patch_code "
                                                  "= ? WHERE patch_code = "
                                                  "'CT6504222017000026002'"),), code)
    assert main(["merge", str(master), later]) == errors.OK
    before = codes_of()
    holder = next(u for u, k in before.items() if k == code)
    capsys.readouterr()
    assert main(["undo-merge", str(master), merge_id]) == errors.REFUSED
    err = capsys.readouterr().err
    assert "cannot undo: Legacy mine patches row " in err and f" would get back its Patch " \
        f"code {code}, which its row {holder} holds now: a code names one row" in err, err
    assert chinese(err.splitlines()[0].removeprefix("field-kit: ")).startswith(
        "无法撤销：历史遗留矿山图斑的要素 "), err
    assert f" 会恢复其图斑编号 {code}，而该编码现属其要素 {holder}：" in chinese(
        err.splitlines()[0].removeprefix("field-kit: ")), err
    assert codes_of() == before


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_an_undo_giving_a_patch_back_a_code_another_holds_now_is_refused(
        master, tmp_path, capsys, how):
    undoing_onto_a_taken_code(master, tmp_path, capsys, how, lambda: _codes(master))


_NEW_PATCH = ("INSERT INTO mine_patches (geom, patch_code, township, phase) SELECT geom, ?, "
              "township, phase FROM mine_patches WHERE patch_code = 'CT6504222017000026002'")


def one_new_code_in_one_merge(master, tmp_path, capsys, codes_of, reversed_=False) -> None:
    """Three packages of one merge give the same new code, two to patches they add, one to
    a patch it renames: the patch given it first (gis-a's) takes it, whatever the order of
    the packages, and the others are refused by name (all were applied, exit 0: one code on
    three patches)."""
    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222099000000001"
    zips = exported_edits(master, tmp_path, (
        ("gis-a", _NEW_PATCH), ("gis-b", _NEW_PATCH),
        ("gis-c", "UPDATE mine_patches SET patch_code = ? WHERE patch_code = "
                  "'CT6504222017000026003'")), code)
    before = codes_of()
    capsys.readouterr()
    assert main(["merge", str(master), *(zips[::-1] if reversed_ else zips)]) == \
        errors.REFUSED
    out = capsys.readouterr().out
    (taker,) = [u for u, k in codes_of().items() if k == code]
    assert taker not in before
    said = [x.split(": ", 1)[1] for x in out.splitlines() if x.startswith("  refused ")]
    assert len(said) == 2 and all(x.startswith(
        f"patch_code {code} is given in this merge to row {taker} first (device gis-a, ")
        for x in said), out
    assert chinese(said[0]).startswith(f"patch_code {code} 在本次合并中先给了要素 {taker}"
                                       "（设备 gis-a，"), chinese(said[0])
    assert codes_of() == {**before, taker: code}


@pytest.mark.parametrize("reversed_", [False, True])
def test_packages_of_one_merge_giving_one_new_code_give_it_once(master, tmp_path, capsys,
                                                                reversed_):
    one_new_code_in_one_merge(master, tmp_path, capsys, lambda: _codes(master), reversed_)


def test_a_package_giving_one_new_code_to_two_patches_gives_it_once(master, tmp_path, capsys):
    """One package adds two patches of one new code, and a third of the code a patch it
    keeps holds: the first new patch takes the new code, the patch keeps its own. `merge
    -v` names the two new patches by their code and their uuid, one name for two rows."""
    code, kept = "CT6504222099000000001", "CT6504222017000026003"
    package = _gis_package_edits(master, tmp_path, *(
        _NEW_PATCH.replace("?", f"'{c}'") for c in (code, code, kept)))
    before = _codes(master)
    capsys.readouterr()
    assert main(["merge", str(master), package, "-v"]) == errors.REFUSED
    out = capsys.readouterr().out
    after = _codes(master)
    (first,) = [u for u, k in after.items() if k == code]
    holder = next(u for u, k in before.items() if k == kept)
    assert f"  applied insert mine_patches {code} (row {first}) change " in out, out
    (second,) = [x for x in out.splitlines() if x.startswith(
        f"  refused insert mine_patches {code} (row ")]
    assert first not in second.split(" change ")[0], second
    assert chinese(second.strip()).startswith(f"已拒收 新增 历史遗留矿山图斑 {code}（要素 "), second
    assert out.count(f": patch_code {code} is given to row {first} by this package too: a "
                     "second row does not take it\n") == 1, out
    assert out.count(f": patch_code {kept} already names row {holder} in the master") == 1
    assert chinese(f"patch_code {code} is given to row {first} by this package too: a second "
                   "row does not take it") == (
        f"patch_code {code} 本数据包也给了要素 {first}：不再给第二个要素")
    assert after == {**before, first: code}


def test_a_patch_renamed_and_back_keeps_its_code_over_a_new_patch_given_it_first(
        master, tmp_path, capsys):
    """A new patch given a patch's code, then that patch renamed and named back: the patch
    keeps its code and the new patch is refused, though the new one was given it first."""
    kept = "CT6504222017000026003"
    before = _codes(master)
    holder = next(u for u, k in before.items() if k == kept)
    package = _gis_package_edits(
        master, tmp_path, _NEW_PATCH.replace("?", f"'{kept}'"),
        f"UPDATE mine_patches SET patch_code = 'X' WHERE uuid = '{holder}'",
        f"UPDATE mine_patches SET patch_code = '{kept}' WHERE uuid = '{holder}'")
    capsys.readouterr()
    assert main(["merge", str(master), package]) == errors.REFUSED
    out = capsys.readouterr().out
    assert out.count(f": patch_code {kept} is given to row {holder} by this package too") == 1, \
        out
    assert _codes(master) == before


def test_an_import_into_a_cut_package_leaves_a_patchs_project_it_cannot_link(
        master, tmp_path, capsys):
    """A patch of the township given, in the source, a project outside the package's area:
    the package cannot link it, so the patch's project is left as it is, and said (it was
    unlinked: project_uuid written empty, and merged so)."""
    import json
    pkg = tmp_path / "gt.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gt", "--role", "gis",
                 "--township", "郭勒布依乡"]) == 0
    source = tmp_path / "own.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(source), str(pkg), "mine_patches"],
                   check=True)
    doc = json.loads(source.read_text(encoding="utf-8"))
    moved = doc["features"][0]["properties"]
    code, was = moved["patch_code"], (moved["project_id"], moved["project_uuid"])
    moved["project_id"] = "P1-2"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(pkg), str(source), "--layer", "mine_patches"]) == 0
    said = capsys.readouterr().out
    assert f"{code} field project_id: project P1-2 is not in this field package" in said, said
    with sqlite3.connect(pkg) as conn:
        assert conn.execute("SELECT project_id, project_uuid FROM mine_patches WHERE "
                            "patch_code = ?", (code,)).fetchone() == was


def two_codes_for_one_patch(master, tmp_path):
    """Two devices give patch CT…002 two new codes, NEW-A and NEW-B, merged: the
    master's one conflict."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    zips = exported_edits(master, tmp_path, (
        ("gis-a", "UPDATE mine_patches SET patch_code = 'NEW-A' WHERE patch_code = ?"),
        ("gis-b", "UPDATE mine_patches SET patch_code = 'NEW-B' WHERE patch_code = ?")),
        "CT6504222017000026002")
    assert main(["merge", str(master), *zips]) == errors.CONFLICTS
    (c,) = masters.conflicts(master)
    return c


def typing_a_taken_code(master, tmp_path, capsys, codes_of) -> None:
    """Two devices give one patch two new codes: settling it with a code another patch
    holds is refused by name, in Chinese too; a free one is written."""
    c = two_codes_for_one_patch(master, tmp_path)
    taken = "CT6504222017000026003"
    holder = next(u for u, k in codes_of().items() if k == taken)
    capsys.readouterr()
    assert main(["resolve", str(master), str(c.id), "--value", taken]) == errors.REFUSED
    err = capsys.readouterr().err.splitlines()[0].removeprefix("field-kit: ")
    assert err.startswith(f"conflict {c.id}: patch_code {taken} already names row {holder} "
                          f"in the master: writing it into row {c.row_uuid} would give it to "
                          "a second row; nothing was changed"), err
    assert chinese(err).startswith(f"冲突 {c.id}：patch_code {taken} 在主库中已是要素 {holder} "
                                   f"的编码：把它写入要素 {c.row_uuid} 会使两个要素用同一编码"), err
    assert list(codes_of().values()).count(taken) == 1
    assert main(["resolve", str(master), str(c.id), "--value", "NEW-C"]) == errors.OK
    assert "NEW-C" in codes_of().values()


def test_a_code_typed_to_settle_a_conflict_that_another_patch_holds_is_refused(
        master, tmp_path, capsys):
    typing_a_taken_code(master, tmp_path, capsys, lambda: _codes(master))


def test_settling_all_names_every_decision_that_would_give_a_taken_code(
        master, tmp_path, capsys, monkeypatch):
    """Two deleted patches each met an edit, and both codes were given to new patches
    since: `resolve --all --take theirs` names both decisions it refuses, a line each, in
    Chinese too (it named the first only); nothing changed."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    codes = ("CT6504222017000026002", "CT6504222017000026003")
    where = f"patch_code IN {codes}"
    zips = exported_edits(master, tmp_path, (
        ("gis-a", f"UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE {where}"),
        ("gis-b", f"DELETE FROM mine_patches WHERE {where}")))
    assert main(["merge", str(master), *zips]) == errors.CONFLICTS
    again = _gis_package_edits(master, tmp_path, *(
        "INSERT INTO mine_patches (geom, patch_code, township, phase) SELECT geom, "
        f"'{c}', township, phase FROM mine_patches WHERE fid = (SELECT min(fid) FROM "
        "mine_patches)" for c in codes))
    assert main(["merge", str(master), again]) == errors.OK
    before = _codes(master)
    open_ = masters.conflicts(master)
    assert len(open_) == 2
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["resolve", str(master), "--all", open_[0].merge_id, "--take", "theirs"]) == \
        errors.REFUSED
    lines = capsys.readouterr().err.splitlines()
    for code in codes:
        assert sum(f"patch_code {code} already names row" in x for x in lines) == 1, lines
        assert sum(f"patch_code {code} 在主库中已是要素" in x for x in lines) == 1, lines
    assert all(x.startswith("field-kit: ") for x in lines), lines
    assert _codes(master) == before
    assert masters.conflicts(master) == open_


def applied_rows_named(master, tmp_path, capsys) -> None:
    """`merge -v` names each applied row as conflicts and refusals are named, by its patch
    code (it gave the uuid); `--json` gives the name beside the uuid."""
    import json

    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222017000026002"
    (package,) = exported_edits(master, tmp_path, (
        ("gis-a", "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?"),), code)
    capsys.readouterr()
    assert main(["merge", str(master), package, "-v"]) == errors.OK
    (line,) = [x for x in capsys.readouterr().out.splitlines() if "applied update" in x]
    assert line.strip().startswith(f"applied update mine_patches {code} change "), line
    assert main(["merge", str(master), package, "-v", "--json"]) == errors.OK
    (merged,) = json.loads(capsys.readouterr().out)["merges"]
    assert [o["name"] for o in merged["outcomes"]] == [code], merged["outcomes"]


def test_merge_v_names_the_rows_it_applied(master, tmp_path, capsys):
    applied_rows_named(master, tmp_path, capsys)


def test_a_patch_code_left_empty_is_refused_by_name(master, tmp_path, capsys, monkeypatch):
    """A GIS package that empties one patch's code, blanks another's and adds a patch with
    none: each refused by name, in Chinese too (all were applied, exit 0, and the patches
    then named by their project); a code emptied and given again goes through. A decision
    typing an empty code is refused too."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    before = _codes(master)
    a, b, c = "CT6504222017000026002", "CT6504222017000026003", "ZJ6504222021027001"
    renamed = next(u for u, k in before.items() if k == c)
    package = _gis_package_edits(
        master, tmp_path,
        "INSERT INTO mine_patches (geom, township, phase, project_id) SELECT geom, township, "
        f"phase, project_id FROM mine_patches WHERE patch_code = '{b}'",
        f"UPDATE mine_patches SET patch_code = NULL WHERE patch_code = '{a}'",
        f"UPDATE mine_patches SET patch_code = ' ' WHERE patch_code = '{b}'",
        f"UPDATE mine_patches SET patch_code = NULL WHERE patch_code = '{c}'",
        f"UPDATE mine_patches SET patch_code = '{c}9' WHERE patch_code IS NULL AND fid = "
        f"(SELECT fid FROM mine_patches WHERE uuid = '{renamed}')")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["merge", str(master), package]) == errors.REFUSED
    out = capsys.readouterr().out
    said = ": patch_code left empty: each row of mine_patches is named by its patch_code; " \
        "give it one\n"
    assert out.count(said) == 3, out
    assert " mine_patches P1-" not in out, out  # (a patch without a code: not its project's)
    assert out.count("：patch_code 为空：mine_patches 的每个要素都以 patch_code 命名，"
                     "请填写\n") == 3
    assert _codes(master) == {**before, renamed: f"{c}9"}

    zips = exported_edits(master, tmp_path, (
        ("gis-x", "UPDATE mine_patches SET patch_code = 'CT6504222099000000001' WHERE "
                  "patch_code = ?"),
        ("gis-y", "UPDATE mine_patches SET patch_code = 'CT6504222099000000002' WHERE "
                  "patch_code = ?")), a)
    assert main(["merge", str(master), *zips]) == errors.CONFLICTS
    (conflict,) = masters.conflicts(master)
    capsys.readouterr()
    assert main(["resolve", str(master), str(conflict.id), "--value", ""]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"conflict {conflict.id}: patch_code left empty" in err, err
    assert f"冲突 {conflict.id}：patch_code 为空" in err, err
    assert [x.id for x in masters.conflicts(master)] == [conflict.id]


def a_code_freed_and_taken_in_one_merge(master, tmp_path, capsys, codes_of, *,
                                        edited_since: bool = False, reverse: bool = False
                                        ) -> None:
    """gis-k deletes a patch, gis-l adds a new patch of its code: merged together, in
    either order, both apply, as one by one (the new patch was refused, naming the deleted
    one, and no patch kept the code). ``edited_since``: the patch edited in the master
    since, the delete is kept aside as a conflict and the patch stays: the merge is refused
    whole, by name, as the code would name two patches."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222016000053002"
    (old,) = [u for u, k in codes_of().items() if k == code]
    zips = exported_edits(master, tmp_path, (
        ("gis-k", "DELETE FROM mine_patches WHERE patch_code = ?"),
        ("gis-l", _NEW_PATCH)), code)
    if edited_since:
        assert main(["merge", str(master), *exported_edits(master, tmp_path, (
            ("gis-m", "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?"),),
            code)]) == errors.OK
    before = codes_of()
    capsys.readouterr()
    got = main(["merge", str(master), *(zips[::-1] if reverse else zips)])
    if edited_since:
        assert got == errors.REFUSED
        err = capsys.readouterr().err
        assert f"patch_code {code} would name 2 rows of mine_patches after this merge (" \
            in err, err
        assert "the change of gis-k.zip freeing it" in err and "while gis-l.zip gives it" in \
            err and "merge gis-k.zip alone first" in err, err
        assert "nothing was merged" in err and masters.conflicts(master) == [], err
        assert chinese(err.splitlines()[0].removeprefix("field-kit: ")).startswith(
            f"合并后 patch_code {code} 将同时标识 mine_patches 的 2 个要素"), err
        assert codes_of() == before
        # as it says: gis-k alone, its conflict settled (the delete taken), then gis-l
        assert main(["merge", str(master), zips[0]]) == errors.CONFLICTS
        assert main(["resolve", str(master), "--all", zips[0], "--take", "theirs"]) == \
            errors.OK
        assert main(["merge", str(master), zips[1]]) == errors.OK
        held = [u for u, k in codes_of().items() if k == code]
        assert len(held) == 1 and held != [old], held
    else:
        assert got == errors.OK, capsys.readouterr()
        held = [u for u, k in codes_of().items() if k == code]
        assert len(held) == 1 and held != [old], held


@pytest.mark.parametrize("reverse", [False, True])
def test_a_code_freed_and_taken_in_one_merge_goes_to_the_new_patch(master, tmp_path, capsys,
                                                                   reverse):
    a_code_freed_and_taken_in_one_merge(master, tmp_path, capsys, lambda: _codes(master),
                                        reverse=reverse)


def test_a_code_freed_by_a_delete_kept_aside_refuses_the_merge(master, tmp_path, capsys):
    a_code_freed_and_taken_in_one_merge(master, tmp_path, capsys, lambda: _codes(master),
                                        edited_since=True)


def test_a_code_goes_to_no_patch_whose_change_is_refused_for_another_reason(master, tmp_path,
                                                                           capsys):
    """gis-a gives a new patch a code first, in a township not in the plan's list: refused
    for that; gis-b's patch, given the code later, takes it, whatever the order of the
    packages (merged b first, b's patch was refused for a's, then a's for its township: the
    code on no patch)."""
    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222099000000001"
    bad = _NEW_PATCH.replace("township, phase FROM", "'火星镇', phase FROM")
    zips = exported_edits(master, tmp_path, (("gis-a", bad), ("gis-b", _NEW_PATCH)), code)
    before = _codes(master)
    capsys.readouterr()
    assert main(["merge", str(master), zips[1], zips[0]]) == errors.REFUSED
    out = capsys.readouterr().out
    assert "火星镇" in out and "is given in this merge" not in out, out
    (taker,) = [u for u, k in _codes(master).items() if k == code]
    assert taker not in before


def an_edit_of_a_deleted_patch_whose_code_was_taken(master, tmp_path, capsys, codes_of
                                                    ) -> None:
    """gis-a deletes a patch, gis-c edits it later, gis-b gives its code to another patch;
    merged one by one: gis-c's later edit no longer brings the patch back beside the one
    holding its code (two patches of one code, exit 1, and a decision then kept both): it
    is kept as a conflict, the patch stays deleted, and bringing it back is refused."""
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import exported_edits

    code, other = "CT6504222017000026002", "CT6504222017000026003"
    a, c, b = exported_edits(master, tmp_path, (
        ("gis-a", "DELETE FROM mine_patches WHERE patch_code = ?"),
        ("gis-c", "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?"),
        ("gis-b", f"UPDATE mine_patches SET patch_code = ? WHERE patch_code = '{other}'")),
        code)
    (holder,) = [u for u, k in codes_of().items() if k == other]
    for package in (a, b):
        assert main(["merge", str(master), package]) == errors.OK
    capsys.readouterr()
    assert main(["merge", str(master), c, "-v"]) == errors.CONFLICTS
    out = capsys.readouterr().out
    assert f"whose patch_code {code} row {holder} holds now: kept as a conflict, the row " \
        "stays deleted" in out, out
    assert [u for u, k in codes_of().items() if k == code] == [holder]
    (conflict,) = masters.conflicts(master)
    for take in ("theirs", "ancestor"):
        assert main(["resolve", str(master), str(conflict.id), "--take", take]) == \
            errors.REFUSED
    assert [u for u, k in codes_of().items() if k == code] == [holder]
    assert main(["resolve", str(master), str(conflict.id), "--take", "ours"]) == errors.OK


def test_an_edit_of_a_deleted_patch_whose_code_was_taken_keeps_it_deleted(master, tmp_path,
                                                                          capsys):
    an_edit_of_a_deleted_patch_whose_code_was_taken(master, tmp_path, capsys,
                                                    lambda: _codes(master))


def test_history_finds_a_project_by_its_id_though_its_targets_hold_the_id(master, capsys):
    """A project's targets name their project by its id: `history P1-1` is the project's
    history (it was refused: "P1-1 names 2 rows", the project and one of its targets)."""
    from tests.unit.gpkg_factory import edit

    with sqlite3.connect(master) as conn:
        (project,) = conn.execute("SELECT uuid FROM restoration_projects WHERE project_id = "
                                  "'P1-1'").fetchone()
        assert conn.execute("SELECT count(*) FROM project_targets WHERE project_id = 'P1-1'"
                            ).fetchone()[0] >= 1
    edit(master, "UPDATE restoration_projects SET name_en = 'renamed' WHERE uuid = ?", project)
    capsys.readouterr()
    assert main(["history", str(master), "P1-1"]) == errors.OK, capsys.readouterr()
    assert capsys.readouterr().out.startswith(f"P1-1 is row {project} of restoration_projects\n")


def test_merge_v_gives_the_uuid_where_two_packages_rows_share_a_name(master, tmp_path,
                                                                     capsys):
    """Two packages each add a patch of one new code: the listing gives each its uuid
    beside the code (it did so within one package only)."""
    from tests.unit.gpkg_factory import exported_edits

    code = "CT6504222099000000001"
    zips = exported_edits(master, tmp_path, (("gis-a", _NEW_PATCH), ("gis-b", _NEW_PATCH)),
                          code)
    capsys.readouterr()
    assert main(["merge", str(master), *zips, "-v"]) == errors.REFUSED
    lines = [x for x in capsys.readouterr().out.splitlines()
             if x.startswith(("  applied insert", "  refused insert"))]
    assert len(lines) == 2 and all(f"mine_patches {code} (row " in x for x in lines), lines
