# SPDX-License-Identifier: GPL-2.0-or-later
"""A shape written in a PostgreSQL master itself (psql, GDAL, any tool but QGIS with the
plugin) without its area and centre gets those of the shape from the next command that
reads or sends the master's data, as in a GeoPackage master
(:meth:`field_kit.sync.rederive.Shapes.captured`): the rows such edits logged since the
last look are staged locked with their history, given them, and written back in a
transaction of their own. The same look follows the codes changed there
(:func:`field_kit.sync.codes_follow.in_master`): the rows those edits wrote in a table naming
another by uuid, or renamed, are staged with the rows naming them and those they name, or
whose code they hold; and the periods of the patches whose phase was written there
(:func:`field_kit.sync.phase_period.merged`). Only a supervisor's command does it: GIS staff
may not write the log; theirs says what it leaves (:func:`_left`)."""

from __future__ import annotations

from ...db import quote, transaction
from ...plan import schema
from ...plan.derived import derived_columns
from .. import capture_switch, changelog, codes_follow, phase_period, rederive
from ..three_way import Applier
from . import address, altered, roles
from .stage import staged


def follow(target: str) -> list:
    """What became of the area and centre of the shapes edited in the master ``target``
    since the last look, and the codes those edits changed followed
    (:class:`codes_follow.Followed`, last), their rows written back and committed (none
    looked at by GIS staff's commands)."""
    pg = address.connect(target)
    try:
        with address.transaction(target, pg):
            if not roles.session(pg).supervisor:
                return _left(pg)
            # one look at a time: another waiting on the rows one stages would look from the
            # mark it read before, and write it again
            with pg.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext('toksun.shapes.' || "
                            "current_schema()))")
            since, top, pairs = _shaped(pg)
            coded = _coded(pg, since, top)
            phased = _phased(pg, since, top)
            if not pairs and not coded and not phased:
                if top > since:  # looked at: the next look starts there
                    with pg.cursor() as cur:
                        cur.execute("INSERT INTO sync_meta (key, value) VALUES (%s, %s) ON "
                                    "CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                                    (rederive.FOLLOWED_UP_TO, str(top)))
                    address.commit(target, pg)
                return []
            with staged(pg) as st:
                st.copy_small()
                st.copy_rows(sorted({*pairs, *coded, *phased}))
                if coded:
                    _stage_following(st, coded)
                st.snapshot()
                with transaction(st.conn), capture_switch.capture_off(st.conn):
                    shapes = rederive.Shapes(st.conn)
                    shapes.captured(changelog.state(st.conn)["device"],
                                    Applier(st.conn, merge_id="", origin="").latest_fields,
                                    up_to=top)
                st.write_back(locked=True)
            address.commit(target, pg)
            return [*shapes.followed, *shapes.codes_followed]
    finally:
        pg.close()


def _left(pg) -> list:
    """What a command by GIS staff leaves of the edits made in the database since the last
    look: the tables whose shapes, those whose codes, and those whose phases' periods are
    not followed, by name."""
    shaped, naming = _waiting(pg)
    since, top, _ = _shaped(pg)
    why = codes_follow.NOT_SUPERVISOR
    return [rederive.Followed(t, "(shapes edited since the last command that wrote)", None,
                              derived_columns(t), why=why) for t in shaped] + [
        codes_follow.Followed(tbl, code, named, 0, codes_follow.UNWRITTEN, why)
        for tbl, code, named in naming] + [
        phase_period.unwritten(t, why) for t in sorted({t for t, _ in _phased(pg, since, top)})]


def waiting(pg) -> tuple[list[str], list[str]]:
    """The tables whose shapes the edits made in the database since the last look wrote
    without their area and centre, and those naming rows whose codes they changed (as
    :func:`field_kit.sync.rederive.waiting` reads a GeoPackage master); reads only."""
    shaped, naming = _waiting(pg)
    # (the look's own edits are numbered at its commit, after its mark: read again, they
    # would be taken for more to follow; a row keeping another code than its row's is)
    return shaped, [tbl for tbl, code, named in naming if _differs(pg, tbl, code, named)]


def _differs(pg, tbl: str, code: str, named: str) -> bool:
    """Whether a row of ``tbl`` keeps in ``code`` another code than the ``named`` row it
    names by uuid has."""
    link = next(k for k in codes_follow.LINKS if (k[0], k[2], k[3]) == (tbl, code, named))
    with pg.cursor() as cur:
        cur.execute(codes_follow.differing_sql(link, "IS DISTINCT FROM"))
        return cur.fetchone()[0]


def _waiting(pg) -> tuple[list[str], list[tuple[str, str, str]]]:
    since, top, pairs = _shaped(pg)
    return (sorted({tbl for tbl, _ in pairs}),
            _naming(pg, since, top) if _coded(pg, since, top) else [])


def _naming(pg, since: int, top: int) -> list[tuple[str, str, str]]:
    """(table, code column, named table) of the links whose rows the edits made in the
    database between seqs ``since`` and ``top`` may leave keeping another code than the
    row they name's (as :func:`codes_follow.to_follow` reads a GeoPackage master)."""
    out = []
    with pg.cursor() as cur:
        for link in codes_follow.held(altered.schema_columns(pg)):
            pairs = codes_follow.watched(link)
            cur.execute("SELECT EXISTS (SELECT 1 FROM sync_changes WHERE seq > %s AND seq <= %s "
                        "AND origin = 'local' AND op != 'delete' AND new IS NOT NULL AND "
                        f"({_written(pairs)}))",
                        (since, top, *(v for pair in pairs for v in pair)))
            if cur.fetchone()[0]:
                out.append((link[0], link[2], link[3]))
    return out


def _written(pairs) -> str:
    """SQL for a log row writing one of ``pairs`` (table, column), each a pair of %s."""
    return " OR ".join(["(tbl = %s AND new::jsonb ? %s)"] * len(pairs))


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


def _coded(pg, since: int, top: int) -> list[tuple[str, str]]:
    """The rows (table, uuid) an edit made in the database between seqs ``since`` and
    ``top`` gave, in a table naming another by uuid, the code or the uuid naming it, or
    gave a code others keep (:data:`codes_follow.LINKS`; an edit of another field is not
    looked at)."""
    return _writing(pg, since, top, sorted({pair for link in codes_follow.LINKS
                                            for pair in codes_follow.watched(link)}))


def _phased(pg, since: int, top: int) -> list[tuple[str, str]]:
    """The rows (table, uuid) whose phase an edit made in the database between seqs
    ``since`` and ``top`` wrote: their period follows it."""
    return _writing(pg, since, top, [(t, phase) for t, (phase, _) in
                                     schema.PERIOD_OF_PHASE.items()])


def _writing(pg, since: int, top: int, wrote: list) -> list[tuple[str, str]]:
    """The rows (table, uuid) of which an edit made in the database between seqs ``since``
    and ``top`` wrote one of ``wrote`` (table, column)."""
    with pg.cursor() as cur:
        cur.execute("SELECT to_regclass('sync_changes') IS NOT NULL")
        if not cur.fetchone()[0]:
            return []
        cur.execute("SELECT DISTINCT tbl, row_uuid FROM sync_changes WHERE seq > %s AND seq <= "
                    f"%s AND origin = 'local' AND op != 'delete' AND new IS NOT NULL AND "
                    f"({_written(wrote)}) ORDER BY tbl, row_uuid",
                    (since, top, *(v for pair in wrote for v in pair)))
        return [tuple(r) for r in cur.fetchall()]


def _stage_following(st, coded: list[tuple[str, str]]) -> None:
    """Stage, locked, the rows naming the ``coded`` rows and those they name
    (:meth:`Stage._copy_following`), and the rows holding a code the staged rows keep of
    the row they name: one typed alone there moves its row to the row holding it."""
    st._copy_following(coded)
    held = codes_follow.links(st.conn)
    typed = [(named, named_code, [v for (v,) in st.conn.execute(
        f"SELECT DISTINCT {quote(code)} FROM {quote(tbl)}") if isinstance(v, str)])
        for tbl, _, code, named, named_code in held]
    # and the rows holding a code a staged row was renamed to: two holding it are said
    typed += [(named, named_code, [v for (v,) in st.conn.execute(
        f"SELECT DISTINCT {quote(named_code)} FROM {quote(named)}") if isinstance(v, str)])
        for named, named_code in sorted({(n, c) for _, _, _, n, c in held})]
    staged = {(t.name, r) for t in st.tables.values() if t.tracked
              for (r,) in st.conn.execute(f"SELECT uuid FROM {quote(t.name)}")}
    more = [p for p in st.rows_coded([w for w in typed if w[2]], alike=False)
            if p not in staged]
    if more:
        st.copy_rows(sorted(set(more)))
