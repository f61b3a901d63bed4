# SPDX-License-Identifier: GPL-2.0-or-later
"""A command whose GeoPackage another program holds (an edit session in QGIS not saved, a
sqlite3 shell in a transaction) says, once it has waited a moment, that it waits and how much
longer at most, in English and in Chinese: it goes on if the file is let go meanwhile, and
says the file in use when it is not. Never a silent wait."""

import subprocess
import sys

import pytest

from field_kit import db
from field_kit.cli import commands
from field_kit.errors import BUSY
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import make_gpkg

# Holds the file in a transaction begun as argv[2] until a line comes in on its stdin.
HOLDER = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
          "c.execute(sys.argv[2]); c.execute('SELECT count(*) FROM gpkg_contents').fetchone(); "
          "print('held', flush=True); sys.stdin.readline(); c.execute('ROLLBACK'); c.close(); "
          "print('let go', flush=True)")


def _held(path, begin: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), begin],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def _let_go(holder: subprocess.Popen) -> None:
    """The holder's transaction ended (once, however often asked)."""
    if holder.stdin.closed:
        return
    holder.stdin.write("go\n")
    holder.stdin.close()
    assert holder.stdout.readline().strip() == "let go"
    holder.wait()
    holder.stdout.close()


@pytest.fixture()
def package(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg")
    package_checkout.checkout(master, tmp_path / "t1.gpkg", "t1")
    return tmp_path / "t1.gpkg"


@pytest.mark.parametrize("begin", ["BEGIN EXCLUSIVE", "BEGIN IMMEDIATE"])
def test_a_file_let_go_while_the_command_waits_goes_on(package, begin, capsys, monkeypatch):
    """status (a read, held off by an exclusive lock) and export (a write, by any other
    writer): the file let go once the command has said it waits, the command goes on."""
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    holder = _held(package, begin)
    said_wait = commands._waiting

    def waiting(text: str) -> None:  # the holder lets go once the wait is said
        said_wait(text)
        _let_go(holder)
    monkeypatch.setattr(commands, "_waiting", waiting)
    try:
        argv = ["status", str(package)] if begin == "BEGIN EXCLUSIVE" else \
            ["export", str(package), str(package.with_name("t1.zip"))]
        code = commands.main(argv)
    finally:
        _let_go(holder)
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.splitlines()[:2] == [
        f"field-kit: {package} is in use by another program: waiting up to 9 s more for it",
        f"field-kit: {package} 正被其他程序占用：最多再等待 9 秒"], err


def test_a_file_held_throughout_is_said_waited_for_then_in_use(package, capsys, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 2500)
    holder = _held(package, "BEGIN EXCLUSIVE")
    try:
        code = commands.main(["status", str(package)])
    finally:
        _let_go(holder)
    lines = capsys.readouterr().err.splitlines()
    assert code == BUSY
    assert lines[0] == (f"field-kit: {package} is in use by another program: waiting up to "
                        "1.5 s more for it"), lines
    assert lines[1].startswith(f"field-kit: {package} is in use by another program (an edit "
                               "session in QGIS"), lines
    assert len(lines) == 2, lines


def test_a_file_nobody_holds_says_no_wait(package, capsys):
    assert commands.main(["status", str(package)]) == 0
    assert "waiting" not in capsys.readouterr().err
