# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan as the toolkit ships it (``resources/toksun_plan.gpkg``, built from the plan's
text), for what a master made by an earlier version does not hold.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable, TypeVar

from ..db import connect, file_columns, table_exists

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "toksun_plan.gpkg"

T = TypeVar("T")


def read(what: Callable[[sqlite3.Connection], T], shipped: Path | None = None) -> T | None:
    """``what`` read from the plan as shipped, opened read-only; None where it is not
    there (a toolkit installed without it)."""
    shipped = shipped or SHIPPED
    if not shipped.is_file():
        return None
    plan = connect(shipped, readonly=True)
    try:
        return what(plan)
    finally:
        plan.close()


def _units_en(conn: sqlite3.Connection) -> dict[str, str]:
    if not table_exists(conn, "project_targets") or \
            "unit_en" not in file_columns(conn, "project_targets"):
        return {}
    return {uuid: en for uuid, en in conn.execute(
        "SELECT uuid, unit_en FROM project_targets WHERE trim(coalesce(unit_en, '')) <> ''")}


def target_units_en(conn: sqlite3.Connection, shipped: Path | None = None) -> dict[str, str]:
    """Each project target's unit in English by the target's uuid, for a count what the plan
    counts (25个村庄: villages): as ``conn`` (a master) holds it, else as the plan ships it
    (a master made before targets had it); none for a target the plan has not."""
    held = _units_en(conn)
    uuids = [r[0] for r in conn.execute("SELECT uuid FROM project_targets")] \
        if table_exists(conn, "project_targets") else []
    if all(u in held for u in uuids):
        return held
    return {**(read(_units_en, shipped) or {}), **held}
