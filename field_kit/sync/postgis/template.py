# SPDX-License-Identifier: GPL-2.0-or-later
"""The template a PostgreSQL master keeps (``sync_template``): the master as a GeoPackage
with its tables empty but the registry, from which every stage starts. It changes only when
the master's schema grows (:mod:`field_kit.sync.postgis.grow`)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator

from ...db import connect, quote
from ...errors import NoMaster, NotUsable, Refused
from .address import keyword_value, query_value

# a table pg_class ``c`` that is a master's template (a table of that name alone is not)
_IS_TEMPLATE = ("c.relname = 'sync_template' AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM "
                "pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'gpkg' AND NOT "
                "a.attisdropped)")


def check(pg) -> None:
    """Refuse a schema that is not there or holds no master, naming it and its database,
    and the schemas there that do hold one."""
    with pg.cursor() as cur:
        cur.execute("SELECT n.oid IS NOT NULL, EXISTS (SELECT 1 FROM pg_class c WHERE "
                    f"c.relnamespace = n.oid AND {_IS_TEMPLATE}), coalesce(has_schema_privilege("
                    "n.oid, 'USAGE'), false), pg_get_userbyid(n.nspowner), current_user FROM "
                    "(SELECT 1) one LEFT JOIN pg_namespace n ON n.nspname = %s", (pg.schema,))
        schema_there, master_there, usable, owner, role = cur.fetchone()
    if master_there and not usable:
        # (else every statement says a table of the master "does not exist")
        mine = masters_there(pg)
        if mine:  # another schema's master it may use: most often the one meant
            many = len(mine) > 1
            raise NotUsable(
                f"role {role} may not use schema {pg.schema} of database {pg.info.dbname} (no "
                f"USAGE on it), which holds a master; the master{'s' if many else ''} {role} "
                f"may open there {'are in schemas' if many else 'is in schema'} "
                f"{', '.join(mine)}: name it in the address (…?schema=NAME or schema=NAME); to "
                f"work on schema {pg.schema}, its supervisor gives the editors' grants "
                f"(field-kit grants ADDRESS --editor {role}); nothing was changed",
                schema=pg.schema, database=pg.info.dbname, role=role, masters=mine)
        raise Refused(f"role {role} may not use schema {pg.schema} of database "
                      f"{pg.info.dbname} (no USAGE on it), which holds the master: a supervisor "
                      f"gives GIS staff what they need with field-kit grants ADDRESS --editor "
                      f"{role}; supervisors are members of {owner}, the role owning the schema "
                      f"(GRANT {quote(owner)} TO {quote(role)}); nothing was changed")
    if master_there:
        return
    masters = masters_there(pg)
    there = _there(pg.info.dbname, masters)
    if not schema_there:
        message = (f"schema {pg.schema} does not exist in database {pg.info.dbname}: name the "
                   "master's schema (…?schema=NAME or schema=NAME), or publish one there with "
                   f"field-kit init ADDRESS --from GPKG{there}")
    else:  # (said with the address as PostgreSQL takes it, not a file's)
        message = (f"schema {pg.schema} of database {pg.info.dbname} holds no master: make it "
                   "one with field-kit init on the master's address naming schema "
                   f"{pg.schema} (postgresql://…?schema={query_value(pg.schema)} or "
                   f"service=NAME schema={keyword_value(pg.schema)}), which installs change "
                   "capture on its tables, or with "
                   f"field-kit init ADDRESS --from GPKG, which publishes a GeoPackage there{there}")
    raise NoMaster(message, schema=pg.schema, database=pg.info.dbname, exists=schema_there,
                   masters=masters)


def masters_there(pg) -> list[str]:
    """The schemas of the database that do hold a master the user may open: most often the
    one meant (a schema mistyped, or the default taken where the master has its own name)."""
    with pg.cursor() as cur:
        cur.execute("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    f"c.relnamespace WHERE {_IS_TEMPLATE} AND has_schema_privilege(n.oid, "
                    "'USAGE') ORDER BY 1")
        return [r[0] for r in cur.fetchall()]


def masters_not_usable(pg) -> list[str]:
    """The schemas of the database holding a master the user may not open (no USAGE on
    them): a GIS officer not given the editors' grants yet."""
    with pg.cursor() as cur:
        cur.execute("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    f"c.relnamespace WHERE {_IS_TEMPLATE} AND NOT has_schema_privilege(n.oid, "
                    "'USAGE') ORDER BY 1")
        return [r[0] for r in cur.fetchall()]


def _there(database: str, schemas: list[str]) -> str:
    if not schemas:
        return f"; no schema of database {database} holds a master"
    return (f"; the master{'s' if len(schemas) > 1 else ''} of database {database} "
            f"{'are in schemas' if len(schemas) > 1 else 'is in schema'} {', '.join(schemas)}")


def read(pg, *, lock: bool = False) -> bytes:
    """The template's bytes; with ``lock``, held until the transaction ends (to change it)."""
    check(pg)
    with pg.cursor() as cur:
        cur.execute("SELECT gpkg FROM sync_template WHERE id = 1"
                    + (" FOR UPDATE" if lock else ""))
        got = cur.fetchone()
    if got is None:
        raise Refused(f"schema {pg.schema} of database {pg.info.dbname} holds no master "
                      "template; run field-kit init")
    return bytes(got[0])


@contextlib.contextmanager
def opened(pg, *, change: bool = False) -> Iterator[sqlite3.Connection]:
    """The template open as a GeoPackage; with ``change``, locked, and stored back (in the
    caller's transaction) when the block ends without an error."""
    with tempfile.TemporaryDirectory(prefix="toksun-template-") as workdir:
        path = os.path.join(workdir, "template.gpkg")
        with open(path, "wb") as fh:
            fh.write(read(pg, lock=change))
        conn = connect(path)
        try:
            yield conn
        finally:
            conn.close()
        if change:
            from psycopg2 import Binary
            with open(path, "rb") as fh, pg.cursor() as cur:
                cur.execute("UPDATE sync_template SET gpkg = %s WHERE id = 1", (Binary(fh.read()),))
