# SPDX-License-Identifier: GPL-2.0-or-later
"""A record one technician edited and another deleted with its photos (the field app's
Delete record takes them): kept by the supervisor's decision, it comes back with its photos,
on a GeoPackage master and a PostgreSQL one, and the decision says so. They were left
deleted, and nothing said it."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors, forms
from field_kit.db import connect
from field_kit.forms import PATCH_VERIFICATION
from field_kit.messages_zh import chinese
from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said, sent
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.gpkg_factory import edit, rows

RECORD = "11111111-2222-4333-8444-555555555555"
PHOTO = jpeg_with_exif(lat=42.7, lon=88.6)
PHOTOS_SQL = ("SELECT file_name, (SELECT length(data) FROM attachments a WHERE a.sha256 = "
              "p.sha256) FROM photos p WHERE record_uuid = ?")


@pytest.fixture(params=["gpkg", "postgres"])
def either(request):
    """A master of each kind, and a read of its rows."""
    if request.param == "gpkg":
        m = request.getfixturevalue("master")
        return m, lambda sql, *args: rows(m, sql, *args)
    m = request.getfixturevalue("plan_database")
    return m, lambda sql, *args: [tuple(r) for r in query(m, sql.replace("?", "%s"), *args)]


def test_a_record_kept_over_its_delete_comes_back_with_its_photos(either, tmp_path, capsys):
    master, read = either
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, device in ((a, "a"), (b, "b")):
        code, said = cli_said(capsys, "checkout", master, pkg, "--device", device,
                              "--township", "郭勒布依乡")
        assert code == errors.OK, said
    edit(a, "INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, patch_class, "
            "remediation_status, verifier, verified_on) SELECT ?, uuid, patch_code, '10', "
            "'B', 'Li', '2025-06-01' FROM mine_patches LIMIT 1", RECORD)
    conn = connect(a)
    forms.attach_photo(conn, "patch_verifications", RECORD, ("site.jpg", PHOTO))
    conn.close()
    assert sent(capsys, a, master, tmp_path / "a1.zip")[0] == errors.OK
    assert cli_said(capsys, "pull", b, master)[0] == errors.OK
    edit(a, "UPDATE patch_verifications SET notes = 'north side re-seeded'")
    conn = connect(b)
    assert forms.delete_record(conn, PATCH_VERIFICATION, RECORD) == 1
    conn.close()
    assert sent(capsys, a, master, tmp_path / "a2.zip")[0] == errors.OK
    code, said = sent(capsys, b, master, tmp_path / "b2.zip")
    assert code == errors.CONFLICTS, said
    assert read(PHOTOS_SQL, RECORD) == []
    ((conflict,),) = read("SELECT id FROM sync_conflicts WHERE status = 'open'")
    code, said = cli_said(capsys, "resolve", master, conflict, "--take", "ancestor")
    assert code == errors.OK, said
    assert f"conflict {conflict}: 1 photo deleted with the row brought back with it " \
        "(site.jpg)" in said, said
    line = next(x for x in said.splitlines() if "1 photo deleted" in x).strip()
    assert chinese(line) == f"冲突 {conflict}：随该要素删除的 1 张照片已一并恢复（site.jpg）"
    assert read(PHOTOS_SQL, RECORD) == [("site.jpg", len(PHOTO))]
    # the packages follow: b gets the record and its photo back, a keeps them
    for pkg in (a, b):
        assert cli_said(capsys, "pull", pkg, master)[0] == errors.OK
        assert sqlite3.connect(pkg).execute(PHOTOS_SQL, (RECORD,)).fetchall() == \
            [("site.jpg", len(PHOTO))], pkg
