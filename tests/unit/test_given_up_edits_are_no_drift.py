# SPDX-License-Identifier: GPL-2.0-or-later
"""A GIS package's edits of a layer the master dropped since its checkout, refused by the
merge and given up by the pull, are held by the package as it wrote them (the master has no
layer to give its values back): a later schema change in the package (another layer
dropped) has the drift check compare its rows with their record, which must not take those
edits for changes made outside capture, nor repair log them again to be refused again."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import make_gpkg, rows
from tests.unit.test_layer_rewritten_in_master import ogr
from tests.unit.test_undo_after_a_layer_dropped import WELLS, ogrsql

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

HELD = "SELECT name, flow FROM 泉眼 ORDER BY name"


def given_up(tmp_path, capsys, copy=None) -> tuple:
    """A master with two layers of the county's own, 泉眼 and 水井, and a GIS package that
    deleted 泉2 and edited 泉1's flow; 泉眼 dropped from the master (copied first to
    ``copy``, where given), its edits refused by the merge and given up by the pull:
    (master, package)."""
    master, pkg = tmp_path / "m.gpkg", tmp_path / "g.gpkg"
    make_gpkg(master, patches=2)
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    for layer in ("泉眼", "水井"):
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(master),
                        str(tmp_path / "w.geojson"), "-nln", layer], check=True,
                       capture_output=True)
    assert cli_said(capsys, "status", master)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    ogrsql(pkg, "DELETE FROM 泉眼 WHERE name = '泉2'")
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉1'")
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    if copy is not None:
        ogr("-f", "GPKG", copy, master, "泉眼")
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.REFUSED and "refused 2" in said, said
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "your delete of 泉眼 泉2 was refused" in said and "it is not sent again" in said, said
    return master, pkg


def test_edits_given_up_are_not_changes_outside_capture(tmp_path, capsys):
    master, pkg = given_up(tmp_path, capsys)
    ogrsql(pkg, "DROP TABLE 水井")  # (a layer of no edit)
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.CAPTURE_BROKEN and "水井: table gone" in said, said
    assert "泉眼" not in said, said
    code, said = cli_said(capsys, "repair", pkg)
    assert code == errors.OK, said
    assert "recovered" not in said and "cannot vouch" not in said, said
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "泉眼" not in said, said
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g2.zip")
    assert code == errors.OK and "nothing to export" in said, said


def test_edits_given_up_of_a_layer_added_back_are_not_replayed(tmp_path, capsys):
    """The layer added back to the master (from a copy keeping its uuids) comes to the
    package whole at the next pull, 泉2 with it, its record written anew: the edits given up
    before are no changes of it outside capture either."""
    copy = tmp_path / "copy.gpkg"
    master, pkg = given_up(tmp_path, capsys, copy)
    ogr("-f", "GPKG", "-update", master, copy, "-nln", "泉眼")
    code, said = cli_said(capsys, "status", master)
    assert code == errors.OK and "tracked by the next: 泉眼" in said, said
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert rows(pkg, HELD) == rows(master, HELD) == [("泉1", 1.5), ("泉2", 2.5)]
    ogrsql(pkg, "DROP TABLE 水井")
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.CAPTURE_BROKEN and "泉眼" not in said, said
