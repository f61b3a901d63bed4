# SPDX-License-Identifier: GPL-2.0-or-later
"""Checkout of field packages and export of signed change packages."""

import hashlib
import hmac
import json
import sqlite3
import subprocess
import zipfile

import pytest

from field_kit.db import connect
from field_kit.errors import BadInput
from field_kit.sync import changelog, log_reads, package_checkout, package_export
from field_kit.sync.change_list import MEMBER
from tests.unit.gpkg_factory import add_photo, edit, make_gpkg

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"


@pytest.fixture
def master(tmp_path):
    return make_gpkg(tmp_path / "master.gpkg", patches=50, verifications=10)


def test_checkout_by_township_registers_the_device(master, tmp_path):
    out = tmp_path / "a.gpkg"
    info = package_checkout.checkout(master, out, "tab-1", township="Toksun")
    conn = connect(out)
    st = changelog.state(conn)
    assert (st["kind"], st["device"], st["role"], st["base_seq"]) == (
        "package", "tab-1", "technician", info["base"])
    assert len(bytes.fromhex(st["key"])) == 32
    towns = {r[0] for r in conn.execute("SELECT township FROM mine_patches")}
    assert towns == {"Toksun"}
    assert conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0] == 10
    linked = conn.execute("SELECT count(*) FROM patch_verifications WHERE patch_uuid NOT IN "
                          "(SELECT uuid FROM mine_patches)").fetchone()[0]
    assert linked == 0
    assert log_reads.log(conn) == []
    assert conn.execute("SELECT count(*) FROM sync_devices").fetchone()[0] == 0
    m = connect(master)
    key, role = m.execute("SELECT key, role FROM sync_devices WHERE device = 'tab-1'").fetchone()
    assert key == st["key"] and role == "technician"
    run = subprocess.run(["/usr/bin/python3", VALIDATOR, "--extra", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and not run.stdout, run.stdout


def test_checkout_by_bbox_keeps_patches_inside(master, tmp_path):
    out = tmp_path / "b.gpkg"
    package_checkout.checkout(master, out, "tab-2", bbox=(87.999, 42.499, 88.0045, 42.5045),
                      role="gis")
    conn = connect(out)
    n = conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0]
    assert 0 < n < 50
    assert changelog.state(conn)["role"] == "gis"


def test_checkout_refuses_bad_arguments(master, tmp_path):
    with pytest.raises(BadInput, match="township"):
        package_checkout.checkout(master, tmp_path / "x.gpkg", "d", township="Nowhere")
    out = tmp_path / "y.gpkg"
    out.write_bytes(b"")
    with pytest.raises(BadInput, match="exists"):
        package_checkout.checkout(master, out, "d")
    with pytest.raises(BadInput, match="device names"):
        package_checkout.checkout(master, tmp_path / "z.gpkg", "../evil")


def test_export_writes_a_signed_manifest_and_marks_the_export(master, tmp_path):
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'treated' WHERE fid = 1")
    edit(pkg, "INSERT INTO patch_verifications (patch_code, verifier) VALUES ('P9', 'Li')")
    out = tmp_path / "a1.zip"
    m = package_export.export(pkg, out)
    assert m["counts"]["changes"] == 2 and m["counts"]["update"] == 1
    with zipfile.ZipFile(out) as zf:
        body = zf.read("manifest.json")
        sig = zf.read("manifest.sig").decode()
        listed = zf.read(MEMBER)
    key = changelog.state(connect(pkg))["key"]
    assert hmac.compare_digest(sig, hmac.new(bytes.fromhex(key), body, hashlib.sha256).hexdigest())
    manifest = json.loads(body)
    assert manifest["device"] == "tab-1" and manifest["seq_from"] == 1 and manifest["seq_to"] == 2
    assert manifest["members"][MEMBER]["size"] == len(listed)
    (tmp_path / "list.sqlite").write_bytes(listed)
    with sqlite3.connect(tmp_path / "list.sqlite") as lc:
        rows = lc.execute("SELECT seq, op, device, new FROM changes ORDER BY seq").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [(1, "update", "tab-1"), (2, "insert", "tab-1")]
    assert json.loads(rows[0][3]) == {"remediation_status": "treated"}
    # nothing new: nothing written
    again = package_export.export(pkg, tmp_path / "a2.zip")
    assert again["counts"]["changes"] == 0 and not (tmp_path / "a2.zip").exists()
    # --all exports everything again
    assert package_export.export(pkg, tmp_path / "a3.zip", everything=True)["counts"][
        "changes"] == 2
    # an edit since, sent with them by --all, is exported: not waiting, nor sent once more
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'untreated' WHERE fid = 1")
    assert package_export.export(pkg, tmp_path / "a4.zip", everything=True)["counts"][
        "changes"] == 3
    assert changelog.state(connect(pkg))["exported_seq"] == 3
    assert package_export.export(pkg, tmp_path / "a5.zip")["counts"]["changes"] == 0


def test_a_package_that_cannot_note_its_export_says_so_and_keeps_it_whole(master, tmp_path,
                                                                          monkeypatch, capsys):
    """The change package written whole to a stick with room, the field package's own disk
    full when it notes the export: said (not "nothing was written"), the package kept, and
    the next export carries the changes again."""
    from field_kit.cli import commands as cli
    from field_kit.sync import schema_sent

    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'treated' WHERE fid = 1")

    def full(conn, *args):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(schema_sent, "mark", full)
    out = tmp_path / "a1.zip"
    assert cli.main(["export", str(pkg), str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out} is whole and can be merged" in err and "the disk is full" in err
    assert "carries these changes again" in err
    assert zipfile.ZipFile(out).testzip() is None
    monkeypatch.undo()
    assert package_export.export(pkg, tmp_path / "a2.zip")["counts"]["changes"] == 1


def test_an_edit_saved_while_an_export_writes_goes_with_the_next_one(master, tmp_path,
                                                                    monkeypatch):
    """An edit saved and logged by another program (QGIS, a second export) while an export
    writes its change list does not slip into that list past what its manifest counts,
    which a merge refuses whole: the package merges, and the edit goes with the next one."""
    from field_kit.sync import change_list, merge

    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    edit(pkg, "UPDATE patch_verifications SET verifier = 'Li' WHERE fid = 1")
    write = change_list.write

    def meanwhile(conn, *args):
        edit(pkg, "UPDATE patch_verifications SET verifier = 'Wang' WHERE fid = 2")
        other = connect(pkg)
        changelog.seal(other)
        other.close()
        write(conn, *args)
    monkeypatch.setattr(change_list, "write", meanwhile)
    assert package_export.export(pkg, tmp_path / "a1.zip")["counts"]["changes"] == 1
    monkeypatch.undo()
    rep = merge.merge(master, [tmp_path / "a1.zip"])
    assert not rep.refused and rep.totals["applied"] == 1
    assert package_export.export(pkg, tmp_path / "a2.zip")["counts"]["changes"] == 1
    rep = merge.merge(master, [tmp_path / "a2.zip"])
    assert not rep.refused and rep.totals["applied"] == 1
    assert [r[0] for r in connect(master).execute(
        "SELECT verifier FROM patch_verifications WHERE fid IN (1, 2) ORDER BY fid")] == [
        "Li", "Wang"]


def test_export_carries_the_photos_bytes(master, tmp_path):
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(pkg)
    rec = conn.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
    add_photo(conn, rec, b"\xff\xd8 jpeg bytes")
    conn.close()
    m = package_export.export(pkg, tmp_path / "p.zip")
    sha = hashlib.sha256(b"\xff\xd8 jpeg bytes").hexdigest()
    assert f"attachments/{sha}" in m["members"]
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        assert zf.read(f"attachments/{sha}") == b"\xff\xd8 jpeg bytes"


def test_a_photo_added_and_taken_off_before_the_export_does_not_leave_the_device(
        master, tmp_path):
    """Two photos added, one taken off before the export: the package carries the kept
    one's picture only (it carried both, and the master stored the picture taken off); the
    merge leaves the record with its one photo, and only its picture."""
    from field_kit.sync import merge

    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(pkg)
    rec = conn.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
    # (each to its end marker: a picture cut short is refused by the merge)
    add_photo(conn, rec, b"\xff\xd8 kept\xff\xd9")
    gone = add_photo(conn, rec, b"\xff\xd8 taken off\xff\xd9")
    conn.execute("DELETE FROM photos WHERE uuid = ?", (gone,))
    conn.close()
    m = package_export.export(pkg, tmp_path / "p.zip")
    kept, off = (hashlib.sha256(b).hexdigest()
                 for b in (b"\xff\xd8 kept\xff\xd9", b"\xff\xd8 taken off\xff\xd9"))
    assert f"attachments/{kept}" in m["members"] and m["counts"]["attachments"] == 1, m
    assert f"attachments/{off}" not in m["members"]
    rep = merge.merge(master, [tmp_path / "p.zip"])
    assert not rep.refused and rep.totals["refused"] == 0, rep.totals
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT sha256 FROM photos WHERE record_uuid = ?", (rec,)
                         ).fetchall() == [(kept,)]
        assert c.execute("SELECT count(*) FROM attachments WHERE sha256 = ?", (off,)
                         ).fetchone() == (0,)


def test_master_cannot_export(master, tmp_path):
    with pytest.raises(BadInput, match="master"):
        package_export.export(master, tmp_path / "m.zip")


def test_a_package_of_a_master_in_wal_mode_is_one_file(master, tmp_path, capsys):
    """A master QGIS left in WAL mode: its package is in rollback-journal mode, one file to
    carry, nothing beside it once the checkout is done (it took the master's mode, and a
    command reading it left a -wal and -shm)."""
    import sqlite3

    from field_kit.cli.commands import main

    with sqlite3.connect(master) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    out = tmp_path / "p.gpkg"
    assert main(["checkout", str(master), str(out), "--device", "p"]) == 0
    assert out.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("p.gpkg")) == \
        ["p.gpkg"]
