# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master restored from a backup made before a merge that GIS staff later
undid: the device's package pulled the undo, and its ``export --all`` merged into the
restored master keeps the undone changes out, refused by name, as a GeoPackage master's
merge does."""

from __future__ import annotations

import json

from field_kit import errors
from tests.postgis.cluster import query
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli

MINE = "SELECT measured_area_m2, notes FROM patch_verifications WHERE verifier = '赵刚' " \
       "ORDER BY 1"
LAST_MERGE = "SELECT merge_id FROM sync_merges ORDER BY at DESC, merge_id DESC LIMIT 1"


def _sent(capsys, zhao, master, zip_path) -> None:
    assert cli(capsys, "export", zhao, zip_path)[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, zip_path)
    assert code == errors.OK, out + err
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK


def test_an_undo_lost_in_the_restore_is_kept_out(cluster, plan_database, tmp_path, capsys):
    master, zhao = plan_database, tmp_path / "zhao.gpkg"
    db = dict(p.split("=", 1) for p in master.split())["dbname"]
    assert cli(capsys, "checkout", master, zhao, "--device", "tab-zhao", "--township",
               "伊拉湖镇")[0] == errors.OK
    restored._verify(zhao, 3000, "2026-05-20")
    _sent(capsys, zhao, master, tmp_path / "zhao-01.zip")
    cluster.sql(f"CREATE DATABASE {db}_backup TEMPLATE {db}")  # the backup, made then
    restored._verify(zhao, 3200, "2026-10-05")
    _sent(capsys, zhao, master, tmp_path / "zhao-02.zip")
    (merge_id,), = query(master, LAST_MERGE)
    assert cli(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK  # (the undo brought)
    # the hard day: the master restored from that backup
    cluster.sql(f"DROP DATABASE {db} WITH (FORCE)")
    cluster.sql(f"CREATE DATABASE {db} TEMPLATE {db}_backup")
    cluster.sql(f"DROP DATABASE {db}_backup")
    assert cli(capsys, "pull", zhao, master)[0] == errors.REFUSED
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip")
    assert code == errors.REFUSED, out + err
    assert query(master, MINE) == [(3000.0, "field")]
    assert "applied 0, already applied 1, conflicts 0, refused 1" in out, out
    assert f"undone on the master before it was restored (merge {merge_id}, undone " in out
    # one warning: the restore, with the undo it lost, and how the rest was merged
    warned = [x for x in err.splitlines() if x.startswith("field-kit: warning: ")]
    assert len(warned) == 1, err
    said = warned[0][len("field-kit: warning: "):]
    assert said.startswith("ALL.zip from tab-zhao: the package was last brought up to a master "
                           "this one is not: this master was restored from a backup or is "
                           "another copy (the master's log ends at "), said
    assert (f"a change this master never had); undone on the master before it was restored: "
            f"1 change, tab-zhao, merge {merge_id} (undone ") in said, said
    assert ("the device's values stay in ALL.zip: enter them again if they are wanted after "
            "all; otherwise its changes were merged field by field against the values they "
            "replaced, as always") in said, said
    # merged again, --json says the same, one message
    code, out, _ = cli(capsys, "merge", master, tmp_path / "ALL.zip", "--json")
    assert code == errors.REFUSED, out
    assert json.loads(out)["other_master"] == [said], out
