# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master: a command by GIS staff (no supervisor) leaves the codes and the
shapes changed with psql as they were, and says so, in English and Chinese; a supervisor's
follows them then. A patch renamed to a code another patch holds is followed and said."""

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.postgis.cluster import query
from tests.postgis.test_roles import an_editor
from tests.postgis.test_shape_edited_in_the_master import by_psql, libpq, reshape, square
from tests.unit import test_codes_followed_said as gpkg
from tests.unit.test_area_follows_shape import fk
from tests.unit.test_codes_changed_in_the_master import GIVEN, verified
from tests.unit.test_codes_follow import CODE, NEW

LEFT = ("patch_verifications: the patch_code of the patch they name not given to the rows "
        "naming a patch whose code was changed in the master since the last command that "
        "wrote: only a supervisor's command follows them; left as they were")
SHAPES_LEFT = ("mine_patches (shapes edited since the last command that wrote): area_m2, "
               "centre_lon, centre_lat not recomputed from its geometry: only a supervisor's "
               "command follows them; left as they were")


def _read(database):
    return lambda sql: [tuple(r) for r in query(database, sql)]


def test_gis_staff_s_command_says_the_codes_and_shapes_it_leaves(plan_database, cluster,
                                                                  tmp_path, capsys,
                                                                  monkeypatch):
    read = _read(plan_database)
    verified(plan_database, tmp_path, capsys)
    (record,), = read("SELECT uuid FROM patch_verifications")
    anna = an_editor(cluster, libpq(plan_database)["dbname"], ["mine_patches"])
    by_psql(plan_database, f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code = "
                           f"'{CODE}'")
    (u,), = read(f"SELECT uuid FROM mine_patches WHERE patch_code = '{NEW}'")
    reshape(plan_database, u, square(88.7, 42.8, 0.004), "psql")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = fk(capsys, "progress", anna)
    assert code == errors.OK, err
    assert LEFT in err and SHAPES_LEFT in err, err
    assert chinese(LEFT) in err and chinese(LEFT) != LEFT, err
    assert chinese(SHAPES_LEFT) in err and chinese(SHAPES_LEFT) != SHAPES_LEFT, err
    assert read(f"SELECT patch_code FROM patch_verifications WHERE uuid = '{record}'") == \
        [(CODE,)]
    # a supervisor's command follows them then
    code, out, err = fk(capsys, "progress", plan_database)
    assert code == errors.OK and GIVEN in out, out
    assert read(f"SELECT patch_code FROM patch_verifications WHERE uuid = '{record}'") == \
        [(NEW,)]


def test_a_patch_renamed_with_psql_to_a_code_another_holds_is_said(plan_database, tmp_path,
                                                                   capsys):
    gpkg.a_patch_renamed_to_a_code_held_is_said(
        plan_database, tmp_path, capsys, lambda sql: by_psql(plan_database, sql),
        _read(plan_database))


def test_a_code_typed_with_psql_naming_two_patches_says_so(plan_database, tmp_path, capsys):
    gpkg.a_code_typed_naming_two_patches_is_said(
        plan_database, tmp_path, capsys, lambda sql: by_psql(plan_database, sql),
        _read(plan_database))
