# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer GIS staff dropped from the master, and a column dropped or renamed there, stay in
a package a pull goes into: nothing held on a device is lost by a pull. The pull said of the
layer only that it was not brought ("gone from the file"), and of the columns nothing; it
says that the package still holds them, with their values, and what to do, in English and
Chinese."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import column_edits, package_checkout
from tests.unit.cli_run import cli_said
from tests.unit.test_column_edits import in_one_transaction
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_edited


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_pull_says_the_package_keeps_a_layer_the_master_dropped(tmp_path, capsys,
                                                                   chinese_locale):
    master, pkg = wells_edited(tmp_path, capsys)  # (泉2's flow edited, not sent)
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "not brought from the master, not tracked there: 泉眼: gone from the file" in said
    assert "  泉眼 is still in this package with its 2 rows as they were: a pull neither " \
           "brings nor removes a layer dropped from the master, so nothing held of it here is " \
           "lost; keep what is still wanted elsewhere (a copy of the layer), then delete the " \
           "layer from the package\n" in said, said
    assert "  泉眼 仍在本数据包中，其 2 个要素保持原样：拉取既不带来也不删除已从主库删除的图层，" \
           "本机所存的内容不会丢失；" in said, said
    assert "  the master will refuse the edits of 1 feature of 泉眼: layer 泉眼 was dropped " \
           "from the master" in said, said
    assert sqlite3.connect(pkg).execute(
        "SELECT name, flow FROM 泉眼 ORDER BY name").fetchall() == [("泉1", 1.5), ("泉2", 9.9)]


@pytest.mark.parametrize("role", ["gis", "technician"])
def test_a_pull_says_the_package_keeps_columns_the_master_renamed_or_dropped(
        tmp_path, master, capsys, chinese_locale, role):
    pkg = tmp_path / "p.gpkg"
    with connect(master) as c:
        c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('seen', '李')")
    package_checkout.checkout(master, pkg, "dev1", role=role)
    column_edits.prepare(master, "patch_verifications", ["notes"], {"verifier": "checked_by"})
    in_one_transaction(master, "ALTER TABLE patch_verifications DROP COLUMN notes",
                       "ALTER TABLE patch_verifications RENAME COLUMN verifier TO checked_by")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "added from the master: column patch_verifications.checked_by" in said, said
    assert "  column verifier of patch_verifications was renamed checked_by in the master on " \
           in said, said
    assert ": this package keeps verifier beside checked_by, its values as they were; a " \
           "merge refuses an edit of verifier: make it in checked_by\n" in said, said
    assert "  column notes of patch_verifications was dropped from the master on " in said, said
    assert ": this package keeps it, its values as they were; a merge refuses an edit of it\n" \
           in said, said
    assert "在主库中改名为 checked_by：本数据包仍保留" in said, said
    assert "从主库删除：本数据包仍保留该字段，其值保持原样；合并会拒收对它的修改" in said, said
    assert sqlite3.connect(pkg).execute(
        "SELECT notes, verifier, checked_by FROM patch_verifications").fetchall() == \
        [("seen", "李", "李")]
