# SPDX-License-Identifier: GPL-2.0-or-later
"""A column of a tracked layer dropped or renamed as QGIS does it with the plugin: prepared by
the sync, then dropped or renamed by another program (here SQLite itself, as OGR does), or
not after all. Capture stays whole, and what the column held is never logged twice nor lost."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.errors import Refused
from field_kit.messages_zh import chinese
from field_kit.sync import (
    changelog,
    column_edits,
    drift,
    merge,
    package_checkout,
    package_export,
    registry,
    triggers,
)


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def status(path, capsys) -> dict:
    capsys.readouterr()
    run("status", path, "--json")
    return json.loads(capsys.readouterr().out)


def rows(path, sql, args=()):
    with sqlite3.connect(path) as c:
        return c.execute(sql, args).fetchall()


def in_one_transaction(path, *statements) -> None:
    """As OGR saves QGIS's edits: the schema change, then the values."""
    conn = connect(path)
    try:
        conn.execute("BEGIN")
        for sql in statements:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def local_changes(path) -> list[tuple[str, str, dict | None, dict | None]]:
    return [(tbl, op, json.loads(old) if old else None, json.loads(new) if new else None)
            for tbl, op, old, new in rows(path, "SELECT tbl, op, old, new FROM sync_changes "
                                                "WHERE origin = 'local' ORDER BY seq")]


@pytest.fixture
def gis_pkg(tmp_path, master):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    return pkg


def test_a_prepared_drop_leaves_capture_whole_and_catches_the_edits_saved_with_it(
        gis_pkg, master, tmp_path, capsys):
    (source,), = rows(gis_pkg, "SELECT geometry_source FROM mine_patches WHERE fid = 1")
    got = column_edits.prepare(gis_pkg, "mine_patches", ["geometry_source"])
    assert got.kind == changelog.PACKAGE and got.dropped == ("geometry_source",)
    in_one_transaction(gis_pkg, "ALTER TABLE mine_patches DROP COLUMN geometry_source",
                       "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE fid = 1")
    s = status(gis_pkg, capsys)
    assert s["capture_problems"] == [] and s["changes_waiting"] == 1
    man = package_export.export(gis_pkg, tmp_path / "c.zip")
    assert man["counts"]["changes"] == 1
    assert local_changes(gis_pkg) == [("mine_patches", "update", {"mineral": "建筑用砂"},
                                       {"mineral": "水泥用石灰岩"})]
    conn = sqlite3.connect(gis_pkg)
    try:  # the record of the drop went with the command that saw it done
        assert drift.find(conn) == []
        assert registry.meta(conn, column_edits.PENDING) is None
        # but the package keeps the values it dropped, should the column come back
        assert conn.execute(f"SELECT DISTINCT tbl, col FROM {column_edits.VALUES}").fetchall() \
            == [("mine_patches", "geometry_source")]
        assert "geometry_source" not in registry.by_name(conn)["mine_patches"].column_names
    finally:
        conn.close()
    # the master keeps the column: the package's updates do not name it
    rep = merge.merge(master, [tmp_path / "c.zip"])
    assert rep.totals["applied"] == 1 and not rep.refused
    assert rows(master, "SELECT mineral, geometry_source FROM mine_patches WHERE fid = 1") == [
        ("水泥用石灰岩", source)]


def test_a_prepared_drop_that_does_not_happen_tracks_the_column_again_logging_nothing(
        gis_pkg, tmp_path, capsys):
    column_edits.prepare(gis_pkg, "mine_patches", ["geometry_source"])
    # (the program's save failed: the column is still there, with its values)
    s = status(gis_pkg, capsys)
    assert s["capture_problems"] == [] and s["changes_waiting"] == 0
    assert run("export", gis_pkg, tmp_path / "c.zip") == errors.OK
    assert "nothing to export" in capsys.readouterr().out
    conn = sqlite3.connect(gis_pkg)
    try:
        assert drift.find(conn) == []
        assert "geometry_source" in registry.by_name(conn)["mine_patches"].column_names
        assert registry.meta(conn, column_edits.PENDING) is None
    finally:
        conn.close()
    in_one_transaction(gis_pkg, "UPDATE mine_patches SET geometry_source = 'surveyed' "
                                "WHERE fid = 2")
    assert [c[1:] for c in local_changes(gis_pkg)] == [] and status(
        gis_pkg, capsys)["changes_waiting"] == 1  # captured by the triggers again


def test_what_a_column_not_dropped_after_all_was_given_meanwhile_is_logged_once(
        gis_pkg, tmp_path):
    """Written while the triggers did not see the column (another program, before any
    command): each change from the value the column held when the drop was prepared."""
    (before,), = rows(gis_pkg, "SELECT geometry_source FROM mine_patches WHERE fid = 3")
    column_edits.prepare(gis_pkg, "mine_patches", ["geometry_source"])
    in_one_transaction(
        gis_pkg, "UPDATE mine_patches SET geometry_source = 'surveyed' WHERE fid = 3",
        "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE fid = 4",
        "INSERT INTO mine_patches (patch_code, geometry_source) VALUES ('NEW-1', 'surveyed')")
    package_export.export(gis_pkg, tmp_path / "c.zip")
    (new_uuid,), = rows(gis_pkg, "SELECT uuid FROM mine_patches WHERE patch_code = 'NEW-1'")
    (uuid3,), = rows(gis_pkg, "SELECT uuid FROM mine_patches WHERE fid = 3")
    logged = rows(gis_pkg, "SELECT row_uuid, op, old, new FROM sync_changes ORDER BY seq")
    source = [(r, op, json.loads(o) if o else None, json.loads(n)) for r, op, o, n in logged
              if "geometry_source" in n]
    assert source == [(uuid3, "update", {"geometry_source": before},
                       {"geometry_source": "surveyed"}),
                      (new_uuid, "update", {"geometry_source": None},
                       {"geometry_source": "surveyed"})]
    assert [op for _, op, _, _ in logged] == ["update", "insert", "update", "update"]


def test_a_prepared_rename_is_tracked_under_its_new_name_and_reaches_the_master(
        gis_pkg, master, tmp_path, capsys):
    held = rows(gis_pkg, "SELECT uuid, plan_quote FROM project_targets ORDER BY uuid")
    got = column_edits.prepare(gis_pkg, "project_targets", rename={"plan_quote": "quote_text"})
    assert got.renamed == (("plan_quote", "quote_text"),)
    in_one_transaction(gis_pkg, "ALTER TABLE project_targets RENAME COLUMN plan_quote TO "
                                "quote_text")
    s = status(gis_pkg, capsys)
    assert s["capture_problems"] == []
    assert "project_targets.quote_text" in s["schema_changes_waiting"]
    assert s["changes_waiting"] == sum(1 for _, q in held if q is not None)
    capsys.readouterr()  # the log says what status counts, though it lists them only later
    assert run("log", gis_pkg) == errors.OK
    assert f"{s['changes_waiting']} values in columns or tables added or renamed" in \
        capsys.readouterr().out
    assert run("export", gis_pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    assert "added to the master: column project_targets.quote_text" in capsys.readouterr().out
    assert rows(master, "SELECT uuid, quote_text FROM project_targets ORDER BY uuid") == held
    assert rows(master, "SELECT uuid, plan_quote FROM project_targets ORDER BY uuid") == held


@pytest.fixture
def dropped_in_master(tmp_path, master):
    """Packages checked out, then a column dropped and one renamed in the master."""
    with connect(master) as c:
        for i in range(3):
            c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES (?, '李')",
                      (f"earlier {i}",))
    gis = tmp_path / "gis.gpkg"
    tech = tmp_path / "tech.gpkg"
    package_checkout.checkout(master, gis, "gis1", role="gis")
    package_checkout.checkout(master, tech, "tech1")
    column_edits.prepare(master, "patch_verifications", ["notes"], {"verifier": "checked_by"})
    in_one_transaction(master, "ALTER TABLE patch_verifications DROP COLUMN notes",
                       "ALTER TABLE patch_verifications RENAME COLUMN verifier TO checked_by")
    return gis, tech


@pytest.mark.parametrize("device", ["gis", "tech"])
def test_changes_to_a_column_the_master_dropped_since_checkout_are_refused_by_name(
        dropped_in_master, master, tmp_path, capsys, device):
    pkg = dict(zip(("gis", "tech"), dropped_in_master))[device]
    with connect(pkg) as c:
        c.execute("UPDATE patch_verifications SET notes = 'seen' WHERE fid = 1")
        c.execute("UPDATE patch_verifications SET verifier = '王' WHERE fid = 2")
        c.execute("UPDATE patch_verifications SET position_note = 'by the road' WHERE fid = 3")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c.zip") == errors.REFUSED
    out = capsys.readouterr()
    said = out.out + out.err
    assert "column notes of patch_verifications was dropped from the master on " in said
    assert ("column verifier of patch_verifications was renamed checked_by in the master on "
            in said)
    cols = [r[1] for r in rows(master, "PRAGMA table_info(patch_verifications)")]
    assert "notes" not in cols and "verifier" not in cols  # never added back
    assert rows(master, "SELECT fid, position_note, checked_by FROM patch_verifications "
                        "ORDER BY fid") == [(1, None, "李"), (2, None, "李"),
                                            (3, "by the road", "李")]  # the rest applies
    assert status(master, capsys)["capture_problems"] == []


@pytest.mark.parametrize("device", ["gis", "tech"])
def test_a_pull_sends_again_only_what_the_master_can_take_of_an_edit_of_a_gone_column(
        dropped_in_master, master, tmp_path, capsys, device):
    """An edit of a column the master dropped or renamed, and of another field, in one
    save: refused whole at merge. The pull sends the other field again and says the
    gone column's value is not sent, by the name the master gives it; sent again, it was
    refused at every merge and held the rest up."""
    pkg = dict(zip(("gis", "tech"), dropped_in_master))[device]
    with connect(pkg) as c:
        c.execute("UPDATE patch_verifications SET notes = 'seen', position_note = 'ford' "
                  "WHERE fid = 1")
        c.execute("UPDATE patch_verifications SET verifier = '王' WHERE fid = 2")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", master, tmp_path / "c.zip") == errors.REFUSED
    capsys.readouterr()
    assert run("pull", pkg, master) == errors.OK
    said = capsys.readouterr().out
    assert "(notes) was refused, as the merge said; it is not sent again: the master dropped " \
           "the column" in said
    assert ("(verifier) was refused, as the merge said; it is not sent again: the master "
            "renamed the column checked_by: make the edit again in checked_by") in said
    assert "(position_note, notes) was refused, as the merge said; what the package still " \
           "holds of it (position_note) is sent again with the next export" in said
    assert status(pkg, capsys)["changes_waiting"] == 1
    lines = [chinese(line.strip()) for line in said.splitlines()]
    assert any(line.endswith("；不再重新发送：主库已删除该字段") for line in lines), lines
    assert any(line.endswith("；不再重新发送：主库已将该字段改名为 checked_by，请在 checked_by 中"
                             "重新修改") for line in lines), lines
    assert any(line.endswith("；数据包中仍保留的部分（position_note）将随下次导出重新发送")
               for line in lines), lines
    assert run("export", pkg, tmp_path / "d.zip") == errors.OK
    assert run("merge", master, tmp_path / "d.zip") == errors.OK
    assert rows(master, "SELECT position_note FROM patch_verifications WHERE fid = 1") == \
        [("ford",)]
    assert run("pull", pkg, master) == errors.OK
    assert status(pkg, capsys)["changes_waiting"] == 0  # nothing goes round again


def test_a_column_renamed_or_dropped_in_the_master_unprepared_is_taken_as_prepared_by_repair(
        tmp_path, master, capsys, chinese_locale):
    """Renamed and dropped in the master by another program, unprepared: repair takes them
    as renamed (a column of its type in its place) and dropped, and says so, in Chinese
    too. A GIS package's edits of them are refused by name at merge: the old column was
    added back beside the values the master holds under the new name."""
    with connect(master) as c:
        for _ in range(2):
            c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('then', '李')")
    gis = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, gis, "gis1", role="gis")
    with connect(gis) as c:
        c.execute("UPDATE patch_verifications SET notes = 'seen' WHERE fid = 1")
        c.execute("UPDATE patch_verifications SET verifier = '王' WHERE fid = 2")
    assert run("export", gis, tmp_path / "c.zip") == errors.OK
    # (SQLite drops no column a trigger names: a tool that drops one drops them first)
    in_one_transaction(master, *[f'DROP TRIGGER "{name}"' for name in
                                 triggers.trigger_names("patch_verifications")],
                       "ALTER TABLE patch_verifications DROP COLUMN notes",
                       "ALTER TABLE patch_verifications RENAME COLUMN verifier TO checked_by")
    capsys.readouterr()
    assert run("repair", master) == errors.REFUSED  # (a master keeps no record of its rows)
    said = capsys.readouterr().out
    assert ("found: patch_verifications: column verifier renamed checked_by, as the master "
            "holds it now: field packages' edits of verifier are refused at merge, by name"
            in said)
    assert "found: patch_verifications: column notes dropped, as the master holds it now" in said
    assert "发现：patch_verifications：字段 verifier 已改名为 checked_by（以主库现状为准）" in said
    assert run("merge", master, tmp_path / "c.zip") == errors.REFUSED
    said = capsys.readouterr().out
    assert "column verifier of patch_verifications was renamed checked_by in the master" in said
    assert "column notes of patch_verifications was dropped from the master" in said
    cols = [r[1] for r in rows(master, "PRAGMA table_info(patch_verifications)")]
    assert "notes" not in cols and "verifier" not in cols  # not added back
    assert rows(master, "SELECT checked_by FROM patch_verifications") == [("李",), ("李",)]


def test_a_column_a_package_added_renamed_unprepared_goes_under_its_new_name_only(
        gis_pkg, master, tmp_path, capsys):
    """A GIS package adds a column and fills it, then renames it without preparing it (a
    provider's rename, ogrinfo): after repair its values go under the new name only; the
    edits logged under the old one went too with export --all, and were refused where the
    master had the old name from another package, of another type."""
    in_one_transaction(gis_pkg, "ALTER TABLE patch_verifications ADD COLUMN depth TEXT")
    assert status(gis_pkg, capsys)["changes_waiting"] == 0
    with connect(gis_pkg) as c:
        c.execute("INSERT INTO patch_verifications (verifier, depth) VALUES ('李', '2 m')")
    assert run("export", gis_pkg, tmp_path / "b.zip") == errors.OK  # (sent, as a column)
    in_one_transaction(gis_pkg, "ALTER TABLE patch_verifications RENAME COLUMN depth TO "
                                "depth_note")
    capsys.readouterr()
    assert run("repair", gis_pkg) == errors.OK
    assert ("found: patch_verifications: column depth, which this package added, renamed "
            "depth_note: its values go under depth_note only") in capsys.readouterr().out
    logged = [c for tbl, op, old, new in local_changes(gis_pkg) for c in (new or {})]
    assert "depth" not in logged and "depth_note" in logged
    assert run("export", gis_pkg, tmp_path / "c.zip", "--all") == errors.OK
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    cols = [r[1] for r in rows(master, "PRAGMA table_info(patch_verifications)")]
    assert "depth_note" in cols and "depth" not in cols
    assert rows(master, "SELECT depth_note FROM patch_verifications WHERE verifier = '李'") \
        == [("2 m",)]


def test_a_technicians_package_and_a_rows_identity_are_never_prepared(tmp_path, master,
                                                                      gis_pkg):
    tech = tmp_path / "tech.gpkg"
    package_checkout.checkout(master, tech, "tech1")
    with open(tech, "rb") as fh:
        before = fh.read()
    with pytest.raises(Refused, match="technician's field package does not change the schema"):
        column_edits.prepare(tech, "patch_verifications", ["notes"])
    with pytest.raises(Refused, match="uuid of mine_patches is each row's identity"):
        column_edits.prepare(gis_pkg, "mine_patches", rename={"uuid": "id"})
    with pytest.raises(Refused, match="fid of mine_patches is its key"):
        column_edits.prepare(gis_pkg, "mine_patches", ["fid"])
    with open(tech, "rb") as fh:
        assert fh.read() == before
    with pytest.raises(sqlite3.OperationalError, match="notes"):  # SQLite still refuses
        in_one_transaction(tech, "ALTER TABLE patch_verifications DROP COLUMN notes")
    # a layer the sync does not track: nothing to prepare
    assert column_edits.prepare(gis_pkg, "plan_meta", ["value"]).kind is None


def test_repair_after_a_drop_reads_the_packages_record_by_its_own_columns(gis_pkg, capsys):
    """The record of the rows at checkout keeps a checksum per column in the order it had
    then: a column dropped from the middle leaves the others where they were."""
    column_edits.prepare(gis_pkg, "mine_patches", ["township"])
    in_one_transaction(gis_pkg, "ALTER TABLE mine_patches DROP COLUMN township")
    assert run("status", gis_pkg) == errors.OK
    with connect(gis_pkg) as c:  # then capture bypassed: a tool rebuilds the triggers' table
        triggers.drop_triggers(c, "mine_patches")
        c.execute("UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE fid = 5")
    capsys.readouterr()
    assert run("repair", gis_pkg) == errors.OK
    assert "recovered 1 edit of mine_patches" in capsys.readouterr().out
    recovered = [c for c in local_changes(gis_pkg) if c[0] == "mine_patches"]
    # (the record holds checksums: the earlier value is not known)
    # (its earlier value, of which the record keeps a checksum alone, is left out: not known)
    assert recovered == [("mine_patches", "update", {}, {"mineral": "水泥用石灰岩"})]


def test_two_preparations_of_one_table_add_up(master, capsys):
    """A rename prepared, then a drop of another column of the same table prepared before
    the rename was run: both are done, and the next command finds capture whole."""
    column_edits.prepare(master, "patch_verifications", rename={"verifying_unit": "unit"})
    column_edits.prepare(master, "patch_verifications", drop=["position_note"])
    in_one_transaction(
        master, "ALTER TABLE patch_verifications RENAME COLUMN verifying_unit TO unit",
        "ALTER TABLE patch_verifications DROP COLUMN position_note")
    assert run("status", master) == 0
    conn = connect(master)
    try:
        changelog.seal(conn)  # as the next command that writes settles them
        cols = registry.by_name(conn)["patch_verifications"].column_names
    finally:
        conn.close()
    assert "unit" in cols and "verifying_unit" not in cols and "position_note" not in cols
