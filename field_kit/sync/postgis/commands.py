# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync commands on a PostgreSQL master: each runs the one sync core on a stage
(:mod:`field_kit.sync.postgis.stage`) inside one PostgreSQL transaction."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator

from ...db import connect, quote
from ...errors import Busy, Refused, SyncError
from .. import codes, codes_follow, named_by_records
from .. import merge as sync_merge
from . import address, nan, roles, sql, turns, values, waiting
from .stage import hold_schema, staged
from .writing import Unwritable, raced

RETRIES = 5  # a deadlock with an editor, or a row two merges bring in at once, is tried again
AGAIN = 20  # a merge run again with the changes the database refused left out, at most
WORK_MEM = "64MB"  # a merge's transaction sorts and hashes in memory up to this, at least


class _Again(Exception):
    """The database refused changes the merge had not refused yet: run it again without."""


class _After(Exception):
    """A package's device's earlier changes are being merged by another session: run it
    again once that merge has ended (:mod:`.turns`)."""

    def __init__(self, claimed: list) -> None:
        super().__init__()
        self.claimed = claimed


def _retrying(run):
    """Run ``run(pg)`` in a transaction, tried again (up to RETRIES times) where PostgreSQL
    rolled it back whole because another transaction got there first (:func:`raced`; a
    row uuid another merge inserted meanwhile is found there when tried again and met
    three-way). Any other rule of the database a value breaks refuses the command."""
    import psycopg2

    def go(target: str):
        pg = address.connect(target)
        try:
            with waiting.said(target, pg):
                return attempts(target, pg)
        finally:
            pg.close()

    def attempts(target: str, pg):
        for attempt in range(RETRIES):
            try:
                with address.transaction(target, pg):
                    out = run(pg)
                    address.commit(target, pg)
                    return out
            except psycopg2.Error as exc:  # (rolled back: the connection is whole)
                if not raced(exc):
                    raise _refused(exc) from None
                if attempt == RETRIES - 1:
                    raise Busy(f"{target}: in use (other transactions came first "
                               f"{RETRIES} times); nothing was changed: run it again"
                               ) from None
    return go


def _refused(exc: BaseException) -> Refused:
    return Refused(f"the database refused it: {str(exc).strip()}; nothing was changed")


def _unwritable(exc: Unwritable) -> Refused:
    return Refused(f"the database refused {exc}; nothing was changed")


def _named_as_master(exc: SyncError, path: str, target: str) -> None:
    """An error the command raised from its stage at ``path`` names the master as the user
    knows it, not the stage's temporary file, and mends it there: a repair of the master,
    not of "this file"."""
    if not path or path not in exc.message:
        return
    from ..masters import shown
    # (the repair the stage's file was told to run is the master's)
    exc.message = re.sub(r"field-kit repair .+? before anything else",
                         "field-kit repair on the master before anything else",
                         exc.message).replace(path, shown(target))
    exc.args = (exc.message,)
    if exc.zh:
        exc.zh = exc.zh.replace(path, shown(target))


@contextlib.contextmanager
def _stage_named(st, target: str) -> Iterator[None]:
    """Inside it, an error raised from the stage ``st`` names the master
    (:func:`_named_as_master`)."""
    try:
        yield
    except SyncError as exc:
        _named_as_master(exc, st.path, target)
        raise


def merge(target: str, packages: list, **kwargs) -> sync_merge.MergeReport:
    """:func:`field_kit.sync.merge.merge` into a PostgreSQL master: only the rows the
    packages touch are staged, locked until the merge commits. Merges of different devices
    run side by side; two of one device's packages merge one after the other, the later
    waiting for the earlier where another session merges that (:mod:`.turns`).

    Values are put as the database will hold them, and those its column types refuse are
    refused (:func:`values.take`); where its other rules (NOT NULL, CHECK, a foreign key, a
    trigger) refuse rows when they are written, the changes that made them are refused by
    name and the merge runs again, in a new transaction, without them."""
    refused: dict = {}

    def run(pg):
        roles.session(pg).require("merge")
        def hold(pg) -> None:  # (before the stage: it holds what an earlier merge added)
            turns.take(pg, packages)
            hold_schema(pg)  # (and what another device's merge, or psql, adds meanwhile)

        with staged(pg, hold=hold) as st, _stage_named(st, target):
            with pg.cursor() as cur:
                # the rows it touches sorted (to lock them in one order) and joined (to
                # write them) in memory, not in temporary files: the default 4 MB holds
                # some ten thousand rows; a server given more keeps its own
                cur.execute("SELECT set_config('work_mem', %s, true) WHERE pg_size_bytes("
                            "current_setting('work_mem')) < pg_size_bytes(%s)",
                            (WORK_MEM, WORK_MEM))
            st.without_spatial_index()
            st.copy_small()
            st.copy_checked_against()

            def fill(conn) -> None:
                changes = [c for (c,) in conn.execute("SELECT DISTINCT change FROM incoming")]
                rows = conn.execute("SELECT DISTINCT tbl, row FROM incoming").fetchall()
                # and the rows holding the codes they give, which no second row takes, the
                # records naming the rows they delete, which keep them, and the rows naming
                # those they rename or named by theirs, whose codes follow
                following = codes_follow.renamed(conn)
                st.copy_rows(rows + st.rows_coded(codes.incoming(conn))
                             + st.rows_coded(named_by_records.deleted(conn)
                                             + following, alike=False), changes)
                st.copy_deletes_of(following)
                # and those holding the codes of the rows' history: an edit of a deleted row
                # does not bring it back beside a row holding its code since
                st.copy_coded()
                # and the rows named by those deleted here, which an edit brings back
                st.copy_named_by_deleted(rows)
                st.copy_photos_of(rows)  # (to say a record marked restored has none)
                st.copy_projects_of(rows)  # (to say a project's patches disagree)
                st.align_geometry()
                st.snapshot()

            def check(conn) -> None:
                values.refuse(conn, refused)
                values.take(pg, conn, st.tables)

            report = sync_merge.merge_into(st.conn, packages, before_apply=fill,
                                           after_check=check, name_limit=sql.name_limit(pg),
                                           log=_log_of(pg), **kwargs)
            claimed = turns.merging(pg, report.behind)
            if claimed:  # (rolled back: its device's lock goes to the merge it waits for)
                raise _After(claimed)
            if report.results:
                try:
                    st.write_back(locked=True, sift=True)
                except Unwritable as exc:
                    more = values.refusals(st.conn, exc.rows)
                    if not more.keys() - refused.keys():
                        raise _unwritable(exc) from None
                    refused.update(more)
                    raise _Again from None
            return report
    tries = 0
    while tries < AGAIN:
        try:
            return _retrying(run)(target)
        except _Again:
            tries += 1
        except _After as after:  # (each waits for an earlier seq: no two wait on each other)
            turns.wait(target, after.claimed)
    raise Refused(f"the database refused changes again after {AGAIN} merges leaving out "
                  "those it refused before; nothing was changed")


def _log_of(pg):
    """The database's log as :func:`field_kit.sync.brought_up_to.log_of` gives a file's (the
    stage holds little of it): its change at a seq, and the seq it ends at."""
    def log(seq: int) -> tuple:
        with pg.cursor() as cur:
            cur.execute("SELECT (SELECT change_uuid FROM sync_changes WHERE seq = %s), "
                        "(SELECT coalesce(max(seq), 0) FROM sync_changes)", (seq,))
            return tuple(cur.fetchone())
    return log


def _refuse_nan_figures(pg, st, target: str) -> None:
    """The figures the reports count that hold NaN in the master (typed in psql): the stage
    holds them empty, as a GeoPackage holds NaN, which no report may count unsaid; named
    with the rest no report can count (:func:`~field_kit.reports.progress.
    refuse_unreadable_figures`)."""
    from ...db import file_columns
    from ...reports.progress import FIGURES, refuse_unreadable_figures
    from ..masters import shown
    found = []
    with pg.cursor() as cur:
        for table, (columns, name) in FIGURES.items():
            have = set(file_columns(st.conn, table))
            label = name if name in have else "uuid"
            for col in (c for c in columns if c in have):
                cur.execute(f"SELECT {quote(label)}::text, uuid::text FROM {quote(table)} "
                            f"WHERE pg_typeof({quote(col)})::text = ANY(%s) AND "
                            f"{quote(col)}::text = 'NaN' ORDER BY 1", (list(nan.FLOATS),))
                found += [f"{table} {who or uuid}: {col} holds nan" for who, uuid in cur]
    if found:
        refuse_unreadable_figures(st.conn, shown(target), found)


def _copy_patches_edited(st) -> None:
    """The first and last change of each patch the log adds, deletes or moves to another
    phase or project: the plan check says a count of 专栏6-1/6-2 off the text is the
    master's by them, each named by its code (an insert's or a deletion's holds it)
    (:func:`~field_kit.reports.plan_check.check_plan`), where a plan stage holds no log."""
    edited = ("FROM sync_changes WHERE tbl = 'mine_patches' AND (op <> 'update' OR "
              "new::jsonb ? 'phase' OR new::jsonb ? 'project_id') GROUP BY row_uuid")
    with st.quiet():
        st.copy("sync_changes", f"seq IN (SELECT min(seq) {edited}) OR seq IN "
                f"(SELECT max(seq) {edited})")


# the command a stage is written back for, by what it stages: only supervisors run them
WRITES = {"conflicts": "resolve", "undo": "undo", "checkout": "checkout"}


# what history, conflicts and progress (and the reports) stage: read only
READING = ("history", "conflicts", "plan")


@contextlib.contextmanager
def master_file(target: str | os.PathLike, *, needs: str, write: bool = False,
                acting: dict | None = None, progress=None, **args) -> Iterator[str]:
    """The path of a GeoPackage master for ``target``: itself, or for a PostgreSQL master a
    stage holding what the command ``needs`` (:meth:`Stage.copy_for`). With ``write``, what
    the command changed in the stage is written back in one transaction (refused as "in use"
    where the database changed meanwhile), and the rows it may change are staged locked; a
    session that is no supervisor's is refused first, by name (:mod:`.roles`). ``acting``
    gets the database's session as ``"session"`` (:class:`~.roles.Session`: who settles a
    conflict, whether the user may). ``progress(fraction)`` hears how far a checkout's
    staging got (:meth:`Stage.copy_for`); raising from it stops it, nothing written back.
    A command that writes holds the schema of the tracked tables until it commits
    (:func:`~.stage.hold_schema`), as a merge does."""
    if not address.is_postgres(target):
        yield os.fspath(target)
        return
    pg = address.connect(str(target))
    path = None
    try:
        with address.transaction(str(target), pg):
            you = roles.session(pg)
            if acting is not None:
                acting["session"] = you
            if write:
                you.require(WRITES[needs])
            # (a table dropped there stops no command that only reads: warned; one that
            # writes holds the schema, so what it writes and logs has every column, as it
            # stands when it commits: a column added meanwhile waits for it)
            with waiting.said(str(target), pg), \
                    staged(pg, reading=not write and needs in READING,
                           hold=hold_schema if write else None) as st:
                path = st.path
                st.copy_for(needs, lock=write, progress=progress, **args)
                if needs == "plan":
                    _copy_patches_edited(st)
                    _refuse_nan_figures(pg, st, str(target))
                if write:
                    st.snapshot()
                    if acting is not None:  # what it logs, as the database holds it
                        acting["as_held"] = lambda: values.logged_as_held(
                            pg, st.path, st.before, st.tables)
                st.conn.close()  # the command opens the file itself
                yield st.path
                if write:
                    st.conn = connect(st.path)
                    try:
                        st.write_back(sift=True)
                    except Unwritable as exc:
                        raise _unwritable(exc) from None
                    address.commit(str(target), pg)
    except BaseException as exc:  # (rolled back)
        if type(exc).__module__.startswith("psycopg2"):  # a rule of the database, by name
            raise _refused(exc) from None
        if isinstance(exc, SyncError) and path:
            _named_as_master(exc, path, str(target))
        raise
    finally:
        pg.close()
