# SPDX-License-Identifier: GPL-2.0-or-later
"""Words people read, in the kit's two languages, and the one way to pick one of them.

Every label, title, help line and message the library shows is a ``Text``: a column's
label, a form field's help, a status, a problem, the field app's own words. Whatever it
labels, it is read the same way: ``text(lang)``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ZH, EN = "zh", "en"
LANGUAGES = (ZH, EN)


@dataclass(frozen=True)
class Text:
    """Chinese first, the plan's own language; English for the other readers."""

    zh: str
    en: str

    def __call__(self, lang: str = ZH) -> str:
        """The text in ``lang``; Chinese unless English is asked for."""
        return self.en if lang == EN else self.zh

    def format(self, **args: object) -> Text:
        """Both languages with the same blanks filled; a blank given as a Text is filled in
        each language with its own words."""

        def fill(template: str, lang: str) -> str:
            return template.format(**{k: v(lang) if isinstance(v, Text) else v
                                      for k, v in args.items()})

        return Text(fill(self.zh, ZH), fill(self.en, EN))

    def both(self, sep: str = " ") -> str:
        """Chinese then English, for a page both kinds of reader share."""
        return f"{self.zh}{sep}{self.en}"

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


NO_TEXT = Text("", "")  # a help line or note that is not there, in either language


@dataclass(frozen=True)
class Line:
    """A line a command says, indented as the command line prints it, in English and its
    Chinese where written with it (None: as :func:`~field_kit.messages_zh.chinese` gives
    it): the one wording the command line prints and the QGIS plugin logs."""

    en: str
    zh: str | None = None
    indent: str = ""


def display_width(s: str) -> int:
    """Columns ``s`` takes in a fixed-width face: a Chinese character two, others one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def counted(n: int | str, word: str, plural: str | None = None) -> str:
    """``n`` (or a figure as written, "1.5") with the English noun it counts, singular for
    one: 1 byte, 2 bytes; 1 patch, 2 patches (``plural`` where it is not ``word`` + s)."""
    return f"{n} {noun(n, word, plural)}"


def noun(n: int | str, word: str, plural: str | None = None) -> str:
    """The English noun for ``n`` of a thing, said apart from the count (the names listed
    after it, the count said earlier): photo for one, photos for more."""
    return word if str(n) == "1" else plural or word + "s"


def be(n: int | str, *, past: bool = False) -> str:
    """The verb after a count of ``n``, agreeing with it: 1 row is, 2 rows are (``past``:
    was, were)."""
    one = str(n) == "1"
    return ("was" if one else "were") if past else ("is" if one else "are")


def them(n: int | str) -> str:
    """The pronoun for a count of ``n`` said before it: it for one, them for more."""
    return "it" if str(n) == "1" else "them"


def one_said(said: str) -> bool:
    """Whether a count or size as said in English (``1 MB``, ``1 byte``) is one, so the verb
    after it is singular: 1 MB is free, 2 MB are free."""
    return said.split(" ", 1)[0] == "1"


KB, MB = 2**10, 2**20
SIZE = r"\d+ (?:MB|KB|bytes?)"  # a size as size_said says it in English, for a pattern


def size_said(size: int, up: bool = False, exact: bool = False) -> Text:
    """``size`` bytes as a reader takes it in: whole MB from 1 MB on, KB from 1 KB, bytes
    below (300 KB free said as 0 MB reads as nothing left). Rounded down, or ``up`` (the room
    a command needs, never said short); ``exact``, in the largest unit that holds it whole (a
    limit as set: 1.5 MB is 1536 KB, not 1 MB)."""
    if exact:
        unit = next((u for u in (MB, KB) if size >= u and size % u == 0), 1)
    elif size >= MB or (up and -(-size // KB) >= 1024):  # (1023.5 KB rounded up is 1 MB)
        unit = MB
    else:
        unit = KB if size >= KB else 1
    n = -(-size // unit) if up else size // unit
    en = f"{n} {_UNIT_NAMES[unit]}" if unit in _UNIT_NAMES else counted(n, "byte")
    return Text(size_in_chinese(en), en)


_UNIT_NAMES = {MB: "MB", KB: "KB"}


def size_in_chinese(said: str) -> str:
    """A size as :func:`size_said` says it in English, in Chinese (a message that carries it
    read again in Chinese)."""
    return re.sub(r"^(\d+) bytes?$", r"\1 字节", said)
