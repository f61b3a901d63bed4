# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's phase changed in the master itself without its period (the sqlite3 shell,
ogrinfo) kept the period of the phase before, the record contradicting itself. The next
command that follows the master's own edits gives it its phase's period, logged as the
master's edit, and says so; a master marked read-only keeps it, and that is said."""

import json
import os

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit

CODE = "CT6504222017000026002"
FOLLOWED = (f"mine_patches {CODE}: period 2021-2025年 made 2026-2030年, the period of its "
            "phase 中期")
PHASED = f"UPDATE mine_patches SET phase = '中期' WHERE patch_code = '{CODE}'"


def a_phase_edited_in_the_master_gets_its_period(master, capsys, write, read) -> None:
    """``write(sql)`` as a user would in the master; ``read(sql)``: the rows, as tuples."""
    write(PHASED)
    assert main(["progress", str(master)]) == errors.OK
    assert FOLLOWED in capsys.readouterr().out
    assert read(f"SELECT phase, period FROM mine_patches WHERE patch_code = '{CODE}'") == [
        ("中期", "2026-2030年")]
    logged = read("SELECT origin, new FROM sync_changes WHERE tbl = 'mine_patches' AND new "
                  "LIKE '%%period%%'")  # (%% for psycopg: as one % to SQLite's LIKE)
    assert [(o, json.loads(n)) for o, n in logged] == [("local", {"period": "2026-2030年"})]
    # looked at once: the next command finds nothing more to follow
    assert main(["progress", str(master)]) == errors.OK
    assert "period" not in capsys.readouterr().out


def _read(master):
    return lambda sql: [tuple(r) for r in connect(master, readonly=True).execute(sql)]


def test_a_phase_edited_in_the_master_gets_its_period_from_the_next_command(master, capsys):
    a_phase_edited_in_the_master_gets_its_period(master, capsys, lambda sql: edit(master, sql),
                                                 _read(master))


def test_a_read_only_master_keeps_the_period_and_says_so(master, capsys):
    edit(master, PHASED)
    os.chmod(master, 0o444)
    assert main(["progress", str(master)]) == errors.OK
    left = (f"mine_patches: the period of the phase written in the master itself since the "
            f"last command that wrote not given: {master} is read-only; left as it was")
    assert left in capsys.readouterr().err
    assert _read(master)(f"SELECT period FROM mine_patches WHERE patch_code = '{CODE}'") == [
        ("2021-2025年",)]
    assert chinese(left) == ("历史遗留矿山图斑：自上次写入以来在主库中直接修改过治理阶段的图斑，"
                             f"其治理时段未随之改为该阶段的时段：{master} 为只读；保持原值")
