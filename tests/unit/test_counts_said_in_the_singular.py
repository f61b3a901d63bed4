# SPDX-License-Identifier: GPL-2.0-or-later
"""A count is said as a sentence says it, "1 change", "2 changes", never "1 change(s)": in
the library's and the command line's messages, the field app's texts and the QGIS plugin's
strings and their Chinese translations."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from field_kit.app import i18n
from field_kit.bilingual import EN, counted, noun

ROOT = Path(__file__).resolve().parents[2]
EITHER = re.compile(r"[A-Za-z]\((?:s|es|ies)\)")  # "change(s)", "patch(es)", "boundary(ies)"


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstrings' nodes: words to a reader of the code, not to a user."""
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                 ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _said_either_way() -> list[tuple[str, str]]:
    found = []
    for folder in ("field_kit", "qgis_plugin"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _docstrings(tree)
            found += [(f"{path.relative_to(ROOT)}:{node.lineno}", node.value)
                      for node in ast.walk(tree)
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)
                      and id(node) not in skip and EITHER.search(node.value)]
    ts = ROOT / "resources" / "i18n" / "toksun_zh_CN.ts"
    for message in ET.parse(ts).getroot().iter("message"):
        said = message.findtext("source") or ""
        found += [(ts.name, said)] * bool(EITHER.search(said))
    return found


def test_no_message_counts_with_a_plural_in_brackets():
    assert _said_either_way() == []


def test_the_field_app_says_one_in_the_singular():
    for key, counts in i18n.SINGULAR.items():
        for count, (more, _) in counts.items():
            assert more in i18n.TEXTS[key](EN), (key, count, more)  # (else never swapped)
    assert i18n.tr("errors_block", EN, n=1) == "1 error to fix before saving"
    assert i18n.tr("errors_block", EN, n=2) == "2 errors to fix before saving"
    assert i18n.tr("pull_rows_back", EN, n=1, which="CT1") == (
        "1 record this device had deleted is back (the master kept it):\nCT1")
    assert i18n.tr("pull_rows_back", "zh", n=1, which="CT1") == (
        "本机删除的 1 条记录已恢复（主库保留了它们）：\nCT1")


def test_counted_and_noun():
    assert (counted(1, "change"), counted(2, "change")) == ("1 change", "2 changes")
    assert counted(3, "patch", "patches") == "3 patches"
    assert (noun(1, "photo"), noun(2, "photo")) == ("photo", "photos")
