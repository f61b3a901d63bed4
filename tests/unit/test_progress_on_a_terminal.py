# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout, an export or a merge run at a terminal shows how far it got on stderr, one
line written over in place up to 100%, in the command line's language; stopped, the line is
ended and the stop said below it. Where stderr is no terminal (a script, a log) nothing more
is written, nor with --no-progress."""

from __future__ import annotations

import contextlib
import io
import os
import re
import select
import sys
import time

import pytest

from field_kit import errors
from field_kit.cli import progress_line
from field_kit.cli.commands import main
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import edit, make_gdal_layer, make_gpkg, sha256_file


@contextlib.contextmanager
def stderr_on_a_terminal():
    """sys.stderr written to a pseudo-terminal; yields a list that holds, once through,
    what the terminal received."""
    master_fd, slave_fd = os.openpty()
    stream = io.TextIOWrapper(os.fdopen(slave_fd, "wb", buffering=0), encoding="utf-8",
                              write_through=True)
    assert stream.isatty()
    before = sys.stderr
    sys.stderr = stream
    got: list[str] = []
    try:
        yield got
    finally:
        sys.stderr = before
        stream.close()
        received = b""
        while select.select([master_fd], [], [], 0.2)[0]:
            try:
                chunk = os.read(master_fd, 65536)
            except OSError:  # (the other end closed: all read)
                break
            if not chunk:
                break
            received += chunk
        os.close(master_fd)
        got.append(received.decode("utf-8").replace("\r\n", "\n"))


def run_at_terminal(*argv) -> tuple[int, str]:
    with stderr_on_a_terminal() as got:
        code = main([str(a) for a in argv])
    return code, got[0]


def run_on_a_pipe(*argv) -> tuple[int, str]:
    read_fd, write_fd = os.pipe()
    before = sys.stderr
    sys.stderr = stream = open(write_fd, "w", encoding="utf-8")  # noqa: SIM115
    try:
        code = main([str(a) for a in argv])
    finally:
        sys.stderr = before
        stream.close()
    with open(read_fd, encoding="utf-8") as pipe:
        return code, pipe.read()


def lines(said: str) -> list[str]:
    """Each line as the terminal leaves it shown: what a \\r wrote over, gone."""
    return [line.split("\r")[-1] for line in said.split("\n")]


@pytest.fixture
def master(tmp_path):
    return make_gpkg(tmp_path / "master.gpkg", patches=20, verifications=6)


def test_a_checkout_at_a_terminal_shows_how_far_it_got(master, tmp_path, capsys):
    code, said = run_at_terminal("checkout", master, tmp_path / "tab-a.gpkg",
                                 "--device", "tab-a")
    assert code == errors.OK, said
    assert re.search(r"\rcheckout: \d+%", said), said
    assert lines(said) == ["checkout: 100%", ""], said  # ended, once through
    assert "field package" in capsys.readouterr().out  # (what it did: on stdout as before)
    # a script's stderr, a pipe: nothing of it
    code, said = run_on_a_pipe("checkout", master, tmp_path / "tab-b.gpkg", "--device",
                               "tab-b")
    assert code == errors.OK, said
    assert said == ""


def test_no_progress_shows_none(master, tmp_path):
    code, said = run_at_terminal("checkout", master, tmp_path / "tab-a.gpkg",
                                 "--device", "tab-a", "--no-progress")
    assert code == errors.OK, said
    assert said == ""


def test_a_qfield_checkout_at_a_terminal_in_chinese(master, tmp_path, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    code, said = run_at_terminal("checkout", master, tmp_path / "tab-q", "--device",
                                 "tab-q", "--for", "qfield")
    assert code == errors.OK, said
    assert lines(said) == ["签出：100%", ""], said


def test_an_export_and_a_merge_at_a_terminal(master, tmp_path, capsys):
    pkg = tmp_path / "tab-a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET phase = 'p' || fid WHERE fid <= 5")
    code, said = run_at_terminal("export", pkg, tmp_path / "a.zip")
    assert code == errors.OK, said
    assert lines(said) == ["export: 100%", ""], said
    code, said = run_at_terminal("merge", master, tmp_path / "a.zip")
    assert code == errors.OK, said
    assert re.search(r"\rmerge: \d+%", said), said
    # (this master has no code lists: the warning that says so comes after the progress,
    # on a line of its own)
    assert lines(said) == ["merge: 100%", "field-kit: warning: mine_patches: the values merged "
                           "into phase could not be checked against their code lists: the "
                           "master has no table code_lists; merged as given: check them",
                           ""], said


def test_a_checkout_stopped_at_a_terminal_says_so_below_its_line(master, tmp_path,
                                                                   monkeypatch):
    def stopped(*args, **kwargs):
        raise KeyboardInterrupt()
    package_checkout.checkout(master, tmp_path / "tab-0.gpkg", "tab-0")  # (the master's id given)
    monkeypatch.setattr(package_checkout.repair, "write_baseline", stopped)  # (once copied)
    before = sha256_file(master)
    out = tmp_path / "tab-a.gpkg"
    code, said = run_at_terminal("checkout", master, out, "--device", "tab-a")
    assert code == errors.INTERRUPTED, said
    shown = lines(said)
    assert re.fullmatch(r"checkout: \d+%", shown[0]) and shown[0] != "checkout: 100%", said
    assert shown[1].startswith("field-kit: interrupted (Ctrl-C)") and shown[2:] == [""], said
    # (what a checkout stopped leaves, as before: nothing)
    assert not out.exists() and not os.path.exists(f"{out}.part")
    assert sha256_file(master) == before


def test_what_is_said_meanwhile_comes_below_the_line(master, tmp_path, monkeypatch):
    from field_kit.sync.postgis import waiting
    write_baseline = package_checkout.repair.write_baseline

    def held(*args, **kwargs):
        waiting.on_wait("waiting for another session's lock")
        return write_baseline(*args, **kwargs)
    monkeypatch.setattr(package_checkout.repair, "write_baseline", held)
    code, said = run_at_terminal("checkout", master, tmp_path / "tab-a.gpkg",
                                 "--device", "tab-a")
    assert code == errors.OK, said
    shown = lines(said)
    assert re.fullmatch(r"checkout: \d+%", shown[0]), said
    assert shown[1:] == ["field-kit: waiting for another session's lock", "checkout: 100%",
                         ""], said


def test_a_long_checkout_is_shown_a_few_times_a_second(tmp_path):
    big = make_gdal_layer(tmp_path / "county.gpkg", 25_000)
    assert main(["init", big]) == errors.OK
    started = time.monotonic()
    code, said = run_at_terminal("checkout", big, tmp_path / "tab-a.gpkg", "--device", "tab-a")
    took = time.monotonic() - started
    assert code == errors.OK, said
    shown = re.findall(r"\rcheckout: (\d+)%", said)
    assert shown[-1] == "100" and lines(said) == ["checkout: 100%", ""], said
    assert len(shown) <= took / progress_line.INTERVAL + 2, (took, shown)
    assert [int(p) for p in shown] == sorted(int(p) for p in shown), shown
