# SPDX-License-Identifier: GPL-2.0-or-later
"""The form definitions as QGIS attribute-form settings, for QField's native forms.

Everything here is derived from :mod:`field_kit.forms.definitions` (fields, code lists,
rules, labels), so the app, the QGIS dialog and QGIS/QField's own form check one rule set.
The result is plain data (:class:`FieldSetup`, :class:`Tab`); :mod:`.project` writes it as
QGIS project XML.

Rules become constraint expressions: an app error is a hard constraint (QField will not
save), a warning a soft one (QField shows it and saves). A field holds one expression and
one strength; where a field has both, the warnings are left to the app and listed in
:func:`app_only`. A photo is added to a saved record in QField (the photos are child rows),
so "a restored patch needs a photo" is soft there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..forms import definitions
from ..forms.model import (
    CHOICE,
    DATE,
    ERROR,
    INTEGER,
    MULTILINE,
    PHOTOS,
    POSITION,
    REAL,
    TARGETS,
    TEXT,
    UNITS,
    Field,
    Form,
    Rule,
)
from ..plan import schema

HARD, SOFT = 1, 2  # QgsFieldConstraints::ConstraintStrength
NOT_NULL, EXPRESSION = 1, 4  # QgsFieldConstraints::Constraint flags

LAYER_PREFIX = "toksun_"
TECHNICIAN_VARIABLE = "toksun_technician"  # project variable set at checkout
PHOTO_DIR = "DCIM"
DISTANCE_CRS = "EPSG:4504"  # metres for "how far from the patch" (the county lies in it)
# a photo path that leaves the project folder: absolute, a drive, or a '..' step
OUTSIDE = r"^([/\\]|[A-Za-z]:)|(^|[/\\])\.\.([/\\]|$)"


UUID_DEFAULT = "regexp_replace(uuid(), '[{}]', '')"  # a new row's identity, without braces
_LINE = {"IsMultiline": False, "UseHtml": False}
_DATE = {"allow_null": True, "calendar_popup": True, "display_format": "yyyy-MM-dd",
         "field_format": "yyyy-MM-dd", "field_iso_format": False}
_DATETIME = {**_DATE, "display_format": "yyyy-MM-dd HH:mm:ss",
             "field_format": "yyyy-MM-dd HH:mm:ss"}
_CHECK_BOX = {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 0}


def layer_id(table: str, *, plan: bool = True) -> str:
    """A layer's id in every generated project: the same for every checkout, so value
    relations and expressions can name it. A table of the county's own (``plan=False``) has
    a prefix of its own: its id is never a plan layer's, and longer than the 10 characters
    up to which QGIS takes an id read from a project for none and draws a new one."""
    return LAYER_PREFIX + ("" if plan else "own_") + table


def relation_id(table: str) -> str:
    return f"{table}_photos"


@dataclass
class FieldSetup:
    name: str
    widget: str = "TextEdit"  # a QGIS editor widget type
    config: dict = field(default_factory=dict)
    alias: str = ""
    default: str = ""
    apply_on_update: bool = False
    editable: bool = True
    not_null: int = 0  # 0, HARD or SOFT
    expression: str = ""
    expression_strength: int = 0
    description: str = ""  # shown when the expression fails


@dataclass(frozen=True)
class Tab:
    title: str
    fields: tuple[str, ...] = ()
    relation: str | None = None  # a relation editor (the record's photos)


# The app's form is one column; on a phone the same fields come in tabs, in the
# definitions' order. Every field of a form is in exactly one tab (a test checks).
TABS = {
    "patch_verification": (
        ("图斑 Patch", ("patch_uuid", "patch_code")),
        ("核查 Verification", ("patch_class", "patch_subclass", "damage_type", "patch_feature",
                               "remediation_status", "restoration_method", "mineral",
                               "mining_method", "year_closed", "measured_area_m2",
                               "treated_area_m2", "land_use")),
        ("定位 Position", ("position", "position_note")),
        ("核查人 Verifier", ("verifier", "verifying_unit", "verified_on", "notes")),
        ("照片 Photos", ("photos",)),
    ),
    "project_inspection": (
        ("项目 Project", ("project_uuid", "project_id")),
        ("检查 Inspection", ("target_uuid", "completed_quantity", "unit", "rating",
                             "issues_found")),
        ("定位 Position", ("position", "position_note")),
        ("检查人 Inspector", ("inspector", "inspecting_unit", "inspected_on", "notes")),
        ("照片 Photos", ("photos",)),
    ),
}

# The subject each form is about: the layer it is picked from and the column shown.
SUBJECT_VALUE = {"mine_patches": "patch_code", "restoration_projects": "name_zh"}


def quoted_column(name: str) -> str:
    """A column as a QGIS expression names it (QgsExpression.quotedColumnRef)."""
    return '"' + name.replace('"', '""') + '"'


def quoted_string(text: str) -> str:
    """A string as a QGIS expression writes it (QgsExpression.quotedString)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


_q, _s = quoted_column, quoted_string  # short, for the expressions below
_TEXT_WIDGETS = (TEXT, MULTILINE, CHOICE)


def _is_text(form: Form, name: str) -> bool:
    try:
        return form.field(name).widget in _TEXT_WIDGETS
    except KeyError:
        return False


def _missing(form: Form, name: str) -> str:
    """True where the column holds no value as the app reads it: text trimmed, blank is
    none (an emptied field in QField is '', not NULL)."""
    if _is_text(form, name):
        return f"length(trim(coalesce({_q(name)}, ''))) = 0"
    return f"{_q(name)} IS NULL"


def _given(form: Form, name: str) -> str:
    if _is_text(form, name):
        return f"length(trim(coalesce({_q(name)}, ''))) > 0"
    return f"{_q(name)} IS NOT NULL"


def _as_read(form: Form, name: str) -> str:
    """The column's value as the app checks it: text trimmed."""
    return f"trim({_q(name)})" if _is_text(form, name) else _q(name)


def _lookup(table: str, key_expr: str, column: str) -> str:
    return f"attribute(get_feature({_s(layer_id(table))}, 'uuid', {key_expr}), {_s(column)})"


def _value_relation(table: str, key: str, value: str, filter_expr: str = "",
                    allow_null: bool = True) -> dict:
    return {"AllowMulti": False, "AllowNull": allow_null, "FilterExpression": filter_expr,
            "Key": key, "Layer": layer_id(table), "LayerName": table,
            "LayerProviderName": "ogr", "LayerSource": f"./package.gpkg|layername={table}",
            "NofColumns": 1, "OrderByValue": False, "UseCompleter": False, "Value": value}


def _subject_distance(form: Form) -> str:
    """Metres from the record's point to the nearest outline of its subject (patch, or the
    project's patches); NULL when there is none."""
    key = "uuid" if form.subject_table == "mine_patches" else "project_uuid"
    return (f"aggregate(layer:={_s(layer_id('mine_patches'))}, aggregate:='min', "
            f"expression:=distance(transform($geometry, 'EPSG:4490', {_s(DISTANCE_CRS)}), "
            f"transform(geometry(@parent), 'EPSG:4490', {_s(DISTANCE_CRS)})), "
            f"filter:={_q(key)} = attribute(@parent, {_s(form.subject_column)}))")


# --- rules as expressions ---------------------------------------------------------------

# rules whose expression reads other layers by the QField project's ids and relations
_PROJECT_RULES = {"photo_required_when", "near_subject", "target_required", "target_unit",
                  "not_over_target", "not_far_above_subject", "not_far_below_subject"}


def rule_expression(form: Form, rule: Rule, *, in_project: bool = True) -> str | None:
    """The rule as a QGIS expression that is true when the value is acceptable; None where
    no expression states it (``in_project=False``: a layer loaded on its own, where the
    project's other layers and relations are not there to read). The QField project and the
    QGIS plugin's layer forms both take their constraints from here."""
    if not in_project and rule.kind in _PROJECT_RULES:
        return None
    p, f = rule.params, _q(rule.field)
    missing, given = _missing(form, rule.field), _given(form, rule.field)
    if rule.kind == "photo_required_when":
        return (f"coalesce({_as_read(form, rule.field)}, '') <> {_s(p['value'])} OR "
                f"relation_aggregate({_s(relation_id(form.table))}, 'count', \"uuid\") "
                f">= {int(p['min_photos'])}")
    if rule.kind == "required_when":
        if p.get("values"):
            values = ", ".join(_s(v) for v in p["values"])
            when = _as_read(form, p["when"])
            return f"coalesce({when}, '') NOT IN ({values}) OR {given}"
        return f"{_missing(form, p['when'])} OR {given}"
    if rule.kind == "not_greater":
        than = _q(p["than"])
        return f"{f} IS NULL OR {than} IS NULL OR {f} <= {than} * (1 + 1e-12)"
    if rule.kind == "year_not_after":
        return f"{f} IS NULL OR {f} <= year(coalesce({_q(p['date'])}, now()))"
    if rule.kind == "not_future":
        return f"{f} IS NULL OR {f} <= to_date(now())"
    if rule.kind == "near_subject":
        limit = float(p["limit_m"])
        return (f"{given} OR $geometry IS NULL OR "
                f"coalesce({_subject_distance(form)}, 0) <= {limit:g}")
    if rule.kind == "not_far_above_subject":
        mapped = _lookup(form.subject_table, _q(form.subject_column), p["of"])
        return f"{f} IS NULL OR coalesce({mapped}, 0) = 0 OR {f} <= {p['times']:g} * {mapped}"
    if rule.kind == "not_far_below_subject":
        mapped = _lookup(form.subject_table, _q(form.subject_column), p["of"])
        return (f"{f} IS NULL OR {f} <= 0 OR coalesce({mapped}, 0) = 0 OR "
                f"{f} * {p['share']:g} >= {mapped}")
    if rule.kind == "pattern":
        return f"{missing} OR regexp_match({_as_read(form, rule.field)}, {_s(p['regex'])}) > 0"
    if rule.kind == "target_required":
        return (f"{given} OR aggregate(layer:={_s(layer_id('project_targets'))}, "
                f"aggregate:='count', expression:=\"uuid\", filter:=\"project_uuid\" = "
                f"attribute(@parent, {_s(form.subject_column)})) = 0")
    if rule.kind == "target_unit":
        return (f"{f} IS NULL OR {_missing(form, 'target_uuid')} OR "
                f"{f} = {_lookup('project_targets', _q('target_uuid'), 'unit')}")
    if rule.kind == "not_over_target":
        target = _lookup("project_targets", _q("target_uuid"), "quantity")
        return (f"{f} IS NULL OR {_missing(form, 'target_uuid')} OR "
                f"{f} <= coalesce({target}, {f})")
    return None


def _field_limits(f: Field, column: str, kind: str) -> str | None:
    """The field's own limits (min, max, plan period) as an expression, or None."""
    c = _q(column)
    if kind == DATE:
        lo, hi = f.min, f.max
        if lo is None and hi is None:
            return None
        parts = ([f"{c} >= to_date({_s(str(lo))})"] if lo else []) + (
            [f"{c} <= to_date({_s(str(hi))})"] if hi else [])
        return f"{c} IS NULL OR ({' AND '.join(parts)})"
    if kind in (INTEGER, REAL):
        parts = []
        if f.min is not None:
            parts.append(f"{c} {'>' if f.min_exclusive else '>='} {f.min}")
        if f.max is not None:
            parts.append(f"{c} <= {f.max}")
        return f"{c} IS NULL OR ({' AND '.join(parts)})" if parts else None
    return None


def _message(form: Form, rule: Rule) -> str:
    """The rule's constraint description: QGIS computes no findings, so the rule as
    stated (both languages)."""
    return rule.stated(form.field(rule.field).label).both(" / ")


def field_setups(form: Form) -> dict[str, FieldSetup]:
    """Every column of the form's table: widget, alias, default, constraints."""
    table = schema.table(form.table)
    out: dict[str, FieldSetup] = {"fid": FieldSetup("fid", "Hidden", editable=False)}
    for col in table.columns:
        out[col.name] = FieldSetup(col.name, alias=col.label.zh)
    out["uuid"].widget, out["uuid"].editable = "Hidden", False
    out["uuid"].default = UUID_DEFAULT
    out["created_at"].widget, out["created_at"].default = "Hidden", "now()"

    for f in form.fields:
        if f.widget == PHOTOS:
            continue
        if f.widget == POSITION:
            lon, lat, acc = f.columns
            for name, expr in ((lon, "round(x($geometry), 6)"), (lat, "round(y($geometry), 6)")):
                s = out[name]
                s.default, s.apply_on_update, s.editable = expr, True, False
                s.not_null = HARD if f.required else 0
            out[acc].default = "@position_horizontal_accuracy"
            continue
        s = out[f.name]
        s.alias = f.label.zh
        if f.required:
            s.not_null = HARD
        if f.widget == CHOICE and f.code_list == TARGETS:
            s.widget = "ValueRelation"
            s.config = _value_relation("project_targets", "uuid", "target_zh",
                                       f"\"project_uuid\" = current_value("
                                       f"{_s(form.subject_column)})")
        elif f.widget == CHOICE and f.code_list == UNITS:
            # typed in the target's own unit: QGIS cannot convert as the app does
            s.default = _lookup("project_targets", _q("target_uuid"), "unit")
            s.apply_on_update, s.editable = True, False
        elif f.widget == CHOICE and f.open_choice:
            s.widget, s.config = "TextEdit", dict(_LINE)  # values outside the list allowed
        elif f.widget == CHOICE:
            filt = f"\"list_name\" = {_s(f.code_list or '')}"
            if f.parent:
                filt += f" AND \"parent_code\" = current_value({_s(f.parent)})"
            s.widget, s.config = "ValueRelation", _value_relation("code_lists", "code",
                                                                  "label_zh", filt)
        elif f.widget == DATE:
            s.widget, s.config, s.default = "DateTime", dict(_DATE), "to_date(now())"
        elif f.name == form.subject_column:
            s.widget = "ValueRelation"
            s.config = _value_relation(form.subject_table, "uuid",
                                       SUBJECT_VALUE[form.subject_table], allow_null=False)
            # the nearest patch, or for a project the nearest patch that belongs to one
            key = "uuid" if form.subject_table == "mine_patches" else "project_uuid"
            s.default = (f"array_first(overlay_nearest({_s(layer_id('mine_patches'))}, "
                         f"{_q(key)}, filter:={_q(key)} IS NOT NULL))")
        elif f.derived and f.source:
            subject_key = _q(form.subject_column)
            s.default = _lookup(form.subject_table, subject_key, f.source)
            s.apply_on_update = True
        else:
            s.config = {"IsMultiline": f.widget == MULTILINE, "UseHtml": False}
        if f.derived and f.source and f.name != form.subject_column and f.widget != CHOICE:
            s.editable = not f.read_only
        if f.source and f.widget == CHOICE and not s.default:
            s.default = _lookup(form.subject_table, _q(form.subject_column), f.source)
        if f.name in ("verifier", "inspector"):
            s.default = f"coalesce(@{TECHNICIAN_VARIABLE}, @user_full_name)"
    _constraints(form, out)
    return out


def _rule_sets(form: Form) -> tuple[dict, dict]:
    """(hard, soft): field -> [(expression, message)] from its limits and the rules."""
    hard: dict[str, list[tuple[str, str]]] = {}
    soft: dict[str, list[tuple[str, str]]] = {}
    for f in form.fields:
        if f.widget == POSITION:
            continue
        for col in f.columns:
            limit = _field_limits(f, col, f.widget)
            if limit:
                label = f.label.zh
                desc = (f"{label}须在 {f.min} 至 {f.max} 之间 / "
                        f"{f.label.en}: {f.min} to {f.max}" if f.max is not None else
                        f"{label}须{'大于' if f.min_exclusive else '不小于'} {f.min} / "
                        f"{f.label.en} {'>' if f.min_exclusive else '>='} {f.min}")
                hard.setdefault(col, []).append((limit, desc))
    for rule in form.rules:
        expr = rule_expression(form, rule)
        if expr is None:
            continue
        soft_rule = rule.severity != ERROR or rule.kind == "photo_required_when"
        (soft if soft_rule else hard).setdefault(rule.field, []).append(
            (expr, _message(form, rule)))
    # QGIS's NotNull lets '' and ' ' through, the app does not. A field with a warning keeps
    # it instead (one expression a field): those are picked from a list or filled from the
    # subject, never typed blank in QField.
    for f in form.fields:
        if f.required and f.widget in _TEXT_WIDGETS and f.name not in soft:
            hard.setdefault(f.name, []).insert(
                0, (_given(form, f.name),
                    definitions.MESSAGES["required"].format(label=f.label).both(" / ")))
    return hard, soft


def app_only(form: Form) -> tuple[str, ...]:
    """Fields whose warnings only the app shows: QGIS keeps one expression per field, and
    these have a hard rule too."""
    hard, soft = _rule_sets(form)
    return tuple(col for col in soft if col in hard)


def _constraints(form: Form, out: dict[str, FieldSetup]) -> None:
    hard, soft = _rule_sets(form)
    for strength, rules in ((SOFT, soft), (HARD, hard)):  # hard last: it wins a field
        for col, items in rules.items():
            out[col].expression = " AND ".join(f"({e})" for e, _ in items) \
                if len(items) > 1 else items[0][0]
            out[col].expression_strength = strength
            out[col].description = "; ".join(d for _, d in items)


def rule_expressions(form: Form) -> dict[str, str]:
    """Each rule's expression by rule code (tests compare them with the layer's)."""
    return {r.code: e for r in form.rules if (e := rule_expression(form, r)) is not None}


def tabs(form: Form) -> tuple[Tab, ...]:
    out = []
    for title, names in TABS[form.form_id]:
        if names == ("photos",):
            out.append(Tab(title, relation=relation_id(form.table)))
            continue
        cols: list[str] = []
        for n in names:
            f = form.field(n)
            cols += list(f.columns) if f.widget == POSITION else [f.name]
        out.append(Tab(title, tuple(cols)))
    return tuple(out)


def photo_setups() -> dict[str, FieldSetup]:
    """The photos layer: the picture taken in the field is a file under DCIM/, its path
    relative to the project; the rest is filled from the file when the package is exported."""
    table = schema.table("photos")
    out: dict[str, FieldSetup] = {"fid": FieldSetup("fid", "Hidden", editable=False)}
    for col in table.columns:
        out[col.name] = FieldSetup(col.name, "Hidden", alias=col.label.zh, editable=False)
    out["uuid"].default = UUID_DEFAULT
    out["record_uuid"].not_null = HARD
    tables = [f.table for f in definitions.FORMS.values()]
    first, second = tables[0], tables[1]
    out["record_table"].default = (
        f"if(get_feature({_s(layer_id(first))}, 'uuid', \"record_uuid\") IS NOT NULL, "
        f"{_s(first)}, {_s(second)})")
    s = out["file_name"]
    s.widget, s.editable, s.not_null = "ExternalResource", True, HARD
    s.config = {"DocumentViewer": 1, "DocumentViewerHeight": 0, "DocumentViewerWidth": 0,
                "FileWidget": True, "FileWidgetButton": True, "FileWidgetFilter": "",
                "RelativeStorage": 1, "StorageMode": 0}
    # inside the project folder, where export reads it (dcim.path_in): QField's own under
    # DCIM/, the app's by their bare name (IMG_0001.jpg, written there at checkout)
    s.expression = f"\"file_name\" IS NULL OR regexp_match(\"file_name\", {_s(OUTSIDE)}) = 0"
    s.expression_strength = HARD
    s.description = (f"照片须保存在项目文件夹内（新照片在 {PHOTO_DIR}/）/ "
                     f"Photos are kept inside the project's folder (new ones in {PHOTO_DIR}/)")
    out["caption"].widget, out["caption"].editable = "TextEdit", True
    out["caption"].config = dict(_LINE)
    return out


def plain_setup(name: str, declared: str, alias: str = "") -> FieldSetup:
    """A column no form defines, by its declared type as GDAL and QGIS write it: a date
    picker for a date (and a date-time), a check box for a boolean (GDAL's Integer subtype
    Boolean, declared BOOLEAN), a line edit for text and numbers (QField types numbers on a
    numeric keyboard)."""
    kind = declared.strip().upper()
    if kind.startswith("BOOLEAN"):
        return FieldSetup(name, "CheckBox", dict(_CHECK_BOX), alias)
    if kind == "DATE":
        return FieldSetup(name, "DateTime", dict(_DATE), alias)
    if kind in ("DATETIME", "TIMESTAMP"):
        return FieldSetup(name, "DateTime", dict(_DATETIME), alias)
    if kind == "BLOB":
        return FieldSetup(name, "Binary", {}, alias, editable=False)
    return FieldSetup(name, "TextEdit", dict(_LINE), alias)


def plain_setups(columns, aliases: dict[str, str]) -> dict[str, FieldSetup]:
    """A table no form defines (one of the county's own, a plan layer GIS staff edit):
    ``columns`` are (name, declared type, is the key) in the file's order, the geometry
    column left out. The key and the row's ``uuid`` are hidden, a new row's uuid drawn as
    the forms draw it; every other column by :func:`plain_setup`."""
    out: dict[str, FieldSetup] = {}
    for name, declared, key in columns:
        if key:
            out[name] = FieldSetup(name, "Hidden", editable=False)
        elif name == "uuid":
            out[name] = FieldSetup(name, "Hidden", alias=aliases.get(name, ""),
                                   default=UUID_DEFAULT, editable=False)
        else:
            out[name] = plain_setup(name, declared, aliases.get(name, ""))
    return out


_NULL_ENTRY = {"<NULL>": "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"}  # QGIS's own NULL key


def coded_setup(name: str, alias: str,
                codes: tuple[tuple[str, str], ...] | None) -> FieldSetup:
    """A plan layer's column no form edits that a merge holds to a list (a patch's mineral,
    its geometry source, township and phase: ``codes``, each code with its Chinese label):
    a drop-down of that list, as QGIS's own form of the layer has it, so that QField offers
    no value the merge would refuse. A list of the package's ``code_lists`` (``codes``
    None) is read from it, so a code a pull brings is offered with no project written
    again."""
    if codes is None:
        return FieldSetup(name, "ValueRelation", _value_relation(
            "code_lists", "code", "label_zh", f"\"list_name\" = {_s(name)}"), alias)
    entries = [{label if label and label != code else code: code} for code, label in codes]
    return FieldSetup(name, "ValueMap", {"map": [_NULL_ENTRY, *entries]}, alias)


# QField names a new photo by this expression (relative to the project folder).
PHOTO_NAMING = {"file_name": f"'{PHOTO_DIR}/' || format_date(now(), 'yyyyMMdd_hhmmsszzz') "
                             "|| '.jpg'"}
