# SPDX-License-Identifier: GPL-2.0-or-later
"""SQL that reads, sets and removes one field of a change's JSON object by its column's name.

A column may be named anything a database allows: ``quo"te``, ``a.b``, ``x[0]``, ``$``,
``back\\slash``. SQLite finds a field by a JSON path (``$."name"``), and its path cannot
name a key holding a double quote or a backslash (its versions read them differently, and
some not at all: the field is then silently not found). Such a name is reached by the key
itself instead (``json_each``, ``json_patch``), which every version reads alike; any other
name keeps the path, which is quicker.
"""

from __future__ import annotations

from ..db import lit


def by_path(col: str) -> bool:
    """Whether a JSON path reaches the field ``col`` in every SQLite version."""
    return not any(ch in '"\\' or ord(ch) < 0x20 for ch in col)


def path(col: str) -> str:
    """The JSON path of ``col`` as text (only where :func:`by_path`)."""
    return '$."' + col + '"'


def get(doc: str, col: str) -> str:
    """SQL for the value of field ``col`` in the JSON object the SQL ``doc`` gives, as
    ``json_extract`` gives it (NULL where it lacks the field)."""
    if by_path(col):
        return f"json_extract({doc}, {lit(path(col))})"
    return f"(SELECT value FROM json_each({doc}) WHERE key = {lit(col)})"


def may_hold(doc: str, col: str) -> str:
    """SQL true for every JSON object ``doc`` holding field ``col`` (and some others), told
    without parsing it: its name written as it is, or any escape (a key may be written with
    one). Put before :func:`get` over many objects, few of which hold the field."""
    if by_path(col):
        return f"(instr({doc}, {lit(chr(34) + col + chr(34))}) > 0 OR instr({doc}, '\\') > 0)"
    return "1"


def kind(doc: str, col: str) -> str:
    """SQL for the JSON type of field ``col`` (``json_type``: NULL where it lacks it)."""
    if by_path(col):
        return f"json_type({doc}, {lit(path(col))})"
    return f"(SELECT type FROM json_each({doc}) WHERE key = {lit(col)})"


def put(doc: str, col: str, value: str) -> str:
    """SQL for the JSON object ``doc`` with field ``col`` set to the SQL ``value``, as
    ``json_set`` sets it (a NULL value is a JSON null)."""
    if by_path(col):
        return f"json_set({doc}, {lit(path(col))}, {value})"
    gone = remove(doc, col)
    # (a merge patch cannot set a null: the key is written after the others instead)
    null = (f"substr({gone}, 1, length({gone}) - 1) || CASE WHEN {gone} = '{{}}' THEN '' "
            f"ELSE ',' END || json_quote({lit(col)}) || ':null}}'")
    return (f"CASE WHEN {doc} IS NULL THEN NULL WHEN ({value}) IS NULL THEN {null} ELSE "
            f"json_patch({doc}, json_object({lit(col)}, {value})) END")


def remove(doc: str, col: str) -> str:
    """SQL for the JSON object ``doc`` without field ``col``."""
    if by_path(col):
        return f"json_remove({doc}, {lit(path(col))})"
    return f"json_patch({doc}, json_object({lit(col)}, json('null')))"


__all__ = ["by_path", "get", "kind", "put", "remove"]
