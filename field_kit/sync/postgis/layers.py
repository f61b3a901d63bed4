# SPDX-License-Identifier: GPL-2.0-or-later
"""Layers a GIS package's merge brings to a PostgreSQL master.

The merge adds such a layer to its stage as it adds one to a GeoPackage master
(:func:`field_kit.sync.new_layers.add`). Writing the stage back then makes the layer in
PostgreSQL as ``init`` publishes one (with its spatial index, the schema owner's where the
merging supervisor is a member of that role), adds it to the template (which every later
stage, checkout and pull starts from) and installs its capture triggers, all in the merge's
transaction; its rows, and its rows in the registry, are written back with the rest.
"""

from __future__ import annotations

import sqlite3

from ...db import quote, table_exists, transaction
from .. import new_layers, registry, schema_changes
from . import publish, template
from . import tables as mirror


def added(conn: sqlite3.Connection, known: dict) -> list[str]:
    """The tables the stage ``conn`` tracks that PostgreSQL lacks (``known``: its mirror)."""
    return [name for name in registry.by_name(conn) if name not in known]


def make(pg, conn: sqlite3.Connection, names: list[str]) -> None:
    """Make the layers ``names`` of the stage ``conn`` in PostgreSQL and in the template."""
    columns = schema_changes.describe(conn)
    described = new_layers.describe(conn, names)
    made = [t for t in mirror.mirrored(conn) if t.name in names]
    kinds = publish.geometry_types(conn)
    with template.opened(pg, change=True) as tconn:
        if any(table_exists(tconn, n) for n in names):
            # another merge made it while this one ran: this one is run again, from a
            # stage that has it (and meets it as a layer both added)
            with pg.cursor() as cur:
                cur.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = "
                            "'serialization_failure', MESSAGE = 'layer made meanwhile'; END $$")
        with transaction(tconn):
            new_layers.add(tconn, [(n, described[n], [tuple(c) for c in columns[n]["columns"]])
                                   for n in names])
        with pg.cursor() as cur:
            owner = _shared_owner(cur)
            for t in made:
                if t.geom is not None:
                    publish.ensure_srs(cur, conn, t.geom[1])
                publish.create_table(cur, conn, t, kinds, fill=False)
                if owner is not None:
                    cur.execute(f"ALTER TABLE {quote(t.name)} OWNER TO {quote(owner)}")
            # (the registry's rows are written back with the rest of the stage)
            publish.install_triggers(cur, tconn, names)


def _shared_owner(cur) -> str | None:
    """The role owning the schema where it is not this user but this user is a member of
    it: the new layer is given to it, as init's tables are, so every supervisor can use it."""
    cur.execute("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = "
                "current_schema() AND pg_get_userbyid(nspowner) <> current_user AND "
                "pg_has_role(nspowner, 'MEMBER')")
    got = cur.fetchone()
    return got[0] if got else None
