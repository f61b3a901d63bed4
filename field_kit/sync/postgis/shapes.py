# SPDX-License-Identifier: GPL-2.0-or-later
"""A shape written in a PostgreSQL master itself (psql, GDAL, any tool but QGIS with the
plugin) without its area and centre gets those of the shape from the next command that
reads or sends the master's data, as in a GeoPackage master
(:meth:`field_kit.sync.rederive.Shapes.captured`): the rows such edits logged since the
last look are staged locked with their history, given them, and written back in a
transaction of their own. Only a supervisor's command does it: GIS staff may not write the
log."""

from __future__ import annotations

from ...db import transaction
from ...plan import schema
from ...plan.derived import derived_columns
from .. import changelog, rederive
from ..three_way import Applier
from . import address, roles
from .stage import staged


def follow(target: str) -> list[rederive.Followed]:
    """What became of the area and centre of the shapes edited in the master ``target``
    since the last look, their rows written back and committed (none looked at by GIS
    staff's commands)."""
    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            if not roles.session(pg).supervisor:
                return []
            # one look at a time: another waiting on the rows one stages would look from the
            # mark it read before, and write it again
            with pg.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext('toksun.shapes.' || "
                            "current_schema()))")
            since, top, pairs = _shaped(pg)
            if not pairs:
                if top > since:  # looked at: the next look starts there
                    with pg.cursor() as cur:
                        cur.execute("INSERT INTO sync_meta (key, value) VALUES (%s, %s) ON "
                                    "CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                                    (rederive.FOLLOWED_UP_TO, str(top)))
                    address.commit(target, pg)
                return []
            with staged(pg) as st:
                st.copy_small()
                st.copy_rows(pairs)
                st.snapshot()
                with transaction(st.conn), changelog.capture_off(st.conn):
                    shapes = rederive.Shapes(st.conn)
                    shapes.captured(changelog.state(st.conn)["device"],
                                    Applier(st.conn, merge_id="", origin="").latest_fields,
                                    up_to=top)
                st.write_back(locked=True)
            address.commit(target, pg)
            return shapes.followed
    finally:
        pg.close()


def _shaped(pg) -> tuple[int, int, list[tuple[str, str]]]:
    """The seq of the last look, the log's last, and the rows (table, uuid) of the plan's
    layers with an area or centre whose shape an edit made in the database wrote between
    the two."""
    tables = [name for name in schema.BY_NAME if derived_columns(name)]
    with pg.cursor() as cur:
        cur.execute("SELECT to_regclass('sync_meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            return 0, 0, []
        cur.execute("SELECT coalesce((SELECT value::bigint FROM sync_meta WHERE key = %s), 0), "
                    "coalesce((SELECT max(seq) FROM sync_changes), 0)",
                    (rederive.FOLLOWED_UP_TO,))
        since, top = cur.fetchone()
        cur.execute("SELECT DISTINCT tbl, row_uuid FROM sync_changes WHERE seq > %s AND seq <= "
                    "%s AND origin = 'local' AND tbl = ANY(%s) AND new IS NOT NULL AND "
                    "new::jsonb ? %s ORDER BY tbl, row_uuid",
                    (since, top, tables, schema.GEOMETRY_COLUMN))
        return since, top, [tuple(r) for r in cur.fetchall()]
