# SPDX-License-Identifier: GPL-2.0-or-later
"""In a PostgreSQL master, a row inserted with a uuid that is no UUID (QGIS's ``<uuid>_1``
for a feature split off another or pasted into its own layer) gets a fresh one before it is
logged; parts split off one patch in two field packages both reach the master."""

from __future__ import annotations

import re

from field_kit.cli.commands import main
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, export, master  # noqa: F401
from tests.unit.gpkg_factory import edit, patch_uuids

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
SPLIT = ("INSERT INTO mine_patches (uuid, patch_code, township, phase) SELECT uuid || '_1', "
         "{code}, township, phase FROM mine_patches WHERE uuid = {uuid}")


def test_a_split_part_in_the_master_gets_a_uuid(master):  # noqa: F811
    database, src, _ = master
    u = patch_uuids(src)[0]
    rows(database, SPLIT.format(code="'TKX-SPLIT'", uuid="%s"), u)
    (new,) = rows(database, "SELECT uuid FROM mine_patches WHERE patch_code = 'TKX-SPLIT'")
    assert UUID.fullmatch(new[0])
    assert rows(database, "SELECT row_uuid FROM sync_changes WHERE op = 'insert'") == [new]


def test_parts_split_off_in_two_packages_both_reach_the_master(master, capsys):  # noqa: F811
    database, src, tmp = master
    u = patch_uuids(src)[0]
    zips = []
    for device in ("tab-a", "tab-b"):
        pkg = checkout(database, tmp, device)
        edit(pkg, SPLIT.format(code="?", uuid="?"), f"SPLIT-{device}", u)
        zips.append(export(pkg, tmp))
    assert main(["merge", database, *zips]) == 0, capsys.readouterr()
    got = rows(database, "SELECT patch_code, uuid FROM mine_patches WHERE patch_code LIKE "
               "'SPLIT-%%' ORDER BY 1")
    assert [g[0] for g in got] == ["SPLIT-tab-a", "SPLIT-tab-b"]
    assert got[0][1] != got[1][1] and all(UUID.fullmatch(g[1]) for g in got)
    assert rows(database, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s AND op = "
                "'insert'", u) == [(0,)]
