# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit export`` killed as it writes (a flat battery, the laptop shut): ``status``
says so and names the unfinished file it left on the USB stick; the next export says so,
removes it (room on a nearly full stick) and sends the changes."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import add_photo, make_gpkg

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def killed(tmp_path):
    """A package whose export to a USB stick was killed: (package, the stick, OUT)."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, verifications=2)
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(pkg)
    with conn:
        rec = conn.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
        for i in range(3):
            add_photo(conn, rec, b"\xff\xd8 picture " + bytes([i]))
    conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "a.zip"
    got = subprocess.run([sys.executable, "-m", "tests.unit.kill_in_export", str(pkg),
                          str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert got.returncode == -signal.SIGKILL, got.stdout + got.stderr
    assert [p.name for p in usb.iterdir()] == ["a.zip.part"]  # half written, on the stick
    return pkg, usb, out


def test_status_and_the_next_export_say_an_export_was_killed_and_remove_what_it_left(
        killed, tmp_path, capsys, chinese_locale):
    pkg, usb, out = killed
    part = f"{out}.part"
    capsys.readouterr()
    assert main(["status", str(pkg)]) == errors.OK
    said = capsys.readouterr().out
    assert f"to {out}) was cut short: it was stopped before it was written whole; nothing " \
        "was lost: its changes are still waiting and go with the next export" in said, said
    assert f"its unfinished file {part} is no change package: delete it (the next export " \
        "removes it)" in said, said
    assert f"写往 {out}）未完成：写完前被中断。没有丢失任何内容" in said, said
    assert f"未写完的文件 {part} 不是修改包：请删除（下次导出会将其删除）" in said, said
    assert "changes waiting 3" in said, said  # nothing lost
    assert main(["status", str(pkg)]) == errors.OK  # (status reads only: said again)
    assert "was cut short" in capsys.readouterr().out
    # the next export: said, its leftover removed, the changes sent
    again = usb / "b.zip"
    assert main(["export", str(pkg), str(again)]) == errors.OK
    said = capsys.readouterr().out
    assert "was cut short" in said and f"its unfinished file {part} was removed" in said, said
    assert f"未写完的文件 {part} 已删除" in said, said
    assert f"{again}: 3 changes" in said, said
    assert sorted(p.name for p in usb.iterdir()) == ["b.zip"]
    assert main(["status", str(pkg)]) == errors.OK  # said once settled: no more
    assert "cut short" not in capsys.readouterr().out


def test_with_the_stick_out_the_unfinished_file_is_named_to_delete(killed, tmp_path, capsys):
    pkg, usb, out = killed
    usb.rename(tmp_path / "put away")  # the USB stick pulled out
    capsys.readouterr()
    assert main(["status", str(pkg)]) == errors.OK
    said = capsys.readouterr().out
    assert "was cut short" in said
    assert f"if {out}.part is on the USB stick, delete it: it is no change package" in said
    assert main(["export", str(pkg), str(tmp_path / "b.zip")]) == errors.OK
    said = capsys.readouterr().out
    assert "was cut short" in said and f"if {out}.part is on the USB stick, delete it" in said
    assert f"{tmp_path / 'b.zip'}: 3 changes" in said, said


def test_an_export_refused_for_its_place_still_says_the_one_cut_short(killed, tmp_path,
                                                                      capsys):
    """The next export refused before it begins (its folder gone: another stick pulled out)
    says the export cut short and removes what it left, as one failing as it writes does."""
    pkg, usb, out = killed
    gone = tmp_path / "stick" / "b.zip"
    capsys.readouterr()
    assert main(["export", str(pkg), str(gone)]) == errors.BAD_INPUT
    got = capsys.readouterr()
    assert "was cut short" in got.out and f"its unfinished file {out}.part was removed" in \
        got.out, got.out
    assert f"cannot write {gone}: its folder {gone.parent} does not exist" in got.err, got.err
    assert list(usb.iterdir()) == []
    assert main(["status", str(pkg)]) == errors.OK  # said once settled: no more
    assert "cut short" not in capsys.readouterr().out
