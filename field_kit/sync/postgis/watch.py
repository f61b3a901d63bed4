# SPDX-License-Identifier: GPL-2.0-or-later
"""Capture switched off and on again in a PostgreSQL master, remembered.

A capture trigger disabled now is seen by every command (``stage.capture_broken``); one
disabled, written around and enabled again (``ALTER TABLE … DISABLE TRIGGER``, an edit,
``ENABLE TRIGGER``) would leave no trace. An event trigger, one per master schema
(``toksun_watch_<schema>``), runs at the end of every ``ALTER TABLE`` in the database and,
where a tracked table of the schema is left with a capture trigger disabled (or enabled for
replicas only), records who did it and when in ``sync_capture_off``. Every command treats an
entry not settled yet as capture broken; ``field-kit repair`` settles the entries and names
what it cannot vouch for.

Only a superuser can create an event trigger, and its function runs in the session of
whoever alters a table, superusers included: so the function, the record and the function
that settles it belong to the superuser who installed them, never to the schema's owner
(whose members could otherwise put code of theirs where a superuser runs it). They are
SECURITY DEFINER with a fixed search path, and write only into a record a superuser owns.
Anyone may read the record; only the event trigger writes it, and only members of the role
owning the schema settle it (through :func:`settle`). What cannot be seen at all: a
superuser's ``SET session_replication_role = replica``, under which neither the capture
triggers nor the event trigger fire.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from ...db import lit, quote
from .sql import FIRES, TRIGGERS_IN

RECORD = "sync_capture_off"
# Written into the event trigger's function: one without it (an earlier version's) is renewed
VERSION = "toksun watch 2"

_SQL = r"""
CREATE TABLE IF NOT EXISTS {s}.sync_capture_off (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbl text NOT NULL,                -- the table whose capture was left switched off
  session_role text NOT NULL,       -- who: the role logged in
  acting_role text,                 -- the role it acted as (SET ROLE), if another
  application text,                 -- application_name
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  settled_at timestamptz,           -- by field-kit repair
  settled_by text);
REVOKE ALL ON {s}.sync_capture_off FROM PUBLIC;
GRANT SELECT ON {s}.sync_capture_off TO PUBLIC;

DROP EVENT TRIGGER IF EXISTS {trigger};
DROP FUNCTION IF EXISTS {s}.toksun_watch() CASCADE;
CREATE FUNCTION {s}.toksun_watch() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
-- {version}
DECLARE
  t text;
BEGIN
  FOR t IN SELECT DISTINCT c.relname FROM pg_event_trigger_ddl_commands() d
           JOIN pg_class c ON c.oid = d.objid
           JOIN pg_trigger g ON g.tgrelid = c.oid
           WHERE d.classid = 'pg_class'::regclass
             AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = {schema})
             AND g.tgname IN {triggers}
             AND NOT g.tgenabled {fires}
           ORDER BY c.relname LOOP
    -- written only into a record a superuser owns (no one else's trigger runs here)
    IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner
                   WHERE c.oid = to_regclass({record}) AND c.relkind = 'r'
                     AND o.rolsuper) THEN
      RAISE EXCEPTION 'capture of %.% cannot be switched off unrecorded: its record %.% is '
        'missing or not a superuser''s; run field-kit repair on the master as a superuser',
        {schema}, t, {schema}, 'sync_capture_off';
    END IF;
    INSERT INTO {s}.sync_capture_off (tbl, session_role, acting_role, application)
    VALUES (t, session_user, nullif(current_setting('role'), 'none'),
            nullif(current_setting('application_name', true), ''));
  END LOOP;
END $$;

-- Settle every entry not settled yet; only members of the role owning the schema may.
DROP FUNCTION IF EXISTS {s}.toksun_settle_capture_off();
CREATE FUNCTION {s}.toksun_settle_capture_off() RETURNS SETOF {s}.sync_capture_off
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(session_user, (SELECT nspowner FROM pg_namespace
                                    WHERE nspname = {schema}), 'MEMBER') THEN
    RAISE EXCEPTION 'only members of the role owning schema % settle its record of capture '
      'switched off', {schema} USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY UPDATE {s}.sync_capture_off SET settled_at = clock_timestamp(),
    settled_by = session_user WHERE settled_at IS NULL RETURNING *;
END $$;

CREATE EVENT TRIGGER {trigger} ON ddl_command_end WHEN TAG IN ('ALTER TABLE')
EXECUTE FUNCTION {s}.toksun_watch();
"""


def trigger_name(schema: str) -> str:
    """The event trigger watching ``schema`` (event triggers are the database's, not a
    schema's: named for the schema, kept within PostgreSQL's 63 bytes)."""
    name = f"toksun_watch_{schema}"
    if len(name.encode()) <= 63:
        return name
    cut = schema.encode()[:40].decode(errors="ignore")
    return f"toksun_watch_{cut}_{hashlib.md5(schema.encode()).hexdigest()[:8]}"


_WHAT = ("switching capture off and on again on the tables of schema {schema} (ALTER TABLE … "
         "DISABLE TRIGGER, an edit, ENABLE TRIGGER) is not watched")
_ONCE = ("a capture trigger disabled now is still caught by every command; to watch the rest "
         "too, run any command on the master once as a superuser (field-kit status ADDRESS)")


def unwatched(pg) -> str | None:
    """Why capture switched off and on again in the master's schema is not recorded (its
    event trigger, function or record missing, disabled, of an earlier version, or not a
    superuser's), or None where it is."""
    s = pg.schema
    with pg.cursor() as cur:
        cur.execute(
            "SELECT e.evtname IS NOT NULL, coalesce(e.evtenabled IN ('O', 'A'), false), "
            "coalesce(position(%s in p.prosrc) > 0 AND po.rolsuper, false), "
            "coalesce(c.relkind = 'r' AND co.rolsuper, false), "
            "coalesce(so.rolsuper, false) FROM (SELECT 1) one "
            "LEFT JOIN pg_proc p ON p.oid = to_regprocedure(%s) "
            "LEFT JOIN pg_roles po ON po.oid = p.proowner "
            "LEFT JOIN pg_event_trigger e ON e.evtname = %s AND e.evtfoid = p.oid AND "
            "e.evtevent = 'ddl_command_end' AND 'ALTER TABLE' = ANY(e.evttags) "
            "LEFT JOIN pg_class c ON c.oid = to_regclass(%s) "
            "LEFT JOIN pg_roles co ON co.oid = c.relowner "
            "LEFT JOIN pg_proc sp ON sp.oid = to_regprocedure(%s) "
            "LEFT JOIN pg_roles so ON so.oid = sp.proowner",
            (VERSION, f"{quote(s)}.toksun_watch()", trigger_name(s), f"{quote(s)}.{RECORD}",
             f"{quote(s)}.toksun_settle_capture_off()"))
        there, enabled, function, record, settles = cur.fetchone()
    why = (None if there and enabled and function and record and settles else
           f"its event trigger {trigger_name(s)} is missing" if not there else
           f"its event trigger {trigger_name(s)} is disabled" if not enabled else
           f"its table {RECORD} is missing or not a superuser's" if not record else
           "its functions are an earlier version's or not a superuser's")
    return None if why is None else f"{_WHAT.format(schema=s)}: {why}; {_ONCE}"


def install(pg) -> str | None:
    """Install (or renew) the watch in the master's schema, in the caller's transaction, as
    the superuser logged in (acting as another role meanwhile or not); where the user logged
    in is not one, or a table of the record's name is not a superuser's, nothing, and the
    warning returned names what is not watched and why."""
    s = pg.schema
    with pg.cursor() as cur:
        cur.execute("SELECT r.rolsuper, o.rolsuper, current_setting('role'), session_user "
                    "FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass(%s) "
                    "LEFT JOIN pg_roles o ON o.oid = c.relowner WHERE r.rolname = session_user",
                    (f"{quote(s)}.{RECORD}",))
        superuser, record_super, acting, user = cur.fetchone()
        if not superuser:
            return (f"{_WHAT.format(schema=s)}: that needs an event trigger, which only a "
                    f"superuser can create, and {user} is not one; {_ONCE}")
        if record_super is False:
            return (f"{_WHAT.format(schema=s)}: table {s}.{RECORD} is there already and is "
                    "not a superuser's (a superuser's event trigger writes only into a "
                    "superuser's table): drop it, then run any command on the master once as a "
                    "superuser")
        cur.execute("SET LOCAL ROLE NONE")  # made as the superuser, not the schema's owner
        cur.execute(_SQL.format(s=quote(s), schema=lit(s), record=lit(f"{quote(s)}.{RECORD}"),
                                trigger=quote(trigger_name(s)), version=VERSION,
                                fires=FIRES, triggers=TRIGGERS_IN))
        if acting != "none":
            cur.execute(f"SET LOCAL ROLE {quote(acting)}")
    return None


def renew(pg) -> bool:
    """Install the watch where it is not whole (a master an earlier version made, or one
    made by a user who was no superuser) and the user logged in is a superuser, in the
    caller's transaction; whether it did."""
    return unwatched(pg) is not None and install(pg) is None


@dataclass
class Entry:
    """Capture switched off on a table: who (``by``) and when (``at``)."""
    tbl: str
    by: str
    at: str


def _entry(tbl: str, session_role: str, acting_role: str | None, application: str | None,
           at: datetime) -> Entry:
    by = session_role + (f" as {acting_role}" if acting_role not in (None, session_role)
                         else "") + (f" ({application})" if application else "")
    return Entry(tbl, by, at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))


_COLUMNS = "tbl, session_role, acting_role, application, at"


def unsettled(pg) -> list[Entry]:
    """The entries not settled yet, oldest first (none where the schema has no record)."""
    s = pg.schema
    with pg.cursor() as cur:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{quote(s)}.{RECORD}",))
        if not cur.fetchone()[0]:
            return []
        cur.execute(f"SELECT {_COLUMNS} FROM {quote(s)}.{RECORD} WHERE settled_at IS NULL "
                    "ORDER BY at, id")
        return [_entry(*r) for r in cur.fetchall()]


def settle(pg) -> list[Entry]:
    """Settle the entries not settled yet, in the caller's transaction: those settled,
    oldest first."""
    s = pg.schema
    with pg.cursor() as cur:
        cur.execute("SELECT to_regprocedure(%s) IS NOT NULL",
                    (f"{quote(s)}.toksun_settle_capture_off()",))
        if not cur.fetchone()[0]:
            return []
        cur.execute(f"SELECT {_COLUMNS} FROM {quote(s)}.toksun_settle_capture_off() "
                    "ORDER BY at, id")
        return [_entry(*r) for r in cur.fetchall()]


def by_table(entries: list[Entry]) -> dict[str, str]:
    """When and by whom each table's capture was switched off: its first entry, and how
    many more there are ("at … by … (and 2 times more)")."""
    first: dict[str, Entry] = {}
    more: dict[str, int] = {}
    for e in entries:
        if e.tbl in first:
            more[e.tbl] = more.get(e.tbl, 0) + 1
        else:
            first[e.tbl] = e
    return {t: f"at {e.at} by {e.by}" + (f" (and {more[t]} time{'' if more[t] == 1 else 's'} "
                                         "more)" if t in more else "")
            for t, e in first.items()}


def said(entries: list[Entry]) -> str:
    """The entries as messages name them: each table, when and by whom ("; " between
    tables: a session's application may hold a comma)."""
    return "; ".join(f"{t} {when}" for t, when in by_table(entries).items())
