# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit --help`` for a user whose locale is Chinese: every command's and option's help,
argparse's headings and its errors in Chinese; under an English locale the help as it was."""

from __future__ import annotations

import argparse
import re

import pytest

from field_kit import errors
from field_kit.bilingual import display_width
from field_kit.cli.commands import COMMANDS, build_parser, main
from field_kit.cli.parsing import in_chinese

# a run of English words, as a help sentence has and a Chinese one does not
ENGLISH = re.compile(r"\b[A-Za-z]+ [a-z]+ [a-z]+\b")


def parsers() -> dict[str, argparse.ArgumentParser]:
    """The top parser, by "", and each command's, by its name."""
    parser = build_parser()
    sub = parser._subparsers._group_actions[0]  # noqa: SLF001
    return {"": parser, **sub.choices}


def helped(parser: argparse.ArgumentParser) -> dict[str, str]:
    """What the parser shows of its own words: its description and each action's help (a
    command's as the top parser lists it), by what it belongs to."""
    said = {"description": parser.description or ""}
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            said.update({f"command {a.dest}": a.help for a in action._choices_actions})  # noqa: SLF001
        elif action.help not in (None, argparse.SUPPRESS):
            said["/".join(action.option_strings) or action.dest] = action.help
    return {what: text for what, text in said.items() if text}


def shown(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    got = capsys.readouterr()
    return exit_.value.code, got.out, got.err


def test_every_help_line_has_its_chinese():
    missing = [f"{name or 'field-kit'} {what}: {text!r}"
               for name, parser in parsers().items()
               for what, text in helped(parser).items() if not in_chinese(text)]
    assert not missing, "help with no Chinese:\n" + "\n".join(missing)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_chinese_help_holds_no_english_sentence(command, capsys, chinese_locale):
    code, out, _ = shown([command, "--help"] if command else ["--help"], capsys)
    assert code == errors.OK
    flat = " ".join(out.split())
    for what, text in helped(parsers()[command]).items():
        english = " ".join(str(text).replace("%(default)d", "").split())
        assert english not in flat, (what, out)
    assert not ENGLISH.findall(out), out
    assert out.startswith("用法：field-kit"), out
    for heading in ("usage:", "positional arguments:", "options:"):
        assert heading not in out, out


def test_merge_help_in_chinese(capsys, chinese_locale, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = shown(["merge", "--help"], capsys)
    assert code == errors.OK
    lines = out.splitlines()
    assert lines[0] == \
        "用法：field-kit merge [-h] [--max-size MAX_SIZE] [-v] [--again-undone]", out
    # its wrapped lines under the first's options, a Chinese character two columns wide
    assert lines[1] == " " * (display_width("用法：field-kit merge") + 1) \
        + "[--json] [--no-progress]", out
    for line in ("按字段三方合并修改包到主库", "位置参数：", "选项：",
                 "  -h, --help           显示此帮助信息并退出",
                 "  --max-size MAX_SIZE  拒收大于此大小（MB）的修改包（默认 512）",
                 "  -v, --verbose        列出每一项修改"):
        assert line in lines, out


@pytest.mark.parametrize(("argv", "english", "zh"), [
    (["merge"], "field-kit merge: error: the following arguments are required: master, PACKAGE",
     "field-kit merge: 错误：缺少必需的参数：master, PACKAGE"),
    (["resolve", "m.gpkg", "1", "--take", "mine"],
     "field-kit resolve: error: argument --take: invalid choice: 'mine' (choose from "
     "'ancestor', 'ours', 'theirs')",
     "field-kit resolve: 错误：参数 --take：无效的选项 mine（可选：共同祖先（ancestor）、"
     "主库现值（ours）、另一方（theirs））"),
    (["log", "p.gpkg", "--limit", "ten"],
     "field-kit log: error: argument --limit: invalid int value: 'ten'",
     "field-kit log: 错误：参数 --limit：ten 不是整数"),
    (["roles", "m.gpkg", "--grant", "technician"],
     "field-kit roles: error: argument --grant: expected 2 arguments",
     "field-kit roles: 错误：参数 --grant：须给出 2 个值"),
    # a mistyped option is named, not what the command then misses (--take, --device)
    (["resolve", "m.gpkg", "2", "--tkae", "theirs"],
     "field-kit resolve: error: unrecognized arguments: --tkae (did you mean --take?)",
     "field-kit resolve: 错误：无法识别的参数：--tkae（是否想输入 --take？）"),
    (["checkout", "m.gpkg", "t.gpkg", "--devcie", "t1"],
     "field-kit checkout: error: unrecognized arguments: --devcie (did you mean --device?)",
     "field-kit checkout: 错误：无法识别的参数：--devcie（是否想输入 --device？）"),
    # an option's name begun is no option: a slip is not taken for the option it begins
    (["resolve", "m.gpkg", "2", "--tak", "theirs"],
     "field-kit resolve: error: unrecognized arguments: --tak (did you mean --take?)",
     "field-kit resolve: 错误：无法识别的参数：--tak（是否想输入 --take？）"),
    (["merge", "--zzz", "m.gpkg", "p.zip"],
     "field-kit merge: error: unrecognized arguments: --zzz",
     "field-kit merge: 错误：无法识别的参数：--zzz"),
], ids=["missing", "invalid-choice", "not-an-int", "too-few", "mistyped", "mistyped-required",
        "begun", "unknown"])
def test_an_argument_error_is_said_in_chinese_once(argv, english, zh, capsys, chinese_locale):
    code, out, err = shown(argv, capsys)
    assert code == errors.BAD_INPUT
    lines = err.splitlines()
    assert lines[0].startswith(f"用法：field-kit {argv[0]} [-h]"), err
    assert "usage:" not in err, err
    # the English line stays, for scripts and logs; the Chinese one after it, once
    assert lines[-2:] == [english, zh], err
    assert sum(not line.startswith(" ") for line in lines) == 3, err


def test_the_english_help_and_errors_are_as_they_were(capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = shown(["merge", "--help"], capsys)
    assert code == errors.OK
    assert out == """\
usage: field-kit merge [-h] [--max-size MAX_SIZE] [-v] [--again-undone]
                       [--json] [--no-progress]
                       master PACKAGE [PACKAGE ...]

merge change packages into the master, three-way per field

positional arguments:
  master
  PACKAGE

options:
  -h, --help           show this help message and exit
  --max-size MAX_SIZE  refuse packages larger than this many MB (default 512)
  -v, --verbose        list every change
  --again-undone       merge again the changes of merges this master undid
                       (kept out otherwise)
  --json               print one JSON document instead of text (keys listed in
                       the README)
  --no-progress        show no progress line (shown only where stderr is a
                       terminal)
"""
    code, out, _ = shown(["--help"], capsys)
    assert out.startswith("""\
usage: field-kit [-h] [--version] COMMAND ...

Change log, field packages and merge for the Toksun restoration plan
GeoPackage. Exit codes: 0 clean, 1 conflicts pending, 2 bad input, 3 refused,
4 internal error, 5 import refused: validation errors, 6 plan figures
inconsistent, 7 file in use, nothing changed, 8 change capture broken: run
field-kit repair, 130 interrupted (Ctrl-C), nothing committed, 143 stopped
(SIGTERM), nothing committed.

positional arguments:
"""), out
    assert out.endswith("""\
options:
  -h, --help  show this help message and exit
  --version   show program's version number and exit
"""), out
    code, _, err = shown(["merge"], capsys)
    assert code == errors.BAD_INPUT
    assert err == """\
usage: field-kit merge [-h] [--max-size MAX_SIZE] [-v] [--again-undone]
                       [--json] [--no-progress]
                       master PACKAGE [PACKAGE ...]
field-kit merge: error: the following arguments are required: master, PACKAGE
"""
