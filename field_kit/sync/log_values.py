# SPDX-License-Identifier: GPL-2.0-or-later
"""Values as the change log writes them, in SQL and in Python.

Values in JSON: text and integers as JSON; reals as ``%!.17g`` (exact round trip; SQLite's
JSON keeps 15 digits), ±Infinity as ``9e999`` and ``-9e999`` (JSON has no infinity;
SQLite's JSON functions and Python's ``json`` read these numbers, too large for a double,
as ±Infinity); blobs (geometry) as upper-case hex strings, and text in a geometry or BLOB
column as a string marked ``text:`` (:data:`TEXT_MARK`), so that it comes back as text, not
as the blob its letters might spell. :func:`encode` / :func:`decode` do the same in Python.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection

from ..db import lit
from ..plan import schema

GEOM = schema.GEOMETRY_COLUMN

# ±Infinity in the log: JSON numbers too large for a double, which SQLite's JSON functions
# and Python's json module read as ±Infinity (JSON itself has no infinity)
INFINITY_JSON = "9e999"

# Text in a BLOB column (SQLite lets any column hold any value) is logged with this mark in
# front, where a blob is logged as upper-case hex: no hex text starts with it, so the two are
# told apart. An earlier version logged such text as it was: text that is no hex is read back
# as text all the same (hex text it logged so is read as the blob it looks like).
TEXT_MARK = "text:"


# Below this size SQLite's printf('%!.17g') writes a double exactly; above it, it may miss
# the last digit or two, and Python writes the number (``toksun_real``).
EXACT_BELOW = "1e15"


def json_sql(ref: str, blob: bool = False) -> str:
    """SQL giving the JSON text of one value (see the module docstring for the rules): by
    the value's own type, so any column of any table is logged the same way; in a BLOB
    column (``blob``), text with :data:`TEXT_MARK` in front."""
    text = f"WHEN 'text' THEN json_quote({lit(TEXT_MARK)} || {ref}) " if blob else ""
    inf = INFINITY_JSON
    return (f"CASE typeof({ref}) WHEN 'real' THEN CASE WHEN abs({ref}) < {EXACT_BELOW} THEN "
            f"printf('%!.17g', {ref}) WHEN {ref} = {inf} THEN '{inf}' WHEN {ref} = -{inf} THEN "
            f"'-{inf}' ELSE toksun_real({ref}) END WHEN 'blob' THEN "
            f"'\"' || hex({ref}) || '\"' {text}ELSE json_quote({ref}) END")


def logged_sql(ref: str) -> str:
    """SQL for the value of a BLOB column ``ref`` as ``json_extract`` reads it back from the
    change log: hex for a blob, marked text for text, a number as it is."""
    return (f"CASE typeof({ref}) WHEN 'blob' THEN hex({ref}) WHEN 'text' THEN "
            f"{lit(TEXT_MARK)} || {ref} ELSE +{ref} END")


def encode(col: str, value, blobs=(GEOM,)):
    """A column value as it is stored in the change log's JSON: bytes as upper-case hex,
    text in one of the geometry and BLOB columns (``blobs``) marked (:data:`TEXT_MARK`)."""
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex().upper()
    if type(value) is str and col in blobs:
        return TEXT_MARK + value
    return value


def decode(col: str, value, blobs=(GEOM,)):
    """A value from the change log's JSON as it is stored in the table: for the geometry and
    BLOB columns (``blobs``), hex text back to bytes and marked text to text."""
    if col in blobs and isinstance(value, str):
        return blob_or_text(value)
    return value


def earlier_text(value) -> bool:
    """Whether ``value``, logged for a BLOB column, is text an earlier version logged as it
    was (unmarked: no hex, so no blob)."""
    return isinstance(value, str) and not value.startswith(TEXT_MARK) and \
        isinstance(blob_or_text(value), str)


def blob_or_text(value: str) -> bytes | str:
    """What a string the log holds for a BLOB column stands for: marked text, or the blob
    its hex spells (text an earlier version logged unmarked, being no hex, is text)."""
    if value.startswith(TEXT_MARK):
        return value[len(TEXT_MARK):]
    try:
        return bytes.fromhex(value)
    except ValueError:
        return value


def value_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the rules above as SQL functions: ``toksun_blob_or_text(v)`` (what a
    value logged for a BLOB column is stored as), ``toksun_earlier_text(v)`` and
    ``toksun_finite(json)``."""
    conn.create_function("toksun_blob_or_text", 1,
                         lambda v: blob_or_text(v) if isinstance(v, str) else v,
                         deterministic=True)
    conn.create_function("toksun_earlier_text", 1, earlier_text, deterministic=True)
    conn.create_function("toksun_finite", 1, lambda v: finite(v) if isinstance(v, str) else v,
                         deterministic=True)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(fields) -> str:
    """The log's JSON of ``fields`` (±Infinity as the log writes it, see :func:`finite`)."""
    return finite(_ENCODER.encode(fields))  # = json.dumps(fields, ensure_ascii=False, ...)


def loads(text: str):
    """Values of the log's JSON; what an earlier version wrote for ±Infinity (SQLite's
    ``Inf``, not JSON) read as ±Infinity too."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        mended = finite(text)
        if mended == text:
            raise
        return json.loads(mended)


# a JSON string (kept as it is), or a bare word for a number JSON does not have
_NOT_JSON = re.compile(r'"(?:[^"\\]|\\.)*"|(-?)(?:Infinity|Inf)\b|NaN\b')


def finite(text: str) -> str:
    """JSON ``text`` with the words for ±Infinity that are not JSON (Python's ``Infinity``,
    SQLite's ``Inf``) written as the log writes them, ±9e999, and NaN as null (SQLite
    stores none)."""
    if "Inf" not in text and "NaN" not in text:
        return text
    return _NOT_JSON.sub(lambda m: m[0] if m[0][0] == '"' else "null" if m[0] == "NaN"
                         else m[1] + INFINITY_JSON, text)


def object_sql(refs: list[tuple[str, str]], when: list[str] | None = None,
                blobs: Collection[str] = ()) -> str:
    """SQL for the JSON object of (column, SQL value) pairs; with ``when``, a pair is in the
    object only where its condition holds; ``blobs``: the geometry and BLOB columns."""
    if when is None:
        pairs = " || ',' || ".join(f"{lit(json.dumps(c, ensure_ascii=False) + ':')} || "
                                   f"{json_sql(r, c in blobs)}" for c, r in refs)
        return f"'{{' || {pairs} || '}}'"
    parts = [f"CASE WHEN {w} THEN {lit(',' + json.dumps(c, ensure_ascii=False) + ':')} || "
             f"{json_sql(r, c in blobs)} ELSE '' END" for (c, r), w in zip(refs, when)]
    if not parts:
        return "'{}'"
    if len(parts) <= 100:  # one printf instead of a chain of ||: same text, less time
        joined = f"printf('{'%s' * len(parts)}', {', '.join(parts)})"
    else:  # printf takes at most 127 arguments
        joined = " || ".join(parts)
    return f"'{{' || substr({joined}, 2) || '}}'"
