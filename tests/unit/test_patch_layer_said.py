"""Patches counted as the layer holds them, said: a township the townships layer no
longer holds, and a patch code two patches hold (a row copied)."""

from __future__ import annotations

from field_kit import errors
from field_kit.db import connect, file_columns
from field_kit.reports.plan_check import check_plan
from field_kit.reports.progress import progress
from tests.unit.test_progress import run_cli

COPIED = "CT6504222017000026002"


def test_a_township_no_longer_in_the_layer_is_named_with_its_patches(master, capsys,
                                                                     chinese_locale):
    conn = connect(master)
    conn.execute("DELETE FROM townships WHERE name_zh = '郭勒布依乡'")
    conn.commit()
    conn.close()
    p = progress(master)
    assert next(g for g in p.by_township if g.group == "郭勒布依乡").patches == 4  # (counted)
    said = [c.text for c in p.cautions if "郭勒布依乡" in c.text.zh]
    assert [t.zh for t in said] == ["4 个图斑的乡镇“郭勒布依乡”不在乡镇图层中：已按此名称单列计入，"
                                    "请核对乡镇图层或这些图斑所填的乡镇"], said
    assert said[0].en.startswith("4 patches name the township 郭勒布依乡, which is not in "
                                 "the townships layer")
    found = [f for f in check_plan(master).findings if f.id == "patch_township_not_held"]
    assert [(f.severity, f.figures) for f in found] == [
        ("inconsistency", {"township": "郭勒布依乡", "patches": 4})]
    assert run_cli("check-plan", master) == errors.PLAN_INCONSISTENT
    assert "4 个图斑所填乡镇“郭勒布依乡”不在乡镇图层中" in capsys.readouterr().out


def test_a_patch_code_two_patches_hold_is_named(master, capsys, chinese_locale):
    conn = connect(master)
    columns = [c for c in file_columns(conn, "mine_patches") if c not in ("fid", "uuid")]
    listed = ", ".join(f'"{c}"' for c in columns)
    conn.execute(f"INSERT INTO mine_patches ({listed}) SELECT {listed} FROM mine_patches "
                 "WHERE patch_code = ?", (COPIED,))
    conn.commit()
    conn.close()
    p = progress(master)
    assert p.total.patches == 12  # (each counted, as the layer holds them)
    said = [c for c in p.cautions if c.patch_code == COPIED]
    assert [c.text.zh for c in said] == [
        f"图斑编号 {COPIED} 为 2 个图斑共有（疑为复制的行）：各计为一个图斑，图斑数因此多计 1 个，"
        "请核对并删去多余的图斑"], said
    assert f"the patch code {COPIED} is held by 2 patches" in said[0].text.en
    found = [f for f in check_plan(master).findings if f.id == "patch_code_shared"]
    assert [(f.severity, f.figures) for f in found] == [
        ("inconsistency", {"patch_code": COPIED, "patches": 2})]
    assert run_cli("progress", master) == errors.OK
    assert f"图斑编号 {COPIED} 为 2 个图斑共有" in capsys.readouterr().out


def test_the_plan_as_shipped_passes_both(master):
    check = check_plan(master)
    assert not [f for f in check.findings if f.id.startswith("patch_township")
                or f.id == "patch_code_shared"]
    assert "patch_layer" in [f.id for f in check.passed]
