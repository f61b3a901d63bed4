# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's own text, for tests that check the transcription against it.

The text is not part of the project: it is read from ../shared/plan beside the checkout,
and tests that need it are skipped, saying why, where it is absent.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "resources" / "plan"
PLAN_TEXT = ROOT.parent / "shared" / "plan" / "toksun-restoration-plan-2021-2035.txt"

PATCH_CODE_FORMATS = {
    "C": re.compile(r"^C\d{25}$"),
    "CT": re.compile(r"^CT\d{19}$"),
    "ZJ": re.compile(r"^ZJ\d{16}$"),
}


def plan_text() -> str:
    if not PLAN_TEXT.exists():
        pytest.skip(f"the plan's text is not at {PLAN_TEXT}; the transcription cannot be "
                    "checked against it here")
    return PLAN_TEXT.read_text(encoding="utf-8")


def plan_lines() -> list[str]:
    return [line.strip() for line in plan_text().split("\n")]


def source(name: str):
    path = SOURCES / name
    if name.endswith(".json"):
        return json.loads(path.read_text(encoding="utf-8"))
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def column_block(column: str, until: str) -> list[str]:
    """The non-empty lines of the plan's table ``column`` (e.g. 专栏6-1) up to ``until``."""
    lines = plan_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith(column)
                 and ("项目" in line or "指标" in line))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(until))
    return [line for line in lines[start + 1:end] if line]


def indicator_table() -> list[dict]:
    """专栏3-1 parsed from the text: number, name, unit and the 2020/2025/2035 values."""
    cells = column_block("专栏3-1", "第四章")
    header = ["序号", "名称", "单位", "2020年", "2025年", "2035年"]
    assert cells[:6] == header, cells[:6]
    body = cells[6:]
    return [dict(zip(("seq", "name", "unit", "2020", "2025", "2035"), body[i:i + 6]))
            for i in range(0, len(body), 6)]


def is_patch_code(line: str) -> bool:
    return any(p.match(line) for p in PATCH_CODE_FORMATS.values())


def mine_project_table(column: str, until: str) -> list[dict]:
    """专栏6-1 or 6-2 parsed: seq, name, township, area, mineral and patch codes."""
    cells = column_block(column, until)
    first = cells.index("图斑") + 2  # header ends with 图斑 / 编号
    rows, i = [], first
    while i < len(cells):
        seq, name, township, area = cells[i:i + 4]
        i += 4
        mineral = []
        while not is_patch_code(cells[i]):
            mineral.append(cells[i])
            i += 1
        codes = []
        while i < len(cells) and is_patch_code(cells[i]):
            codes.append(cells[i])
            i += 1
        rows.append({"seq": int(seq), "name": name, "township": township, "area": area,
                     "mineral": "".join(mineral), "codes": codes})
    return rows
