# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict on a patch's phase settled (take theirs, or a value typed) wrote the phase and
left the period of the one before, the record contradicting itself. The period follows the
phase decided, in the same transaction, logged with the decision, and said."""

import json

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit

CODE = "CT6504222017000026002"
FOLLOWED = (f"mine_patches {CODE}: period 2031-2035年 made 2026-2030年, the period of its "
            "phase 中期")
DECISIONS = [["--take", "theirs"], ["--value", "中期"]]


def a_phase_settled_gives_its_period(master, tmp_path, capsys, decision, write, read) -> None:
    """A package sets the patch 中期 alone, then the master 远期 with its period (as QGIS's
    form does; ``write(sql)``): a conflict on the phase, the master's kept, settled by
    ``decision``; ``read(sql)``: the rows, as tuples."""
    pkg = str(tmp_path / "gis-1.gpkg")
    assert main(["checkout", str(master), pkg, "--device", "gis-1", "--role", "gis",
                 "--township", "郭勒布依乡"]) == errors.OK
    edit(pkg, "UPDATE mine_patches SET phase = '中期' WHERE patch_code = ?", CODE)
    write(f"UPDATE mine_patches SET phase = '远期', period = '2031-2035年' WHERE patch_code = "
          f"'{CODE}'")
    assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    main(["merge", str(master), f"{pkg}.zip"])
    (conflict,), = read("SELECT id FROM sync_conflicts WHERE status = 'open' AND "
                        "field = 'phase'")
    capsys.readouterr()
    assert main(["resolve", str(master), str(conflict), *decision]) == errors.OK
    assert FOLLOWED in capsys.readouterr().out
    assert read(f"SELECT phase, period FROM mine_patches WHERE patch_code = '{CODE}'") == [
        ("中期", "2026-2030年")]
    (origin, new), = read("SELECT origin, new FROM sync_changes WHERE tbl = 'mine_patches' "
                          "AND new LIKE '%%period%%' AND origin LIKE 'resolve:%%'")
    assert (origin, json.loads(new)) == (f"resolve:{conflict}", {"period": "2026-2030年"})


@pytest.mark.parametrize("decision", DECISIONS)
def test_a_phase_settled_gives_the_patch_its_period_logged_and_said(master, tmp_path, capsys,
                                                                    decision):
    a_phase_settled_gives_its_period(
        master, tmp_path, capsys, decision, lambda sql: edit(master, sql),
        lambda sql: [tuple(r) for r in connect(master, readonly=True).execute(sql)])
    assert chinese(FOLLOWED) == (f"历史遗留矿山图斑 {CODE}：治理时段由 2031-2035年 改为 "
                                 "2026-2030年，即其治理阶段“中期”的时段")


def test_a_period_decided_after_the_phase_unlike_it_is_kept_and_warned_of(master, tmp_path,
                                                                         capsys):
    """The phase and the period settled together, the period after the phase and unlike
    it: the period decided is kept, and resolve warns of it (stderr), naming both."""
    pkg = str(tmp_path / "gis-1.gpkg")
    assert main(["checkout", str(master), pkg, "--device", "gis-1", "--role", "gis",
                 "--township", "郭勒布依乡"]) == errors.OK
    edit(pkg, "UPDATE mine_patches SET phase = '中期', period = '2026-2030年' WHERE "
         "patch_code = ?", CODE)
    edit(master, "UPDATE mine_patches SET phase = '远期', period = '2031-2035年' WHERE "
         "patch_code = ?", CODE)
    assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    main(["merge", str(master), f"{pkg}.zip"])
    ids = dict(connect(master).execute("SELECT field, id FROM sync_conflicts WHERE status = "
                                       "'open'").fetchall())
    capsys.readouterr()
    assert main(["resolve", str(master), str(ids["phase"]), str(ids["period"]), "--value",
                 "中期", "--value", "2021-2025年"]) == errors.OK
    err = capsys.readouterr().err
    assert (f"field-kit: warning: mine_patches {CODE}: period 2021-2025年 is not the period "
            "of its phase 中期 (2026-2030年), and was set after the phase; left as it is: "
            "make them agree") in err, err
    assert connect(master).execute("SELECT phase, period FROM mine_patches WHERE patch_code "
                                   "= ?", (CODE,)).fetchone() == ("中期", "2021-2025年")
