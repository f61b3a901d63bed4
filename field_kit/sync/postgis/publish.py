# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit init postgresql://…``: publish a GeoPackage (the plan's, or any) into a
PostgreSQL schema as a master with capture installed, in one transaction.

The GeoPackage is made a master first, exactly as ``field-kit init GPKG`` does (every layer
tracked, uuids given); its tables, the sync tables among them, are then created in the
schema with PostgreSQL types and PostGIS geometry, and filled. The GeoPackage with its tables
emptied is kept in the schema as the template each command stages into."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...db import connect, file_columns, quote, transaction
from ...errors import BadInput, Refused
from .. import capture_switch, changelog, master_id, registry
from . import address, copy_in, sql, template, watch
from . import tables as mirror

if TYPE_CHECKING:
    from .altered import Followed

REGISTRY = ("sync_tables", "sync_untracked")


@dataclass
class Installed:
    """What ``init`` did on a PostgreSQL master."""
    tables: dict[str, str | None]  # table -> None (tracked) or why it is not
    # what works otherwise than it should, and why: who alone can run the sync commands,
    # where that is not every member of the role owning the schema (see
    # :func:`_as_schema_owner`); capture switched off and on again not watched (see
    # :func:`watch.install`)
    warnings: list[str] = field(default_factory=list)
    # (schema, the role owning it) where init made the schema, not there before
    schema_made: tuple[str, str] | None = None
    # the master's own id, where init gave it (or found it given)
    master_id: str | None = None


def init(target: str, source: str | os.PathLike, *, tables: Iterable[str] | None = None,
         exclude: Iterable[str] = ()) -> Installed:
    """Publish ``source`` into the schema ``target`` names. Refused, and nothing changed, if
    the schema already holds a master."""
    source = os.fspath(source)
    if not os.path.isfile(source):
        raise BadInput(f"no such file: {source}")
    pg = address.connect(target)
    try:
        with address.transaction(target, pg), \
                tempfile.TemporaryDirectory(prefix="toksun-publish-") as workdir:
            work = os.path.join(workdir, "master.gpkg")
            shutil.copyfile(source, work)
            out = changelog.install(work, tables=tables, exclude=exclude)
            conn = connect(work)
            try:
                with transaction(conn):  # (the GeoPackage's own, where it is a master)
                    given = master_id.ensure(conn)
                made_by = _schema_made(pg)
                warnings = install_capture(pg, conn)
                address.commit(target, pg)
            finally:
                conn.close()
    finally:
        pg.close()
    return Installed(out, warnings, made_by, given)


def _schema_made(pg) -> tuple[str, str] | None:
    """The schema made where it is not there yet (refused where it holds a master): it and
    the role that now owns it, or None where it was there."""
    schema = pg.schema
    with pg.cursor() as cur:
        _ensure_postgis(cur)
        # (CREATE SCHEMA IF NOT EXISTS asks for the right to create schemas even where the
        # schema is there: a supervisor given only the schema has not)
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
        if cur.fetchone() is not None:
            refuse_stranger(cur, schema)
            cur.execute("SELECT to_regclass(%s)", (f"{quote(schema)}.sync_state",))
            if cur.fetchone()[0] is not None:
                raise Refused(f"schema {schema} already holds a master; nothing was changed")
            return None
        cur.execute(f"CREATE SCHEMA {quote(schema)}")
        cur.execute("SELECT current_user")
        return schema, cur.fetchone()[0]


def _ensure_postgis(cur) -> None:
    import psycopg2

    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if cur.fetchone() is None:
        try:
            cur.execute("CREATE EXTENSION postgis")
        except psycopg2.Error as exc:
            raise BadInput("the database has no PostGIS and this role cannot add it "
                           f"(CREATE EXTENSION postgis as a superuser): {exc}".strip()
                           ) from None


def install_capture(pg, conn: sqlite3.Connection, *, existing: Iterable[str] = ()
                    ) -> list[str]:
    """Make the schema the master ``conn`` (a GeoPackage master) describes: its tables
    created and filled (but those ``existing`` in the schema already), the capture functions
    and triggers, and the template kept, all of it the schema owner's where this user may
    (else the warning :func:`_as_schema_owner` gives), and the watch on capture switched off
    and on again, a superuser's (else the warning :func:`watch.install` gives)."""
    import psycopg2

    skip = set(existing)
    with pg.cursor() as cur:
        _ensure_postgis(cur)
        made = [t for t in mirror.mirrored(conn) if t.name not in skip]
        _names_fit(made, sql.name_limit(pg))
        for srs in sorted({t.geom[1] for t in made if t.geom is not None}):
            ensure_srs(cur, conn, srs)  # (public's, as this user: not the owner's to add)
        warning = _as_schema_owner(cur)
        cur.execute("SHOW TimeZone")  # the zone the master is set up in (kept below)
        cur.execute(sql.functions_sql(pg.schema, cur.fetchone()[0]))
        kinds = geometry_types(conn)
        for t in made:
            create_table(cur, conn, t, kinds)
        address.master_zone(cur)
        install_triggers(cur, conn)
        install_numbering(cur)
        cur.execute("CREATE INDEX ON sync_changes (row_uuid)")
        cur.execute("CREATE INDEX ON sync_conflicts (row_uuid)")
        cur.execute("CREATE INDEX ON sync_applied (change_uuid)")
        cur.execute("CREATE TABLE sync_template (id integer PRIMARY KEY CHECK (id = 1), "
                    "gpkg bytea NOT NULL)")
        cur.execute("INSERT INTO sync_template VALUES (1, %s)",
                    (psycopg2.Binary(_template(conn)),))
    unwatched = watch.install(pg)
    return [w for w in (warning, unwatched) if w is not None]


def create_table(cur, conn: sqlite3.Connection, t: mirror.Table, kinds: dict, *,
                 fill: bool = True) -> None:
    """Make ``t`` of the GeoPackage master ``conn`` in PostgreSQL, with its spatial index;
    ``fill``: with its rows (else empty)."""
    cur.execute(mirror.create_sql(t, kinds))
    if fill:
        _fill(cur, conn, t)
        if t.serial:
            cur.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                        f"coalesce(max({quote(t.serial)}), 0) + 1, false) FROM {quote(t.name)}",
                        (quote(t.name), t.serial))
    if t.geom is not None:  # (built after the rows: faster)
        cur.execute(f"CREATE INDEX ON {quote(t.name)} USING gist ({quote(t.geom[0])})")


def _names_fit(tables: list[mirror.Table], limit: int) -> None:
    """Refuse tables of which a name, the table's or a column's, is longer than PostgreSQL
    holds (``limit`` bytes): it would cut it short, and the master would track a name the
    database does not have."""
    from ..new_layers import name_bytes

    over = [f"layer {t.name} ({name_bytes(t.name)} bytes)" for t in tables
            if name_bytes(t.name) > limit]
    over += [f"column {c} of {t.name} ({name_bytes(c)} bytes)" for t in tables
             for c in t.names if name_bytes(c) > limit]
    if over:
        raise BadInput(f"names longer than the {limit} bytes PostgreSQL holds in a name (it "
                       f"would cut them short): {'; '.join(over)}. Rename them in the "
                       "GeoPackage (a Chinese character is 3 bytes); nothing was changed")


def _as_schema_owner(cur) -> str | None:
    """Create what follows in this transaction as the role that owns the schema, so that
    every supervisor (a member of that role) can run the sync commands on the master, not
    only the one who ran init: where this user is a member of it but not it, SET LOCAL ROLE
    to it. Refused where this user is no member: capture lets only the owner's members
    write the log themselves, so that user's merges would be logged twice. A member who may
    not act as the role (PostgreSQL 16: granted it WITH SET FALSE) creates it all as its
    own, and the warning returned says that no one else can use the master."""
    import psycopg2.errors

    cur.execute("SELECT current_schema()")
    owner, user, schema = refuse_stranger(cur, cur.fetchone()[0])
    if owner == user:
        return None
    cur.execute("SAVEPOINT toksun_owner")
    try:
        cur.execute(f"SET LOCAL ROLE {quote(owner)}")
    except psycopg2.errors.InsufficientPrivilege:
        cur.execute("ROLLBACK TO SAVEPOINT toksun_owner")
        return (f"schema {schema} belongs to role {owner}, which {user} is a member of but "
                f"may not act as (SET ROLE): the master's tables and functions belong to "
                f"{user}, so only {user} can run the sync commands on this master, not the "
                f"other members of {owner}. To share it, as a member of both roles: "
                f"REASSIGN OWNED BY {quote(user)} TO {quote(owner)}")
    cur.execute("RELEASE SAVEPOINT toksun_owner")
    return None



def refuse_stranger(cur, schema: str) -> tuple[str, str, str]:
    """The role owning the schema (there already), this user and the schema; refused where
    this user is no member of that role, before anything of the schema is read (a user not
    given the schema could read nothing of it, and would be told no more than that)."""
    cur.execute("SELECT pg_get_userbyid(nspowner), current_user, nspname, pg_has_role(nspowner, "
                "'MEMBER') FROM pg_namespace WHERE nspname = %s", (schema,))
    owner, user, schema, member = cur.fetchone()
    if owner != user and not member:
        raise Refused(
            f"schema {schema} belongs to role {owner}, of which {user} is not a member: a "
            f"master made there by {user} would be {user}'s alone, which the supervisors "
            f"(members of {owner}) could not use, and capture would log each of {user}'s "
            f"merges a second time as an edit. GRANT {quote(owner)} TO {quote(user)}, or "
            f"name a schema {user} owns; nothing was changed")
    return owner, user, schema

def install_triggers(cur, conn: sqlite3.Connection, names: Iterable[str] | None = None) -> None:
    """(Re)install the capture triggers of the tables the template ``conn`` tracks (or only
    of ``names``), as the template describes them."""
    owner = _owner(cur)
    srids = dict(conn.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns"))
    for t in registry.tracked(conn):
        if names is None or t.name in names:
            for stmt in sql.triggers_sql(t, file_columns(conn, t.name), owner,
                                         column_types(cur, t.name), srids.get(t.name)):
                cur.execute(stmt)
    install_lookup(cur)


def install_lookup(cur) -> None:
    """The paste check's lookup made again for the tables tracked now
    (:func:`sql.held_elsewhere_sql`)."""
    cur.execute(sql.TRACKED_NOW)
    tables = [n for (n,) in cur.fetchall()]
    cur.execute("SELECT current_schema()")
    cur.execute(sql.held_elsewhere_sql(cur.fetchone()[0], tables))


def column_types(cur, table: str) -> dict[str, str]:
    """The columns of ``table`` in the schema: name -> type as format_type shows it, with
    its length, precision or scale."""
    cur.execute("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                "attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (quote(table),))
    return dict(cur.fetchall())


def install_numbering(cur) -> None:
    """Number the change log at commit (:func:`sql.numbering_sql`), in place of what
    numbered it before, its numbers going on from the last; where it is numbered so
    already, nothing (it changes the table: run before the transaction writes log rows)."""
    cur.execute("SELECT pg_get_userbyid(c.relowner), a.attidentity <> '', "
                "pg_get_serial_sequence('sync_changes', 'seq') FROM pg_class c JOIN "
                "pg_attribute a ON a.attrelid = c.oid AND a.attname = 'seq' WHERE c.oid = "
                "'sync_changes'::regclass")
    owner, identity, numbers = cur.fetchone()
    if not identity and numbering_whole(cur):
        return
    cur.execute("SELECT coalesce(max(seq), 0) FROM sync_changes")
    top = cur.fetchone()[0]
    if identity:  # (an earlier version's: the last number it gave may be above the log's)
        cur.execute(f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
                    f"FROM {numbers}")
        top = max(top, cur.fetchone()[0])
    for stmt in sql.numbering_sql(top, owner):
        cur.execute(stmt)


def numbering_whole(cur) -> bool:
    """Whether the change log is numbered at commit: its trigger there and firing."""
    cur.execute("SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = "
                "'sync_changes'::regclass AND tgname = 'toksun_number' AND tgenabled "
                f"{sql.FIRES})")
    return bool(cur.fetchone()[0])


def numbering_broken(pg) -> bool:
    """Whether the change log is captured by this version, which leaves the numbers to the
    commit, but not numbered at commit. (An earlier version's capture, left in place where
    this role may not renew it, numbers the log itself.)"""
    with pg.cursor() as cur:
        return capture_current(cur) is True and not numbering_whole(cur)


def capture_current(cur) -> bool | None:
    """Whether the schema's capture function is this version's (None: it has none)."""
    cur.execute("SELECT position(%s in prosrc) > 0 FROM pg_proc WHERE proname = "
                f"'toksun_capture' AND pronamespace = {sql.HERE}",
                (sql.VERSION,))
    got = cur.fetchone()
    return None if got is None else bool(got[0])


def _owner(cur) -> int:
    cur.execute("SELECT nspowner::int FROM pg_namespace WHERE nspname = current_schema()")
    return cur.fetchone()[0]


def renew_capture(pg) -> bool:
    """Replace an earlier version's capture function (and number the change log as this
    version does: :func:`install_numbering`), and reinstall the capture triggers
    that name another owner than the schema's now (it changed hands) or none, or that keep
    no record of the columns' types (both an earlier version's: the types are recorded as
    they are now), in the caller's transaction; whether there was any. Where this role may not
    (it does not own them) they are left as they are: they capture all the same, only
    slower. The watch on capture switched off and on again is installed where it is not
    whole and this user is a superuser (:func:`watch.renew`; else ``status`` says why)."""
    import psycopg2.errors

    watched = watch.renew(pg)
    with pg.cursor() as cur:
        old = capture_current(cur) is False
        # (and an earlier version's, which kept no record of the columns' types; one switched
        # off is left so, for the capture check to name and repair to reinstall)
        cur.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    f"WHERE c.relnamespace = {sql.HERE} AND t.tgname = "
                    f"'toksun_capture' AND t.tgenabled {sql.FIRES} AND (position(%s in "
                    "pg_get_triggerdef(t.oid)) = 0 OR t.tgnargs < %s)",
                    (sql.owner_sql(_owner(cur)), sql.TRIGGER_ARGS))
        stale = [n for (n,) in cur.fetchall()]
        if old:  # an earlier version's tables had no trigger capturing TRUNCATE, or appends
            cur.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = "
                        f"t.tgrelid WHERE c.relnamespace = {sql.HERE} AND "
                        f"t.tgname = 'toksun_capture' AND t.tgenabled {sql.FIRES} AND "
                        "(SELECT count(*) FROM pg_trigger u WHERE u.tgrelid = c.oid AND "
                        "u.tgname IN ('toksun_truncate', 'toksun_append')) < 2")
            stale = sorted({*stale, *(n for (n,) in cur.fetchall())})
            # nor held a layer's shapes to its system where its column declares none
            cur.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = "
                        "t.tgrelid JOIN pg_attribute a ON a.attrelid = c.oid AND NOT "
                        f"a.attisdropped AND {sql.DECLARES_NO_SRID} WHERE "
                        f"c.relnamespace = {sql.HERE} AND t.tgname = "
                        f"'toksun_capture' AND t.tgenabled {sql.FIRES} AND NOT EXISTS ("
                        "SELECT 1 FROM pg_trigger u WHERE u.tgrelid = c.oid AND u.tgname = "
                        "'toksun_srid')")
            stale = sorted({*stale, *(n for (n,) in cur.fetchall())})
            # nor gave its triggers the comment that tells them from ones made by hand
            cur.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = "
                        f"t.tgrelid WHERE c.relnamespace = {sql.HERE} AND t.tgname IN "
                        f"{sql.TRIGGERS_IN} AND t.tgenabled {sql.FIRES} "
                        f"AND NOT {sql.MARKED}")
            stale = sorted({*stale, *(n for (n,) in cur.fetchall())})
        if not (old or stale):
            return watched
        cur.execute("SAVEPOINT toksun_renew")
        try:
            if stale:
                with template.opened(pg) as conn:
                    install_triggers(cur, conn, stale)
            if old:
                # and the log numbered as this version numbers it: last, as that holds the
                # log's table from then until the command commits
                cur.execute(sql.functions_sql(pg.schema, address.master_zone(cur)))
                install_lookup(cur)
                install_numbering(cur)
        except psycopg2.errors.InsufficientPrivilege:
            cur.execute("ROLLBACK TO SAVEPOINT toksun_renew")
            return watched
        cur.execute("RELEASE SAVEPOINT toksun_renew")
    return True


def repair(target: str) -> tuple[list[str], Followed]:
    """Follow the schema changes capture cannot follow by itself
    (:mod:`~field_kit.sync.postgis.altered`) and reinstall the capture triggers of a
    PostgreSQL master, and the numbering of its change log, and settle the record of
    capture switched off and on again (:mod:`~field_kit.sync.postgis.watch`, installed
    where it is not whole and this user is a superuser): the tables whose capture was
    not whole (edits made there meanwhile cannot be recovered: a master keeps no record of
    its rows to compare with), and what was followed, and settled (what it cannot vouch
    for)."""
    from . import altered
    from .roles import session
    from .stage import capture_broken

    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            session(pg).require("repair")
            with pg.cursor() as cur:
                # a capture of an older version too
                cur.execute(sql.functions_sql(pg.schema, address.master_zone(cur)))
                whole = numbering_whole(cur)
                cur.execute("SELECT count(*) FROM sync_changes WHERE seq < 0")
                left = cur.fetchone()[0]
                install_numbering(cur)
            with template.opened(pg, change=True) as conn:
                followed = altered.follow(pg, conn, altered.find(pg, conn))
                broken = capture_broken(pg, [t.name for t in registry.tracked(conn)])
                with pg.cursor() as cur:
                    install_triggers(cur, conn, broken)
            altered.track_rewritten(pg, followed)  # (with the template stored)
            watched = watch.renew(pg)
            for tbl, when in watch.by_table(watch.settle(pg)).items():  # (what repair did too)
                followed.unvouched.append(
                    f"{tbl}: capture was switched off there {when}; edits made while it was off "
                    "may be missing from the change log (a master keeps no record of its rows to "
                    "compare with): check them by hand")
            with pg.cursor() as cur:  # last: numbering takes the log's lock, held to the commit
                cur.execute(sql.NUMBER_LEFT)
            if watched:
                followed.said.append(
                    "installed the watch on capture switched off and on again (event trigger "
                    f"{watch.trigger_name(pg.schema)}), which a superuser alone can install")
            if not whole:
                followed.said.append(
                    f"reinstalled the numbering of the change log; numbered the {left} "
                    f"change{'' if left == 1 else 's'} logged without a number meanwhile, so "
                    "field packages pull them")
            address.commit(target, pg)
            return broken, followed
    finally:
        pg.close()


def geometry_types(conn: sqlite3.Connection) -> dict[str, str]:
    out = {}
    for tbl, kind, z, m in conn.execute(
            "SELECT table_name, geometry_type_name, z, m FROM gpkg_geometry_columns"):
        name = {"MULTIPOLYGON": "MultiPolygon", "POLYGON": "Polygon", "POINT": "Point",
                "MULTIPOINT": "MultiPoint", "LINESTRING": "LineString",
                "MULTILINESTRING": "MultiLineString", "GEOMETRYCOLLECTION": "GeometryCollection",
                }.get(kind.upper(), "Geometry")
        out[tbl] = name + ("Z" if z == 1 else "") + ("M" if m == 1 else "")
    return out


def ensure_srs(cur, conn: sqlite3.Connection, srs_id: int) -> None:
    if srs_id <= 0:
        return
    cur.execute("SELECT 1 FROM spatial_ref_sys WHERE srid = %s", (srs_id,))
    if cur.fetchone() is not None:
        return
    got = conn.execute("SELECT organization, organization_coordsys_id, definition FROM "
                       "gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone()
    if got is None:
        raise BadInput(f"the GeoPackage uses srs {srs_id} without defining it")
    cur.execute("INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext) "
                "VALUES (%s, %s, %s, %s)", (srs_id, got[0], got[1], got[2]))


def _fill(cur, conn: sqlite3.Connection, t: mirror.Table) -> None:
    import psycopg2

    cols = t.names
    rows = conn.execute(f"SELECT {', '.join(map(quote, cols))} FROM {quote(t.name)}")
    try:
        copy_in.copy_rows(cur, quote(t.name), cols, rows, copy_in.converters(t, cols))
    except (psycopg2.DataError, psycopg2.IntegrityError) as exc:
        raise BadInput(f"{t.name} cannot be published: {str(exc).splitlines()[0]}; "
                       "nothing was changed") from None


def _template(conn: sqlite3.Connection) -> bytes:
    """The master GeoPackage with every mirrored table emptied but the registry, which says
    which tables are tracked (a stage reads it before it copies anything)."""
    with transaction(conn), capture_switch.capture_off(conn):
        for t in mirror.mirrored(conn):
            if t.name not in REGISTRY:
                conn.execute(f"DELETE FROM {quote(t.name)}")
    conn.execute("VACUUM")
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    with open(path, "rb") as fh:
        return fh.read()
