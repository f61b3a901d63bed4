# SPDX-License-Identifier: GPL-2.0-or-later
"""Of a PostgreSQL master too, `field-kit history MASTER ID` of a patch deleted, by its uuid
or the code it had, lists the records made on it and says it is deleted: the verification
kept, and the one deleted with it, each with the command that lists its changes."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import make_gpkg, rows


def test_a_deleted_patchs_records_kept_and_deleted(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5, verifications=2)
    (patch, code, kept), (_, _, other) = rows(
        src, "SELECT p.uuid, p.patch_code, v.uuid FROM mine_patches p JOIN "
        "patch_verifications v ON v.patch_uuid = p.uuid ORDER BY p.fid")
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    query(database, "INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, verifier) "
          "VALUES ('5d7e0f4a-1b2c-4d3e-8f90-a1b2c3d4e5f6', %s, %s, 'Wang')", patch, code)
    gone = "5d7e0f4a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
    query(database, "DELETE FROM patch_verifications WHERE uuid = %s", gone)
    query(database, "DELETE FROM mine_patches WHERE uuid = %s", patch)
    for row in (patch, code):
        status, out, err = cli(capsys, "history", database, row, "--json")
        assert status == errors.OK, out + err
        got = history_json(out)
        assert got["row"] == {"table": "mine_patches", "uuid": patch, "code": code,
                              "since": "deleted"}, got
        assert [(r["uuid"], r["since"]) for r in got["records"]] == [
            (kept, None), (gone, "deleted")], got
        assert other not in out
    status, out, err = cli(capsys, "history", database, patch)
    assert status == errors.OK, out + err
    assert f"{patch}: deleted, with 2 records on it" in out, out
    assert f"{patch}: record {gone} of patch_verifications ({code}) on it, deleted since, " \
           "has 2 changes" in out, out
    status, out, err = cli(capsys, "history", database, gone, "--json")
    assert status == errors.OK, out + err
    assert [c["op"] for c in history_json(out)["changes"]] == ["insert", "delete"]
