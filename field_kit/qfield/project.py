# SPDX-License-Identifier: GPL-2.0-or-later
"""A QGIS project file (``.qgs``, QGIS 3.22 format) for a field package, written with the
standard library: every table the package tracks is a layer, by a path relative to the
project, editable as far as the role's grants (in the master, copied into the package)
allow; the record layers with the forms of :mod:`.attribute_forms`, any other table with a
plain form by its columns' types; styles taken from the package's own ``layer_styles``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..db import QFIELD_PACKAGE, quote, table_exists
from ..forms import definitions, load_code_lists, plan_lists
from ..importer.gauss_kruger import TransverseMercator
from ..plan import schema
from ..plan.derived import derived_columns
from ..sync import registry
from ..sync.field_check import coded_column
from . import attribute_forms as qforms
from . import default_style

QGIS_VERSION = "3.22.16-Białowieża"
GPKG_NAME = QFIELD_PACKAGE
PROJECT_CRS = "EPSG:4504"  # CGCS2000 / Gauss-Kruger CM 87E: true shapes over the county
_GK_87 = TransverseMercator(87.0)

_CRS = {
    "EPSG:4490": dict(
        wkt='GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID['
            '"CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,'
            'ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],AXIS["geodetic '
            'latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],AXIS['
            '"geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]'
            '],ID["EPSG",4490]]',
        proj4="+proj=longlat +ellps=GRS80 +no_defs", srsid="27734", srid="4490",
        description="China Geodetic Coordinate System 2000", projectionacronym="longlat",
        geographicflag="true"),
    "EPSG:4504": dict(
        wkt='PROJCRS["CGCS2000 / Gauss-Kruger CM 87E",BASEGEOGCRS["China Geodetic Coordinate '
            'System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,'
            'LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",'
            '0.0174532925199433]],ID["EPSG",4490]],CONVERSION["Gauss-Kruger CM 87E",METHOD['
            '"Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,'
            'ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of '
            'natural origin",87,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],'
            'PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]]'
            ',PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],'
            'PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS['
            'Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS['
            '"easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],ID["EPSG",4504]]',
        proj4="+proj=tmerc +lat_0=0 +lon_0=87 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m "
              "+no_defs", srsid="27748", srid="4504",
        description="CGCS2000 / Gauss-Kruger CM 87E", projectionacronym="tmerc",
        geographicflag="false"),
}

# Layer tree, top to bottom: what technicians fill, the plan, then the reference tables.
RECORD_GROUP = ("野外记录 Field records",
                ("patch_verifications", "project_inspections", "photos"))
PLAN_GROUP = ("规划 Plan", ("townships", "ecological_pattern_points", "mine_patches",
                           "ecological_pattern_corridors", "ecological_pattern_areas",
                           "restoration_zones", "county_boundary"))
TABLE_GROUP = ("参考表 Tables", ("restoration_projects", "project_targets",
                               "restoration_programs", "plan_indicators", "code_lists"))
OTHER_GROUP = "其他图层 Other layers"  # the county's own, in the order they are tracked
BASEMAP_ID = qforms.LAYER_PREFIX + "basemap"
# GeoPackage's geometry type names: QGIS's WKB type and geometry kind
_GEOMETRY = {"POINT": ("Point", "Point"), "MULTIPOINT": ("MultiPoint", "Point"),
             "LINESTRING": ("LineString", "Line"), "MULTILINESTRING": ("MultiLineString", "Line"),
             "CIRCULARSTRING": ("CircularString", "Line"),
             "COMPOUNDCURVE": ("CompoundCurve", "Line"), "MULTICURVE": ("MultiCurve", "Line"),
             "POLYGON": ("Polygon", "Polygon"), "MULTIPOLYGON": ("MultiPolygon", "Polygon"),
             "CURVEPOLYGON": ("CurvePolygon", "Polygon"),
             "MULTISURFACE": ("MultiSurface", "Polygon"),
             "GEOMETRYCOLLECTION": ("GeometryCollection", "Unknown geometry")}
_STYLE_PARTS = ("renderer-v2", "labeling", "blendMode", "featureBlendMode", "layerOpacity")
# what QField lets a user do on an editable layer (QFieldSync's layer properties)
_LOCKS = ("QFieldSync/is_feature_addition_locked", "QFieldSync/is_feature_deletion_locked")
_GEOMETRY_LOCK = "QFieldSync/is_geometry_editing_locked"


@dataclass
class LayerInfo:
    """A table of the package as a layer of the project, as the file holds it."""

    table: str
    extent: tuple[float, float, float, float] | None
    style: str | None  # QML from layer_styles
    read_only: bool  # the role may change nothing in it
    title: str = ""
    plan: bool = True  # the plan's table (with its columns): its group, form and relations
    # (name, declared type, is the key) in the file's order, the geometry column left out
    columns: tuple[tuple[str, str, bool], ...] = ()
    geometry: tuple[str, str, int, int] | None = None  # (column, type name, z, m)
    srs: tuple[str, int, str] | None = None  # (organization, its code, WKT definition)
    aliases: dict[str, str] = field(default_factory=dict)
    writable: frozenset[str] | None = None  # the columns the role may change; None: all
    # a plan layer's columns no form edits that are picked from a list (a patch's mineral,
    # its township): column -> (code, label) of that list, as the merge holds them to it,
    # or None for a list of the package's code_lists
    coded: dict[str, tuple[tuple[str, str], ...] | None] = field(default_factory=dict)

    @property
    def layer_id(self) -> str:
        return qforms.layer_id(self.table, plan=self.plan)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _option(parent: ET.Element, value, name: str | None = None) -> ET.Element:
    """QGIS's ``<Option>`` encoding of a QVariant."""
    attrs = {} if name is None else {"name": name}
    if isinstance(value, dict):
        el = _sub(parent, "Option", type="Map", **attrs)
        for k, v in value.items():
            _option(el, v, k)
    elif isinstance(value, (list, tuple)):
        el = _sub(parent, "Option", type="List", **attrs)
        for v in value:
            _option(el, v)
    elif isinstance(value, bool):
        el = _sub(parent, "Option", type="bool", value="true" if value else "false", **attrs)
    elif isinstance(value, int):
        el = _sub(parent, "Option", type="int", value=value, **attrs)
    else:
        el = _sub(parent, "Option", type="QString", value=value, **attrs)
    return el


def _srs(parent: ET.Element, authid: str) -> None:
    c = _CRS[authid]
    srs = _sub(parent, "spatialrefsys", nativeFormat="Wkt")
    for tag in ("wkt", "proj4", "srsid", "srid"):
        _sub(srs, tag, c[tag])
    _sub(srs, "authid", authid)
    for tag in ("description", "projectionacronym"):
        _sub(srs, tag, c[tag])
    _sub(srs, "ellipsoidacronym", "EPSG:1024")
    _sub(srs, "geographicflag", c["geographicflag"])


def _extent(parent: ET.Element, box, tag: str = "extent") -> None:
    el = _sub(parent, tag)
    for name, v in zip(("xmin", "ymin", "xmax", "ymax"), box):
        _sub(el, name, repr(float(v)))


def read_layers(conn: sqlite3.Connection, role: str) -> list[LayerInfo]:
    """Every table the package tracks (that GeoPackage lists), in the registry's order: its
    columns, geometry, coordinate system, extent and stored default style, and what the
    role's grants (the master's, copied into the package) let it change. A table of a plan
    table's name but without the plan's columns is one of the county's own."""
    contents = {r[0]: r[1:] for r in conn.execute(
        "SELECT table_name, identifier, min_x, min_y, max_x, max_y FROM gpkg_contents")}
    styles: dict[str, str] = {}
    try:
        for name, qml in conn.execute("SELECT f_table_name, styleQML FROM layer_styles "
                                      "WHERE useAsDefault ORDER BY id"):
            styles.setdefault(name, qml)
    except sqlite3.OperationalError:  # no stored styles: QGIS's defaults
        pass
    geometries = {r[0]: r[1:] for r in conn.execute(
        "SELECT g.table_name, g.column_name, g.geometry_type_name, g.z, g.m, s.organization, "
        "s.organization_coordsys_id, s.definition FROM gpkg_geometry_columns g LEFT JOIN "
        "gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id")}
    allowed = registry.grants(conn, role)
    in_file = load_code_lists(conn) if table_exists(conn, "code_lists") else {}
    lists = {**in_file, **plan_lists(conn)} if in_file else {}
    out = []
    for t in registry.tracked(conn):
        if t.name not in contents:
            continue
        g = geometries.get(t.name)
        columns = tuple((r[1], r[2] or "", bool(r[5])) for r in conn.execute(
            f"PRAGMA table_info({quote(t.name)})") if g is None or r[1] != g[0])
        spec = schema.BY_NAME.get(t.name)
        plan = (spec is not None and bool(spec.geometry_type) == (g is not None) and
                set(spec.column_names) <= {c[0] for c in columns})
        names = [c[0] for c in columns if not c[2]] + ([g[0]] if g else [])
        writable = None if registry.may_write(allowed, t.name, names) is None else \
            frozenset(c for c in names if registry.may_write(allowed, t.name, (c,)) is None)
        # (granted only columns it does not have: nothing to change)
        read_only = registry.may_write(allowed, t.name) is not None or writable == frozenset()
        identifier = contents[t.name][0]
        out.append(LayerInfo(
            t.name, _extent_of(conn, t.name, g[0], contents[t.name][1:]) if g else None,
            styles.get(t.name), read_only,
            title=f"{spec.title.zh} {spec.title.en}" if plan and spec else identifier or t.name,
            plan=plan, columns=columns,
            geometry=(g[0], g[1] or "GEOMETRY", g[2] or 0, g[3] or 0) if g else None,
            srs=(g[4] or "", g[5] or 0, g[6] or "") if g and g[4] is not None else None,
            aliases={c.name: c.label.zh for c in spec.columns} if plan and spec else
            _aliases(conn, t.name),
            writable=frozenset() if read_only else writable,
            coded={c[0]: None if c[0] in in_file else tuple(
                (code.code, code.label.zh) for code in lists[c[0]])
                for c in columns if plan and coded_column(t.name, c[0], lists)}))
    return out


def _aliases(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """A table's column aliases as GDAL keeps them (``gpkg_data_columns``: ``name``, the
    field's alternative name, else ``title``)."""
    if not table_exists(conn, "gpkg_data_columns"):
        return {}
    return {col: name or title for col, name, title in conn.execute(
        "SELECT column_name, nullif(name, column_name), title FROM gpkg_data_columns WHERE "
        "table_name = ?", (table,)) if name or title}


def _extent_of(conn: sqlite3.Connection, table: str, geom: str, declared) -> tuple | None:
    """The rows' extent from the spatial index (a township's package is cut down, its
    gpkg_contents extent is the master's); the declared one when there is no index."""
    try:
        box = conn.execute(f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM '
                           f'{quote(f"rtree_{table}_{geom}")}').fetchone()
    except sqlite3.OperationalError:
        box = None
    if box is None or None in box:
        box = declared
    return tuple(box) if box is not None and None not in box else None


def _style(layer_el: ET.Element, info: LayerInfo, kind: str) -> None:
    """The layer's stored style; without one (or without its symbol) the default style
    :mod:`.default_style` gives its table, the same in every project file written."""
    root = None
    if info.style:
        with contextlib.suppress(ET.ParseError):
            root = ET.fromstring(info.style)
    if root is not None:
        if root.get("labelsEnabled"):
            layer_el.set("labelsEnabled", root.get("labelsEnabled", "0"))
        for part in _STYLE_PARTS:
            found = root.find(part)
            if found is not None:
                layer_el.append(found)
    if layer_el.find("renderer-v2") is None:
        drawn = default_style.renderer(info.table, kind)
        if drawn is not None:
            layer_el.append(drawn)


def _field_configuration(layer_el: ET.Element, setups: dict[str, qforms.FieldSetup]) -> None:
    fc = _sub(layer_el, "fieldConfiguration")
    for s in setups.values():
        f = _sub(fc, "field", name=s.name, configurationFlags="None")
        w = _sub(f, "editWidget", type=s.widget)
        _option(_sub(w, "config"), s.config)
    aliases = _sub(layer_el, "aliases")
    for i, s in enumerate(setups.values()):
        _sub(aliases, "alias", field=s.name, index=i, name=s.alias)
    defaults = _sub(layer_el, "defaults")
    for s in setups.values():
        _sub(defaults, "default", field=s.name, expression=s.default,
             applyOnUpdate=int(s.apply_on_update))
    constraints = _sub(layer_el, "constraints")
    for s in setups.values():
        flags = (qforms.NOT_NULL if s.not_null else 0) | (
            qforms.EXPRESSION if s.expression else 0)
        _sub(constraints, "constraint", field=s.name, constraints=flags,
             notnull_strength=s.not_null, unique_strength=0,
             exp_strength=s.expression_strength if s.expression else 0)
    expressions = _sub(layer_el, "constraintExpressions")
    for s in setups.values():
        _sub(expressions, "constraint", field=s.name, exp=s.expression, desc=s.description)


def _form(layer_el: ET.Element, setups: dict[str, qforms.FieldSetup],
          tabs: tuple[qforms.Tab, ...] | None) -> None:
    _sub(layer_el, "editform", "", tolerant="1")
    _sub(layer_el, "editforminit")
    _sub(layer_el, "editforminitcodesource", "0")
    _sub(layer_el, "featformsuppress", "0")
    _sub(layer_el, "editorlayout", "tablayout" if tabs else "generatedlayout")
    if tabs:
        names = list(setups)
        form = _sub(layer_el, "attributeEditorForm")
        for tab in tabs:
            c = _sub(form, "attributeEditorContainer", name=tab.title, showLabel="1",
                     groupBox="0", columnCount="1", visibilityExpressionEnabled="0",
                     visibilityExpression="")
            for col in tab.fields:
                _sub(c, "attributeEditorField", name=col, index=names.index(col), showLabel="1")
            if tab.relation:
                r = _sub(c, "attributeEditorRelation", name=tab.relation, relation=tab.relation,
                         showLabel="0", label="", forceSuppressFormPopup="0",
                         nmRelationId="", relationWidgetTypeId="relation_editor")
                _sub(r, "editor_configuration")
    editable = _sub(layer_el, "editable")
    for s in setups.values():
        _sub(editable, "field", name=s.name, editable=int(s.editable))


def _custom(layer_el: ET.Element, props: dict) -> None:
    _option(_sub(layer_el, "customproperties"), props)


def _wkb(geometry: tuple[str, str, int, int] | None) -> tuple[str, str]:
    """(QGIS's WKB type, geometry kind) of a layer (z and m as GeoPackage says: 1 always)."""
    if geometry is None:
        return "NoGeometry", "No geometry"
    _, type_name, z, m = geometry
    wkb, kind = _GEOMETRY.get(type_name.upper(), ("Unknown", "Unknown geometry"))
    if wkb != "Unknown":
        wkb += ("Z" if z == 1 else "") + ("M" if m == 1 else "")
    return wkb, kind


def _setups(info: LayerInfo) -> tuple[dict[str, qforms.FieldSetup],
                                      tuple[qforms.Tab, ...] | None, dict[str, str | bool]]:
    """(field setups, tabs, custom properties) of a layer: a record form, the photos, or a
    plain form; a column added since the plan's (in the master) by its type; what a plan
    layer's shape gives (area, centre, length) and the fields the role may not change
    read-only, and on a layer of which it may change some fields only,
    no feature added or deleted (a merge would refuse that change whole)."""
    tabs = None
    custom: dict[str, str | bool] = {}
    form = definitions.BY_TABLE.get(info.table) if info.plan else None
    if form is not None:
        setups, tabs = qforms.field_setups(form), qforms.tabs(form)
    elif info.plan and info.table == "photos":
        setups = qforms.photo_setups()
        naming = json.dumps(qforms.PHOTO_NAMING)
        custom["QFieldSync/attachment_naming"] = naming
        custom["QFieldSync/photo_naming"] = naming  # the key QField before 2.7 reads
    else:
        setups = qforms.plain_setups(info.columns, info.aliases)
    for name, declared, _ in info.columns:
        if name not in setups:
            setups[name] = qforms.plain_setup(name, declared, info.aliases.get(name, ""))
    for name, codes in info.coded.items():
        if form is None:
            setups[name] = qforms.coded_setup(name, info.aliases.get(name, ""), codes)
    if info.plan:  # what its shape gives: a merge recomputes it, as QGIS's forms lock it
        for name in derived_columns(info.table):
            if name in setups:
                setups[name].editable = False
    if info.writable is not None:
        for s in setups.values():
            s.editable = s.editable and s.name in info.writable
        if not info.read_only:
            custom.update(dict.fromkeys(_LOCKS, True))
            custom[_GEOMETRY_LOCK] = info.geometry is not None and \
                info.geometry[0] not in info.writable
    return setups, tabs, custom


_PREVIEW = {"mine_patches": '"patch_code"', "restoration_projects": '"name_zh"',
            "patch_verifications": "\"patch_code\" || ' ' || coalesce(\"verified_on\", '')",
            "project_inspections": "\"project_id\" || ' ' || coalesce(\"inspected_on\", '')",
            "photos": '"file_name"', "code_lists": '"label_zh"'}


def _preview(info: LayerInfo) -> str:
    """What QField lists a feature by: the plan's choice, else its first text column."""
    if info.plan and info.table in _PREVIEW:
        return _PREVIEW[info.table]
    names = [c[0] for c in info.columns]
    if info.plan and "name_zh" in names:
        return '"name_zh"'
    text = next((name for name, declared, key in info.columns if not key and name != "uuid"
                 and registry.affinity(declared) == "TEXT"), "uuid")
    return qforms.quoted_column(text)


def _vector_layer(parent: ET.Element, info: LayerInfo) -> ET.Element:
    wkb, geom = _wkb(info.geometry)
    el = _sub(parent, "maplayer", type="vector", geometry=geom, wkbType=wkb,
              readOnly=int(info.read_only), hasScaleBasedVisibilityFlag="0", minScale="1e+08",
              maxScale="0", styleCategories="AllStyleCategories", labelsEnabled="0")
    if info.extent:
        _extent(el, info.extent)
    _sub(el, "id", info.layer_id)
    _sub(el, "datasource", _source(info.table))
    _sub(el, "layername", info.title)
    if info.srs is not None:
        _layer_srs(_sub(el, "srs"), info.srs)
    _sub(el, "provider", "ogr", encoding="UTF-8")
    flags = _sub(el, "flags")
    for k, v in (("Identifiable", 1), ("Removable", 0), ("Searchable", 1), ("Private", 0)):
        _sub(flags, k, str(v))
    _style(el, info, geom)
    setups, tabs, custom = _setups(info)
    _custom(el, custom)
    _field_configuration(el, setups)
    _form(el, setups, tabs)
    _sub(el, "previewExpression", _preview(info))
    return el


def _source(table: str) -> str:
    return f"./{GPKG_NAME}|layername={table}"


def _layer_srs(parent: ET.Element, srs: tuple[str, int, str]) -> None:
    """A layer's coordinate system as its GeoPackage defines it: by EPSG code, else by its
    WKT (QGIS keeps the project's word over the file's)."""
    organization, code, wkt = srs
    if organization.upper() == "EPSG" and code > 0:
        _authid_srs(parent, code)
    elif wkt and wkt != "undefined":
        _sub(_sub(parent, "spatialrefsys", nativeFormat="Wkt"), "wkt", wkt)


def _authid_srs(parent: ET.Element, code: int) -> None:
    """A CRS by its EPSG code alone (QGIS looks the authid up when srsid is set)."""
    if f"EPSG:{code}" in _CRS:
        _srs(parent, f"EPSG:{code}")
        return
    srs = _sub(parent, "spatialrefsys")
    _sub(srs, "srsid", str(code))
    _sub(srs, "srid", str(code))
    _sub(srs, "authid", f"EPSG:{code}")


def _raster_layer(parent: ET.Element, path: str, epsg: int, title: str) -> ET.Element:
    el = _sub(parent, "maplayer", type="raster", hasScaleBasedVisibilityFlag="0",
              minScale="1e+08", maxScale="0", styleCategories="AllStyleCategories")
    _sub(el, "id", BASEMAP_ID)
    _sub(el, "datasource", f"./{path}")
    _sub(el, "layername", title)
    _authid_srs(_sub(el, "srs"), epsg)
    _sub(el, "provider", "gdal")
    flags = _sub(el, "flags")
    for k, v in (("Identifiable", 0), ("Removable", 1), ("Searchable", 0), ("Private", 0)):
        _sub(flags, k, str(v))
    return el


def build(layers: list[LayerInfo], *, title: str, variables: dict[str, str],
          basemap: tuple[str, int] | None = None) -> ET.ElementTree:
    """The project document for the package's ``layers`` (see :func:`read_layers`);
    ``basemap`` is (file name in the folder, EPSG code)."""
    plan = {i.table: i for i in layers if i.plan}
    grouped = {t for _, tables in (RECORD_GROUP, PLAN_GROUP, TABLE_GROUP) for t in tables}
    others = [i for i in layers if i.table not in plan or i.table not in grouped]
    root = ET.Element("qgis", {"version": QGIS_VERSION, "projectname": title})
    _sub(root, "homePath", path="")
    _sub(root, "title", title)
    _sub(root, "autotransaction", active="0")
    _sub(root, "evaluateDefaultValues", active="0")
    _sub(root, "trust", active="0")
    _srs(_sub(root, "projectCrs"), PROJECT_CRS)
    tree = _sub(root, "layer-tree-group")
    order: list[str] = []
    for group_title, present in (
            (RECORD_GROUP[0], [plan[t] for t in RECORD_GROUP[1] if t in plan]),
            (PLAN_GROUP[0], [plan[t] for t in PLAN_GROUP[1] if t in plan]),
            (OTHER_GROUP, others),
            (TABLE_GROUP[0], [plan[t] for t in TABLE_GROUP[1] if t in plan])):
        if not present:
            continue
        g = _sub(tree, "layer-tree-group", name=group_title, checked="Qt::Checked",
                 expanded="1" if group_title != TABLE_GROUP[0] else "0")
        for info in present:
            _sub(g, "layer-tree-layer", id=info.layer_id, name=info.title,
                 source=_source(info.table), providerKey="ogr", checked="Qt::Checked",
                 expanded="0")
            order.append(info.layer_id)
    if basemap:
        _sub(tree, "layer-tree-layer", id=BASEMAP_ID, name="底图 Basemap",
             source=f"./{basemap[0]}", providerKey="gdal", checked="Qt::Checked", expanded="0")
        order.append(BASEMAP_ID)

    # A record owns its photos: QGIS and QField delete them with it, as the app does. A
    # record only refers to its patch or project (deleting those deletes no record).
    relations = _sub(root, "relations")
    for form in definitions.FORMS.values():
        if form.table in plan and "photos" in plan:
            rel = _sub(relations, "relation", id=qforms.relation_id(form.table),
                       name=f"照片 Photos ({form.title.zh})", strength="Composition",
                       referencingLayer=qforms.layer_id("photos"),
                       referencedLayer=qforms.layer_id(form.table))
            _sub(rel, "fieldRef", referencingField="record_uuid", referencedField="uuid")
        if form.table in plan and form.subject_table in plan:
            rel = _sub(relations, "relation", id=f"{form.subject_table}_{form.table}",
                       name=form.title.zh, strength="Association",
                       referencingLayer=qforms.layer_id(form.table),
                       referencedLayer=qforms.layer_id(form.subject_table))
            _sub(rel, "fieldRef", referencingField=form.subject_column, referencedField="uuid")

    project_layers = _sub(root, "projectlayers")
    for info in layers:
        _vector_layer(project_layers, info)
    if basemap:
        _raster_layer(project_layers, basemap[0], basemap[1], "底图 Basemap")
    lo = _sub(root, "layerorder")
    for lid in order:
        _sub(lo, "layer", id=lid)

    props = _sub(root, "properties")
    paths = _sub(props, "Paths")
    _sub(paths, "Absolute", "false", type="bool")
    if variables:
        v = _sub(props, "Variables")
        names = _sub(v, "variableNames", type="QStringList")
        values = _sub(v, "variableValues", type="QStringList")
        for k, val in variables.items():
            _sub(names, "value", k)
            _sub(values, "value", val)
    srs = _sub(props, "SpatialRefSys")  # QGIS reads <projectCrs> only when this is set
    _sub(srs, "ProjectionsEnabled", "1", type="int")
    _sub(srs, "ProjectCrs", PROJECT_CRS, type="QString")
    gui = _sub(props, "Gui")
    for part, value in (("Red", 255), ("Green", 255), ("Blue", 255)):
        _sub(gui, f"CanvasColor{part}Part", str(value), type="int")

    box = _view_extent(layers)
    if box is not None:
        canvas = _sub(root, "mapcanvas", name="theMapCanvas", annotationsVisible="1")
        _sub(canvas, "units", "meters")
        _extent(canvas, _projected(box))
        _sub(canvas, "rotation", "0")
        _srs(_sub(canvas, "destinationsrs"), PROJECT_CRS)
        _sub(canvas, "rendermaptile", "0")
        view = _sub(root, "ProjectViewSettings", UseProjectScales="0", rotation="0")
        _sub(view, "Scales")
        dve = _sub(view, "DefaultViewExtent", xmin=repr(box[0]), ymin=repr(box[1]),
                   xmax=repr(box[2]), ymax=repr(box[3]))
        _srs(dve, f"EPSG:{schema.CRS_EPSG}")
    meta = _sub(root, "projectMetadata")
    _sub(meta, "title", title)
    _sub(meta, "language", "zh")
    return ET.ElementTree(root)


def _view_extent(layers: list[LayerInfo]) -> tuple[float, float, float, float] | None:
    """Where the map opens: the package's patches (its township or area), else everything
    in the plan's coordinates."""
    lon_lat = [i for i in layers if i.extent and i.srs is not None
               and (i.srs[0].upper(), i.srs[1]) == ("EPSG", schema.CRS_EPSG)]
    for wanted in ([i for i in lon_lat if i.plan and i.table == "mine_patches"], lon_lat):
        boxes = [i.extent for i in wanted if i.extent]
        if boxes:
            w, s = min(b[0] for b in boxes), min(b[1] for b in boxes)
            e, n = max(b[2] for b in boxes), max(b[3] for b in boxes)
            dx, dy = max((e - w) * 0.1, 0.02), max((n - s) * 0.1, 0.015)  # some surroundings
            return (w - dx, s - dy, e + dx, n + dy)
    return None


def _projected(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    corners = [_GK_87.forward(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def write(tree: ET.ElementTree, path) -> None:
    ET.indent(tree)  # readable for people who open it
    with open(path, "wb") as fh:
        fh.write(b"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n")
        tree.write(fh, encoding="utf-8", xml_declaration=False)
