# SPDX-License-Identifier: GPL-2.0-or-later
"""Bad change packages get a one-line reason and leave the master byte-for-byte unchanged;
a change carrying a value its field cannot take is refused alone, naming the field, and the
rest of its package applies. The cases are those of :mod:`tests.unit.bad_package_corpus`."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from field_kit.cli.commands import main
from field_kit.errors import REFUSED
from field_kit.sync import merge
from tests.unit import bad_package_corpus as corpus
from tests.unit.bad_package_corpus import VALUES, WHOLE, bomb_as_attachment, bomb_as_manifest
from tests.unit.gpkg_factory import sha256_file, snapshot


@pytest.fixture
def setup(tmp_path):
    return (*corpus.setup(tmp_path), tmp_path)


@pytest.mark.parametrize("make", WHOLE, ids=[f.__name__ for f in WHOLE])
def test_bad_package_is_refused_and_master_unchanged(setup, make, capsys):
    master, _, good, key, tmp = setup
    bad = make(good, tmp / "bad.zip", key)
    before = sha256_file(master)
    rep = merge.merge(master, [bad])
    assert not rep.results and len(rep.refused) == 1
    reason = rep.refused[0][1]
    assert "\n" not in reason
    assert re.search(WHOLE[make], reason), reason
    assert main(["merge", str(master), str(bad)]) == REFUSED
    err = capsys.readouterr().out
    assert err.count("\n") == 1 and err.startswith("REFUSED")
    assert sha256_file(master) == before


def test_oversized_package_is_refused(setup):
    master, _, good, _, _ = setup
    before = sha256_file(master)
    rep = merge.merge(master, [good], max_bytes=100)
    assert "over the limit" in rep.refused[0][1]
    assert sha256_file(master) == before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_package_over_the_limit_says_both_sizes_as_a_reader_takes_them(setup, capsys,
                                                                        monkeypatch, lang):
    """--max-size is given in MB: a package over it is said in MB, KB or bytes (the
    package's size rounded up, the limit as set), not as 536870912, in the user's language;
    so is an unpacked size over it."""
    master, _, good, _, _ = setup
    monkeypatch.setenv("FIELD_KIT_LANG", {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}[lang])
    before = sha256_file(master)
    size = os.path.getsize(good)
    with zipfile.ZipFile(good) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    kb = size // 1024 + 1  # a limit the package fits in zipped, not unpacked
    assert 2048 < size < kb * 1024 < unpacked
    for limit, en, zh in (
            (1000, f"package is {-(-size // 1024)} KB, over the limit of 1000 bytes",
             f"修改包大小 {-(-size // 1024)} KB，超过上限 1000 字节"),
            (kb * 1024, f"unpacked size over the limit of {kb} KB",
             f"解压后大小超过上限 {kb} KB")):
        capsys.readouterr()
        assert main(["merge", str(master), str(good), "--max-size", str(limit / 2**20)]) \
            == REFUSED
        said = capsys.readouterr().out.splitlines()
        assert said[:2] == [f"REFUSED good.zip: {en}", f"  已拒收：good.zip：{zh}"][
            :2 if lang == "zh" else 1], said
    assert sha256_file(master) == before


def test_a_good_package_still_merges(setup):
    master, _, good, _, _ = setup
    rep = merge.merge(master, [good])
    assert not rep.refused and rep.totals["applied"] == 2


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The merge in a child process, its peak resident memory (KiB) printed last: VmHWM, as
# ru_maxrss would carry over the parent's peak across exec.
MEASURED_MERGE = ("import re, sys; from field_kit.cli import main; rc = main(sys.argv[1:]); "
                  "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]); "
                  "sys.exit(rc)")


@pytest.mark.parametrize("make", [bomb_as_manifest, bomb_as_attachment],
                         ids=lambda f: f.__name__)
def test_a_bomb_whose_header_lies_is_refused_in_bounded_memory(setup, make):
    """A mebibyte that declares 1000 bytes and inflates to a gibibyte: refused as soon as it
    grows past what it declares, so the merge's memory stays near that of an empty one."""
    if not os.path.exists("/proc/self/status"):
        pytest.skip("peak memory is read from /proc")
    master, _, good, key, tmp = setup
    bad = make(good, tmp / "bomb.zip", key)
    before = sha256_file(master)
    run = subprocess.run([sys.executable, "-c", MEASURED_MERGE, "merge", str(master), str(bad)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == REFUSED, run.stderr
    *lines, peak_kib = run.stdout.splitlines()
    assert re.search("inflates past the 1000 bytes", lines[0]), lines
    assert int(peak_kib) < 100 * 1024, f"peak {int(peak_kib) // 1024} MiB"
    assert sha256_file(master) == before


@pytest.mark.parametrize("make", VALUES, ids=[f.__name__ for f in VALUES])
def test_a_bad_value_is_refused_alone_and_the_rest_applies(setup, make, capsys):
    master, _, good, key, tmp = setup
    bad = make(good, tmp / "bad.zip", key)
    before = snapshot(master)
    rep = merge.merge(master, [bad])
    assert not rep.refused
    assert rep.totals == {"applied": 1, "already": 0, "conflict": 0, "refused": 1}
    (refused,) = [o for o in rep.results[0].outcomes if o.status == "refused"]
    assert re.search(VALUES[make], refused.reason), refused.reason
    after = snapshot(master)
    assert after[refused.table].get(refused.row) == before[refused.table].get(refused.row)
    assert after != before  # the other change applied
    rep = merge.merge(master, [bad])  # again: refused again, the rest merged before
    assert rep.totals == {"applied": 0, "already": 1, "conflict": 0, "refused": 1}


def test_the_whole_corpus_is_refused_through_the_command_line(tmp_path, capsys):
    """Every bad package of the corpus, as an adversary would try it: exit 3 (Refused) with
    its reason, never an internal error; the master unchanged but for the good changes of
    packages whose only fault is a value."""
    master, _, good, key = corpus.setup(tmp_path)
    pristine = shutil.copyfile(master, tmp_path / "pristine.gpkg")
    whole = values = 0
    for cases, is_whole in ((WHOLE, True), (VALUES, False)):
        for make, reason in cases.items():
            shutil.copyfile(pristine, master)
            bad = make(good, tmp_path / f"{make.__name__}.zip", key)
            before, rows = sha256_file(master), snapshot(master)
            code = main(["merge", str(master), str(bad)])
            out = capsys.readouterr()
            assert code == REFUSED, (make.__name__, out)
            assert re.search(reason, out.out), (make.__name__, out.out)
            if is_whole:
                assert sha256_file(master) == before, make.__name__
                whole += 1
            else:
                assert "refused 1" in out.out and "applied 1" in out.out, out.out
                assert snapshot(master) != rows
                values += 1
    with capsys.disabled():
        print(f"\nbad-package corpus: {whole + values} packages, all refused with exit 3: "
              f"{whole} whole with the master byte-for-byte unchanged, {values} with only "
              "their change carrying a bad value refused (field and reason named) and the "
              "rest applied")


def test_many_packages_hold_one_attachment_in_memory_at_a_time(setup):
    """Six packages of 30 MB of photos each: checked, then each photo read again as it is
    written, so the merge's memory does not grow with the packages (it held them all)."""
    import hashlib
    import zlib

    if not os.path.exists("/proc/self/status"):
        pytest.skip("peak memory is read from /proc")
    master, _, good, key, tmp = setup
    zips = []
    for n in range(6):
        photo = os.urandom(30 << 20)
        sha = hashlib.sha256(photo).hexdigest()
        member = f"attachments/{sha}"
        zips.append(str(corpus._crafted(
            good, tmp / f"p{n}.zip", key, listed={member: (sha, len(photo))},
            extra=[(member, photo, 0, len(photo), zlib.crc32(photo), 0)])))
    run = subprocess.run([sys.executable, "-c", MEASURED_MERGE, "merge", str(master), *zips],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    peak_kib = int(run.stdout.splitlines()[-1])
    assert peak_kib < 150 * 1024, f"peak {peak_kib // 1024} MiB"
    from field_kit.db import connect
    conn = connect(master)
    assert conn.execute("SELECT count(*), sum(size) FROM attachments").fetchone() == (
        6, 6 * (30 << 20))
    conn.close()


def test_a_package_changed_after_its_check_stops_the_merge_and_changes_nothing(setup,
                                                                               monkeypatch):
    """Its attachments are read again when written: changed or gone by then, the merge is
    refused whole and rolled back."""
    import hashlib

    from field_kit.errors import Refused
    from field_kit.sync import set_based

    master, _, good, key, tmp = setup
    photo = b"a photo"
    member = f"attachments/{hashlib.sha256(photo).hexdigest()}"
    stored = corpus._deflated(member, photo, method=0)
    pkg = corpus._crafted(good, tmp / "p.zip", key, extra=[stored],
                          listed={member: (hashlib.sha256(photo).hexdigest(), len(photo))})
    before = sha256_file(master)
    settle = set_based.settle
    for change in (lambda: pkg.write_bytes(pkg.read_bytes().replace(b"a photo", b"A photo")),
                   pkg.unlink):
        kept = pkg.read_bytes()

        def settle_then_change(*args, change=change):
            settle(*args)
            change()

        monkeypatch.setattr(set_based, "settle", settle_then_change)
        with pytest.raises(Refused, match=f"{member} is damaged|cannot be read again"):
            merge.merge(master, [pkg])
        assert sha256_file(master) == before
        pkg.write_bytes(kept)


def test_a_field_package_given_to_merge_is_refused_as_one_with_the_way(setup, capsys,
                                                                        monkeypatch):
    """The field package itself, not its export: said so, with the command that makes what
    a merge takes, not "truncated or damaged"."""
    master, pkg, _, _, _ = setup
    before = sha256_file(master)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    assert main(["merge", str(master), str(pkg)]) == REFUSED
    out = capsys.readouterr().out
    assert ("a.gpkg: a GeoPackage, not a change package: a field package's edits travel as "
            "its export (field-kit export a.gpkg OUT.zip)") in out
    assert "a.gpkg：这是 GeoPackage，不是修改包" in out
    assert sha256_file(master) == before


def test_a_copy_of_layers_given_to_merge_is_not_told_to_be_exported(setup, tmp_path, capsys,
                                                                     monkeypatch):
    """A GeoPackage with no change capture (QGIS's Package layers, ogr2ogr), which no export
    can be made of: said as what it is, with what a merge takes and how its edits travel."""
    master, _, _, _, _ = setup
    copy = tmp_path / "copy.gpkg"
    with sqlite3.connect(copy) as c:
        c.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
    before = sha256_file(master)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["merge", str(master), str(copy)]) == REFUSED
    out = capsys.readouterr().out
    assert ("copy.gpkg: a GeoPackage with no change capture, neither a field package nor a "
            "master, not a change package: a merge takes the change packages the master's "
            "field packages export (field-kit export FIELD_PACKAGE OUT.zip); edits made in a "
            "copy of its layers travel by field-kit import") in out, out
    assert "field-kit export copy.gpkg" not in out, out
    assert "copy.gpkg：这是没有修改记录的 GeoPackage" in out, out
    assert sha256_file(master) == before


def test_a_member_of_one_byte_is_said_in_the_singular(setup, capsys, monkeypatch):
    """A member stored with more than the 1 byte its header declares: "1 byte", not
    "1 bytes", in English, and in Chinese too."""
    import hashlib
    import zlib

    master, _, good, key, tmp = setup
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    with zipfile.ZipFile(good) as zf:
        changes = zf.read(corpus.MEMBER)
    entry = (corpus.MEMBER, changes, zipfile.ZIP_STORED, 1, zlib.crc32(changes[:1]), 0)
    bad = corpus._crafted(good, tmp / "one.zip", key, replace={corpus.MEMBER: entry},
                          listed={corpus.MEMBER: (hashlib.sha256(changes[:1]).hexdigest(), 1)})
    assert main(["merge", str(master), str(bad)]) == REFUSED
    said = capsys.readouterr().out.splitlines()
    assert said[:2] == [
        f"REFUSED one.zip: member {corpus.MEMBER} holds more than the 1 byte its header "
        "declares", f"  已拒收：one.zip：包内文件 {corpus.MEMBER} 超过其文件头声明的 1 字节"
        "（已损坏或被篡改）"], said
