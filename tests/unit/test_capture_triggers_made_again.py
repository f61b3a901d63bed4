# SPDX-License-Identifier: GPL-2.0-or-later
"""A program that drops a table's capture triggers and creates them again as they were (one
that rebuilds a table and restores its triggers from their schema text) left the edits made
in between out of the log, unseen: ``status`` said 0 changes waiting and ``export`` "nothing
to export". SQLite counts every schema change, and the package keeps the count capture was
last known whole at: where it is another, the rows are compared with their record at
checkout and the log since, and those changed outside capture are named until ``repair``
logs them. A schema change made as QGIS makes one (a field added, then edited) is no alarm."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.plan.geometry import gpkg_blob, point_wkb
from field_kit.sync import drift, repair
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.gpkg_factory import rows as read

LAYER = "restoration_projects"


def rows(path, where: str) -> list:
    return read(path, f"SELECT project_id, name_en FROM {LAYER} WHERE {where} ORDER BY fid")


UNSEEN = (f"UPDATE {LAYER} SET name_en = 'edited unseen' WHERE fid = 1",
          f"INSERT INTO {LAYER} (project_id, name_en) VALUES ('X-1', 'added unseen')",
          f"DELETE FROM {LAYER} WHERE fid = 3")


def edited_with_triggers_made_again(pkg, layer: str = LAYER, edits=UNSEEN) -> None:
    """Drop the layer's capture triggers, edit it (by default an update, an insert, a
    delete), then create the triggers again from the very text the file held."""
    conn = connect(pkg)  # (with GeoPackage's functions, for the R-tree's triggers)
    made = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                        "name LIKE 'sync\\_%' ESCAPE '\\' AND tbl_name = ?", (layer,)).fetchall()
    assert len(made) == 4
    with conn:
        for name, _ in made:
            conn.execute(f'DROP TRIGGER "{name}"')
        for sql in edits:
            conn.execute(sql)
        for _, text in made:
            conn.execute(text)
    conn.close()


def checked_out(master, tmp_path, capsys):
    pkg = tmp_path / "gis.gpkg"
    code, out, _ = cli(capsys, "checkout", master, pkg, "--device", "gis1", "--role", "gis")
    assert code == errors.OK, out
    return pkg


def test_edits_made_while_the_triggers_were_gone_are_named_and_repaired(master, tmp_path,
                                                                        capsys):
    pkg, out = checked_out(master, tmp_path, capsys), tmp_path / "gis.zip"
    deleted = read(pkg, f"SELECT uuid FROM {LAYER} WHERE fid = 3")[0][0]
    edited_with_triggers_made_again(pkg)
    code, said, _ = cli(capsys, "status", pkg)
    assert code == errors.CAPTURE_BROKEN
    assert (f"change capture not whole: {LAYER}: rows changed outside change capture (updated "
            f"fid 1; inserted fid 27; deleted uuid {deleted})") in said, said
    assert f"run field-kit repair {pkg}" in said, said
    code, said, err = cli(capsys, "export", pkg, out)
    assert code == errors.CAPTURE_BROKEN and not out.exists()
    assert "nothing to export" not in said + err
    assert f"{LAYER}: rows changed outside change capture" in err, err
    code, said, _ = cli(capsys, "repair", pkg)
    assert code == errors.OK and f"recovered 3 edits of {LAYER}" in said, said
    code, said, _ = cli(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 3" in said, said
    assert cli(capsys, "export", pkg, out)[0] == errors.OK
    # the row added reaches the master; the update and the delete, whose earlier values
    # the record knows by their checksum only, are held for a supervisor
    assert cli(capsys, "merge", master, out)[0] == errors.CONFLICTS
    assert rows(master, "project_id = 'X-1'") == [("X-1", "added unseen")]


def test_a_field_added_as_qgis_adds_one_is_no_alarm_and_its_edits_go(master, tmp_path,
                                                                     capsys):
    pkg, out = checked_out(master, tmp_path, capsys), tmp_path / "gis.zip"
    edit(pkg, f"ALTER TABLE {LAYER} ADD COLUMN notes TEXT")
    edit(pkg, f"UPDATE {LAYER} SET notes = 'looked at', name_en = 'edited' WHERE fid = 1")
    edit(pkg, f"INSERT INTO {LAYER} (project_id, notes) VALUES ('X-1', 'new')")
    edit(pkg, f"DELETE FROM {LAYER} WHERE fid = 3")
    code, said, _ = cli(capsys, "status", pkg)
    assert code == errors.OK and "1 added, 1 changed, 1 deleted" in said, said
    code, said, _ = cli(capsys, "export", pkg, out)
    assert code == errors.OK and "5 changes" in said, said  # (the field's value apart)
    assert cli(capsys, "merge", master, out)[0] == errors.OK
    assert read(master, f"SELECT project_id, name_en, notes FROM {LAYER} WHERE fid = 1 OR "
                "project_id = 'X-1' ORDER BY fid") == [("P1-1", "edited", "looked at"),
                                                      ("X-1", None, "new")]
    assert rows(master, "fid = 3") == []


def test_no_row_is_compared_while_the_schema_is_as_capture_left_it(master, tmp_path, capsys,
                                                                   monkeypatch):
    """The comparison is the cost of a change of capture's part of the schema only: a
    command after another that found capture whole reads no row, nor one after a field
    added."""
    pkg = checked_out(master, tmp_path, capsys)
    edit(pkg, f"UPDATE {LAYER} SET name_en = 'edited' WHERE fid = 1")
    compared = []
    real = repair.changed_outside
    monkeypatch.setattr(repair, "changed_outside",
                        lambda conn, t, *more: compared.append(t.name) or real(conn, t, *more))
    assert cli(capsys, "status", pkg)[0] == errors.OK
    assert cli(capsys, "export", pkg, tmp_path / "a.zip")[0] == errors.OK
    assert compared == []
    # a field added, as QGIS adds one: the schema's count is another, capture's part of it
    # is not (no trigger made again, no table rebuilt): no row compared either
    edit(pkg, f"ALTER TABLE {LAYER} ADD COLUMN notes TEXT")
    assert cli(capsys, "status", pkg)[0] == errors.OK
    assert cli(capsys, "export", pkg, tmp_path / "b.zip")[0] == errors.OK
    assert cli(capsys, "status", pkg)[0] == errors.OK
    assert compared == []
    (kept,), = read(pkg, "SELECT value FROM sync_meta WHERE key = ?", drift.SCHEMA_SEEN)
    assert [kept.split(" ")[0]] == [str(v) for (v,) in read(
        pkg, "SELECT schema_version FROM pragma_schema_version")]


def test_the_rows_changed_outside_capture_are_said_in_chinese(master, tmp_path, capsys,
                                                               chinese_locale):
    pkg = checked_out(master, tmp_path, capsys)
    edited_with_triggers_made_again(pkg)
    code, said, _ = cli(capsys, "status", pkg)
    assert code == errors.CAPTURE_BROKEN
    assert "变更捕获不完整：重点项目（restoration_projects）：有记录在修改记录之外被改动 " \
        "(修改 fid 1；新增 fid 27；删除 uuid " in said, said
    assert f"变更日志中可能缺少修改：请运行 field-kit repair {pkg}" in said, said
    code, _, err = cli(capsys, "export", pkg, tmp_path / "gis.zip")
    assert code == errors.CAPTURE_BROKEN
    assert "的修改记录不完整（重点项目（restoration_projects）：有记录在修改记录之外被改动 " \
        "(修改 fid 1；" in err, err


# a GeoPackage MULTIPOLYGON EMPTY: its header's empty flag, srs 4490, no envelope
EMPTY = (b"GP\x00\x11" + (4490).to_bytes(4, "little") + b"\x01\x06\x00\x00\x00"
         + bytes(4)).hex().upper()


@pytest.mark.parametrize("shape", ["NULL", f"X'{EMPTY}'"])
def test_a_shape_emptied_while_the_triggers_were_gone_is_named(master, tmp_path, capsys,
                                                             shape):
    """A shape's other bytes alone are no alarm (QGIS writes shapes back in GDAL's form),
    but a shape emptied (NULL, or an empty one) is an edit: it was passed over as one, and
    lost."""
    pkg = checked_out(master, tmp_path, capsys)
    edited_with_triggers_made_again(pkg, "mine_patches", (
        f"UPDATE mine_patches SET geom = {shape} WHERE fid = 6",))
    code, said, _ = cli(capsys, "status", pkg)
    assert code == errors.CAPTURE_BROKEN, said
    assert "mine_patches: rows changed outside change capture (updated fid 6)" in said, said


def test_a_shape_drawn_where_there_was_none_is_named_and_repaired_as_such(master, tmp_path,
                                                                        capsys):
    """A record with no position at checkout given one while the triggers were gone: an
    edit, found, and repair logs its earlier value as the NULL the record's checksum says."""
    edit(master, "UPDATE patch_verifications SET geom = NULL")
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on) SELECT uuid, patch_code, 'Li', '2025-05-20' FROM mine_patches "
                 "WHERE fid = 1")
    pkg = checked_out(master, tmp_path, capsys)
    (fid,), = read(pkg, "SELECT fid FROM patch_verifications")
    point = gpkg_blob(point_wkb(88.75, 42.9), 4490).hex().upper()
    edited_with_triggers_made_again(pkg, "patch_verifications", (
        f"UPDATE patch_verifications SET geom = X'{point}'",))
    code, said, _ = cli(capsys, "status", pkg)
    assert code == errors.CAPTURE_BROKEN, said
    assert f"patch_verifications: rows changed outside change capture (updated fid {fid})" \
        in said, said
    assert cli(capsys, "repair", pkg)[0] == errors.OK
    (old,), = read(pkg, "SELECT old FROM sync_changes WHERE tbl = 'patch_verifications' "
                        "ORDER BY seq DESC LIMIT 1")
    assert json.loads(old) == {"geom": None}
