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

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...db import lit, quote
from ...errors import BadInput, Refused
from . import address, sql, template

# what only supervisors do, by command, as a refusal says it
SUPERVISORS_DO = {"resolve": "settle conflicts", "undo": "undo merges",
                  "checkout": "check out field packages", "merge": "merge change packages",
                  "repair": "repair capture", "grants": "give the editors' grants",
                  "grants --revoke": "take back the editors' grants",
                  # (the Sync panel's buttons, off for such a role)
                  "sync": "check out field packages, merge change packages or undo merges"}


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
            with _committed(target, pg), pg.cursor() as cur:
                for statement in given.statements:
                    cur.execute(statement)
                # what it still cannot read: tables a supervisor made as their own
                cur.execute("SELECT relname, pg_get_userbyid(relowner) FROM pg_class WHERE "
                            f"{_IN_SCHEMA} AND NOT has_table_privilege(%s, oid, 'SELECT') "
                            "ORDER BY relname", (pg.schema, role))
                given.unreadable = [f"{t} (owned by {who})" for t, who in cur.fetchall()]
            return given
    finally:
        pg.close()


def editor_revokes(schema: str, layers: list[str], role: str, *, every: bool) -> list[str]:
    """The statements taking back from ``role`` what :func:`editor_grants` gave it to edit
    ``layers``, and with ``every`` the reading and the schema too, to be run by a supervisor:
    tables the role owns, and those whoever runs it may not grant, are left as they are."""
    s, r = quote(schema), quote(role)
    edits = ([f"REVOKE INSERT, UPDATE, DELETE ON {s}.{quote(t)} FROM {r}" for t in layers]
             + [_key_sequences(schema, t, role, revoke=True) for t in layers])
    if not every:
        return edits
    later = ("DO $$ BEGIN EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I "
             f"REVOKE SELECT ON TABLES FROM %I', (SELECT rolname FROM pg_roles r JOIN "
             f"pg_namespace n ON n.nspowner = r.oid WHERE nspname = {lit(schema)}), "
             f"{lit(schema)}, {lit(role)}); END $$")
    # (the schema's use stays with a role owning tables there: its own need it)
    usage = (f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = "
             f"{lit(s)}::regnamespace AND relowner = {lit(r)}::regrole) THEN EXECUTE "
             f"format('REVOKE USAGE ON SCHEMA %I FROM %I', {lit(schema)}, {lit(role)}); END IF; "
             "END $$")
    return edits + [_readable(schema, role, revoke=True), later, usage]


def take_back_editor(target: str, role: str, layers: list[str] | None = None, *,
                     take: bool = True) -> TakenBack:
    """Take back from ``role`` the editors' grants on the master at ``target``
    (:func:`editor_revokes`): editing ``layers``, or, without them, all of it (every layer
    it was given, reading the tables, the schema), in one transaction by a supervisor (with
    ``take``), or only say the statements."""
    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            template.check(pg)
            if take:
                session(pg).require("grants --revoke")
            with pg.cursor() as cur:
                cur.execute("SELECT r.oid, r.rolsuper, r.oid = n.nspowner, pg_has_role(r.oid, "
                            "n.nspowner, 'MEMBER'), pg_get_userbyid(n.nspowner) FROM pg_roles r, "
                            "pg_namespace n WHERE r.rolname = %s AND n.nspname = %s",
                            (role, pg.schema))
                found = cur.fetchone()
                if found is None:
                    raise BadInput(f"no role {role} in the database; nothing was changed")
                oid, superuser, owns, member, owner = found
                if owns or superuser or member:
                    raise BadInput(_not_an_editor(role, pg.schema, owner, superuser, owns))
                cur.execute("SELECT tbl FROM sync_tables ORDER BY tbl")
                tracked = [r[0] for r in cur.fetchall()]
                edited = _held(cur, pg.schema, oid)
            asked = layers
            if layers is None:
                layers = sorted(set(tracked) | set(edited))
            else:
                unknown = [t for t in layers if t not in tracked and t not in edited]
                if unknown:
                    raise BadInput(f"no layer {', '.join(unknown)} tracked by the master in "
                                   f"schema {pg.schema}; nothing was changed")
            taken = TakenBack(editor_revokes(pg.schema, layers, role, every=asked is None),
                              [t for t in layers if t in edited],
                              [t for t in layers if t not in edited], every=asked is None)
            if not take:
                return taken
            with _committed(target, pg), pg.cursor() as cur:
                if taken.every:
                    cur.execute(_READ_HELD, {"role": oid, "schema": pg.schema})
                    taken.reads = cur.fetchone()[0]
                for statement in taken.statements:
                    cur.execute(statement)
                taken.still = [t for t in _held(cur, pg.schema, oid) if t not in layers]
                # what it may edit still, given it otherwise: PUBLIC, a role it is in
                cur.execute("SELECT relname FROM pg_class WHERE relname = ANY(%s) AND "
                            f"{_IN_SCHEMA} AND has_table_privilege(%s, oid, 'INSERT, "
                            "UPDATE, DELETE') ORDER BY relname", (layers, pg.schema, role))
                taken.elsewhere = [r[0] for r in cur.fetchall()]
            return taken
    finally:
        pg.close()


@contextlib.contextmanager
def _committed(target: str, pg) -> Iterator[None]:
    """The statements run within committed, or what the database refused said, nothing
    changed."""
    import psycopg2

    try:
        yield
        address.commit(target, pg)
    except psycopg2.Error as exc:
        if address.lost(pg, exc):
            raise address.connection_lost(target, exc) from None
        raise Refused(f"the database refused it: {str(exc).strip()}; nothing was "
                      "changed") from None


def _not_an_editor(role: str, schema: str, owner: str, superuser: bool, owns: bool) -> str:
    """Why ``role``'s rights on ``schema`` are none of the editors' grants to take back."""
    if owns:
        return (f"{role} owns schema {schema}: its rights there are its own, not the editors' "
                "grants; nothing was changed")
    if superuser:
        return (f"{role} is a superuser: its rights are its own, not the editors' grants; "
                "nothing was changed")
    return (f"{role} is a supervisor, a member of {owner}, the role owning schema {schema}: its "
            "rights there are that membership's, not the editors' grants (REVOKE "
            f"{quote(owner)} FROM {quote(role)} takes it back); nothing was changed")


def _held(cur, schema: str, oid: int) -> list[str]:
    """The tables of ``schema`` that the role ``oid`` was given to edit (INSERT, UPDATE or
    DELETE granted to it by name) and that whoever runs this may take back from it."""
    cur.execute("SELECT DISTINCT c.relname FROM pg_class c CROSS JOIN LATERAL aclexplode("
                "c.relacl) a WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname "
                "= %s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.grantee = %s AND "
                "a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE') AND c.relowner <> %s AND "
                "has_table_privilege(c.oid, 'INSERT WITH GRANT OPTION') ORDER BY c.relname",
                (schema, oid, oid))
    return [r[0] for r in cur.fetchall()]


# whether the role holds any of the editors' reading: a table's SELECT (not of its own
# tables), the schema's USAGE, the reading of tables made later
_READ_HELD = (
    "SELECT EXISTS (SELECT 1 FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a WHERE "
    "c.relnamespace = n.oid AND a.grantee = %(role)s AND a.privilege_type = 'SELECT' AND "
    "c.relowner <> %(role)s) OR "
    "EXISTS (SELECT 1 FROM aclexplode(n.nspacl) a WHERE a.grantee = %(role)s) OR EXISTS "
    "(SELECT 1 FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) a WHERE "
    "d.defaclnamespace = n.oid AND a.grantee = %(role)s) FROM pg_namespace n WHERE "
    "n.nspname = %(schema)s")


@dataclass
class TakenBack:
    """The editors' grants taken back: the ``statements``, the ``layers`` it no longer
    edits, those it was not given (``not_given``), whether the reading was taken back too
    (``every``) and the role read anything (``reads``), the layers it still edits
    (``still``) and those it may edit through PUBLIC or a role it is a member of
    (``elsewhere``), which no REVOKE to it takes back."""
    statements: list[str]
    layers: list[str]
    not_given: list[str]
    every: bool = False
    reads: bool = False
    still: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)


_IN_SCHEMA = ("relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %s) AND relkind "
              "IN ('r', 'p', 'v', 'm', 'f')")


@dataclass
class Given:
    """The editors' grants: the ``statements``, the ``layers`` they edit, and the tables
    they still cannot read, with their owners (whoever gave them may not grant those)."""
    statements: list[str]
    layers: list[str]
    unreadable: list[str] = field(default_factory=list)


def _readable(schema: str, role: str, *, revoke: bool = False) -> str:
    """SELECT on every table of the schema that whoever runs it may grant: all but the
    record of capture switched off, a superuser's, which everyone reads already (GRANT ...
    ON ALL TABLES warned that nothing was granted on it). Taken back (``revoke``) from all
    but the role's own tables, whose reading is the owner's."""
    how = "REVOKE SELECT ON %s FROM %I" if revoke else "GRANT SELECT ON %s TO %I"
    own = (f"AND c.relowner IS DISTINCT FROM to_regrole({lit(quote(role))}) " if revoke
           else "")
    return ("DO $$ DECLARE t regclass; BEGIN FOR t IN SELECT c.oid FROM pg_class c JOIN "
            f"pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {lit(schema)} AND "
            "c.relkind IN ('r', 'p', 'v', 'm', 'f') AND has_table_privilege(c.oid, "
            f"'SELECT WITH GRANT OPTION') {own}ORDER BY c.relname LOOP EXECUTE format('{how}', "
            f"t, {lit(role)}); END LOOP; END $$")


def _key_sequences(schema: str, layer: str, role: str, *, revoke: bool = False) -> str:
    """USAGE on the sequences that number ``layer``'s serial columns (ogr2ogr makes its key
    so): without it, adding a feature is refused."""
    table = lit(quote(schema) + "." + quote(layer))
    how = "REVOKE USAGE ON SEQUENCE %s FROM %I" if revoke else "GRANT USAGE ON SEQUENCE %s TO %I"
    return ("DO $$ DECLARE q text; BEGIN FOR q IN SELECT pg_get_serial_sequence("
            f"{table}, attname) FROM pg_attribute WHERE attrelid = {table}::regclass AND "
            "attnum > 0 AND NOT attisdropped LOOP IF q IS NOT NULL THEN EXECUTE "
            f"format('{how}', q, {lit(role)}); END IF; END LOOP; "
            "END $$")
