# SPDX-License-Identifier: GPL-2.0-or-later
"""Of a PostgreSQL master too, ``field-kit log --json`` and ``history --json`` give one
object whatever the case, with the keys a GeoPackage master's give (README): its log, a
row with an open conflict, the same row once it is settled, a code no change has touched."""

from __future__ import annotations

import json

from field_kit import errors
from tests.postgis.test_postgis_master import checkout, cli_json, export
from tests.unit.cli_run import HISTORY_KEYS, LOG_KEYS, cli
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids, rows


def given(capsys, command: str, *argv) -> dict:
    code, out, err = cli(capsys, command, *argv, "--json")
    assert code == errors.OK, err
    return json.loads(out)


def test_every_case_gives_the_same_keys(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    u = patch_uuids(src)[0]
    ((untouched,),) = rows(src, "SELECT patch_code FROM mine_patches WHERE uuid != ? LIMIT 1",
                           u)
    pkgs = [checkout(database, tmp_path, device) for device in ("tab-a", "tab-b")]
    for pkg, value in zip(pkgs, "AB"):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", value, u)
        cli_json(capsys, "merge", database, export(pkg, tmp_path))
    said = {("log", "its log"): given(capsys, "log", database),
            ("history", "an open conflict"): given(capsys, "history", database, u),
            ("history", "a code no change has touched"): given(capsys, "history", database,
                                                               untouched)}
    (c,) = said["history", "an open conflict"]["open_conflicts"]
    assert cli(capsys, "resolve", database, c["id"], "--take", "ours")[0] == errors.OK
    said["history", "nothing open"] = given(capsys, "history", database, u)
    keys = {"log": LOG_KEYS, "history": HISTORY_KEYS}
    for (command, case), got in said.items():
        assert isinstance(got, dict) and set(got) == keys[command], (case, got)
        assert all(isinstance(v, list) for v in got.values()), (case, got)
    assert said["history", "nothing open"]["open_conflicts"] == []
    assert said["history", "a code no change has touched"]["changes"] == []
