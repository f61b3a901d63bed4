# SPDX-License-Identifier: GPL-2.0-or-later
"""Of a PostgreSQL master too, `field-kit history MASTER CODE` lists the records on the
patch the code names, by its uuid (one keeping the code the patch had before too), and
those holding no uuid by the code alone; not those of a patch deleted that held the code."""

from __future__ import annotations

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, make_gpkg, rows


def test_the_records_of_the_live_patch_not_the_deleted_ones(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5, verifications=2)
    (gone, code, gone_record), (kept, _, kept_record) = rows(
        src, "SELECT p.uuid, p.patch_code, v.uuid FROM mine_patches p JOIN "
        "patch_verifications v ON v.patch_uuid = p.uuid ORDER BY p.fid")
    edit(src, "INSERT INTO patch_verifications (patch_code, verifier) VALUES (?, 'Wang')",
         code)
    ((typed,),) = rows(src, "SELECT uuid FROM patch_verifications WHERE patch_uuid IS NULL")
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    query(database, "DELETE FROM mine_patches WHERE uuid = %s", gone)
    query(database, "UPDATE mine_patches SET patch_code = %s WHERE uuid = %s", code, kept)
    status, out, err = cli(capsys, "history", database, code, "--json")
    assert status == errors.OK, out + err
    got = history_json(out)
    assert got["row"]["uuid"] == kept, got
    assert sorted((r["uuid"], r.get("named_by")) for r in got["records"]) == sorted(
        [(kept_record, "uuid"), (typed, "code")]), got
    assert gone_record not in {r["uuid"] for r in got["records"]}, got


def test_history_in_english_names_the_patches_a_record_moved_between(database, tmp_path,
                                                                       capsys, monkeypatch):
    """A record moved from a patch deleted since to another, read in English: each patch by
    what names it (the deleted one by its uuid, said deleted), a figure as the reports
    write it, as on a GeoPackage master."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=5, verifications=2)
    (gone, _, record), (kept, code, _) = rows(
        src, "SELECT p.uuid, p.patch_code, v.uuid FROM mine_patches p JOIN "
        "patch_verifications v ON v.patch_uuid = p.uuid ORDER BY p.fid")
    assert cli(capsys, "init", database, "--from", src)[0] == errors.OK
    query(database, "DELETE FROM mine_patches WHERE uuid = %s", gone)
    query(database, "UPDATE patch_verifications SET patch_uuid = %s, measured_area_m2 = 60000.5 "
          "WHERE uuid = %s", kept, record)
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    status, out, err = cli(capsys, "history", database, record)
    assert status == errors.OK, out + err
    assert f"    patch_uuid: {gone} (deleted" in out and f" -> {code}\n" in out, out
    assert "    measured_area_m2: null -> 60,000.5\n" in out, out
