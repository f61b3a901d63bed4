# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project whose package was copied through ogr2ogr (the layers kept, the sync
tables dropped): the commands say what happened, how many records it holds that the
project's zip lacks, and the way to send them, which works as said."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import uuid as uuidlib
import zipfile

import pytest

from field_kit.cli import commands as cli
from field_kit.plan.geometry import register_functions
from field_kit.qfield import checkout
from field_kit.sync import merge

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def _verification(gpkg: str, uuid: str | None, note: str) -> None:
    """A verification as QField writes it (no uuid where no trigger gives one)."""
    conn = sqlite3.connect(gpkg)
    register_functions(conn)
    patch = conn.execute("SELECT uuid, patch_code FROM mine_patches LIMIT 1").fetchone()
    conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, patch_class, "
                 "remediation_status, verifier, verified_on, notes) VALUES (?, ?, ?, '10', "
                 "'B', 'phone2', '2026-12-02', ?)", (uuid, *patch, note))
    conn.commit()
    conn.close()


def _copied_through_ogr2ogr(master, folder, before: str | None = None) -> str:
    """A QField project checked out into ``folder`` whose package was then copied through
    ogr2ogr (``before``: a verification's notes made first); the package's path."""
    project = checkout(master, folder, "phone2", township="托克逊镇")
    gpkg = os.path.join(project["folder"], "package.gpkg")
    if before is not None:
        _verification(gpkg, str(uuidlib.uuid4()), before)
    subprocess.run(["ogr2ogr", "-f", "GPKG", "copy.gpkg", gpkg], check=True,
                   capture_output=True)
    os.replace("copy.gpkg", gpkg)
    return gpkg


def _sent_as_said(master, command: str, folder: str):
    """Do as the message says: the project unzipped again beside the copied one, the
    ``command`` said run as a shell would, the photos copied over; then export and merge.
    The merge's report."""
    os.rename(folder, f"{folder}-copied")
    with zipfile.ZipFile(f"{folder}.zip") as zf:
        zf.extractall(folder)
    subprocess.run(shlex.split(command), check=True, capture_output=True)
    shutil.copytree(f"{folder}-copied/DCIM", f"{folder}/DCIM", dirs_exist_ok=True)
    assert cli.main(["export", folder, "a.zip"]) == 0
    return merge.merge(master, ["a.zip"])


def test_a_package_copied_through_ogr2ogr_is_named_with_its_records_and_a_way_to_send_them(
        master, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    gpkg = _copied_through_ogr2ogr(master, tmp_path / "qf", "made before the copy")
    _verification(gpkg, None, "made after the copy")
    capsys.readouterr()
    said = []
    for argv in (["status", "qf"], ["export", "qf", "a.zip"], ["repair", "qf"],
                 ["export", "qf/package.gpkg", "a.zip"]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert "neither a master nor a field package" not in err, err
        assert "qf/package.gpkg, the package of the QField project " in err, err
        assert "has lost its change capture" in err, err
        assert "ogr2ogr" in err and "qf.zip lacks: patch_verifications 2: " in err, err
        said.append(err)
    # as the message says
    command = said[0].split("add them there with ")[1].split(" (each is")[0]
    assert command == ("ogr2ogr -append -update -skipfailures qf/package.gpkg "
                       "qf-copied/package.gpkg patch_verifications")
    rep = _sent_as_said(master, command, "qf")
    assert not rep.refused and rep.totals["conflict"] == 0 and rep.totals["refused"] == 0
    with sqlite3.connect(master) as conn:
        notes = {n for (n,) in conn.execute("SELECT notes FROM patch_verifications WHERE "
                                            "verifier = 'phone2'")}
    assert notes == {"made before the copy", "made after the copy"}


def test_without_the_zip_a_new_checkout_is_the_way_and_chinese_says_it(
        master, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copied_through_ogr2ogr(master, tmp_path / "qf")
    os.remove("qf.zip")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    capsys.readouterr()
    assert cli.main(["status", "qf"]) == 2
    err = capsys.readouterr().err
    assert "已丢失变更记录" in err and "field-kit checkout 主库 OUT" in err, err
    assert "ogr2ogr -append -update -skipfailures OUT/package.gpkg qf/package.gpkg" in err


def test_the_way_said_for_a_folder_named_with_a_space_runs_as_copied(
        master, tmp_path, capsys, monkeypatch):
    """The project's folder named with a space (as a county names its folders): the
    ogr2ogr command the message says, copied into a shell, runs and sends the records."""
    monkeypatch.chdir(tmp_path)
    gpkg = _copied_through_ogr2ogr(master, tmp_path / "qf 2")
    _verification(gpkg, None, "made after the copy")
    capsys.readouterr()
    assert cli.main(["export", "qf 2", "a.zip"]) == 2
    err = capsys.readouterr().err
    command = err.split("add them there with ")[1].split(" (each is")[0]
    assert _sent_as_said(master, command, "qf 2").totals["applied"] >= 1
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT notes FROM patch_verifications WHERE verifier = "
                            "'phone2'").fetchall() == [("made after the copy",)]


def test_without_the_zip_the_command_names_a_folder_with_a_space_whole(
        master, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copied_through_ogr2ogr(master, tmp_path / "qf 2")
    os.remove("qf 2.zip")
    capsys.readouterr()
    assert cli.main(["status", "qf 2"]) == 2
    err = capsys.readouterr().err
    assert "ogr2ogr -append -update -skipfailures OUT/package.gpkg 'qf 2/package.gpkg' " \
        "patch_verifications" in err, err
