# SPDX-License-Identifier: GPL-2.0-or-later
"""Which tables and columns of a GeoPackage the change log tracks, and who may write them.

Any feature or attribute table of a GeoPackage can be tracked, not only the plan's: what
is tracked is read from the file itself (``PRAGMA table_info`` and
``gpkg_geometry_columns``) and kept in ``sync_tables``, one row per table with its columns
in the order the capture triggers store them. The triggers and the sealing of the log are
built from that row, so what was captured is always read back by the columns it was
captured with, whatever the file's columns are now; a column or table added since is found
by comparing the file with the registry (:func:`drift`).

A table can be tracked when it is a real table with one ``INTEGER PRIMARY KEY`` (GDAL's and
QGIS's ``fid``): rows are found by that key, which SQLite keeps as the rowid. Every tracked
table has a ``uuid`` column, the row's identity in every file.

``sync_roles`` says which tables (and columns, ``*`` for all) a role other than GIS staff
may change: by default a technician fills the plan's record tables.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ..db import file_columns, in_command, path_of, quote, table_exists
from ..errors import BadInput, Refused
from ..plan import schema
from ..plan.geometry import same_shape

ROLES_DDL = """
CREATE TABLE IF NOT EXISTS sync_roles (
    role TEXT NOT NULL,
    tbl TEXT NOT NULL,
    col TEXT NOT NULL DEFAULT '*',
    PRIMARY KEY (role, tbl, col)
) WITHOUT ROWID
"""

DDL = """
CREATE TABLE IF NOT EXISTS sync_tables (
    tbl TEXT PRIMARY KEY,
    geom TEXT,
    columns TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_untracked (
    tbl TEXT PRIMARY KEY,
    reason TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_meta (
    key TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;
""" + ROLES_DDL

NOT_CHOSEN = "not chosen at init"
NAMED = 10  # tables a line names, the rest counted (a province's schema holds hundreds)


def named_first(names: list[str]) -> str:
    """``names`` as a line says them: the first :data:`NAMED`, and how many more."""
    more = len(names) - NAMED
    return ", ".join(names[:NAMED]) + (f" and {more} more" if more > 0 else "")


# QGIS's own tables in a GeoPackage: styles and projects, not data (tracked when chosen)
QGIS_TABLES = {"layer_styles": "QGIS's layer styles, not data",
               "qgis_projects": "QGIS's saved projects, not data"}


def not_a_table(kind: str) -> str:
    """Why a view (or a materialized view) is not tracked, in the same words on a GeoPackage
    and on a PostgreSQL master: ``kind`` as SQLite or PostgreSQL names it."""
    return f"a {kind}: change capture needs a table (edit the tables it reads)"


def refuse_not_tables(missing: list[str], views: dict[str, str], where: str,
                      where_zh: str) -> None:
    """Refuse ``init --tables`` naming ``missing``, none a table the master can track: each
    view (``views``: name -> its kind) said as :func:`not_a_table` says it, the rest as
    not in ``where`` (``where_zh`` in Chinese)."""
    if not missing:
        return
    kinds_zh = {"view": "视图", "materialized view": "物化视图"}
    en = [f"{n}: {not_a_table(views[n])}" for n in missing if n in views]
    zh = [f"{n}：是{kinds_zh.get(views[n], views[n])}：变更捕获只能用于数据表（请编辑它所读取的"
          "数据表）" for n in missing if n in views]
    gone = [n for n in missing if n not in views]
    if gone:
        en.append(f"no such table in {where}: {', '.join(gone)}")
        zh.append(f"{where_zh}没有这些表：{'、'.join(gone)}")
    raise BadInput("; ".join(en) + "; nothing was changed", "；".join(zh) + "；未作任何更改")


def refuse_leaving_out(names: list[str], devices: list[str], master: str) -> None:
    """Refuse ``init`` leaving out tables the master ``master`` tracks (``names``): edits
    made in them from then on would be logged nowhere, and those of the ``devices`` whose
    packages hold them would no longer reach the master (exit 3, nothing changed)."""
    if not names:
        return
    held = (f"; the packages of {', '.join(devices)} hold them, whose edits of them would no "
            "longer reach the master" if devices else "")
    raise Refused(f"{master} tracks {', '.join(names)}: init does not stop tracking a table "
                  f"(edits made in it from then on would be logged nowhere{held}); nothing "
                  "was changed")


# why a view was not tracked, as files and databases of earlier versions keep it
_SAID_BEFORE = {f"a {kind}, not a table{hint}": not_a_table(kind)
                for kind in ("view", "materialized view")
                for hint in ("", " (track the tables it reads)")}
# the field app's own tables in a package: what is typed and walked there, never data
APP_TABLES = {"form_drafts": "the field app's drafts of its forms (what was typed and not "
                             "saved yet), kept on this device; they do not travel",
              "track_points": "the field app's GPS track, kept on this device; it does not "
                              "travel"}
KEY = "uuid"
# the sync's own tables, in a GeoPackage or beside a PostgreSQL master's layers
SYNC_TABLES = frozenset((
    "sync_state", "sync_capture", "sync_changes", "sync_devices", "sync_merges",
    "sync_applied", "sync_conflicts", "sync_tables", "sync_untracked", "sync_meta",
    "sync_roles", "sync_baseline", "sync_schema_sent", "sync_template", "sync_column_values",
    "sync_capture_off", "sync_values_set_aside", "sync_capture_switched", "sync_pasted"))


def reserved(name: str) -> str | None:
    """Why a layer of a PostgreSQL master cannot be carried by that name, or None: field
    packages are GeoPackages, where SQLite and GeoPackage keep some names for their own
    tables, and the master's schema holds the sync's tables beside its layers."""
    low = name.lower()
    for prefix in ("gpkg_", "rtree_", "sqlite_"):
        if low.startswith(prefix):
            return (f"its name is reserved in a GeoPackage ({prefix}…), which field "
                    "packages are: rename the table to track it")
    if low.startswith("sync_"):
        return ("its name is reserved for the sync's own tables (sync_…): rename the table "
                "to track it")
    return None


@dataclass(frozen=True)
class Tracked:
    """A tracked table: its name, geometry column and tracked columns (name, declared type)
    in capture order; the integer primary key and ``uuid`` are not among them."""

    name: str
    geom: str | None
    columns: tuple[tuple[str, str], ...]

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def affinity(self, col: str) -> str:
        return affinity(dict(self.columns).get(col, ""))

    def is_blob(self, col: str) -> bool:
        """A column whose values the log holds as hex text (geometry, BLOB)."""
        return col == self.geom or dict(self.columns).get(col, "").upper() == "BLOB"

    @property
    def blobs(self) -> frozenset[str]:
        """The columns :meth:`is_blob` holds true of."""
        return frozenset(c for c in self.column_names if self.is_blob(c))

    def same(self, col: str | None, a, b) -> bool:
        """Whether two values as the change log holds them are the same: of a field (a
        geometry by its shape: PostGIS gives a shape back as a blob of its own, another
        header and byte order, and GDAL and QGIS write the header differently), or of a
        whole row (``col`` None: its values, or None where it is deleted)."""
        if a == b:
            return True
        if col is None:
            return isinstance(a, dict) and isinstance(b, dict) and all(
                self.same(k, v, b.get(k)) for k, v in a.items() if k in self.column_names)
        return same_logged(self.is_blob(col), a, b)

    def differ(self, values: dict, row: dict) -> list[str]:
        """The fields of ``values`` that ``row`` (the table's values now) holds otherwise."""
        return [k for k, v in values.items() if not self.same(k, row.get(k), v)]


def same_logged(blob: bool, a, b) -> bool:
    """Whether two values of a field as the change log holds them are the same; of a
    geometry (``blob``), by its shape."""
    if a == b:
        return True
    if not (blob and isinstance(a, str) and isinstance(b, str)):
        return False
    try:
        return same_shape(bytes.fromhex(a), bytes.fromhex(b))
    except ValueError:
        return False


# The whole-number types of a GeoPackage narrower than INTEGER, by the bits of a signed
# value they hold as GDAL (and so QGIS) reads and writes them: MEDIUMINT as a 32-bit Integer
# (a larger value is read wrapped: 5000000000 as 705032704), SMALLINT as a 16-bit one
# (written cut to its range), TINYINT as SMALLINT (GDAL reads it as a 32-bit Integer, the
# GeoPackage standard gives it 8 bits). INT and INTEGER hold 64.
NARROW_INTEGERS = {"TINYINT": 16, "SMALLINT": 16, "MEDIUMINT": 32}


def integer_range(decl: str) -> tuple[int, int] | None:
    """The least and greatest value a column declared ``decl`` holds, where it is one of
    :data:`NARROW_INTEGERS` (else None)."""
    bits = NARROW_INTEGERS.get((decl or "").strip().upper())
    return None if bits is None else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


def affinity(decl: str) -> str:
    """SQLite's column affinity of a declared type (https://sqlite.org/datatype3.html 3.1)."""
    d = (decl or "").upper()
    if "INT" in d:
        return "INTEGER"
    if "CHAR" in d or "CLOB" in d or "TEXT" in d:
        return "TEXT"
    if "BLOB" in d or not d:
        return "BLOB"
    if "REAL" in d or "FLOA" in d or "DOUB" in d:
        return "REAL"
    return "NUMERIC"


def holds(decl: str) -> str:
    """What a column declared ``decl`` holds: a GeoPackage's BOOLEAN, DATE or DATETIME,
    else SQLite's affinity (a MEDIUMINT and an INTEGER hold whole numbers both; a
    PostgreSQL master declares one so)."""
    d = (decl or "").upper().split("(")[0].strip()
    return d if d in ("BOOLEAN", "DATE", "DATETIME") else affinity(decl)


def ensure(conn: sqlite3.Connection) -> None:
    for stmt in DDL.split(";"):
        if stmt.strip():
            conn.execute(stmt)


def has_registry(conn: sqlite3.Connection) -> bool:
    return table_exists(conn, "sync_tables")


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    if not table_exists(conn, "sync_meta"):
        return None
    got = conn.execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
    return got[0] if got else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)", (key, value))


def json_meta(conn: sqlite3.Connection, key: str) -> dict:
    """The JSON object kept under ``key`` in ``sync_meta`` ({} where there is none)."""
    got = meta(conn, key)
    return json.loads(got) if got else {}


def set_json_meta(conn: sqlite3.Connection, key: str, value: dict) -> None:
    """Keep ``value`` under ``key`` as JSON; an empty one removes the key."""
    if value:
        set_meta(conn, key, json.dumps(value, ensure_ascii=False, sort_keys=True))
    else:
        conn.execute("DELETE FROM sync_meta WHERE key = ?", (key,))


# --- what the file holds ----------------------------------------------------------------------

def candidates(conn: sqlite3.Connection) -> list[str]:
    """The file's feature and attribute tables (GeoPackage's own list), in its order."""
    if not table_exists(conn, "gpkg_contents"):
        return []
    return [r[0] for r in conn.execute(
        "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes') "
        "ORDER BY rowid")]


def layer_shown(conn: sqlite3.Connection, tbl: str) -> str:
    """A layer as people know it: by its name in ``gpkg_contents`` (what QGIS and GDAL
    show, a county's own where it gave one), the table's in brackets; by the table's alone
    where that is the same, or there is none."""
    got = conn.execute("SELECT identifier FROM gpkg_contents WHERE table_name = ?",
                       (tbl,)).fetchone() if table_exists(conn, "gpkg_contents") else None
    known = (got[0] or "").strip() if got else ""
    return f"{known} ({tbl})" if known and known != tbl else tbl


def geometry_column(conn: sqlite3.Connection, tbl: str) -> str | None:
    if not table_exists(conn, "gpkg_geometry_columns"):
        return None
    got = conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                       (tbl,)).fetchone()
    return got[0] if got else None


def why_untrackable(conn: sqlite3.Connection, tbl: str) -> str | None:
    """None when ``tbl`` can be tracked, else the reason in a few words."""
    got = conn.execute("SELECT type, sql FROM sqlite_master WHERE name = ?", (tbl,)).fetchone()
    if got is None:
        return "listed in gpkg_contents but not in the file"
    if got[0] == "view":
        return not_a_table(got[0])
    if got[0] != "table":
        return f"a {got[0]}, not a table"
    if "WITHOUT ROWID" in (got[1] or "").upper().replace("\n", " "):
        return "a WITHOUT ROWID table"
    keys = sorted((r for r in conn.execute(f"PRAGMA table_info({quote(tbl)})") if r[5]),
                  key=lambda r: r[5])
    if not keys:
        return "no INTEGER PRIMARY KEY (rows have no stable key)"
    if len(keys) != 1 or keys[0][2].upper() != "INTEGER":
        return _key_not_integer(conn, tbl, [(r[1], r[2]) for r in keys])
    if keys[0][1] == KEY:
        return "its primary key is named uuid"
    for _, col, declared, *_ in conn.execute(f"PRAGMA table_info({quote(tbl)})"):
        # SQLite takes UUID for uuid: the sync's column would be the county's own
        if col.lower() == KEY and col != KEY:
            return (f"its column {col} is the sync's uuid in other letters, SQLite taking one "
                    "for the other (rename that column to track the layer, with QGIS's Rename "
                    "Field)")
        if col == KEY and not _holds_text(declared):
            return (f"its uuid column is of type {declared}, where the sync keeps uuids as "
                    "text (rename that column to track the layer, with QGIS's Rename Field)")
    return None


def _key_not_integer(conn: sqlite3.Connection, tbl: str, keys: list[tuple[str, str]]) -> str:
    """A table keyed otherwise than by one INTEGER column (a code as TEXT, two columns): its
    rows have a key, but not the integer one capture follows them by; and the command that
    gives it one (GDAL writes a table with an fid), its key kept as fields."""
    if len(keys) == 1:
        col, declared = keys[0]
        key = f"its primary key {col} is {declared or 'of no declared type'}, not INTEGER"
    else:
        key = f"its primary key is of {len(keys)} columns, {', '.join(c for c, _ in keys)}"
    from .changelog import PACKAGE, is_installed, state
    path, copy = in_command(path_of(conn)), in_command(f"{tbl}_fid.gpkg")
    layer = in_command(tbl)
    kept = "its key kept as a field" if len(keys) == 1 else "those columns kept as fields"
    # (a master tracks it at its next init; init is no field package's)
    again = "" if is_installed(conn) and state(conn)["kind"] == PACKAGE else \
        f", then field-kit init {path} again"
    return (f"{key}: change capture follows rows by an INTEGER PRIMARY KEY (a GeoPackage's "
            f"fid), so give the table one with GDAL, {kept}: ogr2ogr -f GPKG {copy} {path} "
            f"{layer} && ogr2ogr -update -overwrite {path} {copy} {layer}{again}")


def _holds_text(declared: str) -> bool:
    """Whether a column so declared keeps the text it is given (SQLite's text affinity, or
    no type at all, as the sqlite3 shell makes one), rather than a number or a blob."""
    kind = (declared or "").upper()
    return not kind or ("INT" not in kind and any(k in kind for k in ("CHAR", "CLOB", "TEXT")))


def describe(conn: sqlite3.Connection, tbl: str, without: Iterable[str] = ()) -> Tracked:
    """The table as the file holds it now: every column but the key and uuid (and those
    ``without``), in file order."""
    geom = geometry_column(conn, tbl)
    left_out = {KEY, *without}
    cols = tuple((r[1], r[2] or "") for r in conn.execute(f"PRAGMA table_info({quote(tbl)})")
                 if not r[5] and r[1] not in left_out)
    return Tracked(tbl, geom, cols)


# --- the registry -------------------------------------------------------------------------------

def _legacy(conn: sqlite3.Connection) -> list[Tracked]:
    """Files whose capture predates the registry tracked the plan's tables with the plan's
    columns (the geometry last): read their captured edits back the same way."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    out = []
    for t in schema.TABLES:
        if t.name not in present:
            continue
        have = set(file_columns(conn, t.name))
        decl = {c.name: c.type for c in t.columns}
        cols = [(c, decl[c]) for c in t.column_names if c != KEY and c in have]
        geom = schema.GEOMETRY_COLUMN if t.geometry_type and schema.GEOMETRY_COLUMN in have \
            else None
        if geom:
            cols.append((geom, t.geometry_type or "GEOMETRY"))
        out.append(Tracked(t.name, geom, tuple(cols)))
    return out


def tracked(conn: sqlite3.Connection) -> list[Tracked]:
    """The tracked tables, as registered."""
    if not has_registry(conn):
        return _legacy(conn)
    return [Tracked(name, geom, tuple(tuple(c) for c in json.loads(cols)))
            for name, geom, cols in conn.execute(
                "SELECT tbl, geom, columns FROM sync_tables ORDER BY rowid")]


tracked_tables = tracked


def tracked_columns(conn: sqlite3.Connection, t: Tracked) -> list[str]:
    """The columns whose changes are captured, in capture order."""
    return t.column_names


def by_name(conn: sqlite3.Connection) -> dict[str, Tracked]:
    return {t.name: t for t in tracked(conn)}


def register(conn: sqlite3.Connection, t: Tracked) -> None:
    conn.execute("INSERT INTO sync_tables (tbl, geom, columns) VALUES (?, ?, ?) ON CONFLICT "
                 "(tbl) DO UPDATE SET geom = excluded.geom, columns = excluded.columns",
                 (t.name, t.geom, json.dumps([list(c) for c in t.columns])))
    conn.execute("DELETE FROM sync_untracked WHERE tbl = ?", (t.name,))


def untrack(conn: sqlite3.Connection, tbl: str, reason: str) -> None:
    conn.execute("DELETE FROM sync_tables WHERE tbl = ?", (tbl,))
    conn.execute("INSERT OR REPLACE INTO sync_untracked (tbl, reason) VALUES (?, ?)",
                 (tbl, reason))


# tables of GeoPackage itself, its extensions, SQLite, QGIS and the sync
_OWN = ("gpkg_%", "gpkgext_%", "rtree_%", "sqlite_%", "sync_%")
# the toolkit's own tables beside the layers (the import's saved field mappings among them)
_OWN_NAMES = ("attachments", "layer_styles", "qgis_projects", "import_mappings")


def unlisted(conn: sqlite3.Connection) -> dict[str, str]:
    """Tables and views of a GeoPackage that its ``gpkg_contents`` does not list (made by
    SQL, not by GDAL or QGIS): never tracked, each with the reason."""
    from .gdal_listing import lists_unregistered
    if not table_exists(conn, "gpkg_contents"):
        return {}
    own = " AND ".join(f"name NOT LIKE '{p}'" for p in _OWN)
    shown = ("QGIS and GDAL show it in this file, but its edits are not tracked"
             if lists_unregistered(conn) else "QGIS and GDAL do not show it")
    return {name: (not_a_table(kind) if kind == "view" else
                   APP_TABLES.get(name) or
                   f"not listed in gpkg_contents, so not a GeoPackage layer ({shown}); load "
                   "it as a layer (ogr2ogr, QGIS) to have it tracked")
            for kind, name in conn.execute(
                f"SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND "
                f"{own} AND name NOT IN ({', '.join('?' * len(_OWN_NAMES))}) AND name NOT IN "
                "(SELECT table_name FROM gpkg_contents) ORDER BY name", _OWN_NAMES)}


def to_adopt(conn: sqlite3.Connection) -> dict[str, Tracked]:
    """Tables added to the file since the last command that the next one will track (as
    :func:`field_kit.sync.drift.adopt` does), as they are now."""
    names = {t.name for t in tracked(conn)} | set(untracked(conn))
    return {n: describe(conn, n) for n in candidates(conn)
            if n not in names and why_untrackable(conn, n) is None}


GONE = "gone from the file"  # why repair untracks a table dropped from the file
SCHEMA_GONE = "dropped from the schema"  # (from a PostgreSQL master's schema)
DROPPED = (GONE, SCHEMA_GONE)


def dropped(conn: sqlite3.Connection) -> set[str]:
    """The tables repair found dropped from the file (or a PostgreSQL master's schema) and
    tracks no more (no table of that name made since): a master's, whose field packages
    checked out before still have."""
    return {tbl for tbl, why in untracked(conn).items() if why in DROPPED}


# (in a field package) the layers it holds that its last pull found dropped from the master
DROPPED_IN_MASTER = "layers_dropped_in_master"


def dropped_in_master(conn: sqlite3.Connection) -> set[str]:
    """The layers of a field package that its last pull found dropped from the master
    (:func:`dropped` there): a merge refuses its edits of them."""
    return set(json_meta(conn, DROPPED_IN_MASTER))


def untracked(conn: sqlite3.Connection) -> dict[str, str]:
    """table -> why it is not tracked; a table dropped and added back since is not one of
    them: the next command tracks it again, as any layer added."""
    if not table_exists(conn, "sync_untracked"):
        return {}
    return {tbl: _SAID_BEFORE.get(why, why)
            for tbl, why in conn.execute("SELECT tbl, reason FROM sync_untracked")
            if why not in DROPPED or not table_exists(conn, tbl)}


# --- roles ---------------------------------------------------------------------------------------

DEFAULT_ROLES = tuple((schema.TECHNICIAN, t.name, "*") for t in schema.TABLES
                      if t.kind == schema.RECORD)


# sync_meta: the grants were set by a supervisor (``field-kit roles``): none left is meant
ROLES_SET = "roles_set"


def seed_roles(conn: sqlite3.Connection) -> None:
    """The plan's default: technicians fill the record tables (only where no rule is set,
    and no supervisor took every grant back with ``field-kit roles``)."""
    if conn.execute("SELECT 1 FROM sync_roles LIMIT 1").fetchone() is None and \
            meta(conn, ROLES_SET) is None:
        conn.executemany("INSERT INTO sync_roles (role, tbl, col) VALUES (?, ?, ?)",
                         DEFAULT_ROLES)


def own_named_as_plan(conn: sqlite3.Connection, tbl: str) -> bool:
    """Whether ``tbl`` is a layer of the county's own that bears the name of a table of the
    plan without being it (:func:`~field_kit.plan.schema.plan_table`): not its columns."""
    return tbl in schema.BY_NAME and table_exists(conn, tbl) and \
        schema.plan_table(tbl, file_columns(conn, tbl)) is None


def _default_on_own(conn: sqlite3.Connection, grants: set[tuple[str, str, str]]
                    ) -> set[tuple[str, str, str]]:
    """Of ``grants``, the plan's default ones (:data:`DEFAULT_ROLES`) of a table the file
    holds as a layer of the county's own (:func:`own_named_as_plan`): they grant nothing,
    for technicians' edits of the county's own layers are refused."""
    own = {t for _, t, _ in DEFAULT_ROLES if own_named_as_plan(conn, t)}
    return {g for g in grants if g[1] in own and g in DEFAULT_ROLES}


def grants(conn: sqlite3.Connection, role: str) -> dict[str, set[str]] | None:
    """table -> columns (``*`` for all) a role may change; None for GIS staff (everything).
    The plan's default grant of a table a layer of the county's own bears the name of
    grants nothing."""
    if role == schema.GIS:
        return None
    held = roles_in_force(conn)
    out: dict[str, set[str]] = {}
    for r, tbl, col in held - _default_on_own(conn, held):
        if r == role:
            out.setdefault(tbl, set()).add(col)
    return out


def roles_in_force(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """The grants (role, table, column) a file holds: its ``sync_roles``, or for a file from
    before it, the plan's default."""
    return roles_held(conn) if table_exists(conn, "sync_roles") else set(DEFAULT_ROLES)


def roles_held(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """The grants of ``sync_roles`` (role, table, column), none where the file has no such
    table."""
    if not table_exists(conn, "sync_roles"):
        return set()
    return set(conn.execute("SELECT role, tbl, col FROM sync_roles"))


def take_roles(src: sqlite3.Connection, conn: sqlite3.Connection, role: str) -> list[str]:
    """Give the field package ``conn`` the master's (``src``) grants: the package's copy is
    what QGIS locks its layers by, so a grant taken back, narrowed or added on the master
    since the checkout would lock the wrong fields. Returns what changed for the package's
    ``role``, as "technician may now change …" / "… may no longer change …" (none where
    its grants are the same, or the master holds none to give)."""
    if not table_exists(src, "sync_roles"):
        return []
    before, after = roles_held(conn), roles_held(src)
    if before == after:
        return []
    # (a grant naming a column or table there is not grants nothing: no change to say)
    void = set(ignored_grants(conn)) | set(ignored_grants(src))
    conn.execute(ROLES_DDL)  # (a package may predate it)
    conn.execute("DELETE FROM sync_roles")
    conn.executemany("INSERT INTO sync_roles (role, tbl, col) VALUES (?, ?, ?)", sorted(after))
    mine = {(t, c) for r, t, c in before - void if r == role}
    theirs = {(t, c) for r, t, c in after - void if r == role}
    return changed_grants(role, mine, theirs)


def changed_grants(role: str, mine: set[tuple[str, str]], theirs: set[tuple[str, str]]
                   ) -> list[str]:
    """What changed for ``role`` from the grants (table, column) ``mine`` to ``theirs``, table
    by table as it reads: a table granted whole now is not also a column taken back, and a
    column taken back of a table granted whole is that column (and the features it no longer
    adds or deletes), not every other column given."""
    now: set[tuple[str, str]] = set()
    gone: set[tuple[str, str]] = set()
    out = []
    for tbl in sorted({t for t, _ in mine | theirs}):
        was = {c for t, c in mine if t == tbl}
        is_ = {c for t, c in theirs if t == tbl}
        if was == is_:
            continue
        if "*" in is_:
            now.add((tbl, "*"))
        elif "*" in was and is_:  # narrowed to some columns
            out.append(f"{role} may now change only {granted_said({(tbl, c) for c in is_})}, "
                       f"nor add or delete features of {tbl}")
        else:
            now |= {(tbl, c) for c in is_ - was}
            gone |= {(tbl, c) for c in was - is_}
    return ([f"{role} may now change {granted_said(now)}"] if now else []) + \
        ([f"{role} may no longer change {granted_said(gone)}"] if gone else []) + out


def granted_said(grants: set[tuple[str, str]]) -> str:
    """Grants (table, column) as a message names them: a whole table by its name, with
    "(every column)", a column as table.column."""
    return ", ".join(f"{t} (every column)" if c == "*" else f"{t}.{c}" for t, c in sorted(grants))


def grants_ignored(conn: sqlite3.Connection) -> list[str]:
    """A line for each grant of ``sync_roles`` that names a role, a tracked table or one of
    its columns that does not exist: nothing is granted by it, so a technician's edits it
    was meant to allow are refused at merge. A table the next command tracks counts."""
    return list(ignored_grants(conn).values())


def ignored_grants(conn: sqlite3.Connection) -> dict[tuple[str, str, str], str]:
    """:func:`grants_ignored` by grant (role, table, column), in their order."""
    tables = {**to_adopt(conn), **by_name(conn)}
    out = {}
    held = roles_held(conn)
    own = _default_on_own(conn, held)
    for role, tbl, col in sorted(held):
        grant = f"grant ({role}, {tbl}, {col}) in sync_roles"
        if role not in schema.ROLES:
            out[role, tbl, col] = (f"{grant} names no role: roles are "
                                   f"{', '.join(schema.ROLES)}; it grants nothing")
        elif tbl not in tables:  # (the plan's default, in a master without that record
            if (role, tbl, col) not in DEFAULT_ROLES:  # table: nobody's mistake)
                out[role, tbl, col] = (f"{grant} names no table the master tracks; it grants "
                                       "nothing")
        elif (role, tbl, col) in own:
            out[role, tbl, col] = (
                f"{grant} is the plan's default grant of its table {tbl}; {tbl} here is a "
                "layer of the county's own, without the plan's columns, so it grants nothing "
                f"and {role}s' edits of it are refused (to let them change it, grant its "
                f"columns by name: field-kit roles --grant {role} {tbl}.COLUMN)")
        elif col != "*" and col not in tables[tbl].column_names and col != tables[tbl].geom:
            out[role, tbl, col] = f"{grant} names no column of {tbl}; it grants nothing"
    return out


def grants_listed(conn: sqlite3.Connection) -> list[dict]:
    """Every grant the file holds, as the ``roles`` command lists it: role, table, column
    (``*`` for all) and ``ignored``, why it grants nothing (:func:`grants_ignored`), or
    ``unused`` for the plan's default grant of a record table the file does not have. A
    file without ``sync_roles`` holds the plan's default (as :func:`grants` reads it)."""
    held = roles_in_force(conn)
    ignored = ignored_grants(conn)
    tables = {**by_name(conn), **to_adopt(conn)}
    return [{"role": r, "table": t, "column": c, "ignored": ignored.get((r, t, c)),
             "unused": t not in tables and (r, t, c) in DEFAULT_ROLES}
            for r, t, c in sorted(held)]


def may_write(allowed: dict[str, set[str]] | None, tbl: str, cols=()) -> str | None:
    """None when the grants allow changing ``cols`` of ``tbl``; else the first column (or
    ``*`` for the table) that is not allowed."""
    if allowed is None:
        return None
    got = allowed.get(tbl)
    if not got:
        return "*"
    if "*" in got:
        return None
    return next((c for c in cols if c not in got), None)
