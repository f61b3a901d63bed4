# SPDX-License-Identifier: GPL-2.0-or-later
"""A change's JSON object is read for a field only where it may hold it (its name written as
it is, or any escape): every object SQLite finds the field in passes, however the object is
written (a key escaped as \\uXXXX or \\/, text holding the name, no such field)."""

import json
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from field_kit.sync import json_fields

NAMES = ["geom", "surveyed_on", "名称", "a/b", "x y", "o'k", "quo\"te", "back\\slash"]


def _escaped(name: str, how: int) -> str:
    """``name`` as a JSON string, written one of the ways a writer may."""
    if how == 0:
        return json.dumps(name, ensure_ascii=False)
    if how == 1:
        return json.dumps(name)
    if how == 2:
        return json.dumps(name, ensure_ascii=False).replace("/", "\\/")
    return '"' + "".join(f"\\u{ord(c):04x}" for c in name) + '"'


@st.composite
def objects(draw):
    """A JSON object's text: some of NAMES and other keys, each key written its own way,
    values text (some holding a name), numbers or null."""
    keys = draw(st.lists(st.sampled_from(NAMES + ["other", "x"]), unique=True, max_size=4))
    parts = []
    for k in keys:
        value = draw(st.one_of(st.none(), st.integers(), st.sampled_from(NAMES),
                               st.text(max_size=5)))
        parts.append(f"{_escaped(k, draw(st.integers(0, 3)))}: "
                     f"{json.dumps(value, ensure_ascii=draw(st.booleans()))}")
    return "{" + ", ".join(parts) + "}"


@settings(max_examples=300, deadline=None)
@given(doc=objects())
def test_every_object_holding_the_field_may_hold_it(doc):
    conn = sqlite3.connect(":memory:")
    for name in NAMES:
        holds, may = conn.execute(  # (its keys as JSON reads them, escapes undone)
            "SELECT EXISTS (SELECT 1 FROM json_each(?1) WHERE key = ?2), "
            f"{json_fields.may_hold('?1', name)}", (doc, name)).fetchone()
        assert may or not holds, (name, doc)


def test_an_object_without_the_name_nor_an_escape_is_not_read():
    conn = sqlite3.connect(":memory:")
    assert conn.execute(f"SELECT {json_fields.may_hold('?1', 'geom')}",
                        ('{"status": "done", "area": 1.5}',)).fetchone()[0] == 0
