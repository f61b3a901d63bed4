# SPDX-License-Identifier: GPL-2.0-or-later
"""A record's values as a person reads them in a message: a field by its label, a code by its
label, an empty value as "—", a long one shortened; the record by its patch or project."""

from __future__ import annotations

import sqlite3

from ..bilingual import Text
from ..plan.values import field_label, names_in, record_name, shown_name
from .definitions import field_of
from .model import Code

VALUE_SHOWN = 40  # characters of a value a message shows
REPLACED_SHOWN = 10  # values a pull replaced, named in its message (the count says all)


def code_text(code: Code, lang: str, with_code: bool = True) -> str:
    """A code as a list shows it: a standard's short code (A, 10) beside its label; a code
    that is an English word (schematic, surveyed) by its label alone."""
    label = code.label(lang)
    if not with_code or code.code == label or not code.code or (
            code.code.isascii() and code.code.isalpha() and len(code.code) > 1):
        return label
    return f"{code.code}  {label}"


def replaced_line(conn: sqlite3.Connection, lists: dict, table: str, row: str, column: str,
                  ours, theirs, lang: str) -> str:
    """"CT…002 · Remediation status: D Natural recovery → C Work in progress": the record by its
    patch or project (read from ``conn``), the field by its label (and the part of it),
    values as the form shows them, with the codes of ``lists``."""
    name, shown = _field(lists, table, column, lang)
    return f"· {row_name(conn, table, row)} · {name}: {shown(ours)} → {shown(theirs)}"


# a conflict a pull kept: the package's value, and the master's (field_kit.sync.pull)
_KEPT_VALUE = Text("{value}（主库中为 {theirs}）", "{value} (the master holds {theirs})")
_KEPT_ROW = Text("整个要素：本机保留（主库已删除）",
                 "the whole record: kept here (the master deleted it)")
_KEPT_DELETED = Text("整个要素：本机已删除，仍保持删除（主库修改了它）",
                     "the whole record: deleted here, kept deleted (the master edited it)")


def kept_line(conn: sqlite3.Connection, lists: dict, table: str, row: str, column: str | None,
              ours, theirs, lang: str) -> str:
    """"CT…002 2025-06-01 · Notes: mine (the master holds gis note)": a conflict a pull met,
    by the record and field as :func:`replaced_line` names them, with the value the package
    keeps there; a conflict of the whole record (``column`` None) says which side it
    keeps."""
    if column is None:
        said = _KEPT_DELETED if ours is None else _KEPT_ROW
        return f"· {row_name(conn, table, row)} · {said(lang)}"
    name, shown = _field(lists, table, column, lang)
    return f"· {row_name(conn, table, row)} · {name}: " + _KEPT_VALUE.format(
        value=shown(ours), theirs=shown(theirs))(lang)


def _field(lists: dict, table: str, column: str, lang: str):
    """A field's label (and the part of it) and how its values are shown."""
    field = field_of(table, column)
    # a plan layer's column as its form labels it; a county's own column by its name
    name = field.label(lang) if field else field_label(table, column, lang)
    if field is not None and len(field.columns) > 1:
        name += f" ({column})"
    codes = {c.code: c for c in lists.get(field.code_list, ())} if field and field.code_list \
        else {}

    def shown(v) -> str:
        if v is None or v == "":
            return "—"
        text = code_text(codes[v], lang) if v in codes else str(v)
        return text if len(text) <= VALUE_SHOWN else text[:VALUE_SHOWN - 1] + "…"
    return name, shown


def row_name(conn: sqlite3.Connection, table: str, row: str) -> str:
    """A row as the sync's messages name it: a record by its patch code or project id, a
    feature of a layer of the county's own by its name (as QGIS shows it), else by its
    uuid."""
    return names_in(conn, [(table, row)]).get((table, row)) or row


__all__ = ["REPLACED_SHOWN", "VALUE_SHOWN", "code_text", "kept_line", "record_name",
           "replaced_line", "row_name", "shown_name"]
