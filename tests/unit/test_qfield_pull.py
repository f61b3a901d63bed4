# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit pull`` into a QField project folder: the photos the pull brought are in its
``DCIM/`` as checkout puts them, and the zip beside it is the folder's again (or the pull
says by name why not)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _phone_copy_back_as_zip, _record_with_photo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(master, tmp_path):
    return checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")


def _from_another_phone(master, tmp_path, name: str, device: str = "phone2") -> tuple:
    """A record and its photo ``name`` taken on another phone and merged into the master:
    (the record's uuid, the photo's bytes, that phone's project folder)."""
    other = checkout(master, tmp_path / device, device, township="托克逊镇")["folder"]
    record = _record_with_photo(other, name)
    jpeg = jpeg_with_exif(lat=42.75, lon=88.65, taken="2025:06:02 09:00:00")
    (Path(other) / name).write_bytes(jpeg)
    assert cli.main(["export", other, str(tmp_path / f"{device}.changes")]) == 0
    assert not merge.merge(master, [tmp_path / f"{device}.changes"]).refused
    return record, jpeg, other


def _zip_members(path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}


def test_the_photos_a_pull_brings_are_in_dcim_and_the_zip_is_the_folder_again(
        master, folder, tmp_path, capsys):
    base, dcim = folder["folder"], Path(folder["folder"]) / "DCIM"
    mine = jpeg_with_exif(lat=42.7, lon=88.6)
    _record_with_photo(base, "DCIM/mine.jpg")  # taken since the checkout, not exported yet
    (dcim / "mine.jpg").write_bytes(mine)
    record, theirs, _ = _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    capsys.readouterr()
    assert cli.main(["pull", base, str(master)]) == 0
    out = capsys.readouterr().out
    assert (dcim / "theirs.jpg").read_bytes() == theirs  # QField shows it
    assert (dcim / "mine.jpg").read_bytes() == mine  # the technician's own, as it was
    assert "1 photo written to" in out and "DCIM/theirs.jpg" in out
    assert f"{folder['zip']} written again" in out
    # the zip holds what the folder holds: the pulled package, both photos
    members = _zip_members(folder["zip"])
    assert members["package.gpkg"] == Path(base, "package.gpkg").read_bytes()
    assert members["DCIM/theirs.jpg"] == theirs and members["DCIM/mine.jpg"] == mine
    with sqlite3.connect(f"{base}/package.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone() == (1,)
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]
    # exported, the folder sends the technician's photo only: the pulled one is the master's
    assert cli.main(["export", base, str(tmp_path / "back.changes")]) == 0
    out = capsys.readouterr().out
    assert "photo brought in: DCIM/mine.jpg" in out and "1 attachment, " in out
    assert "theirs.jpg" not in out
    # the zip given instead is no obstacle: it holds nothing the folder lacks
    assert cli.main(["export", folder["zip"], str(tmp_path / "again.changes")]) == 0
    assert "holds nothing the folder" in capsys.readouterr().out


def test_a_photo_taken_again_elsewhere_replaces_the_old_file_not_the_technicians(
        master, tmp_path, capsys):
    """The master's photo taken again under the same name replaces the file the checkout
    wrote (else QField shows the old one and the next export sends it back over the new);
    a picture of that name taken on this phone since is never overwritten, and is named."""
    record, first, other = _from_another_phone(master, tmp_path, "DCIM/seen.jpg")
    base = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")["folder"]
    dcim = Path(base) / "DCIM"
    assert (dcim / "seen.jpg").read_bytes() == first
    again = jpeg_with_exif(lat=42.76, lon=88.66, taken="2025:06:03 09:00:00")
    (Path(other) / "DCIM" / "seen.jpg").write_bytes(again)  # on phone2, merged
    assert cli.main(["export", other, str(tmp_path / "again.changes")]) == 0
    assert not merge.merge(master, [tmp_path / "again.changes"]).refused
    assert cli.main(["pull", base, str(master)]) == 0
    assert (dcim / "seen.jpg").read_bytes() == again
    assert cli.main(["export", base, str(tmp_path / "p1.changes")]) == 0
    assert "nothing to export" in capsys.readouterr().out  # the old picture is not sent back
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT a.data FROM photos p JOIN attachments a ON a.sha256 = "
                            "p.sha256 WHERE p.record_uuid = ?", (record,)).fetchone()[0] == again
    # a picture taken here under the name of one the pull brings stays; the one brought is
    # written under a name of its own, which its row in the package names
    _record_with_photo(base, "DCIM/clash.jpg")
    mine = jpeg_with_exif(lat=1.0, lon=1.0)
    (dcim / "clash.jpg").write_bytes(mine)
    theirs_record, theirs, _ = _from_another_phone(master, tmp_path, "DCIM/clash.jpg", "phone3")
    capsys.readouterr()
    assert cli.main(["pull", base, str(master)]) == 0
    assert (dcim / "clash.jpg").read_bytes() == mine
    with sqlite3.connect(Path(base, "package.gpkg")) as conn:
        (name,) = conn.execute("SELECT file_name FROM photos WHERE record_uuid = ?",
                               (theirs_record,)).fetchone()
    assert name == "DCIM/clash-2.jpg" and (dcim / "clash-2.jpg").read_bytes() == theirs
    assert cli.main(["export", base, str(tmp_path / "p2.changes")]) == 0
    assert "photo brought in: DCIM/clash.jpg" in capsys.readouterr().out
    merge.merge(master, [tmp_path / "p2.changes"])
    with sqlite3.connect(master) as conn:  # phone3's photo as it sent it
        assert conn.execute("SELECT p.file_name, a.data FROM photos p JOIN attachments a ON "
                            "a.sha256 = p.sha256 WHERE p.record_uuid = ?",
                            (theirs_record,)).fetchone() == ("DCIM/clash.jpg", theirs)


def test_a_zip_that_cannot_be_written_again_is_named_and_the_stale_one_goes(
        master, folder, tmp_path, capsys):
    base, zipped = folder["folder"], folder["zip"]
    _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    os.mkdir(zipped + ".part")  # where the new zip is written first: it cannot be
    capsys.readouterr()
    assert cli.main(["pull", base, str(master)]) == 2
    captured = capsys.readouterr()
    assert "pulled into" in captured.out  # the pull itself is done
    assert zipped in captured.err and "could not be written" in captured.err
    assert "removed" in captured.err
    assert not os.path.exists(zipped)  # no stale copy left to carry to a phone
    assert (Path(base) / "DCIM" / "theirs.jpg").is_file()
    os.rmdir(zipped + ".part")
    assert cli.main(["pull", base, str(master)]) == 0  # as the message says
    assert _zip_members(zipped)["package.gpkg"] == Path(base, "package.gpkg").read_bytes()


def test_a_pull_never_replaces_a_zip_holding_work_the_folder_lacks(master, folder, tmp_path,
                                                                    capsys):
    """The phone's copy brought back as the zip: pulling into the stale folder and writing
    its zip over the phone's would lose the technician's work."""
    base, zipped = folder["folder"], folder["zip"]
    _phone_copy_back_as_zip(folder, tmp_path)
    _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    before = Path(zipped).read_bytes()
    package = Path(base, "package.gpkg").read_bytes()
    capsys.readouterr()
    assert cli.main(["pull", base, str(master)]) == 3
    err = capsys.readouterr().err
    assert zipped in err and base in err and "2 changes" in err and "DCIM/p.jpg" in err
    assert "nothing was pulled" in err and f"export {zipped}" in err
    assert Path(zipped).read_bytes() == before
    assert Path(base, "package.gpkg").read_bytes() == package
    # a zip of that name that is no copy of the project is not written over either
    os.remove(zipped)
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("manifest.json", b"{}")
    assert cli.main(["pull", f"{base}/package.gpkg", str(master)]) == 2
    err = capsys.readouterr().err
    assert zipped in err and "not a zip of the project" in err and "nothing was pulled" in err
    assert Path(base, "package.gpkg").read_bytes() == package


SIDE = ("package.gpkg-wal", "package.gpkg-shm")


def _left_in_wal(base) -> str:
    """The folder as QGIS or QField leave it, copied while the project was open: the package
    in WAL mode, a record made there held in its -wal only."""
    gpkg = Path(base, "package.gpkg")
    reader = sqlite3.connect(gpkg)  # the project open: its connection keeps the -wal
    assert reader.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    reader.execute("SELECT count(*) FROM mine_patches").fetchone()
    record = _record_with_photo(base, None)
    copied = {p: Path(f"{gpkg}{p}").read_bytes() for p in ("", "-wal", "-shm")}
    reader.close()
    for p, data in copied.items():
        Path(f"{gpkg}{p}").write_bytes(data)
    with sqlite3.connect(f"file:{gpkg}?immutable=1", uri=True) as conn:  # not in the file
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone() == (0,)
    return record


def test_a_pull_into_a_package_left_in_wal_mode_zips_it_as_one_file(master, folder, tmp_path,
                                                                     capsys):
    base, zipped = folder["folder"], folder["zip"]
    record = _left_in_wal(base)
    _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    assert cli.main(["pull", base, str(master)]) == 0
    assert not [s for s in SIDE if os.path.exists(Path(base, s))]
    members = _zip_members(zipped)
    assert set(members) == {"package.gpkg", "phone1.qgs", "DCIM/theirs.jpg"}
    assert members["package.gpkg"] == Path(base, "package.gpkg").read_bytes()
    copy = tmp_path / "from_the_zip.gpkg"
    copy.write_bytes(members["package.gpkg"])
    with sqlite3.connect(copy) as conn:  # what the -wal held is in the file
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone() == (1,)
    assert not [p for p in os.listdir(tmp_path) if p.startswith("from_the_zip.gpkg-")]


def test_a_pull_into_a_package_open_in_wal_mode_names_it_and_zips_nothing(master, folder,
                                                                         capsys):
    base, zipped = folder["folder"], folder["zip"]
    gpkg = Path(base, "package.gpkg")
    qgis = sqlite3.connect(gpkg)  # the project open in QGIS, which put it in WAL mode
    try:
        assert qgis.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
        qgis.execute("SELECT count(*) FROM mine_patches").fetchone()
        capsys.readouterr()
        assert cli.main(["pull", base, str(master)]) == 2
        captured = capsys.readouterr()
        assert "pulled into" in captured.out
        assert f"{zipped} could not be written ({gpkg} is open in another program" in \
            captured.err and "removed" in captured.err
        assert not os.path.exists(zipped)  # the zip from before the pull is not carried
        from field_kit.messages_zh import chinese  # as the plugin shows it
        assert "正在其他程序中打开" in chinese(captured.err.strip().removeprefix("field-kit: "))
        assert all(os.path.exists(Path(base, s)) for s in SIDE)  # QGIS's, left to it
    finally:  # closed as QGIS closes a GeoPackage: back in rollback-journal mode
        qgis.execute("PRAGMA journal_mode = DELETE")
        qgis.close()
    assert cli.main(["pull", base, str(master)]) == 0  # closed there: as the message says
    assert set(_zip_members(zipped)) == {"package.gpkg", "phone1.qgs"}


# A power cut after the pull, before the zip is written again from the folder.
_CUT_BEFORE_THE_ZIP = """
import os, signal, sys
from field_kit.qfield import project_folder
def cut(folder, zip_path):
    os.kill(os.getpid(), signal.SIGKILL)
project_folder.make_zip = cut
from field_kit.cli import commands
commands.main(["pull", sys.argv[1], sys.argv[2]])
"""


def test_a_pull_cut_short_before_its_zip_leaves_no_stale_zip_to_carry(
        master, folder, tmp_path, capsys):
    base, zipped = folder["folder"], folder["zip"]
    _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    before = _zip_members(zipped)["package.gpkg"]
    subprocess.run([sys.executable, "-c", _CUT_BEFORE_THE_ZIP, base, str(master)],
                   cwd=ROOT, check=False)
    assert Path(base, "package.gpkg").read_bytes() != before  # the pull was done
    assert not os.path.exists(zipped)  # and no zip of the project before it is left
    assert cli.main(["pull", base, str(master)]) == 0
    assert _zip_members(zipped)["package.gpkg"] == Path(base, "package.gpkg").read_bytes()


def test_a_pull_that_fails_leaves_the_zip_as_it_was(master, folder, tmp_path, capsys):
    base, zipped = folder["folder"], folder["zip"]
    before = _zip_members(zipped)
    assert cli.main(["pull", base, str(tmp_path / "no-master.gpkg")]) == 2
    assert _zip_members(zipped) == before
