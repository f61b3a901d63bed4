# SPDX-License-Identifier: GPL-2.0-or-later
"""The stage: a GeoPackage master holding the part of a PostgreSQL master a command needs.

It starts from the template GeoPackage kept in the master (its tables empty), takes the
small tables whole, and the tracked layers, the change log, the conflicts and the fates
whole or only for the rows a merge touches (locked ``FOR UPDATE`` while it runs, so an edit
in the database waits for the merge, or the merge for it, and nothing is lost). After the
command, :meth:`Stage.write_back` writes what it changed to PostgreSQL: each update only if
the fields it changes still hold what was staged (else nothing is written and the command
is refused as "in use"); new log rows and conflicts are numbered by the database (log rows
when the transaction commits: see ``sql.toksun_number_log``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator

from ...db import chunks, connect, marks, quote
from ...errors import CaptureBroken
from ...plan import schema
from ...plan.geometry import same_shape
from .. import (
    capture_switch,
    json_fields,
    log_values,
    made_again,
    new_layers,
    project_figures,
    registry,
    restored_no_photo,
    rewritten,
    subset,
    triggers,
)
from ..three_way import RESTORE
from . import altered, copy_in, grow, layers, publish, roles, scratch, sql, template, watch, writing
from . import tables as mirror
from .writing import ON_DEMAND, Unwritable

# Tables taken only for the rows a merge touches (by row uuid / change uuid).
BY_ROW = ("sync_changes", "sync_conflicts")
BY_CHANGE = ("sync_applied",)
# Tracked tables whose rows the checks of a merge and of a settled value read whole: the
# plan's code lists and townships (a value outside them is refused). Small: staged
# unlocked (what a merge changes of them copy_rows stages again, locked).
CHECKED_AGAINST = ("code_lists", "townships")
FETCH = 5000
ADOPT_AGAIN = 3  # what was added to the schema tracked, at most, before a command stages
_LOG_TOP = "seq = (SELECT max(seq) FROM sync_changes)"  # the log's newest change
# the log's inserts of records that a merge brought and their device made before its present
# checkout (the reports' caution, reports.cautions.captured_before_checkout, weighs the slack)
_MADE_BEFORE_CHECKOUT = (
    "tbl IN ('patch_verifications', 'project_inspections') AND op = 'insert' AND "
    "left(origin, 6) = 'merge:' AND at < (SELECT d.issued_at FROM sync_devices d WHERE "
    "d.device = sync_changes.device)")


def capture_broken(pg, tracked: list[str]) -> list[str]:
    """The tracked tables whose capture triggers (of rows, of TRUNCATE) are missing or
    disabled, or enabled for replicas only, or were made again by hand (not bearing the
    comment field-kit gives them: :data:`sql.MADE_BY_FIELD_KIT`; told once the capture
    function is this version's, which gave it to every trigger it renewed) (or which are
    gone)."""
    with pg.cursor() as cur:
        marked = publish.capture_current(cur)
        cur.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    "c.relnamespace JOIN pg_trigger t ON t.tgrelid = c.oid WHERE n.nspname = "
                    f"current_schema() AND t.tgname IN {sql.TRIGGERS_IN} "
                    f"AND t.tgenabled {sql.FIRES}" + (f" AND {sql.MARKED}" if marked else "")
                    + f" GROUP BY c.relname HAVING {sql.WHOLE}")
        whole = {r[0] for r in cur.fetchall()}
    return sorted(set(tracked) - whole)


class Heard:
    """How far staging got, told to ``progress(fraction)`` as each :data:`FETCH` rows come
    in: a table weighs the rows PostgreSQL estimates it holds (its statistics: nothing is
    counted), and :data:`FETCH` more (a table never analyzed weighs one fetch); ``weights``
    (table name: rows) gives what a table copied only in part weighs. Raising from
    ``progress`` (a Cancel) stops the staging, which the command then rolls back."""

    def __init__(self, pg, names: Iterable[str], progress: Callable[[float], None],
                 weights: dict[str, int] | None = None):
        names = list(dict.fromkeys(names))
        with pg.cursor() as cur:
            cur.execute("SELECT c.relname, c.reltuples::bigint FROM pg_class c JOIN "
                        "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
                        "current_schema() AND c.relname = ANY(%s)", (names,))
            rows = dict(cur.fetchall())
        rows.update(weights or {})
        self.weight = {n: max(int(rows.get(n) or 0), 0) + FETCH for n in names}
        self.total = sum(self.weight.values())
        self.done = 0
        self.progress = progress

    def rows(self, name: str, n: int) -> None:
        """``n`` rows of ``name`` copied so far (a table copied twice counts once)."""
        w = self.weight.get(name, 0)
        self.progress(min(1.0, (self.done + min(n, w * 0.99)) / self.total))

    def copied(self, name: str) -> None:
        self.done += self.weight.pop(name, 0)
        self.progress(min(1.0, self.done / self.total))


# told each line a command that only reads says of the master as a warning (the CLI's)
on_warning: Callable[[str], None] | None = None


class Stage:
    """A staged master in a temporary folder; ``conn`` is its open SQLite connection.
    ``reading``: for a command that only reads (history, conflicts, progress), which a
    table dropped in PostgreSQL does not stop: it reads the master without it, warned."""

    def __init__(self, pg, workdir: str, reading: bool = False,
                 hold: Callable[[object], None] | None = None):
        self.pg = pg
        self.heard: Heard | None = None
        self.path = os.path.join(workdir, "master.gpkg")
        self.dropped: list[str] = []
        # the locks the command's transaction keeps, taken before the template is read, and
        # again after tracking what was added committed (which let them go)
        self._hold = hold or (lambda pg: None)
        self._hold(pg)
        self._open()
        self._before: str | None = None
        # what was dropped, renamed or retyped stops the command before anything reads it;
        # a table dropped stops only what writes, as on a GeoPackage master
        changes = altered.find(pg, self.conn)
        # (where none hears the warning, as it is said nowhere else, it stops all the same)
        gone = [c for c in changes if c.kind == altered.TABLE_GONE] \
            if reading and on_warning is not None else []
        altered.raise_if_any([c for c in changes if c not in gone])
        if gone:
            self.dropped = [c.table for c in gone]
            self._without_dropped()
            if on_warning is not None:
                on_warning("the schema of the PostgreSQL master changed where capture cannot "
                           f"follow: {'; '.join(map(str, gone))}. This command reads the "
                           "master as it is, without it; the sync (export, merge, pull) stops "
                           "until field-kit repair has followed it")
        # an earlier version's capture is renewed, and what was added to the schema since
        # the last command tracked (logged as this version logs), committed on its own (it
        # stands whatever the command does), then staged with the rest; by a supervisor:
        # GIS staff reading the master may not, and read it as the template has it
        # (again where more was added before the locks were held again, a few times)
        for _ in range(ADOPT_AGAIN):
            if not (publish.renew_capture(pg) | (roles.session(pg).supervisor and
                                                 grow.adopt_new(pg, self.tables))):
                break
            pg.commit()
            self._hold(pg)
            self.conn.close()
            self._open()
            self._without_dropped()
        broken = capture_broken(pg, [t.name for t in self.tables.values() if t.tracked])
        if broken:
            raise CaptureBroken(
                "change capture in PostgreSQL is not whole (its trigger dropped or disabled) "
                f"on {', '.join(broken)}: edits made there may be missing from the log; run "
                "field-kit repair on the master; nothing was changed")
        off = watch.unsettled(pg)  # switched off and on again since the last repair
        if off:
            raise CaptureBroken(
                f"capture was switched off on {watch.said(off)}: edits made while it was off "
                "may be missing from the log; run field-kit repair on the master; nothing "
                "was changed")
        if publish.numbering_broken(pg):
            raise CaptureBroken(
                "the change log in PostgreSQL is not numbered (trigger toksun_number on "
                "sync_changes dropped or disabled): edits logged meanwhile have no number "
                "and field packages would not pull them; run field-kit repair on the "
                "master; nothing was changed")

    def _without_dropped(self) -> None:
        """The stage without the tables dropped in PostgreSQL (:attr:`dropped`): tracked no
        more, as repair would leave them (never written back: only a reading command)."""
        for name in self.dropped:
            registry.untrack(self.conn, name, registry.SCHEMA_GONE)
            self.tables.pop(name, None)
        self.conn.commit()

    def _open(self) -> None:
        with open(self.path, "wb") as fh:
            fh.write(template.read(self.pg))
        self.conn = connect(self.path)
        # a scratch copy: PostgreSQL holds what counts, so no commit of it waits for the disk
        self.conn.execute("PRAGMA journal_mode = MEMORY")
        self.conn.execute("PRAGMA synchronous = OFF")
        triggers.renew_triggers(self.conn)  # a template an earlier version wrote
        self.tables = {t.name: t for t in mirror.mirrored(self.conn)}

    # -- reading -------------------------------------------------------------------------
    def copy(self, name: str, where: str = "", params: tuple | dict = (), *,
             lock: bool = False) -> int:
        """Copy rows of ``name`` (all, or those ``where`` picks) into the stage."""
        t = self.tables[name]
        cols = t.names
        order = f" ORDER BY {', '.join(map(quote, t.key))}" if lock else ""
        query = (f"SELECT {t.select_sql(cols)} FROM {quote(name)}"
                 f"{' WHERE ' + where if where else ''}{order}{' FOR UPDATE' if lock else ''}")
        insert = (f"INSERT OR REPLACE INTO {quote(name)} ({', '.join(map(quote, cols))}) "
                  f"VALUES ({', '.join('?' * len(cols))})")
        n = 0
        convert = mirror.row_to_stage(t, cols)
        with self.pg.cursor() as cur, self._inserts_uncaptured(t):
            cur.execute(query, params)
            while True:
                rows = cur.fetchmany(FETCH)
                if not rows:
                    break
                self.conn.executemany(insert, map(convert, rows))
                n += len(rows)
                if self.heard is not None:
                    self.heard.rows(name, n)
        if self.heard is not None:
            self.heard.copied(name)
        if name == "sync_state":  # the master's flag came with it: still quiet until done
            capture_switch.switch_capture(self.conn, False)
        return n

    @contextlib.contextmanager
    def _inserts_uncaptured(self, t: mirror.Table) -> Iterator[None]:
        """Rows copied into a tracked table without its insert trigger, which runs two
        statements a row (a third of what staging a row cost) to give a row without a uuid
        one and, capture being off, to log nothing: set aside meanwhile (inside the
        copy's transaction), the rows without a uuid then given one at once."""
        name = next((n for n in triggers.trigger_names(t.name) if n.endswith("_insert")), "")
        got = self.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                                "name = ?", (name,)).fetchone() if t.tracked else None
        if got is None:
            yield
            return
        self.conn.execute(f"DROP TRIGGER {quote(name)}")
        yield
        triggers.fill_uuids(self.conn, t.name)
        self.conn.execute(got[0])

    def copy_small(self) -> None:
        """Every table but the tracked layers and the per-row ones, whole."""
        with self.quiet():
            for name in self._small():
                self.copy(name)

    def _small(self) -> list[str]:
        return [t.name for t in self.tables.values()
                if not t.tracked and t.name not in BY_ROW + BY_CHANGE + ON_DEMAND]

    def copy_checked_against(self) -> None:
        """The tables of :data:`CHECKED_AGAINST` the master tracks, whole."""
        with self.quiet():
            for name in CHECKED_AGAINST:
                if name in self.tables and self.tables[name].tracked:
                    self.copy(name)

    def without_spatial_index(self) -> None:
        """Drop the stage's R-tree and feature-count triggers: a merge reads no spatial index,
        and its stage is never a file anyone opens (a checkout's is: it keeps them)."""
        for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE "
                "'rtree\\_%' ESCAPE '\\' OR name LIKE 'trigger\\_%\\_feature\\_count\\_%' "
                "ESCAPE '\\')").fetchall():
            self.conn.execute(f"DROP TRIGGER {quote(name)}")

    def copy_for(self, needs: str, *, lock: bool = True,
                 progress: Callable[[float], None] | None = None, **args) -> None:
        """Copy what a command needs, not the whole master where it needs less (a province's
        layers run to millions of rows, its log grows with every edit); a checkout's
        ``progress(fraction)`` hears how far it got (:class:`Heard`). What each needs:

        * ``"checkout"``: the sync's own tables, the log's newest change (the package's base),
          and the rows and photos a package cut to ``township=``, ``bbox=``, ``patches=`` or
          ``features=`` keeps (every row when none is given);
        * ``"undo"``: the sync's own tables and what the merge ``merge_id=`` changed: its
          rows and the rows of its conflicts, locked, with their history, conflicts and fates;
        * ``"status"``: the sync's own tables and the conflicts (status, the merges);
        * ``"conflicts"``: those, and the rows of the open conflicts, locked (unless not
          ``lock``: a listing, which GIS staff may read too, changes none), with their
          history (listing and settling conflicts); with ``every=``, the settled ones' rows
          too, to name them; with ``value=``, the rows holding those codes (values typed);
        * ``"plan"``: those, and the plan's layers whole (progress, reports, the plan check);
        * ``"log"``: the sync's own tables and the newest ``limit=`` changes (all if None);
        * ``"history"``: the sync's own tables, one row and its log and conflicts (``row=``),
          or several (``rows=``), and the code lists and townships (small) to label values;
        * ``"pull"``: the sync's own tables and the log after seq ``base=``, with the photos
          it names, the conflicts of its rows and the fates of the pulling device's edits
          merged since ``fates_after=``; for a package cut to a township, box or patches
          (``device=``: the pulling device), also the rows the cut keeps and those the log
          names; and of a layer the package lacks (``has=``: the tables it holds), or that
          the master rewrote since it took it (``rewrites_held=``: its record of rewrites,
          :mod:`field_kit.sync.rewritten`), the rows it keeps;
        * ``"named"``: the plan's features a patch code, project id or name (``name=``)
          names, the records on them, and the log's changes that held it (history by a
          code)."""
        if needs == "checkout" and progress is not None:
            self.heard = Heard(self.pg, [*self._small(), "sync_changes",
                                         *(t.name for t in self.tables.values() if t.tracked),
                                         *(n for n in ON_DEMAND if n in self.tables)],
                                progress, {"sync_changes": 1})  # (its newest change alone)
        try:
            self._copy_for(needs, lock=lock, **args)
        finally:
            self.heard = None
        if needs == "checkout" and progress is not None:
            progress(1.0)

    def _copy_for(self, needs: str, *, lock: bool, **args) -> None:
        self.copy_small()
        if needs == "checkout":
            with self.quiet():
                self.copy("sync_changes", _LOG_TOP)
            township = args.get("township")
            if township is not None:  # the patches cut by the name they go by
                self.copy_checked_against()  # (the townships, with their other names)
                township = subset.township_named(self.conn, township) or township
            self._copy_cut(township, args.get("bbox"), self._patch_uuids(args.get("patches")),
                           args.get("features") or None)
        elif needs == "undo":
            merge_id = args["merge_id"]
            with self.pg.cursor() as cur:
                cur.execute("SELECT DISTINCT tbl, row_uuid FROM sync_changes WHERE origin = "
                            "ANY(%s)", ([f"merge:{merge_id}", f"merge:{merge_id}{RESTORE}"],))
                touched = cur.fetchall()
                # and the rows of its conflicts: settling one may write a row it did not
                cur.execute("SELECT DISTINCT tbl, row_uuid FROM sync_conflicts WHERE "
                            "merge_id = %s", (merge_id,))
                touched += cur.fetchall()
            self.copy_rows(touched)
            self._copy_following(touched)
            self._copy_named_in_log(touched)
            made = new_layers.made_by(self.conn, merge_id)
            with self.quiet():
                self.copy("sync_changes", _LOG_TOP)
                for name in ("sync_applied", "sync_conflicts"):
                    self.copy(name, "merge_id = %s", (merge_id,))
                # the fates of other merges' edits of its rows: one writing again a value
                # it wrote comes to count as applied (:mod:`field_kit.sync.undo_others`)
                merged = [c for (c,) in self.conn.execute(
                    "SELECT change_uuid FROM sync_changes WHERE origin LIKE 'merge:%'")]
                self.copy("sync_applied", "change_uuid = ANY(%s)", (merged,))
                for name in made:  # whole, to say what the undo leaves of it
                    if name in self.tables:
                        self.copy(name)
            self.copy_coded()
        elif needs == "pull":
            base = int(args["base"])
            with self.quiet():  # (the last seq at or below base: the log's top stays right)
                self.copy("sync_changes", "seq > %s OR seq = (SELECT max(seq) FROM "
                          "sync_changes WHERE seq <= %s)", (base, base))
                # ... and what a merge made again after an undo meets (made_again)
                self.copy("sync_changes", made_again.EARLIER_SQL,
                          {"base": base, "device": args["device"]})
                # which of the rows it brings met another edit
                self.copy("sync_conflicts", "row_uuid IN (SELECT row_uuid FROM sync_changes "
                          "WHERE seq > %s)", (base,))
                # the fates of the device's edits merged since it last looked (those with
                # none were refused: field_kit.sync.refused)
                self.copy("sync_applied", "device = %s AND merge_id IN (SELECT merge_id FROM "
                          "sync_merges WHERE device = %s AND seq_to > %s)",
                          (args["device"], args["device"], int(args.get("fates_after", 0))))
            has = args.get("has")
            if has is not None:  # a layer rewritten since the package took it: brought whole
                has = set(has) - set(rewritten.to_bring(
                    registry.json_meta(self.conn, rewritten.REWRITTEN),
                    args.get("rewrites_held") or {}))
            self._copy_cut(*subset.device_subset(self.conn, args["device"]), since=base,
                           has=has)
            self._copy_to_match(base, args["device"], args.get("open_here", ()))
        elif needs == "log":
            with self.quiet():
                limit = args.get("limit")
                self.copy("sync_changes", "seq IN (SELECT seq FROM sync_changes ORDER BY seq "
                          "DESC LIMIT %s)" if limit else "", (limit,) if limit else ())
                # the conflicts their decisions settled: who settled one made its change
                settled = [int(o[len("resolve:"):]) for (o,) in self.conn.execute(
                    "SELECT DISTINCT origin FROM sync_changes WHERE origin LIKE 'resolve:%'")
                    if o[len("resolve:"):].isdigit()]
                if settled:
                    self.copy("sync_conflicts", "id = ANY(%s)", (settled,))
        elif needs == "history":
            rows = list(args.get("rows") or [args["row"]])
            with self.quiet():
                self.copy("sync_changes", "row_uuid = ANY(%s)", (rows,))
                # their conflicts: who settled one made the change its decision wrote
                self.copy("sync_conflicts", "row_uuid = ANY(%s)", (rows,))
                for t in self.tables.values():  # the rows themselves, to name them
                    if t.tracked:
                        self.copy(t.name, "uuid = ANY(%s)", (rows,))
            self._copy_referenced(rows)
            self.copy_checked_against()  # a coded value shown with its label, as in a file
        elif needs == "named":
            from ...plan.values import NAMED_BY, RECORDS_BY, own_named_by, record_links
            name = args["name"]
            own = own_named_by((t.name, t.names) for t in self.tables.values()
                               if t.tracked)
            with self.quiet():  # the features it names, and the log's changes that name it
                for tbl, col in NAMED_BY + RECORDS_BY + own:  # (and the records on them)
                    got = self.tables.get(tbl)
                    if got is not None and got.tracked and not got.is_geom(col):
                        # (a layer named by its first text field is looked for in each of
                        # its columns, whatever its type: as text)
                        cast = "::text" if (tbl, col) in own else ""
                        self.copy(tbl, f"{quote(col)}{cast} = %s", (name,))
                self.copy("sync_changes", "tbl = ANY(%s) AND strpos(old::text, %s) > 0",
                          ([t for t, _ in NAMED_BY + own], name))
                for rec, by_uuid, _, named in record_links() if args.get("row") else ():
                    got = self.tables.get(rec)
                    if named == args.get("table") and got is not None and got.tracked \
                            and by_uuid in got.names:
                        # the records on the row it names, whatever code they keep of it
                        self.copy(rec, f"{quote(by_uuid)} = %s", (args["row"],))
                        # and the log's deletions of those deleted while on it (by its uuid
                        # or its code), with any put back since: listed as they are
                        gone = ("IN (SELECT row_uuid FROM sync_changes WHERE tbl = %s AND "
                                "op = 'delete' AND (strpos(old::text, %s) > 0 OR "
                                "strpos(old::text, %s) > 0))")
                        said = (rec, args["row"], name)
                        self.copy("sync_changes", f"tbl = %s AND op = 'delete' AND row_uuid "
                                  f"{gone}", (rec, *said))
                        self.copy(rec, f"uuid {gone}", said)
        elif needs in ("status", "conflicts", "plan"):
            with self.quiet():
                self.copy("sync_conflicts")
                for t in self.tables.values():
                    if needs == "plan" and t.tracked and t.name in schema.BY_NAME:
                        self.copy(t.name)
                if needs == "plan":  # the records merged that their device made before its
                    # checkout (its clock behind), which the reports name
                    self.copy("sync_changes", _MADE_BEFORE_CHECKOUT)
            if needs == "conflicts":
                self.copy_checked_against()
                open_rows = self.conn.execute("SELECT DISTINCT tbl, row_uuid FROM "
                                              "sync_conflicts WHERE status = 'open'").fetchall()
                self.copy_rows(open_rows, lock=lock)
                if lock:  # settling
                    self._copy_following(open_rows)
                    # a decision putting a record back, or giving it a side's patch, finds
                    # the row it names (not "deleted" because the stage lacks it)
                    self._copy_named_in_log(open_rows, conflicts=True, typed=args.get("value"))
                    self._copy_photos_deleted_with(open_rows)
                    self.copy_photos_of(open_rows)
                    self.copy_projects_of(open_rows)
                if args.get("every"):  # the settled ones' rows too, to name them (read only)
                    self.copy_rows(self.conn.execute(
                        "SELECT DISTINCT tbl, row_uuid FROM sync_conflicts WHERE status != "
                        "'open' EXCEPT SELECT tbl, row_uuid FROM sync_conflicts WHERE status = "
                        "'open'").fetchall(), lock=False)
                self.copy_coded(args.get("value"))
        else:
            raise ValueError(f"no such staging: {needs}")

    def _copy_referenced(self, rows: list[str]) -> None:
        """The rows the staged ``rows`` name, now or in their log (a verification's patch, a
        project's program), and the log's deletion of those gone: a history names them by
        their codes, as on a GeoPackage master, not as deleted rows."""
        named = sorted(self._uuids_referenced() - set(rows))
        if not named:
            return
        with self.quiet():
            for t in self.tables.values():
                if t.tracked:
                    self.copy(t.name, "uuid = ANY(%s)", (named,))
            self.copy("sync_changes", "op = 'delete' AND row_uuid = ANY(%s)", (named,))

    def _uuids_referenced(self) -> set[str]:
        """The uuids the staged rows, and the values their staged log holds, give in a
        column naming another row (``patch_uuid``, ``program_uuid``…)."""
        out: set[str] = set()
        for t in self.tables.values():
            cols = [c for c in t.names if c.endswith("_uuid")] if t.tracked else []
            if cols:
                for values in self.conn.execute(
                        f"SELECT {', '.join(map(quote, cols))} FROM {quote(t.name)}"):
                    out.update(v for v in values if isinstance(v, str) and v)
        for logged in self.conn.execute("SELECT old FROM sync_changes UNION ALL "
                                        "SELECT new FROM sync_changes"):
            values = log_values.loads(logged[0]) if logged[0] else {}
            out.update(v for k, v in values.items()
                       if k.endswith("_uuid") and isinstance(v, str) and v)
        return out

    def _copy_to_match(self, base: int, device: str, rows: Iterable) -> None:
        """What a pull gives the master's present values (:func:`field_kit.sync.pull.pull`):
        the conflicts in which the master kept ``device``'s edits aside, and the rows of
        those, of the undone merges' and of ``rows`` (table, uuid: the package's own open
        conflicts, and the rows of its edits no pull looked at yet, which a pull gives the
        master's values where the package's role may never make them)."""
        from ..pull import rows_to_match
        with self.quiet():
            self.copy("sync_conflicts", "device = %s", (device,))
        pairs = set(map(tuple, rows)) | rows_to_match(self.conn, base, device)
        by_table: dict[str, list[str]] = {}
        for tbl, row in pairs:
            by_table.setdefault(tbl, []).append(row)
        with self.quiet():
            for tbl, uuids in by_table.items():
                if tbl in self.tables and self.tables[tbl].tracked:
                    self.copy(tbl, "uuid = ANY(%s)", (sorted(uuids),))

    def _patch_uuids(self, names) -> list[str] | None:
        """The uuids of the patches ``names`` names, each by its uuid or its patch code (one
        query for them all), which the stage takes: the checkout then finds each name among
        them, refusing by name those that name none. None where no patches are given."""
        t = self.tables.get("mine_patches")
        if names is None or t is None or "patch_code" not in t.names:
            return names  # (by uuid alone; without the plan's patches, refused at checkout)
        names = list(names)
        with self.pg.cursor() as cur:
            cur.execute("SELECT uuid FROM mine_patches WHERE uuid = ANY(%s) OR "
                        "patch_code = ANY(%s)", (names, names))
            return [u for (u,) in cur.fetchall()]

    def _copy_cut(self, township: str | None, bbox, patches=None, features=None, *,
                  since: int | None = None, has: Iterable[str] | None = None) -> None:
        """The layers' rows, and the photos' bytes, a package cut to ``township``, ``bbox``,
        ``patches`` (uuids) or ``features`` (a layer of the county's own -> uuids) keeps
        (every row when none is given), by the rules of :mod:`field_kit.sync.subset`.
        ``since`` (a pull): only the layers the package is cut from, with the rows the log
        after that seq names, and the bytes of the photos it names; and the layers the
        package lacks (not in ``has``) as a checkout takes them (the pull brings them
        whole)."""
        has = None if has is None else set(has)
        args = subset.pg_args(township, bbox, patches, features)
        photos = None
        with self.quiet():
            for t in self.tables.values():
                if not t.tracked:
                    continue
                keep = subset.keep_sql(self.conn, t.name, township, bbox, patches, features,
                                       postgres=True)
                if t.name == "photos" and subset.cuts_photos(self.conn):
                    photos = keep
                if since is not None and (has is None or t.name in has):
                    if keep is None:
                        continue  # a pull reads no row of a layer it carries whole
                    keep = (f"({keep}) OR uuid IN (SELECT row_uuid FROM sync_changes WHERE "
                            "seq > %(since)s AND tbl = %(tbl)s)")
                if keep is None:
                    self.copy(t.name)
                else:
                    self.copy(t.name, keep, {**args, "since": since, "tbl": t.name})
            if "attachments" not in self.tables:
                return
            picks = [f"sha256 IN (SELECT sha256 FROM photos WHERE {photos})" if photos else "",
                     "sha256 IN (SELECT new::jsonb ->> 'sha256' FROM sync_changes WHERE seq > "
                     "%(since)s AND tbl = 'photos' AND new IS NOT NULL)" if since is not None
                     else ""]
            where = " OR ".join(p for p in picks if p)  # none: every photo's bytes
            if has is not None and "photos" not in has and not photos:
                where = ""  # a photos layer new to the package, whole
            self.copy("attachments", where, {**args, "since": since} if where else ())

    def copy_rows(self, pairs: Iterable[tuple[str, str]], changes: Iterable[str] = (), *,
                  lock: bool = True) -> None:
        """The rows ``pairs`` name (table, row uuid) locked (unless not ``lock``), with their
        history and conflicts, and the fates of ``changes``. Tables are locked in one order,
        rows by uuid, so two merges never wait on each other in a circle."""
        pairs = list(pairs)
        # The uuids go to the database once, by COPY: as arrays, each query named them all
        # again (a merge of 100,000 rows: 3.7 MB of SQL a query, to build and to parse).
        with self.pg.cursor() as cur:
            cur.execute("CREATE TEMP TABLE toksun_staged (tbl text, uuid text); "
                        "CREATE TEMP TABLE toksun_fates (uuid text)")
            copy_in.copy_rows(cur, "toksun_staged", ["tbl", "uuid"], pairs,
                              [copy_in.as_is] * 2)
            copy_in.copy_rows(cur, "toksun_fates", ["uuid"], ((c,) for c in changes),
                              [copy_in.as_is])
            copy_in.analyze(cur, {"toksun_staged": ["tbl", "uuid"], "toksun_fates": ["uuid"]})
        with self.quiet():
            for name in sorted({tbl for tbl, _ in pairs}):
                if name in self.tables and self.tables[name].tracked:
                    self.copy(name, "uuid IN (SELECT uuid FROM toksun_staged WHERE tbl = %s)",
                              (name,), lock=lock)
            for name in BY_ROW:
                self.copy(name, "row_uuid IN (SELECT uuid FROM toksun_staged)")
            self.copy("sync_applied", "change_uuid IN (SELECT uuid FROM toksun_fates)")
        with self.pg.cursor() as cur:
            cur.execute("DROP TABLE toksun_staged, toksun_fates")

    def _copy_following(self, pairs) -> None:
        """The rows whose codes follow those of the staged rows ``pairs`` (table, uuid), or
        that theirs follow, locked: a command writing these may give them a code
        (:mod:`field_kit.sync.codes_follow`)."""
        from .. import codes_follow
        staged = set(map(tuple, pairs))
        more = [p for p in self.rows_coded(codes_follow.around(self.conn, staged), alike=False)
                if p not in staged]
        if more:
            self.copy_rows(more)

    def _copy_named_in_log(self, pairs, *, conflicts: bool = False,
                           typed: list[str] | None = None) -> None:
        """The rows the staged history of ``pairs`` (table, uuid) names by uuid (a deleted
        verification's patch), locked: an undo putting such a record back finds the row it
        names, as the master holds it (not "deleted" because the stage lacks it). With
        ``conflicts``, those the sides of their open conflicts name too, and ``typed`` (the
        value to settle a conflict on such a column): a decision may write any of them."""
        from .. import codes_follow
        links = codes_follow.links(self.conn)  # (read once, not per chunk of rows)
        wanted: dict[str, set[str]] = {}
        for part in chunks(sorted({row for _, row in pairs})):
            for tbl, by, _, named, _ in links:
                found = wanted.setdefault(named, set())
                for doc in ("old", "new"):
                    found.update(v for (v,) in self.conn.execute(
                        f"SELECT DISTINCT {json_fields.get(doc, by)} FROM sync_changes WHERE "
                        f"tbl = ? AND row_uuid IN {marks(len(part))}", (tbl, *part))
                        if isinstance(v, str) and v)
                if conflicts:
                    found.update(self._named_by_conflicts(tbl, by, part, typed))
        staged = {(t, r) for t in wanted for (r,) in self.conn.execute(
            f"SELECT uuid FROM {quote(t)}")}
        more = [p for p in self.rows_coded([(t, "uuid", sorted(u)) for t, u in wanted.items()
                                            if u], alike=False) if p not in staged]
        if more:
            self.copy_rows(more)

    def copy_deletes_of(self, wanted) -> None:
        """The master's log of the deletes of the rows ``wanted`` names by uuid ((table,
        "uuid", uuids), as :meth:`rows_coded` takes them), read only: a row naming one the
        master holds no more is said to name a row deleted, not one no row had
        (:func:`field_kit.sync.codes_follow.follow`)."""
        uuids = sorted({u for _, col, given in wanted if col == "uuid" for u in given
                        if isinstance(u, str)})
        if uuids:
            self.copy("sync_changes", "op = 'delete' AND row_uuid = ANY(%s)", (uuids,))

    def copy_named_by_deleted(self, pairs) -> None:
        """The rows the staged history of those of ``pairs`` (table, uuid) the master holds
        no more names by uuid, locked: an edit of a row deleted here brings it back as its
        delete left it, naming the rows it named (a patch its project), which are not said
        deleted because the stage lacks them."""
        by_table: dict[str, set[str]] = {}
        for tbl, row in pairs:
            by_table.setdefault(tbl, set()).add(row)
        gone = []
        for tbl, rows in sorted(by_table.items()):
            if tbl in self.tables and self.tables[tbl].tracked:
                held = {r for (r,) in self.conn.execute(f"SELECT uuid FROM {quote(tbl)}")}
                gone += [(tbl, r) for r in sorted(rows - held)]
        if gone:
            self._copy_named_in_log(gone)

    def copy_photos_of(self, pairs) -> None:
        """The photos of the verifications among the rows ``pairs`` (table, uuid) names, read
        only: one a merge or a decision marks restored is said to have none only where the
        master holds none either (:mod:`field_kit.sync.restored_no_photo`)."""
        records = [r for t, r in pairs if t == restored_no_photo.TABLE]
        if records and "photos" in self.tables:
            self.copy("photos", "record_table = %s AND record_uuid = ANY(%s)",
                      (restored_no_photo.TABLE, records))

    def copy_projects_of(self, pairs) -> None:
        """The other patches of the projects of the patches among the rows ``pairs`` (table,
        uuid) names, read only: a merge or a decision leaving a project's patches apart on a
        figure of the project is said where the master's other patches hold it
        (:mod:`field_kit.sync.project_figures`)."""
        patches = sorted({r for t, r in pairs if t == project_figures.TABLE})
        t = self.tables.get(project_figures.TABLE)
        if not patches or t is None or "project_uuid" not in t.names:
            return
        self.copy(project_figures.TABLE, "project_uuid IN (SELECT project_uuid FROM "
                  f"{quote(project_figures.TABLE)} WHERE uuid = ANY(%s)) AND NOT uuid = ANY(%s)",
                  (patches, patches))

    def _copy_photos_deleted_with(self, pairs) -> None:
        """The photos deleted with the rows ``pairs`` (table, uuid) names (the field app's
        Delete record takes a record's photos): their deletes, their rows locked (one may be
        there again) and their bytes, so that a decision keeping such a record brings them
        back, as on a GeoPackage master."""
        rows = sorted({row for _, row in pairs})
        if "photos" not in self.tables or not rows:
            return
        with self.quiet():
            self.copy("sync_changes", "tbl = 'photos' AND op = 'delete' AND "
                      "old::jsonb ->> 'record_uuid' = ANY(%s)", (rows,))
        gone = self.conn.execute(
            "SELECT DISTINCT row_uuid, json_extract(old, '$.sha256') FROM sync_changes WHERE "
            "tbl = 'photos' AND op = 'delete'").fetchall()
        if not gone:
            return
        self.copy_rows([("photos", photo) for photo, _ in gone])
        if "attachments" in self.tables:
            with self.quiet():
                self.copy("attachments", "sha256 = ANY(%s)",
                          (sorted({sha for _, sha in gone if sha}),))

    def _named_by_conflicts(self, tbl: str, by: str, rows, typed: list[str] | None
                            ) -> Iterator[str]:
        """The values of column ``by`` the sides of the open conflicts of ``rows`` of ``tbl``
        give (a row's values, or that field's), and ``typed`` where one is of that field."""
        for field, *sides in self.conn.execute(
                "SELECT field, ancestor, ours, theirs FROM sync_conflicts WHERE status = "
                f"'open' AND tbl = ? AND row_uuid IN {marks(len(rows))}", (tbl, *rows)):
            if field not in (None, by):
                continue
            for text in sides:
                v = log_values.loads(text) if text is not None else None
                v = v.get(by) if field is None and isinstance(v, dict) else v
                if isinstance(v, str) and v:
                    yield v
            if field == by:
                yield from (v for v in typed or () if v)

    def copy_coded(self, typed: list[str] | None = None) -> None:
        """The rows holding the codes the staged log and conflicts name, or the value
        ``typed`` to settle a conflict, not staged yet: a decision or an undo giving a row
        one of them meets the row that holds it. (Read only, so not locked: a row the
        command writes was staged locked before.)"""
        from .. import codes
        staged = {(t.name, r) for t in self.tables.values() if t.tracked
                  for (r,) in self.conn.execute(f"SELECT uuid FROM {quote(t.name)}")}
        wanted = codes.logged(self.conn) + (
            [(t, c, list(typed)) for t, c in codes.UNIQUE.items()] if typed else [])
        more = [p for p in self.rows_coded(wanted) if p not in staged]
        if more:
            self.copy_rows(more, lock=False)

    def rows_coded(self, wanted, *, alike: bool = True) -> list[tuple[str, str]]:
        """(table, uuid) of the master's rows holding the codes ``wanted`` gives as (table,
        column, codes) (:func:`field_kit.sync.codes.incoming`): ``alike``, those holding one
        in another letter case or with spaces around it too, one code to the merge
        (:func:`field_kit.sync.codes.key`); else the values as given (uuids)."""
        from .. import codes
        out = []
        with self.pg.cursor() as cur:
            for tbl, col, given in wanted:
                if tbl in self.tables and self.tables[tbl].tracked:
                    keyed = [codes.key(g) for g in given if isinstance(g, str)] if alike else []
                    key, args = sql.code_key(col)
                    cur.execute(f"SELECT uuid FROM {quote(tbl)} WHERE {quote(col)} = ANY(%s)"
                                + (f" OR {key} = ANY(%s)" if keyed else ""),
                                (given, *args, keyed) if keyed else (given,))
                    out += [(tbl, u) for (u,) in cur.fetchall()]
        return out

    def align_geometry(self) -> None:
        """Where a staged geometry is the same shape as a value the incoming changes name
        (their ancestor or their new value), stage that value's own bytes: PostGIS writes
        its own blob for a shape QGIS wrote, and the same shape must compare equal."""
        geoms = {t.name: t.geom[0] for t in self.tables.values() if t.tracked and t.geom}
        with self.quiet():
            for tbl, col in geoms.items():
                q, qc = quote(tbl), quote(col)
                old, new = json_fields.get("old", col), json_fields.get("new", col)
                # (most changes name no shape: their JSON is not parsed for one)
                named = self.conn.execute(  # in the order the changes come, ancestor first
                    f"SELECT v.row, upper(v.hex), hex(s.{qc}) FROM (SELECT row, seq, 0 AS side, "
                    f"{old} AS hex FROM incoming WHERE tbl = ?1 AND old IS NOT NULL AND "
                    f"{json_fields.may_hold('old', col)} UNION ALL SELECT row, seq, 1, {new} "
                    "FROM incoming WHERE tbl = ?1 AND old IS NOT NULL AND new IS NOT NULL AND "
                    f"{json_fields.may_hold('new', col)}) v JOIN "
                    f"{q} s ON s.uuid = v.row WHERE typeof(v.hex) = 'text' AND s.{qc} IS NOT "
                    "NULL ORDER BY v.seq, v.side", (tbl,))
                staged: dict[str, str] = {}  # (only of the rows it changes)
                now: dict[str, str] = {}
                for row, text, held in named:
                    if text != now.get(row, held) and same_shape(
                            bytes.fromhex(now.get(row, held)), bytes.fromhex(text)):
                        staged.setdefault(row, held)
                        now[row] = text
                self.conn.executemany(f"UPDATE {q} SET {qc} = ? WHERE uuid = ?",
                                      [(bytes.fromhex(h), r) for r, h in now.items()
                                       if h != staged[r]])

    @contextlib.contextmanager
    def quiet(self) -> Iterator[None]:
        """Rows copied in are not edits: the stage's own capture is off meanwhile."""
        self.conn.execute("BEGIN")
        try:
            capture_switch.switch_capture(self.conn, False)
            yield
            capture_switch.switch_capture(self.conn, True)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def snapshot(self) -> None:
        """Keep the staged state, to tell later what the command changed."""
        self._before = self.path + ".before"
        dst = sqlite3.connect(self._before)
        # a scratch copy, as the stage is: no journal, and no wait for the disk
        dst.execute("PRAGMA journal_mode = OFF")
        dst.execute("PRAGMA synchronous = OFF")
        with dst:
            self.conn.backup(dst)
        dst.close()

    @property
    def before(self) -> str:
        """The file :meth:`snapshot` kept the staged state in."""
        assert self._before is not None
        return self._before

    # -- writing back ----------------------------------------------------------------------
    def write_back(self, *, locked: bool = False, sift: bool = False) -> dict[str, int]:
        """Write what changed in the stage since :meth:`snapshot` to PostgreSQL, inside the
        caller's transaction, with the database's capture off (the command logged it).
        ``locked``: the layers' rows it changes were staged locked (:meth:`copy_rows`), so
        nobody changed them meanwhile and they are written by key alone. ``sift``: where
        the database's own rules (NOT NULL, CHECK, a foreign key, a trigger) refuse rows
        of the layers, find each such row and raise :class:`Unwritable` naming them all,
        before anything of the sync's own tables is written."""
        assert self._before is not None
        conn = self.conn
        new = layers.added(conn, self.tables)
        added = _columns_added(conn, self.tables)
        if new:  # layers and columns brought by a GIS package: made in PostgreSQL too
            layers.make(self.pg, conn, new)
        if added:
            grow.grow(self.pg, added, in_database=False)
        if new or added:
            self.tables = {t.name: t for t in mirror.mirrored(conn)}
        conn.execute("ATTACH DATABASE ? AS before", (self._before,))
        counts = {"inserted": 0, "updated": 0, "deleted": 0}
        try:
            for tbl in new:  # every row of it is new
                conn.execute(f"CREATE TABLE before.{quote(tbl)} AS SELECT * FROM "
                             f"main.{quote(tbl)} WHERE 0")
            for tbl, col, kind, default in added:  # what the rows held before: the default
                conn.execute(f"ALTER TABLE before.{quote(tbl)} ADD COLUMN {quote(col)} {kind}"
                             + (f" DEFAULT {default}" if default is not None else ""))
            with self.pg.cursor() as cur:
                cur.execute("SET LOCAL toksun.capture = 'off'")
                numbering = publish.numbering_whole(cur)  # (else the log numbers its rows)
                # the layers first (a row they refuse stops the command before the sync's
                # own tables are written); the log's rows are numbered when it commits
                refused: list = []
                for t in sorted(self.tables.values(),
                                key=lambda t: (t.name == "sync_changes", not t.tracked)):
                    if not t.tracked and refused:
                        refused = writing.again(conn, cur, self.tables, locked, refused, counts)
                        if refused:
                            raise Unwritable(writing.named(conn, cur, self.tables, refused))
                    if sift and t.tracked:
                        got, no = writing.sift(conn, cur, t, locked)
                        refused += no
                    else:
                        got = writing.write_table(conn, cur, t, locked and t.tracked,
                                                  numbered=t.name == "sync_changes" and numbering)
                    for kind, n in got.items():
                        counts[kind] += n
        except BaseException:
            # a statement reading it may still be open (its cursor held by the error's
            # traceback): the stage is given up, and what broke it off is what counts
            with contextlib.suppress(sqlite3.Error):
                conn.execute("DETACH DATABASE before")
            raise
        conn.execute("DETACH DATABASE before")
        return counts

    def close(self) -> None:
        self.conn.close()


def _columns_added(conn: sqlite3.Connection, known: dict) -> list[grow.Column]:
    """Columns the stage's tables have and PostgreSQL's lack: (table, column, type,
    default)."""
    return [(name, r[1], r[2] or "", r[4])
            for name, t in known.items()
            for r in conn.execute(f"PRAGMA table_info({quote(name)})") if r[1] not in t.names]


def hold_schema(pg) -> None:
    """Lock the tables the master tracks against a change of their schema until the
    transaction ends (a column or a layer a GIS package's merge adds, ``ALTER TABLE`` in
    psql: they wait for it), waiting for one under way (said as any lock waited for is:
    :mod:`.waiting`). Taken before the template is read, the stage then holds the columns
    the rows are written back and logged with, as they stand when the command commits.
    Edits of their rows do not wait for it, nor it for them."""
    with pg.cursor() as cur:
        cur.execute("SELECT DISTINCT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    "c.relnamespace JOIN pg_trigger t ON t.tgrelid = c.oid WHERE n.nspname = "
                    "current_schema() AND t.tgname = 'toksun_capture' ORDER BY 1")
        names = [r[0] for r in cur.fetchall()]
        if names:
            cur.execute(f"LOCK TABLE {', '.join(map(quote, names))} IN ACCESS SHARE MODE")


@contextlib.contextmanager
def staged(pg, reading: bool = False,
           hold: Callable[[object], None] | None = None) -> Iterator[Stage]:
    """A stage of the master ``pg`` holds; ``hold(pg)`` takes the locks meant to last the
    command's transaction (taken first, and again where tracking what was added to the
    schema committed on its own); ``reading``: for a command that only reads
    (:class:`Stage`)."""
    with scratch.folder() as workdir:
        st = Stage(pg, workdir, reading, hold)
        try:
            yield st
        finally:
            st.close()
