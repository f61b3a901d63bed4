# SPDX-License-Identifier: GPL-2.0-or-later
"""What the database roles of a PostgreSQL master need granted, and who a session is.

* **GIS staff editing in QGIS** (``editor``): read every table, write the layers. Their
  edits are captured by the master's triggers, which write the change log as the master's
  owner; the log, the conflicts and the other sync tables stay read-only to them (what a
  save of theirs replaced is recorded as a conflict by ``toksun_saved_over``, as the owner),
  and only a member of the owner role may switch capture off. The record of capture switched off and
  on again (``sync_capture_off``) is a superuser's, which they read and cannot write
  (:mod:`~field_kit.sync.postgis.watch`).
* **Supervisors** (``supervisor``: merge, resolve, undo, checkout): members of the role that
  owns the schema (``GRANT owner TO supervisor``), since a merge writes the log itself with
  capture off. A command only a supervisor can run is refused to anyone else by name, before
  it reads anything (:meth:`Session.require`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...db import lit, quote
from ...errors import BadInput, Refused
from . import address, sql, template

# what only supervisors do, by command, as a refusal says it
SUPERVISORS_DO = {"resolve": "settle conflicts", "undo": "undo merges",
                  "checkout": "check out field packages", "merge": "merge change packages",
                  "repair": "repair capture", "grants": "give the editors' grants"}


@dataclass
class Session:
    """Who a connection to a master is: ``who`` as the change log names an edit made in the
    database ("anna (QGIS)"), the ``role`` it acts as, the schema's ``owner`` (None where
    the schema is not there) and whether the role is a member of it (``supervisor``)."""
    who: str
    role: str
    schema: str
    owner: str | None
    supervisor: bool
    owner_super: bool = False  # the owner a superuser: its membership is no one's to give

    def refusal(self, command: str) -> str | None:
        """Why this session may not run ``command`` (a key of :data:`SUPERVISORS_DO`), or
        None where it may (:meth:`require` refuses it so)."""
        if self.supervisor or self.owner is None:  # (no schema: the command says so)
            return None
        how = (f"{self.owner} is a superuser, whose membership is no one else's to have: give "
               "the schema and its tables to a role of their own, whose members are the "
               "supervisors (README, Roles)" if self.owner_super else
               f"a supervisor is a member of {self.owner} (GRANT {quote(self.owner)} TO "
               f"{quote(self.role)})")
        return (f"only supervisors {SUPERVISORS_DO[command]}: role {self.role} is not a member "
                f"of {self.owner}, the role owning schema {self.schema}. GIS staff given the "
                f"editors' grants (field-kit grants) read the master and edit its layers in "
                f"QGIS; {how}")

    def require(self, command: str) -> None:
        why = self.refusal(command)
        if why is not None:
            raise Refused(f"{why}; nothing was changed")


def session(pg) -> Session:
    """Who the connection ``pg`` is, on the schema it works in."""
    with pg.cursor() as cur:
        cur.execute(f"SELECT {sql.DEVICE}, current_user, r.rolname, coalesce(pg_has_role("
                    "n.nspowner, 'MEMBER'), false), coalesce(r.rolsuper, false) FROM (SELECT 1) "
                    "one LEFT JOIN pg_namespace n ON n.nspname = %s LEFT JOIN pg_roles r ON "
                    "r.oid = n.nspowner", (pg.schema,))
        who, role, owner, member, owner_super = cur.fetchone()
    return Session(who, role, pg.schema, owner, member, owner_super)


def editor_grants(schema: str, layers: list[str], role: str) -> list[str]:
    """The statements giving ``role`` what GIS staff editing ``layers`` in QGIS need, to be
    run by a supervisor (or the schema's owner)."""
    s, r = quote(schema), quote(role)
    # (and the tables the schema's owner makes later: a layer GIS staff cannot read stops
    # QGIS opening the master)
    later = ("DO $$ BEGIN EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I "
             f"GRANT SELECT ON TABLES TO %I', (SELECT rolname FROM pg_roles r JOIN pg_namespace n "
             f"ON n.nspowner = r.oid WHERE nspname = {lit(schema)}), {lit(schema)}, "
             f"{lit(role)}); "
             "END $$")
    return ([f"GRANT USAGE ON SCHEMA {s} TO {r}", _readable(schema, role), later]
            + [f"GRANT INSERT, UPDATE, DELETE ON {s}.{quote(t)} TO {r}" for t in layers]
            + [_key_sequences(schema, t, role) for t in layers])


def give_editor(target: str, role: str, layers: list[str] | None = None, *,
                give: bool = True) -> Given:
    """The editors' grants for ``role`` on the master at ``target`` (:func:`editor_grants`),
    to edit ``layers`` (default: every table the master tracks), given in one transaction
    by a supervisor (with ``give``), or only said."""
    import psycopg2

    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            template.check(pg)
            if give:
                session(pg).require("grants")
            with pg.cursor() as cur:
                cur.execute("SELECT tbl FROM sync_tables ORDER BY tbl")
                tracked = [r[0] for r in cur.fetchall()]
                cur.execute(f"SELECT relname FROM pg_class WHERE {_IN_SCHEMA}", (pg.schema,))
                there = {r[0] for r in cur.fetchall()}
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
                known = cur.fetchone() is not None
            layers = tracked if layers is None else layers
            missing = [t for t in layers if t not in there]
            if missing:
                raise BadInput(f"no table {', '.join(missing)} in schema {pg.schema}; nothing was "
                               "changed")
            given = Given(editor_grants(pg.schema, layers, role), layers)
            if not give:
                return given
            if not known:
                raise BadInput(f"no role {role} in the database: make it first (CREATE ROLE "
                               f"{quote(role)} LOGIN); nothing was changed")
            try:
                with pg.cursor() as cur:
                    for statement in given.statements:
                        cur.execute(statement)
                    # what it still cannot read: tables a supervisor made as their own
                    cur.execute("SELECT relname, pg_get_userbyid(relowner) FROM pg_class WHERE "
                                f"{_IN_SCHEMA} AND NOT has_table_privilege(%s, oid, 'SELECT') "
                                "ORDER BY relname", (pg.schema, role))
                    given.unreadable = [f"{t} (owned by {who})" for t, who in cur.fetchall()]
                address.commit(target, pg)
            except psycopg2.Error as exc:
                if address.lost(pg, exc):
                    raise address.connection_lost(target, exc) from None
                raise Refused(f"the database refused it: {str(exc).strip()}; nothing was "
                              "changed") from None
            return given
    finally:
        pg.close()


_IN_SCHEMA = ("relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %s) AND relkind "
              "IN ('r', 'p', 'v', 'm', 'f')")


@dataclass
class Given:
    """The editors' grants: the ``statements``, the ``layers`` they edit, and the tables
    they still cannot read, with their owners (whoever gave them may not grant those)."""
    statements: list[str]
    layers: list[str]
    unreadable: list[str] = field(default_factory=list)


def _readable(schema: str, role: str) -> str:
    """SELECT on every table of the schema that whoever runs it may grant: all but the
    record of capture switched off, a superuser's, which everyone reads already (GRANT ...
    ON ALL TABLES warned that nothing was granted on it)."""
    return ("DO $$ DECLARE t regclass; BEGIN FOR t IN SELECT c.oid FROM pg_class c JOIN "
            f"pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {lit(schema)} AND "
            "c.relkind IN ('r', 'p', 'v', 'm', 'f') AND has_table_privilege(c.oid, "
            "'SELECT WITH GRANT OPTION') ORDER BY c.relname LOOP EXECUTE format('GRANT SELECT "
            f"ON %s TO %I', t, {lit(role)}); END LOOP; END $$")


def _key_sequences(schema: str, layer: str, role: str) -> str:
    """USAGE on the sequences that number ``layer``'s serial columns (ogr2ogr makes its key
    so): without it, adding a feature is refused."""
    table = lit(quote(schema) + "." + quote(layer))
    return ("DO $$ DECLARE q text; BEGIN FOR q IN SELECT pg_get_serial_sequence("
            f"{table}, attname) FROM pg_attribute WHERE attrelid = {table}::regclass AND "
            "attnum > 0 AND NOT attisdropped LOOP IF q IS NOT NULL THEN EXECUTE "
            f"format('GRANT USAGE ON SEQUENCE %s TO %I', q, {lit(role)}); END IF; END LOOP; "
            "END $$")
