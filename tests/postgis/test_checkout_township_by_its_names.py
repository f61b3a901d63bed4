# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout by township from a PostgreSQL master, the township given by its English or
pinyin name, takes that township's patches, as from a GeoPackage master; a name no township
has is refused naming the county's townships."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query


def test_a_township_by_its_english_name_from_postgres(plan_database, tmp_path, capsys):
    out = tmp_path / "tab-1.gpkg"
    assert main(["checkout", plan_database, str(out), "--device", "tab-1", "--township",
                 "guolebuyi township"]) == errors.OK
    assert "cut to township 郭勒布依乡, the package holds: mine_patches 4," in \
        capsys.readouterr().out
    with sqlite3.connect(out) as c:
        assert {t for (t,) in c.execute("SELECT township FROM mine_patches")} == {"郭勒布依乡"}
    assert query(plan_database, "SELECT subset::jsonb ->> 'township' FROM sync_devices WHERE "
                 "device = 'tab-1'") == [("郭勒布依乡",)]
    assert main(["checkout", plan_database, str(tmp_path / "tab-2.gpkg"), "--device", "tab-2",
                 "--township", "650422"]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "no township is named '650422'; the county's townships: 托克逊镇 (Toksun Town, " \
           "Tuokexun), 伊拉湖镇 (Yilahu Town)," in err, err
    assert query(plan_database, "SELECT device FROM sync_devices") == [("tab-1",)]
