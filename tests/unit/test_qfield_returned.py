# SPDX-License-Identifier: GPL-2.0-or-later
"""What comes back from a phone is read whole or said: a photo taken again under its name
after a pull is no work the zip holds over the folder, and a package copied while QField held
its latest edits in ``package.gpkg-wal`` is refused without that file and read with it."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from field_kit.cli import commands as cli
from field_kit.db import in_wal_mode
from field_kit.messages_zh import chinese
from field_kit.plan.geometry import register_functions
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


def _header(gpkg) -> bytes:
    with open(gpkg, "rb") as fh:
        return fh.read(20)[18:20]


def test_a_photo_taken_again_after_a_pull_is_exported_from_the_folder(master, tmp_path,
                                                                       capsys):
    project = checkout(master, tmp_path / "ph", "ph", township="托克逊镇")
    folder = Path(project["folder"])
    record = _record_with_photo(folder, "DCIM/a.jpg")
    (folder / "DCIM" / "a.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    assert cli.main(["export", str(folder), str(tmp_path / "c1.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c1.zip"]).refused
    assert cli.main(["pull", str(folder), str(master)]) == 0  # writes ph.zip again
    again = jpeg_with_exif(lat=42.9, lon=88.9, taken="2026:12:01 12:00:00")
    (folder / "DCIM" / "a.jpg").write_bytes(again)  # taken again under its name
    capsys.readouterr()
    assert cli.main(["export", str(folder), str(tmp_path / "c2.zip")]) == 0
    out = capsys.readouterr().out
    assert "holds nothing the folder" in out and "photo brought in: DCIM/a.jpg" in out
    rep = merge.merge(master, [tmp_path / "c2.zip"])
    assert not rep.refused and rep.totals["conflict"] == 0
    with sqlite3.connect(master) as conn:
        sha = conn.execute("SELECT sha256 FROM photos WHERE record_uuid = ?",
                           (record,)).fetchone()[0]
    assert sha == hashlib.sha256(again).hexdigest()


def test_a_file_only_the_zip_holds_is_named_in_chinese_unspaced(master, tmp_path, capsys,
                                                                monkeypatch):
    project = checkout(master, tmp_path / "ph", "ph", township="托克逊镇")
    with zipfile.ZipFile(project["zip"], "a") as zf:
        zf.writestr("DCIM/b.jpg", jpeg_with_exif(lat=42.7, lon=88.6))
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert cli.main(["export", project["folder"], str(tmp_path / "c.zip")]) == 3
    err = capsys.readouterr().err
    assert "有文件夹没有的文件 DCIM/b.jpg" in err, err


def _qfield_open(master, tmp_path) -> tuple[dict, sqlite3.Connection, str]:
    """A checkout on the phone, open in QField: WAL mode, a record added and not yet
    written into the file (the connection kept open)."""
    project = checkout(master, tmp_path / "phone" / "ph", "ph", township="托克逊镇")
    conn = sqlite3.connect(Path(project["folder"]) / "package.gpkg")
    register_functions(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    patch = conn.execute("SELECT uuid, patch_code FROM mine_patches LIMIT 1").fetchone()
    record = "11111111-2222-3333-4444-555555555555"
    conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, patch_class, "
                 "remediation_status, verifier, verified_on) VALUES (?, ?, ?, '10', 'B', "
                 "'ph', '2025-06-01')", (record, *patch))
    conn.commit()
    assert os.path.getsize(Path(project["folder"]) / "package.gpkg-wal") > 0
    return project, conn, record


def _copied_back(project: dict, to: Path, *, wal: bool, as_zip: bool) -> Path:
    """The phone's folder copied back (or zipped on the phone), with its -wal or without."""
    src = Path(project["folder"])
    skip = ("package.gpkg-shm",) + (() if wal else ("package.gpkg-wal",))
    if as_zip:
        out = to.with_suffix(".zip")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w") as zf:
            for path in sorted(src.rglob("*")):
                if path.is_file() and path.name not in skip:
                    zf.write(path, path.relative_to(src).as_posix())
        return out
    shutil.copytree(src, to, ignore=shutil.ignore_patterns(*skip))
    return to


def _returned(master, tmp_path, *, wal: bool, as_zip: bool) -> tuple[Path, str]:
    """The project open in QField (:func:`_qfield_open`) copied back as
    :func:`_copied_back` copies it; then QField closes; (the copy, the record added)."""
    project, conn, record = _qfield_open(master, tmp_path)
    try:
        return _copied_back(project, tmp_path / "back" / "ph", wal=wal, as_zip=as_zip), record
    finally:
        conn.close()


WAL_LEFT = "came back in WAL mode without package.gpkg-wal: if the project was still open in " \
    "QField when it was copied, its latest edits are in package.gpkg-wal on the phone, not here"


@pytest.mark.parametrize("given", ["folder", "zip", "gpkg"])
def test_a_package_copied_without_its_wal_says_where_its_latest_edits_may_be(
        master, tmp_path, capsys, monkeypatch, given):
    """Copied while the project was open in QField, the package lacks the edits its -wal
    holds on the phone (QField and QGIS may also leave a package they closed in WAL mode,
    its edits written in: the file cannot tell which): "nothing to export" is not all
    that is said."""
    back, _ = _returned(master, tmp_path, wal=False, as_zip=given == "zip")
    source = back / "package.gpkg" if given == "gpkg" else back
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert cli.main(["export", str(source), str(tmp_path / "c.zip")]) == 0
    said = capsys.readouterr()
    assert "nothing to export" in said.out, said
    assert WAL_LEFT in said.out + said.err, said
    assert "带回时处于 WAL 模式，却没有 package.gpkg-wal" in said.out + said.err


@pytest.mark.parametrize("command", ["pull", "status"])
def test_a_pull_or_status_of_a_package_copied_without_its_wal_says_so(
        master, tmp_path, capsys, command):
    back, _ = _returned(master, tmp_path, wal=False, as_zip=False)
    capsys.readouterr()
    args = [command, str(back)] + ([str(master)] if command == "pull" else [])
    assert cli.main(args) == 0
    assert WAL_LEFT in capsys.readouterr().err


def test_status_leaves_no_wal_beside_a_package_copied_without_one_and_export_still_warns(
        master, tmp_path, capsys):
    """status reads only: it leaves no empty -wal (and -shm) beside the package, which the
    export then took for the one the copy lacked, said nothing and put the file in
    rollback-journal mode, so that no later command said it again and the phone's -wal,
    copied beside it, would no longer be read. An empty -wal is no -wal either."""
    project, phone, record = _qfield_open(master, tmp_path)
    try:
        back = _copied_back(project, tmp_path / "back" / "ph", wal=False, as_zip=False)
        kept_on_phone = shutil.copy(Path(project["folder"]) / "package.gpkg-wal", tmp_path)
    finally:
        phone.close()
    gpkg = back / "package.gpkg"
    capsys.readouterr()
    assert cli.main(["status", str(back)]) == 0
    assert WAL_LEFT in capsys.readouterr().err
    assert sorted(p.name for p in back.iterdir() if p.name.startswith("package")) == \
        ["package.gpkg"]
    for _ in range(2):  # export, then export again: said each time, the file in WAL mode
        assert cli.main(["export", str(back), str(tmp_path / "c.zip")]) == 0
        said = capsys.readouterr()
        assert "nothing to export" in said.out and WAL_LEFT in said.out + said.err, said
        assert in_wal_mode(str(gpkg))
    (back / "package.gpkg-wal").write_bytes(b"")  # as an earlier version's status left it
    assert cli.main(["export", str(back), str(tmp_path / "c.zip")]) == 0
    said = capsys.readouterr()
    assert "came back in WAL mode with package.gpkg-wal empty: if the project was still " \
        "open in QField" in said.out + said.err, said
    line = next(x for x in (said.out + said.err).splitlines() if "WAL mode" in x)
    assert "带回时处于 WAL 模式，但 package.gpkg-wal 是空的" in chinese(line), line
    assert in_wal_mode(str(gpkg))
    # the phone's -wal copied beside it: its record is read and sent
    shutil.copy(kept_on_phone, back / "package.gpkg-wal")
    assert cli.main(["export", str(back), str(tmp_path / "c.zip")]) == 0
    said = capsys.readouterr()
    assert "WAL mode" not in said.out + said.err
    rep = merge.merge(master, [tmp_path / "c.zip"])
    assert not rep.refused
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT verifier FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone() == ("ph",)


@pytest.mark.parametrize("as_zip", [False, True])
def test_a_package_copied_with_its_wal_is_read_whole_and_left_one_file(
        master, tmp_path, capsys, as_zip):
    back, record = _returned(master, tmp_path, wal=True, as_zip=as_zip)
    assert cli.main(["export", str(back), str(tmp_path / "c.zip")]) == 0
    assert "c.zip: 1 change" in capsys.readouterr().out
    folder = tmp_path / "back" / "ph"
    # as checkout and pull leave it: the next command does not take it for one copied apart
    assert _header(folder / "package.gpkg") == b"\x01\x01"
    assert not any((folder / f"package.gpkg{s}").exists() for s in ("-wal", "-shm"))
    rep = merge.merge(master, [tmp_path / "c.zip"])
    assert not rep.refused and rep.totals["applied"] == 1
    assert cli.main(["pull", str(folder), str(master)]) == 0
    with sqlite3.connect(master) as m:
        assert m.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                         (record,)).fetchone()[0] == 1
