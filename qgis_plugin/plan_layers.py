# SPDX-License-Identifier: GPL-2.0-or-later
"""Load the plan GeoPackage's layers into a QGIS project, styled from the file itself."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from field_kit.db import connect, in_command, refuse_unfinished
from field_kit.errors import BadInput, SyncError
from field_kit.plan import schema
from field_kit.sync import changelog, registry
from field_kit.sync.masters import is_postgres

from .core_messages import in_user_language
from .i18n import by_count, listed, tr

GROUP_NAME = "托克逊生态修复规划 / Toksun restoration plan"
OTHER_GROUP = "其他图层 Other layers"  # the county's own, within the plan's group

# Map layers from top to bottom, then the tables without geometry.
MAP_ORDER = (
    "patch_verifications", "project_inspections", "townships", "ecological_pattern_points",
    "mine_patches", "ecological_pattern_corridors", "ecological_pattern_areas",
    "restoration_zones", "county_boundary",
)
TABLE_ORDER = tuple(t.name for t in schema.TABLES if t.geometry_type is None)
RECORD_LAYERS = tuple(t.name for t in schema.TABLES if t.kind == schema.RECORD)
PLAN_TABLES = frozenset(t.name for t in schema.TABLES)
NOT_LAYERS = PLAN_TABLES | {schema.META_TABLE, *registry.QGIS_TABLES}

# Maps are drawn in the 6-degree Gauss-Krüger zone that holds the whole county (CM 87°E;
# the county straddles 88.5°E, the edge of the 3-degree zones), so shapes and the scale bar
# are true; the data itself stays in EPSG:4490.
DISPLAY_CRS = "EPSG:4504"  # CGCS2000 / Gauss-Kruger CM 87E


def display_crs() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(DISPLAY_CRS)


def layer_title(table: schema.Table) -> str:
    return f"{table.title.zh} {table.title.en}"


def layer_choice(name: str, lang: str) -> str:
    """A plan layer as the Import dialog and Processing offer it: its title, then its table;
    in Chinese by its Chinese title alone, the table in Chinese brackets."""
    table = schema.BY_NAME[name]
    return f"{table.title.zh}（{name}）" if lang == "zh" else f"{layer_title(table)} ({name})"


def open_layer(gpkg: str | Path, name: str) -> QgsVectorLayer:
    """One table of the GeoPackage as a layer; QGIS applies the style stored beside it."""
    table = schema.table(name)
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", layer_title(table), "ogr")
    if not layer.isValid():
        raise RuntimeError(tr("QGIS cannot open the layer {layer} of {path}.").format(
            layer=name, path=gpkg))
    return layer


def plan_problem(gpkg: str | Path) -> str | None:
    """Why ``gpkg`` is not a plan GeoPackage (a master or a field package), in the user's
    language; None when it is one. Read only: nothing is opened in QGIS."""

    if not Path(gpkg).is_file():
        return tr("{path} does not exist.").format(path=gpkg)
    try:
        refuse_unfinished(str(gpkg))
    except BadInput as exc:  # a GeoPackage, but no package yet: the core says what to do
        return in_user_language(exc.message)
    try:
        conn = connect(gpkg, readonly=True)
    except SyncError:
        return tr("{path} is not a GeoPackage.").format(path=Path(gpkg).name)
    try:
        names = {r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents")}
    except sqlite3.DatabaseError:
        return tr("{path} is not a GeoPackage.").format(path=Path(gpkg).name)
    finally:
        conn.close()
    missing = [t.name for t in schema.TABLES if t.name not in names]
    if len(missing) == len(schema.TABLES):  # the county's own layers alone, say
        # (the command copied into a shell: its path quoted where it must be)
        return tr("{name} holds none of the plan's layers: it is no master or field package "
                  "of this toolkit. To work on its layers with the plan, add them to the "
                  "master (ogr2ogr -update MASTER.gpkg {path}), then open the master.").format(
            name=Path(gpkg).name, path=in_command(Path(gpkg).name))
    if missing:
        return tr("{path} is not a plan GeoPackage of this toolkit: it has no {tables}. Open "
                  "the plan, a master made from it or a field package.").format(
            path=Path(gpkg).name, tables=", ".join(missing[:4]) + ("…" if len(missing) > 4
                                                                   else ""))
    return None


def load_plan(gpkg: str | Path, project: QgsProject | None = None,
              group_name: str = GROUP_NAME) -> dict[str, QgsVectorLayer]:
    """Add every plan layer of ``gpkg`` to ``project`` in one layer-tree group, with the
    county's own layers the file tracks (below the plan's map layers); returns the plan's."""
    project = project or QgsProject.instance()
    problem = plan_problem(gpkg)
    if problem:
        raise RuntimeError(problem)
    allowed, own = _grants_and_own_tables(gpkg)
    layers = {}
    for name in MAP_ORDER + TABLE_ORDER:  # all opened before the current ones are replaced
        layers[name] = open_layer(gpkg, name)
    county = {}
    for name, title in own.items():
        county[name] = QgsVectorLayer(f"{gpkg}|layername={name}", title, "ogr")
        if not county[name].isValid():
            raise RuntimeError(tr("QGIS cannot open the layer {layer} of {path}.").format(
                layer=name, path=gpkg))
    from .i18n import user_language
    from .layer_forms import prepare

    prepare(layers, gpkg, user_language())
    for name, layer in {**layers, **county}.items():  # (after the forms are made)
        lock(layer, allowed, name)
    add_group(layers, project, group_name, county)
    return layers


def _grants_and_own_tables(gpkg: str | Path) -> tuple[dict | None, dict[str, str]]:
    """What a field package's role may change (None: everything, as in a master or GIS
    staff's package) and the county's own tables the file tracks (table -> its name in
    QGIS's browser)."""
    conn = connect(gpkg, readonly=True)
    try:
        if not changelog.is_installed(conn) or not registry.has_registry(conn):
            return None, {}
        st = changelog.state(conn)
        allowed = registry.grants(conn, st["role"]) if st["kind"] == changelog.PACKAGE \
            else None
        titles = dict(conn.execute("SELECT table_name, identifier FROM gpkg_contents"))
        own = [t.name for t in registry.tracked(conn)] + list(registry.to_adopt(conn))
        return allowed, {t: titles.get(t) or t for t in own if t not in PLAN_TABLES}
    finally:
        conn.close()


def left_out(gpkg: str | Path) -> dict[str, str]:
    """The county's own tables of ``gpkg`` not opened, as they cannot be tracked (their
    edits would reach no field package nor the master): table -> why, in the core's words.
    (Not the plan's own record nor QGIS's styles and projects: no one opens those as
    layers.)"""
    conn = connect(gpkg, readonly=True)
    try:
        if not changelog.is_installed(conn) or not registry.has_registry(conn):
            return {}
        untracked = registry.untracked(conn)
        return {n: untracked.get(n) or registry.why_untrackable(conn, n) or ""
                for n in registry.candidates(conn) if n not in NOT_LAYERS and (
                    n in untracked or registry.why_untrackable(conn, n) is not None)}
    finally:
        conn.close()


# what :func:`lock` applied to a layer (the columns granted, "*" all, none: the layer
# locked) and the fields it made read-only: a pull that changes the grants locks the layer
# again, opening what was granted since (not a field the form itself keeps read-only)
GRANTED = "toksun/granted"
LOCKED = "toksun/locked_by_grant"


def lock(layer: QgsVectorLayer, allowed: dict | None, table: str) -> bool:
    """In a technician's package, what the role may not change is locked in QGIS (a merge
    would refuse the edit): the layer, or the fields outside its grants; what an earlier
    lock of the layer locked and the grants now allow is open again. Returns whether the
    grants differ from those an earlier lock applied. (A layer in an edit session keeps
    being editable: QGIS locks none while it is edited.)"""
    whole = registry.may_write(allowed, table) == "*"
    granted = sorted(set() if whole else (allowed or {}).get(table, {"*"}))
    before = layer.customProperty(GRANTED)
    config = layer.editFormConfig()
    names = layer.fields().names()
    for name in json.loads(layer.customProperty(LOCKED) or "[]"):
        if name in names:
            config.setReadOnly(names.index(name), False)
    locked = []
    if not whole and "*" not in granted:
        for index, name in enumerate(names):
            if name not in granted and not config.readOnly(index):
                config.setReadOnly(index, True)
                locked.append(name)
    layer.setEditFormConfig(config)
    layer.setCustomProperty(LOCKED, json.dumps(locked, ensure_ascii=False))
    layer.setCustomProperty(GRANTED, json.dumps(granted, ensure_ascii=False))
    if layer.readOnly() != whole and not layer.isEditable():
        layer.setReadOnly(whole)
    return before is not None and json.loads(before) != granted


def relock(gpkg: str | Path, layers: list[QgsVectorLayer] | None = None
           ) -> list[QgsVectorLayer]:
    """Lock the project's layers of ``gpkg`` (or ``layers`` of it) again as its grants now
    say (a pull brought others); the layers whose grants changed."""
    allowed, _ = _grants_and_own_tables(gpkg)
    return [layer for layer in (layers_of(gpkg) if layers is None else layers)
            if lock(layer, allowed, layer_table(layer))]


def relocked_said(layers: list[str]) -> str:
    """That a pull's grants locked the package's layers ``layers`` again."""
    return tr("The master's grants, as a pull brought them into the package, changed what "
              "may be changed of {layers}: locked again as they now say.").format(
        layers=listed(layers))


def add_group(layers: dict[str, QgsVectorLayer], project: QgsProject,
              group_name: str = GROUP_NAME, county: dict | None = None) -> None:
    """Put ``layers`` in the project in one layer-tree group, replacing the group there; the
    county's own layers (``county``) in a group of their own below the plan's map layers,
    above its tables."""
    root = project.layerTreeRoot()
    old = root.findGroup(group_name)
    if old is not None:
        project.removeMapLayers([n.layerId() for n in old.findLayers()])
        root.removeChildNode(old)
    group: QgsLayerTreeGroup = root.insertGroup(0, group_name)
    _add(project, group, [layer for n, layer in layers.items() if n not in TABLE_ORDER])
    if county:
        _add(project, group.addGroup(OTHER_GROUP), county.values())
    _add(project, group, [layer for n, layer in layers.items() if n in TABLE_ORDER])


def _add(project: QgsProject, group: QgsLayerTreeGroup, layers) -> None:
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)


def layers_of(gpkg: str | Path, table: str | None = None,
              project: QgsProject | None = None) -> list[QgsVectorLayer]:
    """The project's layers read from ``gpkg`` (only those of ``table`` when given)."""
    project = project or QgsProject.instance()
    if is_postgres(gpkg):
        from .postgres import in_project
        return [layer for layer in in_project(str(gpkg), project)
                if table is None or layer_table(layer) == table]
    wanted = _same_file(gpkg)
    out = []
    for layer in project.mapLayers().values():
        path, _, options = layer.source().partition("|")
        if (table is None or options == f"layername={table}") and _same_file(path) == wanted:
            out.append(layer)
    return out


def layer_table(layer) -> str:
    """The table a layer reads (a GeoPackage's or PostgreSQL's)."""
    if layer.providerType() == "postgres":
        from qgis.core import QgsDataSourceUri
        return QgsDataSourceUri(layer.source()).table()
    return layer.source().partition("layername=")[2].split("|")[0]


def _same_file(path: str | Path) -> str:
    """A path as the file it names (a project may hold it relative, or through a link)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(path)


def plan_source(layer) -> tuple[str, str] | None:
    """(file, table) of a layer that reads one of the plan's tables from a GeoPackage; None
    for any other layer. Whether the file is a plan GeoPackage is not checked here
    (``plan_problem`` says)."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    path, _, options = layer.source().partition("|")
    table = options.partition("layername=")[2].split("|")[0]
    return (_same_file(path), table) if table in PLAN_TABLES else None


def postgres_plan_source(layer) -> tuple[str, str] | None:
    """(master address, table) of a layer that reads one of the plan's tables from
    PostgreSQL; None for any other layer. Whether the schema holds a master is not checked
    here (nor is a password handed over: ``postgres.password_tried``)."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "postgres":
        return None
    from qgis.core import QgsDataSourceUri

    from .postgres import master_address
    uri = QgsDataSourceUri(layer.source())
    if uri.table() not in PLAN_TABLES:
        return None
    return master_address(uri, uri.schema(), remember=False), uri.table()


def find_plan_layers(project: QgsProject | None = None
                     ) -> tuple[Path | str, dict[str, QgsVectorLayer]] | None:
    """The plan layers a project already holds (e.g. a saved project reopened): the plan
    GeoPackage they are read from (or the PostgreSQL master's address) and its layers by
    table, or None when there are none."""
    project = project or QgsProject.instance()
    by_file: dict[str, dict[str, QgsVectorLayer]] = {}
    for layer in project.mapLayers().values():
        source = plan_source(layer) or postgres_plan_source(layer)
        if source is not None:
            by_file.setdefault(source[0], {}).setdefault(source[1], layer)
    # (a PostgreSQL master is checked as it is adopted: its server may be down for now)
    found = [(len(layers), path, layers) for path, layers in by_file.items()
             if "mine_patches" in layers and (is_postgres(path) or plan_problem(path) is None)]
    if not found:
        return None
    _, path, layers = max(found, key=lambda f: f[0])
    return (path if is_postgres(path) else Path(path)), layers


def unsaved_edits_message(layers: list[str]) -> str:
    """Why the plugin does not write now, naming the layers with unsaved QGIS edits."""
    return tr("Not done: {layers} of this file have edits in QGIS not yet saved. Save or "
              "discard them first (Layer → Save Layer Edits, or Toggle Editing), then try "
              "again; nothing was changed.").format(layers=listed(f"“{n}”" for n in layers))


def unsaved_edits(gpkg: str | Path, project: QgsProject | None = None) -> list[str]:
    """Names of the project's layers of ``gpkg`` with edits not yet saved (or held in an
    open transaction group): a write to the file now would be overwritten when they are."""
    project = project or QgsProject.instance()
    held = project.autoTransaction()
    return [layer.name() for layer in edited(gpkg, project)
            if layer.isModified() or held]


def edited(gpkg: str | Path, project: QgsProject | None = None) -> list[QgsVectorLayer]:
    """The project's layers of ``gpkg`` in an edit session, edits made in it or not yet."""
    return [layer for layer in layers_of(gpkg, project=project) if layer.isEditable()]


def editing_message(layers: list[str], package: str) -> str:
    """Why a pull into ``package`` is not done now, naming its layers in an edit session."""
    return by_count(len(layers), tr(
        "Not pulled: {layers} of {package} is being edited in QGIS. A pull writes into the "
        "package and locks again what the master's grants no longer let be changed, which an "
        "edit session would keep open to typing until it ends. Save or discard the edits and "
        "stop editing (Layer → Toggle Editing), then pull again; nothing was changed."), tr(
        "Not pulled: {layers} of {package} are being edited in QGIS. A pull writes into the "
        "package and locks again what the master's grants no longer let be changed, which an "
        "edit session would keep open to typing until it ends. Save or discard the edits and "
        "stop editing (Layer → Toggle Editing), then pull again; nothing was changed.")
    ).format(layers=_quoted(layers), package=package)


def editing_tip(layers: list[str], package: str) -> str:
    """Why Pull is not offered now, naming the layers of ``package`` in an edit session."""
    return by_count(len(layers), tr(
        "Not offered while {layers} of {package} is being edited in QGIS: save or discard the "
        "edits and stop editing (Layer → Toggle Editing) first."), tr(
        "Not offered while {layers} of {package} are being edited in QGIS: save or discard "
        "the edits and stop editing (Layer → Toggle Editing) first.")
    ).format(layers=_quoted(layers), package=package)


def pull_waits_said(layers: list[str]) -> str:
    """What Pull waits for, said beside it: the package's layers in an edit session."""
    return by_count(len(layers), tr(
        "Pull waits: layer {layers} is being edited — save or discard its edits and stop "
        "editing."), tr(
        "Pull waits: layers {layers} are being edited — save or discard their edits and "
        "stop editing.")).format(layers=_quoted(layers))


def _quoted(layers: list[str]) -> str:
    return listed(f"“{n}”" for n in layers)


def reload_layers(gpkg: str | Path, tables: tuple[str, ...] | None = None) -> None:
    """Redraw the layers of ``gpkg`` after the core wrote to the file behind QGIS's back."""
    for layer in layers_of(gpkg):
        if tables is None or layer_table(layer) in tables:
            layer.reload()
            layer.triggerRepaint()


def county_extent(layers: dict[str, QgsVectorLayer], crs: QgsCoordinateReferenceSystem,
                  project: QgsProject, margin: float = 0.05) -> QgsRectangle:
    """The county's extent in ``crs``, with a margin, to zoom a map to; where the county
    has no outline (its layer emptied in the database), the other map layers' together; a
    null rectangle where none has a shape."""
    from qgis.core import QgsCoordinateTransform, QgsCsException

    extent = QgsRectangle()
    for names in (["county_boundary"], list(layers)):
        for name in names:
            layer = layers.get(name)
            if not isinstance(layer, QgsVectorLayer) or not layer.isSpatial():
                continue
            box = layer.extent()
            if box.isNull() or not box.isFinite():  # an empty layer's is (inf, inf)
                continue
            try:
                box = QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(box)
            except QgsCsException:
                continue
            if extent.isNull():
                extent = box
            else:
                extent.combineExtentWith(box)
        if not extent.isNull():
            break
    if not extent.isNull():
        extent.scale(1 + margin)
    return extent
