# SPDX-License-Identifier: GPL-2.0-or-later
"""Addressing a PostgreSQL master as QGIS does: ``postgresql://host:port/dbname`` or
``service=NAME`` (``pg_service.conf``), with ``schema=NAME`` to pick the schema (default
``toksun``). Passwords come from ``.pgpass`` or the service file, never from the address."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from ...db import committed, lit
from ...db import quote as identifier
from ...errors import BadInput, Refused

SCHEMA = "toksun"
_KEYWORDS = re.compile(r"(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")
_PASSWORD_HINT = ("a password on the command line is visible to every user of the machine: "
                  "put it in ~/.pgpass or pg_service.conf")
# the keywords a mistyped one was likely meant to be (libpq's, and the schema)
_KEYWORDS_HINT = ("libpq's are host, port, dbname, user, service, sslmode and the like; "
                  "schema=NAME picks the schema")


class Unreachable(BadInput):
    """The master's database could not be reached, or the connection to it was lost:
    ``name`` is the master as a person knows it (:func:`shown`), ``reason`` libpq's words;
    ``committing``: lost while committing, so the database may have committed."""

    def __init__(self, message: str, name: str, reason: str, committing: bool = False):
        super().__init__(message)
        self.name = name
        self.reason = reason
        self.committing = committing


# The database each address reached, where the address does not name it (a service file
# or the environment does): by address, to name the master as a person knows it
_REACHED: dict[str, str] = {}

# Passwords a program handed over in memory (the QGIS plugin, from a saved connection), by
# address: never written anywhere, never part of an address.
_PASSWORDS: dict[str, str] = {}


def remember_password(address: str, password: str | None) -> None:
    """The password to connect to ``address`` with, in memory only (None: none)."""
    if password:
        _PASSWORDS[address] = password
    else:
        _PASSWORDS.pop(address, None)


def remembered_password(address: str) -> str | None:
    """The password kept for ``address``, if any."""
    return _PASSWORDS.get(address)


def is_postgres(target) -> bool:
    """Whether ``target`` names a PostgreSQL master rather than a GeoPackage file."""
    if not isinstance(target, str) or os.path.exists(target):
        return False
    return bool(re.match(r"(postgres(ql)?://|(service|dbname|host)\s*=)", target))


def keywords(conninfo: str) -> list[tuple[str, str]]:
    """The (keyword, value) pairs of a libpq keyword string, quotes taken off."""
    return [(k, v[1:-1].replace("\\'", "'").replace("\\\\", "\\") if v.startswith("'")
             else v) for k, v in _KEYWORDS.findall(conninfo)]


def keyword_value(value: str) -> str:
    """``value`` as a libpq keyword string takes it: quoted where it is empty or holds a
    space, a quote or a backslash (``schema='林业 数据'``), else as it is."""
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def query_value(value: str) -> str:
    """``value`` as a postgresql:// address's query takes it: a space, and what would end or
    split the value, percent-encoded (``?schema=林业%20数据``); other letters as they are."""
    return "".join(quote(ch, safe="") if ch.isspace() or ch in "%&=#+" else ch
                   for ch in value)


def _unquoted(schema: str) -> str:
    """A schema's name as SQL quotes it (``"Turpan托克逊"``, as psql wants capitals typed)
    taken as the name itself."""
    if len(schema) >= 2 and schema[0] == schema[-1] == '"':
        return schema[1:-1].replace('""', '"')
    return schema


def parse(address: str) -> tuple[str, str]:
    """(libpq connection string, schema) of ``address``; refuses a password in it."""
    if address.startswith(("postgresql://", "postgres://")):
        try:
            parts = urlsplit(address)
        except ValueError:  # brackets not closed before a "/": a socket directory, say
            raise BadInput("the address's host in square brackets is not an IPv6 address: a "
                           "socket directory goes in host=DIR "
                           "(postgresql://USER@/DBNAME?host=DIR)") from None
        if parts.password is not None:
            raise BadInput(f"the address holds a password; {_PASSWORD_HINT}")
        query = parse_qsl(parts.query)
        if any(k == "password" for k, _ in query):
            raise BadInput(f"the address holds a password; {_PASSWORD_HINT}")
        schema = _unquoted(next((v for k, v in query if k == "schema"), SCHEMA))
        rest = urlencode([(k, v) for k, v in query if k != "schema"])
        # (urlunsplit drops an empty host, postgresql:///province, libpq's local socket:
        # libpq then reads what is left as keywords)
        return (f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{rest}" if rest else "")
                + (f"#{parts.fragment}" if parts.fragment else "")), schema
    pairs = keywords(address)
    if not pairs:
        raise BadInput(f"not a PostgreSQL address: {address!r}")
    if any(k == "password" for k, _ in pairs):
        raise BadInput(f"the address holds a password; {_PASSWORD_HINT}")
    schema = _unquoted(next((v for k, v in pairs if k == "schema"), SCHEMA))
    dsn = " ".join(f"{k}='{v.replace(chr(92), chr(92) * 2).replace(chr(39), chr(92) + chr(39))}'"
                   for k, v in pairs if k != "schema")
    return dsn, schema


def database(address: str) -> str:
    """The database name an address gives ("" where a service file holds it)."""
    dsn, _ = parse(address)
    if dsn.startswith(("postgresql://", "postgres://")):
        return urlsplit(dsn).path.lstrip("/")
    return next((v for k, v in keywords(dsn) if k == "dbname"), "")


def shown(address: str) -> str:
    """The master as a person knows it: its database and schema, ``province (schema
    toksun)``, never its host, user or options. Where the address does not name the
    database, the one it reached once connected, else its service's name."""
    dsn, schema = parse(address)
    name = database(address) or _REACHED.get(address)
    if not name:
        given = keywords(dsn) if not dsn.startswith(("postgresql:", "postgres:")) else \
            parse_qsl(urlsplit(dsn).query)
        service = next((v for k, v in given if k == "service"), "")
        name = f"service {service}" if service else "the default database"
    return f"{name} (schema {schema})"


def connect(address: str, *, catalog: bool = False):
    """An open psycopg2 connection (autocommit off) with ``search_path`` set to the schema;
    ``catalog``: one that reads the database's catalog alone (which schemas hold a master),
    no master's times, so the schema's own time zone is not set nor checked."""
    try:
        import psycopg2
    except ImportError:
        raise BadInput("a PostgreSQL master needs psycopg2 (Debian: python3-psycopg2; "
                       "QGIS ships it)") from None
    dsn, schema = parse(address)
    import psycopg2.extensions
    try:  # a keyword mistyped is the address's fault, said before any connection is tried
        psycopg2.extensions.parse_dsn(dsn)
    except psycopg2.ProgrammingError as exc:
        raise BadInput(not_valid(exc)) from None

    class Connection(psycopg2.extensions.connection):
        schema = SCHEMA

    try:
        extra = {"password": _PASSWORDS[address]} if address in _PASSWORDS else {}
        conn = psycopg2.connect(dsn, application_name="field-kit",
                                connection_factory=Connection, **extra)
    except psycopg2.OperationalError as exc:
        name, why = shown(address), why_not(exc)
        if "no password supplied" in why:  # where it goes, never on the command line
            raise Unreachable(f"cannot connect to {name}: the server asks for a password and "
                              f"none was found ({why}): put it in ~/.pgpass, or in the "
                              "service's entry in pg_service.conf; never on the command line",
                              name, why) from None
        raise Unreachable(f"cannot connect to {name}: {why}", name, why) from None
    try:  # (the server may go between the handshake and the first statement)
        with transaction(address, conn):
            with conn.cursor() as cur:
                cur.execute("SELECT set_config('search_path', %s, false)",
                            (f'"{schema}", public',))
                if not catalog:
                    _in_masters_form(cur, schema)
            conn.commit()
    except BaseException:
        conn.close()
        raise
    conn.schema = schema
    read_dates_beyond_python(conn)
    read_times_as_printed(conn)
    _REACHED[address] = conn.info.dbname
    return conn


# The time zone a master was set up in, kept in its sync_meta: PostgreSQL prints a timestamptz
# in the session's zone, so a session set otherwise (SET TimeZone, a role's own setting, PGTZ)
# would give the log and the field packages another text of the same time
ZONE = "postgres_time_zone"


def _in_masters_form(cur, schema: str) -> None:
    """Have the session print times in the master's zone and intervals in PostgreSQL's own
    style (not ISO 8601's or SQL's, which PGOPTIONS or a role may set), as the log and the
    field packages hold them."""
    cur.execute("SET IntervalStyle = 'postgres'")
    # (read where this role may: one that may not is refused by name by what it asks for)
    cur.execute("SELECT has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, "
                "'SELECT') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relname = 'sync_meta'", (schema,))
    if (cur.fetchone() or (False,))[0]:
        cur.execute(f"SELECT value FROM {identifier(schema)}.sync_meta WHERE key = %s",
                    (ZONE,))
        kept = cur.fetchone()
        if kept is not None:
            _zone_set(cur, schema, kept[0])


def master_zone(cur) -> str:
    """The master's time zone (:data:`ZONE`), this session's where it has none recorded yet
    (one set up by an earlier version, whose sessions printed in theirs): recorded so, and
    the session set to it."""
    cur.execute("INSERT INTO sync_meta (key, value) VALUES (%s, current_setting('TimeZone')) "
                "ON CONFLICT (key) DO NOTHING", (ZONE,))
    cur.execute("SELECT value FROM sync_meta WHERE key = %s", (ZONE,))
    return _zone_set(cur, cur.connection.schema, cur.fetchone()[0])


def _zone_set(cur, schema: str, zone: str) -> str:
    """The session's TimeZone set to the master's ``zone``; refused by name where it was
    typed into sync_meta by hand, as a zone PostgreSQL does not know or as another than its
    capture writes times in: the master's times would be read in another form than its log
    and the field packages hold them."""
    import psycopg2
    written = _capture_zone(cur, schema)
    try:
        cur.execute("SELECT set_config('TimeZone', %s, false)", (zone,))
    except psycopg2.errors.InvalidParameterValue:
        raise _zone_refused(cur, schema, zone, written, known=False) from None
    if written is not None and written not in (zone, cur.fetchone()[0]) and \
            not _same_clock(cur, written):
        raise _zone_refused(cur, schema, zone, written, known=True)
    return zone


def _same_clock(cur, written: str) -> bool:
    """Whether the session's zone reads the clock as ``written`` does (now, and in winter
    and summer this year): two names of one zone (Etc/UTC and UTC, PRC and Asia/Shanghai)
    print every time alike."""
    cur.execute("SELECT bool_and(timezone(current_setting('TimeZone'), t) = timezone(%s, t)) "
                "FROM unnest(ARRAY[now(), date_trunc('year', now()), date_trunc('year', now()) "
                "+ interval '6 months']) AS t", (written,))
    return bool(cur.fetchone()[0])


def _capture_zone(cur, schema: str) -> str | None:
    """The zone the master's capture writes times in, set in its function as it was made
    from :data:`ZONE`; None where it sets none (an earlier version's) or is not there."""
    cur.execute("SELECT substr(c, strpos(c, '=') + 1) FROM pg_proc p, unnest(p.proconfig) c "
                "WHERE p.oid = to_regprocedure(%s) AND lower(c) LIKE 'timezone=%%'",
                (f"{identifier(schema)}.toksun_capture()",))
    got = cur.fetchone()
    return got[0] if got else None


def _zone_refused(cur, schema: str, zone: str, written: str | None, *, known: bool
                  ) -> Refused:
    """A master whose :data:`ZONE` is ``zone``, one PostgreSQL does not know (or, ``known``,
    another than ``written``, the one its capture writes in), refused: how to set it."""
    name = f"{cur.connection.info.dbname} (schema {schema})"
    update = (f"UPDATE {identifier(schema)}.sync_meta SET value = "
              f"{lit(written or 'Asia/Shanghai')} WHERE key = '{ZONE}'; nothing was changed")
    said = f"{name}: the master's time zone in sync_meta ({ZONE}) is {lit(zone)}"
    if known:
        return Refused(f"{said}, but its capture writes times in {lit(written or '')}, the "
                       "zone the master was set up in: its times would be read in the one "
                       f"and logged in the other; set it back: {update}")
    said += (", which PostgreSQL does not know; the master's times are read and logged in "
             "that zone: set it to the zone the master was set up in")
    if written is None:
        return Refused(f"{said}, e.g. {update}")
    return Refused(f"{said}, which its capture writes times in: {update}")


def read_dates_beyond_python(conn) -> None:
    """Have ``conn`` read a date, timestamp or timestamptz Python has no form for (a year
    past 9999 or BC, infinity) as text, written as the log writes it (:func:`as_logged`):
    carried and named as a GeoPackage master carries any text in a date, where Python's
    ``datetime`` would stop the command (or turn infinity into 9999-12-31). Every other
    value is read as before."""
    import psycopg2.extensions as ext

    def text_where_python_cannot(base):
        def cast(value, cur):
            if value is None or value.endswith("infinity"):
                return value
            try:
                return base(value, cur)
            except (ValueError, OverflowError):
                return as_logged(value)
        return ext.new_type(base.values, f"TOKSUN_{base.name}", cast)

    for base in (ext.PYDATE, ext.PYDATETIME, ext.PYDATETIMETZ):
        ext.register_type(text_where_python_cannot(base), conn)


def read_times_as_printed(conn) -> None:
    """Have ``conn`` read a time, time with time zone or interval as the text PostgreSQL
    prints (``24:00:00``, ``10:00:00+08``, ``1 day 02:00:00``, ``-3 mons``), as the sync
    carries them (:data:`~field_kit.sync.postgis.sql.CARRIED`): Python's ``time`` has no
    24:00:00 and keeps no offset of its own, and a ``timedelta`` holds no months."""
    import psycopg2.extensions as ext

    for base in (ext.TIME, ext.INTERVAL):
        ext.register_type(ext.new_type(base.values, f"TOKSUN_{base.name}",
                                       lambda value, cur: value), conn)


# PostgreSQL's ISO text of a timestamp: date, time, offset from UTC (hours, then minutes and
# seconds where it has them), era
_TIMESTAMP = re.compile(r"^(\S+) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d(?::\d\d)*)?( BC)?$")


def as_logged(text: str) -> str:
    """A date or timestamp as PostgreSQL writes it as text (``20266-05-01 10:00:00+08``)
    written as its log writes it in JSON (``20266-05-01T10:00:00+08:00``), so that a
    package checked out and one pulled hold the same text."""
    m = _TIMESTAMP.match(text)
    if not m:
        return text
    offset = m[3] or ""
    if len(offset) == 3:
        offset += ":00"
    return f"{m[1]}T{m[2]}{offset}{m[4] or ''}"


# libpq's opening words of a failed connection name the server's host or socket, and its
# severity: what follows says what happened
_SERVER_AT = re.compile(r"^(connection to server (at|on socket) .*? failed: )?(FATAL: +)?",
                        re.S)
# libpq's question where no server answered points at "that socket" or "that host", which
# the message does not name: asked of the address given instead
_RUNNING = re.compile(r"Is the server running (locally|on) [^?]*\?")
# libpq's words for an address it cannot read: the keyword or query parameter it does not
# know, and the address itself where it quotes it (a host or user in it is never shown)
_UNKNOWN = re.compile(r'invalid (connection option|URI query parameter:) "(?P<key>[^"]*)"')
_QUOTED_URI = re.compile(r': "postgres(ql)?://.*"$', re.S)


def holds_master(pg) -> bool:
    """Whether the schema ``pg`` is connected to holds a master (its sync tables)."""
    with pg.cursor() as cur:
        cur.execute("SELECT to_regclass('sync_tables') IS NOT NULL")
        return bool(cur.fetchone()[0])


def why_not(exc: BaseException) -> str:
    """Why libpq could not connect, in one line, without the host or socket it tried."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    said = ". ".join(_SERVER_AT.sub("", line, count=1) for line in lines)
    return _RUNNING.sub("Is the server running, and reachable at the address given?", said) \
        or type(exc).__name__


def not_valid(exc: BaseException) -> str:
    """Why libpq cannot read an address (``invalid dsn: ...``), naming the keyword or query
    parameter it does not know."""
    said = str(exc).strip().removeprefix("invalid dsn: ")
    m = _UNKNOWN.search(said)
    if m:
        what = "keyword" if m[1] == "connection option" else "query parameter"
        return f"the address has an unknown {what}: {m['key']} ({_KEYWORDS_HINT})"
    return f"not a valid PostgreSQL address: {_QUOTED_URI.sub('', said)}"


def lost(pg, exc: BaseException) -> bool:
    """Whether the error ``exc`` was the connection ``pg`` gone (the server stopped or
    restarted, the network down): the transaction went with it, nothing was changed. What
    ``exc`` left of the transaction is rolled back first. The server is asked, the one way to
    tell: psycopg2 marks a connection closed only once it finds it so, and its first word of
    a server gone may be a bare ``DatabaseError`` ("server closed the connection
    unexpectedly") on a connection still marked open, after which a commit that failed
    leaves nothing to roll back. Any other error stands as it is."""
    import psycopg2
    ours = isinstance(exc, psycopg2.Error)
    try:
        if not pg.closed:
            pg.rollback()
            if ours:
                with pg.cursor() as cur:
                    cur.execute("SELECT 1")
                pg.rollback()
    except psycopg2.Error:
        return ours
    return ours and bool(pg.closed)


def commit(target: str, pg) -> None:
    """Commit ``pg``'s transaction, the connection lost meanwhile said as such (the database
    may have committed before its answer was lost)."""
    import psycopg2
    try:
        pg.commit()
        committed(target)
    except psycopg2.Error as exc:
        if lost(pg, exc):
            raise connection_lost(target, exc, committing=True) from None
        raise
    except KeyboardInterrupt:  # (a signal is taken once the commit has returned: it stands)
        committed(target)
        raise


@contextlib.contextmanager
def transaction(target: str, pg) -> Iterator[None]:
    """A command's work on ``pg``: whatever breaks it off rolls back what it did, and where
    that was the connection lost, :func:`connection_lost` says so rather than the error (a
    rollback of a connection gone never hides what broke it off)."""
    try:
        yield
    except BaseException as exc:
        if lost(pg, exc):
            raise connection_lost(target, exc) from None
        raise


def connection_lost(target: str, exc: BaseException, *, committing: bool = False
                    ) -> Unreachable:
    """The error :func:`lost` names, for the master at ``target``."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    name = shown(target)
    if committing:  # the database may have committed before the answer was lost
        return Unreachable(f"connection to the database {name} lost while committing "
                           f"({reason}): run it again once the database is back (what is in "
                           "already is not applied twice)", name, reason, committing=True)
    return Unreachable(f"connection to the database {name} lost ({reason}); nothing was "
                       "changed: run it again once the database is back", name, reason)


def checkout_lost(exc: Unreachable) -> Unreachable:
    """A checkout's commit whose answer was lost: no package is handed over (whether the
    device is registered is not known); the same checkout run again makes it."""
    return Unreachable(f"connection to the database {exc.name} lost while committing a "
                       f"checkout ({exc.reason}): no package was made: run the same checkout "
                       "again once the database is back, which makes it (no --replace needed, "
                       "whether the device was registered or not)", exc.name, exc.reason,
                       committing=True)
