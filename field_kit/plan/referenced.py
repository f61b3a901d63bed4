# SPDX-License-Identifier: GPL-2.0-or-later
"""A plan row's column that names another row by its uuid (a verification's patch), read as
what it names: the History dialog and ``field-kit history`` say it alike."""

from __future__ import annotations

import contextlib
import os
import sqlite3

from ..bilingual import Text
from ..db import connect, table_exists
from .values import column_named, names_of_rows, names_when_deleted

# a reference to a row not found: by its uuid, said so (and by the name it held when
# deleted, where the change log saw it go)
NOT_FOUND = Text("{uuid}（已删除）", "{uuid} (deleted)")
NOT_FOUND_WAS = Text("{uuid}（已删除，原为 {name}）", "{uuid} (deleted, was {name})")
# ... and one no row of its table holds, nor did the log see deleted (a uuid typed, or
# another master's): not said deleted
NOT_HELD = Text("{uuid}（{layer}中没有此要素）", "{uuid} (no row of {table} has it)")
# ... and one whose whole table the file no longer has (dropped): not a row deleted
TABLE_GONE = Text("{uuid}（{layer}：表已不存在）", "{uuid} (table {table} gone)")

# the columns naming another plan row by its uuid, and that row's table
REFERENCES = {"program_uuid": "restoration_programs", "project_uuid": "restoration_projects",
              "patch_uuid": "mine_patches", "target_uuid": "project_targets"}


def referenced_text(gpkg: str | os.PathLike, column: str, value, lang: str) -> str | None:
    """A reference to another plan row as what it names (a target's text, a patch's code),
    not its uuid, in ``lang``; a row not found (deleted) by its uuid, said so
    (:data:`NOT_FOUND`), one no row holds nor was seen deleted said so (:data:`NOT_HELD`),
    as is one of a table the file no longer has (:data:`TABLE_GONE`);
    None when ``column`` is not a reference, or the row found has no name."""
    if not isinstance(value, str):
        return None
    return referenced_in(gpkg, [{column: value}], lang).get((column, value))


def referenced_in(gpkg: str | os.PathLike, values, lang: str) -> dict[tuple[str, str], str]:
    """(column, uuid) -> :func:`referenced_text`, of each reference in the rows' ``values``
    (dicts of column -> value) that has a text; the file opened once for them all (a row's
    history names many)."""
    asked = {(c, v) for held in values for c, v in (held or {}).items()
             if c in REFERENCES and isinstance(v, str) and v}
    if not asked:
        return {}
    with contextlib.closing(connect(gpkg, readonly=True)) as conn:
        found = {k: _text(conn, *k, lang) for k in sorted(asked)}
    return {k: text for k, text in found.items() if text}


def _text(conn: sqlite3.Connection, column: str, value: str, lang: str) -> str | None:
    """:func:`referenced_text` of the open file ``conn``."""
    table = REFERENCES[column]
    if _table_gone(conn, table):
        return TABLE_GONE.format(uuid=value, table=table, layer=column_named(table))(lang)
    from ..sync.log_reads import seen_deleted  # (the sync reads the plan's names: not at import)
    text: str | None
    if table == "project_targets":
        target = conn.execute("SELECT target_zh, target_en FROM project_targets WHERE uuid = ?",
                              (value,)).fetchone()
        # (a target found with no text: by its uuid, as found)
        text = None if target is None else \
            (target[0] if lang == "zh" or not target[1] else target[1]) or value
    else:
        text = names_of_rows(conn, [(table, value)])[(table, value)]
    if text is None:
        was = names_when_deleted(conn, [(table, value)]).get((table, value))
        said = NOT_FOUND_WAS if was is not None else NOT_FOUND if seen_deleted(
            conn, table, value) else NOT_HELD
        return said.format(uuid=value, name=was, table=table, layer=column_named(table))(lang)
    return None if text == value else text


def _table_gone(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the file has no ``table``, or holds it only as a PostgreSQL master's stage
    does one dropped there (empty, untracked as gone from the schema)."""
    from ..sync.registry import SCHEMA_GONE  # (the sync reads the plan's names: not at import)
    if not table_exists(conn, table):
        return True
    with contextlib.suppress(sqlite3.Error):  # (a file with no sync tables)
        return conn.execute("SELECT 1 FROM sync_untracked WHERE tbl = ? AND reason = ?",
                            (table, SCHEMA_GONE)).fetchone() is not None
    return False
