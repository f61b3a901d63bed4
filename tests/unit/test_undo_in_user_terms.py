# SPDX-License-Identifier: GPL-2.0-or-later
"""undo-merge speaks as the sync dock and History do: a refusal names each row by its
layer's title and its name (a patch by its code), each field by its label, each time in
local time, and each later merge by its package, device and time, with the id the
command line takes to undo it; in English and Chinese. And it counts the changes the merge
applied, not the area and centre that followed a shape, nor a row brought back for an
edit, saying what followed."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timedelta

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli, cli_said, history_json
from tests.unit.gpkg_factory import edit
from tests.unit.test_area_follows_shape import DERIVED, geometry_alone, held, of_shape, square
from tests.unit.test_undo_says_what_changed import CODE, _checkout, _merged, _phase_merged

NEW = "CT6504222017000026999"


def _local(at: str) -> str:
    """A recorded UTC time as History shows it in Beijing."""
    utc = datetime.strptime(at[:19], "%Y-%m-%dT%H:%M:%S")
    return (utc + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")


def _refused(capsys, master, merge_id) -> tuple[str, str]:
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.REFUSED, said
    line = next(x for x in said.splitlines() if "cannot undo" in x)
    msg = line.split("field-kit: ", 1)[1].removeprefix("error: ")
    return msg, chinese(msg)


def _last_edit(capsys, master) -> dict:
    """The newest recorded change of patch CODE, as `field-kit history --json` lists it."""
    code, out, _ = cli(capsys, "history", master, CODE, "--json")
    assert code == errors.OK
    return history_json(out)["changes"][-1]


def _uuid(master) -> str:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?",
                            (CODE,)).fetchone()[0]


def test_a_row_edited_in_the_master_is_named_by_layer_code_label_and_local_time(
        master, tmp_path, capsys, in_beijing):
    first = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE)
    edit(master, "UPDATE mine_patches SET phase = '远期' WHERE patch_code = ?", CODE)
    at = _local(_last_edit(capsys, master)["at"])
    msg, zh = _refused(capsys, master, first)
    assert msg.startswith("cannot undo: 1 row changed after the merge: Legacy mine "
                          f"patches {CODE} (Phase, changed by master at {at}), to set back: "
                          'Phase "近期", Period "2021-2025年"; edited in the master itself'), msg
    assert "mine_patches" not in msg and _uuid(master) not in msg and "Z)" not in msg, msg
    assert zh.startswith(f"无法撤销：1 个要素在合并之后又被修改：历史遗留矿山图斑 {CODE}"
                         f"（治理阶段，修改者 主库，时间 {at}），应手工改回：治理阶段 \"近期\"、"
                         "治理时段 \"2021-2025年\"。"
                         "这些要素是在主库中直接"), zh


def test_several_fields_changed_are_listed_with_the_chinese_list_mark(
        master, tmp_path, capsys, in_beijing):
    """Fields edited after the merge, in Chinese: listed 矿种、治理阶段, apart from who changed
    them (the merge here wrote one: the refusal as it names two)."""
    first = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE)
    edit(master, "UPDATE mine_patches SET phase = '远期' WHERE patch_code = ?", CODE)
    at = _local(_last_edit(capsys, master)["at"])
    msg, _ = _refused(capsys, master, first)
    one = f"{CODE} (Phase, changed by master at {at})"
    assert one in msg, msg
    zh = chinese(msg.replace(one, f"{CODE} (Mineral, Phase, changed by master at {at})"))
    assert f"{CODE}（矿种、治理阶段，修改者 主库，时间 {at}）" in zh, zh


def test_a_later_merge_is_named_as_the_dock_lists_it_with_the_id_to_undo_it(
        master, tmp_path, capsys, in_beijing):
    first = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE)
    later = _phase_merged(capsys, master, tmp_path, "gis-2", "远期", CODE)
    with sqlite3.connect(master) as conn:
        (package,) = conn.execute("SELECT package FROM sync_merges WHERE merge_id = ?",
                                  (later,)).fetchone()
        (merged,) = conn.execute("SELECT at FROM sync_merges WHERE merge_id = ?",
                                 (later,)).fetchone()
    edited, merged = _local(_last_edit(capsys, master)["at"]), _local(merged)
    msg, zh = _refused(capsys, master, first)
    assert (f"Legacy mine patches {CODE} (Phase, changed by gis-2 at {edited} (merge of "
            f"{package})); undo the later merge {package} from gis-2 at {merged} (merge "
            f"id {later}) first (a decision on a conflict goes with its merge); nothing was "
            "changed") in msg, msg
    assert f"merge {later}" not in msg and _uuid(master) not in msg, msg
    assert (f"历史遗留矿山图斑 {CODE}（治理阶段，修改者 gis-2，时间 {edited}（{package} 的"
            f"合并））。请先撤销之后的合并 {package}（来自 gis-2，{merged}，合并编号 {later}）"
            "（冲突的处理随其合并一并撤销）；未作任何更改") in zh, zh
    # the id it gives is the one the command takes
    assert cli_said(capsys, "undo-merge", master, later)[0] == errors.OK
    assert cli_said(capsys, "undo-merge", master, first)[0] == errors.OK


def test_a_row_nothing_names_is_named_by_its_layer_and_uuid(master, tmp_path, capsys):
    tech = _checkout(capsys, master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    edit(tech, "INSERT INTO patch_verifications (notes) VALUES ('no patch yet')")
    first = _merged(capsys, master, tech)
    with sqlite3.connect(master) as conn:
        (rec,) = conn.execute("SELECT uuid FROM patch_verifications WHERE notes = "
                              "'no patch yet'").fetchone()
    edit(master, "UPDATE patch_verifications SET notes = 'seen' WHERE uuid = ?", rec)
    msg, zh = _refused(capsys, master, first)
    assert f": Patch verifications row {rec} (Notes, changed by master at " in msg, msg
    assert f"：图斑核查记录 要素 {rec}（备注，修改者 主库，时间 " in zh, zh


def test_undoing_a_shape_counts_one_change_and_says_its_area_and_centre_followed(
        master, tmp_path, capsys):
    u = _uuid(master)
    before = held(master, u)
    gis = _checkout(capsys, master, tmp_path, "gis-1", "--role", "gis")
    geometry_alone(gis, u, square(88.0, 42.5, 0.002))  # as QField saves it: no area
    merge_id = _merged(capsys, master, gis)
    assert held(master, u) == {"geom": square(88.0, 42.5, 0.002),
                               **of_shape(square(88.0, 42.5, 0.002))}
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert f"merge {merge_id} undone: 1 change reverted\n" in said, said
    assert f"mine_patches: {', '.join(DERIVED)} recomputed from their geometry for 1 " \
           "feature" in said, said
    assert held(master, u) == before


def test_undoing_an_edit_that_brought_a_deleted_row_back_counts_one_change(
        master, tmp_path, capsys):
    gis = _checkout(capsys, master, tmp_path, "gis-1", "--role", "gis")
    edit(master, "DELETE FROM mine_patches WHERE patch_code = ?", CODE)
    time.sleep(0.01)  # the package's edit is the later one: it brings the patch back
    edit(gis, "UPDATE mine_patches SET phase = '中期' WHERE patch_code = ?", CODE)
    assert cli_said(capsys, "export", gis, tmp_path / "gis.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "gis.zip", "--json")
    assert code == errors.CONFLICTS and "the row is back, with this edit" in said, said
    merge_id = json.loads(said[said.index("{"):])["merges"][0]["merge_id"]
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT phase FROM mine_patches WHERE patch_code = ?",
                            (CODE,)).fetchall() == [("中期",)]
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert f"merge {merge_id} undone: 1 change reverted\n" in said, said
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT count(*) FROM mine_patches WHERE patch_code = ?",
                            (CODE,)).fetchone() == (0,)


def test_undoing_a_new_patch_code_counts_one_change_and_says_the_codes_put_back(
        master, tmp_path, capsys, monkeypatch):
    """A patch given a new code: its verification follows it; undoing the merge counts the
    one change, and says the code the verification had been given is put back too."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
         "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches WHERE patch_code = ?", CODE)
    gis = _checkout(capsys, master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    merge_id = _merged(capsys, master, gis)
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT patch_code FROM patch_verifications").fetchall() == [(NEW,)]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert f"merge {merge_id} undone: 1 change reverted\n" in said, said
    assert "1 code given with this merge to rows naming what it changed put back with " \
           "it\n此次合并随其修改给引用要素写入的 1 个编码也一并还原\n" in said, said
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT patch_code FROM patch_verifications").fetchall() == [(CODE,)]


def test_a_row_set_back_by_hand_as_the_refusal_asks_lets_the_undo_through(
        master, tmp_path, capsys, monkeypatch):
    """Refused over an edit in the master itself, the undo says to set the row by hand to
    what it held without the merge, then undo again: done so, the undo goes through, leaves
    the row as it is and says so (every edit since, even one setting it back, blocked it)."""
    merge_id = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE)
    edit(master, "UPDATE mine_patches SET phase = '远期' WHERE patch_code = ?", CODE)
    msg, _ = _refused(capsys, master, merge_id)
    assert "set those rows by hand to what they should hold without the merge, then undo " \
        "again" in msg, msg
    # (with the period the merge gave with the phase)
    edit(master, "UPDATE mine_patches SET phase = '近期', period = '2021-2025年' WHERE "
         "patch_code = ?", CODE)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert f"merge {merge_id} undone: 0 changes reverted\n" in said, said
    assert "1 row edited in the master since was set back by hand to what it held " \
        "before the merge: left as it is\n1 个要素此后在主库中被修改，并已手工改回合并前的值" \
        "：保持原样\n" in said, said
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT phase FROM mine_patches WHERE patch_code = ?",
                            (CODE,)).fetchall() == [("近期",)]


def test_a_record_the_merge_added_deleted_by_hand_lets_the_undo_through(master, tmp_path,
                                                                       capsys):
    """A record the merge added, then edited in the master: the refusal names it with its
    uuid (history takes it); deleted by hand (it was not there before the merge), the undo
    goes through."""
    tab = _checkout(capsys, master, tmp_path, "tab-01")
    edit(tab, "INSERT INTO patch_verifications (patch_uuid, patch_code, notes, verified_on) "
         "SELECT uuid, patch_code, 'first', '2026-11-30' FROM mine_patches WHERE "
         "patch_code = ?", CODE)
    merge_id = _merged(capsys, master, tab)
    edit(master, "UPDATE patch_verifications SET notes = 'checked in office'")
    (rec,) = [r for (r,) in sqlite3.connect(master).execute(
        "SELECT uuid FROM patch_verifications")]
    msg, _ = _refused(capsys, master, merge_id)
    assert f", row {rec} (Notes, changed by " in msg, msg
    code, out, _ = cli(capsys, "history", master, rec)
    assert code == errors.OK and "checked in office" in out, out
    edit(master, "DELETE FROM patch_verifications")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK and "0 changes reverted" in said and \
        "1 row edited in the master since was set back by hand" in said, said
