# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit roles``: a supervisor lists, gives and takes back what technicians may change
(the master's sync_roles) with a command, packages take it at their next pull, and what
cannot be granted is refused with nothing changed."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.plan.values import field_label
from field_kit.sync import registry
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit

DEFAULT = {("technician", "patch_verifications", "*"), ("technician", "photos", "*"),
           ("technician", "project_inspections", "*")}


def held(gpkg) -> set:
    with sqlite3.connect(gpkg) as c:
        return set(c.execute("SELECT role, tbl, col FROM sync_roles"))


def both(line: str) -> str:
    """A line the command says, checked to be known in Chinese too."""
    assert chinese(line) != line, line
    return line


def test_roles_lists_the_grants_and_marks_those_that_grant_nothing(master, capsys):
    code, out, _ = cli(capsys, "roles", master)
    assert code == errors.OK, out
    assert both(f"who may change what in the field packages of {master}: gis, every "
                "table") in out
    for tbl in ("patch_verifications", "photos", "project_inspections"):
        assert f"  {both(f'technician may change {tbl} (every column)')}\n" in out, out
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phaze'), ('technican', 'photos', '*')")
    code, out, _ = cli(capsys, "roles", master)
    assert code == errors.OK, out
    assert both("ignored: grant (technician, mine_patches, phaze) in sync_roles names no "
                "column of mine_patches; it grants nothing") in out, out
    assert both("ignored: grant (technican, photos, *) in sync_roles names no role: roles "
                "are technician, gis; it grants nothing") in out, out
    code, out, _ = cli(capsys, "roles", master, "--json")
    assert code == errors.OK, out
    listed = json.loads(out)["grants"]
    assert {(g["role"], g["table"], g["column"]) for g in listed} == held(master)
    assert [g["ignored"] is not None for g in listed].count(True) == 2, listed
    with connect(master) as c:
        c.execute("DELETE FROM sync_roles")
    code, out, _ = cli(capsys, "roles", master)
    assert both("technician may change no table") in out, out


def test_grant_and_revoke_change_the_master_and_a_pull_brings_them(master, tmp_path, capsys):
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    code, out, err = cli(capsys, "roles", master, "--grant", "technician",
                         "mine_patches.phase,period", "--revoke", "technician", "photos")
    assert code == errors.OK, out + err
    assert both("grants changed: technician may now change mine_patches.period, "
                "mine_patches.phase") in out, out
    assert both("grants changed: technician may no longer change photos (every column)") in out
    assert both(f"the grants of {master} changed; field packages get them at their next "
                "pull") in out, out
    assert held(master) == DEFAULT - {("technician", "photos", "*")} | {
        ("technician", "mine_patches", "phase"), ("technician", "mine_patches", "period")}
    code, out, err = cli(capsys, "pull", pkg, master)
    assert code == errors.OK, out + err
    assert "grants changed: technician may now change mine_patches.period, " \
           "mine_patches.phase" in out, out
    assert held(pkg) == held(master)
    # the same again changes nothing, and says so
    code, out, _ = cli(capsys, "roles", master, "--grant", "technician", "mine_patches.phase")
    assert code == errors.OK
    assert both("unchanged: technician may change mine_patches.phase already") in out, out
    assert both(f"the grants of {master} are as they were; nothing was changed") in out, out


def test_revoking_one_column_of_a_table_granted_whole_keeps_the_others_by_name(master,
                                                                              capsys):
    code, out, _ = cli(capsys, "roles", master, "--revoke", "technician", "photos.caption")
    assert code == errors.OK, out
    assert both("grants changed: technician may no longer change photos.caption") in out, out
    with connect(master, readonly=True) as c:
        others = registry.by_name(c)["photos"].column_names
        allowed = registry.grants(c, "technician")
    assert allowed["photos"] == set(others) - {"caption"}
    assert registry.may_write(allowed, "photos", ["caption"]) == "caption"
    assert registry.may_write(allowed, "photos", ["file_name"]) is None
    kept = [c for c in others if c != "caption"]
    said = both(f"grants changed: technician may still change the other columns of photos, "
                f"each granted by name now: {', '.join(kept)} (not a column added to it later)")
    assert said in out, out
    # (the layer by its title, its columns by their labels listed with 、)
    labels = "、".join(field_label("photos", c) for c in kept)
    assert chinese(said) == f"权限已变更：技术员仍可修改照片的其他字段，现逐个授权：{labels}" \
                            "（以后新增的字段不在其内）"
    assert ", " not in labels and "file_name" not in labels, labels


def test_what_cannot_be_granted_is_refused_by_name_and_nothing_changes(master, capsys):
    before = held(master)
    code, said = cli_said(capsys, "roles", master, "--grant", "technician", "photos.caption",
                          "--grant", "gis", "photos", "--grant", "technician", "wells",
                          "--grant", "technician", "mine_patches.phaze",
                          "--grant", "technican", "photos")
    assert code == errors.BAD_INPUT, said
    line = said.strip().removeprefix("field-kit: ")
    assert line.startswith("grants not changed: the role gis (GIS staff) changes every table")
    for part in ("no table wells is tracked by the master (it tracks county_boundary, ",
                 "mine_patches has no column phaze (its columns: geom, patch_code, ",
                 "no role technican: roles are technician, gis"):
        assert part in line, line
    assert line.endswith("; nothing was changed")
    # (the names to write listed with 、, each by its title or label with its name)
    assert ("历史遗留矿山图斑（mine_patches）中没有字段 phaze（其字段：几何（geom）、"
            "图斑编号（patch_code）、") in chinese(line), chinese(line)
    assert "主库未跟踪表 wells（它跟踪的表：县域范围（county_boundary）、" in chinese(line), \
        chinese(line)
    assert chinese(line).startswith("权限未变更：角色 gis（GIS 人员）")
    assert held(master) == before
    # a mistaken grant is taken back by what it names
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', 'wells', '*')")
    code, out, _ = cli(capsys, "roles", master, "--revoke", "technician", "wells")
    assert code == errors.OK, out
    assert held(master) == before


def test_a_field_package_is_refused(master, tmp_path, capsys):
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    before = held(pkg)
    code, said = cli_said(capsys, "roles", pkg, "--grant", "technician", "mine_patches")
    assert code == errors.BAD_INPUT, said
    assert f"{pkg} is a field package: grants are changed in its master" in said, said
    assert chinese(said.strip().removeprefix("field-kit: ")) != said
    assert held(pkg) == before


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_layer_added_since_the_last_command_can_be_granted(master, tmp_path, capsys):
    from tests.unit.test_roles_as_data import add_wells
    add_wells(master, tmp_path)
    code, out, _ = cli(capsys, "roles", master, "--grant", "technician",
                       "well_checks.water_level_m")
    assert code == errors.OK, out
    with connect(master, readonly=True) as c:
        assert registry.grants(c, "technician")["well_checks"] == {"water_level_m"}
        assert registry.grants_ignored(c) == []


def test_init_again_says_it_put_back_the_grants_a_supervisor_emptied(master, capsys):
    edit(master, "DELETE FROM sync_roles")  # (as in the sqlite3 shell)
    code, out, err = cli(capsys, "init", master)
    assert code == errors.OK, out + err
    assert held(master) == DEFAULT
    line = ("sync_roles was empty (technicians could change no table), so init gave back the "
            "plan's default grants: technician may change patch_verifications (every column), "
            "photos (every column), project_inspections (every column); to take them back: "
            f"field-kit roles {master} --revoke technician TABLE")
    assert f"field-kit: warning: {line}" in err, err
    both(line)
    code, out, err = cli(capsys, "init", master)  # grants there: nothing said
    assert code == errors.OK and "sync_roles" not in out + err, out + err
    # a master already: said to be one, its capture renewed, not installed
    assert out.startswith(f"change capture renewed in {master} (project "), out


def test_a_column_taken_back_of_a_table_granted_whole_locks_its_features_and_says_so(
        master, tmp_path, capsys):
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    code, out, err = cli(capsys, "roles", master, "--revoke", "technician", "photos.caption")
    assert code == errors.OK, out + err
    line = ("technician may no longer add or delete features of photos: a role granted some "
            "of its columns only adds and deletes none (to give them back: --grant technician "
            "photos)")
    assert f"field-kit: warning: {line}" in err, err
    both(line)
    # the pull says what changed as it reads, the column lost (not every other one given)
    code, out, err = cli(capsys, "pull", pkg, master)
    assert code == errors.OK, out + err
    said = next(x.strip() for x in out.splitlines() if "grants changed" in x)
    assert said.startswith("grants changed: technician may now change only photos.") and \
        said.endswith(", nor add or delete features of photos"), out
    assert "photos.caption" not in said and out.count("grants changed") == 1, out
    both(said)
    # granted whole again: that, and nothing taken back
    assert cli(capsys, "roles", master, "--grant", "technician", "photos")[0] == errors.OK
    code, out, _ = cli(capsys, "pull", pkg, master)
    assert "grants changed: technician may now change photos (every column)" in out, out
    assert "no longer" not in out, out


def test_every_column_given_back_by_name_says_features_are_still_locked(master, capsys):
    """A column taken back of a table granted whole, then given back: every column is
    granted by name, and a technician still adds and deletes none of its features; the grant
    says so, and how to let it (it said only that the column may be changed)."""
    assert cli(capsys, "roles", master, "--revoke", "technician", "photos.caption")[0] == \
        errors.OK
    code, out, err = cli(capsys, "roles", master, "--grant", "technician", "photos.caption")
    assert code == errors.OK, out + err
    assert "grants changed: technician may now change photos.caption" in out, out
    line = ("technician may change every column of photos, each granted by name, but add or "
            "delete none of its features (to let it: --grant technician photos)")
    assert f"field-kit: warning: {line}" in err, err
    assert chinese(line) == ("技术员可以修改照片的每个字段（逐个授权），但不能新增或删除其要素"
                             "（如需允许：--grant technician photos）")
    code, out, err = cli(capsys, "roles", master, "--grant", "technician", "photos")
    assert code == errors.OK and "warning" not in err, out + err


def test_init_gives_back_no_grant_a_supervisor_took_back_with_roles(master, capsys):
    code, out, err = cli(capsys, "roles", master, *[
        arg for t in ("patch_verifications", "photos", "project_inspections")
        for arg in ("--revoke", "technician", t)])
    assert code == errors.OK and held(master) == set(), out + err
    code, out, err = cli(capsys, "init", master)
    assert code == errors.OK, out + err
    assert held(master) == set() and "sync_roles" not in out + err, out + err


def test_a_bad_grant_given_twice_is_named_once(master, capsys):
    code, out, err = cli(capsys, "roles", master, "--grant", "technician", "townships.township",
                         "--grant", "technician", "townships.township")
    assert code == errors.BAD_INPUT, out + err
    assert err.count("townships has no column township") == 1, err
