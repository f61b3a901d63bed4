# SPDX-License-Identifier: GPL-2.0-or-later
"""Words people read, in the kit's two languages, and the one way to pick one of them.

Every label, title, help line and message the library shows is a ``Text``: a column's
label, a form field's help, a status, a problem, the field app's own words. Whatever it
labels, it is read the same way: ``text(lang)``.
"""

from __future__ import annotations

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


def display_width(s: str) -> int:
    """Columns ``s`` takes in a fixed-width face: a Chinese character two, others one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

