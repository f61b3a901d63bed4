# SPDX-License-Identifier: GPL-2.0-or-later
"""The Chinese guide (resources/help/help_zh_CN.md) names only what the user will find: every
**bold** name is a menu item, button, column or word the plugin or the field app shows in
Chinese, every `field-kit X` a real command with its real options, and it uses only the
Markdown the plugin's help page renders."""

from __future__ import annotations

import argparse
import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from field_kit.cli.commands import build_parser

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "resources" / "help" / "help_zh_CN.md"
CJK = re.compile(r"[\u3400-\u9fff]")


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def ui_strings() -> set[str]:
    """The Chinese the user sees: the plugin's translations and the Chinese strings of the
    plugin's and the field app's code (the app's own words, the conflict sides' titles)."""
    ts = ET.parse(ROOT / "resources" / "i18n" / "toksun_zh_CN.ts")
    found = {m.findtext("translation") or "" for m in ts.getroot().iter("message")}
    for path in [*(ROOT / "qgis_plugin").rglob("*.py"), *(ROOT / "field_kit" / "app").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and CJK.search(node.value):
                found.add(node.value)
    return {s for s in found if s}


def shown(name: str, strings: set[str]) -> bool:
    """The name is one of the strings, or one with its {placeholders} filled by another of
    them (“采用{side}” with the side “主库现值”) or by figures."""
    if name in strings:
        return True
    for s in strings:
        if "{" not in s:
            continue
        pattern = "".join("(.+)" if re.fullmatch(r"\{\w*\}", part) else re.escape(part)
                          for part in re.split(r"(\{\w*\})", s))
        m = re.fullmatch(pattern, name)
        if m and all(g in strings or not CJK.search(g) for g in m.groups()):
            return True
    return False


def commands() -> dict[str, set[str]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: set(p._option_string_actions) for name, p in sub.choices.items()}


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def test_every_bold_name_is_one_the_user_sees():
    strings = ui_strings()
    names = re.findall(r"\*\*([^*]+)\*\*", guide())
    assert names
    missing = sorted({n for n in names if not shown(n, strings)})
    assert not missing, f"named in the guide, shown nowhere in Chinese: {missing}"


def test_every_command_and_option_exists():
    known = commands()
    every_option = set().union(*known.values())
    for span in code_spans(guide()):
        words = span.split()
        if words[0] == "field-kit":
            if len(words) == 1:
                continue
            assert words[1] in known, f"no command `field-kit {words[1]}` ({span})"
            options = {w.split("=")[0] for w in words[2:] if w.startswith("--")}
            assert options <= known[words[1]], (
                f"`field-kit {words[1]}` has no {sorted(options - known[words[1]])} ({span})")
        elif words[0].startswith("--"):
            assert words[0] in every_option, f"no command has the option {words[0]} ({span})"


def test_only_the_markdown_the_help_page_renders():
    """help.py renders headings, "- " lists (continued by indented lines), paragraphs, inline
    code, bold and italics: nothing else reaches the page as meant. It joins a paragraph's
    lines with a space, which Chinese does not take between two characters."""
    unsupported = (r"^\s*\d+[.)]\s", r"^\s*[*+]\s", r"^\s*\|", r"^\s*>", r"\[[^\]]*\]\(",
                   r"^ {4,}-\s", r"__\w")
    previous = ""
    for number, line in enumerate(guide().splitlines(), 1):
        for pattern in unsupported:
            assert not re.search(pattern, line), f"line {number} is not rendered: {line}"
        plain = re.sub(r"`[^`]*`", "", re.sub(r"\*\*[^*]+\*\*", "", line))
        assert "*" not in plain, f"line {number}: an asterisk is not rendered as meant: {line}"
        continued = line.strip() and not line.startswith(("#", "- ")) and previous.strip() \
            and not previous.startswith("#")
        assert not (continued and CJK.match(line.strip()[0]) and CJK.match(previous[-1])), (
            f"line {number} continues a Chinese line: the page would show a space between them")
        previous = line
