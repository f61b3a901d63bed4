# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit export`` of a QField project to a place the change package cannot go (a
GeoPackage: the package itself, the master, a new name ending in .gpkg, which neither QGIS
nor the field app would open; a folder gone, the USB stick pulled out) is
refused before the photos in DCIM/ are read into the package: the package is as it was,
its photos still waiting for the next export, and the refusal says why, in English and in
Chinese."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.qfield import checkout
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo

PLACES = {
    "the package itself": (
        lambda base, master, tmp: base / "package.gpkg",
        "{out} is a GeoPackage (a master or a field package), not a change package: an "
        "export never writes over one; nothing was changed: give the change package a name "
        "of its own (field-kit export {base} OUT.zip)",
        "{out} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；"),
    "the master": (
        lambda base, master, tmp: Path(master),
        "{out} is a GeoPackage (a master or a field package), not a change package: ",
        "{out} 是 GeoPackage（主库或外业数据包），不是修改包："),
    "a new name of a GeoPackage": (
        lambda base, master, tmp: tmp / "phone1-changes.gpkg",
        "{out} is named as a GeoPackage (.gpkg), not as a change package; nothing was "
        "changed: give the change package a name ending in .zip (field-kit export {base} "
        "OUT.zip)",
        "{out} 以 .gpkg 结尾，是 GeoPackage 的文件名，不是修改包的；未作任何更改："
        "请给修改包起一个以 .zip 结尾的名字（field-kit export {base} OUT.zip）"),
    "its folder gone": (
        lambda base, master, tmp: tmp / "stick" / "phone1-changes.zip",
        "cannot write {out}: its folder {folder} does not exist; nothing was changed",
        "无法写入 {out}：文件夹 {folder} 不存在；未作任何更改"),
}


def _photos_held(pkg: Path) -> int:
    conn = sqlite3.connect(pkg)
    try:
        return conn.execute("SELECT count(*) FROM photos WHERE sha256 IS NOT NULL").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("place", PLACES)
def test_an_export_refused_for_its_place_reads_no_photo_in(place, master, tmp_path, capsys,
                                                           monkeypatch):
    base = Path(checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")["folder"])
    _record_with_photo(base, "DCIM/p1.jpg")
    (base / "DCIM" / "p1.jpg").write_bytes(jpeg_with_exif(lat=42.7, lon=88.6))
    pkg = base / "package.gpkg"
    where, en, zh = PLACES[place]
    out = where(base, master, tmp_path)
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in (pkg, Path(master))}
    for lang, said in (("en", en), ("zh", zh)):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        capsys.readouterr()
        assert main(["export", str(base), str(out)]) == errors.BAD_INPUT
        got = capsys.readouterr()
        assert said.format(out=out, folder=out.parent, base=base) in got.err, got.err
        assert "photo brought in" not in got.out + got.err, got.out
        assert {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in before} == before
        assert _photos_held(pkg) == 0
    assert not Path(f"{out}.part").exists() and not (tmp_path / "stick").exists()
    assert out.exists() == (out in before)  # (a new name: nothing written there)
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    assert main(["status", str(base)]) == errors.OK  # the photo waits for the next export
    assert "photo the next export reads in, a change: DCIM/p1.jpg" in \
        capsys.readouterr().out
