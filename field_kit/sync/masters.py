# SPDX-License-Identifier: GPL-2.0-or-later
"""A master wherever it is kept: a GeoPackage (a path) or PostgreSQL (an address such as
``postgresql://host/db?schema=toksun`` or ``service=NAME``). The command line and the QGIS
plugin call these; each runs the one sync core, on the file itself or on a stage of the
database (:mod:`field_kit.sync.postgis`)."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..db import (
    PART,
    aside,
    connect,
    in_command,
    is_database,
    quote,
    refuse_unfinished,
    remove_database,
)
from ..errors import BadInput, Refused, SyncError
from . import (
    audit,
    changelog,
    codes_follow,
    conflicts_now,
    dates_for_qgis,
    not_finite,
    package_checkout,
    package_manifest,
    pull_refusals,
    rederive,
    refused,
    registry,
    rewritten,
    settling,
)
from . import merge as _merge
from . import pull as _pull
from . import readmit as _readmit
from . import superseded as superseded_by
from . import undo as _undo
from .postgis import address
from .postgis.address import is_postgres
from .postgis.commands import master_file

if TYPE_CHECKING:
    from ..plan.values import RecordOn

Master = Any  # str | os.PathLike: a GeoPackage path or a PostgreSQL address


def shown(master: Master) -> str:
    """The master as messages name it: a file's path, or PostgreSQL's database and schema
    (:func:`~field_kit.sync.postgis.address.shown`)."""
    if is_postgres(master):
        return f"PostgreSQL {address.shown(master)}"
    return os.fspath(master)


def shown_name(master: Master) -> str:
    """The master's short name: a file's name, or its database and schema."""
    if is_postgres(master):
        return address.shown(master)
    return os.path.basename(os.fspath(master))


def file_stem(master: Master) -> str:
    """The master's name as the start of a file's name: a file's stem, or its database and
    schema ("province-toksun")."""
    if is_postgres(master):
        return re.sub(r"\W+", "-", address.shown(master).replace("(schema ", "")).strip("-")
    return os.path.splitext(os.path.basename(os.fspath(master)))[0]


def capture_unwatched(master: Master) -> str | None:
    """For a PostgreSQL master, why capture switched off and on again there is not recorded
    (:func:`~field_kit.sync.postgis.watch.unwatched`); None where it is, and for a
    GeoPackage master (its triggers cannot be switched off and on again: it has none to
    disable)."""
    from .postgis import watch
    return _in_postgres(master, watch.unwatched, None)


def nan_held(master: Master, since: int | None = None) -> list[str]:
    """For a PostgreSQL master, the tracked tables' rows and fields that hold NaN (those
    changed after the log's seq ``since`` only), which packages and pulls carry as empty
    (:mod:`~field_kit.sync.postgis.nan`); none for a GeoPackage master (SQLite cannot hold
    NaN)."""
    from .postgis import nan
    return _in_postgres(master, lambda pg: nan.said(pg, since), [])


def nan_checked(master: Master, since: int | None, done: str) -> list[str]:
    """:func:`nan_held` after a command that is through (``done``: "pulled", "checked
    out"), on a connection of its own: where the master cannot be reached by then, the
    command stands, and the check that could not run is said."""
    try:
        return nan_held(master, since)
    except address.Unreachable as exc:
        return [f"the rows {done} were not checked for NaN: {exc.name} cannot be reached now "
                f"({exc.reason}); where the master holds NaN in them, the package holds it as "
                "empty (NULL)"]


def checkout_warnings(master: Master, package, box_empty: str | None = None) -> list[str]:
    """What a checkout from ``master`` into the field package ``package`` (its file) warns
    of, the package made all the same, each once, in the order every face says them: a box
    around no patch (``box_empty``), the plan's figures it carried as ±Infinity, the rows
    whose NaN it carried as empty, whole numbers beyond what their column holds as QGIS
    reads it, dates and times QGIS shows empty, and grants that grant nothing."""
    with contextlib.closing(connect(package, readonly=True)) as conn:
        infinite = not_finite.held(conn)
        ignored = registry.grants_ignored(conn)
        dates = dates_for_qgis.said(conn)
    return [*([box_empty] if box_empty else []),
            *not_finite.said(package, infinite, "checkout"),
            *nan_checked(master, None, "checked out"), *pull_refusals.values_beyond(package),
            *dates, *ignored]


def key_references(master: Master) -> list[str]:
    """The foreign keys between tracked tables on a key each copy numbers for itself
    (:mod:`~field_kit.sync.postgis.references`): a GeoPackage master's fid, a PostgreSQL
    master's serial."""
    from .postgis import references
    if is_postgres(master):
        return _in_postgres(master, references.said, [])
    with contextlib.closing(connect(master, readonly=True)) as conn:
        return [references.line(*found) for found in file_key_references(conn)]


def file_key_references(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(table, column, table referred to, its key) of each foreign key of a tracked table to
    a tracked table's INTEGER PRIMARY KEY (SQLite's own, as the county's file declares it)."""
    tracked = {t.name.lower(): t.name for t in registry.tracked(conn)}
    found = []
    for tbl in tracked.values():
        keys: dict[int, list] = {}
        for fk_id, _, ref, col, to, *_ in conn.execute(f"PRAGMA foreign_key_list({quote(tbl)})"):
            keys.setdefault(fk_id, []).append((ref, col, to))
        for (ref, col, to), *more in keys.values():
            name = tracked.get(ref.lower())
            if more or name is None:
                continue
            own = [r[1] for r in conn.execute(f"PRAGMA table_info({quote(name)})")
                   if r[5] and r[2].upper() == "INTEGER"]
            if own and (to is None or to.lower() == own[0].lower()):
                found.append((tbl, col, name, own[0]))
    return found


def _in_postgres(master: Master, read, otherwise):
    """What ``read(connection)`` finds in a PostgreSQL master; ``otherwise`` for a file."""
    if not is_postgres(master):
        return otherwise
    pg = address.connect(str(master))
    try:
        with address.transaction(str(master), pg):
            return read(pg)
    finally:
        pg.close()


def shapes_followed(master: Master) -> list:
    """The plan features whose shape was written in the master itself without their area
    and centre (the sqlite3 shell, ogr2ogr, a GDAL script, psql) since the last command
    that looked, given those of the shape and logged (:meth:`~field_kit.sync.rederive.
    Shapes.captured`); what became of each (:class:`~field_kit.sync.rederive.Followed`);
    then the rows given the code of the row they name, renamed there since (QGIS, psql),
    or moved to the row the code typed in them names (:class:`~field_kit.sync.codes_follow.
    Followed`; :func:`~field_kit.sync.rederive.said` says both). Every command that reads
    or sends the master's data looks first."""
    with aside():  # (not what the command itself did: a command stopped later did nothing)
        if is_postgres(master):
            from .postgis import shapes
            return shapes.follow(str(master))
        return rederive.follow_file(master)


def waiting_to_follow(master: Master) -> tuple[list[str], list[str]]:
    """What the master's own edits leave for the next command that reads or sends its data
    to follow (:func:`shapes_followed`): the tables whose shapes wait for their area and
    centre, and those whose rows wait for the codes of the rows they name; reads only."""
    if is_postgres(master):
        from .postgis import shapes
        return _in_postgres(master, shapes.waiting, ([], []))
    conn = connect(master, readonly=True)
    try:
        if changelog.state(conn)["kind"] != changelog.MASTER:
            return [], []
        tables, coded = rederive.waiting(conn)
        # (a row keeping another code than its row's waits; an edit that left none, not)
        return [t.name for t in tables], [
            link[0] for link in codes_follow.links(conn) if link[0] in coded and
            conn.execute(codes_follow.differing_sql(link)).fetchone()[0]]
    finally:
        conn.close()


def must_be_master(master: Master) -> None:
    """A GeoPackage the plan commands read as the master is one: a field package holds a
    township's or a box's patches alone, which would be reported as the county's, so it is
    refused as merge refuses it; a file with no change capture is said to be neither
    (:func:`~field_kit.sync.changelog.no_capture`). A PostgreSQL master is checked where it
    is staged."""
    if is_postgres(master):
        return
    conn = connect(master, readonly=True)  # (a master marked read-only is read as it is)
    try:
        kind = changelog.state(conn)["kind"]
    finally:
        conn.close()
    if kind != changelog.MASTER:
        raise changelog.not_a_master(master)


def refuse_package_as_master(master: str, packages: list) -> None:
    """A change package given where a merge takes the master, the two swapped most often:
    said so, with the order a merge takes them in, and the command in that order where one
    of the packages given is a GeoPackage."""
    if is_database(master) or package_manifest.said_manifest(master) is None:
        return  # (a zip of another kind is said as what it is when it is opened)
    given = [os.fspath(p) for p in packages]
    gpkgs = [p for p in given if is_database(p)]
    here = "" if len(gpkgs) != 1 else " (here field-kit merge {})".format(" ".join(
        in_command(p) for p in [gpkgs[0], master, *(p for p in given if p != gpkgs[0])]))
    raise BadInput(f"{master} is a change package, not a master: the master comes first: "
                   f"field-kit merge MASTER PACKAGE...{here}; nothing was merged")


def _kind(path) -> str | None:
    """What a GeoPackage is (:data:`~field_kit.sync.changelog.MASTER` or ``PACKAGE``), or
    None where it is neither, or not one at all."""
    if not is_database(path):
        return None
    try:
        conn = connect(path, readonly=True)
    except (sqlite3.Error, SyncError):
        return None
    try:
        return changelog.state(conn)["kind"] if changelog.is_installed(conn) else None
    except (sqlite3.Error, SyncError):
        return None
    finally:
        conn.close()


def refuse_swapped_pull(package, master) -> None:
    """A master given where a pull takes the field package and a field package where it
    takes the master, the two swapped: said so, with the order a pull takes them in and the
    command in that order (a field package alone given as the master is said to be one
    where the master is opened)."""
    if is_postgres(master) or _kind(master) != changelog.PACKAGE:
        return
    if not (is_postgres(package) or _kind(package) == changelog.MASTER):
        return
    raise BadInput(f"{os.fspath(master)} is a field package, not a master: pull takes the "
                   "package first: field-kit pull PACKAGE MASTER (here field-kit pull "
                   f"{in_command(master)} {in_command(package)}); nothing was pulled")


def merge(master: Master, packages: list, **kwargs) -> _merge.MergeReport:
    if not is_postgres(master):  # the master first: what a checkout cut short left
        refuse_unfinished(os.fspath(master))
        refuse_package_as_master(os.fspath(master), packages)
    if not packages:  # (a script's or a model's empty list: nothing to name as missing)
        raise BadInput("no change package given; nothing was merged")
    # a package not there stops the merge before the master is touched: said so, all named
    missing = [os.fspath(p) for p in packages if not os.path.lexists(p)]
    if missing:
        raise BadInput(f"no such file: {', '.join(missing)}; nothing was merged")
    followed = shapes_followed(master)
    kwargs.setdefault("master_name", shown_name(master))  # (a package from another: named)
    kwargs.setdefault("master_typed", in_command(os.fspath(master)))  # (a command it tells)
    if is_postgres(master):
        from .postgis.commands import merge as into_postgres
        report = into_postgres(master, packages, **kwargs)
    else:  # (its own look then finds nothing left)
        report = _merge.merge(master, packages, **kwargs)
    report.derived[:0], report.codes_followed[:0] = _apart(followed)
    return report


def readmit(master: Master, package, register: bool = True) -> dict:
    """The device of the field ``package`` registered again in ``master``
    (:func:`field_kit.sync.readmit.readmit`; ``register`` False: nothing written): a
    GeoPackage master only, a PostgreSQL one refused by name with the way there."""
    if is_postgres(master):
        raise Refused(
            f"{shown(master)}: readmit registers a device again in a GeoPackage "
            "master only, not in a PostgreSQL one; nothing was registered: check the device "
            "out again (field-kit checkout MASTER NEW.gpkg --device DEVICE, cut as before) "
            "and enter its changes again in NEW.gpkg (field-kit log FIELD_PACKAGE lists them)")
    return _readmit.readmit(master, package, register=register)


def _apart(followed: list) -> tuple[list, list]:
    """What a look at the master's own edits (:func:`shapes_followed`) followed: (the
    shapes, the codes), as a merge's report keeps them apart."""
    return ([f for f in followed if isinstance(f, rederive.Followed)],
            [f for f in followed if not isinstance(f, rederive.Followed)])


def merges(master: Master, acting: dict | None = None) -> list[dict]:
    """The master's merges, oldest first; ``acting`` gets the database's session, as
    :func:`~field_kit.sync.postgis.commands.master_file` gives it (what the role may do)."""
    with master_file(master, needs="status", acting=acting) as path:
        return audit.merges(path)


def conflicts(master: Master, **kwargs) -> list:
    with master_file(master, needs="conflicts") as path:
        return conflicts_now.conflicts(path, **kwargs)


def to_settle(master: Master, report, in_part: dict | None = None,
              superseded: dict | None = None) -> dict[str, int]:
    """merge id -> the open conflicts that merge of ``report`` recorded, counted as they are
    listed to settle (a field each; a merge's counts are of changes, one of which may hold
    several fields in conflict). ``in_part`` gets, read in the same look at the master,
    :func:`~field_kit.sync.audit.applied_in_part` of those merges; ``superseded``, merge id
    -> those of its conflicts the same run closed as superseded (a later edit merged)."""
    merge_ids = [r.merge_id for r in report.results if r.merge_id and r.counts["conflict"]]
    if not merge_ids:
        return {}
    with master_file(master, needs="conflicts") as path:
        recorded = [c for c in conflicts_now.conflicts(
            path, status=None if superseded is not None else "open")
            if c.merge_id in merge_ids]
        if in_part is not None:
            in_part.update(audit.applied_in_part(path, merge_ids))
    held = Counter(c.merge_id for c in recorded if c.status == "open")
    if superseded is not None:  # (the merges are this run's: none other closed them yet)
        superseded.update(Counter(c.merge_id for c in recorded if c.status == "resolved"
                                  and superseded_by.merge_of(c.resolution)))
    return {m: held[m] for m in merge_ids}


def fields_in_conflict(master: Master, merge_ids, status: str | None = "open"
                       ) -> dict[str, int]:
    """merge id -> the conflicts (``status`` None: open or settled) each of ``merge_ids``
    recorded, a field each."""
    merge_ids = set(merge_ids)
    if not merge_ids:
        return {}
    held = Counter(c.merge_id for c in conflicts(master, status=status)
                   if c.merge_id in merge_ids)
    return {m: held[m] for m in merge_ids}


def fields_settled(master: Master, merge_ids) -> tuple[Counter, Counter, Counter]:
    """(merge id -> the conflicts each of ``merge_ids`` recorded, a field each; merge id ->
    those of them open yet; merge id -> those closed with their layer, dropped from the
    master), in one read of the master."""
    from .conflicts import DROPPED
    merge_ids = set(merge_ids)
    recorded = [c for c in conflicts(master, status=None)
                if c.merge_id in merge_ids] if merge_ids else []
    return (Counter(c.merge_id for c in recorded),
            Counter(c.merge_id for c in recorded if c.status == "open"),
            Counter(c.merge_id for c in recorded if c.status == DROPPED))


def resolve(master: Master, *args, by: str | None = None, settled: list | None = None,
            shown: int = 0, **kwargs) -> list[int]:
    """:func:`~field_kit.sync.settling.resolve`; on a PostgreSQL master the decision is kept as
    made by the database's session, as capture names an edit made there ("anna
    (field-kit)"), after the name ``by`` gives where one is. ``settled`` gets the first
    ``shown`` conflicts settled, each with its row's name and what the master holds there
    now (:func:`~field_kit.sync.settling.settled_now`)."""
    acting: dict = {}
    typed = kwargs.get("value")
    with master_file(master, write=True, needs="conflicts", acting=acting,
                     value=[typed] if isinstance(typed, str) else typed) as path:
        if "session" in acting:
            who = acting["session"].who
            by = f"{by}, as {who}" if by else who
        ids = settling.resolve(path, *args, by=by, **kwargs)
        if "as_held" in acting:  # a value typed, as the column holds it (rounded, say)
            acting["as_held"]()
        if settled is not None and shown:
            settled += settling.settled_now(path, ids[:shown])
        return ids


def records_named(master: Master, name: str | None, table: str, row: str
                  ) -> list[RecordOn]:
    """:func:`~field_kit.plan.values.records_named` of a GeoPackage or PostgreSQL master."""
    from ..plan.values import records_named as named
    with master_file(master, needs="named", name=name, table=table, row=row) as path:
        return named(path, name, table, row)


def rows_named(master: Master, name: str, *, before: bool = False) -> list[tuple[str, str]]:
    """:func:`~field_kit.plan.values.rows_named` of a GeoPackage or PostgreSQL master."""
    from ..plan.values import rows_named as named
    with master_file(master, needs="named", name=name) as path:
        return named(path, name, before=before)


def history(master: Master, row_uuid: str) -> list[dict]:
    with master_file(master, needs="history", row=row_uuid) as path:
        return audit.history(path, row_uuid)



def columns_gone(master: Master) -> list[str]:
    """Of a PostgreSQL master, the columns of its tracked tables dropped or renamed in the
    database (:func:`~field_kit.sync.postgis.altered.columns_gone`), a line each; none of a
    GeoPackage (its triggers refuse a column dropped)."""
    if not is_postgres(master):
        return []
    from .postgis import altered
    pg = address.connect(str(master))
    try:
        return [str(c) for c in altered.columns_gone(pg)]
    finally:
        pg.close()


def rewrite_in_history(master: Master, row_uuid: str, changes: list[dict]
                       ) -> tuple[str | None, list[dict]]:
    """The layer a row with no recorded change (``changes`` empty) is held in, where that
    layer was found rewritten or the row was pasted (or pasted from); and the rewrites
    history says beside the row's changes (:func:`rewritten.in_history`: each with the line
    that says it), or the drop of its
    layer from the master (:func:`rewritten.dropped_in_history`), and a paste the master's
    capture gave its own uuid (:func:`pasted_rows.in_history`). A layer is found
    rewritten by repair of a GeoPackage or a PostgreSQL master (its stage: the row and its
    log)."""
    from . import pasted_rows, rewritten
    from .postgis import pasted as pg_pasted
    recorded = pg_pasted.of_row(str(master), row_uuid) if is_postgres(master) else []
    with master_file(master, needs="history", row=row_uuid) as path:
        conn = connect(path, readonly=True)
        try:
            held, said = _rewrites_in_history(conn, row_uuid, changes)
            pasted = pasted_rows.in_history(conn, row_uuid, recorded)
            if pasted and held is None and not changes:  # (a row no edit of which is logged)
                held = rewritten.held_in(conn, row_uuid, registry.by_name(conn))
            return held, said + pasted
        finally:
            conn.close()


def _rewrites_in_history(conn: sqlite3.Connection, row_uuid: str, changes: list[dict]
                         ) -> tuple[str | None, list[dict]]:
    from . import rewritten
    tbl = changes[-1]["tbl"] if changes else rewritten.holding(conn, row_uuid)
    if tbl is not None and tbl in registry.dropped(conn):  # (said as a rewrite is)
        return None, rewritten.dropped_in_history(tbl, row_uuid, changes)
    if tbl is None or tbl not in registry.by_name(conn):
        return None, []
    return (None if changes else tbl), rewritten.in_history(conn, tbl, row_uuid, changes)


def is_field_package(master) -> bool:
    """Whether ``master`` is a field package's GeoPackage (not a master, a PostgreSQL
    address, nor a file that cannot be read as either)."""
    if is_postgres(master):
        return False
    try:
        conn = connect(master, readonly=True)
        try:
            return changelog.state(conn)["kind"] == changelog.PACKAGE
        finally:
            conn.close()
    except (SyncError, sqlite3.Error):
        return False


def without_capture(master) -> bool:
    """Whether ``master`` is a GeoPackage with no change capture in it, neither a master nor a
    field package (:func:`~field_kit.sync.changelog.no_capture`: a copy made by QGIS's
    Package layers or ogr2ogr, most often); not a PostgreSQL address, nor a file that cannot
    be read."""
    if is_postgres(master):
        return False
    try:
        conn = connect(master, readonly=True)
        try:
            return not changelog.is_installed(conn)
        finally:
            conn.close()
    except (SyncError, sqlite3.Error):
        return False


def undo_merge(master: Master, merge_id: str) -> int:
    return undo(master, merge_id).reverted


def undo(master: Master, merge_id: str, by: str | None = None) -> _undo.Undone:
    """:func:`~field_kit.sync.undo.undo`, kept as made by ``by`` (else the user the command
    runs as); on a PostgreSQL master by the database's session, after the name ``by``
    gives, as :func:`resolve` keeps who settles."""
    acting: dict = {}
    with master_file(master, write=True, needs="undo", merge_id=merge_id,
                     acting=acting) as path:
        if "session" in acting:
            who = acting["session"].who
            by = f"{by}, as {who}" if by else who
        return _undo.undo(path, merge_id, postgres=is_postgres(master), by=by)


def pull(package, master: Master, progress=None):
    followed = shapes_followed(master)
    since: dict = {}
    if is_postgres(master):  # only the log since the package's base is staged
        conn = connect(package, readonly=True)
        try:
            st = changelog.state(conn)
            has = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                              "'table'")}
            seen = int(registry.meta(conn, refused.SEEN) or 0)
            open_here = [r[1:3] for r in conn.execute(_pull.OPEN_HERE_SQL)] \
                if "sync_conflicts" in has else []
            # the rows of its edits not looked at yet: those refused, it may take as the
            # master holds them
            open_here += conn.execute("SELECT DISTINCT tbl, row_uuid FROM sync_changes WHERE "
                                      "origin = 'local' AND seq > ?", (seen,)).fetchall()
            rewrites = registry.json_meta(conn, rewritten.REWRITTEN)
        finally:
            conn.close()
        since = {"base": st["base_seq"], "device": st["device"], "has": has,
                 "fates_after": seen, "open_here": open_here, "rewrites_held": rewrites}
    with master_file(master, needs="pull", **since) as path:
        result = _pull.pull(package, path, master_name=shown_name(master),
                            master_typed=in_command(os.fspath(master)), progress=progress)
    result.derived[:0], result.codes_followed[:0] = _apart(followed)
    return result


def _part_of(progress, start: float, end: float):
    """``progress`` heard from ``start`` to ``end`` of it, as a step's own 0..1 (None: None)."""
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * fraction)


# Where staging a PostgreSQL master ends on a checkout's progress (0..1): the rows come
# over the network into the stage, then the package is written from it as from a file.
STAGED = 0.5


def checkout(master: Master, out, device: str, *, progress=None, warn: bool = True,
             **kwargs) -> dict:
    """:func:`field_kit.sync.package_checkout.checkout` of ``master``; ``progress(fraction)`` hears
    how far it got, staging a PostgreSQL master (its first :data:`STAGED`) too. What it
    warns of is in ``"warnings"`` (:func:`checkout_warnings`); ``warn`` False: not read
    (a QField project's package, read once its folder is named)."""
    out = os.fspath(out)
    there = os.path.exists(out)
    followed = shapes_followed(master)
    share = STAGED if is_postgres(master) else 0.0
    staged, writing = _part_of(progress, 0.0, share), _part_of(progress, share, 1.0)
    unnamed = None  # (a PostgreSQL master's package, until the database registered it)
    try:
        with master_file(master, write=True, needs="checkout", progress=staged,
                         township=kwargs.get("township"), bbox=kwargs.get("bbox"),
                         patches=kwargs.get("patches"),
                         features=kwargs.get("features")) as path:
            shapes, coded = _apart(followed)
            info = package_checkout.checkout(path, out, device, master_name=shown_name(master),
                                      progress=writing, named=not is_postgres(master),
                                      **kwargs)
            unnamed = info.pop("unnamed")
        if unnamed is not None:  # named once the database committed its registration
            os.replace(unnamed, out)
            if unnamed != out + PART:  # (the one checked out again in place of)
                with contextlib.suppress(OSError):
                    os.remove(out + PART)
        done = {**info, "derived": shapes, "codes_followed": coded}
    except BaseException as exc:
        if unnamed is not None and os.path.isfile(unnamed):
            # kept where the database may have registered it (as a kill here leaves it),
            # beside the one it was to replace: the same checkout run again takes the one
            # registered
            if isinstance(exc, address.Unreachable) and exc.committing:
                raise address.checkout_lost(exc) from None
            # the connection lost before the commit: the database registered nothing
            if isinstance(exc, address.Unreachable):
                _remove_unregistered(exc, unnamed)
            elif not _holds(master, unnamed, device):
                remove_database(unnamed)  # (the database refused it: the one before stands)
            raise
        # the device was not registered after all (the database refused the write-back):
        # a package the master does not know would be refused at every merge
        if not there and os.path.exists(out):
            if isinstance(exc, address.Unreachable) and exc.committing:
                # or it was, its answer lost: kept unnamed, as a checkout cut short keeps
                # it, so that the same checkout run again makes it anew (nobody has it)
                os.replace(out, out + PART)
                raise address.checkout_lost(exc) from None
            if isinstance(exc, KeyboardInterrupt) and _holds(master, out, device):
                os.replace(out, out + PART)  # (stopped once registered: as cut short)
                raise
            remove_database(out)
        raise
    # (read once the package is the user's: what cannot be read then leaves it standing)
    if not warn:
        return done
    return {**done, "warnings": checkout_warnings(master, out, done.get("box_empty"))}


def to_undo(master: Master, merge_id: str) -> _undo.ToUndo:
    """What undoing ``merge_id`` would put back (:func:`~field_kit.sync.undo.to_undo`), to
    ask before it; reads only."""
    if is_postgres(master):
        return _in_postgres(master, lambda pg: _undo.to_undo(pg.cursor(), merge_id, "%s"),
                            None)
    with contextlib.closing(connect(master, readonly=True)) as conn:
        return _undo.to_undo(conn.cursor(), merge_id)


def device_checkout(master: Master, device: str) -> str | None:
    """The checkout uuid ``master`` holds registered for ``device``; None where it holds
    none. :class:`SyncError` where the master cannot be read."""
    try:
        if not is_postgres(master):
            with contextlib.closing(connect(master, readonly=True)) as conn:
                got = conn.execute("SELECT checkout_uuid FROM sync_devices WHERE device = ?",
                                   (device,)).fetchone()
        else:
            with contextlib.closing(address.connect(str(master))) as pg, pg.cursor() as cur:
                cur.execute("SELECT checkout_uuid FROM sync_devices WHERE device = %s",
                            (device,))
                got = cur.fetchone()
    except (sqlite3.Error, OSError) as exc:
        raise SyncError(f"cannot read {shown(master)}: {exc}") from exc
    except Exception as exc:  # (psycopg2's, where the master is PostgreSQL's)
        if type(exc).__module__.startswith("psycopg2"):
            raise SyncError(f"cannot read {shown(master)}: {exc}") from exc
        raise
    return None if got is None else got[0]


def _remove_unregistered(exc: address.Unreachable, unnamed: str) -> None:
    """The package written for a checkout whose connection was lost before its commit
    removed (no database holds it); where it cannot be, ``exc`` names it to delete."""
    try:
        remove_database(unnamed)
    except OSError as kept:
        raise address.Unreachable(
            f"{exc.message}; its unfinished package {unnamed} could not be removed "
            f"({kept.strerror or kept}): delete it", exc.name, exc.reason) from None


def _holds(master: Master, out: str, device: str) -> bool:
    """Whether ``master`` registered the checkout written to ``out`` for ``device`` (stopped
    as its registration committed, or after); where that cannot be told (the server out of
    reach), taken as so: the package kept unnamed, the same checkout run again makes it
    either way."""
    uuid = package_checkout.checkout_of(out)
    if uuid is None:
        return True
    try:
        return device_checkout(master, device) == uuid
    except SyncError:
        return True


__all__ = ["Master", "checkout", "checkout_warnings", "conflicts", "device_checkout", "history",
           "is_postgres", "key_references", "master_file", "merge", "merges", "must_be_master",
           "nan_checked", "nan_held", "pull", "records_named", "resolve", "shapes_followed",
           "shown", "shown_name", "to_undo", "undo_merge", "undo"]
