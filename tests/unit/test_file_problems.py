# SPDX-License-Identifier: GPL-2.0-or-later
"""Files the commands cannot write or read: a read-only master or package, a full disk, a
damaged page. Each is named with the file (exit 2), nothing is changed and no half-written
output is left."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import package_checkout, package_export
from tests.conftest import fill
from tests.unit.gpkg_factory import edit, make_gpkg, sha256_file

ROOT = Path(__file__).resolve().parents[2]


def fk_as_other_user(*argv) -> subprocess.CompletedProcess:
    """The command line run as a user who may read the files but not write them."""
    cmd = [sys.executable, "-m", "field_kit.cli", *map(str, argv)]
    if os.geteuid() == 0:  # root writes any file: run as nobody
        cmd = ["runuser", "-u", "nobody", "--", *cmd]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


@pytest.fixture
def shared_dir():
    """A folder other users may read and write, its files root's (or ours) with mode 644."""
    d = Path(tempfile.mkdtemp(prefix="toksun-ro-"))
    d.chmod(0o777)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _other_user_runs_the_toolkit() -> bool:
    """Whether the other user may read this checkout and its Python (not under a folder
    only root may enter)."""
    if os.geteuid() != 0:
        return True
    if shutil.which("runuser") is None:
        return False
    return fk_as_other_user("--version").returncode == 0


@pytest.mark.skipif(not _other_user_runs_the_toolkit(),
                    reason="needs another user who may run the toolkit from this checkout")
def test_a_read_only_master_or_package_is_named(shared_dir):
    master = make_gpkg(shared_dir / "m.gpkg", patches=10)
    pkg = shared_dir / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    package_export.export(pkg, shared_dir / "c.zip")
    edit(pkg, "UPDATE mine_patches SET township = 'Bostan' WHERE fid = 2")  # not sent yet
    for f in (master, pkg):
        os.chmod(f, 0o444 if os.geteuid() else 0o644)
    before = {f: sha256_file(f) for f in (master, pkg)}
    for argv, named in ((("merge", master, shared_dir / "c.zip"), master),
                        (("checkout", master, shared_dir / "x.gpkg", "--device", "x"), master),
                        (("export", pkg, shared_dir / "d.zip"), pkg)):
        got = fk_as_other_user(*argv)
        assert got.returncode == errors.BAD_INPUT, got.stderr
        assert f"cannot write {named}: read-only" in got.stderr
    assert {f: sha256_file(f) for f in (master, pkg)} == before
    assert sorted(p.name for p in shared_dir.iterdir()) == ["c.zip", "m.gpkg", "p.gpkg"]


def master_marked_read_only(tmp_path) -> Path:
    """A master marked read-only (chmod 444) and c.zip beside it, an edit to merge."""
    master = Path(make_gpkg(tmp_path / "m.gpkg", patches=10))
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    package_export.export(pkg, tmp_path / "c.zip")
    master.chmod(0o444)
    return master


def test_a_file_marked_read_only_is_not_written_whoever_runs_it(tmp_path, capsys):
    """chmod 444: the owner's mark is kept even for root, whom the system lets write."""
    master = master_marked_read_only(tmp_path)
    before = sha256_file(master)
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "c.zip")]) == errors.BAD_INPUT
    assert f"cannot write {master}: read-only" in capsys.readouterr().err
    assert sha256_file(master) == before
    assert main(["status", str(master)]) == errors.OK  # reading it is fine
    master.chmod(0o644)
    assert main(["merge", str(master), str(tmp_path / "c.zip")]) == errors.OK


def test_a_full_disk_is_named_and_nothing_is_half_written(tmp_path, small_disk, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=400)
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    # edits bigger than the small disk, sent as one package, and more not sent yet
    edit(pkg, "UPDATE mine_patches SET township = hex(randomblob(3000))")
    package_export.export(pkg, tmp_path / "big.zip")
    edit(pkg, "UPDATE mine_patches SET township = hex(randomblob(4000))")
    capsys.readouterr()
    # the master's own disk is full: the merge is not half-applied
    small = small_disk / "m.gpkg"
    shutil.copyfile(master, small)
    fill(small_disk, leaving=64 * 1024)
    before = sha256_file(small)
    assert main(["merge", str(small), str(tmp_path / "big.zip")]) == errors.BAD_INPUT
    assert f"cannot write {small}: the disk is full" in capsys.readouterr().err
    assert sha256_file(small) == before
    small.unlink()
    (small_disk / "filler").unlink()
    # the output does not fit
    assert main(["merge", str(master), str(tmp_path / "big.zip")]) == errors.OK
    capsys.readouterr()
    assert main(["checkout", str(master), str(small_disk / "co.gpkg"), "--device", "x"]) == \
        errors.BAD_INPUT
    assert f"cannot write {small_disk / 'co.gpkg'}: the disk is full" in \
        capsys.readouterr().err
    assert main(["export", str(pkg), str(small_disk / "out.zip")]) == errors.BAD_INPUT
    assert f"cannot write {small_disk / 'out.zip'}: the disk is full" in \
        capsys.readouterr().err
    assert list(small_disk.iterdir()) == []



@pytest.mark.parametrize("qfield", [False, True], ids=["package", "qfield"])
def test_a_checkout_on_a_full_disk_says_how_much_room_it_needs(tmp_path, small_disk, capsys,
                                                                monkeypatch, qfield):
    """A checkout copies the master whole before it cuts it: the disk full, it says about
    how much room it needs (twice the master) and how much there is (1 MB said in the
    singular), in Chinese too; a QField project is named by its folder, not the package
    within it."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=400)
    edit(master, "UPDATE mine_patches SET township = hex(randomblob(1000))")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    fill(small_disk, leaving=1200 * 1024)
    out = small_disk / ("proj" if qfield else "co.gpkg")
    capsys.readouterr()
    argv = ["checkout", str(master), str(out), "--device", "x"]
    assert main(argv + (["--for", "qfield"] if qfield else [])) == errors.BAD_INPUT
    need = -(-2 * os.path.getsize(master) // 2**20)
    assert shutil.disk_usage(small_disk).free // 2**20 == 1  # (1 MB is, not are, free)
    assert capsys.readouterr().err.splitlines() == [
        f"field-kit: cannot write {out}: the disk is full; nothing was changed: the checkout "
        f"needs about {need} MB free there while it works; 1 MB is free there: free "
        "some space and run it again",
        f"field-kit: 无法写入 {out}：磁盘已满；未作任何更改：签出过程中该处约需可用空间 "
        f"{need} MB，现有 1 MB：请释放空间后重新执行"]
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("qfield", [False, True], ids=["package", "qfield"])
def test_a_disk_with_less_than_a_megabyte_free_says_it_in_kilobytes(tmp_path, small_disk,
                                                                     capsys, monkeypatch,
                                                                     qfield, lang):
    """300 KB free is said as 300 KB, not "0 MB" (which reads as nothing at all), in the
    user's language; the room the checkout needs stays in MB."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=400)
    edit(master, "UPDATE mine_patches SET township = hex(randomblob(1000))")
    monkeypatch.setenv("FIELD_KIT_LANG", {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}[lang])
    fill(small_disk, leaving=300 * 1024)
    out = small_disk / ("proj" if qfield else "co.gpkg")
    capsys.readouterr()
    argv = ["checkout", str(master), str(out), "--device", "x"]
    assert main(argv + (["--for", "qfield"] if qfield else [])) == errors.BAD_INPUT
    need = -(-2 * os.path.getsize(master) // 2**20)
    free = shutil.disk_usage(small_disk).free
    assert 0 < free < 2**20
    lines = [
        f"field-kit: cannot write {out}: the disk is full; nothing was changed: the checkout "
        f"needs about {need} MB free there while it works; {free // 1024} KB are free there: "
        "free some space and run it again",
        f"field-kit: 无法写入 {out}：磁盘已满；未作任何更改：签出过程中该处约需可用空间 "
        f"{need} MB，现有 {free // 1024} KB：请释放空间后重新执行"]
    assert capsys.readouterr().err.splitlines() == (lines if lang == "zh" else lines[:1])
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_a_full_disk_with_no_byte_left_says_so_in_bytes(tmp_path, small_disk, capsys,
                                                        chinese_locale):
    """Nothing at all free is 0 bytes (0 字节), not 0 MB nor 0 KB."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=20)
    fill(small_disk, leaving=0)
    assert shutil.disk_usage(small_disk).free == 0
    out = small_disk / "co.gpkg"
    capsys.readouterr()
    assert main(["checkout", str(master), str(out), "--device", "x"]) == errors.BAD_INPUT
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("while it works; 0 bytes are free there: free some space and run "
                           "it again"), err
    assert err[1].endswith("，现有 0 字节：请释放空间后重新执行"), err
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


@pytest.mark.parametrize(("size", "down", "up"), [
    (0, "0 bytes", "0 bytes"), (1, "1 byte", "1 byte"), (1023, "1023 bytes", "1023 bytes"),
    (1024, "1 KB", "1 KB"), (1025, "1 KB", "2 KB"), (300 * 1024, "300 KB", "300 KB"),
    (2**20 - 1, "1023 KB", "1 MB"), (2**20, "1 MB", "1 MB"), (2**20 + 1, "1 MB", "2 MB"),
    (5 * 2**30, "5120 MB", "5120 MB")])
def test_a_size_is_said_in_the_unit_that_shows_it(size, down, up):
    """Free space rounded down, the room needed rounded up, never a small size as 0 MB; the
    same size in Chinese, bytes as 字节."""
    from field_kit.bilingual import size_said
    assert (size_said(size).en, size_said(size, up=True).en) == (down, up)
    assert size_said(size, up=True).zh == up.replace(" bytes", " 字节").replace(" byte", " 字节")


@pytest.mark.parametrize(("size", "said"), [
    (1000, "1000 bytes"), (1024, "1 KB"), (1025, "1025 bytes"), (1536 * 1024, "1536 KB"),
    (512 * 2**20, "512 MB"), (2**20 + 1, "1048577 bytes")])
def test_a_limit_is_said_as_it_was_set(size, said):
    """A limit (merge --max-size 1.5) said in the largest unit that holds it whole: 1536 KB,
    not 1 MB."""
    from field_kit.bilingual import size_said
    assert size_said(size, exact=True).en == said


def test_a_checkout_from_a_master_on_a_full_disk_names_the_master(tmp_path, small_disk,
                                                                   capsys, monkeypatch):
    """The package written where there is room, the master's own disk full as it registers
    the device: the master is named (in Chinese too), not the package with the room its
    disk has; no package is left, and the same checkout makes it once there is room."""
    master = small_disk / "m.gpkg"
    make_gpkg(master, patches=20)
    fill(small_disk, leaving=0)
    before = sha256_file(master)
    out = tmp_path / "co.gpkg"
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    argv = ["checkout", str(master), str(out), "--device", "x"]
    assert main(argv) == errors.BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        f"field-kit: cannot write {master}: the disk is full; nothing was changed: free some "
        "space and run it again",
        f"field-kit: 无法写入 {master}：磁盘已满；未作任何更改：请释放空间后重新执行"]
    assert sha256_file(master) == before
    assert list(tmp_path.iterdir()) == []
    (small_disk / "filler").unlink()
    assert main(argv) == errors.OK
    assert out.exists()


def test_a_master_in_wal_mode_on_a_full_disk_is_said_full_not_failed(tmp_path, small_disk,
                                                                      capsys, monkeypatch):
    """A GeoPackage QGIS left in WAL mode needs room for its shared memory even to be read:
    the disk full, that is said (in Chinese too), with what to do, not that the disk failed;
    with room again the same merge goes in."""
    master, zipped = sent(tmp_path, 20, "UPDATE mine_patches SET township = 'Toksun'")
    small = small_disk / "m.gpkg"
    shutil.copyfile(master, small)
    with sqlite3.connect(small) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    fill(small_disk, leaving=0)
    before = sha256_file(small)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["merge", str(small), str(zipped)]) == errors.BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        f"field-kit: cannot write {small}: the disk is full; nothing was changed: free some "
        "space and run it again",
        f"field-kit: 无法写入 {small}：磁盘已满；未作任何更改：请释放空间后重新执行"]
    assert sha256_file(small) == before
    (small_disk / "filler").unlink()
    assert main(["merge", str(small), str(zipped)]) == errors.OK


def sent(folder, patches: int, change: str):
    """A master of ``patches`` patches and the change package of a GIS package's
    ``change``: (master, the package's zip)."""
    master = make_gpkg(folder / "m.gpkg", patches=patches)
    pkg = folder / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, change)
    package_export.export(pkg, folder / "c.zip")
    return master, folder / "c.zip"


def test_a_full_folder_for_temporary_files_is_named_not_the_files(tmp_path, small_disk):
    # (changes larger than the small disk)
    master, zipped = sent(tmp_path, 400, "UPDATE mine_patches SET township = "
                                         "hex(randomblob(3000))")
    before = sha256_file(master)
    fill(small_disk, leaving=64 * 1024)
    env = {**os.environ, "TMPDIR": str(small_disk), "LANG": "zh_CN.UTF-8"}
    run = subprocess.run([sys.executable, "-m", "field_kit.cli", "merge", str(master),
                          str(zipped)], env=env, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == errors.BAD_INPUT, run.stderr
    assert f"cannot write a temporary file in {small_disk}, the folder for temporary files: " \
        "its disk is full" in run.stderr, run.stderr
    assert f"临时文件夹 {small_disk}" in run.stderr
    assert sha256_file(master) == before
    assert [f.name for f in small_disk.iterdir()] == ["filler"]


def test_a_damaged_index_page_of_the_change_log_is_named(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3000)
    edit(master, "UPDATE mine_patches SET township = hex(randomblob(20))")  # a long log
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = 'Toksun' WHERE fid < 100")
    package_export.export(pkg, tmp_path / "c.zip")
    conn = sqlite3.connect(master)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute("SELECT min(pageno) FROM dbstat WHERE name = 'sync_changes_row'"
                        ).fetchone()[0]
    conn.close()
    with open(master, "r+b") as fh:  # as a failing disk leaves it
        fh.seek((page - 1) * size)
        fh.write(os.urandom(size))
    before = sha256_file(master)
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "c.zip")]) == errors.BAD_INPUT
    assert f"{master} is damaged (SQLite: database disk image is malformed)" in \
        capsys.readouterr().err
    assert sha256_file(master) == before
    # a checkout copies the damage: it is the master that is named, not the package
    out = tmp_path / "q.gpkg"
    assert main(["checkout", str(master), str(out), "--device", "q"]) == errors.BAD_INPUT
    said = capsys.readouterr().err
    assert f"{master} is damaged" in said and "q.gpkg" not in said, said
    assert not out.exists() and sha256_file(master) == before


def test_a_file_that_is_no_database_picked_as_the_master_is_named_as_such(tmp_path, capsys):
    """The wrong file chosen (notes saved as .gpkg): said to be no GeoPackage, not to be a
    damaged one to restore from a backup."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    notes = tmp_path / "notes.gpkg"
    notes.write_text("not a database at all\n" * 200)
    capsys.readouterr()
    assert main(["pull", str(pkg), str(notes)]) == errors.BAD_INPUT
    said = capsys.readouterr().err
    assert f"not a GeoPackage: {notes} (the file is not a database)" in said, said
    assert "backup" not in said and "damaged" not in said


def test_a_zip_cut_short_or_whole_given_as_a_package_is_named_as_one(tmp_path, capsys):
    """A zipped QField project cut short by a copy was "not a GeoPackage (the file is not a
    database)", as if the wrong file were picked; a change package given to status likewise."""
    import zipfile
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "package.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    whole = tmp_path / "project.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(pkg, "project/package.gpkg")
    cut = tmp_path / "cut" / "project.zip"
    cut.parent.mkdir()
    cut.write_bytes(whole.read_bytes()[:len(whole.read_bytes()) // 2])
    for argv in (["export", str(cut), str(tmp_path / "out.zip")], ["status", str(cut)]):
        capsys.readouterr()
        assert main(argv) == errors.BAD_INPUT
        said = capsys.readouterr().err
        assert f"{cut} (a zip file cut short or damaged, its list of members missing: copy it " \
               "again whole)" in said, said
    edit(pkg, "UPDATE mine_patches SET phase = 'x'")
    sent = tmp_path / "sent.zip"
    package_export.export(pkg, sent)
    capsys.readouterr()
    assert main(["status", str(sent)]) == errors.BAD_INPUT
    assert "a change package is merged into the master" in capsys.readouterr().err


def test_an_excel_report_that_does_not_fit_names_itself_and_leaves_nothing(
        master, tmp_path, small_disk, capsys):
    """The workbook is named (not the master it reads), the one there before is left whole
    and no part of the new one is left beside it."""
    assert main(["report", str(master), "--out", str(tmp_path / "r.xlsx")]) == errors.OK
    out = small_disk / "r.xlsx"
    shutil.copyfile(tmp_path / "r.xlsx", out)
    before = sha256_file(out)
    for free in (2, 6, 10):
        fill(small_disk, leaving=free * 1024)
        capsys.readouterr()
        assert main(["report", str(master), "--out", str(out)]) == errors.BAD_INPUT
        said = capsys.readouterr().err
        assert f"cannot write {out}: the disk is full" in said and str(master) not in said
        assert sha256_file(out) == before
        assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "r.xlsx"]
        (small_disk / "filler").unlink()


def test_a_folder_given_for_a_file_is_said_to_be_one(tmp_path, capsys):
    """A folder named like the file asked for, to write (a package, a report) or to read (the
    master, a package): said to be a folder (exit 2), nothing written in it or beside it."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    changes = tmp_path / "c.zip"
    package_export.export(pkg, changes)
    edit(pkg, "UPDATE mine_patches SET township = 'Bostan' WHERE fid = 2")
    d_zip, d_xlsx, d_pdf, d_gpkg = folders = [tmp_path / n for n in ("d.zip", "d.xlsx", "d.pdf",
                                                                     "f.gpkg")]
    for folder in folders:
        folder.mkdir()
    before = sha256_file(master)
    capsys.readouterr()
    for argv, folder in ((("export", pkg, d_zip), d_zip), (("merge", master, d_zip), d_zip),
                         (("report", master, "--out", d_xlsx), d_xlsx),
                         (("report", master, "--out", d_pdf), d_pdf),
                         (("merge", d_gpkg, changes), d_gpkg), (("init", d_gpkg), d_gpkg),
                         (("checkout", d_gpkg, tmp_path / "q.gpkg", "--device", "q"), d_gpkg),
                         (("report", d_gpkg, "--out", tmp_path / "r.xlsx"), d_gpkg),
                         (("progress", d_gpkg), d_gpkg)):
        got = main([str(a) for a in argv])
        said = capsys.readouterr().err
        assert got == errors.BAD_INPUT and f"{folder} is a folder, not a file" in said, \
            (argv, said)
    assert sha256_file(master) == before
    assert all(not any(f.iterdir()) for f in folders)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["m.gpkg", "p.gpkg", "c.zip", *(f.name for f in folders)])


def test_a_folder_where_the_file_is_written_first_is_named_as_that_folder(tmp_path, capsys,
                                                                         monkeypatch):
    """An export or a report writes OUT.part first, then names it OUT: a folder named
    OUT.part is said as that folder, with what to do (not "OUT is a folder", which is not
    there), in Chinese too; nothing is written, the package is as it was."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    before = {f: sha256_file(f) for f in (master, pkg)}
    outs = [tmp_path / n for n in ("c.zip", "r.xlsx", "r.pdf")]
    for out in outs:
        (tmp_path / f"{out.name}.part").mkdir()
    for argv, out in ((("export", pkg, outs[0]), outs[0]),
                      (("report", master, "--out", outs[1]), outs[1]),
                      (("report", master, "--out", outs[2]), outs[2])):
        capsys.readouterr()
        assert main([str(a) for a in argv]) == errors.BAD_INPUT
        assert capsys.readouterr().err.splitlines() == [
            f"field-kit: cannot write {out}: {out}.part, where it is written before it takes "
            "its name, is a folder; nothing was changed: move or rename that folder, and run "
            "it again",
            f"field-kit: 无法写入 {out}：它先写为 {out}.part，写完再改名，而 {out}.part 是一个"
            "文件夹；未作任何更改：请移走该文件夹或为其改名，然后重新执行"], argv
    assert {f: sha256_file(f) for f in (master, pkg)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["m.gpkg", "p.gpkg", *(f"{out.name}.part" for out in outs)])
    assert not any(any((tmp_path / f"{out.name}.part").iterdir()) for out in outs)


# A command killed mid-write: its page cache kept small, so pages of the master are written
# before the commit, as a merge of many changes writes them; killed before it commits.
_KILLED_MID_WRITE = """
import os, signal, sys
from field_kit.db import connect
conn = connect(sys.argv[1])
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN")
conn.execute("UPDATE mine_patches SET township = 'half-written' || fid")
os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_mid_write(path) -> None:
    subprocess.run([sys.executable, "-c", _KILLED_MID_WRITE, str(path)], cwd=ROOT, check=False)
    assert os.path.getsize(f"{path}-journal") > 0  # what undoes the unfinished write


def test_a_command_killed_mid_write_is_undone_by_the_next_that_reads(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=300)
    killed_mid_write(master)
    for command in ("status", "conflicts", "log"):
        assert main([command, str(master)]) in (errors.OK, errors.PLAN_INCONSISTENT), command
        assert "read-only" not in capsys.readouterr().err
    assert not os.path.exists(f"{master}-journal")
    with sqlite3.connect(master) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert c.execute("SELECT count(*) FROM mine_patches WHERE township LIKE "
                         "'half-written%'").fetchone() == (0,)


def test_a_read_only_file_a_killed_command_left_unfinished_is_not_to_be_copied_alone(
        tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=300)
    killed_mid_write(master)
    os.chmod(master, 0o444)
    assert main(["status", str(master)]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"left {master}-journal beside it" in err and "copy both" in err
    assert os.path.exists(f"{master}-journal")  # kept: the file is not whole without it
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["status", str(master)]) == errors.BAD_INPUT
    assert "一起复制" in capsys.readouterr().err


_KILLED_READING = """
import os, signal, sys
from field_kit.sync import change_list
def copy(*args):
    os.kill(os.getpid(), signal.SIGKILL)
change_list._copy = copy
from field_kit.cli.commands import main
main(["merge", *sys.argv[1:]])
"""


def test_a_merge_killed_reading_a_package_leaves_no_copy_of_its_changes(tmp_path):
    master, zipped = sent(tmp_path, 20, "UPDATE mine_patches SET township = 'Elsewhere'")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    subprocess.run([sys.executable, "-c", _KILLED_READING, str(master), str(zipped)],
                   cwd=ROOT, env={**os.environ, "TMPDIR": str(scratch)}, check=False)
    assert list(scratch.iterdir()) == []
    assert main(["merge", str(master), str(zipped)]) == errors.OK


def test_a_folder_that_does_not_exist_is_named_as_such(tmp_path, capsys, monkeypatch):
    """An export or a checkout into a folder not made yet: said to be missing, not taken for
    a folder that may not be written (exit 2), in English and in Chinese; nothing written."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    missing = tmp_path / "not made"
    capsys.readouterr()
    for lang, said in (("en", "its folder {d} does not exist; nothing was changed: make the "
                              "folder"), ("zh", "文件夹 {d} 不存在；未作任何更改")):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        for argv in (("export", pkg, missing / "c.zip"),
                     ("checkout", master, missing / "q.gpkg", "--device", "q")):
            assert main([str(a) for a in argv]) == errors.BAD_INPUT, argv
            err = capsys.readouterr().err
            assert said.format(d=missing) in err, err
            assert "may not be written" not in err, err
    assert not missing.exists()


def test_a_checkout_of_a_master_in_wal_mode_onto_a_full_disk_leaves_nothing(
        tmp_path, small_disk, capsys):
    """A master QGIS left in WAL mode gives its copy a -wal and -shm: the disk full as the
    copy is cut, the checkout removes them with it, and the room it says is free is the room
    there is once it gave up, its own leftovers not counted."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=400)
    with sqlite3.connect(master) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    fill(small_disk, leaving=850 * 1024)  # (the copy fits, the copy cut does not)
    out = small_disk / "co.gpkg"
    capsys.readouterr()
    assert main(["checkout", str(master), str(out), "--device", "x"]) == errors.BAD_INPUT
    said = capsys.readouterr().err
    assert [p.name for p in small_disk.iterdir()] == ["filler"]
    assert f"while it works; {shutil.disk_usage(small_disk).free // 1024} KB are free " \
           "there: free some space" in said, said


def test_a_truncated_master_is_said_in_chinese_with_sqlites_own_words_marked(
        tmp_path, capsys, monkeypatch):
    """A master cut short (a copy that stopped halfway): SQLite's English is said in
    Chinese, its own text kept after it and marked as SQLite's; exit 2, nothing changed."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=300)
    with open(master, "r+b") as fh:
        fh.truncate(os.path.getsize(master) // 2)
    before = sha256_file(master)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["status", str(master)]) == errors.BAD_INPUT
    english, zh = capsys.readouterr().err.strip().split("\n")
    why, text = "数据库文件格式错误", "database disk image is malformed"
    assert f"{master} is damaged (SQLite: {text});" in english, english
    assert f"{master} 已损坏（{why}" in zh, zh
    assert zh.count(text) == 1 and f"SQLite 原文：{text}）" in zh, zh
    assert sha256_file(master) == before
