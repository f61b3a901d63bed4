# SPDX-License-Identifier: GPL-2.0-or-later
"""Schema changes that travel with a change package.

A package's manifest lists the tables it tracks with their columns (:func:`describe`). At a
merge, a column the package has and the master lacks is the package's schema change:

* from GIS staff, it is added to the master (``ALTER TABLE ... ADD COLUMN`` with the
  package's declared type) and tracked, inside the merge's transaction, before the changes
  that fill it are applied;
* from a technician, it is not added: technicians fill records, they do not change the
  schema. The changes that write into it are refused alone, naming the column (GIS staff
  can add it to the master and merge the package again); the rest applies. So are changes
  to a column a package filled and then dropped, which the master lacks, and changes to a
  column the master dropped or renamed since the package was checked out
  (:func:`field_kit.sync.column_edits.gone`): it is not added back. Where the master gets
  a column of that name defined otherwise, a pull gives the technician's package the
  master's column in its stead (:func:`give_way`), its values carried or set aside.

A table the package has and the master lacks is a layer it adds
(:mod:`field_kit.sync.new_layers`). A column the master has and the package lacks is left
as it is: the package's updates do not name it, and its inserts take the column's default.
"""

from __future__ import annotations

import re
import sqlite3
from typing import NamedTuple

from ..bilingual import be, counted
from ..db import chunks, file_columns, marks, quote, table_exists
from ..errors import Refused
from ..plan import schema
from ..plan.values import names_in
from . import (
    changelog,
    column_edits,
    drift,
    geometry_named,
    registry,
    schema_sent,
    spatial_index,
    triggers,
)
from .conflicts import shown

TYPE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_ ]{0,40}(\(\d{1,6}(,\s*\d{1,6})?\))?$")


DEFAULT_RE = re.compile(r"^(NULL|-?\d{1,18}(\.\d{1,18})?|'([^']|''){0,200}')$", re.I)


def describe(conn: sqlite3.Connection) -> dict:
    """The tracked tables and their columns (name, declared type, default), for a manifest."""
    out = {}
    for t in registry.tracked(conn):
        dflt = {r[1]: r[4] for r in conn.execute(f"PRAGMA table_info({quote(t.name)})")}
        out[t.name] = {"geom": t.geom,
                       "columns": [[c, d, dflt.get(c)] for c, d in t.columns]}
    return out


def unsent(conn: sqlite3.Connection, *, since_checkout: bool = False) -> list[str]:
    """The tables and columns a field package added that no export has carried yet (or,
    ``since_checkout``, that the master did not have at checkout): "table" or "table.column"."""
    if not registry.has_registry(conn) or not table_exists(conn, "sync_schema_sent"):
        return []
    sent: dict[str, list[str]] = {}
    for tbl, (cols, had) in schema_sent.known(conn).items():
        if (got := had if since_checkout else cols) is not None:
            sent[tbl] = got
    out = []
    for t in registry.tracked(conn):
        if t.name not in sent:
            out.append(t.name)
        else:
            out += [f"{t.name}.{c}" for c in t.column_names if c not in sent[t.name]]
    return out


def added_since(drifts: list) -> list[str]:
    """The tables and table.columns added to a file since the last command (which the next
    one tracks)."""
    return [f"{d.table}.{d.column}" if d.column else d.table for d in drifts
            if d.kind in (drift.COLUMN_ADDED, drift.TABLE_ADDED, drift.COLUMN_RENAMED)]


def waiting(conn: sqlite3.Connection, drifts: list, again: list[str]) -> list[str]:
    """The tables and columns ("table" or "table.column") a field package added that its
    next export carries, as `status` says them; ``again``: its columns dropped and added
    again (the master's, no change of its own)."""
    return [c for c in unsent(conn) + added_since(drifts) if c not in again]


def own(conn: sqlite3.Connection, drifts: list, again: list[str]) -> list[str]:
    """The tables and columns ("table" or "table.column") a field package added itself
    since its checkout, carried by an export or not (no pull brought them from the master):
    what fills them, the master refuses from a technician's package at every merge.
    ``again``: its columns dropped and added again (the master's)."""
    return list(dict.fromkeys(c for c in unsent(conn, since_checkout=True)
                              + added_since(drifts) if c not in again))


def refused_said(role: str, changes: list[str]) -> list[str]:
    """What the master will refuse of the layers and columns (``changes``: ``table`` or
    ``table.column``) a package of ``role`` added, a line each: only GIS staff's packages
    add them."""
    if role == schema.GIS:
        return []
    columns = [c for c in changes if "." in c]
    layers = [t for t in changes if "." not in t]
    return [f"a {role}'s package does not add columns: the master refuses the "
            f"changes that fill {', '.join('column ' + c for c in columns)} (GIS staff "
            "can add them there first); the rest applies"] * bool(columns) + [
        f"a {role}'s package does not add layers: the master refuses this "  # (refused
        f"package whole, every edit in it, while it holds layer "  # whole: said before
        f"{', '.join(layers)} (GIS staff can add the layer to the master first, "  # it is
        f"and a supervisor grant it: field-kit roles MASTER --grant {role} "  # carried)
        f"{' '.join(layers)}; then merge this package)"] * bool(layers)


# what makes a package's column defined otherwise than the master's reach it: this zip, and
# a new export, wait for the refused one (the device's changes go in order); export --all
# carries its changes under the new name only (column_edits)
EXPORT_ALL = "field-kit export FIELD_PACKAGE OUT.zip --all"  # (a merge knows no package's path)
SEND_AGAIN = f"export all its changes again ({EXPORT_ALL}) and merge that package"
RENAME_AND_SEND = f"rename it in the package (QGIS: Rename Field), then {SEND_AGAIN}"


def _as_read(default):
    """A column's default as SQLite reads it: TRUE and FALSE (a boolean column's, as QGIS
    or SQL may write it) are 1 and 0."""
    if isinstance(default, str) and default.upper() in ("TRUE", "FALSE"):
        return "1" if default.upper() == "TRUE" else "0"
    return default


def case_twin(name: str, names) -> str | None:
    """The one of ``names`` that is ``name`` but for the case of its letters (``depth`` for
    ``DEPTH``): SQLite, and so a GeoPackage, takes them for one name (its case folding is
    ASCII's alone), so the two cannot stand side by side in a table."""
    key = name.encode().lower()
    return next((n for n in names if n != name and n.encode().lower() == key), None)


def by_case(twin: str, where: str) -> str:
    """A name ``twin`` (``where`` it is) that differs from another in the case of its
    letters alone (:func:`case_twin`), as every refusal of one says it."""
    return f"{twin} {where}, a name that differs in case alone"


def _case_refused(name: str, tbl: str, col: str, twin: str, where: str) -> Refused:
    return Refused(
        f"{name}: column {col} of {tbl} is {by_case(twin, where)}, which a GeoPackage takes "
        f"for the same: rename it in the package (QGIS: Rename Field) to {twin}, to fill "
        f"that column, or to a name of its own, then {SEND_AGAIN}")


class Clash(NamedTuple):
    """A column a field package added itself that the master has too, added there otherwise:
    the package's name and declared type, the master's (``there``: its name, another in the
    case of its letters alone where it is a :func:`case_twin`)."""
    table: str
    column: str
    declared: str
    there: str
    there_declared: str

    @property
    def alike(self) -> bool:
        """Whether the two hold the same kind of value (a case twin's alone differ)."""
        return registry.holds(self.declared) == registry.holds(self.there_declared)

    def __str__(self) -> str:
        if self.there != self.column:
            return f"column {self.column} of {self.table} is {by_case(self.there, 'in the master')}"
        return (f"column {self.column} of {self.table} is {self.there_declared or 'untyped'} in "
                f"the master, {self.declared or 'untyped'} in the package")


def clashing(master: sqlite3.Connection, conn: sqlite3.Connection) -> list[Clash]:
    """The columns a field package added itself that the master has too, added there
    otherwise (by another package, say), holding another kind of value or named otherwise
    in the case of its letters. A pull filling them would put the master's values where the
    package reads them otherwise ('2026-1' as 2026), and the package's own were refused at
    the merge."""
    out = []
    for tbl, cols in schema_sent.own_columns(conn).items():
        if not cols or not table_exists(master, tbl):
            continue
        there = {r[1]: r[2] or "" for r in master.execute(f"PRAGMA table_info({quote(tbl)})")}
        here = {r[1]: r[2] or "" for r in conn.execute(f"PRAGMA table_info({quote(tbl)})")}
        out += [Clash(tbl, c, here[c], c, there[c]) for c in sorted(cols)
                if c in there and registry.holds(there[c]) != registry.holds(here[c])]
        out += [Clash(tbl, c, here[c], twin, there[twin])
                for c in sorted(cols) if (twin := case_twin(c, there))]
    return out


def clashes(master: sqlite3.Connection, conn: sqlite3.Connection) -> list[str]:
    """:func:`clashing`, as a refusal names each: "column c of t is TEXT(20) in the master,
    MEDIUMINT in the package"."""
    return [str(c) for c in clashing(master, conn)]


SET_ASIDE = "sync_values_set_aside"
SET_ASIDE_DDL = (f"CREATE TABLE IF NOT EXISTS {SET_ASIDE} (tbl TEXT NOT NULL, col TEXT NOT NULL, "
                 "row_uuid TEXT NOT NULL, value, declared TEXT, at TEXT NOT NULL, "
                 "PRIMARY KEY (tbl, col, row_uuid, at)) WITHOUT ROWID")


class GaveWay(NamedTuple):
    """A column of a technician's package that gave way to the master's (:func:`give_way`):
    the clash, and the values typed into it here (row uuid, its name, value), carried into
    the master's column (``carried``, where both hold one kind of value) or set aside."""
    clash: Clash
    values: list
    carried: bool

    def said(self) -> list[str]:
        """What a pull says of it: what became of the column, then each value, by row."""
        c = self.clash
        typed = f"typed into {c.column} here"
        if not self.values:
            then = f"nothing had been {typed}"
        elif self.carried:
            n = len(self.values)
            then = (f"the {counted(n, 'value')} {typed} {be(n)} written into {c.there}, to "
                    "be sent with the next export:")
        else:
            n = len(self.values)
            then = (f"the {counted(n, 'value')} {typed}, which the master cannot take, "
                    f"{be(n)} set aside in the package ({SET_ASIDE}), not sent: to keep one, type "
                    f"it again in the record's form, into {c.there} or another field:")
        kinds = "" if c.there == c.column or c.alike else \
            f" ({c.there_declared or 'untyped'} there, {c.declared or 'untyped'} here)"
        what = "carried" if self.carried else "set aside"
        return [f"{c}{kinds}: the master's column stands in the package now; {then}"] + [
            f"value {what}: {c.table} {name} ({c.column}) {shown(value, width=10_000)}"
            for _, name, value in self.values]


def give_way(conn: sqlite3.Connection, found: list[Clash]) -> list[GaveWay]:
    """A technician's package adds no column to the master, so where the master has one of
    the name it added (defined otherwise, or named in another case), the master's stands:
    inside the pull's transaction (capture off) each of the package's is taken out, the
    values typed into it kept in ``sync_values_set_aside`` first, and its edits no export
    carried yet forgotten by the log (the master would refuse them). :func:`bring` then
    gives the package the master's column, with the master's values; :func:`carry` writes
    the package's values into it where both hold one kind of value."""
    out: list[GaveWay] = []
    if not found:
        return out
    at = changelog.now()
    conn.execute(SET_ASIDE_DDL)
    for c in found:
        q = quote(c.table)
        values = conn.execute(
            f"SELECT uuid, {quote(c.column)} FROM {q} WHERE {quote(c.column)} IS NOT "
            f"({drift.default_sql(conn, c.table, c.column)}) AND uuid IS NOT NULL "
            "ORDER BY rowid").fetchall()
        conn.executemany(f"INSERT OR REPLACE INTO {SET_ASIDE} (tbl, col, row_uuid, value, "
                         "declared, at) VALUES (?, ?, ?, ?, ?, ?)",
                         [(c.table, c.column, u, v, c.declared, at) for u, v in values])
        names = names_in(conn, [(c.table, u) for u, _ in values])
        triggers.track(conn, c.table, without=[c.column])
        conn.execute(f"ALTER TABLE {q} DROP COLUMN {quote(c.column)}")
        # (the edits an export carried are the master's to refuse, found at the pull)
        column_edits.forget_logged(conn, c.table, c.column,
                                   changelog.state(conn)["exported_seq"])
        out.append(GaveWay(c, [(u, names.get((c.table, u), u), v) for u, v in values],
                           c.alike))
    return out


def carry(conn: sqlite3.Connection, gave: list[GaveWay]) -> None:
    """Write the values of the columns that gave way (:func:`give_way`) into the master's
    column of the same kind, once the pull brought it, each logged as this device's edit of
    the master's value, to go with the next export."""
    from .log_values import object_sql
    for g in (g for g in gave if g.carried and g.values):
        tbl, col = g.clash.table, g.clash.there
        blobs = registry.describe(conn, tbl).blobs
        conn.execute("CREATE TEMP TABLE carried (row_uuid TEXT PRIMARY KEY, value) "
                     "WITHOUT ROWID")
        conn.executemany("INSERT INTO temp.carried VALUES (?, ?)",
                         [(u, v) for u, _, v in g.values])
        drift.log_rows(conn, tbl, "update", object_sql([(col, f"t.{quote(col)}")], blobs=blobs),
                       object_sql([(col, "c.value")], blobs=blobs),
                       f"WHERE t.uuid = c.row_uuid AND t.{quote(col)} IS NOT c.value",
                       f"{quote(tbl)} AS t, temp.carried AS c")
        conn.execute(f"UPDATE {quote(tbl)} SET {quote(col)} = (SELECT value FROM temp.carried "
                     f"WHERE row_uuid = uuid) WHERE uuid IN (SELECT row_uuid FROM temp.carried)")
        conn.execute("DROP TABLE temp.carried")


def added_columns(master: sqlite3.Connection, manifest: dict, name: str,
                  earlier: dict | None = None) -> list[tuple]:
    """(table, column, declared type) the package has and the master lacks; Refused where
    the package may not bring them. ``earlier``: (table, column) -> declared type of those
    the packages before it in the merge add."""
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        return []  # a package from before the manifest listed its tables
    have = {**registry.to_adopt(master), **registry.by_name(master)}
    dropped = column_edits.gone(master)
    out = []
    for tbl, spec in tables.items():
        if tbl not in have:  # a layer the package adds (new_layers)
            continue
        own = set(manifest.get("schema_changes") or ())  # "table.column" the package added
        # the master's columns as its file has them (one added there may not be adopted yet)
        defined = {r[1]: (r[2] or "", _as_read(r[4])) for r in master.execute(
            f"PRAGMA table_info({quote(tbl)})")}
        known = set(have[tbl].column_names) | set(defined)
        for col, decl, *rest in (spec or {}).get("columns", []):
            dflt = _as_read(rest[0] if rest else None)
            if col == (spec or {}).get("geom") and have[tbl].geom not in (None, col) and \
                    col not in known:
                continue  # its shapes: the master's geometry column (change_list)
            if isinstance(col, str) and (twin := case_twin(col, known)):
                raise _case_refused(name, tbl, col, twin, "in the master")
            if col in known:
                if f"{tbl}.{col}" in own and defined.get(col) != (decl, dflt) and \
                        manifest.get("role") == schema.GIS:
                    # added on both sides, defined differently: its values would mean
                    # different things; the supervisor decides which definition stands (a
                    # technician's adds none: its values are held to the master's, each)
                    m_decl, m_dflt = defined.get(col, ("", None))
                    raise Refused(
                        f"{name}: column {col} of {tbl} was added in the master as "
                        f"{m_decl or 'untyped'}{' DEFAULT ' + m_dflt if m_dflt else ''} and in "
                        f"the package as {decl or 'untyped'}"
                        f"{' DEFAULT ' + str(dflt) if dflt else ''}: {RENAME_AND_SEND}")
                continue
            if manifest.get("role") != schema.GIS or col in dropped.get(tbl, {}):
                # not added (a technician's, or one the master dropped or renamed since):
                # the changes that fill it are refused alone, naming it
                continue
            if not isinstance(col, str) or not isinstance(decl, str) or (
                    decl and not TYPE_RE.match(decl)) or (
                    dflt is not None and not DEFAULT_RE.match(str(dflt))):
                raise Refused(f"{name}: column {col!r} of {tbl} has a type or default that "
                              f"cannot be added ({decl!r}, {dflt!r})")
            defined_as = decl if dflt is None else f"{decl} DEFAULT {dflt}"
            if twin := case_twin(col, [c for t, c in earlier or {} if t == tbl]):
                raise _case_refused(name, tbl, col, twin, "in another package of this merge")
            other = (earlier or {}).get((tbl, col), defined_as)
            if other != defined_as:  # the first would stand, the values meaning otherwise
                raise Refused(
                    f"{name}: column {col} of {tbl} is added by another package of this merge "
                    f"as {other or 'untyped'} and in this package as {defined_as or 'untyped'}"
                    f": one column cannot hold both; {RENAME_AND_SEND}")
            out.append((tbl, col, defined_as))
    return out


def adopt(conn: sqlite3.Connection, columns: list[tuple]) -> list[str]:
    """Add the columns to the master and track them; inside the merge's transaction.
    Returns those it added, as "table.column"."""
    added = []
    for tbl in dict.fromkeys(t for t, _, _ in columns):
        have = set(file_columns(conn, tbl))
        for _, col, decl in (c for c in columns if c[0] == tbl):
            if col not in have:
                conn.execute(f"ALTER TABLE {quote(tbl)} ADD COLUMN {quote(col)} {decl}")
                have.add(col)
                added.append(f"{tbl}.{col}")
        triggers.track(conn, tbl)
    return added


def bring(master: sqlite3.Connection, conn: sqlite3.Connection,
          kept: dict[str, set[str]] | None = None) -> tuple[list[str], list[str]]:
    """Give a field package the tables and columns the master tracks and it lacks (a pull;
    inside the package's transaction): tables as the master declares them, with their
    GeoPackage registration and the rows the package keeps (``kept``: table -> uuids, for
    the tables a cut package cuts), as the master holds them now, keys and all, as a
    checkout gives them (a county's own data may refer to rows by their key). Returns the
    tables added, and the columns added to tables it had, as "table.column"."""
    tables, added = [], []
    mine = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # (the master's geometry column named otherwise is the package's own: not added)
    shapes = {tbl: there for tbl, (there, _) in geometry_named.otherwise(master, conn).items()}
    for t in registry.tracked(master):
        if t.name not in mine:
            (sql,), = master.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                                     "name = ?", (t.name,))
            conn.execute(sql)
            if kept is None or t.name not in kept:
                _copy_rows(master, conn, quote(t.name), "1")
            else:
                for part in chunks(sorted(kept[t.name])):
                    _copy_rows(master, conn, quote(t.name), f"uuid IN {marks(len(part))}",
                               *part)
            _copy_rows(master, conn, "gpkg_spatial_ref_sys", "srs_id IN (SELECT srs_id FROM "
                       "gpkg_contents WHERE table_name = ?)", t.name)
            _copy_rows(master, conn, "gpkg_contents", "table_name = ?", t.name)
            _copy_rows(master, conn, "gpkg_geometry_columns", "table_name = ?", t.name)
            spatial_index.build(conn, t.name)
            spatial_index.declare_geometry_type(conn, t.name)
            triggers.track(conn, t.name)
            schema_sent.from_master(conn, t.name, t.column_names)
            tables.append(t.name)
            continue
        have = set(file_columns(conn, t.name))
        new = [(c, d) for c, d in t.columns if c not in have and c != shapes.get(t.name)]
        dflt = {r[1]: r[4] for r in master.execute(f"PRAGMA table_info({quote(t.name)})")}
        for col, decl in new:
            conn.execute(f"ALTER TABLE {quote(t.name)} ADD COLUMN {quote(col)} {decl}"
                         + (f" DEFAULT {dflt[col]}" if dflt.get(col) is not None else ""))
            added.append(f"{t.name}.{col}")
        if new:
            _fill(master, conn, t.name, [c for c, _ in new])
            triggers.track(conn, t.name)
            schema_sent.from_master(conn, t.name, [c for c, _ in new])
        _now_the_masters(master, conn, t)
    return tables, added


def _now_the_masters(master: sqlite3.Connection, conn: sqlite3.Connection,
                     t: registry.Tracked) -> None:
    """Columns a field package added itself that the master ``t`` has now, of one name and
    one kind of value (GIS staff added them there): the master's from now on, an edit of
    them no longer refused, nor said to be. (Those defined otherwise give way: give_way.)"""
    own = schema_sent.own_columns(conn).get(t.name) or set()
    here = {r[1]: r[2] or "" for r in conn.execute(f"PRAGMA table_info({quote(t.name)})")}
    same = [c for c, decl in t.columns if c in own and c in here
            and registry.holds(decl or "") == registry.holds(here[c])]
    if same:
        schema_sent.from_master(conn, t.name, same)


def _fill(master: sqlite3.Connection, conn: sqlite3.Connection, tbl: str, cols: list[str]
          ) -> None:
    """The master's values of columns just added to a package, in the rows it holds: a
    column the package renamed or dropped itself never held the default there. (Values
    the master logged since the package's base then meet their own value: nothing to do.)"""
    q = quote(tbl)
    uuids = [r[0] for r in conn.execute(f"SELECT uuid FROM {q}")]
    sets = ", ".join(f"{quote(c)} = ?" for c in cols)
    for part in chunks(uuids):
        conn.executemany(f"UPDATE {q} SET {sets} WHERE uuid = ?", master.execute(
            f"SELECT {', '.join(map(quote, cols))}, uuid FROM {q} WHERE uuid IN "
            f"{marks(len(part))}", part).fetchall())


def _copy_rows(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, where: str,
               *args) -> None:
    cur = src.execute(f"SELECT * FROM {table} WHERE {where}", args)
    cols = [d[0] for d in cur.description]
    dst.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(map(quote, cols))}) VALUES "
                    f"({', '.join('?' * len(cols))})", cur.fetchall())
