# SPDX-License-Identifier: GPL-2.0-or-later
"""The code a row keeps of the row it names follows that row's code.

A verification keeps its patch's uuid and its code, an inspection, a patch and a project
target their project's uuid and id, a project its program's: the sync and the progress go
by the uuid, people read the code. A merge that renames a patch while a verification of it
comes from a technician who knew the old code (or was made before) would leave the record
naming its patch by a code the patch no longer has, or, once another patch takes it, by
another patch's. So after a merge has applied its packages (and a conflict is settled, or
a merge undone), each row it wrote that names a row by uuid, and each row naming one whose
code it wrote, is given that row's code, logged as an update of the merge (decision, undo)
whose change made it due (a pull brings it, ``undo-merge`` takes it back with that merge,
``history`` shows it). A row whose code was typed alone (GIS staff moving a patch to
another project in QGIS's form) goes the other way: it is moved to the row that code names,
its uuid written. A row naming a row deleted, or whose code typed names none (or
several), keeps what it has, said as a warning, as is a row renamed to a code another
holds; so does one with a conflict open on that field, whose settling
decides it (said nothing).

A code changed in the master itself (GIS staff renaming a patch in QGIS on a GeoPackage
master, psql on a PostgreSQL one), or typed alone into a row naming another, is followed
the same way by the next command that reads or sends the master's data
(:func:`in_master`, from the look at the shapes edited there:
:meth:`field_kit.sync.rederive.Shapes.captured`), logged as an edit of the master and said
as the master's own.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from ..bilingual import be, counted, them
from ..db import chunks, file_columns, marks, quote, table_exists
from . import changelog, json_fields, log_reads, log_values, registry

# (table, its column naming a row by uuid, its column keeping that row's code, the named
# table, the named table's code column)
LINKS = (
    ("patch_verifications", "patch_uuid", "patch_code", "mine_patches", "patch_code"),
    ("project_inspections", "project_uuid", "project_id", "restoration_projects", "project_id"),
    ("mine_patches", "project_uuid", "project_id", "restoration_projects", "project_id"),
    ("project_targets", "project_uuid", "project_id", "restoration_projects", "project_id"),
    ("restoration_projects", "program_uuid", "program_id", "restoration_programs",
     "program_id"),
)
KINDS = {"mine_patches": "patch", "restoration_projects": "project",
         "restoration_programs": "program"}
# the ids of the changes that give a row the code of the row it names
_FOLLOWING = uuid.UUID("0b8e6a52-4f3d-4c8e-a1d7-6c2e9f5b3a17")


GIVEN, MOVED, NONE, GONE, UNWRITTEN = "given", "moved", "names none", "gone", "not written"
MANY, SHARED, UNHELD = "names several", "shared", "held by none"
PLURALS = {"patch": "patches", "project": "projects", "program": "programs"}
# why a command by GIS staff on a PostgreSQL master leaves them (:attr:`Followed.by`)
NOT_SUPERVISOR = "only a supervisor's command follows them"


class LeftWhy:
    """``why``: what a warning's ``what`` says (None where it is none), as a shape's
    :class:`~field_kit.sync.rederive.Followed` says it: the look at the master's own edits
    gives them all in one list."""

    what: str

    @property
    def warning(self) -> bool:
        raise NotImplementedError

    @property
    def why(self) -> str | None:
        return self.what if self.warning else None


@dataclass(frozen=True)
class Followed(LeftWhy):
    """What a merge did to ``rows`` rows of ``table`` keeping ``column``, the code of the
    ``named`` table's row they name: ``GIVEN`` that code; ``MOVED`` to the row the code
    typed in them names (their uuid of it, ``by``, written); ``NONE``: the code typed names
    no row, kept as typed; ``MANY``: it names ``holders`` rows, kept as typed; ``GONE``:
    the row they name is deleted, kept as recorded; ``UNHELD``: no row has the uuid they
    name, nor did the log see one deleted (a uuid typed, or another master's), kept as
    recorded; ``UNWRITTEN``: codes changed in the
    master itself not followed, the master not being written (``by``: why); ``SHARED``:
    ``rows`` rows of ``table`` (the named one) renamed to a code ``holders`` rows hold now.
    ``codes``: the codes of those kept, to name them. ``in_master``: a code changed in the
    master itself followed, not a merge's."""

    table: str
    column: str
    named: str
    rows: int
    what: str = GIVEN
    by: str = ""
    codes: tuple = ()
    holders: int = 0
    in_master: bool = False

    @property
    def warning(self) -> bool:
        return self.what in (NONE, MANY, GONE, UNHELD, UNWRITTEN, SHARED)

    def said(self) -> str:
        kind = KINDS.get(self.named, self.named)
        codes = ", ".join(map(str, self.codes))
        kinds = PLURALS.get(kind, kind)
        rows, one = counted(self.rows, "row"), self.rows == 1
        they = "it" if one else "they"
        if self.what == MOVED:
            return (f"{self.table}: {rows} moved to the {kind} the {self.column} "
                    f"typed in {them(self.rows)} names ({self.by} written)"
                    + (": typed in the master itself" if self.in_master else ""))
        if self.what in (NONE, MANY):
            names = f"no {kind}" if self.what == NONE else f"{self.holders} {kinds}"
            return (f"{self.table}: {rows} given a {self.column} that names "
                    f"{names} ({codes}): kept as typed; {'its' if one else 'their'} {self.by} "
                    f"still names the {kind} {they} {be(self.rows, past=True)} of")
        if self.what == SHARED:
            where = "in the master itself" if self.in_master else "by a merge"
            return (f"{self.table}: {self.holders} {kinds} hold the {self.column} {codes} "
                    f"now ({self.rows} renamed to it {where}): the rows naming them keep it, "
                    f"each naming its own {kind} by uuid; rename one of them")
        if self.what == UNWRITTEN:
            return (f"{self.table}: the {self.column} of the {kind} they name not given to "
                    f"the rows naming a {kind} whose code was changed in the master since the "
                    f"last command that wrote: {self.by}; left as they were")
        if self.what in (GONE, UNHELD):
            which = "deleted from the master" if self.what == GONE else \
                "no row of the master has"
            return (f"{self.table}: {rows} {'names' if one else 'name'} a {kind} {which} "
                    f"({self.column} {codes}): kept as recorded, {they} "
                    f"{'counts' if one else 'count'} for no {kind}")
        if self.in_master:
            return (f"{self.table}: {rows} given the {self.column} of the {kind} "
                    f"{they} {'names' if one else 'name'} (the {kind} renamed in the master "
                    f"itself, or {they} {be(self.rows, past=True)} given another there)")
        return (f"{self.table}: {rows} given the {self.column} of the {kind} {they} "
                f"{'names' if one else 'name'} (its code had changed, or {they} came with "
                "another)")


def watched(link) -> tuple[tuple[str, str], ...]:
    """The (table, column) pairs of ``link`` whose writing may leave its rows keeping another
    code than the row they name's: the naming row's uuid of it and code, the named row's
    code (an edit of another field leaves them as they were)."""
    tbl, by, code, named, named_code = link
    return (tbl, by), (tbl, code), (named, named_code)


def differing_sql(link, distinct: str = "IS NOT") -> str:
    """SQL giving whether a row of the link's table keeps another code than the row it names
    by uuid has (``distinct``: the operator, PostgreSQL's ``IS DISTINCT FROM``)."""
    tbl, by, code, named, named_code = link
    return (f"SELECT EXISTS (SELECT 1 FROM {quote(tbl)} r JOIN {quote(named)} n ON n.uuid = "
            f"r.{quote(by)} WHERE r.{quote(code)} {distinct} n.{quote(named_code)})")


def links(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """The links this file holds: both tables there, with their columns."""
    names = {t for link in LINKS for t in (link[0], link[3])}
    return held({t: set(file_columns(conn, t)) for t in names if table_exists(conn, t)})


def held(columns: dict) -> list[tuple[str, str, str, str, str]]:
    """The links whose two tables ``columns`` (table -> its columns) holds with the columns
    they join by: a master that is not the whole plan lacks some (``project_targets``)."""
    return [(tbl, by, code, named, named_code) for tbl, by, code, named, named_code in LINKS
            if {by, code, "uuid"} <= set(columns.get(tbl, ()))
            and {named_code, "uuid"} <= set(columns.get(named, ()))]


def renamed(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, column, values): the rows naming those whose code this merge's packages give,
    the rows its packages' rows name, and those holding a code typed alone in them; a staged
    master stages them."""
    out = []
    for tbl, by, code, named, named_code in links(conn):
        given = [r for (r,) in conn.execute(
            f"SELECT DISTINCT row FROM incoming WHERE tbl = ? AND op != 'delete' AND "
            f"{json_fields.kind('new', named_code)} IS NOT NULL", (named,))]
        if given:
            out.append((tbl, by, given))
        names = [r for (r,) in conn.execute(
            f"SELECT DISTINCT {json_fields.get('new', by)} FROM incoming WHERE tbl = ? AND "
            "op != 'delete'", (tbl,)) if isinstance(r, str)]
        if names:
            out.append((named, "uuid", names))
        typed = [r for (r,) in conn.execute(  # a code typed alone: the row it names
            f"SELECT DISTINCT {json_fields.get('new', code)} FROM incoming WHERE tbl = ? AND "
            f"op = 'update' AND {json_fields.kind('new', by)} IS NULL", (tbl,))
            if isinstance(r, str)]
        if typed:
            out.append((named, named_code, typed))
    return out


def around(conn: sqlite3.Connection, pairs) -> list[tuple[str, str, list[str]]]:
    """(table, column, uuids): the rows naming the rows ``pairs`` (table, uuid) gives, and
    the rows those name (read where they are staged); a staged master stages them."""
    by_table: dict[str, list[str]] = {}
    for tbl, row in pairs:
        by_table.setdefault(tbl, []).append(row)
    out = []
    for tbl, by, _, named, _ in links(conn):
        if by_table.get(named):
            out.append((tbl, by, sorted(by_table[named])))
        names = [v for part in chunks(sorted(by_table.get(tbl, ()))) for (v,) in conn.execute(
            f"SELECT DISTINCT {quote(by)} FROM {quote(tbl)} WHERE uuid IN "
            f"{marks(len(part))}", part) if isinstance(v, str)]
        if names:
            out.append((named, "uuid", names))
    return out


def follow(conn: sqlite3.Connection, since: int, origins: dict[str, str],
           device: str, in_master: bool = False) -> list[Followed]:
    """After a merge (its changes logged after seq ``since`` by ``origins``: origin ->
    the origin to log for it): give each row its changes wrote, and each naming a row whose
    code they wrote, the code of the row it names; each logged as an update by ``device``
    of the latest change that made it due, at its time. A row whose latest such change typed
    the code alone (GIS staff moving a patch to another project in QGIS's form) is moved to
    the row that code names instead, or, naming none (or several), kept as typed and said; a
    row naming a row deleted is said, and so is a row renamed to a code another holds
    (``in_master``: the master's own edits, said as such)."""
    out: list[Followed] = []
    held = links(conn)
    if not held:  # (a master of a county's own layers: nothing to read)
        return out
    written = {t for (t,) in conn.execute("SELECT DISTINCT tbl FROM sync_changes WHERE seq > ?",
                                          (since,))}
    for link in held:
        tbl, by, code, named, named_code = link
        if not {tbl, named} & written:
            continue
        due: dict[str, list] = {}  # row -> [seq, origin, at, change] of the latest cause
        typed: set[str] = set()  # rows whose code was typed alone, last
        naming: set[str] = set()  # rows whose changes gave the uuid they name
        for row, op, wrote_code, wrote_by, *why in conn.execute(
                f"SELECT row_uuid, op, {json_fields.kind('new', code)} IS NOT NULL, "
                f"{json_fields.kind('new', by)} IS NOT NULL, seq, origin, at, change_uuid "
                f"FROM sync_changes WHERE seq > ? AND tbl = ? AND origin IN "
                f"{marks(len(origins))} AND op != 'delete' ORDER BY seq",
                (since, tbl, *origins)):
            due[row] = why
            if wrote_by:
                naming.add(row)
            if wrote_code or wrote_by:
                (typed.add if op == "update" and not wrote_by else typed.discard)(row)
        for row, why in _naming_renamed(conn, link, since, origins):
            if row not in typed:
                due[row] = max(due.get(row, why), why)
        log: list[tuple] = []
        out += _moved(conn, link, {r: due[r] for r in typed}, device, origins, log, in_master)
        given = _given(conn, link, {r: w for r, w in due.items() if r not in typed}, device,
                       origins, log)
        changelog.record(conn, log)
        if given:
            out.append(Followed(tbl, code, named, given, in_master=in_master))
        gone = _naming_gone(conn, link, sorted(naming - typed))
        for what in (GONE, UNHELD):
            codes = tuple(c for c, deleted in gone if deleted == (what == GONE))
            if codes:
                out.append(Followed(tbl, code, named, len(codes), what, by, codes,
                                    in_master=in_master))
    for named, named_code in sorted({(n, c) for _, _, _, n, c in held if n in written}):
        out += _shared(conn, named, named_code, since, origins, in_master)
    return out


def _naming_renamed(conn, link, since: int, origins: dict) -> Iterator[tuple[str, list]]:
    """(row, [seq, origin, at, change] of the latest rename) of each row of the link's table
    naming a row whose code was written after seq ``since`` by ``origins``."""
    tbl, by, _, named, named_code = link
    renamed_rows: dict[str, list] = {}
    for row, *why in conn.execute(
            f"SELECT row_uuid, seq, origin, at, change_uuid FROM sync_changes WHERE seq > ? "
            f"AND tbl = ? AND origin IN {marks(len(origins))} AND op != 'delete' AND "
            f"{json_fields.kind('new', named_code)} IS NOT NULL ORDER BY seq",
            (since, named, *origins)):
        renamed_rows[row] = why
    for part in chunks(sorted(renamed_rows)):
        for row, of in conn.execute(f"SELECT uuid, {quote(by)} FROM {quote(tbl)} WHERE "
                                    f"{quote(by)} IN {marks(len(part))}", part).fetchall():
            yield row, renamed_rows[of]


def pulled(conn: sqlite3.Connection, since: int, device: str) -> list[Followed]:
    """In a field package, after a pull (its changes logged after seq ``since``): the rows
    naming a row the pull renamed that keep its old code (a record made here and not merged
    yet, which the master has not seen to give it the new one) are given it, logged as the
    pull's (the master gives the record the same code when it merges it: nothing is sent)."""
    out: list[Followed] = []
    for link in links(conn):
        log: list[tuple] = []
        given = _given(conn, link, dict(_naming_renamed(conn, link, since, {"pull": "pull"})),
                       device, {"pull": "pull"}, log)
        changelog.record(conn, log)
        if given:
            out.append(Followed(link[0], link[2], link[3], given))
    return out


def _shared(conn, named: str, named_code: str, since: int, origins: dict,
            in_master: bool) -> list[Followed]:
    """The codes rows of ``named`` were renamed to since seq ``since`` (by ``origins``) that
    another row holds too: the rows naming either keep the same code, a code each."""
    renamed: dict[str, set] = {}  # code -> the rows renamed to it
    for row, value in conn.execute(
            f"SELECT row_uuid, {json_fields.get('new', named_code)} FROM sync_changes WHERE "
            f"seq > ? AND tbl = ? AND origin IN {marks(len(origins))} AND op = 'update' AND "
            f"{json_fields.kind('new', named_code)} IS NOT NULL", (since, named, *origins)):
        if isinstance(value, str):
            renamed.setdefault(value, set()).add(row)
    return [Followed(named, named_code, named, len(renamed[value]), SHARED, codes=(value,),
                     holders=n, in_master=in_master)
            for part in chunks(sorted(renamed)) for value, n in conn.execute(
                f"SELECT {quote(named_code)}, count(*) FROM {quote(named)} WHERE "
                f"{quote(named_code)} IN {marks(len(part))} GROUP BY {quote(named_code)} "
                "HAVING count(*) > 1 ORDER BY 1", part)]


def in_master(conn: sqlite3.Connection, since: int, device: str) -> list[Followed]:
    """The codes changed in the master itself (its edits logged after seq ``since``, origin
    ``local``) followed as after a merge (:func:`follow`), each logged as an edit of the
    master by ``device``."""
    return follow(conn, since, {"local": "local"}, device, in_master=True)


def to_follow(conn: sqlite3.Connection, since: int) -> list[str]:
    """The naming tables whose rows the master's own edits since seq ``since`` (sealed or
    captured, not yet) may leave keeping another code than the row they name's: those
    edits wrote the code or the uuid naming it in one of their rows, or renamed a row they
    name (an edit of another field writes nothing); reads only."""
    columns = {t.name: t.column_names for t in registry.tracked(conn)}
    captured = table_exists(conn, "sync_capture")
    return [link[0] for link in links(conn)
            if any(written(conn, t, c, since, columns.get(t, []), captured)
                   for t, c in watched(link))]


def written(conn: sqlite3.Connection, tbl: str, col: str, since: int, cols: list[str],
            captured: bool) -> bool:
    """Whether the master's own edits since seq ``since`` wrote ``col`` of ``tbl`` (whose
    columns are ``cols``): logged, or captured and not sealed yet."""
    if conn.execute("SELECT 1 FROM sync_changes WHERE seq > ? AND origin = 'local' AND "
                    f"tbl = ? AND op != 'delete' AND {json_fields.kind('new', col)} IS NOT "
                    "NULL LIMIT 1", (since, tbl)).fetchone():
        return True
    if not captured or col not in cols:
        return False
    i = cols.index(col)  # (a capture row holds each column as o<i>, n<i>: see changelog)
    return conn.execute(f"SELECT 1 FROM sync_capture WHERE tbl = ? AND op IN ('insert', "
                        f"'update') AND (o{i} IS NOT NULL OR n{i} IS NOT NULL) LIMIT 1",
                        (tbl,)).fetchone() is not None


def _open_conflict(tbl: str, field: str) -> tuple[str, tuple]:
    """SQL (and its arguments) true of a row ``r`` with a conflict open on ``field``, whose
    settling decides it."""
    return ("EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.tbl = ? AND c.row_uuid = r.uuid "
            "AND c.status = 'open' AND (c.field IS NULL OR c.field = ?))", (tbl, field))


def _given(conn, link, due: dict[str, list], device: str, origins: dict, log: list) -> int:
    """Give each of ``due`` the code of the row it names, where it holds another."""
    tbl, by, code, named, named_code = link
    held, args = _open_conflict(tbl, code)
    n = 0
    for part in chunks(sorted(due)):
        for row, fid, was, now in conn.execute(
                f"SELECT r.uuid, r.rowid, r.{quote(code)}, n.{quote(named_code)} FROM "
                f"{quote(tbl)} r JOIN {quote(named)} n ON n.uuid = r.{quote(by)} WHERE "
                f"r.uuid IN {marks(len(part))} AND r.{quote(code)} IS NOT "
                f"n.{quote(named_code)} AND NOT {held}", (*part, *args)):
            conn.execute(f"UPDATE {quote(tbl)} SET {quote(code)} = ? WHERE rowid = ?",
                         (now, fid))
            log.append(_logged(tbl, row, code, was, now, due[row], device, origins))
            n += 1
    return n


def _moved(conn, link, typed: dict[str, list], device: str, origins: dict,
           log: list, in_master: bool = False) -> list[Followed]:
    """Move each of ``typed`` to the row the code typed in it names (writing its uuid of it);
    one whose code names no row, or two, is kept as typed, and said."""
    tbl, by, code, named, named_code = link
    held, args = _open_conflict(tbl, by)
    moved, none = 0, []
    many: dict[int, list] = {}  # holders -> the codes naming that many
    for part in chunks(sorted(typed)):
        for row, fid, value, was in conn.execute(
                f"SELECT r.uuid, r.rowid, r.{quote(code)}, r.{quote(by)} FROM {quote(tbl)} r "
                f"WHERE r.uuid IN {marks(len(part))} AND NOT {held}", (*part, *args)).fetchall():
            holders = [u for (u,) in conn.execute(
                f"SELECT uuid FROM {quote(named)} WHERE {quote(named_code)} = ?", (value,))]
            if not holders:
                none.append(value)
            elif len(holders) > 1:
                many.setdefault(len(holders), []).append(value)
            elif holders[0] != was:
                conn.execute(f"UPDATE {quote(tbl)} SET {quote(by)} = ? WHERE rowid = ?",
                             (holders[0], fid))
                log.append(_logged(tbl, row, by, was, holders[0], typed[row], device, origins))
                moved += 1
    out = [Followed(tbl, code, named, moved, MOVED, by, in_master=in_master)] if moved else []
    if none:
        out.append(Followed(tbl, code, named, len(none), NONE, by, tuple(none),
                            in_master=in_master))
    out += [Followed(tbl, code, named, len(values), MANY, by, tuple(values), n, in_master)
            for n, values in sorted(many.items())]
    return out


def _naming_gone(conn, link, rows: list[str]) -> list[tuple]:
    """(code, whether the log saw the row named deleted) of each of ``rows`` whose uuid of
    the row it names names none there."""
    tbl, by, code, named, _ = link
    return [(value, log_reads.seen_deleted(conn, named, of)) for part in chunks(rows)
            for value, of in conn.execute(
                f"SELECT r.{quote(code)}, r.{quote(by)} FROM {quote(tbl)} r WHERE r.uuid IN "
                f"{marks(len(part))} AND r.{quote(by)} IS NOT NULL AND NOT EXISTS (SELECT 1 "
                f"FROM {quote(named)} n WHERE n.uuid = r.{quote(by)})", part).fetchall()]


def _logged(tbl: str, row: str, col: str, was, now, why: list, device: str,
            origins: dict) -> tuple:
    """The log's row of the update of ``col`` the change ``why`` made due."""
    _, origin, at, change = why
    return (str(uuid.uuid5(_FOLLOWING, f"{change}:{row}:{col}")), tbl, row, "update",
            log_values.dumps({col: was}), log_values.dumps({col: now}), device, at,
            origins[origin], None)


__all__ = ["LeftWhy", "LINKS", "Followed", "around", "differing_sql", "follow", "held",
           "in_master", "links", "pulled", "renamed",
           "to_follow", "watched"]
