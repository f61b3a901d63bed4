# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit the master refused, sent again by the pull, as the technician and
GIS staff meet it with the command line on a plain GeoPackage master: a new row mended after
the pull goes through as mended with the next export; an edit sent again once its column is
granted meets the master's value, not one the master never held."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from field_kit import errors
from tests.unit.cli_run import cli, cli_said, log_json, sent
from tests.unit.gpkg_factory import edit
from tests.unit.gpkg_factory import rows as value

LAYER = "水井"




@pytest.fixture
def plain(tmp_path, plan_gpkg, capsys):
    """A plain GeoPackage master (the plan's, init) and a technician's package of it."""
    master = tmp_path / "master.gpkg"
    shutil.copyfile(plan_gpkg, master)
    assert cli(capsys, "init", master)[0] == errors.OK
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    return master, pkg


def test_a_new_row_refused_then_mended_goes_through_with_the_next_export(plain, tmp_path,
                                                                         capsys):
    """Mended in two steps after the pull (another value off the list, then one on it):
    the first export after that merges the row as it stands, with no conflict, and the
    package has nothing more to send."""
    master, pkg = plain
    project = value(pkg, "SELECT uuid, project_id FROM restoration_projects LIMIT 1")[0]
    edit(pkg, "INSERT INTO project_inspections (project_uuid, project_id, rating, notes) "
              "VALUES (?, ?, '5', '渠道渗漏')", *project)
    code, out = sent(capsys, pkg, master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "rating: '5' is not in the code list" in out, out
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "mend it, then export: it is sent again" in out, out
    edit(pkg, "UPDATE project_inspections SET rating = '7'")
    edit(pkg, "UPDATE project_inspections SET rating = '3'")
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.OK and "refused 0" in out and "conflicts 0" in out, out
    assert value(master, "SELECT rating, notes FROM project_inspections") == [("3", "渠道渗漏")]
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "were refused" not in out, out
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out, out
    # the package's log keeps the row as it went: the new row sent again holds the mend
    code, text, _ = cli(capsys, "log", pkg, "--json")
    inserts = [c["new"]["rating"] for c in log_json(text)["changes"]
               if c["op"] == "insert" and c["tbl"] == "project_inspections"]
    assert sorted(inserts) == ["3", "5"], inserts


def county_layer(master, tmp_path) -> None:
    """A county's own layer of wells, as ogr2ogr adds it to the master before init."""
    src = tmp_path / "wells.csv"
    src.write_text('WKT,name,depth\n"POINT (88.1 42.5)",w1,10\n"POINT (88.2 42.5)",w2,12\n')
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", str(master), str(src), "-nln", LAYER,
                    "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo",
                    "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4490", "-lco",
                    "GEOMETRY_NAME=geom"], check=True, capture_output=True)


@pytest.fixture
def wells(tmp_path, plan_gpkg, capsys):
    """A plain master with the county's wells, of which technicians may change nothing,
    and a technician's package of it whose edits of well w1 (renamed w1b, then w1c with its
    shape emptied) the master refused."""
    if shutil.which("ogr2ogr") is None:
        pytest.skip("needs ogr2ogr")
    master = tmp_path / "master.gpkg"
    shutil.copyfile(plan_gpkg, master)
    county_layer(master, tmp_path)
    assert cli(capsys, "init", master)[0] == errors.OK
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    edit(pkg, f'UPDATE "{LAYER}" SET name = \'w1b\' WHERE name = \'w1\'')
    edit(pkg, f'UPDATE "{LAYER}" SET name = \'w1c\', geom = NULL WHERE name = \'w1b\'')
    code, out = sent(capsys, pkg, master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "refused 2" in out, out
    return master, pkg


def granted_and_pulled(capsys, master, pkg, name="w1", clash=False) -> None:
    """The technicians granted the name of the wells; the package pulled (``clash``: the
    master's name of the well met the package's, which it keeps)."""
    edit(master, f"INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', '{LAYER}', "
                 "'name')")
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == (errors.CONFLICTS if clash else errors.OK), out
    assert "technician may now change 水井.name" in out, out
    assert f"your edit of {LAYER} {name} (geom, name) was refused: a technician may not " \
           "move features" in out and "what the package still holds of it (name) is sent " \
           "again with the next export" in out, out


def test_an_edit_sent_again_once_its_column_is_granted_meets_the_masters_value(
        wells, tmp_path, capsys):
    """The master never held w1b: the name sent again goes from w1, which it holds, to
    w1c, with no conflict; the shape stays the master's."""
    master, pkg = wells
    granted_and_pulled(capsys, master, pkg)
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.OK and "conflicts 0" in out and "refused 0" in out, out
    assert value(master, f'SELECT name, geom IS NOT NULL FROM "{LAYER}" ORDER BY name') == [
        ("w1c", 1), ("w2", 1)]
    code, out = cli_said(capsys, "conflicts", master)
    assert code == errors.OK and "w1b" not in out, out


def test_an_edit_sent_again_still_meets_what_gis_staff_wrote_meanwhile(wells, tmp_path,
                                                                       capsys):
    """The value the technician's edits started from is their ancestor: GIS staff's rename
    of the well meanwhile is a conflict, never written over unseen."""
    master, pkg = wells
    edit(master, f'UPDATE "{LAYER}" SET name = \'w1-东\' WHERE name = \'w1\'')
    granted_and_pulled(capsys, master, pkg, "w1-东", clash=True)
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.CONFLICTS and "conflicts 1" in out, out
    code, text, _ = cli(capsys, "conflicts", master, "--json")
    got = [(c["ancestor"], c["ours"], c["theirs"]) for c in json.loads(text)]
    assert got == [("w1", "w1-东", "w1c")], got
