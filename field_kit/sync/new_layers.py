# SPDX-License-Identifier: GPL-2.0-or-later
"""Layers a GIS package adds, brought to a GeoPackage master by the merge.

At export, a field package describes each layer it tracks that the master did not have at
checkout (:func:`describe`): its key column, whether it holds features or attributes, its
name in QGIS's browser, its geometry column and coordinate system. With the columns the
manifest lists for every table, that is all a master needs to add the layer as the
package has it (:func:`add`, inside the merge's transaction, before its rows are
inserted): the table (key, columns with their declared types and defaults, no other
constraints), its GeoPackage registration and the coordinate system where the master lacks
it, its spatial index (:mod:`field_kit.sync.spatial_index`), then capture. Every part is
checked before anything is written (:func:`planned`).

A technician's package does not add layers: it is refused, naming the layer. (A
PostgreSQL master's merge adds the layer to its stage so, and writing the stage back makes
it in the database: :mod:`field_kit.sync.postgis.layers`.)
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence

from ..db import quote, table_exists
from ..errors import Refused
from ..plan import schema
from . import registry, schema_sent, spatial_index, triggers
from .schema_changes import DEFAULT_RE, TYPE_RE, by_case, case_twin

GEOMETRY_TYPE_RE = re.compile(r"^[A-Za-z]{4,24}$")
KINDS = ("features", "attributes")
_GEOMETRY = ("column", "type", "srs_id", "z", "m")
_SRS = ("srs_name", "srs_id", "organization", "organization_coordsys_id", "definition",
        "description")


def describe(conn: sqlite3.Connection, names: list[str]) -> dict:
    """table -> what a master needs to add it as a GeoPackage layer, for ``names``."""
    out = {}
    for tbl in names:
        got = conn.execute("SELECT data_type, identifier, description FROM gpkg_contents "
                           "WHERE table_name = ?", (tbl,)).fetchone()
        if got is None:
            continue
        key = next((r[1] for r in conn.execute(f"PRAGMA table_info({quote(tbl)})") if r[5]),
                   None)
        geo = conn.execute("SELECT column_name, geometry_type_name, srs_id, z, m FROM "
                           "gpkg_geometry_columns WHERE table_name = ?", (tbl,)).fetchone()
        srs = conn.execute(f"SELECT {', '.join(_SRS)} FROM gpkg_spatial_ref_sys WHERE "
                           "srs_id = ?", (geo[2],)).fetchone() if geo else None
        out[tbl] = {"kind": got[0], "identifier": got[1], "description": got[2], "key": key,
                    "geometry": dict(zip(_GEOMETRY, geo)) if geo else None,
                    "srs": dict(zip(_SRS, srs)) if srs else None}
    return out


def planned(master: sqlite3.Connection, manifest: dict, name: str, *,
            earlier: dict | None = None) -> list[tuple]:
    """(table, layer, columns) of the layers a package brings that the master lacks, checked;
    Refused where it may not bring them. ``earlier``: what packages before it in the merge
    bring."""
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        return []
    got = manifest.get("layers")
    layers: dict = got if isinstance(got, dict) else {}
    counted = (manifest.get("counts") or {}).get("tables") or {}
    have = {**registry.to_adopt(master), **registry.by_name(master)}
    # a layer the master dropped since: its edits refused each by name (change_list), not
    # the package whole
    dropped = registry.dropped(master)
    out = []
    for tbl, spec in tables.items():
        if tbl in have and tbl in layers:  # added on both sides: one layer, or two?
            clash = _clash(_shape_here(master, have[tbl]), _shape_sent(
                layers[tbl], (spec or {}).get("columns") if isinstance(spec, dict) else ()),
                ("in the master", "in the package"))
            if clash:
                raise Refused(f"{name}: layer {tbl} was added in the master and in the package "
                              f"as two different layers ({clash}): rename one of them, then "
                              "merge this package again")
        if tbl not in have and tbl in layers and (twin := case_twin(tbl, [*have, *(
                r[0] for r in master.execute("SELECT name FROM sqlite_master WHERE type = "
                                             "'table'"))])):
            raise Refused(f"{name}: layer {tbl} was added in the master and in the package as "
                          f"two different layers ({by_case(twin, 'in the master')}): rename "
                          "one of them, then merge this package again")
        if tbl in have or (tbl not in counted and tbl not in layers) or (
                tbl in dropped and tbl not in layers):
            continue
        role = manifest.get("role")
        if tbl not in layers and (table_exists(master, tbl) or tbl in registry.untracked(
                master)):  # (left out by an earlier version's init, say)
            raise Refused(f"{name}: table {tbl} is in the master but not tracked there: "
                          f"field-kit init MASTER --tables {tbl} takes it up")
        why = (f"a {role}'s package does not add layers (GIS staff can add it to the master, "
               f"and a supervisor grant it: field-kit roles MASTER --grant {role} {tbl}; then "
               "merge this package again)" if role != schema.GIS else
               "add the layer to the master first, then merge this package again"
               if tbl not in layers else
               # (a staged PostgreSQL master lists the tables it cannot track, not holding them)
               "the master has a table of that name that is not tracked" if table_exists(
                   master, tbl) or tbl in registry.untracked(master) else None)
        if why is not None:
            raise Refused(f"{name}: table {tbl} is not in the master: {why}")
        layer, columns = _checked(master, tbl, layers[tbl], spec, name)
        if twin := case_twin(tbl, earlier or ()):
            raise Refused(f"{name}: layer {tbl} is added by another package of this merge as "
                          f"another layer ({by_case(twin, 'in the other package')}): rename "
                          "one of them, then merge this package again")
        if earlier and tbl in earlier and earlier[tbl] != (layer, columns):
            clash = _clash(_shape_sent(*earlier[tbl]), _shape_sent(layer, columns),
                           ("in the other package", "in this one"))
            raise Refused(
                f"{name}: layer {tbl} is added by another package of this merge as another "
                f"layer ({clash}): rename one of them, then merge this package again" if clash
                else f"{name}: layer {tbl} is added by another package of this merge with "
                "other columns: merge this package on its own, after it")
        out.append((tbl, layer, columns))
    return out


def name_bytes(name: str) -> int:
    """How long ``name`` is where a database counts a name's length: in bytes, as UTF-8
    (a Chinese character is three)."""
    return len(name.encode("utf-8"))


def too_long(layers: list[tuple], columns: list[tuple], limit: int, name: str) -> None:
    """Refuse the package ``name`` where a layer it adds (:func:`planned`) or a column
    (:func:`~field_kit.sync.schema_changes.added_columns`) has a name of more than
    ``limit`` bytes, which a PostgreSQL master would cut short (a GeoPackage master has no
    such limit): the name the master tracks would then not be the one in the database."""
    over = [(f"layer {tbl}", "its name", tbl) for tbl, _, _ in layers]
    over += [(f"layer {tbl}", f"its column {c}'s name", c) for tbl, layer, cols in layers
             for c in [layer.get("key") or "", *(c for c, _, _ in cols)]]
    over += [(f"column {col} of {tbl}", "its name", col) for tbl, col, _ in columns]
    for what, whose, got in over:
        if name_bytes(got) > limit:
            raise Refused(f"{name}: {what} cannot be added to the master: {whose} is "
                          f"{name_bytes(got)} bytes long, longer than the {limit} bytes a "
                          "PostgreSQL master holds in a name (it would cut it short): "
                          "rename it in the package, then merge this package again")


def clashes(master: sqlite3.Connection, conn: sqlite3.Connection) -> list[str]:
    """The layers a field package added itself that the master has too, added there
    otherwise (by another package, say) as another layer (:func:`_clash`, each column by
    the kind of value it holds: :func:`~field_kit.sync.registry.holds`): "layer t
    (…)". A pull would put
    the master's rows beside the package's own, in a layer that reads them otherwise."""
    theirs = registry.by_name(master)
    mine = registry.by_name(conn)
    out = []
    for tbl, cols in schema_sent.own_columns(conn).items():
        if cols is None and tbl not in theirs and (twin := case_twin(tbl, theirs)):
            out.append(f"layer {tbl} ({by_case(twin, 'in the master')})")
        if cols is None and tbl in theirs and tbl in mine:
            (geo_a, cols_a), (geo_b, cols_b) = _shape_here(master, theirs[tbl]), _shape_here(
                conn, mine[tbl])
            kinds_a, kinds_b = ({c: registry.holds(d) for c, d in cols.items()}
                                for cols in (cols_a, cols_b))
            clash = _clash((geo_a, kinds_a), (geo_b, kinds_b), ("in the master", "in the package"))
            other = sorted(c for c in kinds_a.keys() & kinds_b.keys() if kinds_a[c] != kinds_b[c])
            if clash and other and clash.startswith("column "):  # (as each declares it)
                clash = (f"column {other[0]} of type {cols_a[other[0]]} in the master, "
                         f"{cols_b[other[0]]} in the package")
            if clash:
                out.append(f"layer {tbl} ({clash})")
    return out


def _shape_here(master: sqlite3.Connection, here: registry.Tracked) -> tuple:
    """A master's layer as two layers of one name are compared: (geometry type and
    coordinate system, or None; column -> declared type)."""
    got = master.execute("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE "
                         "table_name = ?", (here.name,)).fetchone()
    return (None if got is None else (str(got[0]).upper(), got[1]),
            {c: d.upper() for c, d in here.columns if c != here.geom})


def _shape_sent(layer, columns) -> tuple:
    """A layer as a package describes it, as :func:`_shape_here` gives a master's."""
    geo = layer.get("geometry") if isinstance(layer, dict) else None
    return (None if not isinstance(geo, dict) else (str(geo.get("type")).upper(),
                                                     geo.get("srs_id")),
            {c[0]: str(c[1]).upper() for c in columns or () if isinstance(c, (list, tuple))
             and len(c) > 1 and c[0] != (geo or {}).get("column")})


def _clash(a: tuple, b: tuple, where: tuple[str, str]) -> str | None:
    """How two layers of one name differ where they cannot be one layer: another geometry
    or coordinate system, a column of another type, or no column in common; None where
    the one can fill the other."""
    (geo_a, cols_a), (geo_b, cols_b) = a, b
    if (geo_a is None) != (geo_b is None):
        return "one has a geometry, the other none"
    if geo_a is not None and geo_b is not None:
        if geo_a[0] != geo_b[0] and "GEOMETRY" not in (geo_a[0], geo_b[0]):
            return f"geometry {geo_a[0]} {where[0]}, {geo_b[0]} {where[1]}"
        if geo_a[1] != geo_b[1]:
            return f"coordinate system {geo_a[1]} {where[0]}, {geo_b[1]} {where[1]}"
    other = sorted(c for c in cols_a.keys() & cols_b.keys() if cols_a[c] != cols_b[c])
    if other:
        return f"column {other[0]} of type {cols_a[other[0]]} {where[0]}, " \
            f"{cols_b[other[0]]} {where[1]}"
    if cols_a and cols_b and not cols_a.keys() & cols_b.keys():
        return "no column in common"
    return None


def _checked(master: sqlite3.Connection, tbl: str, layer, spec, name: str) -> tuple:
    """The layer and its columns as a package describes them, each part checked; Refused,
    naming the part, where one cannot be written as it is."""
    def refuse(what: str) -> Refused:
        return Refused(f"{name}: layer {tbl} cannot be added to the master: {what}")
    if not isinstance(layer, dict) or layer.get("kind") not in KINDS:
        raise refuse("not a feature or attribute table")
    key = layer.get("key")
    if not isinstance(key, str) or not key:
        raise refuse("it has no integer key column")
    columns = []
    for col in (spec or {}).get("columns", []) if isinstance(spec, dict) else ():
        got, decl, dflt = (list(col) + [None])[:3] if isinstance(col, list) else (None,) * 3
        if not isinstance(got, str) or not isinstance(decl, str) or (
                decl and not TYPE_RE.match(decl)) or (
                dflt is not None and not DEFAULT_RE.match(str(dflt))):
            raise refuse(f"column {got!r} has a type or default that cannot be added "
                         f"({decl!r}, {dflt!r})")
        columns.append((got, decl, dflt))
    geo, srs = layer.get("geometry"), layer.get("srs")
    if geo is not None:
        if not isinstance(geo, dict) or not isinstance(srs, dict) or \
                not GEOMETRY_TYPE_RE.match(str(geo.get("type"))) or \
                geo.get("z") not in (0, 1, 2) or geo.get("m") not in (0, 1, 2) or \
                not isinstance(geo.get("srs_id"), int) or srs.get("srs_id") != geo["srs_id"] \
                or geo.get("column") not in [c for c, _, _ in columns] or \
                not all(isinstance(srs.get(k), str) for k in ("srs_name", "organization",
                                                               "definition")) or \
                not isinstance(srs.get("organization_coordsys_id"), int):
            raise refuse("its geometry column or coordinate system is not described whole")
        here = master.execute("SELECT organization, organization_coordsys_id FROM "
                              "gpkg_spatial_ref_sys WHERE srs_id = ?", (geo["srs_id"],)
                              ).fetchone()
        if here is not None and (str(here[0]).upper(), here[1]) != (
                srs["organization"].upper(), srs["organization_coordsys_id"]):
            raise refuse(f"its coordinate system {srs['organization']}:"
                         f"{srs['organization_coordsys_id']} has the id {geo['srs_id']}, "
                         f"which the master gives {here[0]}:{here[1]}")
    return ({k: layer.get(k) for k in ("kind", "identifier", "description", "key",
                                       "geometry", "srs")}, tuple(columns))


def add(conn: sqlite3.Connection, layers: list[tuple]) -> list[str]:
    """Add the layers (:func:`planned`) to the master and track them; inside the merge's
    transaction with capture off. Returns the tables it added."""
    added = []
    for tbl, layer, columns in layers:
        if table_exists(conn, tbl):  # an earlier package of this merge added it
            continue
        body = [f"{quote(layer['key'])} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"] + [
            f"{quote(col)} {decl}" + (f" DEFAULT {dflt}" if dflt is not None else "")
            for col, decl, dflt in columns]
        conn.execute(f"CREATE TABLE {quote(tbl)} ({', '.join(body)})")
        geo, srs = layer["geometry"], layer["srs"]
        if geo is not None:
            conn.execute(f"INSERT OR IGNORE INTO gpkg_spatial_ref_sys ({', '.join(_SRS)}) "
                         f"VALUES ({', '.join('?' * len(_SRS))})", [srs.get(k) for k in _SRS])
            conn.execute("INSERT INTO gpkg_geometry_columns (table_name, column_name, "
                         "geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, ?, ?)",
                         (tbl, geo["column"], geo["type"].upper(), geo["srs_id"], geo["z"],
                          geo["m"]))
        taken = {r[0] for r in conn.execute("SELECT identifier FROM gpkg_contents")}
        ident = next(i for i in (layer.get("identifier"), tbl, *(f"{tbl} ({n})"
                                                                  for n in range(2, 99)))
                     if isinstance(i, str) and i and i not in taken)
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                     "description, last_change, srs_id) VALUES (?, ?, ?, ?, "
                     "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)",
                     (tbl, layer["kind"], ident, layer.get("description") or "",
                      geo["srs_id"] if geo else None))
        spatial_index.build(conn, tbl)
        spatial_index.declare_geometry_type(conn, tbl)
        reason = triggers.track(conn, tbl)
        if reason is not None:  # (an empty table, just made: cannot happen)
            raise Refused(f"layer {tbl} was added to the master but cannot be tracked: {reason}")
        added.append(tbl)
    return added


# sync_meta's key, then a merge id, of the layers that merge made: a JSON list of tables
_MADE = "layers made by merge "
_COLUMNS_MADE = "columns made by merge "


def note_made(conn: sqlite3.Connection, merge_id: str, tables: list[str],
              columns: Sequence[str] = ()) -> None:
    """Keep which layers and columns ("table.column") a merge made (undo-merge leaves them,
    and says so)."""
    for key, made in ((_MADE, tables), (_COLUMNS_MADE, columns)):
        if made and merge_id:
            registry.set_meta(conn, key + merge_id, json.dumps(list(made)))


def made_by(conn: sqlite3.Connection, merge_id: str, *, columns: bool = False) -> list[str]:
    """The layers, or with ``columns`` the columns, the merge ``merge_id`` made
    (:func:`note_made`)."""
    key = _COLUMNS_MADE if columns else _MADE
    return json.loads(registry.meta(conn, key + merge_id) or "[]")


__all__ = ["describe", "planned", "add", "too_long", "note_made", "made_by"]
