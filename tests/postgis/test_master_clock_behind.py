# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master merged into from a computer whose clock reads before the master's last
merge: ``merge`` and ``status`` say so, as for a GeoPackage master."""

import json
import shutil

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit


def run(*argv) -> int:
    return main([str(a) for a in argv])


def test_merge_and_status_say_this_computers_clock_behind(cluster, database, plan_gpkg,
                                                          tmp_path, capsys):
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    master = cluster.address(query(database, "SELECT current_database()")[0][0])
    assert run("init", master, "--from", src) == errors.OK
    pkg = tmp_path / "g.gpkg"
    assert run("checkout", master, pkg, "--device", "gis-1", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE restoration_projects SET name_en = 'one' WHERE fid = 1")
    assert run("export", pkg, tmp_path / "g1.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "g1.zip") == errors.OK
    assert "clock" not in capsys.readouterr().err
    query(database, "UPDATE sync_merges SET at = '2031-06-01T10:00:00.000Z'")
    assert run("status", master, "--json") == errors.OK
    (said,) = json.loads(capsys.readouterr().out)["clock"]
    assert said.startswith("this computer's clock reads "), said
    edit(pkg, "UPDATE restoration_projects SET name_en = 'two' WHERE fid = 1")
    assert run("export", pkg, tmp_path / "g2.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "g2.zip") == errors.OK
    assert "before the master's last merge" in capsys.readouterr().err
