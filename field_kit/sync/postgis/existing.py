# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit init ADDRESS`` without ``--from``: install capture on the tables a schema
already holds (a province's own PostGIS layers), in one transaction.

Each table is described in GeoPackage terms and written, empty, into the template GeoPackage
a master keeps; ``field-kit init`` on that template decides what is tracked, exactly as on a
GeoPackage. A table gets a filled ``uuid`` column where it has none. A table that cannot be
tracked (no integer primary key numbering new rows, more than one geometry column, a column
of a type the sync does not carry, rows sharing a uuid) is named with the reason."""

from __future__ import annotations

import os
import re
import sqlite3
import string
import tempfile
from collections.abc import Iterable

from ...db import connect, lit, quote, transaction
from ...errors import BadInput, Refused
from .. import changelog, master_id, registry
from . import address, nan, publish, references, sql
from .tables import to_stage

# a default PostgreSQL shows for a constant: a literal, with casts
_CONSTANT = re.compile(r"^(NULL|true|false|-?\d+(\.\d+)?|'(?:[^']|'')*')"
                       r"(::[a-z ]+(\(\d+(,\d+)?\))?)*$")

_GPKG_META = """
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
  (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE,
  max_y DOUBLE, srs_id INTEGER);
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
  m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
"""


def init(target: str, *, tables: Iterable[str] | None = None,
         exclude: Iterable[str] = ()) -> publish.Installed:
    """Install capture on the tables of the schema ``target`` names."""
    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            with pg.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (pg.schema,))
                if cur.fetchone() is None:
                    raise BadInput(f"schema {pg.schema} does not exist; give --from GPKG to "
                                   "publish a GeoPackage into it")
                publish.refuse_stranger(cur, pg.schema)
                cur.execute("SELECT to_regclass('sync_state')")
                if cur.fetchone()[0] is not None:
                    more = _track_more(pg, tables, exclude)
                    address.commit(target, pg)
                    if tables is not None and not any(why is None for why in more.values()):
                        # none of those named: refused, each kept untracked with why
                        raise BadInput(f"no table of schema {pg.schema} can be tracked: "
                                       f"{_reasons(more)}; none was tracked (field-kit status "
                                       "names each with why)")
                    return publish.Installed(more)
            found = describe(pg)
            if not found:
                raise BadInput(f"schema {pg.schema} holds no table; give --from GPKG to publish "
                               "a GeoPackage into it")
            chosen = list(tables) if tables is not None else list(found)
            missing = [n for n in chosen if n not in found]
            registry.refuse_not_tables(missing, _views(pg), f"schema {pg.schema}",
                                       f"模式 {pg.schema} 中")
            chosen = [n for n in chosen if n not in set(exclude)]
            out: dict[str, str | None] = {n: None if n in chosen else "not chosen at init"
                                          for n in found}
            for name in chosen:
                out[name] = found[name].get("problem") or give_uuids(pg, name)
            out.update(not_tables(pg))
            with tempfile.TemporaryDirectory(prefix="toksun-adopt-") as workdir:
                path = os.path.join(workdir, "template.gpkg")
                _write_template(pg, path, {n: found[n] for n in chosen if out[n] is None})
                tracked = [n for n in chosen if out[n] is None]
                if not tracked:
                    raise BadInput(f"no table of schema {pg.schema} can be tracked: "
                                   f"{_reasons(out, tables and chosen)}; nothing was changed")
                out.update({n: why for n, why in changelog.install(path, tables=tracked).items()
                            if why is not None})
                conn = connect(path)
                try:
                    with transaction(conn):  # recorded: no later command takes them up unasked
                        for name, why in out.items():
                            if why is not None:
                                registry.untrack(conn, name, why)
                        given = master_id.ensure(conn)
                    warnings = publish.install_capture(pg, conn, existing=found)
                finally:
                    conn.close()
            warnings += references.said(pg) + nan.said(pg)
            address.commit(target, pg)
            return publish.Installed(out, warnings, master_id=given)
    finally:
        pg.close()


def _track_more(pg, tables: Iterable[str] | None, exclude: Iterable[str]) -> dict:
    """``init`` again on a master: track the tables named (even ones left out before, or
    held untracked as they were published), or every table of the schema it does not hold
    yet."""
    from . import grow, template
    from .tables import mirrored
    with template.opened(pg) as conn:
        have = mirrored(conn)
    held = {t.name for t in have}
    tracked = {t.name for t in have if t.tracked}
    with pg.cursor() as cur:  # (a table it tracks is never left out, as on a GeoPackage)
        cur.execute("SELECT device FROM sync_devices ORDER BY device")
        devices = [d for (d,) in cur.fetchall()]
    registry.refuse_leaving_out([n for n in exclude if n in tracked], devices,
                                f"schema {pg.schema}")
    if tables is None:
        names = grow.tables_added(pg, held)
    else:
        registry.refuse_not_tables(sorted(set(tables) - set(describe(pg))), _views(pg),
                                   f"schema {pg.schema}", f"模式 {pg.schema} 中")
        names = [n for n in tables if n not in tracked]
        with pg.cursor() as cur:  # asked for by name: tried again
            cur.execute("DELETE FROM sync_untracked WHERE tbl = ANY(%s)", (names,))
    names = [n for n in names if n not in set(exclude)]
    if not names:
        chosen = [n for n in tables or () if n not in set(exclude)]
        with pg.cursor() as cur:  # (the others left out by choice: no table it cannot track)
            cur.execute("SELECT tbl FROM sync_untracked WHERE reason = %s ORDER BY tbl",
                        (registry.NOT_CHOSEN,))
            left = [t for (t,) in cur.fetchall() if t not in chosen]
        said, zh = _tracked_already(pg.schema, chosen, left)
        raise Refused(said, zh)
    return grow.adopt_tables(pg, names)


def _reasons(out: dict[str, str | None], asked: Iterable[str] | None = None) -> str:
    """Why each table ``init`` was asked for (those ``asked``, or any) is not tracked,
    "table: why; …": not those left out for them."""
    said = {t: why for t, why in out.items() if why is not None and (
        t in asked if asked is not None else why != registry.NOT_CHOSEN)}
    return "; ".join(f"{t}: {why}" for t, why in (said or out).items())


def _tracked_already(schema: str, chosen: list[str], left: list[str]) -> tuple[str, str]:
    """Why ``init`` again on a master changed nothing, in English and Chinese: the tables
    ``chosen`` it tracks already (none chosen: every one it can); those ``left`` out by
    choice named, the first few, with how to take them up."""
    from ...plan.values import column_named

    def zh_named(names: list[str]) -> str:
        more = len(names) - registry.NAMED
        return "、".join(column_named(n) for n in names[:registry.NAMED]) + (
            f" 等，另有 {more} 个表" if more > 0 else "")
    en, zh = [], []
    if chosen:
        en.append(f"tracking {', '.join(chosen)}, as chosen")
        zh.append(f"所选的{zh_named(chosen)}已在跟踪")
    else:
        en.append("tracking every table it can" + (" but those" if left else ""))
        zh.append("可跟踪的表均已跟踪" + ("，除" if left else ""))
    if left:
        said = (f" (not chosen at init): {registry.named_first(left)}: name them with "
                "--tables to track them")
        said_zh = zh_named(left) + "：用 --tables 指定即可跟踪"
        if chosen:
            en.append("left out by choice" + said)
            zh.append("按选择未跟踪（初始化时未选择）：" + said_zh)
        else:  # (every table it can but those)
            en[-1] += " left out by choice" + said
            zh[-1] += "按选择未跟踪（初始化时未选择）的" + said_zh
    return (f"schema {schema} already holds a master {'; '.join(en)}; nothing was changed",
            f"模式 {schema} 中已有主库，{'；'.join(zh)}；未作任何更改")


# what a relation of the schema is, where it is not a table the sync can track
_NOT_TABLES = {"v": registry.not_a_table("view"),
               "m": registry.not_a_table("materialized view"),
               "f": "a foreign table (its rows are kept by another server)",
               "p": "a partitioned table, which the sync does not track"}


def relations(pg, kinds: str, where: str = "", params: tuple = ()) -> dict[str, str]:
    """The schema's relations of the ``kinds`` (pg_class.relkind letters) that ``where``
    (more SQL, with ``params``) picks: name -> kind. Partitions are left out (their parent
    is named), and so are the objects of an extension (PostGIS installed into the schema
    brings views of its own)."""
    with pg.cursor() as cur:
        cur.execute("SELECT relname, relkind FROM pg_class WHERE relnamespace = "
                    f"{sql.HERE} AND relkind = ANY(%s) AND NOT "
                    "relispartition AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE "
                    "e.classid = 'pg_class'::regclass AND e.objid = pg_class.oid AND "
                    f"e.deptype = 'e') {where} ORDER BY relname", (list(kinds), *params))
        return dict(cur.fetchall())


def not_tables(pg) -> dict[str, str]:
    """The schema's views, foreign and partitioned tables: name -> why it is not tracked."""
    return {n: _NOT_TABLES[k] for n, k in relations(pg, "".join(_NOT_TABLES)).items()}


def describe(pg) -> dict[str, dict]:
    """Each base table of the schema: its columns in GeoPackage terms (with their constant
    defaults), its key, its geometry, or the problem that keeps it from being tracked."""
    with pg.cursor() as cur:
        cur.execute(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
            "t.typname, a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) IS NOT NULL, "
            "coalesce(i.indisprimary, false), a.attgenerated <> '', "
            "pg_get_expr(d.adbin, d.adrelid) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
            "LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary AND "
            "i.indnatts = 1 AND i.indkey[0] = a.attnum "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT IN "
            "('spatial_ref_sys', 'layer_styles') ORDER BY c.relname, a.attnum")
        rows = cur.fetchall()
        cur.execute("SELECT f_table_name, f_geometry_column, type, srid, coord_dimension "
                    "FROM geometry_columns WHERE f_table_schema = current_schema()")
        geoms: dict[str, list] = {}
        for t, c, kind, srid, dims in cur.fetchall():
            geoms.setdefault(t, []).append((c, kind, srid, dims))
        out: dict[str, dict] = {}
        for tbl, col, shown, typname, numbered, is_key, generated, default in rows:
            t = out.setdefault(tbl, {"columns": [], "key": None, "numbered": False,
                                     "geom": None, "problem": None, "generated": [],
                                     "uncarried": []})
            if generated:
                t["generated"].append(col)
            if is_key:
                t["key"], t["numbered"], t["key_type"] = col, numbered, shown
            if typname == "geometry":
                continue
            decl = sql.carried(shown)
            if decl is None:
                t["uncarried"].append((col, shown))
            elif default is not None and not generated and not is_key:
                got = constant_default(cur, default)
                decl = decl if got is None else f"{decl} DEFAULT {got}"
            t["columns"].append((col, decl or "TEXT"))
        for tbl, t in out.items():
            t["problem"] = (_columns_problem(t.pop("generated"), t.pop("uncarried"))
                            or _case_problem([c for c, _ in t["columns"]]))
            g = geoms.get(tbl, [])
            if len(g) > 1:
                t["problem"] = t["problem"] or "more than one geometry column"
            elif g:
                col, kind, srid, dims = g[0]
                if not srid:  # a column declared without one (geometry): its rows say
                    srid, why = _rows_srid(cur, tbl, col)
                    t["problem"] = t["problem"] or why
                t["geom"] = (col, kind, srid, dims)
                t["columns"].append((col, kind))
            key_type = dict(t["columns"]).get(t["key"])
            if t["key"] is None:
                t["problem"] = "no single-column integer primary key (rows have no stable key)"
            elif key_type != "INTEGER":
                t["problem"] = _key_not_integer(cur, tbl, t["key"], t["key_type"],
                                                [c for c, _ in t["columns"]])
            elif not t["numbered"]:
                t["problem"] = (f"its primary key {t['key']} has no default (a sequence or "
                                "identity) to number the rows a merge inserts")
            elif t["key"] == "uuid":
                t["problem"] = "its primary key is named uuid"
            t["problem"] = registry.reserved(tbl) or t["problem"]
        for names in _alike(list(out)):  # neither taken for the other in a field package
            for tbl in names:
                out[tbl]["problem"] = (f"tables {', '.join(names)} {_ALIKE}: rename one to "
                                       "track them")
    return {n: t for n, t in out.items() if n not in registry.SYNC_TABLES}


def _key_not_integer(cur, tbl: str, key: str, shown: str, columns: list[str]) -> str:
    """A table keyed by one column of another type than an integer (a code as text): its
    rows have a stable key, but not the integer one capture follows them by; and the
    statement that gives it one, numbered by the database, its key kept unique."""
    fid = next(n for n in ("fid", *(f"fid_{i}" for i in range(2, len(columns) + 3)))
               if n not in columns)
    cur.execute("SELECT format('%%I.%%I', current_schema(), %s), format('%%I', %s), "
                "format('%%I', %s), (SELECT format('%%I', conname) FROM pg_constraint WHERE "
                "conrelid = format('%%I.%%I', current_schema(), %s)::regclass AND "
                "contype = 'p')", (tbl, key, fid, tbl))
    table, column, numbered, constraint = cur.fetchone()
    return (f"its primary key {key} is {shown}, not an integer: change capture follows rows "
            "by a single-column integer primary key the database numbers, so give the table "
            f"one, its key kept unique: ALTER TABLE {table} DROP CONSTRAINT {constraint}, ADD "
            f"COLUMN {numbered} bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ADD "
            f"UNIQUE ({column}); then run field-kit init on the master with --tables {tbl}")


def _columns_problem(generated: list[str], uncarried: list[tuple[str, str]]) -> str | None:
    """Why the columns ``generated`` (by the database) and ``uncarried`` ((column, type) of
    types the sync does not carry) keep their table from being tracked: every one named."""
    said = []
    if len(uncarried) == 1:
        said.append(f"column {uncarried[0][0]} is of type {uncarried[0][1]}, which the sync "
                    "does not carry")
    elif uncarried:
        said.append("columns " + ", ".join(f"{c} ({k})" for c, k in uncarried)
                    + " are of types the sync does not carry")
    if generated:
        said.append(("column " if len(generated) == 1 else "columns ") + ", ".join(generated)
                    + (" is" if len(generated) == 1 else " are") + " generated by the "
                    "database (GENERATED ALWAYS): a merge cannot write "
                    + ("it, and its" if len(generated) == 1 else "them, and their")
                    + " values change without an edit")
    return "; ".join(said) or None


# (SQLite folds the case of ASCII letters only)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ALIKE = ("differ in the case of their letters alone, which a field package (a GeoPackage) "
          "takes for one name")


def _alike(names: list[str]) -> list[list[str]]:
    """The names that differ in the case of their letters alone (Year, year), each group in
    their order."""
    seen: dict[str, list[str]] = {}
    for name in names:
        seen.setdefault(name.translate(ASCII_LOWER), []).append(name)
    return [group for group in seen.values() if len(group) > 1]


def _case_problem(columns: list[str]) -> str | None:
    """Why columns whose names differ in case alone keep their table from being tracked."""
    alike = "; ".join(", ".join(group) for group in _alike(columns))
    return f"columns {alike} {_ALIKE}: rename one to track the table" if alike else None


def _rows_srid(cur, tbl: str, col: str) -> tuple[int, str | None]:
    """The SRID the rows of a geometry column declared without one hold, and None; or 0 and
    why the table cannot be tracked (no row holds a geometry, or rows hold several SRIDs)."""
    cur.execute(f"SELECT DISTINCT ST_SRID({quote(col)}) FROM {quote(tbl)} WHERE "
                f"{quote(col)} IS NOT NULL ORDER BY 1 LIMIT 3")
    found = [s for (s,) in cur.fetchall()]
    fix = (f" (declare it: ALTER TABLE {tbl} ALTER COLUMN {col} TYPE geometry(Geometry, "
           f"SRID) USING ST_SetSRID({col}, SRID), then init again)")
    if len(found) == 1 and found[0]:
        return found[0], None
    if not found or found == [0]:
        return 0, (f"geometry column {col} declares no SRID and no row holds one, so its "
                   f"coordinates' reference system is unknown{fix}")
    return 0, (f"geometry column {col} declares no SRID and its rows hold several ("
               + ", ".join(map(str, found[:2])) + (", …" if len(found) > 2 else "")
               + f"): one layer has one reference system{fix}")


def constant_default(cur, default: str) -> str | None:
    """The SQLite literal of a PostgreSQL column default that is a constant (as
    ``pg_get_expr`` shows it: a literal with casts); None for any other (nextval(), now())."""
    if not _CONSTANT.match(default):
        return None
    cur.execute(f"SELECT {default}")
    return sqlite_literal(to_stage(cur.fetchone()[0]))


def sqlite_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return repr(value)
    return lit(str(value))


def give_uuids(pg, tbl: str) -> str | None:
    """A filled, unique text ``uuid`` column; the reason where the table cannot have one."""
    q = quote(tbl)
    with pg.cursor() as cur:
        cur.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid "
                    "= %s::regclass AND attname = 'uuid' AND NOT attisdropped", (q,))
        got = cur.fetchone()
        if got is None:
            cur.execute(f"ALTER TABLE {q} ADD COLUMN uuid text")
        elif got[0] != "text" and not got[0].startswith("character"):
            return (f"its uuid column is of type {got[0]}; the sync keeps uuids as text (ALTER "
                    "TABLE … ALTER COLUMN uuid TYPE text first)")
        cur.execute(f"UPDATE {q} SET uuid = gen_random_uuid()::text WHERE coalesce(uuid::text, "
                    "'') = ''")
        cur.execute(f"SELECT count(*) - count(DISTINCT uuid) FROM {q}")
        if cur.fetchone()[0]:
            return "rows share a uuid"
        cur.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {quote(tbl + '_uuid')} ON {q} (uuid)")
    return None


def _write_template(pg, path: str, found: dict[str, dict]) -> None:
    """An empty GeoPackage with the tables ``found`` describes."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(_GPKG_META)
        add_tables(conn, pg, found)
        conn.commit()
    finally:
        conn.close()


def add_tables(conn: sqlite3.Connection, pg, found: dict[str, dict]) -> None:
    """Write the tables ``found`` describes, empty, into the template ``conn``."""
    srids = {t["geom"][2] for t in found.values() if t["geom"]}
    with pg.cursor() as cur:
        for srid in sorted(srids):
            cur.execute("SELECT auth_name, auth_srid, srtext FROM spatial_ref_sys WHERE "
                        "srid = %s", (srid,))
            got = cur.fetchone() or ("NONE", srid, "undefined")
            conn.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, "
                         "?, NULL)", (f"{got[0]}:{got[1]}", srid, got[0] or "NONE",
                                      got[1] or srid, got[2] or "undefined"))
    for name, t in found.items():
        cols = [f"{quote(t['key'])} INTEGER PRIMARY KEY AUTOINCREMENT"]
        cols += [f"{quote(c)} {d}" for c, d in t["columns"] if c != t["key"]]
        conn.execute(f"CREATE TABLE {quote(name)} ({', '.join(cols)})")
        geom = t["geom"]
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                     "srs_id) VALUES (?, ?, ?, ?)",
                     (name, "features" if geom else "attributes", name,
                      geom[2] if geom else None))
        if geom:
            conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, ?, 0)",
                         (name, geom[0], geom[1], geom[2], 1 if geom[3] > 2 else 0))


def _views(pg) -> dict[str, str]:
    """The views of the master's schema (name -> view or materialized view)."""
    with pg.cursor() as cur:
        cur.execute("SELECT relname, CASE relkind WHEN 'm' THEN 'materialized view' ELSE "
                    f"'view' END FROM pg_class WHERE relnamespace = {sql.HERE} "
                    "AND relkind IN ('v', 'm')")
        return dict(cur.fetchall())
