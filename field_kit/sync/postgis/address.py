# SPDX-License-Identifier: GPL-2.0-or-later
"""Addressing a PostgreSQL master as QGIS does: ``postgresql://host:port/dbname`` or
``service=NAME`` (``pg_service.conf``), with ``schema=NAME`` to pick the schema (default
``toksun``). Passwords come from ``.pgpass`` or the service file, never from the address."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ...errors import BadInput

SCHEMA = "toksun"
_KEYWORDS = re.compile(r"(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")
_PASSWORD_HINT = ("a password on the command line is visible to every user of the machine: "
                  "put it in ~/.pgpass or pg_service.conf")


def is_postgres(target) -> bool:
    """Whether ``target`` names a PostgreSQL master rather than a GeoPackage file."""
    if not isinstance(target, str) or os.path.exists(target):
        return False
    return bool(re.match(r"(postgres(ql)?://|(service|dbname|host)\s*=)", target))


def parse(address: str) -> tuple[str, str]:
    """(libpq connection string, schema) of ``address``; refuses a password in it."""
    if address.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(address)
        if parts.password is not None:
            raise BadInput(f"the address holds a password; {_PASSWORD_HINT}")
        query = parse_qsl(parts.query)
        if any(k == "password" for k, _ in query):
            raise BadInput(f"the address holds a password; {_PASSWORD_HINT}")
        schema = next((v for k, v in query if k == "schema"), SCHEMA)
        rest = urlencode([(k, v) for k, v in query if k != "schema"])
        return urlunsplit(parts._replace(query=rest)), schema
    pairs = [(k, v[1:-1].replace("\\'", "'") if v.startswith("'") else v)
             for k, v in _KEYWORDS.findall(address)]
    if not pairs:
        raise BadInput(f"not a PostgreSQL address: {address!r}")
    if any(k == "password" for k, _ in pairs):
        raise BadInput(f"the address holds a password; {_PASSWORD_HINT}")
    schema = next((v for k, v in pairs if k == "schema"), SCHEMA)
    dsn = " ".join(f"{k}='{v.replace(chr(92), chr(92) * 2).replace(chr(39), chr(92) + chr(39))}'"
                   for k, v in pairs if k != "schema")
    return dsn, schema


def connect(address: str):
    """An open psycopg2 connection (autocommit off) with ``search_path`` set to the schema."""
    try:
        import psycopg2
    except ImportError:
        raise BadInput("a PostgreSQL master needs psycopg2 (Debian: python3-psycopg2; "
                       "QGIS ships it)") from None
    dsn, schema = parse(address)
    import psycopg2.extensions

    class Connection(psycopg2.extensions.connection):
        schema = SCHEMA

    try:
        conn = psycopg2.connect(dsn, application_name="field-kit",
                                connection_factory=Connection)
    except psycopg2.OperationalError as exc:
        raise BadInput(f"cannot connect to {address}: {str(exc).strip()}") from None
    with conn.cursor() as cur:
        cur.execute("SELECT set_config('search_path', %s, false)",
                    (f'"{schema}", public',))
    conn.commit()
    conn.schema = schema
    return conn
