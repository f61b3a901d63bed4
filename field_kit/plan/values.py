# SPDX-License-Identifier: GPL-2.0-or-later
"""Rows and values as a person reads them: a patch by its code, a field by its label."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from decimal import Decimal
from typing import NamedTuple

from ..bilingual import ZH, Text
from ..db import chunks, connect, marks, quote
from ..errors import BadInput
from . import coordinates, geometry, schema

# the column that names a row of each table, for people
NAME_COLUMNS = ("patch_code", "project_id", "name_zh", "indicator_id", "code", "file_name")


GEOMETRY_LABEL = Text("几何", "Geometry")


def field_label(table: str, column: str, lang: str = ZH) -> str:
    """A column by its label in the plan; a column of a layer of the county's own (no table
    of the plan) by its name."""
    if column == schema.GEOMETRY_COLUMN:
        return GEOMETRY_LABEL(lang)
    plan = schema.BY_NAME.get(table)
    for c in plan.columns if plan else ():
        if c.name == column:
            return c.label(lang)
    return column


def column_named(name: str, lang: str = ZH) -> str:
    """A column named as the sync names it (``table.column``), or a layer (``table``), as
    people know them: the plan table by its title, the column by its label."""
    table, _, column = name.partition(".")
    plan = schema.BY_NAME.get(table)
    title = plan.title(lang) if plan else table
    return f"{title}{'：' if lang == ZH else ': '}{field_label(table, column, lang)}" \
        if column else title


def shown_name(values: dict) -> str | None:
    """A record's name for people: its patch code or project id, where it has one, with
    the day it was made (a verification, an inspection: several on one patch differ so)."""
    owner = values.get("patch_code") or values.get("project_id")
    day = day_made(values)
    return f"{owner} {day}" if owner and day else owner


def day_made(values: dict) -> str | None:
    """The day a record was made: a verification's, an inspection's; None where it has
    none."""
    return values.get("verified_on") or values.get("inspected_on")


def made_by(values: dict) -> str | None:
    """Who made a record: a verification's verifier, an inspection's inspector; None where
    it names none."""
    return values.get("verifier") or values.get("inspector") or None


def _values(conn: sqlite3.Connection, table: str, row: str) -> dict | None:
    """A row's values by column, or None where it is not there (or the table is not)."""
    with contextlib.suppress(sqlite3.Error):
        got = conn.execute(f"SELECT * FROM {quote(table)} WHERE uuid = ?", (row,))
        found = got.fetchone()
        return None if found is None else dict(zip([d[0] for d in got.description], found))
    return None


def _named_by() -> list[tuple[str, str]]:
    """(table, column) of the plan's features (not the records on them) and the column that
    names each (not one holding another table's code: a project's targets name their
    project by its id)."""
    out = []
    codes = set(schema.CODES.values())
    for t in schema.TABLES:
        cols = {k.name for k in t.columns}
        col = next((c for c in NAME_COLUMNS if c in cols), None)
        if t.kind != schema.RECORD and col is not None and (
                col not in codes or schema.CODES.get(t.name) == col):
            out.append((t.name, col))
    # a restoration program is known by its id too, as its projects' program_id names it
    return out + [("restoration_programs", "program_id")]


NAMED_BY = _named_by()
# (table, column) of the records on a patch or project, by the code they hold of it
RECORDS_BY = [(t.name, c.name) for t in schema.TABLES if t.kind == schema.RECORD
              for c in t.columns if c.name in schema.CODES.values()]


def rows_named(gpkg: str | os.PathLike, name: str, *, before: bool = False
               ) -> list[tuple[str, str]]:
    """(table, uuid) of the plan's features (not the records on them) that ``name`` names:
    a patch code, a project id, a township's name...; ``before``: those it named before, as
    the change log saw them deleted or renamed, and not now."""
    from ..sync import log_reads, registry  # (the sync reads the plan's names: not at import)
    conn = connect(gpkg, readonly=True)
    try:
        found = []
        tracked = registry.tracked(conn) if registry.has_registry(conn) else []
        own = own_named_by((t.name, t.column_names) for t in tracked)
        blobs = {t.name: t.blobs for t in tracked}
        for tbl, col in NAMED_BY + own:
            with contextlib.suppress(sqlite3.Error):  # (a table the file does not have)
                found += [(tbl, u) for u in (
                    [u for u in log_reads.rows_that_held(conn, tbl, col, name)
                     if (_values(conn, tbl, u) or {}).get(col) != name] if before else
                    [u for (u,) in conn.execute(f"SELECT uuid FROM {quote(tbl)} WHERE "
                                                f"{quote(col)} = ?", (name,))])]
        by_first_text = {t.name for t in tracked if t.name not in schema.BY_NAME and
                         _naming_field(t.column_names) is None}
        if not before:  # a layer named by its first text field: the name the row shows
            found = [(t, u) for t, u in found if t not in by_first_text or feature_name(
                t, _values(conn, t, u) or {}, blobs.get(t, ())) == name]
        return list(dict.fromkeys(found))  # (a program by its name and its id alike)
    finally:
        conn.close()


def own_named_by(tables) -> list[tuple[str, str]]:
    """(table, column) of the layers of the county's own among ``tables`` ((name, its
    columns)) by the field :func:`feature_name` names their features by: one called name or
    title; else each but the uuid, as the first text field a row fills names it (which one,
    :func:`rows_named` reads from the row). What status and history call a well finds it."""
    plan = {t.name for t in schema.TABLES}
    out: list[tuple[str, str]] = []
    for tbl, cols in tables:
        if tbl in plan:
            continue
        col = _naming_field(cols)
        out += [(tbl, col)] if col is not None else [(tbl, c) for c in cols if c != "uuid"]
    return out


def _naming_field(cols) -> str | None:
    """The column called name or title among ``cols``, that names a layer's features."""
    return next((c for n in NAMING_FIELDS for c in cols if n in c.lower()), None)


def with_uuid(name: str | None, row: str) -> str:
    """A row by its ``name``, with the uuid ``field-kit history`` takes: "W1 (row …)"; the
    uuid alone where it has no name of its own."""
    return row if name in (None, row) else f"{name} (row {row})"


def record_links() -> list[tuple[str, str, str, str]]:
    """(record table, its column naming a patch or project by uuid, the one keeping its
    code, the table of those it names) of the records on a patch or project
    (:data:`RECORDS_BY`), as the sync follows their codes."""
    from ..sync.codes_follow import LINKS  # (the sync reads the plan's names: not at import)
    return [(rec, by_uuid, by_code, named) for rec, by_uuid, by_code, named, _ in LINKS
            if (rec, by_code) in RECORDS_BY]


class RecordOn(NamedTuple):
    """A record on a patch or project, as :func:`records_named` finds it."""
    table: str
    uuid: str
    name: str
    day: str | None  # :func:`day_made`
    by_code: bool  # it names the row by its code alone
    deleted: bool
    by: str | None  # :func:`made_by`


def records_named(gpkg: str | os.PathLike, name: str | None, table: str, row: str
                  ) -> list[RecordOn]:
    """The records (:class:`RecordOn`: table, uuid, its name, its day, whether it names the
    row by its code alone, whether it is deleted, who made it) on row ``row`` of ``table``,
    the patch or project ``name`` codes (a patch's verifications): those naming it by its uuid, and
    those holding no uuid that hold ``name`` (not those of another patch that held the code,
    deleted or renamed since; none where ``name`` is None); then those the change log saw
    deleted while they were on it (:func:`_records_deleted`), by their values then."""
    conn = connect(gpkg, readonly=True)
    try:
        found = []
        for tbl, by_uuid, by_code, named in record_links():
            if named != table:
                continue
            with contextlib.suppress(sqlite3.Error):  # (a table the file does not have)
                u, c = quote(by_uuid), quote(by_code)
                cur = conn.execute(f"SELECT * FROM {quote(tbl)} WHERE {u} = ? OR (coalesce("
                                   f"{u}, '') = '' AND {c} = ?) ORDER BY fid", (row, name))
                columns = [d[0] for d in cur.description]
                for values in (dict(zip(columns, r)) for r in cur):
                    found.append(RecordOn(tbl, values["uuid"],
                                          shown_name(values) or values["uuid"],
                                          day_made(values), not values[by_uuid], False,
                                          made_by(values)))
                found += [RecordOn(tbl, u, shown_name(values) or u, day_made(values),
                                   not values.get(by_uuid), True, made_by(values))
                          for u, values in _records_deleted(conn, tbl, by_uuid, by_code, name,
                                                            row)]
        return found
    finally:
        conn.close()


def _records_deleted(conn: sqlite3.Connection, tbl: str, by_uuid: str, by_code: str,
                     name: str | None, row: str) -> list[tuple[str, dict]]:
    """(uuid, its values when deleted) of the records of ``tbl`` the change log saw deleted
    last while they named ``row`` by its uuid in ``by_uuid``, or held no uuid and ``name``
    in ``by_code``; not there now (one put back is listed as it is), oldest deleted
    first."""
    from ..sync import log_reads, log_values  # (the sync reads the plan's names: not at import)
    u, c = f'$."{by_uuid}"', f'$."{by_code}"'
    last: dict[str, dict] = {}
    for r, old in conn.execute(
            f"WITH log AS ({log_reads.log_sql(conn)}) SELECT row_uuid, old FROM log WHERE "
            "tbl = ? AND op = 'delete' AND old IS NOT NULL AND row_uuid IN (SELECT row_uuid "
            "FROM log WHERE tbl = ? AND op = 'delete' AND (json_extract(old, ?) = ? OR "
            "(coalesce(json_extract(old, ?), '') = '' AND json_extract(old, ?) = ?))) "
            "ORDER BY seq", (tbl, tbl, u, row, u, c, name)):
        last.pop(r, None)  # (deleted again since: by its last deletion)
        last[r] = log_values.loads(old)
    there = {r for part in chunks(sorted(last)) for (r,) in conn.execute(
        f"SELECT uuid FROM {quote(tbl)} WHERE uuid IN {marks(len(part))}", part)}
    return [(r, v) for r, v in last.items() if r not in there and (
        v.get(by_uuid) == row if v.get(by_uuid) else name is not None and v.get(by_code) == name)]


def record_name(conn: sqlite3.Connection, table: str, row: str) -> str | None:
    """A record of ``conn`` by its patch code or project id (:func:`shown_name`), or None
    where it has neither, or is not there."""
    return shown_name(_values(conn, table, row) or {})


def names_in(conn: sqlite3.Connection, rows, written: dict | None = None
             ) -> dict[tuple[str, str], str]:
    """(table, uuid) of each of ``rows`` -> its name as people know it
    (:func:`feature_name`), from the row ``conn`` holds, else from the values ``written``
    gives it by (table, uuid) (a new row not taken); rows without one left out."""
    rows = list(rows)
    held = _rows_values(conn, rows)
    blobs = _blobs(conn)
    out = {}
    for t, r in rows:
        name = feature_name(t, held.get((t, r)) or (written or {}).get((t, r)) or {},
                            blobs.get(t, ()))
        if name:
            out[(t, r)] = str(name)
    return out


def _blobs(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """table -> its geometry and BLOB columns, which name no row: the change log holds their
    values as hex text (a layer ogr2ogr wrote has its geometry first)."""
    from ..sync import registry  # (the sync reads the plan's names: not at import)
    with contextlib.suppress(sqlite3.Error):
        return {t.name: t.blobs for t in registry.tracked(conn)}
    return {}


def _rows_values(conn: sqlite3.Connection, rows) -> dict[tuple[str, str], dict]:
    """(table, uuid) -> the row's values by column, of the ``rows`` there, read a table's
    rows at a time (a merge names thousands)."""
    by_table: dict[str, list[str]] = {}
    for t, r in rows:
        by_table.setdefault(t, []).append(r)
    out = {}
    for t, uuids in by_table.items():
        for part in chunks(sorted(set(uuids))):
            with contextlib.suppress(sqlite3.Error):  # (a table the file does not have)
                got = conn.execute(f"SELECT * FROM {quote(t)} WHERE uuid IN "
                                   f"({', '.join('?' * len(part))})", part)
                cols = [d[0] for d in got.description]
                for found in got:
                    values = dict(zip(cols, found))
                    out[(t, values["uuid"])] = values
    return out


def describe_row(gpkg: str | os.PathLike, table: str, row_uuid: str,
                 lang: str | None = None) -> str:
    """The row's name in the plan's terms (patch code, project id, name); a row of a layer
    of the county's own (no table of the plan) as the command line names it
    (:func:`feature_name`); else its uuid, marked where the row is no longer there (in
    ``lang``, both languages where None)."""
    return describe_rows(gpkg, [(table, row_uuid)], lang)[(table, row_uuid)]


def describe_rows(gpkg: str | os.PathLike, rows, lang: str | None = None
                  ) -> dict[tuple[str, str], str]:
    """(table, uuid) of each of ``rows`` -> :func:`describe_row`'s text, the file read once."""
    mark = "(已删除 deleted)" if lang is None else DELETED_SHOWN(lang).strip()
    names = row_names(gpkg, rows)
    gone = [k for k, name in names.items() if name is None]
    was = deleted_names(gpkg, gone) if gone else {}  # (by what it held when deleted)
    return {(t, r): f"{was.get((t, r), r[:8] + '…')} {mark}" if name is None else name
            for (t, r), name in names.items()}


def row_names(gpkg: str | os.PathLike, rows) -> dict[tuple[str, str], str | None]:
    """(table, uuid) of each of ``rows`` -> its name as :func:`describe_row` gives it, or
    None where the row is not there; the file read once."""
    try:
        conn = connect(gpkg, readonly=True)
    except BadInput:
        return {(t, r): r for t, r in rows}
    try:
        return names_of_rows(conn, rows)
    finally:
        conn.close()


def names_of_rows(conn: sqlite3.Connection, rows) -> dict[tuple[str, str], str | None]:
    """:func:`row_names` of the open file ``conn``."""
    rows = list(rows)
    held = _rows_values(conn, rows)
    blobs = _blobs(conn)
    return {(t, r): _name_or_uuid(t, r, held.get((t, r)), blobs.get(t, ())) for t, r in rows}


def deleted_values(conn: sqlite3.Connection, rows) -> dict[tuple[str, str], dict]:
    """(table, uuid) of each of ``rows`` the change log saw deleted, sealed or captured
    and not sealed yet (a delete made in the master since the last command) -> its values
    when it was last deleted."""
    from ..sync import log_reads, log_values  # (the sync reads the plan's names: not at import)
    held: dict = {}
    wanted = set(rows)
    for part in chunks(sorted({r for _, r in wanted})):
        with contextlib.suppress(sqlite3.Error):  # (a file without a change log)
            for t, r, old in conn.execute(
                    f"SELECT tbl, row_uuid, old FROM ({log_reads.log_sql(conn)}) WHERE op = "
                    f"'delete' AND old IS NOT NULL AND row_uuid IN {marks(len(part))} "
                    "ORDER BY seq", part):
                if (t, r) in wanted:
                    held[(t, r)] = log_values.loads(old)
    return held


def deleted_names(gpkg: str | os.PathLike, rows) -> dict[tuple[str, str], str]:
    """(table, uuid) of each of ``rows`` the change log saw deleted -> its name as the row
    was when deleted (rows without one left out); the file read once."""
    conn = connect(gpkg, readonly=True)
    try:
        return names_when_deleted(conn, rows)
    finally:
        conn.close()


def names_when_deleted(conn: sqlite3.Connection, rows) -> dict[tuple[str, str], str]:
    """:func:`deleted_names` of the open file ``conn``."""
    held = deleted_values(conn, rows)
    blobs = _blobs(conn)
    return {k: str(n) for k, v in held.items()
            if (n := feature_name(k[0], v, blobs.get(k[0], ())))}


def names_held(gpkg: str | os.PathLike, rows) -> dict[tuple[str, str], str | None]:
    """(table, uuid) of each of ``rows`` -> its name as the file holds it
    (:func:`row_names`), else as it was when deleted (:func:`deleted_names`), else None."""
    got = row_names(gpkg, rows)
    gone = [k for k, v in got.items() if v is None]
    got.update(deleted_names(gpkg, gone) if gone else {})
    return got


def _name_or_uuid(table: str, row_uuid: str, values: dict | None, blobs=()) -> str | None:
    """A row by :func:`feature_name` (a record by its patch and day, as a merge names it);
    a patch with no code by its project's id."""
    if values is None:
        return None
    return feature_name(table, values, blobs) or (
        _plan_name(table, values) if table in schema.BY_NAME else None) or row_uuid


def _plan_name(table: str, values: dict) -> str | None:
    """A row of a plan table by its first name column that holds a value."""
    columns = schema.BY_NAME[table].column_names
    return next((str(values[c]) for c in NAME_COLUMNS if c in columns and
                 values.get(c) not in (None, "")), None)


# what QGIS takes a field called so to name a layer's features by, before its first text
# field (the display name it guesses for a layer with none set)
NAMING_FIELDS = ("name", "title", "名称")


def feature_name(table: str, values: dict, blobs=()) -> str | None:
    """A row by what people call it, from its ``values``: a record by its patch or project
    (:func:`shown_name`), a plan table's row by its name column, a row of a layer of the
    county's own as QGIS names its features (a field called name or title, else its first
    text field but the uuid); None where none holds a value. A patch or a project by its own
    code alone (a patch without a code is not named by its project's id). Never by a
    geometry or BLOB column (``blobs``, and any logged as a GeoPackage geometry's hex): the
    log holds their values as text."""
    own = schema.CODES.get(table)
    if own is not None:
        return values.get(own) or None
    record = shown_name(values)
    if record or table in schema.BY_NAME:
        return record or _plan_name(table, values)
    texts = [k for k, v in values.items() if isinstance(v, str) and v and k != "uuid" and
             k not in blobs and not _logged_geometry(v)]
    if not texts:
        return None
    return _one_line(values[next((k for n in NAMING_FIELDS for k in texts if n in k.lower()),
                                 texts[0])])


SHORT_NAME = 40  # characters of a free text a feature is named by


def _one_line(text: str) -> str:
    """A feature named by a text field of its own (a note, perhaps): its first line, cut
    short, so that a name fits in the line that says it."""
    first = text.strip().split("\n", 1)[0].strip()
    cut = len(first) > SHORT_NAME or first != text.strip()
    return (first[:SHORT_NAME].rstrip() + "…") if cut else first


def _logged_geometry(value: str) -> bool:
    """Whether a value is a GeoPackage geometry as the change log holds it: upper-case hex
    of a blob starting with its "GP" header (a row whose table is not known to the file
    read, named by the values a merge or pull brought)."""
    return len(value) >= 16 and value.startswith("4750") and \
        all(ch in "0123456789ABCDEF" for ch in value)


# how a value that is not a plain one is shown: in one language, or both (lang None)
NULL_SHOWN = Text("（空）", "NULL")
EMPTY_SHOWN = Text("（空）", " (empty)")
DELETED_SHOWN = Text("（已删除）", " (deleted)")
# a conflict's ancestor its edit was logged without (repair's, after capture was off)
UNKNOWN_SHOWN = Text("（未知：记录修改时没有原值）", "not known (logged without it)")
_KIND_SHOWN = {1: Text("点", "point"), 2: Text("线", "line"), 3: Text("面", "polygon"),
               4: Text("点", "points"), 5: Text("线", "lines"),
               6: Text("面", "polygons")}
_SOME_GEOMETRY = Text("几何", "geometry")


def _said(text: Text, lang: str | None, sep: str = "") -> str:
    return text.both(sep) if lang is None else text(lang).strip()


def shape_shown(blob: bytes, lang: str | None = None) -> str | None:
    """A GeoPackage geometry as a person compares two (a conflict's sides): its kind, the
    centre of its box (six decimals of a degree: some 0.1 m) and, in degrees, its area; its
    words in ``lang`` (both where None). None where ``blob`` is no geometry."""
    try:
        wkb = geometry.blob_wkb(blob)
        env = geometry.envelope(wkb)
        (code, has_z, _), body = geometry.parse_wkb(wkb, full=True)
        kind = _said(_KIND_SHOWN.get(code, _SOME_GEOMETRY), lang, " ")
        if env is None:
            return kind + ("（空 empty）" if lang is None else EMPTY_SHOWN(lang))
        srs = geometry.blob_srs_id(blob)
        if srs in coordinates.IN_DEGREES:  # (an area from degrees only)
            area = geometry.wkb_area(wkb)
            size = f", {area:,.0f} m²" if area else ""
        else:
            size = f" (EPSG:{srs})"
    except (ValueError, IndexError, KeyError, struct.error):
        return None
    height = f", z {body[0][2]:g}" if code == 1 and has_z and body else ""
    return f"{kind} @ {(env[0] + env[1]) / 2:.6f}, {(env[2] + env[3]) / 2:.6f}{height}{size}"


def figure_shown(value: float) -> str:
    """A figure as the reports write it: a whole number without its ".0" (52,000, not
    52000.0), other figures with all their decimals; in plain decimals with the digits
    repr gives (0.0000001, not 1e-07), nought without a sign (0, not -0)."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    # (repr's digits: the shortest that read back as the value, none the binary adds)
    figure = Decimal(repr(value + 0.0))  # (-0.0 + 0.0 is 0.0)
    return f"{figure:,.0f}" if value.is_integer() else f"{figure:,f}"


def show_value(table: str, column: str, value, lang: str | None = None) -> str:
    """A stored value as text, its words in ``lang`` (both languages where None);
    geometries as their kind, size and centre."""
    if value is None:
        return _said(NULL_SHOWN, lang)
    if column == schema.GEOMETRY_COLUMN:
        with contextlib.suppress(ValueError):
            said = shape_shown(bytes.fromhex(value) if isinstance(value, str) else bytes(value),
                               lang)
            if said is not None:
                return said
        return _said(_SOME_GEOMETRY, lang, " ")
    return str(value)
