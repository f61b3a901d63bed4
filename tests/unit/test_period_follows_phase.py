# SPDX-License-Identifier: GPL-2.0-or-later
"""A package changing a patch's phase 近期 → 中期 and not its period was merged leaving the
period 2021-2025年, the record contradicting itself, nothing said. The merge gives the patch
its phase's period, logged, and says so; a period set after the phase that disagrees with it
is left, and warned of, naming the patch and both values, in English and Chinese."""

import json

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit

CODE = "CT6504222017000026002"
FOLLOWED = (f"mine_patches {CODE}: period 2021-2025年 made 2026-2030年, the period of its "
            "phase 中期")
APART = (f"mine_patches {CODE}: period 2031-2035年 is not the period of its phase 中期 "
         "(2026-2030年), and was set after the phase; left as it is: make them agree")
PUT_BACK = "1 period given with this merge to patches whose phase it changed put back with it"


def _merged(master, tmp_path, capsys, *sql: str) -> list:
    pkg = str(tmp_path / "gis-1.gpkg")
    assert main(["checkout", str(master), pkg, "--device", "gis-1", "--role", "gis",
                 "--township", "郭勒布依乡"]) == errors.OK
    for one in sql:  # (each its own edit, in this order)
        edit(pkg, one, CODE)
    assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    capsys.readouterr()
    assert main(["merge", str(master), f"{pkg}.zip", "--json"]) == errors.OK
    report = json.loads(capsys.readouterr().out)
    return [f for f in report["codes_followed"] if f["table"] == "mine_patches" and
            "period" in f["what"]]


def _period(master) -> str:
    return connect(master).execute("SELECT period FROM mine_patches WHERE patch_code = ?",
                                   (CODE,)).fetchone()[0]


def test_a_phase_merged_alone_gives_the_patch_its_period_logged_and_said(master, tmp_path,
                                                                         capsys):
    (said,) = _merged(master, tmp_path, capsys,
                      "UPDATE mine_patches SET phase = '中期' WHERE patch_code = ?")
    assert said["said"] == FOLLOWED and said["what"] == "period of its phase"
    assert _period(master) == "2026-2030年"
    conn = connect(master)
    (new,) = [json.loads(n) for (n,) in conn.execute(
        "SELECT new FROM sync_changes WHERE tbl = 'mine_patches' AND new LIKE '%period%' AND "
        "row_uuid = (SELECT uuid FROM mine_patches WHERE patch_code = ?)", (CODE,))]
    assert new == {"period": "2026-2030年"}
    assert chinese(FOLLOWED) == (f"历史遗留矿山图斑 {CODE}：治理时段由 2021-2025年 改为 "
                                 "2026-2030年，即其治理阶段“中期”的时段")


def test_a_period_set_after_the_phase_unlike_it_is_kept_and_warned_of(master, tmp_path,
                                                                      capsys):
    (said,) = _merged(master, tmp_path, capsys,
                      "UPDATE mine_patches SET phase = '中期' WHERE patch_code = ?",
                      "UPDATE mine_patches SET period = '2031-2035年' WHERE patch_code = ?")
    assert said["said"] == APART and said["what"] == "period unlike its phase"
    assert _period(master) == "2031-2035年"
    assert chinese(APART) == (f"历史遗留矿山图斑 {CODE}：治理时段 2031-2035年 不是其治理阶段"
                              "“中期”的时段（2026-2030年），且是在设定阶段之后填写的；已按原样"
                              "保留，请使二者一致")



def test_an_undo_of_the_merge_takes_the_period_back_with_the_phase(master, tmp_path, capsys):
    """The period the merge gave is logged under the merge: undone with its phase, and said
    as a period put back (not as a code given to a row naming another)."""
    before = connect(master).execute("SELECT phase, period FROM mine_patches WHERE "
                                     "patch_code = ?", (CODE,)).fetchone()
    _merged(master, tmp_path, capsys,
            "UPDATE mine_patches SET phase = '中期' WHERE patch_code = ?")
    (merge_id,), = connect(master).execute("SELECT merge_id FROM sync_merges").fetchall()
    assert main(["undo-merge", str(master), merge_id]) == errors.OK
    out = capsys.readouterr().out
    assert "undone: 1 change reverted" in out and PUT_BACK in out and "code" not in out, out
    assert chinese(PUT_BACK) == "此次合并随治理阶段给图斑写入的 1 个治理时段也一并还原"
    assert connect(master).execute("SELECT phase, period FROM mine_patches WHERE "
                                   "patch_code = ?", (CODE,)).fetchone() == before
