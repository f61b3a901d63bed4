# SPDX-License-Identifier: GPL-2.0-or-later
"""Values checked against their fields before a merge (or a resolve) writes them.

A change list is signed by a registered device, but what its values are is only what the
device's file held: a field package edited with any SQLite tool can carry text in a number
column, a code outside its list, or bytes that are no geometry. Each value a change would
write is checked against its field in the master:

* its **type**, from the column's declared type in the file (INTEGER, REAL, TEXT, DATE,
  DATETIME, BOOLEAN; a whole number in an INTEGER column, a number in a REAL one, ±Infinity
  too but in the plan's own layers, whose figures the reports count, ISO dates);
* its **code list**, for the fields the forms (:mod:`field_kit.forms.definitions`) give one,
  from the master's ``code_lists`` table, a dependent list (sub-class within class) by
  ``parent_code``;
* its **range**, where the form gives one (a minimum, a maximum, the plan period for dates);
* a **geometry** must be a GeoPackage geometry blob (as hex, as the change log keeps it) of
  the layer's geometry type and spatial reference.

Columns of a layer that is not the plan's are checked by declared type only; NULL is always
accepted (a form's "required" is the form's business). :func:`refuse_bad_values` marks the
changes of a merge that carry a bad value as refused, naming the field and the reason,
before anything else classifies them; :func:`problems` is the check of one set of values,
:func:`require` that of a value settling a conflict (typed, or the ancestor a package gave,
which no merge checked).
"""

from __future__ import annotations

import contextlib
import math
import re
import sqlite3
import struct
from collections.abc import Collection, Iterator
from datetime import date, datetime

from ..bilingual import Text
from ..db import marks, quote
from ..errors import BadInput
from ..forms import definitions
from ..forms.model import CHOICE, DATE, ERROR, TARGETS, UNITS, Field
from ..forms.store import plan_lists, township_names
from ..forms.validate import POSITION_LIMITS, broken, record_day
from ..plan import geometry, schema
from . import log_values, registry
from .codes import UNIQUE, refuse_emptied, refuse_taken, spaced

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?"
                       r"(?:Z|[+-]\d{2}(?::?\d{2})?)?")
_WKB_NAMES = {geometry.WKB_POINT: "POINT", geometry.WKB_LINESTRING: "LINESTRING",
              geometry.WKB_POLYGON: "POLYGON", geometry.WKB_MULTIPOINT: "MULTIPOINT",
              geometry.WKB_MULTILINESTRING: "MULTILINESTRING",
              geometry.WKB_MULTIPOLYGON: "MULTIPOLYGON",
              geometry.WKB_COLLECTION: "GEOMETRYCOLLECTION",
              geometry.WKB_CIRCULARSTRING: "CIRCULARSTRING", 9: "COMPOUNDCURVE",
              10: "CURVEPOLYGON", 11: "MULTICURVE", 12: "MULTISURFACE",
              15: "POLYHEDRALSURFACE", 16: "TIN", geometry.WKB_TRIANGLE: "TRIANGLE"}
# a layer of a GeoPackage type holds that type's subtypes too (its geometry types extension)
_SUBTYPES = {"CURVE": {"LINESTRING", "CIRCULARSTRING", "COMPOUNDCURVE"},
             "SURFACE": {"CURVEPOLYGON", "POLYGON", "TRIANGLE"},
             "CURVEPOLYGON": {"POLYGON", "TRIANGLE"}, "MULTICURVE": {"MULTILINESTRING"},
             "MULTISURFACE": {"MULTIPOLYGON", "POLYHEDRALSURFACE", "TIN"},
             "GEOMETRYCOLLECTION": {"MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
                                    "MULTICURVE", "MULTISURFACE"}}


SHOWN_CODES = 6  # a refusal names this many codes of a longer list, and how many more
WORLD = (-180.0, 180.0, -90.0, 90.0)  # minx, maxx, miny, maxy of longitude and latitude
COUNTY_MARGIN_DEG = 0.5  # how far past the county boundary's extent a plan layer may reach
_PLAIN = {"TEXT": (str,), "INTEGER": (int,), "REAL": (int, float)}  # types always right
_INT64 = (-(2 ** 63), 2 ** 63 - 1)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(decl: str) -> str:
    """What a declared column type asks of a value (GeoPackage's types, then SQLite's):
    nothing of a BLOB, NUMERIC or untyped column."""
    kind = registry.holds(decl)
    return "" if kind in ("BLOB", "NUMERIC") else kind


def _type_problem(kind: str, value) -> str | None:
    shown = _shown(value)
    if type(value) is int and not _INT64[0] <= value <= _INT64[1]:
        return f"{shown} is beyond what SQLite stores as an integer"
    if kind == "INTEGER":
        if type(value) is not int:
            return f"{shown} is not a whole number (INTEGER)"
    elif kind == "REAL":  # ±Infinity is a REAL (QGIS writes it); NaN SQLite stores as NULL
        if type(value) not in (int, float) or value != value:
            return f"{shown} is not a number (REAL)"
    elif kind == "BOOLEAN":
        if type(value) is not bool and not (type(value) is int and value in (0, 1)):
            return f"{shown} is not 0 or 1 (BOOLEAN)"
    elif kind == "TEXT":
        if type(value) is not str:
            return f"{shown} is not text (TEXT)"
    elif kind == "DATE":
        got = _DATE.fullmatch(value) if type(value) is str else None
        if got is None or not _valid(got):
            return f"{shown} is not a date YYYY-MM-DD (DATE)"
    elif kind == "DATETIME":
        got = _DATETIME.fullmatch(value) if type(value) is str else None
        if got is None or not _valid(got):
            return f"{shown} is not a date and time YYYY-MM-DDTHH:MM:SS (DATETIME)"
    return None


def _valid(got: re.Match) -> bool:
    """Whether the numbers a date (and time) pattern matched make a real one."""
    try:
        parts = [int(g or 0) for g in got.groups()] + [0, 0, 0]
        datetime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
    except ValueError:
        return False
    return True


def _geometry_problem(value, layer_type: str, srs_id: int | None) -> str | None:
    """Why ``value`` (hex of a GeoPackage blob) cannot be this layer's geometry, or None."""
    if type(value) is not str:
        return f"{_shown(value)} is not a GeoPackage geometry (hex of its blob)"
    try:
        blob = bytes.fromhex(value)
    except ValueError:
        return f"{_shown(value)} is not a GeoPackage geometry (hex of its blob)"
    if len(blob) < 8 or blob[:2] != b"GP" or blob[2] != 0 or blob[3] & 0x20:
        return "not a GeoPackage geometry blob (no standard GP header)"
    flags = blob[3]
    env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07)
    if env is None or len(blob) < 8 + env:
        return "not a GeoPackage geometry blob (bad envelope)"
    (srs,) = struct.unpack_from("<i" if flags & 0x01 else ">i", blob, 4)
    if srs_id is not None and srs != srs_id:
        return f"geometry in SRS {srs}; the layer's is {srs_id}"
    try:
        code = geometry.wkb_type(blob[8 + env:])
    except (ValueError, struct.error, KeyError, IndexError, RecursionError):
        return "not a GeoPackage geometry blob (its WKB does not parse)"
    want = layer_type.upper()
    if want != "GEOMETRY" and _WKB_NAMES.get(code) not in {want, *_SUBTYPES.get(want, ())}:
        return f"a {_WKB_NAMES.get(code, code)} where the layer holds {want}"
    return None


def county_extent(conn: sqlite3.Connection) -> tuple[float, float, float, float] | None:
    """The county boundary's extent (minx, maxx, miny, maxy) as the master's
    ``gpkg_contents`` holds it, or None (no county boundary, or not a GeoPackage)."""
    with contextlib.suppress(sqlite3.OperationalError):
        ext = conn.execute("SELECT min_x, max_x, min_y, max_y FROM gpkg_contents WHERE "
                           "table_name = 'county_boundary'").fetchone()
        if ext is not None and None not in ext:
            return ext[0], ext[1], ext[2], ext[3]
    return None


def beyond_county(box: tuple, county: tuple) -> float | None:
    """How far (degrees) a geometry whose extent is ``box`` (minx, maxx, miny, maxy, in
    longitude and latitude) reaches past the county's extent ``county``, where that is more
    than :data:`COUNTY_MARGIN_DEG`: a merge and an import refuse such a plan geometry (a
    wrong coordinate system, a slip of a digit). None when it lies within the margin."""
    x0, x1, y0, y1 = box
    far = max(county[0] - x0, x1 - county[1], county[2] - y0, y1 - county[3])
    return far if far > COUNTY_MARGIN_DEG else None


def _place_problem(value: str, county: tuple | None) -> str | None:
    """Why a geometry of a layer in longitude and latitude is not on the earth, or lies
    outside the county (its extent ``county``, for the plan's own layers), or None."""
    try:
        box = geometry.blob_envelope(bytes.fromhex(value))
    except (ValueError, struct.error, KeyError, IndexError, RecursionError):
        return None  # said by the geometry's own check
    if box is None:
        return None
    x0, x1, y0, y1 = box
    if not (WORLD[0] <= x0 <= x1 <= WORLD[1] and WORLD[2] <= y0 <= y1 <= WORLD[3]):
        return (f"coordinates {x0:g}, {y0:g} are not longitude and latitude (projected "
                "metres in a longitude/latitude layer?)")
    if county is not None and beyond_county(box, county) is not None:
        return (f"at {x0:g}, {y0:g}: outside the county (more than {COUNTY_MARGIN_DEG:g}° "
                "beyond its boundary's extent)")
    return None


class FieldCheck:
    """The rules of the master's fields, read once; :meth:`problems` checks values."""

    def __init__(self, conn: sqlite3.Connection, added: dict | None = None):
        self.conn = conn
        # table -> column -> declared type of the columns and layers a merge adds, not in
        # the master yet: their values are checked against the type they will have
        self.added: dict = added or {}
        self._rules: dict = {}
        self._memo: dict = {}
        # table -> False, or (in longitude and latitude) the county's extent its
        # geometries must keep near (the plan's own layers) or None (anywhere on earth)
        self._places: dict = {}
        self.codes: dict[str, dict[str, str | None]] = {}
        # list -> code -> its label (zh, en): a refusal names the codes allowed by them
        self.labels: dict[str, dict[str, Text]] = {}
        for labelled in ("label_zh, label_en FROM code_lists ORDER BY sort_order IS NULL, "
                         "sort_order", "NULL, NULL FROM code_lists"):  # (or without labels)
            try:
                for name, code, parent, zh, en in conn.execute(
                        f"SELECT list_name, code, parent_code, {labelled}"):
                    self.codes.setdefault(name, {})[code] = parent
                    self.labels.setdefault(name, {})[code] = Text(zh or "", en or "")
                break
            except sqlite3.OperationalError:  # a master without code lists: none to check
                self.codes, self.labels = {}, {}
        for name, codes in plan_lists(conn).items():  # a plan layer's township and phase
            self.codes[name] = dict.fromkeys(c.code for c in codes)
            self.labels[name] = {c.code: c.label for c in codes}
        # a township's other name (an import writes the plan's for it; a merge writes what
        # the device sent, or nothing: it names the plan's)
        self.other_names = {a: zh for a, zh in township_names(conn).items()
                            if zh is not None and a != zh} if "township" in self.codes else {}

    def _place_of(self, tbl: str) -> tuple | bool | None:
        """False where ``tbl`` is not in longitude and latitude (nothing to check), else
        the county's extent its geometries must keep near (the plan's own layers), or
        None (on the earth is all that is asked)."""
        got = self.conn.execute(
            "SELECT s.definition FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s "
            "USING (srs_id) WHERE g.table_name = ?", (tbl,)).fetchone()
        if got is None or not re.match(r"\s*GEOG", got[0] or "", re.I):
            return False
        if tbl not in schema.BY_NAME or tbl == "county_boundary":
            return None
        return county_extent(self.conn)

    def _table(self, tbl: str) -> dict:
        """column -> (kind, geometry (type, srs) or None, form field or None)."""
        got = self._rules.get(tbl)
        if got is None:
            geoms = {}
            with contextlib.suppress(sqlite3.OperationalError):  # not a GeoPackage
                geoms = {c: (t, s) for c, t, s in self.conn.execute(
                    "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns "
                    "WHERE table_name = ?", (tbl,))}
                self._places[tbl] = self._place_of(tbl)
            form = definitions.BY_TABLE.get(tbl)
            got = {}
            for _, col, decl, *_ in self.conn.execute(f"PRAGMA table_info({quote(tbl)})"):
                fld = form.field(col) if form is not None and col in form.columns else None
                if fld is None and col not in geoms:
                    fld = coded_column(tbl, col, self.codes)
                got[col] = (_kind(decl), geoms.get(col), fld)
            for col, decl in self.added.get(tbl, {}).items():
                got.setdefault(col, (_kind(decl), None, None))
            self._rules[tbl] = got
        return got

    def problems(self, tbl: str, values: dict, row: dict | None = None, *,
                 parents: bool = True) -> list[str]:
        """``"field: reason"`` for each value of ``values`` (column -> value as the change
        log holds it) its field in ``tbl`` cannot take. ``row`` is the row's present values,
        for a dependent code list whose parent ``values`` does not set (``parents`` false:
        a code is not checked against its parent code)."""
        rules = self._table(tbl)
        out = []
        for col, value in values.items():
            if value is None or col not in rules:
                continue
            kind, geom, fld = rules[col]
            if geom is not None:
                why = _geometry_problem(value, *geom)
                place = self._places.get(tbl, False)
                if why is None and place is not False:
                    why = _place_problem(value, place)
            elif fld is None:  # the type only: most values of a merge, checked without memo
                t = type(value)
                plain = t in _PLAIN.get(kind, ()) and (
                    t is str or (_INT64[0] <= value <= _INT64[1] if t is int
                                 else value == value))
                why = None if plain else _type_problem(kind, value)
            else:
                key = (tbl, col, type(value), value)
                if key not in self._memo:
                    self._memo[key] = _type_problem(kind, value) or (
                        self._form_problem(fld, value, col) if fld is not None else None)
                why = self._memo[key]
                if why is None and fld is not None and fld.parent and parents:
                    why = self._parent_problem(fld, value, values, row)
            if why is None and type(value) is float and not math.isfinite(value) \
                    and tbl in schema.BY_NAME:
                # a plan layer's number is counted by the reports: ±Infinity is none to
                # count (a county's own layer keeps it, as QGIS writes it)
                why = f"{_shown(value)} is not a finite number"
            if why:
                out.append(f"{col}: {why}")
        if parents and row is not None:  # a class changed alone: the sub-class it leaves
            out += self.pairs_broken(tbl, values, {**row, **values}, parent_only=True)
        return out

    def pairs_broken(self, tbl: str, values: dict, record: dict, *,
                     parent_only: bool = False) -> list[str]:
        """``"field: reason"`` for each code of ``tbl``'s record (as it holds ``record``
        once ``values`` are written) that does not belong to the code of its parent field
        (a sub-class of another class), where ``values`` sets either of the two
        (``parent_only``: the parent alone)."""
        out = []
        for col, (_, _, fld) in self._table(tbl).items():
            if fld is None or not fld.parent:
                continue
            sets_parent, sets_child = fld.parent in values, col in values
            if not (sets_parent and not sets_child if parent_only else
                    sets_parent or sets_child):
                continue
            why = self._apart(fld, record.get(col), record.get(fld.parent))
            if why:
                out.append(f"{col}: {why}")
        return out

    def rules_broken(self, tbl: str, values: dict, record: dict) -> list[str]:
        """What the rules of two fields a merge holds ``tbl``'s records to (a figure under
        another, a year closed not after the verification's, a code under its parent's)
        say of an update writing ``values`` that leaves ``record``."""
        return held_rules_broken(tbl, "update", values, record) + \
            self.pairs_broken(tbl, values, record)

    def _apart(self, fld: Field, value, parent) -> str | None:
        """Why ``value`` of ``fld`` cannot stand under ``parent``, its parent field's code:
        the parent field by its column, as the field itself is (the Chinese line names
        both by their labels)."""
        if self.belongs(fld, value, parent):
            return None
        return f"{_shown(value)} does not belong to {fld.parent} {_shown(parent)}"

    def _form_problem(self, fld, value, col: str) -> str | None:
        if fld.widget == CHOICE and not fld.open_choice and fld.code_list not in (
                None, TARGETS, UNITS) and self.codes.get(fld.code_list) \
                and value not in self.codes[fld.code_list]:
            if fld.code_list == "township" and value in self.other_names:
                name = self.other_names[value]
                return f"{_shown(value)} is the plan's other name for {name}: write {name}"
            named = fld.label.en if fld.label.en == fld.label.zh else \
                f"{fld.label.en} ({fld.label.zh})"
            return (f"{_shown(value)} is not in the code list {named}: one of "
                    f"{self._allowed(fld.code_list)}")
        lo, hi = POSITION_LIMITS.get(col, (fld.min, fld.max))  # the form's own limits
        if fld.widget == DATE or isinstance(value, str):
            if (lo is not None and str(value) < str(lo)) or (hi is not None and
                                                             str(value) > str(hi)):
                return f"{_shown(value)} is outside {lo} to {hi}"
            return None
        if lo is not None and (value <= lo if fld.min_exclusive else value < lo):
            least = "more than" if fld.min_exclusive else "at least"
            return f"{_shown(value)} must be {least} {lo}"
        if hi is not None and value > hi:
            return f"{_shown(value)} must be at most {hi}"
        return None

    def _allowed(self, name: str) -> str:
        """The codes of list ``name``, each with its English label, then in brackets with
        its Chinese one (the Chinese line names them so); a long list, the first few and
        how many more."""
        codes = list(self.codes[name])
        shown = codes if len(codes) <= SHOWN_CODES + 2 else codes[:SHOWN_CODES]
        labels = self.labels.get(name, {})

        def said(code: str, label: str) -> str:
            return f"{code} {label}" if label and label != code else code
        en = ", ".join(said(c, labels[c].en if c in labels else "") for c in shown)
        zh = "、".join(said(c, labels[c].zh if c in labels else "") for c in shown)
        more = f" and {len(codes) - len(shown)} more" if len(shown) < len(codes) else ""
        return f"{en}{more} ({zh})"

    def belongs(self, fld: Field, value, parent) -> bool:
        """Whether ``value`` of a field whose code list depends on another's (a sub-class
        on its class) may stand under ``parent``, that field's value: a code of another
        parent may not; an empty value or parent, or a code not in the list (the list's
        own check says so), is no question of the two."""
        codes = self.codes.get(fld.code_list or "")
        return not codes or value not in codes or parent is None or codes[value] == parent

    def _parent_problem(self, fld, value, values: dict, row: dict | None) -> str | None:
        if fld.parent in values:
            parent = values[fld.parent]
        elif row is not None:
            parent = row.get(fld.parent)
        else:
            parent = None
        return self._apart(fld, value, parent)


def coded_column(tbl: str, col: str, lists) -> Field | None:
    """The field of a column of a plan layer no form edits that a code list is named after
    (a patch's mineral, its geometry source; its township and phase, see
    :func:`~field_kit.forms.store.plan_lists`): its values are that list's codes all the
    same. None for any other column, or where ``lists`` (the master's code lists, by
    name) holds no such list."""
    plan = schema.BY_NAME.get(tbl)
    column = next((c for c in plan.columns if c.name == col), None) if plan else None
    if column is None or not lists.get(col) or tbl == "code_lists":
        return None
    return Field(col, CHOICE, column.label, (col,), code_list=col)


def problems(conn: sqlite3.Connection, tbl: str, values: dict, row: dict | None = None, *,
             parents: bool = True) -> list[str]:
    """What :meth:`FieldCheck.problems` finds, for one set of values."""
    return FieldCheck(conn).problems(tbl, values, row, parents=parents)


def require(conn: sqlite3.Connection, conflict_id, tbl: str, values: dict,
            row: dict | None = None) -> None:
    """Raise :class:`BadInput` naming what ``values`` (settling a conflict) cannot take."""
    col = UNIQUE.get(tbl)
    why = spaced(values.get(col), col) if col else ""
    if why:  # (as a merge refuses it; a code left empty is refused alike)
        raise BadInput(f"conflict {conflict_id}: {why}; nothing was changed")
    # (a code and its parent code are checked once every decision is applied, naming the
    # other conflict to settle with it: :mod:`~field_kit.sync.pairs`)
    found = problems(conn, tbl, values, row, parents=False)
    if found:
        raise BadInput(f"conflict {conflict_id}: {'; '.join(found)}")
    # (the rules of two fields are checked once every decision is applied: rules_left_broken)
    refuse_broken(conflict_id, decision_rules_broken(tbl, values, {**(row or {}), **values},
                                                     kinds=("not_future",)))


def rules_left_broken(tbl: str, fields: Collection[str], record: dict
                      ) -> list[tuple[tuple[str, ...], Text]]:
    """The rules of ``tbl``'s form holding ``fields`` (those decided) to another field that
    ``record``, as the decisions of a call left it, breaks: a year closed after the year of
    its verification, a treated area over the measured one; each with its two fields (a
    decision on each of the two, in one call, is held to the pair they leave)."""
    return list(_rules_said(tbl, {f: record[f] for f in fields if f in record}, record,
                            _HELD_RULES))


def refuse_broken(conflict_id, said: list[Text]) -> None:
    """Raise :class:`BadInput` for conflict ``conflict_id`` with the rules ``said`` broken."""
    if said:
        refused = broken_said(conflict_id, said)
        raise BadInput(refused.en, refused.zh)


def broken_said(conflict_id, said: list[Text], how: Text | None = None) -> Text:
    """The refusal of conflict ``conflict_id``'s decision for the rules ``said`` broken:
    nothing changed, or, with what to do (``how``: the other conflicts to settle with it),
    nothing settled."""
    zh, en = "；".join(t.zh for t in said), "; ".join(t.en for t in said)
    if how is None:
        return Text(f"冲突 {conflict_id}：{zh}；未作任何更改",
                    f"conflict {conflict_id}: {en}; nothing was changed")
    return Text(f"冲突 {conflict_id}：{zh}；未处理任何冲突：{how.zh}",
                f"conflict {conflict_id}: {en}; nothing was settled: {how.en}")


# the rules of a record's form a merge holds a package's edits to: of its figures and its
# year closed; a value typed to settle a conflict is held to its dates as well (a device's
# clock, or its day east of the master's, is no reason to refuse a package's records)
_HELD_RULES = ("not_greater", "year_not_after")
_DECIDED_RULES = (*_HELD_RULES, "not_future")


def decision_rules_broken(tbl: str, values: dict, record: dict,
                          kinds: Collection[str] = ()) -> list[Text]:
    """What the rules of ``tbl``'s form say of ``values`` decided for a record that then
    holds ``record``: the rules of the fields decided (a year closed after the year of the
    verification, a date after today, a treated area over the measured one)."""
    return [said for _, said in _rules_said(tbl, values, record, kinds or _DECIDED_RULES)]


def _rules_said(tbl: str, values: dict, record: dict, kinds: Collection[str]
                ) -> Iterator[tuple[tuple[str, ...], Text]]:
    """(the rule's fields, what it says) of each rule of ``kinds`` of ``tbl``'s form holding a
    field of ``values`` that ``record`` breaks (:func:`decision_rules_broken`)."""
    form = definitions.BY_TABLE.get(tbl)
    if form is None:
        return
    for rule in form.rules:
        names = {rule.field, *(str(rule.params[k]) for k in ("than", "date")
                               if k in rule.params)}
        if rule.kind not in kinds or rule.severity != ERROR or not names & values.keys():
            continue
        fields = {k: form.find(k) for k in names}
        dates = {k for k, f in fields.items() if f is not None and f.widget == DATE}
        clean = {k: record_day(v) if k in dates else v for k, v in record.items()
                 if k in names}
        if any(v is None for v in clean.values()) or not all(
                isinstance(v, (int, float, date)) for v in clean.values()):
            continue  # (a value missing, or of another type, is not this rule's to say)
        found = broken(rule, clean)
        if found is not None:
            f = fields[rule.field]
            yield (rule.field, *sorted(names - {rule.field})), rule.message.format(
                label=f.label if f else Text(rule.field, rule.field), **found)



def emptied(conn: sqlite3.Connection, conflict_id, tbl: str, col: str) -> str:
    """What settling a conflict by emptying ``col`` says (NULL written); raise
    :class:`BadInput` where the record's form requires the field."""
    fld = FieldCheck(conn)._table(tbl).get(col, (None, None, None))[2]
    # (as the form holds it: a position needs its longitude and latitude, not its accuracy)
    if fld is not None and fld.required and col in fld.columns[:2]:
        raise BadInput(f"conflict {conflict_id}: {col} ({fld.label.zh}) is required by the "
                       "form: give a value, or --take a side")
    return f"conflict {conflict_id}: {col} emptied (NULL)"


# A value of a column checked by its declared type only that is certainly right, as
# FieldCheck.problems would find: text in TEXT; a whole number that SQLite holds as one (a
# larger one it turns into a real) in INTEGER, REAL or undeclared; a real (±Infinity too, but
# in a plan layer) in REAL or undeclared; text in undeclared. Anything else (true, false, a
# date...) goes to Python.
_SURELY_PLAIN = (
    "(p.kind IS NOT NULL AND ((j.type = 'text' AND p.kind IN ('TEXT', '')) OR "
    "(j.type = 'integer' AND typeof(j.atom) = 'integer' AND p.kind IN ('INTEGER', 'REAL', '')) "
    "OR (j.type = 'real' AND p.kind IN ('REAL', '') AND NOT (p.finite AND "
    "abs(j.atom) > 1.7976931348623157e308))))")


def _note_plain_columns(conn: sqlite3.Connection, check: FieldCheck, slot: int) -> None:
    """The temp table ``plain_columns``: the columns of the slot's tables that only their
    declared type checks (no geometry, no form field), with that type, and whether a number
    in it must be finite (a plan layer's)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS plain_columns (tbl TEXT, col TEXT, kind TEXT, "
                 "finite INTEGER, PRIMARY KEY (tbl, col)) WITHOUT ROWID")
    conn.execute("DELETE FROM plain_columns")
    tables = [t for (t,) in conn.execute("SELECT DISTINCT tbl FROM incoming WHERE slot = ?",
                                         (slot,))]
    conn.executemany("INSERT INTO plain_columns VALUES (?, ?, ?, ?)", [
        (tbl, col, kind, tbl in schema.BY_NAME) for tbl in tables
        for col, (kind, geom, fld) in check._table(tbl).items()
        if geom is None and fld is None and kind in ("TEXT", "INTEGER", "REAL", "")])


def refuse_bad_values(conn: sqlite3.Connection, slot: int, added: dict | None = None) -> int:
    """Mark the changes of ``slot`` in ``incoming`` that would write a value its field cannot
    take as refused, with the reason; they are then left out of every later step. Changes
    merged before are left alone (they are 'already'). ``added``: table -> column -> declared
    type of the columns and layers the merge adds. Returns how many were refused."""
    check = FieldCheck(conn, added)
    parents = {(f.table, fld.name, fld.parent) for f in definitions.FORMS.values()
               for fld in f.fields if fld.parent}
    _note_plain_columns(conn, check, slot)
    left, shared = _left_by_slot(conn, slot)
    bad = []
    # Python sees only the changes with a value SQL cannot vouch for (most have none)
    for id_, tbl, row, new in conn.execute(
            "SELECT id, tbl, row, new FROM incoming i WHERE slot = ? AND status IS NULL AND "
            "new IS NOT NULL AND change NOT IN (SELECT change_uuid FROM sync_applied) AND "
            f"EXISTS (SELECT 1 FROM json_each(i.new) j LEFT JOIN plain_columns p ON p.tbl = "
            f"i.tbl AND p.col = j.key WHERE NOT (j.type = 'null' OR {_SURELY_PLAIN})) "
            "ORDER BY seq", (slot,)).fetchall():
        values = log_values.loads(new)
        # the one of a pair the change leaves, as the master holds it (a row another
        # package changes too is the three-way's to check)
        here = None
        for t, child, parent in parents if row not in shared else ():
            if t == tbl and (child in values) != (parent in values):
                kept = child if parent in values else parent
                got = conn.execute(f"SELECT {quote(kept)} FROM {quote(tbl)} WHERE uuid = ?",
                                   (row,)).fetchone()
                here = {**(here or {}), kept: got[0]} if got else here
        found = check.problems(tbl, values, here)
        if found and here and row in left:  # the package's later changes may mend the pair
            found = found if check.problems(tbl, values, {**here, **{
                k: v for k, v in left[row].items() if k in here}}) else []
        if found:
            bad.append(("; ".join(found), id_))
    for more in (_broken_rules(conn, slot, left, shared), refuse_emptied(conn, slot)):
        refused = {i for _, i in bad}
        bad += [b for b in more if b[1] not in refused]
    conn.executemany("UPDATE incoming SET status = 'refused', reason = ? WHERE id = ?", bad)
    return len(bad)


def refuse_codes_taken(conn: sqlite3.Connection, slot: int) -> int:
    """Refuse the changes of ``slot`` leaving a row with a code another row holds
    (:func:`~field_kit.sync.codes.refuse_taken`); run once every package's values are
    checked, so that a code goes to no row whose change is refused for another reason."""
    bad = refuse_taken(conn, slot)
    conn.executemany("UPDATE incoming SET status = 'refused', reason = ? WHERE id = ? AND "
                     "status IS NULL", bad)
    return len(bad)


def _broken_rules(conn: sqlite3.Connection, slot: int, left: dict, shared: set
                  ) -> list[tuple[str, int]]:
    """(reason, id) of the inserts and updates of the plan's records that leave a record
    with a figure over the one the form holds it under (the treated area over the measured
    one: the plan's progress would count it), or a year closed after the year of its
    verification, as its changes so far leave the record, unless the package's later
    changes leave it keeping the rule (``left``: :func:`_left_by_slot`; a year and a day
    saved apart on a device). An update is held to a rule only where it sets one of its
    fields (a record kept from before is left as it is). A row another package of the merge
    changes too (``shared``) is the three-way's to check, as it leaves the record."""
    out = []
    for form in definitions.FORMS.values():
        rules = _held(form)
        if not rules:
            continue
        cols = sorted({c for r in rules for c in _fields(r)})
        here: dict = {}  # row -> the rules' fields as the master holds them
        seen: dict = {}  # row -> the record as this package's changes so far leave it
        for id_, row, op, new in conn.execute(
                "SELECT id, row, op, new FROM incoming WHERE slot = ? AND tbl = ? AND "
                "status IS NULL AND op != 'delete' AND change NOT IN (SELECT change_uuid FROM "
                "sync_applied) ORDER BY seq", (slot, form.table)).fetchall():
            if row in shared:
                continue
            if op == "update" and row not in here:
                got = conn.execute(f"SELECT {', '.join(map(quote, cols))} FROM "
                                   f"{quote(form.table)} WHERE uuid = ?", (row,)).fetchone()
                here[row] = dict(zip(cols, got or ()))
            values = log_values.loads(new or "{}")
            seen[row] = {**(seen[row] if row in seen else here.get(row, {})), **values}
            said = _rules_broken(rules, op, values, seen[row])
            # (none where the package's later changes of the row leave it keeping the rule)
            if said and _rules_broken(rules, op, values, {**here.get(row, {}),
                                                          **left.get(row, {})}):
                out.append(("; ".join(said), id_))
    return out


def _left_by_slot(conn: sqlite3.Connection, slot: int) -> tuple[dict, set]:
    """Of the rows of the tables held to rules of two fields: (row -> the values the slot's
    changes leave it with, the rows another slot of the merge changes too)."""
    tables = sorted(RULED_TABLES)
    left: dict[str, dict] = {}
    for row, new in conn.execute(
            f"SELECT row, new FROM incoming WHERE slot = ? AND tbl IN {marks(len(tables))} "
            "AND op != 'delete' AND status IS NULL AND new IS NOT NULL ORDER BY seq",
            (slot, *tables)):
        left.setdefault(row, {}).update(log_values.loads(new))
    # (only this slot's rows are ever looked up in it: none, no need to read every slot's)
    mine = conn.execute(f"SELECT 1 FROM incoming WHERE slot = ? AND tbl IN "
                        f"{marks(len(tables))} LIMIT 1", (slot, *tables)).fetchone()
    shared = {row for (row,) in conn.execute(
        f"SELECT DISTINCT row FROM incoming WHERE slot != ? AND tbl IN {marks(len(tables))}",
        (slot, *tables))} if mine else set()
    return left, shared


def _ruled(form) -> bool:
    """Whether a merge holds the records of ``form`` to rules of two fields (held rules, or
    a code under its parent field's)."""
    return bool(_held(form)) or any(f.parent for f in form.fields)


def _held(form) -> list:
    """The form's rules a merge holds a package's edits to."""
    return [r for r in form.rules if r.kind in _HELD_RULES and r.severity == ERROR]


def _rules_broken(rules: list, op: str, values: dict, record: dict) -> list[str]:
    """What the form's ``rules`` (a figure not greater than another, a year closed not after
    the verification's) say of an edit (``op``) that wrote ``values`` and leaves ``record``:
    an update only where it sets one of a rule's fields."""
    said = []
    for r in rules:
        other = _other(r)
        if op == "update" and not ({r.field, other} & values.keys()):
            continue
        a, b = record.get(r.field), record.get(other)
        # (a value of another type is refused by its own field's check)
        if r.kind == "year_not_after":
            day = record_day(b) if b is not None else None
            if isinstance(a, int) and day is not None and broken(r, {r.field: a, other: day}):
                said.append(f"{r.field}: {a} is after the year of {other} ({day.year})")
        elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
                broken(r, record) is not None:
            said.append(f"{r.field}: {a:g} is more than {other} ({b:g})")
    return said


def edit_problems(check: FieldCheck, tbl: str, op: str, values: dict, row: dict | None
                  ) -> list[str]:
    """What a merge refuses of one edit (``op``) writing ``values`` into a row that holds
    ``row`` (None: not there): the values their fields cannot take, and the rules of the
    record's form it breaks, as :func:`refuse_bad_values` names them."""
    return check.problems(tbl, values, row) + held_rules_broken(
        tbl, op, values, {**(row or {}), **values})


def held_rules_broken(tbl: str, op: str, values: dict, record: dict) -> list[str]:
    """What the rules a merge holds ``tbl``'s records to say of an edit (``op``) that wrote
    ``values`` and leaves ``record`` (:func:`_rules_broken`)."""
    form = definitions.BY_TABLE.get(tbl)
    rules = _held(form) if form is not None and op != "delete" else []
    return _rules_broken(rules, op, values, record) if rules else []


def _other(rule) -> str:
    """The field a held rule weighs its own against."""
    return str(rule.params.get("than") or rule.params["date"])


def _fields(rule) -> set[str]:
    return {rule.field, _other(rule)}


# the tables whose records a merge holds to rules of two fields
RULED_TABLES = frozenset(f.table for f in definitions.FORMS.values() if _ruled(f))


__all__ = ["COUNTY_MARGIN_DEG", "RULED_TABLES", "FieldCheck", "beyond_county", "broken_said",
           "coded_column", "county_extent", "edit_problems", "emptied", "held_rules_broken",
           "problems", "refuse_bad_values", "refuse_codes_taken", "require", "rules_left_broken"]
