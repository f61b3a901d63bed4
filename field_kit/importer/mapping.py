# SPDX-License-Identifier: GPL-2.0-or-later
"""Which source field fills which plan field: recognised, saved in the master, overridden.

A mapping is ``{source field: target or None}``. It is found in this order: the mapping
given by the user (a dict or a JSON file: only the fields it names are overridden), the
mapping saved in the master for the same source fields and target layer, the names in
:mod:`.synonyms`. Saved mappings live in the master's untracked ``import_mappings`` table,
keyed by a hash of the target layer and the source's field names.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import unicodedata
from datetime import datetime, timezone

from ..bilingual import Text
from ..plan import schema, units
from . import synonyms
from .shapefile import DBF_NAME  # a Shapefile's field names are cut to it

STATUS = "remediation_status"
STATED_AREAS = tuple(synonyms.AREA_FACTORS)
AREA_M2 = "stated_area_m2"  # an area named with no unit is in square metres
TABLE = "import_mappings"
DDL = (f"CREATE TABLE IF NOT EXISTS {TABLE} (source_key TEXT PRIMARY KEY, layer TEXT, "
       "mapping_json TEXT, updated_at TEXT)")

CUT = "\ufffd"  # what a character cut in two at those ten bytes is read as

# what the import computes itself, never takes from the source
COMPUTED = {"uuid", "fid", schema.GEOMETRY_COLUMN, "geometry_source", "area_m2", "centre_lon",
            "centre_lat", "project_uuid", "length_m", "source_note"}


def targets(layer: str, columns: list[str]) -> list[str]:
    """The targets a source field can be mapped to for this layer (the columns the master
    has, but the computed ones), plus the stated areas and the remediation status."""
    t = schema.table(layer)
    cols = [c for c in t.column_names if c in columns and c not in COMPUTED]
    extra = [STATUS] if STATUS not in cols else []
    return cols + extra + list(STATED_AREAS)


def label(layer: str, target: str) -> Text | None:
    """The plan's name of a target: its column's label; the remediation status by the
    verification's name of it, a stated area by its unit (neither a column of the layer)."""
    names = {c.name: c.label for c in schema.table(layer).columns}
    if target not in names and target == STATUS:
        names = {c.name: c.label for c in schema.table("patch_verifications").columns}
    if target in STATED_AREAS:
        unit = synonyms.AREA_COLUMN_UNITS[target]
        return Text(f"填报面积（{unit}）", f"Stated area ({units.SYMBOLS[unit].en})")
    return names.get(target)


def source_key(layer: str, fields: list[str]) -> str:
    sig = layer + "\n" + "\n".join(synonyms.norm(f) for f in fields)
    return hashlib.sha256(sig.encode("utf-8")).hexdigest()[:32]


def auto(layer: str, fields: list[str], allowed: list[str]) -> dict[str, str | None]:
    """Recognise fields by their names: each target goes to the best-ranked field."""
    normed = {f: synonyms.norm(f) for f in fields}
    out: dict[str, str | None] = {f: None for f in fields}
    taken: set[str] = set()
    for target in allowed:
        if target in STATED_AREAS:
            continue
        for name in synonyms.synonyms(layer, target) + (target,):
            n = synonyms.norm(name)
            hit = next((f for f in fields if normed[f] == n and out[f] is None), None)
            if hit is not None:
                out[hit] = target
                taken.add(target)
                break
    for f in fields:  # a Shapefile's name cut to ten characters: the one target it begins
        if out[f] is None and len(f) == DBF_NAME:
            cut = [t for t in allowed if t not in taken and t not in STATED_AREAS
                   and len(t) > DBF_NAME and t[:DBF_NAME].lower() == f.lower()]
            if len(cut) == 1:
                out[f] = cut[0]
                taken.add(cut[0])
    for f in fields:  # a name cut at the .dbf's ten bytes, inside a character (所在乡�) or
        # between two (恢复治理情 in GBK): the one target a name of which it begins
        if out[f] is None and cut_name(f):
            begun = begun_by(layer, f, [t for t in allowed if t not in taken])
            if len(begun) == 1 and begun[0] not in STATED_AREAS:
                out[f] = begun[0]
                taken.add(begun[0])
    for f in fields:  # stated area: the first field that names an area (and a unit)
        if out[f] is None and not unit_cut(f):
            t = synonyms.area_target(f)
            if t and t in allowed and not (taken & set(STATED_AREAS)):
                out[f] = t
                taken.add(t)
    for f in fields:  # an area whose name was cut with its unit (实测面�, 面积（): the unit
        # assumed, as the import's report says (see area_units_cut)
        if out[f] is None and not (taken & set(STATED_AREAS)):
            t = assumed_area(area_units_cut(layer, f, allowed))
            if t is not None:
                out[f] = t
                taken.add(t)
    return out


def cut_name(name: str) -> bool:
    """A name a .dbf may have cut: in the middle of a character, or as long as a name can
    be there, ten bytes in GBK or UTF-8 (whole characters: 实测面积平方米 as 实测面积平)."""
    return name.endswith(CUT) or any(
        len(name.encode(codec, "replace")) == DBF_NAME for codec in ("gb18030", "utf-8"))


def cut_ambiguous(layer: str, name: str, allowed: list[str]) -> list[str]:
    """The targets a cut name begins names of, where more than one: not guessed between
    (stated areas alone differ by their unit, which :func:`area_units_cut` says)."""
    if not cut_name(name):
        return []
    begun = begun_by(layer, name, allowed)
    return begun if len(begun) > 1 and not all(t in STATED_AREAS for t in begun) else []


def unit_cut(name: str) -> bool:
    """Whether a field name was cut where a unit may have followed: inside a character (the
    .dbf's ten bytes), or right after an opening bracket (面积（, whole in GBK)."""
    return name.endswith(CUT) or unicodedata.normalize("NFKC", name).rstrip().endswith(
        ("(", "[", "【"))


def begun_by(layer: str, name: str, allowed: list[str]) -> list[str]:
    """The targets a name of which the cut ``name`` begins (and is not whole)."""
    stem = synonyms.norm(name.rstrip(CUT))
    if not stem:
        return []
    return [t for t in allowed if any(
        (n := synonyms.norm(other)).startswith(stem) and n != stem
        for other in (synonyms.area_names(t) if t in STATED_AREAS
                      else synonyms.synonyms(layer, t) + (t,)))]


def area_units_cut(layer: str, name: str, allowed: list[str]) -> list[str]:
    """The stated areas (one a unit) a name cut with its unit may stand for: more than one
    when the unit is lost; none when it is no such name."""
    if not (unit_cut(name) or (cut_name(name) and synonyms.area_target(name) is None)):
        return []  # (an area whose name holds its unit whole is in that unit)
    begun = begun_by(layer, name, allowed)
    return begun if begun and all(t in STATED_AREAS for t in begun) else []


def assumed_area(candidates: list[str]) -> str | None:
    """The stated area taken for a name whose unit was cut off: its one unit, else square
    metres, as for an area named with no unit (面积); None when m² is not one of them."""
    if len(candidates) == 1:
        return candidates[0]
    return AREA_M2 if AREA_M2 in candidates else None


# the field named in --mapping's example where no source field looks like it holds the value
SOME_FIELD = Text("字段名", "FIELD")


def names_held(field: str, features: list) -> bool:
    """Whether a source field's values look like codes or names, as a field holding the plan's
    may: text with a letter in it, no date or time; not the numbers a program gives each
    feature (GDAL's track_fid, track_seg_point_id) nor an elevation or a time."""
    from ..forms.validate import record_day
    held = [v for f in features[:500] if (v := f.attrs.get(field)) is not None
            and str(v).strip()]
    return bool(held) and all(isinstance(v, str) and any(c.isalpha() for c in v)
                              and record_day(v) is None for v in held)


def load_saved(conn: sqlite3.Connection, key: str) -> dict | None:
    try:
        row = conn.execute(f"SELECT mapping_json FROM {TABLE} WHERE source_key = ?",
                           (key,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return json.loads(row[0]) if row else None


def save(conn: sqlite3.Connection, key: str, layer: str, mapping: dict) -> bool:
    """Store the mapping (in the caller's transaction); False if it was stored already."""
    conn.execute(DDL)
    text = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    row = conn.execute(f"SELECT mapping_json, layer FROM {TABLE} WHERE source_key = ?",
                       (key,)).fetchone()
    if row and row[1] == layer and json.loads(row[0]) == mapping:
        return False
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    conn.execute(f"INSERT OR REPLACE INTO {TABLE} (source_key, layer, mapping_json, updated_at)"
                 " VALUES (?, ?, ?, ?)", (key, layer, text, now))
    return True


def read_file(path: str | os.PathLike) -> dict:
    """A mapping file: ``{"source field": "target" or null}``, or the same under "fields"."""
    with open(path, encoding="utf-8-sig") as f:
        return of_json(json.load(f))


def of_json(doc) -> dict:
    """A mapping as JSON reads it (a file's, or the text given): checked as a file's is."""
    if isinstance(doc, dict) and isinstance(doc.get("fields"), dict):
        doc = doc["fields"]
    if not isinstance(doc, dict) or not all(isinstance(k, str) and (v is None or isinstance(
            v, str)) for k, v in doc.items()):
        raise ValueError("a mapping file is a JSON object of source field -> plan field "
                         "(or null to leave a field out)")
    return doc


def cut_keys(override: dict[str, str | None], fields: list[str]) -> dict[str, str]:
    """{key: field} for each key of a given mapping that names a source field by its whole
    name where the source holds it cut (实测面积（亩） for 实测面�, cut at the .dbf's ten
    bytes): the one field whose cut name begins the key."""
    out = {}
    for key in override:
        if key in fields:
            continue
        whole = synonyms.norm(key)
        begun = [f for f in fields if cut_name(f) and whole.startswith(
            synonyms.norm(f.rstrip(CUT))) and whole != synonyms.norm(f)]
        if len(begun) == 1 and begun[0] not in override:
            out[key] = begun[0]
    return out


def combine(base: dict[str, str | None], override: dict[str, str | None] | None
            ) -> dict[str, str | None]:
    """``base`` with the fields ``override`` names replaced; a target the override assigns
    is taken from any other field that had it."""
    out = dict(base)
    if not override:
        return out
    assigned = {v for v in override.values() if v}
    for f, t in list(out.items()):
        if t in assigned and f not in override:
            out[f] = None
    for f, t in override.items():
        out[f] = t or None
    return out
