# SPDX-License-Identifier: GPL-2.0-or-later
"""Which rows a field package cut to a township, a bounding box or chosen patches carries.

One set of rules, written as SQL conditions, serves both a checkout (which deletes what a
package does not keep from its copy of the master) and a pull (which asks the master which
rows the package should have now):

* mine patches: by their township, or those chosen (by uuid: the features selected on the
  map), or by their geometry's envelope against the box;
* a layer of the county's own whose features are chosen (by uuid: those selected on the
  map): those features alone, whatever else the package is cut to;
* restoration projects: by their township, or (for a box or chosen patches) by a patch of
  theirs kept; a project of the whole county (no township, no patch) in every package;
* verification and inspection records: by the patch or project they belong to;
* photos: by their record;
* for a box, a layer of the county's own (not the plan's) in longitude and latitude
  (EPSG:4490, or EPSG:4326 within a metre of it): by its features' envelopes against the
  box, as mine patches are;
* every other table is carried whole (the plan's reference layers, attribute tables, and
  for a township, the layers of the county's own).

A table of a plan table's name without the plan's columns these rules read (a county's own
``photos``, say) is a layer of the county's own. A township needs the plan's patches.

The conditions are written for SQLite, or for PostgreSQL (``postgres=True``), where they
pick the rows a stage of a PostgreSQL master takes for such a package: there a box is
widened a little, so that the stage holds every row the SQLite condition keeps.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import NamedTuple

from ..bilingual import counted
from ..db import file_columns, in_command, quote, table_exists
from ..errors import BadInput
from ..plan import schema, shipped
from ..plan.coordinates import in_degrees
from ..plan.values import row_names, with_uuid
from .field_check import county_extent
from .registry import NAMED, layer_shown, named_first, tracked_tables

# records follow the row they belong to: (table, link column, parent table)
LINKS = (("patch_verifications", "patch_uuid", "mine_patches"),
         ("project_inspections", "project_uuid", "restoration_projects"))
# the plan's columns the rules read, by table
_RULE_COLUMNS = {"mine_patches": ("uuid", "township", "project_uuid", schema.GEOMETRY_COLUMN),
                 "restoration_projects": ("uuid", "township"),
                 "patch_verifications": ("patch_uuid",),
                 "project_inspections": ("project_uuid",),
                 "photos": ("record_uuid", "sha256")}


def _plan_layers(conn: sqlite3.Connection) -> set[str]:
    """The tracked tables the rules cut as the plan's: those with the plan's columns."""
    return {t.name for t in tracked_tables(conn) if t.name in _RULE_COLUMNS
            and set(_RULE_COLUMNS[t.name]) <= set(file_columns(conn, t.name))}


def check(conn: sqlite3.Connection, township: str | None, shown: str, bbox=None,
          patches=None) -> None:
    """Refuse a cut to ``township`` or to ``patches`` of a master (``shown`` by that name)
    without the plan's patches to go by, and a cut to ``bbox`` that does not meet the
    county."""
    if patches is not None and "mine_patches" not in _plan_layers(conn):
        raise BadInput("--patches needs the plan's layer mine_patches; "
                       f"{shown} has none{_patches_not_the_plans(conn)}: cut it by "
                       "--bbox W,S,E,N instead")
    if township is not None and "mine_patches" not in _plan_layers(conn):
        raise BadInput("--township needs the plan's layers (mine_patches with its township "
                       f"column, and the projects and records that follow it); {shown} has "
                       f"none{_patches_not_the_plans(conn)}: cut it by --bbox W,S,E,N instead")
    if bbox is not None:
        _check_box(conn, tuple(bbox))


def _patches_not_the_plans(conn: sqlite3.Connection) -> str:
    """Where the master has a mine_patches that is not the plan's: that layer as QGIS shows
    it (a county's own name for it), and why; "" where it has none."""
    if not table_exists(conn, "mine_patches"):
        return ""
    columns = set(file_columns(conn, "mine_patches"))
    missing = [c for c in _RULE_COLUMNS["mine_patches"] if c not in columns]
    why = f"has no column {', '.join(missing)}" if missing else "is not tracked"
    return f" (its layer {layer_shown(conn, 'mine_patches')} {why})"


def townships(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """The county's townships, each by its name in the plan's list (Chinese) with its other
    names (English, and such as 夏乡 for 夏镇), in the townships layer's order; then any other
    township its patches name (a county's own patches may name one the layer lacks). A
    township of the plan also goes by the names the plan as shipped gives it that the layer
    lacks (a master built before they had their pinyin): matched, not written to it."""
    towns = _townships_layer(conn)
    plan = (shipped.read(_townships_layer) or {}) if towns else {}
    for zh, others in towns.items():
        others += [n for n in plan.get(zh, []) if n not in others]
    if table_exists(conn, "mine_patches") and "township" in file_columns(conn, "mine_patches"):
        for (zh,) in conn.execute("SELECT DISTINCT township FROM mine_patches WHERE "
                                  "coalesce(township, '') <> '' ORDER BY township"):
            towns.setdefault(zh, [])
    return list(towns.items())


def _townships_layer(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The townships layer's townships, each by its Chinese name with its other names, in
    the layer's order (none: no such layer)."""
    towns: dict[str, list[str]] = {}
    if table_exists(conn, "townships"):
        cols = set(file_columns(conn, "townships"))
        if "name_zh" in cols:
            others = [c for c in ("name_en", "aliases") if c in cols]
            for zh, *more in conn.execute(
                    f"SELECT name_zh{''.join(', ' + c for c in others)} FROM townships "
                    "ORDER BY rowid"):
                if zh and zh not in towns:
                    towns[zh] = [a for m in more if m for a in re.split(r"[、,;；，]+", m)
                                 if a.strip()]
    return towns


def _name_key(name: str) -> str:
    """A township's name as it is compared with another: case, spaces, a pinyin syllable's
    apostrophe and the word Township or Town (or its pinyin, Zhen, Xiang) aside ("Guolebuyi
    Township", "guolebuyi", "Bositan Zhen", "Ke'erjian")."""
    key = re.sub(r"[\s_.'’-]+", "", name).casefold()
    return re.sub(r"(?:township|town|zhen|xiang)$", "", key) or key


def township_named(conn: sqlite3.Connection, name: str) -> str | None:
    """The township ``name`` names, by the name its patches go by (the plan's Chinese name):
    ``name`` itself where the plan's list has it, else the township it is another name of
    (English, pinyin, 夏乡), else ``name`` where a patch names it; None where it names no
    township, or more than one."""
    towns = townships(conn)
    if any(zh == name for zh, _ in towns):
        return name
    key, found = _name_key(name), set()
    for zh, others in towns:
        if any(_name_key(n) == key for n in (zh, *others)):
            found.add(zh)
    return found.pop() if len(found) == 1 else None


def township_of(conn: sqlite3.Connection, name: str) -> str:
    """:func:`township_named`, or refused naming the county's townships (none known: the
    name as given, said then to have no patch)."""
    found = township_named(conn, name)
    towns = townships(conn)
    if found is not None or not towns:
        return found or name
    raise BadInput(f"no township is named {name!r}; the county's townships: " + ", ".join(
        f"{zh} ({', '.join(others)})" if others else zh for zh, others in towns))


def _check_box(conn: sqlite3.Connection, bbox: tuple) -> None:
    """Refuse a box (W, S, E, N in degrees) that does not meet the county's extent: the
    package would hold none of its patches."""
    w, s, e, n = bbox
    county = county_extent(conn) if in_degrees(conn, "county_boundary") else None
    if county is None:
        if -180 <= w <= e <= 180 and -90 <= s <= n <= 90:
            return
        raise BadInput(f"--bbox {_box_said(bbox)} is not longitude and latitude: give "
                       "W,S,E,N in degrees (EPSG:4490)")
    x0, x1, y0, y1 = county
    if e >= x0 and w <= x1 and n >= y0 and s <= y1:
        return
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        hint = "metres? give W,S,E,N in degrees (EPSG:4490)"
    elif s <= x1 and n >= x0 and e >= y0 and w <= y1:
        hint = "latitude and longitude swapped? give W,S,E,N: longitude first"
    else:
        hint = "it lies elsewhere"
    raise BadInput(f"--bbox {_box_said(bbox)} does not meet the county, whose extent is "
                   f"{_box_said((x0, y0, x1, y1))} (W,S,E,N, degrees): {hint}; the package "
                   "would hold none of its patches")


def _box_said(box) -> str:
    return ",".join(f"{round(v, 6):.12g}" for v in box)


def patches_chosen(conn: sqlite3.Connection, given) -> list[str]:
    """The uuids of the plan's patches ``given`` names, each by its uuid or its patch code;
    refused naming those that name none."""
    given = list(given)
    wanted = set(given)
    found: dict[str, set[str]] = {}
    # one pass over the patches for all the names (thousands chosen in a province's master:
    # a query each read the whole layer each time, patch_code having no index)
    for uuid, code in conn.execute(
            "SELECT uuid, patch_code FROM mine_patches WHERE uuid IN (SELECT value FROM "
            "json_each(:names)) OR patch_code IN (SELECT value FROM json_each(:names))",
            {"names": json.dumps(given)}):
        for name in {uuid, None if code is None else str(code)} & wanted:
            found.setdefault(name, set()).add(uuid)  # (a code two patches share: both)
    missing = [name for name in given if name not in found]
    if missing:
        raise BadInput(f"no mine patch has the uuid or patch code {', '.join(missing)} (in "
                       f"{layer_shown(conn, 'mine_patches')}): nothing was checked out")
    return sorted(set().union(*found.values()))


def features_chosen(conn: sqlite3.Connection, given) -> dict[str, list[str]]:
    """``given`` (table -> uuids of its features) checked against the master: each table a
    tracked layer of the county's own, each uuid one of its features; refused naming those
    that are not (the plan's layers go by their patches, township or box)."""
    plan = _plan_layers(conn)
    tracked = {t.name for t in tracked_tables(conn)}
    out: dict[str, list[str]] = {}
    for tbl, uuids in given.items():
        if tbl in plan:
            raise BadInput(f"{tbl} is the plan's layer, cut by --patches, --township or "
                           "--bbox, not by --features: nothing was checked out")
        if tbl not in tracked:
            raise BadInput(f"{tbl} is not a tracked layer of the master (--features names "
                           "a layer of the county's own): nothing was checked out")
        uuids = sorted(set(uuids))
        found = {r[0] for r in conn.execute(
            f"SELECT uuid FROM {quote(tbl)} WHERE uuid IN (SELECT value FROM json_each(?))",
            (json.dumps(uuids),))}
        missing = [u for u in uuids if u not in found]
        if missing:
            raise BadInput(f"no feature of {layer_shown(conn, tbl)} has the uuid "
                           f"{', '.join(missing)}: nothing was checked out")
        out[tbl] = uuids
    return out


class Cut(NamedTuple):
    """What a device's field package was cut to (None: not by that)."""
    township: str | None
    bbox: tuple | None
    patches: list | None
    features: dict[str, list[str]] | None


def as_options(cut: Cut) -> str:
    """``cut`` as the options of ``field-kit checkout`` that cut a package so, each value as
    it is typed ("": the whole master)."""
    township, bbox, patches, features = cut
    said = [] if township is None else [f"--township {in_command(township)}"]
    if bbox:
        said.append(f"--bbox {','.join(str(float(v)) for v in bbox)}")
    if patches is not None:
        said.append(f"--patches {in_command(','.join(patches))}")
    for table, uuids in sorted((features or {}).items()):
        said.append(f"--features {in_command(table + '=' + ','.join(uuids))}")
    return " ".join(said)


# sync_meta of a field package: what its checkout cut it to, as the master registers it
# (a master restored from a backup, or one that registered the device again, may not know)
CHECKED_OUT_CUT = "checked_out_cut"


def as_json(township: str | None, bbox, patches, features) -> str:
    """A cut as the master's device register and the package's own record keep it."""
    return json.dumps({"township": township, "bbox": bbox, "patches": patches,
                       "features": features}, ensure_ascii=False)


def _from_json(text: str | None) -> Cut:
    subset = json.loads(text) if text else {}
    bbox = subset.get("bbox")
    return Cut(subset.get("township"), tuple(bbox) if bbox else None, subset.get("patches"),
               subset.get("features"))


def device_subset(master: sqlite3.Connection, device: str) -> Cut:
    """What the device's field package was cut to; all None for the whole master."""
    got = master.execute("SELECT subset FROM sync_devices WHERE device = ?", (device,)).fetchone()
    return _from_json(got[0] if got else None)


def package_cut(conn: sqlite3.Connection) -> Cut | None:
    """What a field package was cut to by its own record; None for one checked out before
    the record was kept."""
    got = conn.execute("SELECT value FROM sync_meta WHERE key = ?",
                       (CHECKED_OUT_CUT,)).fetchone() if table_exists(conn, "sync_meta") else None
    return None if got is None else _from_json(got[0])


def _args(township: str | None, bbox, patches=None, features=None, *, widen: float = 0.0,
          postgres: bool = False) -> dict:
    """The parameters of :func:`keep_sql`; ``widen``: the box grown by that share of its
    largest coordinate on every side."""
    w, s, e, n = bbox or (None,) * 4
    if bbox and widen:
        by = widen * max(1.0, *map(abs, bbox))
        w, s, e, n = w - by, s - by, e + by, n + by
    # (a list PostgreSQL reads as an array; SQLite as JSON, through json_each)
    chosen = None if patches is None else list(patches) if postgres else json.dumps(
        list(patches))
    # (both read the features as JSON: table -> uuids)
    return {"township": township, "w": w, "s": s, "e": e, "n": n, "patches": chosen,
            "features": None if features is None else json.dumps(features)}


# a stage's box is widened past the float32 rounding of GeoPackage's R-tree (about 6e-8)
PG_WIDEN = 1e-6


def pg_args(township: str | None, bbox, patches=None, features=None) -> dict:
    """The parameters of :func:`keep_sql` with ``postgres=True``."""
    return _args(township, bbox, patches, features, widen=PG_WIDEN, postgres=True)


def keep_sql(conn: sqlite3.Connection, tbl: str, township: str | None, bbox, patches=None,
             features=None, *, postgres: bool = False) -> str | None:
    """SQL condition on ``tbl``'s rows that a package cut to ``township``, ``bbox`` or the
    ``patches`` chosen (uuids; with a box, the box cuts the layers of the county's own)
    keeps, and of a layer of the county's own named in ``features`` (table -> uuids), those
    chosen (named parameters from :func:`_args`, or from :func:`pg_args` in PostgreSQL's
    style); None where it keeps every row. ``conn`` tells which tables are tracked."""
    if township is None and bbox is None and patches is None and not features:
        return None
    present = _plan_layers(conn)
    p = _mark(postgres)

    def rows_of(parent: str) -> str:
        cond = keep_sql(conn, parent, township, bbox, patches, postgres=postgres)
        return f"SELECT uuid FROM {quote(parent)}" + (f" WHERE {cond}" if cond else "")

    if tbl not in present:
        if features and tbl in features:  # those chosen, not the others their box holds
            name = "'" + tbl.replace("'", "''") + "'"
            return (f"uuid IN (SELECT jsonb_array_elements_text(%(features)s::jsonb -> "
                    f"{name.replace('%', '%%')}))" if postgres else
                    "uuid IN (SELECT v.value FROM json_each(:features) AS f, "
                    f"json_each(f.value) AS v WHERE f.key = {name})")
        own = _own_geometry(conn, tbl)
        if bbox is not None and own and in_degrees(conn, tbl):
            return _in_box(conn, tbl, own[0], postgres)
        return None
    if township is None and bbox is None and patches is None:
        return None  # (features alone cut only the layers they name)
    if tbl == "mine_patches":
        if township is not None:
            return f"township = {p('township')}"
        if patches is not None:  # those chosen, not the others their box holds
            return ("uuid = ANY(%(patches)s)" if postgres else
                    "uuid IN (SELECT value FROM json_each(:patches))")
        return _in_box(conn, tbl, "geom", postgres)
    if tbl == "restoration_projects":
        # a project of the whole county (no township, no patch: afforestation, enclosure) is
        # inspected from anywhere in it: in every package
        county_wide = "coalesce(township, '') = ''" + (
            " AND NOT EXISTS (SELECT 1 FROM mine_patches m WHERE m.project_uuid = "
            "restoration_projects.uuid)" if "mine_patches" in present else "")
        if township is not None:
            return f"(township = {p('township')} OR {county_wide})"
        if "mine_patches" not in present:
            return None
        return ("(uuid IN (SELECT project_uuid FROM mine_patches WHERE "
                f"{keep_sql(conn, 'mine_patches', township, bbox, patches, postgres=postgres)}) OR "
                f"{county_wide})")
    for rec, link, parent in LINKS:
        if tbl == rec and parent in present:
            return f"{link} IN ({rows_of(parent)})"
    if tbl == "photos":
        records = [rows_of(rec) for rec, _, _ in LINKS if rec in present]
        return f"record_uuid IN ({' UNION '.join(records) or 'SELECT NULL'})"
    return None


def box_holds(conn: sqlite3.Connection, bbox) -> dict[str, int]:
    """The layers a box cuts by their own shapes (the plan's patches, a layer of the county's
    own in longitude and latitude), each with the features of it the box keeps."""
    plan = _plan_layers(conn)
    held = {}
    for t in tracked_tables(conn):
        cond = keep_sql(conn, t.name, None, bbox)
        if cond and (t.name == "mine_patches" or t.name not in plan):
            held[t.name] = conn.execute(f"SELECT count(*) FROM {quote(t.name)} WHERE {cond}",
                                        _args(None, bbox)).fetchone()[0]
    return held


def empty_box_said(conn: sqlite3.Connection, bbox, features=None) -> str | None:
    """What a box that keeps no feature of any layer it cuts is said with (a package of no
    patch, written as any other, would send the technician out with nothing), naming where
    those features lie; None where it keeps some. A layer whose ``features`` were chosen
    keeps those, whatever the box: neither counted nor named."""
    held = {t: n for t, n in box_holds(conn, bbox).items() if t not in (features or {})}
    if not held or any(held.values()):
        return None
    where = []
    for tbl in held:
        own = _own_geometry(conn, tbl) if tbl != "mine_patches" else None
        g = quote(own[0] if own else "geom")
        ext = conn.execute(f"SELECT min(ST_MinX({g})), min(ST_MinY({g})), max(ST_MaxX({g})), "
                           f"max(ST_MaxY({g})) FROM {quote(tbl)}").fetchone()
        if None not in ext:
            where.append(f"{tbl} {_box_said(ext)}")
    return (f"the box {_box_said(bbox)} (W,S,E,N, degrees) holds no feature of "
            f"{', '.join(held)}: the package holds none of them"
            + (f"; they lie within {'; '.join(where)}" if where else ""))


def cuts_photos(conn: sqlite3.Connection) -> bool:
    """Whether ``photos`` is the plan's (its bytes in ``attachments`` follow its rows)."""
    return "photos" in _plan_layers(conn)


def carried_whole(conn: sqlite3.Connection, bbox, features=None) -> list[str]:
    """The layers of the county's own that a package cut to ``bbox`` carries whole, as
    their coordinates are not the plan's (the box is in the plan's); those whose features
    were chosen aside."""
    if bbox is None:
        return []
    plan = _plan_layers(conn)
    return [t.name for t in tracked_tables(conn) if t.name not in plan
            and t.name not in (features or {})
            and _own_geometry(conn, t.name) and not in_degrees(conn, t.name)]


def shapeless(conn: sqlite3.Connection, bbox, patches=None,
              features=None) -> dict[str, list[str]]:
    """The features a package cut to ``bbox`` leaves out having no shape to place them by
    (none, or an empty one), by layer the box cuts by its shapes: their uuids, in the
    layer's order (the patches chosen, and the features chosen, kept whatever their shape,
    aside)."""
    if bbox is None:
        return {}
    out = {}
    for tbl in box_holds(conn, bbox):
        if tbl in (features or {}) or (tbl == "mine_patches" and patches is not None):
            continue
        own = _own_geometry(conn, tbl) if tbl != "mine_patches" else None
        g = quote(own[0] if own else "geom")
        rows = [r[0] for r in conn.execute(f"SELECT uuid FROM {quote(tbl)} WHERE {g} IS NULL "
                                           f"OR ST_IsEmpty({g}) ORDER BY rowid")]
        if rows:
            out[tbl] = rows
    return out


def attributes_whole(conn: sqlite3.Connection, township: str | None, bbox, patches=None,
                     features=None) -> dict[str, int]:
    """The attribute tables of the county's own (no shape to cut them by) that a package cut
    to a township, a box or chosen patches carries whole, with their rows (those whose rows
    were chosen aside)."""
    if township is None and bbox is None and patches is None:
        return {}
    plan = _plan_layers(conn)
    return {t.name: conn.execute(f"SELECT count(*) FROM {quote(t.name)}").fetchone()[0]
            for t in tracked_tables(conn) if t.name not in plan
            and t.name not in (features or {}) and not _own_geometry(conn, t.name)
            and not (t.name in schema.BY_NAME and t.name not in _RULE_COLUMNS)}


def cut_said(master: str, shapeless: dict[str, list[str]],
             attributes: dict[str, int]) -> list[str]:
    """What a checkout says of the features it left out having no shape (of ``master``,
    :func:`shapeless`), each by its name, and of the attribute tables it carried whole
    (:func:`attributes_whole`)."""
    said = []
    if attributes:
        said.append("carried whole, attribute tables of the county's own having no shape to "
                    "cut them by: " + ", ".join(f"{name} ({counted(n, 'row')})"
                                                for name, n in attributes.items()))
    if shapeless:
        names = row_names(master, [(t, r) for t, rows in shapeless.items()
                                   for r in rows[:NAMED]])
        said.append("left out, having no shape (none, or an empty one) for the box to place "
                    "them by: " + "; ".join(
                        f"{t} {len(rows)} (" + named_first(
                            [with_uuid(names.get((t, r)), r) for r in rows[:NAMED]]
                            + rows[NAMED:]) + ")" for t, rows in shapeless.items()))
    return said


def whole_in_township(conn: sqlite3.Connection, township: str | None,
                      features=None) -> dict[str, int]:
    """The layers of the county's own (with a geometry) that a package cut to ``township``
    carries whole, with their features: a township cuts only the plan's patches, projects
    and their records (a layer of the county's own holds no township); those whose
    features were chosen aside."""
    if township is None:
        return {}
    plan = _plan_layers(conn)
    return {t.name: conn.execute(f"SELECT count(*) FROM {quote(t.name)}").fetchone()[0]
            for t in tracked_tables(conn) if t.name not in plan
            and t.name not in (features or {}) and _own_geometry(conn, t.name)}


def whole_beside_patches(conn: sqlite3.Connection, patches, bbox,
                         features=None) -> dict[str, int]:
    """The layers of the county's own (with a geometry) that a package cut to ``patches``
    alone (no box to cut them) carries whole, with their features (those whose features
    were chosen aside)."""
    if patches is None or bbox is not None:
        return {}
    return whole_in_township(conn, "", features)


def _own_geometry(conn: sqlite3.Connection, tbl: str) -> tuple[str, int] | None:
    """(geometry column, srs id) of a layer of the county's own; None for the plan's tables
    (those the rules cut are told apart by the caller) and for tables without geometry."""
    if (tbl in schema.BY_NAME and tbl not in _RULE_COLUMNS) or \
            not table_exists(conn, "gpkg_geometry_columns"):
        return None
    return conn.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE "
                        "table_name = ?", (tbl,)).fetchone()


def _in_box(conn: sqlite3.Connection, tbl: str, geom: str, postgres: bool) -> str:
    """Rows of ``tbl`` whose geometry's envelope meets the box (through GeoPackage's
    R-tree where the layer has one)."""
    rtree = f"rtree_{tbl}_{geom}"
    if not postgres and table_exists(conn, rtree):
        return (f"rowid IN (SELECT id FROM {quote(rtree)} WHERE maxx >= :w AND minx <= :e "
                "AND maxy >= :s AND miny <= :n)")
    maxx, minx, maxy, miny = (("ST_XMax", "ST_XMin", "ST_YMax", "ST_YMin") if postgres
                              else ("ST_MaxX", "ST_MinX", "ST_MaxY", "ST_MinY"))
    g, p = quote(geom), _mark(postgres)
    return (f"{g} IS NOT NULL AND {maxx}({g}) >= {p('w')} AND {minx}({g}) <= {p('e')} AND "
            f"{maxy}({g}) >= {p('s')} AND {miny}({g}) <= {p('n')}")


def _mark(postgres: bool):
    """The SQL that names a parameter, in SQLite's style or PostgreSQL's."""
    return (lambda name: f"%({name})s") if postgres else (lambda name: f":{name}")


def cut(conn: sqlite3.Connection, township: str | None, bbox,
        patches=None, features=None) -> dict[str, int]:
    """Delete from ``conn`` (a new field package) every row the subset does not keep, and
    the photo bytes no kept photo references; the tables cut, each with the rows it keeps."""
    conditions = {t.name: keep_sql(conn, t.name, township, bbox, patches, features)
                  for t in tracked_tables(conn)}
    for tbl, cond in conditions.items():  # each condition stands alone: any order will do
        if cond:
            conn.execute(f"DELETE FROM {quote(tbl)} WHERE NOT coalesce(({cond}), 0)",
                         _args(township, bbox, patches, features))
    if conditions.get("photos") and cuts_photos(conn) and table_exists(conn, "attachments"):
        conn.execute("DELETE FROM attachments WHERE sha256 NOT IN "
                     "(SELECT sha256 FROM photos WHERE sha256 IS NOT NULL)")
    cut_here = sorted((t for t, cond in conditions.items() if cond),  # (patches first)
                      key=lambda t: _SAID_FIRST.index(t) if t in _SAID_FIRST else 9)
    return {tbl: conn.execute(f"SELECT count(*) FROM {quote(tbl)}").fetchone()[0]
            for tbl in cut_here}


# the plan's layers a cut is said by first, as they hang together
_SAID_FIRST = ("mine_patches", "restoration_projects", "patch_verifications",
               "project_inspections", "photos")


def held_said(township: str | None, bbox, held: dict[str, int],
              patches=None, features=None) -> str | None:
    """What a package cut to ``township``, ``bbox``, ``patches`` or ``features`` holds of
    the layers cut, each with its features (``held``, from :func:`cut`); None for a package
    of the whole master."""
    if not held:
        return None
    area = (f"township {township}" if township is not None else
            f"the {counted(len(patches), 'patch', 'patches')} chosen"
            + (f" and the box {_box_said(bbox)}" if bbox is not None else "")
            if patches is not None else f"the box {_box_said(bbox)}"
            if bbox is not None else "")
    chosen = " and ".join(f"{counted(len(uuids), 'feature')} of {tbl} chosen"
                          for tbl, uuids in (features or {}).items())
    area = " and ".join(a for a in (area, chosen) if a)
    return (f"cut to {area}, the package holds: "
            + ", ".join(f"{tbl} {n}" for tbl, n in held.items()))


def kept_rows(conn: sqlite3.Connection, township: str | None, bbox,
              patches=None, features=None) -> dict[str, set[str]]:
    """table -> the uuids of its rows the subset keeps, for each table it cuts (a table not
    named keeps every row); {} for a whole package."""
    out = {}
    for t in tracked_tables(conn):
        cond = keep_sql(conn, t.name, township, bbox, patches, features)
        if cond:
            out[t.name] = {r[0] for r in conn.execute(
                f"SELECT uuid FROM {quote(t.name)} WHERE {cond}",
                _args(township, bbox, patches, features))}
    return out


__all__ = ["Cut", "device_subset", "keep_sql", "check", "patches_chosen", "features_chosen",
           "townships", "township_named",
           "township_of",
           "box_holds", "empty_box_said", "cut", "held_said",
           "cuts_photos", "kept_rows", "carried_whole", "whole_in_township", "shapeless",
           "attributes_whole", "cut_said",
           "whole_beside_patches", "LINKS"]
