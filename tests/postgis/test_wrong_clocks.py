# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a merge says the edits a device's wrong clock dated after it
or before the package's checkout, and a later merge the edits of its package that lost to
edits dated after it."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import package_export
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids
from tests.unit.test_merge_says_wrong_clocks import dated


def merged(capsys, database, *zips) -> tuple[int, list]:
    capsys.readouterr()
    code = main(["merge", database, *map(str, zips), "--json"])
    return code, json.loads(capsys.readouterr().out)["merges"]


def test_wrong_clocks_are_said_on_a_database_master(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=6, verifications=1)
    assert main(["init", database, "--from", str(src)]) == errors.OK
    u = patch_uuids(src)
    pkgs = {}
    for device in ("tab-a", "tab-b", "tab-c"):
        pkgs[device] = tmp_path / f"{device}.gpkg"
        assert main(["checkout", database, str(pkgs[device]), "--device", device,
                     "--role", "gis"]) == errors.OK
    edit(pkgs["tab-a"], "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u[0])
    dated(pkgs["tab-a"], "2031-06-01 10:00:00")
    edit(pkgs["tab-c"], "UPDATE mine_patches SET phase = 'C' WHERE uuid = ?", u[1])
    dated(pkgs["tab-c"], "1970-01-01 00:00:05")
    zips = {d: tmp_path / f"{d}.zip" for d in pkgs}
    for d in ("tab-a", "tab-c"):
        package_export.export(pkgs[d], zips[d])
    code, merges = merged(capsys, database, zips["tab-a"], zips["tab-c"])
    assert code == errors.OK, merges
    clock = {m["device"]: [(c["kind"], c["edits"], c["earliest"]) for c in m["clock"]]
             for m in merges}
    assert clock == {"tab-a": [("ahead", 1, "2031-06-01T10:00:00.000Z")],
                     "tab-c": [("behind", 1, "1970-01-01T00:00:05.000Z")]}
    edit(pkgs["tab-b"], "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u[0])
    package_export.export(pkgs["tab-b"], zips["tab-b"])
    code, (m,) = merged(capsys, database, zips["tab-b"])
    assert code == errors.CONFLICTS, m
    assert (m["met_dated_ahead"]["conflicts"], m["met_dated_ahead"]["devices"]) == \
        (1, ["tab-a"]), m
    assert query(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u[0]) == [("A",)]
