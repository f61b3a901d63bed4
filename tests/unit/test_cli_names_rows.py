# SPDX-License-Identifier: GPL-2.0-or-later
"""What the command line says of a row, as people know it: progress's open conflicts, a
row's history, the conflicts listing and a pull's refused edits, in English and Chinese."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from tests.unit.cli_run import history_json
from tests.unit.gpkg_factory import edit, make_gdal_layer, rows

PATCH = "CT6504222016000037002"


def fk(*args) -> int:
    return main([str(a) for a in args])


def gis_packages(master, tmp_path, *devices):
    out = []
    for d in devices:
        pkg = tmp_path / f"{d}.gpkg"
        assert fk("checkout", master, pkg, "--device", d, "--role", "gis") == errors.OK
        out.append(pkg)
    return out


def exported_and_merged(master, *packages) -> int:
    """``packages`` exported, then merged at once in the order given: merge's exit code."""
    for pkg in packages:
        assert fk("export", pkg, pkg.with_suffix(".zip")) == errors.OK
    return fk("merge", master, *(pkg.with_suffix(".zip") for pkg in packages))


def test_progress_names_a_patch_whose_deletion_clashed_by_its_code(master, tmp_path, capsys,
                                                                   chinese_locale):
    """A patch deleted on one device and edited on another: progress names the open
    conflict by the patch's code, not as a project inspection."""
    one, two = gis_packages(master, tmp_path, "gis-1", "gis-2")
    edit(one, "DELETE FROM mine_patches WHERE patch_code = ?", PATCH)
    time.sleep(0.01)
    edit(two, "UPDATE mine_patches SET project_name = project_name || '（核）' "
              "WHERE patch_code = ?", PATCH)
    assert exported_and_merged(master, two, one) == errors.CONFLICTS
    capsys.readouterr()
    assert fk("progress", master) == errors.OK
    said = [line for line in capsys.readouterr().out.splitlines() if "冲突未处理" in line
            or "open conflict" in line]
    assert len(said) == 2, said
    assert f"图斑 {PATCH} 有 1 项冲突未处理（整个要素）" in said[0], said
    assert f"the patch {PATCH} has 1 open conflict (the whole row)" in said[1], said
    assert not any("inspection" in s or "检查记录" in s for s in said), said


def test_history_of_a_code_with_no_change_finds_its_row(master, capsys, chinese_locale):
    """A patch as the plan put it in the master, never changed: history names its row and
    says no change is recorded (found, not an error); a code no row holds or held is."""
    assert fk("history", master, "CT6504222017000026002") == errors.OK
    out = capsys.readouterr().out
    assert "CT6504222017000026002 is row " in out and " of mine_patches: no change " \
        "recorded since it was put in the master" in out, out
    assert "的要素 " in out and "：放入主库以来没有修改记录" in out, out
    assert fk("history", master, "CT6504222017000026002", "--json") == errors.OK
    assert history_json(capsys.readouterr().out)["changes"] == []
    assert fk("history", master, "NOSUCHCODE") == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "no recorded change for row NOSUCHCODE (history takes a row's uuid, or a patch " \
        "code, project id or program id, or a feature's name): no row holds or held " \
        "NOSUCHCODE as its code, id or name" in err, err
    assert "没有要素现在或曾经以 NOSUCHCODE 为编码或名称" in err, err


def _settled_and_listed(master, tmp_path, capsys, *how) -> tuple[int, list[str]]:
    """Two devices' project names of a patch in conflict, the first conflict settled as
    ``how`` says; its id and the lines of conflicts --every."""
    one, two = gis_packages(master, tmp_path, "gis-1", "gis-2")
    edit(one, "UPDATE mine_patches SET project_name = 'a' WHERE patch_code = ?", PATCH)
    time.sleep(0.01)
    edit(two, "UPDATE mine_patches SET project_name = 'b' WHERE patch_code = ?", PATCH)
    assert exported_and_merged(master, one, two) == errors.CONFLICTS
    capsys.readouterr()
    assert fk("conflicts", master) == errors.CONFLICTS
    first = int(capsys.readouterr().out.split("#", 1)[1].split()[0])
    assert fk("resolve", master, first, *how) == errors.OK
    capsys.readouterr()
    assert fk("conflicts", master, "--every") == errors.OK
    return first, capsys.readouterr().out.splitlines()


def test_every_conflict_is_listed_in_chinese(master, tmp_path, capsys, chinese_locale):
    """conflicts --every, for a user whose locale is Chinese: the kind of each conflict and
    how it was settled in Chinese too, not only as the command line takes them."""
    first, out = _settled_and_listed(master, tmp_path, capsys, "--take", "ancestor")
    zh = [line for line in out if "已处理" in line or "处理：" in line]
    assert len(zh) == 2, out
    assert f"#{first} 已处理 修改/修改 历史遗留矿山图斑 {PATCH}（要素 " in zh[0], zh
    assert "）字段 项目名称 来自 " in zh[0], zh
    assert zh[1].startswith("    处理：采用共同祖先值，处理人 "), zh
    assert not any("update" in line or "take:" in line for line in zh), zh
    assert any("update/update" in line for line in out) and \
        any(line.startswith("    take:ancestor by ") for line in out), out  # (English stays)


@pytest.mark.parametrize("typed", ["", "NULL"])
def test_a_conflict_settled_by_emptying_its_field_is_listed_as_emptied(
        master, tmp_path, capsys, chinese_locale, typed):
    """conflicts --every says a field emptied by the decision (--value '' or NULL) is
    emptied, not a value left blank ("value: by …", "改为指定值 ，…")."""
    _, out = _settled_and_listed(master, tmp_path, capsys, "--value", typed)
    assert any(line.startswith("    value: emptied (NULL) by ") for line in out), out
    assert any(line.startswith("    处理：清空该字段（NULL），处理人 ") for line in out), out


def test_a_typed_value_with_a_line_break_is_listed_on_its_own_line(master, tmp_path, capsys,
                                                                   chinese_locale):
    """A note typed to settle a conflict with a line break, a tab and a quote in it:
    conflicts --every shows the decision quoted, as it shows the sides, one line each in
    English and Chinese (the break did not cut them in two)."""
    typed = '核实：已复绿\n第二行\t"引号" 🌳'
    _, out = _settled_and_listed(master, tmp_path, capsys, "--value", typed)
    said = json.dumps(typed, ensure_ascii=False)
    assert any(line.startswith(f"    value:{said} by ") for line in out), out
    assert any(line.startswith(f"    处理：改为指定值 {said}，处理人 ") for line in out), out
    assert not any(line.startswith("第二行") for line in out), out


def test_a_number_typed_in_full_width_digits_is_listed_as_written(tmp_path, capsys,
                                                                  chinese_locale):
    """A county layer's whole-number field settled with ６５ typed (full-width digits): the
    field holds 65, and conflicts --every shows 65, what was written, not what was typed,
    in English, in Chinese and as --json."""
    master = make_gdal_layer(tmp_path / "林业 数据.gpkg", 4)
    assert fk("init", master) == errors.OK
    one, two = gis_packages(master, tmp_path, "技术员-张三", "技术员-李四")
    edit(one, "UPDATE forest_stands SET crown_cover = 30 WHERE stand_id = 'S00000001'")
    time.sleep(0.01)
    edit(two, "UPDATE forest_stands SET crown_cover = 40 WHERE stand_id = 'S00000001'")
    assert exported_and_merged(master, one, two) == errors.CONFLICTS
    capsys.readouterr()
    assert fk("resolve", master, 1, "--value", "６５") == errors.OK
    assert rows(master, "SELECT crown_cover FROM forest_stands WHERE stand_id = "
                "'S00000001'") == [(65,)]
    capsys.readouterr()
    assert fk("conflicts", master, "--every") == errors.OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any(line.startswith("    value:65 by ") for line in lines), out
    assert any(line.startswith("    处理：改为指定值 65，处理人 ") for line in lines), out
    assert "６５" not in out, out
    assert fk("conflicts", master, "--every", "--json") == errors.OK
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["resolution"] == "value:65", listed


def test_a_pull_names_a_refused_edit_of_a_code_by_the_code_it_had(master, tmp_path, capsys,
                                                                   chinese_locale):
    """A patch's code emptied, blanked, or changed to another patch's: the master refuses
    each, and the pull names the edited patch by the code it held (not the project's id, a
    blank, or the other patch's code), in Chinese too."""
    one, two = gis_packages(master, tmp_path, "gis-1", "gis-2")
    edit(one, "UPDATE mine_patches SET patch_code = '' WHERE patch_code = ?",
         "CT6504222017000026001")
    edit(one, "UPDATE mine_patches SET patch_code = '  ' WHERE patch_code = ?",
         "CT6504222017000026003")
    edit(two, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?",
         "CT6504222017000026002", "CT6504222016000053002")
    assert exported_and_merged(master, one, two) == errors.REFUSED
    capsys.readouterr()
    said = []
    for pkg in (one, two):
        assert fk("pull", pkg, master) == errors.OK
        said += [line.strip() for line in capsys.readouterr().out.splitlines()
                 if line.strip().startswith(("your ", "本机对"))]
    codes = ("CT6504222017000026001", "CT6504222017000026003", "CT6504222016000053002")
    assert said == [line for code in codes for line in (
        f"your edit of mine_patches {code} (patch_code) was refused, as the merge said; mend "
        "what the merge named, then export: it is sent again",
        f"本机对历史遗留矿山图斑 {code}（图斑编号）的修改被主库拒收（原因见合并时的说明）；"
        "请先修正合并时指出的问题，再导出：它将被重新发送")], said


def test_history_says_a_deleted_patch_whose_later_edit_was_kept_aside_is_deleted(
        master, tmp_path, capsys):
    """A patch deleted, a new one given its code, and a later edit of the old one kept
    aside (its row deleted, its code held): `history CODE` says the old row was deleted
    since, not renamed."""
    one, two = gis_packages(master, tmp_path, "gis-1", "gis-2")
    with sqlite3.connect(master) as conn:
        (old,) = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?",
                              (PATCH,)).fetchone()
    edit(one, "DELETE FROM mine_patches WHERE patch_code = ?", PATCH)
    time.sleep(0.01)
    edit(two, "INSERT INTO mine_patches (geom, patch_code, project_uuid, project_id, township, "
              "mineral, phase) SELECT geom, ?, project_uuid, project_id, township, mineral, "
              "phase FROM mine_patches WHERE patch_code = 'CT6504222016000053002'", PATCH)
    edit(two, "UPDATE mine_patches SET project_name = project_name || '（核）' WHERE uuid = ?",
         old)
    for pkg in (one, two):  # one merge after the other
        exported_and_merged(master, pkg)
    capsys.readouterr()
    assert fk("history", master, PATCH) == errors.OK
    out = capsys.readouterr().out
    assert f"{PATCH} also named row {old} of mine_patches, deleted since" in out, out
