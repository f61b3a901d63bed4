# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS's own attribute table, Identify and feature form, set up from the form definitions.

``field_kit.forms`` says once what each record field is: its label, its code list, whether
it is required, its range and the rules between fields. ``configure`` turns that into what
QGIS knows about a layer: editor widgets (a value map with the code list's labels, so the
attribute table shows 未治理 rather than A), aliases, not-null and expression constraints
(where a QGIS expression can state the rule; the rest, such as a photo being required or a
position near its patch, are checked by the plugin's form) and default values. The plan's
own layers get drop-downs of their lists (mineral, phase, township), their stated figures
kept at zero or more, and what their shape gives read-only.

``keep_derived`` recomputes what a plan feature derives from its geometry (area, centre)
after an edit in QGIS, with the library's code (:mod:`field_kit.plan.derived`, which the sync
core uses where it writes a geometry itself), from the geometry in EPSG:4490 whatever the
layer's coordinate system, and marks a new feature's geometry as surveyed.
"""

from __future__ import annotations

import re
from datetime import date

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from field_kit import forms
from field_kit.bilingual import Text
from field_kit.forms.shown import code_text
from field_kit.plan import coordinates, schema
from field_kit.plan.derived import crossing, derived_columns, derived_values
from field_kit.qfield.attribute_forms import quoted_column, quoted_string, rule_expression
from field_kit.sync import codes_follow

from . import form_wheel
from .layer_handlers import LayerHandlers

_TODAY = "to_date(now())"


def _lit(value) -> str:
    if isinstance(value, date):
        return f"to_date('{value.isoformat()}')"
    if isinstance(value, (int, float)):
        return repr(value)
    return quoted_string(str(value))


def _message(text: str) -> str:
    """A rule's message without the figures only the form fills in."""
    return re.sub(r"\s*[（(]?\{[^}]*\}[）)]?", "", text).strip()


def _range(f: forms.Field, column: str, lang: str) -> tuple[str, str] | None:
    """(expression, description) for a field's min/max, or None."""
    if f.min is None and f.max is None:
        return None
    low, high = f.min, f.max
    if f.widget == forms.DATE:
        low = date.fromisoformat(low) if isinstance(low, str) else low
        high = date.fromisoformat(high) if isinstance(high, str) else high
    parts = []
    if low is not None:
        parts.append(f"{quoted_column(column)} {'>' if f.min_exclusive else '>='} {_lit(low)}")
    if high is not None:
        parts.append(f"{quoted_column(column)} <= {_lit(high)}")
    message = forms.MESSAGES["outside_plan_period" if f.widget == forms.DATE else
                             ("not_above_min" if f.min_exclusive else "below_min")
                             if high is None else "above_max"]
    text = message.format(label=f.label, min=low, max=high)(lang)
    return f"{quoted_column(column)} IS NULL OR ({' AND '.join(parts)})", text


def _rule(rule: forms.Rule, form: forms.Form) -> str | None:
    """A form rule as a QGIS expression on its field, where one can state it on the layer
    alone: the same expressions the QField project carries."""
    return rule_expression(form, rule, in_project=False)


def _parent_rule(f: forms.Field, parent_name: str, codes: tuple, lang: str) -> tuple[str, str]:
    pairs = ", ".join(_lit(f"{c.parent_code}|{c.code}") for c in codes if c.parent_code)
    column, parent = quoted_column(f.columns[0]), quoted_column(parent_name)
    form = next(x for x in forms.FORMS.values() if f in x.fields)
    text = _message(forms.MESSAGES["not_in_parent"].format(
        label=f.label, value="{value}", parent=form.field(parent_name).label)(lang))
    return (f"{column} IS NULL OR {parent} IS NULL OR "
            f"array_contains(array({pairs}), {parent} || '|' || {column})", text)


def configure(layer: QgsVectorLayer, table: str, code_lists: dict, lang: str = "zh",
              layers: dict | None = None) -> None:
    """Set up ``layer`` (a plan table) for QGIS's own forms and tables, in ``lang``."""
    spec = schema.table(table)
    fields = layer.fields()
    for col in spec.columns:  # aliases: the schema's labels, in the user's language
        i = fields.indexOf(col.name)
        if i >= 0:
            layer.setFieldAlias(i, col.label(lang) or col.name)
    if "geometry_source" in spec.column_names and spec.geometry_type:
        i = fields.indexOf("geometry_source")
        if i >= 0:  # drawn or pasted in QGIS: not the plan's schematic outline
            layer.setDefaultValueDefinition(i, QgsDefaultValue("'surveyed'"))
    config = layer.editFormConfig()
    for key in ("fid", "uuid"):  # a row's identity: given by the database or the sync
        if fields.indexOf(key) >= 0:
            config.setReadOnly(fields.indexOf(key), True)
    if fields.indexOf("fid") >= 0:  # (the file's or database's own key: no one reads it)
        layer.setEditorWidgetSetup(fields.indexOf("fid"), QgsEditorWidgetSetup("Hidden", {}))
    layer.setEditFormConfig(config)
    _plan_columns(layer, table, code_lists, lang)
    _links(layer, table, layers or {}, lang)
    form = forms.BY_TABLE.get(table)
    if form is None:
        return
    config = layer.editFormConfig()
    expressions: dict[str, list[tuple[str, str, bool]]] = {}  # column: (expr, text, hard)
    for f in form.fields:
        if f.widget == forms.PHOTOS:
            continue
        for n, column in enumerate(f.columns):
            i = fields.indexOf(column)
            if i < 0:
                continue
            if f.required and n < 2:  # a position needs lon and lat; its accuracy may be unknown
                layer.setFieldConstraint(i, QgsFieldConstraints.ConstraintNotNull,
                                         QgsFieldConstraints.ConstraintStrengthHard)
            if f.read_only:
                config.setReadOnly(i, True)
            if f.widget == forms.DATE:
                layer.setDefaultValueDefinition(i, QgsDefaultValue(_TODAY))
                layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("DateTime", {
                    "field_format": "yyyy-MM-dd", "display_format": "yyyy-MM-dd",
                    "calendar_popup": True, "allow_null": not f.required}))
            found = _range(f, column, lang)
            if found:
                expressions.setdefault(column, []).append((*found, True))
            if f.widget != forms.CHOICE or not f.code_list:
                continue
            if f.code_list == forms.TARGETS:
                target = (layers or {}).get("project_targets")
                if target is not None:
                    layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("ValueRelation", {
                        "Layer": target.id(), "LayerName": target.name(),
                        "LayerSource": target.source(), "LayerProviderName": "ogr",
                        "Key": "uuid", "Value": "target_zh" if lang == "zh" else "target_en",
                        "FilterExpression": "\"project_uuid\" = current_value('project_uuid')",
                        "AllowNull": True, "OrderByValue": False, "AllowMulti": False}))
                continue
            codes = code_lists.get(f.code_list, ())
            if not codes:
                continue
            _value_map(layer, i, codes, lang, with_null=not f.required or f.open_choice)
            if f.open_choice:  # its list offered; a value outside it (found on site, sent
                # from the field) kept and said, not refused
                known = ", ".join(_lit(c.code) for c in codes)
                expressions.setdefault(column, []).append((
                    f"{quoted_column(column)} IS NULL OR {quoted_column(column)} IN ({known})",
                    _OUTSIDE.format(label=f.label)(lang), False))
                continue
            if f.parent:
                in_parent = _parent_rule(f, f.parent, codes, lang)
                expressions.setdefault(column, []).append((*in_parent, True))
    for rule in form.rules:
        expr = _rule(rule, form)
        if expr is not None:
            expressions.setdefault(form.field(rule.field).columns[0], []).append(
                (expr, rule.stated(form.field(rule.field).label)(lang),
                 rule.severity != forms.WARNING))
    for column, checks in expressions.items():
        i = fields.indexOf(column)
        layer.setConstraintExpression(i, " AND ".join(f"({e})" for e, _, _ in checks),
                                      "; ".join(t for _, t, _ in checks))
        hard = any(h for _, _, h in checks)
        layer.setFieldConstraint(i, QgsFieldConstraints.ConstraintExpression,
                                 QgsFieldConstraints.ConstraintStrengthHard if hard
                                 else QgsFieldConstraints.ConstraintStrengthSoft)
    layer.setEditFormConfig(config)
    _subject_under_the_point(layer, form, (layers or {}).get("mine_patches"), lang)


# a project's columns as a patch of it holds them (an inspection is about the project of the
# patch its point falls in)
_PROJECT_ON_PATCH = {"uuid": "project_uuid", "project_id": "project_id"}
# said by the form's subject where the point drawn falls in no patch (the tools' names as
# the plugin's menu gives them)
_DRAW_IN = {
    "mine_patches": Text("在图斑内点选记录位置，或先选中图斑再用“图斑核查”",
                         "Draw the point inside its patch, or select the patch and use "
                         "Verify a patch"),
    "restoration_projects": Text("在项目的图斑内点选记录位置，或先选中项目再用“项目检查”",
                                 "Draw the point inside a patch of the project, or select "
                                 "the project and use Inspect a project")}


def _subject_under_the_point(layer: QgsVectorLayer, form: forms.Form,
                             patches: QgsVectorLayer | None, lang: str) -> None:
    """A record drawn with QGIS's own Add Point Feature is about the patch (or the patch's
    project) under the point, and its position is the point, as the plugin's form fills
    them: the subject's columns are read-only and required, so the form could never be
    accepted otherwise. Given values (the plugin's own form, a paste) are kept."""
    if patches is None or not layer.isSpatial():
        return
    fields = layer.fields()
    through = None if form.subject_table == "mine_patches" else _PROJECT_ON_PATCH
    under = (f"intersects($geometry, transform(geometry(@parent), "
             f"{quoted_string(layer.crs().authid())}, {quoted_string(patches.crs().authid())}))")
    for f in form.fields:
        source = f.source if through is None else through.get(f.source or "")
        i = fields.indexOf(f.name)
        if not source or i < 0 or patches.fields().indexOf(source) < 0:
            continue
        # (QGIS's form works a default out again as other fields change, with no geometry
        # where the plugin's form gave the values: a value held is kept)
        layer.setDefaultValueDefinition(i, QgsDefaultValue(
            f"coalesce({quoted_column(f.name)}, array_first(aggregate("
            f"layer:={quoted_string(patches.id())}, aggregate:='array_agg', "
            f"expression:={quoted_column(source)}, filter:={under})))"))
        if f.name == form.subject_column and form.subject_table in _DRAW_IN:
            _hard_expression(layer, i, f"{quoted_column(f.name)} IS NOT NULL",
                             _DRAW_IN[form.subject_table](lang))
    point = f"transform($geometry, layer_property(@layer, 'crs'), 'EPSG:{schema.CRS_EPSG}')"
    for column, axis in (("position_lon", "x"), ("position_lat", "y")):
        i = fields.indexOf(column)
        if i >= 0:
            layer.setDefaultValueDefinition(i, QgsDefaultValue(
                f"coalesce({quoted_column(column)}, {axis}({point}))"))


# A plan layer's coded columns (in any plan table that has one): the list each is picked
# from; its townships and phases are the plan's too (its townships table, its periods)
PLAN_LISTS = {"mineral": "mineral", "geometry_source": "geometry_source",
              "township": "township", "phase": "phase"}
_PICK = Text("{label}须从列表中选取", "{label}: pick one of its list")
_OUTSIDE = Text("{label}不在列表中：请核对", "{label}: not one of its list; check it")


def _stated_figure(col: schema.Column) -> bool:
    """An area, length or count the plan states: never below zero."""
    return col.type in ("REAL", "INTEGER") and (
        col.name.endswith(("_m2", "_km2", "_m")) or col.name.startswith("patches_"))


def _plan_lists(layers: dict) -> dict:
    """The plan's township and phase lists, the townships from its layer (a PostgreSQL
    master's too)."""
    return forms.township_and_phase_lists(
        [(f["name_zh"], f["name_en"]) for f in layers["townships"].getFeatures()]
        if "townships" in layers else [])


_NULL_ENTRY = {"<NULL>": "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"}  # QGIS's own NULL key


def _shown(code, lang: str) -> str:
    """A code as its drop-down shows it (as every list shows it); one without a label by
    itself."""
    return code_text(code, lang) or code.code


def _value_map(layer: QgsVectorLayer, i: int, codes, lang: str, with_null: bool) -> None:
    """A drop-down of ``codes`` (code and label, the code stored) for field ``i``."""
    entries = [{_shown(c, lang): c.code} for c in codes]
    layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup(
        "ValueMap", {"map": ([_NULL_ENTRY] if with_null else []) + entries}))


def _plan_columns(layer: QgsVectorLayer, table: str, code_lists: dict, lang: str) -> None:
    """A plan layer's coded columns as drop-downs of their lists (a value outside one
    refused), its stated figures never below zero, and what its shape gives (area, centre,
    length: recomputed on save) not typed by hand."""
    spec = schema.BY_NAME.get(table)
    if spec is None or spec.kind != schema.PLAN:
        return
    fields, config = layer.fields(), layer.editFormConfig()
    derived = derived_columns(table)
    for col in spec.columns:
        i = fields.indexOf(col.name)
        if i < 0:
            continue
        column = quoted_column(col.name)
        if col.name in derived:
            config.setReadOnly(i, True)
        elif _stated_figure(col):
            _hard_expression(layer, i, f"{column} IS NULL OR {column} >= 0", _message(
                forms.MESSAGES["below_min"].format(label=col.label(lang), min=0)(lang)))
        codes = code_lists.get(PLAN_LISTS.get(col.name, ""), ())
        if codes and col.name not in derived:
            _value_map(layer, i, codes, lang, with_null=True)
            known = ", ".join(_lit(c.code) for c in codes)
            _hard_expression(layer, i, f"{column} IS NULL OR {column} IN ({known})",
                             _PICK.format(label=col.label(lang))(lang))
    _period_of_phase(layer, table, config)
    layer.setEditFormConfig(config)


def _period_of_phase(layer: QgsVectorLayer, table: str, config) -> None:
    """The period the plan's phase names, set in the form as the phase is picked and on
    every save (a row of no phase, or of one the plan has not, keeps its own), and not typed
    by hand: by the plan it is the phase's."""
    if table not in schema.PERIOD_OF_PHASE:
        return
    phase, period = schema.PERIOD_OF_PHASE[table]
    i = layer.fields().indexOf(period)
    if i < 0 or layer.fields().indexOf(phase) < 0:
        return
    cases = " ".join(f"WHEN {quoted_column(phase)} = {_lit(p)} THEN {_lit(named)}"
                     for p, named in schema.PHASE_PERIODS.items())
    layer.setDefaultValueDefinition(i, QgsDefaultValue(
        f"CASE {cases} ELSE {quoted_column(period)} END", True))
    config.setReadOnly(i, True)


# what a plan row copies of the row it names, beside its code: followed by no one
_COPIED = {"mine_patches": ("project_name",)}


def _links(layer: QgsVectorLayer, table: str, layers: dict, lang: str) -> None:
    """A plan row naming another (a patch its project, a project its program): the uuid
    the sync goes by and what is copied of the named row are not typed over; the code, which
    moves the row to the one it names (:mod:`field_kit.sync.codes_follow`), is picked from
    the named layer's codes, so a typo names no row."""
    spec = schema.BY_NAME.get(table)
    if spec is None or spec.kind != schema.PLAN:
        return
    fields, config = layer.fields(), layer.editFormConfig()
    for tbl, by, code, named, named_code in codes_follow.LINKS:
        if tbl != table:
            continue
        for column in (by, *_COPIED.get(table, ())):
            if fields.indexOf(column) >= 0:
                config.setReadOnly(fields.indexOf(column), True)
        i, source = fields.indexOf(code), layers.get(named)
        if source is None:  # (a style stored for QGIS alone: typed, as before)
            continue
        if fields.indexOf(by) >= 0:  # the named row by its name, not its uuid
            name = f"name_{lang}"
            layer.setEditorWidgetSetup(fields.indexOf(by), _relation(
                source, "uuid", name if source.fields().indexOf(name) >= 0 else named_code,
                order_by_value=False))
        if i < 0:
            continue
        layer.setEditorWidgetSetup(i, _relation(source, named_code, named_code,
                                                order_by_value=True))
    layer.setEditFormConfig(config)


def _relation(source: QgsVectorLayer, key: str, value: str, *,
              order_by_value: bool) -> QgsEditorWidgetSetup:
    """A value of ``source``'s ``key`` shown (and picked) by its ``value``."""
    return QgsEditorWidgetSetup("ValueRelation", {
        "Layer": source.id(), "LayerName": source.name(), "LayerSource": source.source(),
        "LayerProviderName": source.providerType(), "Key": key, "Value": value,
        "AllowNull": True, "OrderByValue": order_by_value, "AllowMulti": False})


def _hard_expression(layer: QgsVectorLayer, i: int, expression: str, text: str) -> None:
    layer.setConstraintExpression(i, expression, text)
    layer.setFieldConstraint(i, QgsFieldConstraints.ConstraintExpression,
                             QgsFieldConstraints.ConstraintStrengthHard)


def lonlat_wkb(layer: QgsVectorLayer, geom: QgsGeometry) -> bytes | None:
    """``geom`` of ``layer`` as WKB in EPSG:4490 (the longitude and latitude the derived
    values are computed in), whatever the layer's coordinate system; None, and said, where
    the layer has none to bring it from."""
    crs = layer.crs()
    if crs.authid() in {f"EPSG:{code}" for code in coordinates.IN_DEGREES}:
        return bytes(geom.asWkb())
    if not crs.isValid():
        _say_not_derived(layer)
        return None
    lonlat = QgsGeometry(geom)
    lonlat.transform(QgsCoordinateTransform(
        crs, QgsCoordinateReferenceSystem(f"EPSG:{schema.CRS_EPSG}"), QgsProject.instance()))
    return bytes(lonlat.asWkb())


def _not_derived(why: str) -> None:
    """Say on QGIS's message bar that the feature's area and centre were not recomputed,
    and ``why``."""
    from qgis.utils import iface

    from .i18n import tr

    if iface is not None:
        iface.messageBar().pushWarning(tr("Area and centre not computed"), why)


def _say_not_derived(layer: QgsVectorLayer) -> None:
    from .i18n import tr

    _not_derived(tr("{layer} has no coordinate system: the area and centre of the feature "
                    "edited were not recomputed. Give the layer its coordinate system "
                    "(EPSG:4490) first.").format(layer=layer.name()))


def _say_crossed(layer: QgsVectorLayer, at: tuple[float, float]) -> None:
    from .i18n import tr

    _not_derived(tr("The shape drawn in {layer} crosses itself at {lon:.6f}, {lat:.6f}: no "
                    "area can be measured on it, and the feature's area and centre were left "
                    "as they were. Redraw the shape so that its outline does not cross "
                    "itself.").format(layer=layer.name(), lon=at[0], lat=at[1]))


# The layers whose derived fields are kept (until the plugin is unloaded)
KEPT = LayerHandlers()


def prepare(layers: dict, gpkg, lang: str = "zh") -> None:
    """``configure`` and ``keep_derived`` every plan layer of ``gpkg`` (by table)."""
    from field_kit.db import connect
    from field_kit.sync.masters import master_file

    with master_file(gpkg, needs="status") as path:  # (code lists are among the small tables)
        conn = connect(path, readonly=True)
        try:
            code_lists = forms.load_code_lists(conn)
        finally:
            conn.close()
    code_lists = {**code_lists, **_plan_lists(layers)}
    for table, layer in layers.items():
        configure(layer, table, code_lists, lang, layers)
        keep_derived(layer, table)
        # (the plugin's own: not in the styles stored for QGIS without it)
        form_wheel.install(layer)


def keep_derived(layer: QgsVectorLayer, table: str) -> None:
    """Recompute the derived fields of ``table``'s features edited in QGIS (in its edit
    buffer, saved with the edit)."""
    if layer.id() in KEPT:
        return
    columns = derived_columns(table)
    if not columns:
        return

    def update(fid, geom=None) -> None:
        added = geom is None
        if added:
            feature = layer.getFeature(fid)
            geom = feature.geometry() if feature.isValid() else None
        if geom is None or (added and geom.isEmpty()):
            return  # (a feature added without a shape keeps what it was given)
        if geom.isEmpty():  # a shape taken away takes its area and centre along
            wkb = None
        else:
            wkb = lonlat_wkb(layer, geom)
            if wkb is None:
                return
            crossed = crossing(wkb)
            if crossed is not None:  # its lobes' areas would cancel: left as they were
                _say_crossed(layer, crossed)
                return
        for name, value in derived_values(wkb, columns).items():
            i = layer.fields().indexOf(name)
            if i >= 0:
                layer.changeAttributeValue(fid, i, value)

    KEPT.connect(layer, [(layer.geometryChanged, lambda fid, geom: update(fid, geom)),
                         (layer.featureAdded, lambda fid: update(fid))])
