# SPDX-License-Identifier: GPL-2.0-or-later
"""Two counties' masters in one database, a schema each (toksun and shanshan): what one
county does never waits on, nor is told of as, the other's."""

import threading
import time

import pytest

from field_kit.cli.commands import main
from field_kit.sync import package_export
from field_kit.sync.postgis import address
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids


@pytest.fixture
def counties(cluster, database, tmp_path):
    """(toksun's address, shanshan's, the rows both were published with)."""
    db = query(database, "SELECT current_database()")[0][0]
    other = cluster.address(db, schema="shanshan")
    src = make_gpkg(tmp_path / "src.gpkg", patches=6)
    for county in (database, other):
        assert main(["init", county, "--from", src]) == 0
    return database, other, patch_uuids(src)


def _exported(county, tmp_path, name: str, device: str, row: str) -> str:
    pkg = tmp_path / f"{name}.gpkg"
    assert main(["checkout", county, str(pkg), "--device", device, "--role", "gis"]) == 0
    edit(pkg, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", name, row)
    out = tmp_path / f"{name}.zip"
    package_export.export(pkg, out)
    return str(out)


def test_a_merge_waits_not_on_the_other_countys_device_of_the_same_name(counties, tmp_path):
    """Each county names its tablets tab-01, tab-02…: shanshan's merge of its tab-07,
    waiting on an editor of shanshan, held up toksun's merge of its own tab-07 (toksun's
    supervisor told it waited on shanshan's)."""
    toksun, shanshan, rows = counties
    ours = _exported(toksun, tmp_path, "toksun", "tab-07", rows[0])
    theirs = _exported(shanshan, tmp_path, "shanshan", "tab-07", rows[0])
    editor = address.connect(shanshan)  # an edit of shanshan's not committed yet
    with editor.cursor() as cur:
        cur.execute("SELECT 1 FROM mine_patches WHERE uuid = %s FOR UPDATE", (rows[0],))
    codes: dict[str, int] = {}
    other = threading.Thread(target=lambda: codes.update(shanshan=main(
        ["merge", shanshan, theirs])))
    mine = threading.Thread(target=lambda: codes.update(toksun=main(["merge", toksun, ours])))
    try:
        other.start()
        for _ in range(300):  # shanshan's merge waits on its editor
            if query(toksun, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                     "'Lock' AND pid <> pg_backend_pid()")[0][0]:
                break
            time.sleep(0.1)
        else:
            pytest.fail("shanshan's merge did not come to wait on its editor")
        mine.start()
        mine.join(30)
        assert not mine.is_alive(), "toksun's merge waited on shanshan's"
        assert codes["toksun"] == 0
    finally:
        editor.rollback()
        editor.close()
        other.join(60)
        mine.join(60)
    assert codes["shanshan"] == 0
    for county, name in ((toksun, "toksun"), (shanshan, "shanshan")):
        assert query(county, "SELECT phase FROM mine_patches WHERE uuid = %s", rows[0]) == \
            [(name,)]


def shanshan_gis(cluster, shanshan) -> str:
    """Shanshan's GIS staff, given the editors' grants on shanshan alone."""
    cluster.sql("DO $$ BEGIN CREATE ROLE shanshan_gis LOGIN; EXCEPTION WHEN duplicate_object "
                "THEN NULL; END $$")
    assert main(["grants", shanshan, "--editor", "shanshan_gis"]) == 0
    return shanshan.replace("user=postgres", "user=shanshan_gis")


def test_gis_staff_given_the_other_countys_schema_are_told_where_theirs_is(
        counties, cluster, capsys, monkeypatch):
    """Shanshan's GIS staff addressing the default schema (toksun's) were told to have
    toksun's grants given them, or toksun's owner role (GRANT "postgres" TO …), and never
    that their own master is in schema shanshan."""
    toksun, shanshan, _ = counties
    theirs = shanshan_gis(cluster, shanshan)
    assert main(["status", theirs]) == 0
    default = theirs.replace(" schema=shanshan", "")
    db = query(toksun, "SELECT current_database()")[0][0]
    capsys.readouterr()
    assert main(["status", default]) == 3
    said = capsys.readouterr().err
    assert f"role shanshan_gis may not use schema toksun of database {db} (no USAGE on it), " \
        "which holds a master; the master shanshan_gis may open there is in schema " \
        "shanshan: name it in the address" in said, said
    assert "GRANT" not in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["conflicts", default]) == 3
    said = capsys.readouterr().err
    assert f"角色 shanshan_gis 无权使用数据库 {db} 中存放主库的模式 toksun（没有 USAGE 权限）；" \
        "shanshan_gis 可以打开的主库在模式 shanshan 中" in said, said
