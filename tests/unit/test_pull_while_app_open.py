# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull into a package the field app has open in another process is refused, nothing
pulled: the app's open form keeps the values it read, and its next save would write them
back over the master's with no conflict. The app's own Update (its own process) pulls."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.package_lock import PackageLock
from field_kit.qfield import project_folder
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_cli import fk

ROOT = Path(__file__).resolve().parents[2]
HOLD = ("import sys, time\nfrom field_kit.package_lock import PackageLock\n"
        "PackageLock(sys.argv[1]).acquire()\nprint('held', flush=True)\ntime.sleep(300)\n")


@pytest.fixture()
def master_and_package(tmp_path):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    edit(master, "UPDATE patch_verifications SET notes = 'supervisor note'")
    return master, pkg


def _notes(pkg) -> str:
    return sqlite3.connect(pkg).execute("SELECT notes FROM patch_verifications").fetchone()[0]


def test_a_pull_into_a_package_open_in_the_app_is_refused(master_and_package, capsys,
                                                          monkeypatch):
    master, pkg = master_and_package
    before = _notes(pkg)
    app = subprocess.Popen([sys.executable, "-c", HOLD, str(pkg)], stdout=subprocess.PIPE,
                           text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert app.stdout.readline().strip() == "held"
        capsys.readouterr()
        assert fk("pull", pkg, master) == errors.BUSY
        said = capsys.readouterr().err
        assert f"{pkg} is open in the field app (process {app.pid} on computer" in said, said
        assert "nothing was pulled: close the app first, or pull with the app's Update " \
            "button" in said, said
        assert _notes(pkg) == before != "supervisor note"
        monkeypatch.setenv("FIELD_KIT_LANG", "zh")
        assert fk("pull", pkg, master) == errors.BUSY
        said = capsys.readouterr().err
        assert f"数据包 {pkg} 已在野外核查程序中打开（进程 {app.pid}，计算机" in said, said
        assert "未拉取任何内容：请先关闭该程序，或用程序中的“拉取更新”按钮拉取" in said, said
    finally:
        app.kill()
        app.wait()
    monkeypatch.delenv("FIELD_KIT_LANG")
    assert fk("pull", pkg, master) == errors.OK  # the app closed (its lock left behind)
    assert _notes(pkg) == "supervisor note"


def test_the_apps_own_update_pulls_while_it_holds_the_package(master_and_package):
    master, pkg = master_and_package
    lock = PackageLock(pkg)
    lock.acquire()
    try:
        project_folder.pull(pkg, master)
    finally:
        lock.release()
    assert _notes(pkg) == "supervisor note"


def test_a_pull_refused_over_another_computers_lock_says_which_file_to_delete(
        master_and_package, capsys, monkeypatch):
    """A package on a shared folder held by the app on another computer: that process
    cannot be checked from here, so the refusal says which lock file to delete if that
    computer no longer runs the app."""
    master, pkg = master_and_package
    lock = Path(f"{pkg}.lock")
    lock.write_text(json.dumps({"pid": 4321, "host": "field-laptop-2",
                                "since": "2026-12-03T02:00:00+00:00"}), encoding="utf-8")
    capsys.readouterr()
    assert fk("pull", pkg, master) == errors.BUSY
    said = capsys.readouterr().err
    assert "(process 4321 on computer field-laptop-2, since " in said and \
        f"; if computer field-laptop-2 no longer runs the app, delete the lock file {lock}" \
        in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert fk("pull", pkg, master) == errors.BUSY
    said = capsys.readouterr().err
    assert f"；如果计算机 field-laptop-2 上已不再运行本程序，请删除锁文件 {lock}" in said, said
    lock.unlink()  # as it says
    monkeypatch.delenv("FIELD_KIT_LANG")
    assert fk("pull", pkg, master) == errors.OK
