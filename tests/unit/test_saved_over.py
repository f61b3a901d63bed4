# SPDX-License-Identifier: GPL-2.0-or-later
"""An edit of the master saved over a value a merge wrote after the edit was made: recorded
as a conflict (the QGIS plugin names such saves: tests/qgis/test_saved_over.py)."""

from __future__ import annotations

from field_kit.db import connect
from field_kit.sync import merge, package_export, saved_over


def _a_merge_writes(setup, section: str, mineral: str) -> tuple[str, str]:
    """tab-a's package sets the first patch's section and the second's mineral; merged.
    Their uuids."""
    master, a, _, tmp = setup
    with connect(a) as conn:
        first, second = [u for (u,) in conn.execute(
            "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 2")]
        conn.execute("UPDATE mine_patches SET section = ? WHERE uuid = ?", (section, first))
        conn.execute("UPDATE mine_patches SET mineral = ? WHERE uuid = ?", (mineral, second))
    package_export.export(a, tmp / "a.zip")
    assert merge.merge(master, [tmp / "a.zip"]).totals["applied"] == 2
    return first, second


def test_a_save_over_a_merged_value_is_a_conflict(setup):
    master = setup[0]
    with connect(master) as conn:
        first = conn.execute("SELECT uuid FROM mine_patches ORDER BY fid").fetchone()[0]
        was = conn.execute("SELECT section FROM mine_patches WHERE uuid = ?",
                           (first,)).fetchone()[0]
    top = saved_over.log_top(master, "mine_patches")  # the editor makes the edit, unsaved
    first, second = _a_merge_writes(setup, "D10", "D11")
    with connect(master) as conn:  # then saves, as QGIS does
        conn.execute("UPDATE mine_patches SET section = 'anna10' WHERE uuid = ?", (first,))
        conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (second,))
    ids = saved_over.record(master, [
        saved_over.SavedEdit("mine_patches", first, "section", top),
        saved_over.SavedEdit("mine_patches", second, None, top)])
    assert len(ids) == 2
    got = {c.field: c for c in merge.conflicts(master)}
    assert (got["section"].ours, got["section"].theirs, got["section"].ancestor) == \
        ("anna10", "D10", was)
    assert got["section"].kind == saved_over.UPDATE_KIND and got["section"].merge_id
    assert got[None].kind == saved_over.DELETE_KIND and got[None].theirs == {"mineral": "D11"}
    # settled by taking the merged value back, and the deleted patch with it
    merge.resolve(master, got["section"].id, take="theirs")
    merge.resolve(master, got[None].id, take="theirs")
    with connect(master) as conn:
        assert conn.execute("SELECT section FROM mine_patches WHERE uuid = ?",
                            (first,)).fetchone() == ("D10",)
        assert conn.execute("SELECT mineral FROM mine_patches WHERE uuid = ?",
                            (second,)).fetchone() == ("D11",)


def test_a_save_after_the_editor_saw_the_merge_is_no_conflict(setup):
    master = setup[0]
    first, _ = _a_merge_writes(setup, "D10", "D11")
    top = saved_over.log_top(master, "mine_patches")  # the edit made after the merge: it saw D10
    with connect(master) as conn:
        conn.execute("UPDATE mine_patches SET section = 'anna10' WHERE uuid = ?", (first,))
    assert saved_over.record(master, [
        saved_over.SavedEdit("mine_patches", first, "section", top)]) == []
    assert merge.conflicts(master) == []
    # a field package, or a table the master does not track, is not followed
    assert saved_over.log_top(setup[1], "mine_patches") is None
    assert saved_over.log_top(master, "gpkg_contents") is None


def test_a_row_saved_then_deleted_keeps_the_merged_values_not_the_saves_own(setup):
    """QGIS saves a feature's edited field, then deletes the feature: the conflict's
    "theirs" is what the merge wrote, and taking it brings the row back with it."""
    master = setup[0]
    top = saved_over.log_top(master, "mine_patches")  # mineral, then geom edited, deleted
    first, second = _a_merge_writes(setup, "D10", "D11")
    with connect(master) as conn:  # the save: the fields first, then the delete
        conn.execute("UPDATE mine_patches SET mineral = 'Q3', geom = (SELECT geom FROM "
                     "mine_patches WHERE uuid = ?1) WHERE uuid = ?2", (first, second))
        conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (second,))
    assert len(saved_over.record(master, [saved_over.SavedEdit(
        "mine_patches", second, None, top,
        frozenset({"mineral", saved_over.GEOMETRY}))])) == 1
    (got,) = merge.conflicts(master)
    assert got.kind == saved_over.DELETE_KIND and got.theirs == {"mineral": "D11"}
    merge.resolve(master, got.id, take="theirs")
    with connect(master) as conn:
        assert conn.execute("SELECT mineral FROM mine_patches WHERE uuid = ?",
                            (second,)).fetchone() == ("D11",)
