# SPDX-License-Identifier: GPL-2.0-or-later
"""Of a PostgreSQL master too, ``field-kit log --json`` and ``history --json`` give one
object whatever the case, with the keys a GeoPackage master's give (README): its log, a
row with an open conflict, the same row once it is settled, a code no change has touched
(the row it names and the verification on it), a code another row had before."""

from __future__ import annotations

import json

from field_kit import errors
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout, cli_json, export
from tests.unit.cli_run import HISTORY_KEYS, LOG_KEYS, cli
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids, rows
from tests.unit.test_log_and_history_json_keys import KINDS


def given(capsys, command: str, *argv) -> dict:
    code, out, err = cli(capsys, command, *argv, "--json")
    assert code == errors.OK, err
    return json.loads(out)


def test_every_case_gives_the_same_keys(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5, verifications=2)
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    u = patch_uuids(src)[0]
    ((untouched, kept),) = rows(src, "SELECT patch_code, uuid FROM mine_patches WHERE uuid != ? "
                                "LIMIT 1", u)
    ((record,),) = rows(src, "SELECT uuid FROM patch_verifications WHERE patch_code = ?",
                        untouched)
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
    ((gone, code),) = query(database, "SELECT uuid, patch_code FROM mine_patches WHERE uuid "
                            "NOT IN (%s, %s) LIMIT 1", u, kept)
    query(database, "DELETE FROM mine_patches WHERE uuid = %s", gone)
    query(database, "UPDATE mine_patches SET patch_code = %s WHERE uuid = %s", code, kept)
    said["history", "a code another row had"] = given(capsys, "history", database, code)
    keys = {"log": LOG_KEYS, "history": HISTORY_KEYS}
    for (command, case), got in said.items():
        assert isinstance(got, dict) and set(got) == keys[command], (case, got)
        assert all(isinstance(v, KINDS.get(k, list)) for k, v in got.items()), (case, got)
    assert said["history", "nothing open"]["open_conflicts"] == []
    assert said["history", "nothing open"]["row"] is None
    untouched_said = said["history", "a code no change has touched"]
    assert untouched_said["changes"] == []
    assert untouched_said["row"] == {"table": "mine_patches", "uuid": kept, "code": untouched,
                                     "since": None}, untouched_said
    assert [(r["table"], r["uuid"], r["changes"]) for r in untouched_said["records"]] == \
        [("patch_verifications", record, 0)], untouched_said
    other = said["history", "a code another row had"]
    assert other["row"] == {"table": "mine_patches", "uuid": kept, "code": code,
                            "since": None}, other
    assert [(r["uuid"], r["since"]) for r in other["also_named"]] == [(gone, "deleted")], other
