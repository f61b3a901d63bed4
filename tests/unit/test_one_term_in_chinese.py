# SPDX-License-Identifier: GPL-2.0-or-later
"""One thing, one Chinese word: a reader who knows only Chinese cannot tell that two words name
the same thing. Every Chinese text of the library, the field app and the plugin's translations
uses the word the majority uses, and none of the variants it replaced."""

from __future__ import annotations

import ast
import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")

# the variant, and the word used instead
BANNED = {
    r"基准(?!年)": "基线 (a package's base; 基准年 is the plan's base year)",
    r"获取更新|无法更新": "拉取 (pull)",
    r"图斑包": "数据包 (a field package)",
    r"(?:\d|\}) ?[处个]冲突|冲突 \{?\w+\}? 处(?!理)|冲突处(?!理)":
        "项 (conflicts are counted in 项)",
    r"\d ?处修改|\} ?处修改": "项 (changes are counted in 项)",
    r"(?<!历史)遗留矿山": "历史遗留矿山图斑 (the patches' layer)",
    r"变更包": "修改包 (a change package)",
    # a row is a 要素, counted in 个 (records are named so: 核查记录 N 条, N 条记录)
    r"整条记录": "整个要素 (a whole row)",
    r"(?:新增|修改|删除) ?\{\w*\}? ?条(?!记录)": "个要素 (rows are counted as 个要素)",
}


@functools.lru_cache(maxsize=1)
def _chinese_texts() -> list[tuple[str, str]]:
    """(where, text) of every Chinese string literal in the code and every translation."""
    texts: list[tuple[str, str]] = []
    for folder in ("field_kit", "qgis_plugin"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and CJK.search(node.value):
                    texts.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    ts = ROOT / "resources" / "i18n" / "toksun_zh_CN.ts"
    for message in ET.parse(ts).getroot().iter("message"):
        said = message.findtext("translation") or ""
        texts.append((f"{ts.name}: {message.findtext('source')}", said))
    return texts


def test_texts_are_read():
    texts = _chinese_texts()
    assert len(texts) > 2000, len(texts)
    assert any("toksun_zh_CN.ts" in where for where, _ in texts)
    assert any(where.startswith("field_kit/app/") for where, _ in texts)


@pytest.mark.parametrize("variant", BANNED)
def test_no_variant_of_a_term(variant):
    found = [(where, text) for where, text in _chinese_texts() if re.search(variant, text)]
    assert not found, f"use {BANNED[variant]}: {found}"
