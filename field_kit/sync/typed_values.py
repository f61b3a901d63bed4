# SPDX-License-Identifier: GPL-2.0-or-later
"""A value typed to settle a conflict (``resolve --value``), as its column stores it: a
number as a number, a boolean as 0 or 1, a shape as well-known text or a blob's hex, '' or
NULL as the field emptied; and as the decision records it."""

from __future__ import annotations

import json
import math
import re

from ..errors import BadInput
from . import registry, typed_shape

_TRUTH = {"false": 0, "true": 1}  # a boolean typed as a word: GeoPackage holds 0 or 1
# a figure grouped by thousands as conflicts shows it (110,500.5), in either language
_GROUPED = re.compile(r"\s*[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*")


def empties(text: str) -> bool:
    """Whether ``text``, typed as a conflict's value, empties its field: '' or NULL."""
    return text == "" or text.upper() == "NULL"


def coerce(t: registry.Tracked, fld: str, text: str, of: str = "",
           layer: typed_shape.Layer | None = None):
    """The value ``text`` typed for ``fld`` (``of``: the conflict it settles, "conflict 3:
    ") as the column stores it; refused where it is none of its kind (inf, say, is no
    area: it would stand as one). A shape (``layer``: the one it is for) as well-known text
    or a blob's hex (:mod:`~field_kit.sync.typed_shape`)."""
    if empties(text):
        return None
    if t.is_blob(fld):  # (before the affinity: a POINT column's is INTEGER, its name's "INT")
        return typed_shape.typed_shape(text, layer or typed_shape.Layer(), of)
    decl = dict(t.columns).get(fld, "").upper()
    real = t.affinity(fld) == "REAL"
    typed = text.replace(",", "") if decl != "BOOLEAN" and _GROUPED.fullmatch(text) else text
    try:
        if real:
            number = float(typed)
            if not math.isfinite(number):
                raise ValueError(text)
            return number
        if decl == "BOOLEAN" and text.strip().lower() in _TRUTH:  # (as PostgreSQL shows it)
            return _TRUTH[text.strip().lower()]
        if t.affinity(fld) == "INTEGER" or decl == "BOOLEAN":
            return int(typed)
    except ValueError:
        kind = "a number" if real else "0 or 1 (false or true)" if decl == "BOOLEAN" \
            else "a whole number"
        how = "" if "," not in text or decl == "BOOLEAN" else \
            ": write it without separators" + (", a point before any decimals" if real else "")
        raise BadInput(f"{of}{fld} takes {kind}, not {text!r}{how}") from None
    return text


def as_written(typed: str, chosen) -> str:
    """A value typed to settle a conflict as the decision records it: a number as the
    field holds it (２０２４ typed is 2024 written), as the sides show theirs; text, a shape
    or a field emptied as typed."""
    if isinstance(chosen, (int, float)) and not isinstance(chosen, bool):
        return json.dumps(chosen)
    return typed
