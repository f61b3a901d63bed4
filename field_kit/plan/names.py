# SPDX-License-Identifier: GPL-2.0-or-later
"""The names a person types for a role, a layer, a column or a choice of a command: any name
the kit shows for it, in either language (a table's name or its title, a column's name or
its label, a role's name or its title, a side of a conflict by its word), English in any
case, spaces aside; and the names to list where one typed is none of them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..bilingual import EN, ZH, Text
from . import schema
from .values import column_named, field_label

# each role as people read it (the plan's roles, schema.ROLES)
ROLE_TITLES = {schema.TECHNICIAN: Text("技术员", "technician"),
               schema.GIS: Text("GIS 人员", "GIS staff")}


def _key(name: str) -> str:
    """``name`` as it is compared: spaces aside, English in any case."""
    return "".join(name.split()).casefold()


def _one(typed: str, said: dict[str, Iterable[str]]) -> str | None:
    """The key of ``said`` one of whose names (the key itself among them) is ``typed``."""
    k = _key(typed)
    for key, names in said.items():
        if k in {_key(n) for n in (key, *names)}:
            return key
    return None


def _both(text: Text) -> tuple[str, ...]:
    return text.zh, text.en, text.both()


def role_of(typed: str) -> str | None:
    """The role ``typed`` names (technician, 技术员, gis, GIS 人员), or None."""
    return _one(typed, {r: _both(t) for r, t in ROLE_TITLES.items()})


def table_of(typed: str, tables: Iterable[str]) -> str | None:
    """The table of ``tables`` that ``typed`` names: by its name, or a plan table by its
    title in either language (历史遗留矿山图斑, Legacy mine patches), or None."""
    return _one(typed, {t: (column_named(t, ZH), column_named(t, EN),
                            f"{column_named(t, ZH)} {column_named(t, EN)}")
                        for t in tables})


def column_of(table: str, typed: str, columns: Iterable[str]) -> str | None:
    """The column of ``columns`` (of ``table``) that ``typed`` names: by its name, or by its
    label in either language (矿种, Mineral), or None."""
    return _one(typed, {c: (field_label(table, c, ZH), field_label(table, c, EN))
                        for c in columns})


def role_typed(typed: str) -> str:
    """The role ``typed`` names (:func:`role_of`), or ``typed`` as it is."""
    return role_of(typed) or typed


def table_typed(typed: str) -> str:
    """The plan table ``typed`` names by its name or title (:func:`table_of`), or ``typed``
    as it is (a table of the county's own, by its name)."""
    return table_of(typed, schema.BY_NAME) or typed


def choice_shown(name: str) -> str:
    """A name a command offers, in Chinese: a plan table by its title, a role by its title,
    with the name in brackets."""
    return listed([name], ZH, ROLE_TITLES if name in ROLE_TITLES else None)


def choice_of(typed: str, choices: dict[str, Text]) -> str | None:
    """The key of ``choices`` (each with its words) that ``typed`` names, or None."""
    return _one(typed, {k: _both(t) for k, t in choices.items()})


def listed(names: Iterable[str], lang: str, words: dict[str, Text] | None = None,
           table: str | None = None) -> str:
    """``names`` as a refusal lists the ones it accepts: in English the names, in Chinese each
    by its words (a plan table by its title, a column of ``table`` by its label, a key of
    ``words`` by its own) with the name in brackets where they differ."""
    if lang == EN:
        return ", ".join(names)

    def shown(name: str) -> str:
        zh = (words[name].zh if words and name in words else
              field_label(table, name, ZH) if table is not None else column_named(name, ZH))
        return name if zh == name else f"{zh}（{name}）"

    return "、".join(shown(n) for n in names)


def did_you_mean(typed: Iterable[str], names: Iterable[str]) -> str:
    """" (did you mean NAME?)" of the name of ``names`` closest to each of ``typed`` (a slip:
    --tak, well), or "" where none is close."""
    names = list(names)
    like = [m for t in typed for m in difflib.get_close_matches(t, names, n=1)]
    return f" (did you mean {', '.join(like)}?)" if like else ""


__all__ = ["ROLE_TITLES", "choice_of", "choice_shown", "column_of", "did_you_mean", "listed",
           "role_of", "role_typed", "table_of", "table_typed"]
