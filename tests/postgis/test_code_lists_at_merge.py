# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master holds a package's values to the plan's code lists, townships and
phases as a GeoPackage master does: a value outside them is refused by name, never
written."""

import shlex
import shutil

from field_kit.cli.commands import main
from tests.plan_values import merge_values_outside_the_lists
from tests.postgis.cluster import query


def test_values_outside_the_plans_lists_are_refused(database, plan_gpkg, tmp_path, capsys):
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", database, "--from", str(src)]) == 0

    def read(sql, *args):
        return query(database, sql.replace("?", "%s"), *args)[0][0]
    merge_values_outside_the_lists(database, tmp_path, capsys, read)


def test_a_value_typed_to_settle_a_conflict_keeps_to_its_list(database, plan_gpkg, tmp_path,
                                                              capsys):
    """`resolve --value` on a PostgreSQL master checks a township against the plan's list."""
    from field_kit.errors import BAD_INPUT
    from field_kit.sync import package_export
    from tests.unit.gpkg_factory import edit

    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", database, "--from", str(src)]) == 0
    zips = []
    for device, town in (("gis-a", "夏镇"), ("gis-b", "库米什镇")):
        pkg = tmp_path / f"{device}.gpkg"
        assert main(["checkout", database, str(pkg), "--device", device, "--role", "gis"]) == 0
        edit(pkg, "UPDATE mine_patches SET township = ? WHERE patch_code = "
             "'CT6504222017000026002'", town)
        zips.append(str(tmp_path / f"{device}.zip"))
        package_export.export(pkg, zips[-1])
    assert main(["merge", database, *zips]) != 3
    (conflict,) = query(database, "SELECT id FROM sync_conflicts WHERE status = 'open'")
    capsys.readouterr()
    assert main(["resolve", database, str(conflict[0]), "--value", "火星镇"]) == BAD_INPUT
    assert "township: '火星镇' is not in the code list" in capsys.readouterr().err
    assert main(["resolve", database, str(conflict[0]), "--value", "托克逊镇"]) == 0
    assert "could not be checked" not in capsys.readouterr().err  # (the lists are there)
    assert query(database, "SELECT township FROM mine_patches WHERE patch_code = "
                 "'CT6504222017000026002'") == [("托克逊镇",)]


def test_the_plans_patches_imported_into_a_cut_package_are_not_added_twice(
        database, plan_gpkg, tmp_path, capsys):
    """The merge stages the master's rows holding the codes a package gives, so a patch
    outside the package's cut, imported into it as new, is refused as in a GeoPackage."""
    from tests.unit.test_codes_name_one_row import imported_into_a_cut_package

    shutil.copyfile(plan_gpkg, tmp_path / "plan.gpkg")
    assert main(["init", database, "--from", str(tmp_path / "plan.gpkg")]) == 0
    imported_into_a_cut_package(database, tmp_path, capsys, lambda: query(
        database, "SELECT count(*), count(DISTINCT patch_code) FROM mine_patches")[0])


def _published(database, plan_gpkg, tmp_path):
    shutil.copyfile(plan_gpkg, tmp_path / "plan.gpkg")
    assert main(["init", database, "--from", str(tmp_path / "plan.gpkg")]) == 0
    return lambda: dict(query(database, "SELECT uuid, patch_code FROM mine_patches"))


def test_a_decision_bringing_back_a_patch_whose_code_another_holds_is_refused(
        database, plan_gpkg, tmp_path, capsys):
    """`resolve` stages the rows holding the codes its conflicts name, so the patch holding
    the code now is met as in a GeoPackage (it was not staged: a second live patch)."""
    from tests.unit.test_codes_name_one_row import bringing_back_a_taken_code

    bringing_back_a_taken_code(database, tmp_path, capsys,
                               _published(database, plan_gpkg, tmp_path))


def test_an_undo_giving_a_patch_back_a_code_another_holds_is_refused(
        database, plan_gpkg, tmp_path, capsys):
    from tests.unit.test_codes_name_one_row import undoing_onto_a_taken_code

    undoing_onto_a_taken_code(database, tmp_path, capsys, "deleted",
                              _published(database, plan_gpkg, tmp_path))


def test_packages_of_one_merge_giving_one_new_code_give_it_once(
        database, plan_gpkg, tmp_path, capsys):
    from tests.unit.test_codes_name_one_row import one_new_code_in_one_merge

    one_new_code_in_one_merge(database, tmp_path, capsys,
                              _published(database, plan_gpkg, tmp_path))


def test_a_code_typed_to_settle_a_conflict_that_another_patch_holds_is_refused(
        database, plan_gpkg, tmp_path, capsys):
    """`resolve --value` stages the rows holding the code typed (it wrote it: two patches
    of one code, exit 0)."""
    from tests.unit.test_codes_name_one_row import typing_a_taken_code

    typing_a_taken_code(database, tmp_path, capsys, _published(database, plan_gpkg, tmp_path))


def test_history_takes_a_patch_code_and_finds_one_deleted_or_renamed_since(
        database, plan_gpkg, tmp_path, capsys):
    """`history CODE` on a PostgreSQL master, as on a GeoPackage: the live patch of that
    code, the one deleted since that had it named with how to see it, and a patch renamed
    since found by its old code (it said "no recorded change ... takes a row's uuid")."""
    codes_of = _published(database, plan_gpkg, tmp_path)
    code, renamed = "CT6504222017000026002", "CT6504222017000026003"
    (old,) = [u for u, k in codes_of().items() if k == code]
    (other,) = [u for u, k in codes_of().items() if k == renamed]
    query(database, "DELETE FROM mine_patches WHERE uuid = %s", old)
    query(database, "UPDATE mine_patches SET patch_code = %s WHERE uuid = %s", code, other)
    capsys.readouterr()
    assert main(["history", database, code]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"{code} is row {other} of mine_patches",
                       f"{code} also named row {old} of mine_patches, deleted since: "
                       # (the address quoted, as a shell takes it pasted)
                       f"`field-kit history {shlex.quote(database)} {old}` lists its changes"],\
        out
    assert main(["history", database, renamed]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{renamed} is row {other} of mine_patches, renamed since\n"), out
    assert main(["history", database, "CT-nope"]) == 2
    assert "history takes a row's uuid, or a patch code" in capsys.readouterr().err


def test_settled_conflicts_are_named_by_their_patch_code(database, plan_gpkg, tmp_path,
                                                        capsys):
    """`conflicts --every` names a settled conflict's patch by its code, as an open one's
    (the row was not read: its uuid alone)."""
    from tests.unit.gpkg_factory import exported_edits

    codes_of = _published(database, plan_gpkg, tmp_path)
    code = "CT6504222017000026002"
    (row,) = [u for u, k in codes_of().items() if k == code]
    zips = exported_edits(database, tmp_path, (
        ("gis-a", "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?"),
        ("gis-b", "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE patch_code = ?")), code)
    assert main(["merge", database, *zips]) == 1
    assert main(["resolve", database, "--all", zips[1], "--take", "theirs"]) == 0
    capsys.readouterr()
    assert main(["conflicts", database, "--every"]) == 0
    (head,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith("#")]
    assert f" mine_patches {code} (row {row}) mineral " in head, head


def test_merge_v_names_the_rows_it_applied(database, plan_gpkg, tmp_path, capsys):
    from tests.unit.test_codes_name_one_row import applied_rows_named

    _published(database, plan_gpkg, tmp_path)
    applied_rows_named(database, tmp_path, capsys)


def test_a_code_freed_and_taken_in_one_merge_goes_to_the_new_patch(
        database, plan_gpkg, tmp_path, capsys):
    from tests.unit.test_codes_name_one_row import a_code_freed_and_taken_in_one_merge

    a_code_freed_and_taken_in_one_merge(database, tmp_path, capsys,
                                        _published(database, plan_gpkg, tmp_path), reverse=True)


def test_a_code_freed_by_a_delete_kept_aside_refuses_the_merge(
        database, plan_gpkg, tmp_path, capsys):
    from tests.unit.test_codes_name_one_row import a_code_freed_and_taken_in_one_merge

    a_code_freed_and_taken_in_one_merge(database, tmp_path, capsys,
                                        _published(database, plan_gpkg, tmp_path),
                                        edited_since=True)


def test_an_edit_of_a_deleted_patch_whose_code_was_taken_keeps_it_deleted(
        database, plan_gpkg, tmp_path, capsys):
    from tests.unit.test_codes_name_one_row import an_edit_of_a_deleted_patch_whose_code_was_taken

    an_edit_of_a_deleted_patch_whose_code_was_taken(database, tmp_path, capsys,
                                                    _published(database, plan_gpkg, tmp_path))


def test_a_value_typed_where_the_master_has_no_code_lists_is_said_unchecked(
        database, tmp_path, capsys):
    """A PostgreSQL master without the plan's code lists writes a typed mineral as given
    and says it could not be checked, as a GeoPackage master does."""
    from field_kit.sync import package_export
    from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

    src = make_gpkg(tmp_path / "plan.gpkg", patches=3)
    assert main(["init", database, "--from", str(src)]) == 0
    zips = []
    for device, mineral in (("gis-a", "x"), ("gis-b", "y")):
        pkg = tmp_path / f"{device}.gpkg"
        assert main(["checkout", database, str(pkg), "--device", device, "--role", "gis"]) == 0
        u = patch_uuids(pkg)[0]
        edit(pkg, "UPDATE mine_patches SET mineral = ? WHERE uuid = ?", mineral, u)
        zips.append(str(tmp_path / f"{device}.zip"))
        package_export.export(pkg, zips[-1])
    assert main(["merge", database, *zips]) != 3
    (conflict,) = query(database, "SELECT id FROM sync_conflicts WHERE status = 'open'")
    capsys.readouterr()
    assert main(["resolve", database, str(conflict[0]), "--value", "bogus"]) == 0
    assert (f"field-kit: warning: conflict {conflict[0]}: mine_patches: the value typed into "
            "mineral could not be checked against its code list: the master has no table "
            "code_lists; written as given: check it") in capsys.readouterr().err
    assert query(database, "SELECT mineral FROM mine_patches WHERE uuid = %s", u) == [("bogus",)]
