# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull that changes the grants of a QField project's role writes its project file
again: QField locks and unlocks fields by the project, which kept the grants of the
checkout (a column granted since stayed locked; one taken back stayed editable, to be
refused at the merge)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile

import pytest

from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.messages_zh import chinese
from tests.unit.test_qfield import WELLS, _editable, _layer_of, add_wells


def _layer(folder, name: str):
    return _layer_of(ET.parse(folder / f"{name}.qgs").getroot(), WELLS)


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_pull_changing_the_grants_writes_the_project_again(master, tmp_path, capsys):
    add_wells(master, tmp_path)
    folder = tmp_path / "tech1"
    assert cli.main(["checkout", str(master), str(folder), "--device", "tech1", "--for",
                     "qfield"]) == 0
    assert _layer(folder, "tech1").get("readOnly") == "1"
    with connect(master) as conn:  # the supervisor gives technicians one column of it
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', ?, "
                     "'是否已修复')", (WELLS,))
    capsys.readouterr()
    assert cli.main(["pull", str(folder), str(master)]) == 0
    out = capsys.readouterr().out
    said = next(line for line in out.splitlines() if "tech1.qgs written again" in line)
    assert "未保留其副本" in chinese(said.strip()), chinese(said.strip())
    # the one it replaces, as the checkout wrote it, holds nothing of the user's: not kept
    assert "(the one it replaces was as the checkout or a pull wrote it, not changed in " \
        "QGIS: no copy of it kept)" in said, said
    assert not list(folder.glob("tech1.qgs.bak*"))
    layer = _layer(folder, "tech1")
    assert layer.get("readOnly") == "0"
    assert {k for k, v in _editable(layer).items() if v == "1"} == {"是否已修复"}
    with zipfile.ZipFile(f"{folder}.zip") as zf:  # the zip carries it to the phone
        assert zf.read("tech1.qgs") == (folder / "tech1.qgs").read_bytes()
    # taken back: locked again
    with connect(master) as conn:
        conn.execute("DELETE FROM sync_roles WHERE role = 'technician' AND tbl = ?", (WELLS,))
    assert cli.main(["pull", str(folder), str(master)]) == 0
    assert "tech1.qgs written again" in capsys.readouterr().out
    assert _layer(folder, "tech1").get("readOnly") == "1"
    assert not list(folder.glob("tech1.qgs.bak*"))  # (the pull's own: none kept)
    # a pull that changes nothing of it leaves the project file as it is
    before = (folder / "tech1.qgs").stat().st_mtime_ns
    assert cli.main(["pull", str(folder), str(master)]) == 0
    assert "written again:" not in capsys.readouterr().out
    assert (folder / "tech1.qgs").stat().st_mtime_ns == before


def _checked_out_and_changed_in_qgis(master, tmp_path):
    """A QField checkout whose project file a user changed in QGIS: (its folder, the text
    saved)."""
    add_wells(master, tmp_path)
    folder = tmp_path / "tech1"
    assert cli.main(["checkout", str(master), str(folder), "--device", "tech1", "--for",
                     "qfield"]) == 0
    edited = (folder / "tech1.qgs").read_text(encoding="utf-8").replace(
        "<projectlayers>", "<projectlayers><!-- a map theme of the user's -->")
    (folder / "tech1.qgs").write_text(edited, encoding="utf-8")
    return folder, edited


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_project_file_not_written_again_is_written_by_the_next_pull(master, tmp_path,
                                                                      capsys):
    """A project file the pull could not write is written by the next
    pull, though that one changes no grant; one a user changed in QGIS is kept beside it."""
    folder, edited = _checked_out_and_changed_in_qgis(master, tmp_path)
    capsys.readouterr()  # (an edited project file stops no export: the zip's is older)
    assert cli.main(["export", str(folder), str(tmp_path / "sent.zip")]) == 0, \
        capsys.readouterr()
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', ?, "
                     "'是否已修复')", (WELLS,))
    blocked = folder / "tech1.qgs.part"  # (the project file cannot be written there)
    blocked.mkdir()
    capsys.readouterr()
    cli.main(["pull", str(folder), str(master)])
    out, err = capsys.readouterr()
    blocked.rmdir()
    assert "could not be written again for the grants or layers the pull changed" in \
        out + err, out + err
    assert _layer(folder, "tech1").get("readOnly") == "1"  # (as it was)
    assert cli.main(["pull", str(folder), str(master)]) == 0
    out = capsys.readouterr().out
    assert "tech1.qgs written again" in out, out
    assert _layer(folder, "tech1").get("readOnly") == "0"
    assert (folder / "tech1.qgs.bak").read_text(encoding="utf-8") == edited
    assert cli.main(["pull", str(folder), str(master)]) == 0  # (then no more)
    assert "written again:" not in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_grant_of_a_column_there_is_not_changes_nothing_and_is_said(master, tmp_path,
                                                                      capsys):
    """A grant naming a column the table lacks grants nothing: the pull does not say it
    as a grant, nor unlock the layer in QField's project; it warns of it."""
    add_wells(master, tmp_path)
    folder = tmp_path / "tech1"
    assert cli.main(["checkout", str(master), str(folder), "--device", "tech1", "--for",
                     "qfield"]) == 0
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                     "'mine_patches', 'notes')")
    capsys.readouterr()
    assert cli.main(["pull", str(folder), str(master)]) == 0
    out, err = capsys.readouterr()
    assert "grants changed" not in out and "may now change" not in out, out
    assert "grant (technician, mine_patches, notes) in sync_roles names no column of " \
        "mine_patches; it grants nothing" in err, err
    root = ET.parse(folder / "tech1.qgs").getroot()
    assert _layer_of(root, "mine_patches", plan=True).get("readOnly") == "1"


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_project_kept_by_one_pull_is_not_written_over_by_the_next(master, tmp_path,
                                                                      capsys):
    """The user's project, kept by the pull that wrote it again, stays as it was when a
    second pull writes it again: the one that replaces, changed in QGIS again, is kept under
    a name of its own."""
    folder, edited = _checked_out_and_changed_in_qgis(master, tmp_path)
    for sql in ("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', ?, '是否已修复')",
                "DELETE FROM sync_roles WHERE role = 'technician' AND tbl = ?"):
        with connect(master) as conn:
            conn.execute(sql, (WELLS,))
        capsys.readouterr()
        assert cli.main(["pull", str(folder), str(master)]) == 0
        again = (folder / "tech1.qgs").read_text(encoding="utf-8").replace(
            "<projectlayers>", "<projectlayers><!-- another theme of the user's -->")
        (folder / "tech1.qgs").write_text(again, encoding="utf-8")
    said = next(line for line in capsys.readouterr().out.splitlines()
                if "tech1.qgs written again" in line)
    assert f"kept as {folder / 'tech1.qgs.bak.2'}:" in said, said
    assert (folder / "tech1.qgs.bak").read_text(encoding="utf-8") == edited
    assert "another theme" in (folder / "tech1.qgs.bak.2").read_text(encoding="utf-8")
    with zipfile.ZipFile(f"{folder}.zip") as zf:  # (kept here, not carried to the phone)
        assert not [n for n in zf.namelist() if ".bak" in n]
