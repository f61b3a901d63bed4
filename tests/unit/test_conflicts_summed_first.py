# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit conflicts` says what its list comes to on its first line too: with thousands
of conflicts, the count on the last line came after thousands of lines. The last line
stays as it was (scripts read it)."""

from __future__ import annotations

import json
from collections import Counter

from field_kit import errors
from field_kit.bilingual import counted
from field_kit.sync import package_checkout
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit


def three_merges(setup, capsys):
    """GIS staff tab-a, tab-b and tab-c change the same patches' phase and verifications'
    notes, merged in that order: the master with the conflicts of two merges."""
    master, a, b, tmp = setup
    c = tmp / "c.gpkg"
    package_checkout.checkout(master, c, "tab-c", role="gis")
    for pkg, value in ((a, "A"), (b, "B"), (c, "C")):
        if pkg != c:
            edit(pkg, "UPDATE mine_patches SET phase = ?", value)
        edit(pkg, "UPDATE patch_verifications SET notes = ?", value)
        assert cli(capsys, "export", pkg, tmp / f"{value}.zip")[0] == errors.OK
        assert cli(capsys, "merge", master, tmp / f"{value}.zip")[0] in (
            errors.OK, errors.CONFLICTS)
    return master


def listed(capsys, master, *more) -> list[dict]:
    return json.loads(cli(capsys, "conflicts", master, "--json", *more)[1])


def test_the_first_line_sums_up_the_open_conflicts(setup, capsys):
    master = three_merges(setup, capsys)
    rows = listed(capsys, master)
    merges = {r["merge_id"] for r in rows}
    layers = Counter(r["tbl"] for r in rows)
    assert len(merges) == 2 and len(layers) == 2, rows
    code, out, _ = cli(capsys, "conflicts", master)
    lines = out.splitlines()
    assert code == errors.CONFLICTS
    assert lines[0] == f"{len(rows)} open conflicts in 2 merges: " + ", ".join(
        f"{t} {n}" for t, n in layers.most_common()), lines[:2]
    assert lines[1].startswith("#")
    assert lines[-1] == counted(len(rows), "conflict")  # as it was


def test_every_sums_up_the_conflicts_listed_and_those_open(setup, capsys):
    master = three_merges(setup, capsys)
    rows = listed(capsys, master)
    first = min(r["id"] for r in rows)
    assert cli(capsys, "resolve", master, first, "--take", "ours")[0] == errors.OK
    every = listed(capsys, master, "--every")
    layers = Counter(r["tbl"] for r in every)
    out = cli(capsys, "conflicts", master, "--every")[1].splitlines()
    assert out[0] == f"{len(every)} conflicts in 2 merges, {len(rows) - 1} open: " + \
        ", ".join(f"{t} {n}" for t, n in layers.most_common()), out[:2]
    assert out[-1] == counted(len(every), "conflict")


def test_the_first_line_in_chinese_too(setup, capsys, chinese_locale):
    master = three_merges(setup, capsys)
    rows = listed(capsys, master)
    layers = Counter(r["tbl"] for r in rows)
    out = cli(capsys, "conflicts", master)[1].splitlines()
    titles = {"mine_patches": "历史遗留矿山图斑", "patch_verifications": "图斑核查记录"}
    assert out[1] == f"2 次合并中共 {len(rows)} 项未处理的冲突：" + "，".join(
        f"{titles[t]} {n} 项" for t, n in layers.most_common()), out[:2]
    assert out[-2:] == [counted(len(rows), "conflict"), f"共 {len(rows)} 项冲突"]
    assert cli(capsys, "resolve", master, rows[0]["id"], "--take", "ours")[0] == errors.OK
    out = cli(capsys, "conflicts", master, "--every")[1].splitlines()
    assert out[1] == f"2 次合并中共 {len(rows)} 项冲突（{len(rows) - 1} 项未处理）：" + \
        "，".join(f"{titles[t]} {n} 项" for t, n in layers.most_common()), out[:2]


def test_a_field_packages_conflicts_are_summed_by_pull(setup, capsys):
    """A field package's conflicts were met at pulls: counted so."""
    master, a, _, tmp = setup
    edit(a, "UPDATE patch_verifications SET notes = 'here'")
    other = tmp / "o.gpkg"
    package_checkout.checkout(master, other, "tab-o", role="gis")
    edit(other, "UPDATE patch_verifications SET notes = 'there'")
    assert cli(capsys, "export", other, tmp / "o.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp / "o.zip")[0] == errors.OK
    cli(capsys, "pull", a, master)
    rows = listed(capsys, a)
    assert rows, "the pull met no conflict"
    out = cli(capsys, "conflicts", a)[1].splitlines()
    assert out[0] == f"{len(rows)} open conflicts in 1 pull: patch_verifications " \
        f"{len(rows)}", out[:2]


def _saved_over_an_edit(master, notes: str) -> None:
    """An editor's save of the first verification's notes over another editor's edit made
    in the master meanwhile (QGIS over psql): a conflict no merge recorded."""
    from field_kit.db import connect
    from field_kit.sync import saved_over

    with connect(master) as conn:
        (row,) = conn.execute("SELECT uuid FROM patch_verifications ORDER BY fid").fetchone()
    top = saved_over.log_top(master, "patch_verifications")  # the edit made, unsaved
    edit(master, "UPDATE patch_verifications SET notes = 'psql' WHERE uuid = ?", row)
    edit(master, "UPDATE patch_verifications SET notes = ? WHERE uuid = ?", notes, row)
    assert len(saved_over.record(master, [
        saved_over.SavedEdit("patch_verifications", row, "notes", top)])) == 1


def test_conflicts_recorded_by_a_save_are_said_so_not_as_a_merge(setup, capsys,
                                                                 chinese_locale):
    master = setup[0]
    _saved_over_an_edit(master, "qgis")
    out = cli(capsys, "conflicts", master)[1].splitlines()
    assert out[:2] == [
        "1 open conflict recorded by an edit saved in the database: patch_verifications 1",
        "在数据库中保存的编辑记录了 1 项未处理的冲突：图斑核查记录 1 项"], out[:2]
    master = three_merges(setup, capsys)
    rows = listed(capsys, master)
    merged, m = len(rows) - 1, len({r["merge_id"] for r in rows if r["merge_id"]})
    out = cli(capsys, "conflicts", master)[1].splitlines()
    assert out[0].startswith(f"{merged + 1} open conflicts ({merged} in {m} merges, 1 recorded "
                             "by an edit saved in the database): "), out[:2]
    assert out[1].startswith(f"共 {merged + 1} 项未处理的冲突（{m} 次合并中 {merged} 项，在数据库中"
                             "保存的编辑记录了 1 项）："), out[:2]
    out = cli(capsys, "conflicts", master, "--every")[1].splitlines()
    assert out[0].startswith(f"{merged + 1} conflicts ({merged} in {m} merges, 1 recorded by an "
                             f"edit saved in the database), {merged + 1} open: "), out[:2]
    assert out[1].startswith(f"共 {merged + 1} 项冲突（{m} 次合并中 {merged} 项，在数据库中保存的"
                             f"编辑记录了 1 项；{merged + 1} 项未处理）："), out[:2]
