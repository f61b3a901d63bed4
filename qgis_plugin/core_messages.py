# SPDX-License-Identifier: GPL-2.0-or-later
"""The core's messages in the user's language: Chinese by the library's table
(:mod:`field_kit.messages_zh`) for a user who reads Chinese, else as the core wrote them."""

from __future__ import annotations

import os
import re

from field_kit.messages_zh import chinese, master_in_chinese
from field_kit.plan.values import field_label
from field_kit.sync import masters, rederive

from .i18n import tr, user_language


def in_user_language(message: str, lang: str | None = None) -> str:
    """``message`` from the core, in Chinese when the user reads Chinese and it is known."""
    if (lang or user_language()) != "zh" or not message:
        return message
    return chinese(message)


def master_named(master, *, short: bool = False, lang: str | None = None) -> str:
    """The master as the user knows it, in their language: a file's path (``short``: its
    name), or PostgreSQL's database and schema ("PostgreSQL province (schema toksun)";
    ``short``: without "PostgreSQL"), never its address's host or user."""
    name = masters.shown_name(master) if short else masters.shown(master)
    return master_in_chinese(name) if (lang or user_language()) == "zh" else name


def refusal_said(path, reason: str) -> tuple[str, str]:
    """(the package's name, why it was refused) in the user's language: the reason names
    the package itself, said once is enough."""
    name = os.path.basename(path)
    said = in_user_language(reason)
    for sep in (": ", "："):
        said = said[len(name) + len(sep):] if said.startswith(name + sep) else said
    return name, said


def in_conflict(changes: int, fields: int | None) -> str:
    """A merge's conflicts as Settle conflicts lists them (a field each), with the changes
    they are in where those are fewer (``fields`` None: counted by change alone)."""
    if fields is None or fields == changes:
        return str(changes)
    return tr("{fields} field(s) in {changes} change(s)").format(fields=fields,
                                                                 changes=changes)


def derived_said(followed: list, *, each: bool = False, lang: str | None = None) -> list[str]:
    """What became of the area and centre of the shapes written (:func:`rederive.said`), in
    the user's language, each field by its label as the layer's form gives it."""
    lang = lang or user_language()
    named = {(f.table, col) for f in followed for col in f.fields}
    out = []
    for line in rederive.said(followed, each=each):
        said = in_user_language(line, lang)
        for table, col in named:  # each line begins with the table it speaks of
            if said.startswith(table):
                said = re.sub(rf"\b{re.escape(col)}\b", field_label(table, col, lang), said)
        out.append(said.replace(", ", "、") if lang == "zh" else said)
    return out
