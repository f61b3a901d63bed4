# SPDX-License-Identifier: GPL-2.0-or-later
"""Grants given and taken back (``field-kit roles``, the plugin's Who may change what): what
the master's ``sync_roles`` becomes with a supervisor's changes, every change refused by name
where it names a table, column or role there is not, then written in one transaction."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ..db import connect, table_exists, transaction
from ..errors import BadInput, Refused
from ..plan import schema
from ..plan.names import column_of, role_of, table_of
from .registry import (
    ROLES_DDL,
    ROLES_SET,
    Tracked,
    by_name,
    granted_said,
    roles_in_force,
    set_meta,
    to_adopt,
)


@dataclass
class Regranted:
    """What :func:`regrant` made of the grants: ``before`` and ``after`` (sets of role,
    table, column) and a line for each change asked, as the ``roles`` command says it."""
    before: set[tuple[str, str, str]]
    after: set[tuple[str, str, str]]
    said: list[str]

    @property
    def added(self) -> set[tuple[str, str, str]]:
        return self.after - self.before

    @property
    def removed(self) -> set[tuple[str, str, str]]:
        return self.before - self.after


def regrant(conn: sqlite3.Connection, changes: Iterable[tuple[bool, str, str]]
            ) -> Regranted:
    """The grants of ``sync_roles`` with ``changes`` made, in order: each (give, role,
    ``TABLE``, ``TABLE.COLUMN`` or ``TABLE.COLUMN,COLUMN``), a grant given (True) or taken
    back. Nothing is written: the caller writes :attr:`Regranted.added` and ``removed``.
    A grant naming a table the file does not track (the next command's counted), a column
    it lacks, a role there is not, or GIS staff (who change everything) is refused,
    every such one named (:class:`BadInput`); taking back a grant held is not, whatever it
    names (a mistaken one among them)."""
    before = roles_in_force(conn)
    tables = {**by_name(conn), **to_adopt(conn)}
    held = set(before)
    said: list[str] = []
    problems: list[str] = []
    for give, typed_role, spec in changes:
        role = role_of(typed_role) or typed_role  # (技术员 as well as technician)
        tbl, cols, problem = _grant_spec(spec, set(tables) | {t for _, t, _ in held})
        cols = _columns_named(tbl, cols, tables.get(tbl), held)
        mine = {c for r, t, c in held if r == role and t == tbl}
        if problem is None:
            # (taking back what is held needs no check: a mistaken grant among them)
            problem = _grant_refused(role, tbl, cols, tables,
                                     give or not mine or not set(cols) <= mine)
        if problem is not None:
            problems.append(problem)
        elif give:
            said += _give(held, role, tbl, cols, mine, tables.get(tbl))
        else:
            said += _take(held, role, tbl, cols, mine, tables.get(tbl))
    if problems:
        raise BadInput(f"grants not changed: {'; '.join(dict.fromkeys(problems))}; nothing "
                       "was changed")
    return Regranted(before, held, said)


def _grant_spec(spec: str, names: set[str]) -> tuple[str, list[str], str | None]:
    """``TABLE[.COLUMN[,COLUMN]]`` as (table, columns, problem): the table the longest part
    before a dot that names one (a table's name may hold a dot; a plan table named by its
    title too), columns none for all."""
    spec = spec.strip()
    dots = [i for i, ch in enumerate(spec) if ch == "."]
    cut = next((i for i in reversed(dots) if table_of(spec[:i], names)), None)
    whole = table_of(spec, names)
    if whole is not None or (cut is None and not dots):
        return whole or spec, [], None
    cut = dots[0] if cut is None else cut
    tbl, rest = table_of(spec[:cut], names) or spec[:cut], spec[cut + 1:]
    cols = [c.strip() for c in rest.split(",") if c.strip()]
    if not cols:
        return tbl, [], (f"{spec}: give the columns after the dot (TABLE.COLUMN), or the "
                         "table alone")
    return tbl, [] if "*" in cols else cols, None


def _columns_named(tbl: str, cols: list[str], t: Tracked | None, held: set) -> list[str]:
    """``cols`` as the columns of ``tbl`` they name (a plan column by its label too), each
    one naming none as typed."""
    known = _columns(t) if t is not None else [c for _, h, c in held if h == tbl]
    return [column_of(tbl, c, known) or c for c in cols]


def _grant_refused(role: str, tbl: str, cols: list[str], tables: dict[str, Tracked],
                   check: bool) -> str | None:
    """Why ``cols`` of ``tbl`` (none: the table) cannot be given to ``role`` or taken back
    from it, or None; without ``check`` (taking back grants held) only GIS staff's."""
    if role == schema.GIS:
        return (f"the role {schema.GIS} (GIS staff) changes every table, which no grant in "
                "sync_roles gives or takes back")
    if not check:
        return None
    if role not in schema.ROLES:
        return f"no role {role}: roles are {', '.join(schema.ROLES)}"
    if tbl not in tables:
        return f"no table {tbl} is tracked by the master (it tracks {', '.join(tables)})"
    t = tables[tbl]
    known = _columns(t)
    missing = [c for c in cols if c not in known]
    if missing:
        return f"{tbl} has no column {', '.join(missing)} (its columns: {', '.join(known)})"
    return None


def _columns(t: Tracked) -> list[str]:
    """The columns a grant of ``t`` may name: its geometry's too."""
    return t.column_names + ([t.geom] if t.geom and t.geom not in t.column_names else [])


def _give(held: set, role: str, tbl: str, cols: list[str], mine: set[str],
          t: Tracked | None) -> list[str]:
    if "*" in mine or (cols and not set(cols) - mine):
        return [f"unchanged: {role} may change "
                f"{granted_said({(tbl, c) for c in (['*'] if '*' in mine else cols)})} already"]
    if not cols:  # the whole table: its columns' grants are part of it
        held -= {(role, tbl, c) for c in mine}
        cols = ["*"]
    new = [c for c in cols if c not in mine]
    held |= {(role, tbl, c) for c in new}
    out = [f"grants changed: {role} may now change {granted_said({(tbl, c) for c in new})}"]
    if "*" not in new and t is not None and set(t.column_names) <= mine | set(new):
        # (every column given back by name after one was taken back: still no adding)
        out.append(f"warning: {role} may change every column of {tbl}, each granted by "
                   f"name, but add or delete none of its features (to let it: --grant "
                   f"{role} {tbl})")
    return out


def _take(held: set, role: str, tbl: str, cols: list[str], mine: set[str],
          t: Tracked | None) -> list[str]:
    gone = mine if not cols else {c for c in cols if c in mine}
    if not cols or "*" not in mine or t is None:
        if not gone:
            return [f"unchanged: {role} may not change "
                    f"{granted_said({(tbl, c) for c in (cols or ['*'])})} (no such grant)"]
        held -= {(role, tbl, c) for c in gone}
        return [f"grants changed: {role} may no longer change "
                f"{granted_said({(tbl, c) for c in gone})}"]
    # a column of a table granted whole: the others granted by name instead
    others = [c for c in t.column_names if c not in cols]
    held -= {(role, tbl, c) for c in ["*", *cols]}
    held |= {(role, tbl, c) for c in others}
    out = [f"grants changed: {role} may no longer change "
           f"{granted_said({(tbl, c) for c in cols})}"]
    if others:
        out.append(f"grants changed: {role} may still change the other columns of {tbl}, "
                   f"each granted by name now: {', '.join(others)} (not a column added to "
                   "it later)")
    # (a role granted some columns of a table only adds and deletes none of its features)
    out.append(f"warning: {role} may no longer add or delete features of {tbl}: a role "
               f"granted some of its columns only adds and deletes none (to give them back: "
               f"--grant {role} {tbl})")
    return out


def write_grants(conn: sqlite3.Connection, done: Regranted) -> None:
    """Write what :func:`regrant` made into the file's ``sync_roles``, in the caller's
    transaction."""
    if not table_exists(conn, "sync_roles"):  # (a file from before it held the default)
        conn.execute(ROLES_DDL)
        conn.executemany("INSERT OR IGNORE INTO sync_roles (role, tbl, col) VALUES (?, ?, ?)",
                         sorted(done.before))
    conn.executemany("DELETE FROM sync_roles WHERE role = ? AND tbl = ? AND col = ?",
                     sorted(done.removed))
    conn.executemany("INSERT INTO sync_roles (role, tbl, col) VALUES (?, ?, ?)",
                     sorted(done.added))
    # (none left is meant: init gives no default grants back)
    set_meta(conn, ROLES_SET, "1")


SPEC = "TABLE[.COLUMN[,COLUMN]]"


def grants_of(master) -> list[dict]:
    """The grants of ``master`` (a GeoPackage, or a PostgreSQL master's address) as
    :func:`registry.grants_listed` lists them."""
    return grants_and_tables(master)[0]


def grants_and_tables(master) -> tuple[list[dict], dict[str, list[str]]]:
    """The grants of ``master`` (:func:`grants_of`) and the tables a grant may name, each
    with its columns (its geometry's among them), in one reading."""
    from . import changelog, masters, registry

    with masters.master_file(master, needs="status") as path, \
            contextlib.closing(connect(path, readonly=True)) as conn:
        changelog.state(conn)  # (a file without capture is said to be neither)
        tables = {**registry.by_name(conn), **registry.to_adopt(conn)}
        return registry.grants_listed(conn), {
            name: _columns(t) for name, t in sorted(tables.items())}


def change(master, changes: list[tuple[bool, str, str]]) -> Regranted:
    """The grants of ``master`` (a GeoPackage, or a PostgreSQL master's address) changed
    as :func:`regrant` makes them, in one transaction; refused, nothing changed, as it
    refuses them, on a field package, or on PostgreSQL for a user who is no supervisor."""
    from . import masters
    return (_change_postgres(str(master), changes) if masters.is_postgres(master) else
            _change_file(master, changes))


def told(master, done: Regranted) -> list[str]:
    """What a change of the grants says: a line for each change asked (a warning begins
    ``warning: ``), then whether the master's grants changed."""
    from . import masters
    shown = masters.shown(master)
    return [*done.said, (
        f"the grants of {shown} changed; field packages get them at their next pull"
        if done.added or done.removed else
        f"the grants of {shown} are as they were; nothing was changed")]


def _change_file(path, changes: list) -> Regranted:
    from . import changelog

    conn = connect(path)
    try:
        if changelog.state(conn)["kind"] != changelog.MASTER:
            raise BadInput(
                f"{path} is a field package: grants are changed in its master (field-kit roles "
                f"MASTER --grant ROLE {SPEC}), which it takes them from at its next pull; "
                "nothing was changed")
        with transaction(conn):
            changelog.seal(conn)  # (the tables and columns added since tracked first)
            done = regrant(conn, changes)
            write_grants(conn, done)
        return done
    finally:
        conn.close()


def _change_postgres(target: str, changes: list) -> Regranted:
    """The grants changed in PostgreSQL in one transaction, checked against the tables the
    master tracks as a stage of it holds them, by a supervisor only."""
    import psycopg2

    from .postgis import address, waiting
    from .postgis import roles as db_roles
    from .postgis.stage import staged
    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            you = db_roles.session(pg)
            if not you.supervisor and you.owner is not None:
                raise Refused(
                    f"only supervisors change the grants: role {you.role} is not a member of "
                    f"{you.owner}, the role owning schema {you.schema} (a supervisor is: GRANT "
                    f'"{you.owner}" TO "{you.role}"); nothing was changed')
            with waiting.said(target, pg), staged(pg) as st:
                with pg.cursor() as cur:  # (a second change waits, then reads this one's)
                    cur.execute("LOCK TABLE sync_roles IN SHARE ROW EXCLUSIVE MODE")
                st.copy_small()
                done = regrant(st.conn, changes)
            with pg.cursor() as cur:
                cur.executemany("DELETE FROM sync_roles WHERE role = %s AND tbl = %s AND "
                                "col = %s", sorted(done.removed))
                cur.executemany("INSERT INTO sync_roles (role, tbl, col) VALUES (%s, %s, %s)",
                                sorted(done.added))
            address.commit(target, pg)
            return done
    except psycopg2.Error as exc:  # (rolled back)
        raise Refused(f"the database refused it: {str(exc).strip()}; nothing was "
                      "changed") from None
    finally:
        pg.close()


__all__ = ["SPEC", "Regranted", "change", "grants_and_tables", "grants_of", "regrant", "told",
           "write_grants"]
