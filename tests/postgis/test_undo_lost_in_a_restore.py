# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master restored from a backup made before a merge that GIS staff later
undid: the device's package pulled the undo, and its ``export --all`` merged into the
restored master keeps the undone changes out, refused by name, as a GeoPackage master's
merge does; restored from a backup made after the merge, the master holds it still, and the
merge says to undo it again by a command that names the master as it is typed."""

from __future__ import annotations

import json
import shlex

from field_kit import errors
from field_kit.db import in_command
from field_kit.messages_zh import chinese
from tests.postgis.cluster import query
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)

MINE = "SELECT measured_area_m2, notes FROM patch_verifications WHERE verifier = '赵刚' " \
       "ORDER BY 1"
LAST_MERGE = "SELECT merge_id FROM sync_merges ORDER BY at DESC, merge_id DESC LIMIT 1"


def _sent(capsys, zhao, master, zip_path) -> None:
    assert cli(capsys, "export", zhao, zip_path)[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, zip_path)
    assert code == errors.OK, out + err
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK


def _restored_after_the_undo(cluster, master, tmp_path, capsys, *, backup_after_merge: bool):
    """赵刚's two verifications merged, GIS staff undo the second's merge, his package pulls
    the undo; the master is then restored from a backup (``CREATE DATABASE ... TEMPLATE``)
    made before that merge, or after it (``backup_after_merge``): his package refused a pull,
    its ``export --all`` as ALL.zip, and the undone merge's id."""
    zhao = tmp_path / "zhao.gpkg"
    db = dict(p.split("=", 1) for p in master.split())["dbname"]
    assert cli(capsys, "checkout", master, zhao, "--device", "tab-zhao", "--township",
               "伊拉湖镇")[0] == errors.OK
    restored._verify(zhao, 3000, "2026-05-20")
    _sent(capsys, zhao, master, tmp_path / "zhao-01.zip")
    if not backup_after_merge:
        cluster.sql(f"CREATE DATABASE {db}_backup TEMPLATE {db}")  # the backup, made then
    restored._verify(zhao, 3200, "2026-10-05")
    _sent(capsys, zhao, master, tmp_path / "zhao-02.zip")
    if backup_after_merge:
        cluster.sql(f"CREATE DATABASE {db}_backup TEMPLATE {db}")
    (merge_id,), = query(master, LAST_MERGE)
    assert cli(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK  # (the undo brought)
    # the hard day: the master restored from that backup
    cluster.sql(f"DROP DATABASE {db} WITH (FORCE)")
    cluster.sql(f"CREATE DATABASE {db} TEMPLATE {db}_backup")
    cluster.sql(f"DROP DATABASE {db}_backup")
    assert cli(capsys, "pull", zhao, master)[0] == errors.REFUSED
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    return merge_id


def test_an_undo_lost_in_the_restore_is_kept_out(cluster, plan_database, tmp_path, capsys):
    master = plan_database
    merge_id = _restored_after_the_undo(cluster, master, tmp_path, capsys,
                                        backup_after_merge=False)
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


def test_a_merge_the_restored_master_holds_still_is_named_to_undo_again(
        cluster, plan_database, tmp_path, capsys, chinese_locale):  # noqa: F811
    """The backup was made after the merge, before GIS staff undid it: the restored master
    holds the merge still, and the merge of the device's ``export --all`` says to undo it
    again, in English and Chinese, as on a GeoPackage master."""
    master = plan_database
    merge_id = _restored_after_the_undo(cluster, master, tmp_path, capsys,
                                        backup_after_merge=True)
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip")
    assert code == errors.OK, out + err
    (said,) = [x[len("field-kit: warning: "):] for x in err.splitlines()
               if x.startswith("field-kit: warning: ")]
    assert (f"a change this master never had); the master before the restore had undone merge "
            f"{merge_id} of tab-zhao (") in said, said
    typed = f"field-kit undo-merge {in_command(master)} {merge_id}"
    assert f"); this master holds it still: undo it again: {typed}; otherwise its changes " \
           "were merged field by field" in said, said
    assert f"field-kit: 注意：{chinese(said)}" in err
    assert (f"；恢复之前的主库已撤销设备 tab-zhao 的合并 {merge_id}（") in chinese(said)
    assert f"此主库仍保留该合并：请再次撤销：{typed}；" in chinese(said)
    # the command as said, run as typed, undoes it
    assert cli(capsys, *shlex.split(typed)[1:])[0] == errors.OK
    assert query(master, MINE) == [(3000.0, "field")]
