# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit``'s argument parser: its help and its errors in the user's language.

Each help line is written once, where its option is defined, as a :class:`Help`: the English
argparse shows, with its Chinese beside it. Under a Chinese locale the help shows the Chinese,
and argparse's own words (usage, its headings, its errors) are said in Chinese; under any other
it is argparse's, as it was.
"""

from __future__ import annotations

import argparse
import re
import sys

from .. import errors
from ..bilingual import display_width
from ..messages_zh import chinese, command_line_language
from ..plan.names import did_you_mean


class Help(str):
    """A help line or description: the English argparse shows, and its Chinese."""

    zh: str

    def __new__(cls, en: str, zh: str) -> Help:
        said = super().__new__(cls, en)
        said.zh = zh
        return said


# argparse's own words (gettext leaves them in English): usage, headings, its options' help
USAGE = Help("usage: ", "用法：")  # (a column narrower: its wrapped lines are moved left)
ARGPARSE_WORDS: dict[str, str] = {h: h.zh for h in (
    Help("positional arguments", "位置参数"),
    Help("options", "选项"),
    Help("show this help message and exit", "显示此帮助信息并退出"),
    Help("show program's version number and exit", "显示程序版本号并退出"),
)}


def in_chinese(text: str) -> str | None:
    """The Chinese of a help line, a description or one of argparse's words; None where it has
    none."""
    return getattr(text, "zh", None) or ARGPARSE_WORDS.get(text)


# punctuation a line of Chinese neither begins with (it hangs at the end of the line before)
# nor ends with (it goes down to the next)
_CLOSING = set("，。；：、）」』”’！？》")
_OPENING = set("（「『“‘《")
# a word of ASCII (an option, a path, a figure) is kept whole; a Chinese character is a word
_WORDS = re.compile(r"\s+|[!-~]+|.")


def wrapped(text: str, width: int) -> list[str]:
    """Chinese text in lines of ``width`` columns, a Chinese character taking two (textwrap
    counts one, and breaks at spaces only); a closing mark may hang one past it."""
    lines: list[str] = []
    line: list[str] = []
    for word in _WORDS.findall(" ".join(text.split())):
        room = width - display_width("".join(line))
        if display_width(word) <= room or not line or word in _CLOSING:
            if line or not word.isspace():
                line.append(word)
            continue
        ahead = [line.pop()] if line[-1] in _OPENING and len(line) > 1 else []
        lines.append("".join(line).rstrip())
        line = [*ahead, word] if not word.isspace() else ahead
    if line:
        lines.append("".join(line).rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, in Chinese under a Chinese locale."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zh = command_line_language() == "zh"

    def _get_help_string(self, action: argparse.Action) -> str | None:
        said = action.help
        return (in_chinese(said) or said) if self.zh and said else said

    def add_text(self, text: str | None) -> None:
        super().add_text((in_chinese(text) or text) if self.zh and text else text)

    def start_section(self, heading: str | None) -> None:
        super().start_section((in_chinese(heading) or heading) if self.zh and heading
                              else heading)

    def format_help(self) -> str:
        said = super().format_help()
        if not self.zh:
            return said
        if said.startswith(USAGE):  # its lines after the first one column to the left
            usage, blank, rest = said[len(USAGE):].partition("\n\n")
            said = USAGE.zh + usage.replace("\n ", "\n") + blank + rest
        for heading in ARGPARSE_WORDS.values():  # its colon too
            said = said.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return said

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not self.zh:
            return super()._split_lines(text, width)
        return wrapped(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not self.zh:
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrapped(text, width - len(indent)))


# a value such as -5 or -.5, which argparse takes for a number, not an option
_NUMBER = re.compile(r"-\d+|-\d*\.\d+")


class Parser(argparse.ArgumentParser):
    """argparse's parser, its help in the user's language, its errors in Chinese too where
    the user's locale is (the English line stays, for scripts and logs)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        # an option is written whole: a slip that begins another's name (--tak for --take,
        # --verbos) is named as unknown, not taken for it
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        # an option mistyped is named first: argparse would say only what it then misses
        # ("--device is required" of --devcie)
        unknown = self._unknown_options(sys.argv[1:] if args is None else list(args))
        if unknown:
            self.error(f"unrecognized arguments: {' '.join(unknown)}" + did_you_mean(
                unknown, [o for o in self._option_string_actions if o.startswith("--")]))
        return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        got, extras = self.parse_known_args(args, namespace)
        if extras:  # (said by the command's own parser: its usage, not the list of commands)
            self._chosen(got).error(f"unrecognized arguments: {' '.join(extras)}")
        return got

    def _chosen(self, got: argparse.Namespace) -> argparse.ArgumentParser:
        """The parser of the command ``got`` names (of its command's command, and so on),
        this one where it names none."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                sub = action.choices.get(getattr(got, action.dest, None) or "")
                if sub is not None:
                    return sub._chosen(got) if isinstance(sub, Parser) else sub
        return self

    def _unknown_options(self, args: list[str]) -> list[str]:
        """The options in ``args`` this parser has no such option for; none where its
        arguments go on to a command's own parser or to another program (the app's)."""
        if any(isinstance(a, argparse._SubParsersAction) or a.nargs == argparse.REMAINDER
               for a in self._actions):
            return []
        unknown = []
        for arg in args:
            if arg == "--":
                break
            name = arg.split("=", 1)[0]
            if (arg[:1] in self.prefix_chars and len(arg) > 1 and " " not in arg
                    and not _NUMBER.fullmatch(arg) and name not in self._option_string_actions):
                unknown.append(name)
        return unknown

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        if command_line_language() == "zh" and chinese(message) != message:
            print(f"{self.prog}: 错误：{chinese(message)}", file=sys.stderr)
        sys.exit(errors.BAD_INPUT)


def command(subparsers, name: str, run, help_: Help) -> argparse.ArgumentParser:
    """A ``field-kit`` command: its parser, with ``help_`` as its line in the list and its
    description, and the function that runs it."""
    sp = subparsers.add_parser(name, help=help_, description=help_)
    sp.set_defaults(func=run)
    return sp
