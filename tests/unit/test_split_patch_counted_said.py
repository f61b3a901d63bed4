# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch split in the master (QGIS's Split Features: the new part keeps the patch code):
progress says to give the new part its own code or merge the parts back, never to delete
the extra one (that deleted half the patch); check-plan's count of the phase's patches says
it counted the code twice."""

from __future__ import annotations

from field_kit.db import connect, file_columns
from field_kit.reports.plan_check import check_plan
from field_kit.reports.progress import progress
from tests.unit.test_split_keeping_its_code import CODE, half


def test_a_patch_split_in_the_master_is_said_as_a_split(master, chinese_locale):
    west, east = half(master), half(master, west=False)
    conn = connect(master)
    columns = [c for c in file_columns(conn, "mine_patches") if c not in ("fid", "uuid", "geom")]
    listed = ", ".join(f'"{c}"' for c in columns)
    conn.execute("UPDATE mine_patches SET geom = ? WHERE patch_code = ?", (west, CODE))
    conn.execute(f"INSERT INTO mine_patches (geom, {listed}) SELECT ?, {listed} FROM "
                 "mine_patches WHERE patch_code = ?", (east, CODE))
    conn.commit()
    conn.close()
    said = [c.text for c in progress(master).cautions if c.patch_code == CODE]
    assert [t.en for t in said] == [
        f"the patch code {CODE} is held by 2 patches whose shapes meet (a patch split, its new "
        "part keeping the code?): each is counted as a patch, 1 more than there are; give the "
        "new part its own patch code, or merge the parts back into one patch (Merge Selected "
        "Features in QGIS), rather than delete a part, which would take that part of the "
        "patch away"], said
    assert said[0].zh.startswith(f"图斑编号 {CODE} 为 2 个相邻的图斑共有（疑为分割的图斑"), said
    assert "删去多余" not in said[0].zh
    check = check_plan(master)
    (count,) = [f for f in check.findings + check.passed
                if f.id == "mine_patch_count_2021_2025"]
    assert count.figures["listed_patches"] == 6 and count.figures["codes_counted_again"] == {
        CODE: 2}, count.figures
    assert count.message.en.endswith(
        f" Of them, the patch code {CODE} is counted 2 times (held by more than one patch: a "
        "patch split, or a row copied): 5 patches by their codes."), count.message.en
    assert count.message.zh.endswith(
        f"其中图斑编号 {CODE} 计了 2 次（为多个图斑共有：分割的图斑或复制的行），"
        "按编码计为 5 个图斑。"), count.message.zh
