# SPDX-License-Identifier: GPL-2.0-or-later
"""``check-plan`` on a PostgreSQL master whose patches GIS staff edited since the plan was
loaded: the count of 专栏6-1 that no longer matches the text is the master's, said as on a
GeoPackage master, not an inconsistency of the plan."""

from field_kit.cli.commands import main
from tests.postgis.cluster import query


def _added_by_sql(database) -> None:
    """A patch of 近期 added in the database, as GIS staff in QGIS or psql add one."""
    cols = [c for (c,) in query(
        database, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "'toksun' AND table_name = 'mine_patches' AND column_name NOT IN ('fid', 'uuid', "
        "'patch_code') ORDER BY ordinal_position")]
    listed = ", ".join(f'"{c}"' for c in cols)
    query(database, f"INSERT INTO mine_patches (patch_code, {listed}) SELECT "
          f"'CT6504222017000099001', {listed} FROM mine_patches WHERE phase = '近期' "
          "ORDER BY patch_code LIMIT 1")


def test_a_patch_added_by_sql_is_the_masters_difference(plan_database, capsys, monkeypatch):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # (said in Chinese, then English)
    _added_by_sql(plan_database)
    capsys.readouterr()
    main(["check-plan", plan_database])
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if "2021–2025: the text says" in ln]
    assert "the master now holds" in line, out
    assert "1 patch of any period in all was added" in line, out
    assert "规划载入后主库中共有 1 个图斑（各期合计）被新增" in out, out
    assert "loaded (CT6504222017000099001; `field-kit history CODE`" in line, out


def test_a_patch_moved_and_another_deleted_by_sql_are_counted_once_each(plan_database, capsys):
    """A patch of 中期 moved to 近期 (and back and again) and another of 中期 deleted: two
    patches edited, each counted once however many changes the log holds of it."""
    (moved,) = query(plan_database, "SELECT uuid FROM mine_patches WHERE phase = '中期' "
                     "ORDER BY patch_code LIMIT 1")
    (gone,) = query(plan_database, "SELECT patch_code FROM mine_patches WHERE phase = '中期' "
                    "AND uuid <> %s ORDER BY patch_code LIMIT 1", moved[0])
    (kept,) = query(plan_database, "SELECT patch_code FROM mine_patches WHERE uuid = %s",
                    moved[0])
    query(plan_database, "UPDATE mine_patches SET phase = '近期' WHERE uuid = %s", moved[0])
    query(plan_database, "UPDATE mine_patches SET phase = '中期' WHERE uuid = %s", moved[0])
    query(plan_database, "UPDATE mine_patches SET phase = '近期' WHERE uuid = %s", moved[0])
    # (moved first: its deletion, the last of its changes, holds its code)
    query(plan_database, "UPDATE mine_patches SET phase = '远期' WHERE patch_code = %s", gone[0])
    query(plan_database, "DELETE FROM mine_patches WHERE patch_code = %s", gone[0])
    capsys.readouterr()
    main(["check-plan", plan_database])
    out = capsys.readouterr().out
    for period in ("2021–2025", "2026–2030"):
        (line,) = [ln for ln in out.splitlines() if f"{period}: the text says" in ln]
        assert "the master now holds" in line, out
        assert "2 patches of any period in all were added, deleted" in line, out
        # each by its code, the deleted one's from its deletion in the log
        assert f"loaded ({', '.join(sorted([gone[0], kept[0]]))}; `field-kit" in line, out
