# SPDX-License-Identifier: GPL-2.0-or-later
"""``status`` of a master says what its own edits (the sqlite3 shell, QGIS, psql) leave for
the next command that reads its data to follow: shapes waiting for their area and centre,
codes waiting to be given to the rows naming them. It said nothing of them."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.test_area_follows_shape import fk, square
from tests.unit.test_codes_changed_in_the_master import gpkg_read, verified
from tests.unit.test_codes_follow import CODE, NEW, NEW_HOME
from tests.unit.test_shape_edited_in_the_master import in_the_shell

SHAPES = ("shapes edited in the master itself wait for their area and centre in mine_patches "
          "(the next merge, pull, checkout, progress, report or check-plan follows them)")
CODES = ("codes changed in the master itself wait to be given to the rows of "
         "patch_verifications naming them (the next merge, pull, checkout, progress, report "
         "or check-plan follows them)")


def status_says_what_waits(master, tmp_path, capsys, change, read, shape_sql: str) -> None:
    """``change(sql)`` edits the master itself; ``shape_sql``: a new shape, as SQL there."""
    verified(master, tmp_path, capsys)
    (patch,), = read(f"SELECT uuid FROM mine_patches WHERE patch_code = '{CODE}'")
    code, out, _ = fk(capsys, "status", master)
    assert code == errors.OK and "wait" not in out, out
    change(f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code = '{CODE}'")
    code, out, _ = fk(capsys, "status", master)
    assert CODES in out and SHAPES not in out, out
    assert "主库中直接修改的编号等待写入图斑核查记录中指向它们的记录" in chinese(CODES)
    change(f"UPDATE mine_patches SET geom = {shape_sql} WHERE uuid = '{patch}'")
    code, out, _ = fk(capsys, "status", master, "--json")
    assert json.loads(out)["to_follow"] == {"shapes": ["mine_patches"],
                                           "codes": ["patch_verifications"]}, out
    code, out, _ = fk(capsys, "status", master)
    assert SHAPES in out and CODES in out, out
    assert "主库中直接修改的图形等待重算面积和中心点：历史遗留矿山图斑（" in chinese(SHAPES)
    assert fk(capsys, "progress", master)[0] == errors.OK  # it follows them
    code, out, _ = fk(capsys, "status", master, "--json")
    assert json.loads(out)["to_follow"] == {"shapes": [], "codes": []}, out


def test_status_of_a_master_says_what_its_own_edits_leave_to_follow(master, tmp_path, capsys):
    status_says_what_waits(master, tmp_path, capsys, lambda sql: in_the_shell(master, sql),
                           gpkg_read(master), f"x'{square(88.7, 42.8, 0.004).hex()}'")


def test_a_patch_renamed_that_no_row_names_leaves_nothing_to_follow(master, tmp_path, capsys):
    verified(master, tmp_path, capsys)  # (a record of another patch)
    in_the_shell(master, "UPDATE mine_patches SET patch_code = 'CT6504222017000026904' WHERE "
                         f"patch_code = '{NEW_HOME}'")
    code, out, _ = fk(capsys, "status", master, "--json")
    assert json.loads(out)["to_follow"] == {"shapes": [], "codes": []}, out
