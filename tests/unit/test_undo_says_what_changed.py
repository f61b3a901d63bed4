# SPDX-License-Identifier: GPL-2.0-or-later
"""undo-merge says what is true: a record it puts back names the patch the master holds
(no warning of a patch deleted), and a refusal over rows changed since the merge says what
to do by what changed them: a later merge is undone first, an edit made in the master
itself (QGIS, the database) is set by hand. The scenarios run on a PostgreSQL master too
(tests/postgis/test_undo_says_what_changed.py)."""

import json
import sqlite3
import time

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese, device_in_chinese
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, verify

CODE = "CT6504222017000026002"
OTHER = "CT6504222017000026001"


def in_file(master):
    """Run SQL on a GeoPackage master as GIS staff do in QGIS (capture sees it)."""
    return lambda sql, *args: edit(master, sql, *args)


def read_file(master):
    def read(sql, *args):
        with sqlite3.connect(master) as conn:
            return conn.execute(sql, args).fetchall()
    return read


def _merged(capsys, master, pkg) -> str:
    """Export ``pkg`` and merge it: the merge's id."""
    code, said = cli_said(capsys, "export", pkg, f"{pkg}.{len(str(pkg))}.zip")
    assert code == 0, said
    code, said = cli_said(capsys, "merge", master, f"{pkg}.{len(str(pkg))}.zip", "--json")
    assert code == 0, said
    return json.loads(said[said.index("{"):])["merges"][0]["merge_id"]


def _checkout(capsys, master, tmp_path, device, *more) -> str:
    pkg = tmp_path / f"{device}.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", device, *more)
    assert code == 0, said
    return pkg


def _record_deleted_and_merged(capsys, master, tmp_path) -> str:
    """A technician's verification of patch CODE merged, then deleted in the package and
    merged again: the merge id of the deletion."""
    tech = _checkout(capsys, master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    verify(tech, CODE)
    _merged(capsys, master, tech)
    edit(tech, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    return _merged(capsys, master, tech)


def record_put_back_names_its_patch(master, tmp_path, capsys, read):
    merge_id = _record_deleted_and_merged(capsys, master, tmp_path)
    count = f"SELECT count(*) FROM patch_verifications WHERE patch_code = '{CODE}'"
    assert read(count) == [(0,)]
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == 0, said
    assert f"merge {merge_id} undone: 1 change reverted" in said, said
    assert "deleted from the master" not in said and "warning" not in said, said
    assert read(count) == [(1,)]


def record_put_back_names_a_patch_deleted_since(master, tmp_path, capsys, write):
    """The patch deleted in the master since: the warning is true, and said."""
    merge_id = _record_deleted_and_merged(capsys, master, tmp_path)
    write(f"DELETE FROM mine_patches WHERE patch_code = '{CODE}'")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == 0, said
    assert ("warning: patch_verifications: 1 row names a patch deleted from the master "
            f"(patch_code {CODE}): kept as recorded") in said, said


def _phase_merged(capsys, master, tmp_path, device, phase, *codes) -> str:
    gis = _checkout(capsys, master, tmp_path, device, "--role", "gis")
    for c in codes:
        edit(gis, "UPDATE mine_patches SET phase = ? WHERE patch_code = ?", phase, c)
    return _merged(capsys, master, gis)


def _refused(capsys, master, merge_id) -> tuple[str, str]:
    """undo-merge refused: its message, in English and in Chinese."""
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.REFUSED, said
    line = next(x for x in said.splitlines() if "cannot undo" in x)
    msg = line.split("field-kit: ", 1)[1].removeprefix("error: ")
    return msg, chinese(msg)


def edited_in_the_master_is_set_by_hand(master, tmp_path, capsys, write, who):
    first = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE)
    write(f"UPDATE mine_patches SET phase = '远期' WHERE patch_code = '{CODE}'")
    msg, zh = _refused(capsys, master, first)
    assert msg.startswith("cannot undo: 1 row changed after the merge: Legacy mine "
                          f"patches {CODE} (Phase, changed by {who} at "), msg
    assert msg.endswith("; edited in the master itself, not by a merge: set those rows by "
                        "hand to what they should hold without the merge, then undo again "
                        "(History in QGIS, or field-kit history with a row's uuid, shows its "
                        "changes); nothing was changed"), msg
    assert "undo the later merge" not in msg and "later merges" not in msg, msg
    assert zh.startswith("无法撤销：1 个要素在合并之后又被修改：历史遗留矿山图斑 "
                         f"{CODE}（治理阶段，修改者 {device_in_chinese(who)}，时间 "), zh
    assert zh.endswith("这些要素是在主库中直接修改的，不是合并所改：请手工将其改为"
                       "不经该次合并时应有的值，再次撤销（QGIS 的修改历史，或以要素 uuid 运行 "
                       "field-kit history，可列出其修改）；未作任何更改"), zh
    assert "(Phase" not in zh and "撤销之后的那些合并" not in zh, zh


def changed_by_a_later_merge_is_undone_first(master, tmp_path, capsys, read):
    first = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE)
    later = _phase_merged(capsys, master, tmp_path, "gis-2", "远期", CODE)
    msg, zh = _refused(capsys, master, first)
    assert f"{CODE} (Phase, changed by gis-2 at " in msg and " (merge of gis-2.gpkg." in msg
    assert "; undo the later merge gis-2.gpkg." in msg and " from gis-2 at " in msg, msg
    assert msg.endswith(f" (merge id {later}) first (a decision on a conflict goes with its "
                        "merge); nothing was changed"), msg
    assert "by hand" not in msg and "master itself" not in msg, msg
    assert "（治理阶段，修改者 gis-2，时间 " in zh and " 的合并））。" in zh, zh
    assert zh.endswith(f"，合并编号 {later}）（冲突的处理随其合并一并撤销）；未作任何更改"), zh
    # as it says: the later merge undone, the first goes too
    assert cli_said(capsys, "undo-merge", master, later)[0] == 0
    assert cli_said(capsys, "undo-merge", master, first)[0] == 0
    assert read(f"SELECT phase FROM mine_patches WHERE patch_code = '{CODE}'") == [("近期",)]


def changed_both_ways_says_both(master, tmp_path, capsys, write, who):
    first = _phase_merged(capsys, master, tmp_path, "gis-1", "中期", CODE, OTHER)
    later = _phase_merged(capsys, master, tmp_path, "gis-2", "远期", CODE)
    write(f"UPDATE mine_patches SET phase = '远期' WHERE patch_code = '{OTHER}'")
    msg, zh = _refused(capsys, master, first)
    assert msg.startswith("cannot undo: 2 rows changed after the merge: "), msg
    assert f"(Phase, changed by {who} at " in msg and "(merge of gis-2.gpkg." in msg, msg
    assert msg.endswith(f" (merge id {later}) first (a decision on a conflict goes with its "
                        "merge); 1 row edited in the master itself, not "
                        "by a merge: set it by hand to what it should hold without the "
                        "merge, then undo again (History in QGIS, or field-kit history with a "
                        "row's uuid, shows its changes); nothing was changed"), msg
    assert zh.endswith(f"，合并编号 {later}）（冲突的处理随其合并一并撤销）；"
                       "另有 1 个要素是在主库中直接修改的，不是合并所改：请手工将其改为"
                       "不经该次合并时应有的值，再次撤销（QGIS 的修改历史，或以要素 uuid 运行 "
                       "field-kit history，可列出其修改）；未作任何更改"), zh


def test_a_record_put_back_names_its_patch_without_a_warning(master, tmp_path, capsys):
    record_put_back_names_its_patch(master, tmp_path, capsys, read_file(master))


def test_a_record_put_back_naming_a_patch_deleted_since_is_said(master, tmp_path, capsys):
    record_put_back_names_a_patch_deleted_since(master, tmp_path, capsys, in_file(master))


def test_a_row_edited_in_the_master_is_to_be_set_by_hand(master, tmp_path, capsys):
    edited_in_the_master_is_set_by_hand(master, tmp_path, capsys, in_file(master), "master")


def every_field_the_merge_wrote_is_said_with_its_value(master, tmp_path, capsys, write,
                                                       read):
    """A merge sets a patch's phase and project name; GIS staff then change its phase in
    the master. The undo leaves the row only once both fields hold what they held before
    the merge, but the refusal named the phase alone: it says each field the merge wrote
    with the value to set (the phase alone set back, it is refused again); both set back,
    the undo goes through."""
    sql = f"SELECT phase, project_name FROM mine_patches WHERE patch_code = '{CODE}'"
    ((phase, name),) = read(sql)
    ((period,),) = read(f"SELECT period FROM mine_patches WHERE patch_code = '{CODE}'")
    gis = _checkout(capsys, master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, "UPDATE mine_patches SET phase = '中期', project_name = '新项目' WHERE "
         "patch_code = ?", CODE)
    merge_id = _merged(capsys, master, gis)
    write(f"UPDATE mine_patches SET phase = '远期' WHERE patch_code = '{CODE}'")
    msg, zh = _refused(capsys, master, merge_id)
    shown = {k: json.dumps(v, ensure_ascii=False) for k, v in (("phase", phase),
                                                                ("name", name))}
    assert "(Phase, changed by " in msg and "), to set back: " in msg, msg
    for said in (f"Phase {shown['phase']}", f"Project name {shown['name']}"):
        assert said in msg.split("), to set back: ")[1].split("; ")[0], (said, msg)
    assert "），应手工改回：" in zh, zh
    for said in (f"治理阶段 {shown['phase']}", f"项目名称 {shown['name']}"):
        assert said in zh.split("），应手工改回：")[1].split("。")[0], (said, zh)
    assert "to set back" not in zh and "Project name" not in zh, zh
    def sql_text(value):  # (SQL the file and the database read alike)
        return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"
    write(f"UPDATE mine_patches SET phase = {sql_text(phase)} WHERE patch_code = '{CODE}'")
    _refused(capsys, master, merge_id)  # (the project name is the merge's yet)
    # (and the period the merge gave with the phase, said with it)
    assert "Period " in msg.split("), to set back: ")[1], msg
    write(f"UPDATE mine_patches SET project_name = {sql_text(name)}, period = "
          f"{sql_text(period)} WHERE patch_code = '{CODE}'")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert "1 row edited in the master since was set back by hand" in said, said
    assert read(sql) == [(phase, name)]


def test_every_field_the_merge_wrote_is_said_with_the_value_to_set_by_hand(master, tmp_path,
                                                                           capsys):
    every_field_the_merge_wrote_is_said_with_its_value(master, tmp_path, capsys,
                                                       in_file(master), read_file(master))


def test_a_row_the_merge_added_is_said_to_be_deleted_by_hand(master, tmp_path, capsys):
    """A verification the merge added, its notes edited in the master since: set back by
    hand is deleting it, said so."""
    tech = _checkout(capsys, master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    edit(tech, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on) SELECT uuid, patch_code, 'B', '李四', '2026-11-30' FROM "
         f"mine_patches WHERE patch_code = '{CODE}'")
    merge_id = _merged(capsys, master, tech)
    edit(master, "UPDATE patch_verifications SET notes = 'checked' WHERE verifier = '李四'")
    msg, zh = _refused(capsys, master, merge_id)
    assert "), to set back: delete it; " in msg, msg
    assert "），应手工删除该要素。" in zh, zh
    edit(master, "DELETE FROM patch_verifications WHERE verifier = '李四'")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said


def test_a_row_a_later_merge_changed_says_undo_that_merge_first(master, tmp_path, capsys):
    changed_by_a_later_merge_is_undone_first(master, tmp_path, capsys, read_file(master))


def test_rows_changed_both_ways_say_both(master, tmp_path, capsys):
    changed_both_ways_says_both(master, tmp_path, capsys, in_file(master), "master")


def test_undo_of_a_merge_that_added_a_column_says_the_column_is_left(tmp_path, capsys):
    """A column a GIS package added stays when its merge is undone (a form or another
    package may name it already), its values taken out: said, as a layer left is."""
    from field_kit.sync import package_checkout
    from tests.unit.gpkg_factory import make_gpkg

    master = make_gpkg(tmp_path / "master.gpkg", patches=3)
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis-c", role="gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN owner_note TEXT")
    edit(pkg, "UPDATE mine_patches SET owner_note = '村集体' WHERE fid = 1")
    merge_id = _merged(capsys, master, pkg)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert "column mine_patches.owner_note added by this merge is left" in said, said
    assert read_file(master)("SELECT count(owner_note) FROM mine_patches") == [(0,)]


def _edited_in_turn(tmp_path, capsys, edits, merged_in=None, first: str = "",
                    verifications: int = 1) -> tuple:
    """A master with one verification record (or ``verifications``; edited by the SQL
    ``first``), and a package per device of ``edits`` (device, SQL: a statement or several),
    each edited in that order and merged in it (or in the devices' order ``merged_in``): the
    master, and each device's merge id (a merge meeting a conflict too)."""
    from tests.unit.gpkg_factory import make_gpkg

    master = make_gpkg(tmp_path / "master.gpkg", patches=2, verifications=verifications)
    if first:
        edit(master, first)
    pkgs = {dev: _checkout(capsys, master, tmp_path, dev, "--role", "gis")
            for dev, _ in edits}
    for dev, sql in edits:
        for statement in [sql] if isinstance(sql, str) else sql:
            edit(pkgs[dev], statement)
        time.sleep(0.05)  # (each edit later than the one before)
    merged = {}
    for dev in merged_in or [dev for dev, _ in edits]:
        assert cli_said(capsys, "export", pkgs[dev], f"{pkgs[dev]}.zip")[0] == errors.OK
        said = cli_said(capsys, "merge", master, f"{pkgs[dev]}.zip", "--json")[1]
        merged[dev] = json.loads(said[said.index("{"):])["merges"][0]["merge_id"]
    return master, merged


def test_a_conflict_on_a_record_a_decision_deleted_says_whose_value_is_back(
        tmp_path, capsys, monkeypatch):
    """tab-c's delete, older than tab-a's and tab-b's edits, is kept aside as its merge's
    conflict; taking it deletes the record, and undoing that merge puts it back as it was:
    the verifier conflict of tab-b's merge, still open, names tab-b's edit as what the
    master holds, not a value no recorded edit gave (capture off)."""
    master, merged = _edited_in_turn(tmp_path, capsys, (
        ("tab-c", "DELETE FROM patch_verifications"),
        ("tab-a", "UPDATE patch_verifications SET verifier = 'Wang'"),
        ("tab-b", "UPDATE patch_verifications SET verifier = 'Li'")),
        merged_in=("tab-a", "tab-b", "tab-c"))  # (tab-b's and tab-c's meet conflicts)
    code, said = cli_said(capsys, "resolve", master, "--all", merged["tab-c"],
                          "--take", "theirs")
    assert code == errors.OK and "the row is deleted" in said, said
    assert cli_said(capsys, "undo-merge", master, merged["tab-c"])[0] == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "conflicts", master)
    line = next(x for x in said.splitlines() if x.startswith("#"))
    assert " verifier from tab-a at " in line and "no recorded edit" not in line, said
    assert "; the master holds the value tab-b gave at " in line, line
    assert "主库现为：tab-b 于 " in said and "无修改记录" not in said, said
    assert "later edit" not in said, said


def test_a_row_conflict_on_a_record_a_merge_deleted_is_as_recorded_once_undone(tmp_path,
                                                                              capsys):
    """tab-d's delete, older than tab-a's edit, kept aside as a conflict on the whole row;
    tab-c's later delete merged, then undone: the record is back as it was, so the row's
    conflict holds what it held when recorded (tab-a's edit), not a later edit of values
    then empty."""
    master, merged = _edited_in_turn(tmp_path, capsys, (
        ("tab-d", "DELETE FROM patch_verifications"),
        ("tab-a", "UPDATE patch_verifications SET verifier = 'Wang'"),
        ("tab-c", "DELETE FROM patch_verifications")))
    assert cli_said(capsys, "undo-merge", master, merged["tab-c"])[0] == errors.OK
    code, said = cli_said(capsys, "conflicts", master)
    line = next(x for x in said.splitlines() if x.startswith("#"))
    assert " (row) from tab-d at " in line and \
        "; the master holds the row as last edited by tab-a at " in line, said
    assert "later edit" not in said and "undoing merge" not in said, said


def test_an_undo_that_would_leave_a_record_breaking_the_year_rule_is_refused(tmp_path,
                                                                             capsys):
    """tab-a's year closed 2021 let tab-b give the verification an earlier day, 2022-01-01;
    undoing tab-a's merge alone would put 2024 back, a mine closed after its verification,
    which a merge refuses. Refused, naming the record and the rule, nothing changed."""
    master, merged = _edited_in_turn(tmp_path, capsys, (
        ("tab-a", "UPDATE patch_verifications SET year_closed = 2021"),
        ("tab-b", "UPDATE patch_verifications SET verified_on = '2022-01-01'")),
        first="UPDATE patch_verifications SET year_closed = 2024, verified_on = '2024-05-01'")
    code, said = cli_said(capsys, "undo-merge", master, merged["tab-a"])
    assert code == errors.REFUSED, said
    assert "cannot undo: Patch verifications P0000000 2022-01-01, row " in said and \
        "would be left with year_closed: 2024 is after the year of verified_on (2022), its " \
        "other field written after the merge: undo what wrote that first, or mend the " \
        "record in the master; nothing was changed" in said, said
    assert chinese(said.strip().removeprefix("field-kit: ")).startswith(
        "无法撤销：图斑核查记录 P0000000 2022-01-01，要素 "), said
    assert read_file(master)("SELECT year_closed, verified_on FROM patch_verifications") == [
        (2021, "2022-01-01")]


def test_an_undo_blocked_by_an_edit_kept_aside_names_the_record_and_says_so(tmp_path,
                                                                           capsys):
    """tab-a deleted the record after tab-b edited it; tab-b's edit, merged later, was kept
    aside in a conflict. Undoing tab-a's delete is refused for that edit: the record is
    named by its patch and day (as deleted), and the edit as kept aside, not as having
    changed the record, which it never did."""
    master, merged = _edited_in_turn(tmp_path, capsys, (
        ("tab-b", "UPDATE patch_verifications SET notes = 'b'"),
        ("tab-a", "DELETE FROM patch_verifications")), merged_in=("tab-a", "tab-b"))
    code, said = cli_said(capsys, "undo-merge", master, merged["tab-a"])
    assert code == errors.REFUSED, said
    # (not said changed: the edit kept aside never changed the record)
    assert "cannot undo: 1 row with an edit a later merge kept aside: Patch verifications " \
        "P0000000, row " in said, said
    assert "Patch verifications P0000000, row " in said and ", edited by tab-b at " in said \
        and "(kept aside in a conflict by the merge of tab-b.gpkg.zip)" in said, said
    zh = chinese(said.strip().removeprefix("field-kit: "))
    assert zh.startswith("无法撤销：1 个要素有修改被之后的合并留作冲突：图斑核查记录 P0000000，"
                         "要素 "), zh
    assert "tab-b.gpkg.zip 的合并作为冲突暂存，未写入" in zh, zh


def test_an_undo_blocked_by_an_edit_kept_aside_and_by_a_later_change_says_both(tmp_path,
                                                                              capsys):
    """tab-a deleted a record tab-b had edited (tab-b's edit, merged later, kept aside in a
    conflict) and changed another, which tab-c changed again: the undo of tab-a's merge is
    refused over rows changed after it or with an edit kept aside, not all said changed."""
    edited, changed = ("WHERE patch_code = 'P0000000'", "WHERE patch_code = 'P0000001'")
    master, merged = _edited_in_turn(tmp_path, capsys, (
        ("tab-b", f"UPDATE patch_verifications SET notes = 'b' {edited}"),
        ("tab-a", (f"DELETE FROM patch_verifications {edited}",
                   f"UPDATE patch_verifications SET notes = 'a' {changed}")),
        ("tab-c", f"UPDATE patch_verifications SET notes = 'c' {changed}")),
        merged_in=("tab-a", "tab-b", "tab-c"), verifications=2)
    code, said = cli_said(capsys, "undo-merge", master, merged["tab-a"])
    assert code == errors.REFUSED, said
    assert "cannot undo: 2 rows changed after the merge or with an edit a later merge kept " \
        "aside: Patch verifications P0000000, row " in said and \
        "(deleted, edited by tab-b at " in said and "(Notes, changed by tab-c at " in said, said
    zh = chinese(said.strip().removeprefix("field-kit: "))
    assert zh.startswith("无法撤销：2 个要素在合并之后又被修改或有修改被之后的合并留作冲突："
                         "图斑核查记录 P0000000，要素 "), zh


@pytest.mark.parametrize("first, sets", [
    ("UPDATE patch_verifications SET year_closed = 2030, verified_on = '2024-05-01'",
     "year_closed = 2020"),
    ("UPDATE patch_verifications SET year_closed = 2030, verified_on = '2024-05-01'",
     "year_closed = 2020, verified_on = '2024-07-01'")])
def test_an_undo_puts_back_a_record_as_it_was_when_nothing_wrote_it_since(tmp_path, capsys,
                                                                           first, sets):
    """A record that broke the year rule before the merge (closed 2030, verified 2024),
    mended by a technician: undoing that merge, with nothing written since, puts it back
    as it was, rule and all; it was refused as if another field had been written since."""
    master, merged = _edited_in_turn(tmp_path, capsys, (
        ("tab-a", f"UPDATE patch_verifications SET {sets}"),), first=first)
    code, said = cli_said(capsys, "undo-merge", master, merged["tab-a"])
    assert code == errors.OK, said
    assert read_file(master)("SELECT year_closed, verified_on FROM patch_verifications") == [
        (2030, "2024-05-01")]


def test_a_decision_on_an_earlier_merges_conflict_is_set_by_hand_not_undone_first(
        tmp_path, capsys):
    """tab-a, tab-b and tab-c change a record's notes in turn, merged in that order; conflict
    1 (tab-b's merge) is settled after tab-c's merge. Undoing tab-c's merge said to undo
    tab-b's, the earlier, first, whose undo asks for tab-c's first: neither could be undone,
    and the row set back by hand was refused again. The decision is set by hand as an edit
    in the master is, and once the row holds what it held before, the undo goes through."""
    master, merged = _edited_in_turn(tmp_path, capsys, [
        (dev, f"UPDATE patch_verifications SET notes = 'from {dev}'")
        for dev in ("tab-a", "tab-b", "tab-c")])
    # (over tab-c's notes, which its own conflict 2 holds: on purpose)
    assert cli_said(capsys, "resolve", master, "1", "--take", "theirs",
                    "--over-later-edit")[0] == errors.OK
    msg, zh = _refused(capsys, master, merged["tab-c"])
    assert "(settling conflict 1 of the merge of tab-b.gpkg.zip)" in msg, msg
    assert "undo the later merge" not in msg and "set those rows by hand" in msg, msg
    assert "撤销之后的合并" not in zh and "请手工将其改为不经该次合并时应有的值" in zh, zh
    edit(master, "UPDATE patch_verifications SET notes = 'from tab-b'")
    code, said = cli_said(capsys, "undo-merge", master, merged["tab-c"])
    assert code == errors.OK, said
    assert "1 row edited in the master since was set back by hand" in said, said
    assert read_file(master)("SELECT notes FROM patch_verifications") == [("from tab-b",)]


@pytest.mark.parametrize("other", ["edit in the master", "earlier merge's decision"])
def test_a_decision_writing_back_the_value_before_is_reverted_not_said_set_by_hand(
        tmp_path, capsys, other):
    """tab-b's merge meets tab-a's notes; its conflict is settled with the notes tab-a gave,
    what the record held before that merge; then another field of the record is written,
    in the master itself or by settling an earlier merge's conflict. Undoing tab-b's merge
    reverted nothing and said the row had been set back by hand, beside saying what settling
    its conflict wrote was reverted: the decision is reverted, with the merge's change."""
    edits = [("tab-c", "UPDATE patch_verifications SET verifier = 'from tab-c'"),
             ("tab-a", "UPDATE patch_verifications SET verifier = 'from tab-a', "
                       "notes = 'from tab-a'"),
             ("tab-b", "UPDATE patch_verifications SET notes = 'from tab-b'")]
    master, merged = _edited_in_turn(tmp_path, capsys, edits if other != "edit in the master"
                                     else edits[1:])
    read = read_file(master)
    (notes_conflict,) = read("SELECT id FROM sync_conflicts WHERE merge_id = ?",
                             merged["tab-b"])[0]
    assert cli_said(capsys, "resolve", master, notes_conflict, "--value",
                    "from tab-a")[0] == errors.OK
    if other == "edit in the master":
        edit(master, "UPDATE patch_verifications SET verifier = 'Zhao'")
    else:
        (verifier_conflict,) = read("SELECT id FROM sync_conflicts WHERE merge_id = ?",
                                    merged["tab-a"])[0]
        assert cli_said(capsys, "resolve", master, verifier_conflict, "--value",
                        "Zhao")[0] == errors.OK
    code, said = cli_said(capsys, "undo-merge", master, merged["tab-b"])
    assert code == errors.OK, said
    assert f"merge {merged['tab-b']} undone: 1 change reverted, and 1 value written settling " \
        "its conflicts" in said, said
    assert "set back by hand" not in said, said
    assert "改回" not in chinese(said), said
    assert read("SELECT notes, verifier FROM patch_verifications") == [("from tab-a", "Zhao")]
