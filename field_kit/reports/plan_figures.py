# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's own figures as a master holds them, against the plan's as the toolkit ships
them (``resources/toksun_plan.gpkg``, built from the plan's text).

The reports read every target from the master, where anyone who may edit it can change one
(2.46 typed over as 2.64): printed as "the plan's", the figure would be wrong unseen. Each
figure the master holds otherwise, and each the plan has that the master has not, is said.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..bilingual import Text
from ..db import connect, table_exists
from ..plan.shipped import SHIPPED

# The plan's figures by table: what names a row, the figures, and how a row is shown
COMPARED = {
    "plan_indicators": (("indicator_id",), ("value_2020", "value_2025", "value_2035",
                                            "value_other", "unit"), "name_zh", "name_en"),
    "project_targets": (("project_id", "target_zh"), ("quantity", "unit"), "target_zh",
                        "target_en"),
}


@dataclass(frozen=True)
class Changed:
    """A figure of the plan the master holds otherwise (``master`` None: a row the plan
    has and the master has not)."""

    table: str
    key: tuple
    column: str
    master: object
    plan: object
    name: Text
    section: str = ""

    @property
    def who(self) -> str:
        return " ".join(str(k) for k in self.key)


def _figures(conn: sqlite3.Connection, table: str) -> dict[tuple, dict]:
    keys, columns, zh, en = COMPARED[table]
    if not table_exists(conn, table):
        return {}
    have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    chosen = [c for c in (*keys, *columns, zh, en, "section") if c in have]
    if not set(keys) <= have:
        return {}
    rows = conn.execute(f"SELECT {', '.join(chosen)} FROM {table} ORDER BY fid")
    return {tuple(r[c] for c in keys): r for r in (dict(zip(chosen, row)) for row in rows)}


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def _moved(held: dict, row: dict, columns) -> set[str]:
    """The year columns of a figure the plan as shipped holds under another year than the
    master, the same figure, each column empty on the other side: a master made before the
    shipped plan gave the figure its year (628.8634万亩 of grassland, now the plan's 2020
    figure, held with no year). Both columns; no figure of the plan changed."""
    years = [c for c in columns if c.startswith("value_") and c in held]
    came = [c for c in years if held[c] is None and row[c] is not None]
    out: set[str] = set()
    for c in years:
        if held[c] is not None and row[c] is None:
            to = next((d for d in came if d not in out and _same(held[c], row[d])), None)
            if to is not None:
                out |= {c, to}
    return out


def changed(conn: sqlite3.Connection, shipped: Path | None = None) -> list[Changed] | None:
    """The plan's figures ``conn`` (a master) holds otherwise than the plan as shipped
    (``shipped``, :data:`SHIPPED` by default); None where it is not there to compare with."""
    shipped = shipped or SHIPPED
    if not shipped.is_file():
        return None
    plan = connect(shipped, readonly=True)
    try:
        out = []
        for table, (_, columns, zh, en) in COMPARED.items():
            ours, theirs = _figures(conn, table), _figures(plan, table)
            for key, row in theirs.items():
                name = Text(str(row.get(zh) or ""), str(row.get(en) or row.get(zh) or ""))
                held = ours.get(key)
                section = str(row.get("section") or "")
                if held is None:
                    out.append(Changed(table, key, "", None, None, name, section))
                    continue
                moved = _moved(held, row, columns)
                out += [Changed(table, key, c, held[c], row[c], name, section) for c in columns
                        if c in held and c not in moved and not _same(held[c], row[c])]
        return out
    finally:
        plan.close()


def _value(v) -> str:
    if v is None or v == "":
        return "—"
    return f"{v:.15g}" if isinstance(v, float) else str(v)  # (628.8634, not 628.863)


def row_named(c: Changed) -> Text:
    """The row of ``c`` as a reader knows it: an indicator by its title, a project's
    target by its project and its target, in each language."""
    if c.table == "plan_indicators":
        return c.name
    return Text(c.who, f"{c.key[0]} {c.name.en}")


def said(c: Changed) -> Text:
    """One changed figure, in both languages (in Chinese by the table's title and the
    field's label, an indicator by its name: no internal name a supervisor would not know)."""
    from ..plan.values import column_named, field_label
    row = (f"“{c.name.zh}”" if c.table == "plan_indicators" else f" {c.who} ")
    where = f"{column_named(c.table, 'zh')}{row}"
    if c.master is None and not c.column:
        return Text(f"{where.rstrip()}：规划中有，总库中没有",
                    f"{c.table} {c.who} ({c.name.en}): in the plan, not in the master")
    return Text(f"{where}的“{field_label(c.table, c.column, 'zh')}”值：总库中为 "
                f"{_value(c.master)}，规划为 {_value(c.plan)}",
                f"{c.table} {c.who} ({c.name.en}) {c.column}: {_value(c.master)} in the "
                f"master, {_value(c.plan)} in the plan")


NOT_AT_HAND = Text(f"未找到随工具提供的规划文件（{SHIPPED.name}），未能核对总库中的规划数字",
                   f"the plan as shipped ({SHIPPED.name}) was not found: the master's plan "
                   "figures were not compared with it")
