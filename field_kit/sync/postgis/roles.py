# SPDX-License-Identifier: GPL-2.0-or-later
"""What the database roles of a PostgreSQL master need granted.

* **GIS staff editing in QGIS** (``editor``): read every table, write the layers. Their
  edits are captured by the master's triggers, which write the change log as the master's
  owner; the log, the conflicts and the other sync tables stay read-only to them (what a
  save of theirs replaced is recorded as a conflict by ``toksun_saved_over``, as the owner),
  and only a member of the owner role may switch capture off. The record of capture switched off and
  on again (``sync_capture_off``) is a superuser's, which they read and cannot write
  (:mod:`~field_kit.sync.postgis.watch`).
* **Supervisors** (``supervisor``: merge, resolve, undo, checkout): members of the role that
  owns the schema (``GRANT owner TO supervisor``), since a merge writes the log itself with
  capture off.
"""

from __future__ import annotations

from ...db import lit, quote


def editor_grants(schema: str, layers: list[str], role: str) -> list[str]:
    """The statements giving ``role`` what GIS staff editing ``layers`` in QGIS need."""
    s, r = quote(schema), quote(role)
    # (and the tables the schema's owner makes later: a layer GIS staff cannot read stops
    # QGIS opening the master)
    later = ("DO $$ BEGIN EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I "
             f"GRANT SELECT ON TABLES TO %I', (SELECT rolname FROM pg_roles r JOIN pg_namespace n "
             f"ON n.nspowner = r.oid WHERE nspname = {lit(schema)}), {lit(schema)}, "
             f"{lit(role)}); "
             "END $$")
    return ([f"GRANT USAGE ON SCHEMA {s} TO {r}",
             f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}", later]
            + [f"GRANT INSERT, UPDATE, DELETE ON {s}.{quote(t)} TO {r}" for t in layers]
            + [_key_sequences(schema, t, role) for t in layers])


def _key_sequences(schema: str, layer: str, role: str) -> str:
    """USAGE on the sequences that number ``layer``'s serial columns (ogr2ogr makes its key
    so): without it, adding a feature is refused."""
    table = lit(quote(schema) + "." + quote(layer))
    return ("DO $$ DECLARE q text; BEGIN FOR q IN SELECT pg_get_serial_sequence("
            f"{table}, attname) FROM pg_attribute WHERE attrelid = {table}::regclass AND "
            "attnum > 0 AND NOT attisdropped LOOP IF q IS NOT NULL THEN EXECUTE "
            f"format('GRANT USAGE ON SEQUENCE %s TO %I', q, {lit(role)}); END IF; END LOOP; "
            "END $$")
