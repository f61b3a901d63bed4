# SPDX-License-Identifier: GPL-2.0-or-later
"""The stage: a GeoPackage master holding the part of a PostgreSQL master a command needs.

It starts from the template GeoPackage kept in the master (its tables empty), takes the
small tables whole, and the tracked layers, the change log, the conflicts and the fates
whole or only for the rows a merge touches (locked ``FOR UPDATE`` while it runs, so an edit
in the database waits for the merge, or the merge for it, and nothing is lost). After the
command, :meth:`Stage.write_back` writes what it changed to PostgreSQL: each update only if
the fields it changes still hold what was staged (else nothing is written and the command
is refused as "in use"); new log rows and conflicts are numbered by the database.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...db import connect, quote
from ...errors import Busy, CaptureBroken
from ...plan import schema
from ...plan.geometry import blob_wkb
from .. import subset
from ..three_way import RESTORE
from . import altered, copy_in, grow, publish, sql, template
from . import tables as mirror

# Tables taken only for the rows a merge touches (by row uuid / change uuid).
BY_ROW = ("sync_changes", "sync_conflicts")
BY_CHANGE = ("sync_applied",)
ON_DEMAND = ("attachments",)  # a merge only adds to them
FETCH = 5000
_LOG_TOP = "seq = (SELECT max(seq) FROM sync_changes)"  # the log's newest change


def capture_broken(pg, tracked: list[str]) -> list[str]:
    """The tracked tables whose capture triggers (of rows, of TRUNCATE) are missing or
    disabled (or which are gone)."""
    with pg.cursor() as cur:
        cur.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    "c.relnamespace JOIN pg_trigger t ON t.tgrelid = c.oid WHERE n.nspname = "
                    "current_schema() AND t.tgname IN ('toksun_capture', 'toksun_truncate') "
                    "AND t.tgenabled <> 'D' GROUP BY c.relname HAVING count(*) = 2")
        whole = {r[0] for r in cur.fetchall()}
    return sorted(set(tracked) - whole)


class Stage:
    """A staged master in a temporary folder; ``conn`` is its open SQLite connection."""

    def __init__(self, pg, workdir: str):
        self.pg = pg
        self.path = os.path.join(workdir, "master.gpkg")
        self._open()
        self._before: str | None = None
        # what was dropped, renamed or retyped stops the command before anything reads it
        altered.raise_if_any(altered.find(pg, self.conn))
        # what was added to the schema since the last command is tracked first, committed
        # on its own (it stands whatever the command does), then staged with the rest
        if grow.adopt_new(pg, self.tables) | publish.renew_capture(pg):
            pg.commit()
            self.conn.close()
            self._open()
        broken = capture_broken(pg, [t.name for t in self.tables.values() if t.tracked])
        if broken:
            raise CaptureBroken(
                "change capture in PostgreSQL is not whole (its trigger dropped or disabled) "
                f"on {', '.join(broken)}: edits made there may be missing from the log; run "
                "field-kit repair on the master; nothing was changed")

    def _open(self) -> None:
        with open(self.path, "wb") as fh:
            fh.write(template.read(self.pg))
        self.conn = connect(self.path)
        # a scratch copy: PostgreSQL holds what counts, so no commit of it waits for the disk
        self.conn.execute("PRAGMA journal_mode = MEMORY")
        self.conn.execute("PRAGMA synchronous = OFF")
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
        with self.pg.cursor() as cur:
            cur.execute(query, params)
            while True:
                rows = cur.fetchmany(FETCH)
                if not rows:
                    break
                self.conn.executemany(insert, map(convert, rows))
                n += len(rows)
        if name == "sync_state":  # the master's flag came with it: still quiet until done
            self.conn.execute("UPDATE sync_state SET capture = 0")
        return n

    def copy_small(self) -> None:
        """Every table but the tracked layers and the per-row ones, whole."""
        with self.quiet():
            for t in self.tables.values():
                if not t.tracked and t.name not in BY_ROW + BY_CHANGE + ON_DEMAND:
                    self.copy(t.name)

    def without_spatial_index(self) -> None:
        """Drop the stage's R-tree and feature-count triggers: a merge reads no spatial index,
        and its stage is never a file anyone opens (a checkout's is: it keeps them)."""
        for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE "
                "'rtree\\_%' ESCAPE '\\' OR name LIKE 'trigger\\_%\\_feature\\_count\\_%' "
                "ESCAPE '\\')").fetchall():
            self.conn.execute(f"DROP TRIGGER {quote(name)}")

    def copy_for(self, needs: str, **args) -> None:
        """Copy what a command needs, not the whole master where it needs less (a province's
        layers run to millions of rows, its log grows with every edit):

        * ``"checkout"``: the sync's own tables, the log's newest change (the package's base),
          and the rows and photos a package cut to ``township=`` or ``bbox=`` keeps (every
          row when neither is given);
        * ``"undo"``: the sync's own tables and what the merge ``merge_id=`` changed: its
          rows, locked, with their history, conflicts and fates;
        * ``"status"``: the sync's own tables and the conflicts (status, the merges);
        * ``"conflicts"``: those, and the rows of the open conflicts, locked, with their
          history (listing and settling conflicts);
        * ``"plan"``: those, and the plan's layers whole (progress, reports, the plan check);
        * ``"log"``: the sync's own tables and the newest ``limit=`` changes (all if None);
        * ``"history"``: the sync's own tables, one row and its log (``row=``);
        * ``"pull"``: the sync's own tables and the log after seq ``base=``, with the photos
          it names; for a package cut to a township or box (``device=``: the pulling
          device), also the rows the cut keeps and those the log names; and of a layer the
          package lacks (``has=``: the tables it holds), the rows it keeps."""
        self.copy_small()
        if needs == "checkout":
            with self.quiet():
                self.copy("sync_changes", _LOG_TOP)
            self._copy_cut(args.get("township"), args.get("bbox"))
        elif needs == "undo":
            merge_id = args["merge_id"]
            with self.pg.cursor() as cur:
                cur.execute("SELECT DISTINCT tbl, row_uuid FROM sync_changes WHERE origin = "
                            "ANY(%s)", ([f"merge:{merge_id}", f"merge:{merge_id}{RESTORE}"],))
                touched = cur.fetchall()
            self.copy_rows(touched)
            with self.quiet():
                self.copy("sync_changes", _LOG_TOP)
                for name in ("sync_applied", "sync_conflicts"):
                    self.copy(name, "merge_id = %s", (merge_id,))
        elif needs == "pull":
            base = int(args["base"])
            with self.quiet():  # (the last seq at or below base: the log's top stays right)
                self.copy("sync_changes", "seq > %s OR seq = (SELECT max(seq) FROM "
                          "sync_changes WHERE seq <= %s)", (base, base))
            self._copy_cut(*subset.device_subset(self.conn, args["device"]), since=base,
                           has=args.get("has"))
        elif needs == "log":
            with self.quiet():
                limit = args.get("limit")
                self.copy("sync_changes", "seq IN (SELECT seq FROM sync_changes ORDER BY seq "
                          "DESC LIMIT %s)" if limit else "", (limit,) if limit else ())
        elif needs == "history":
            with self.quiet():
                self.copy("sync_changes", "row_uuid = %s", (args["row"],))
                for t in self.tables.values():  # the row itself, to name it
                    if t.tracked:
                        self.copy(t.name, "uuid = %s", (args["row"],))
        elif needs in ("status", "conflicts", "plan"):
            with self.quiet():
                self.copy("sync_conflicts")
                for t in self.tables.values():
                    if needs == "plan" and t.tracked and t.name in schema.BY_NAME:
                        self.copy(t.name)
            if needs == "conflicts":
                self.copy_rows(self.conn.execute("SELECT DISTINCT tbl, row_uuid FROM "
                                                 "sync_conflicts WHERE status = 'open'"
                                                 ).fetchall())
        else:
            raise ValueError(f"no such staging: {needs}")

    def _copy_cut(self, township: str | None, bbox, *, since: int | None = None,
                  has: Iterable[str] | None = None) -> None:
        """The layers' rows, and the photos' bytes, a package cut to ``township`` or
        ``bbox`` keeps (every row when neither is given), by the rules of
        :mod:`field_kit.sync.subset`. ``since`` (a pull): only the layers the package is cut
        from, with the rows the log after that seq names, and the bytes of the photos it
        names; and the layers the package lacks (not in ``has``) as a checkout takes them
        (the pull brings them whole)."""
        has = None if has is None else set(has)
        args = subset.pg_args(township, bbox)
        photos = None
        with self.quiet():
            for t in self.tables.values():
                if not t.tracked:
                    continue
                keep = subset.keep_sql(self.conn, t.name, township, bbox, postgres=True)
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

    def copy_rows(self, pairs: Iterable[tuple[str, str]], changes: Iterable[str] = ()) -> None:
        """The rows ``pairs`` name (table, row uuid) locked, with their history and
        conflicts, and the fates of ``changes``. Tables are locked in one order, rows by uuid,
        so two merges never wait on each other in a circle."""
        rows: dict[str, set[str]] = {}
        for tbl, row in pairs:
            rows.setdefault(tbl, set()).add(row)
        uuids = sorted({u for us in rows.values() for u in us})
        with self.quiet():
            for name in sorted(rows):
                if name in self.tables and self.tables[name].tracked:
                    self.copy(name, "uuid = ANY(%s)", (sorted(rows[name]),), lock=True)
            for name in BY_ROW:
                self.copy(name, "row_uuid = ANY(%s)", (uuids,))
            self.copy("sync_applied", "change_uuid = ANY(%s)", (sorted(set(changes)),))

    def align_geometry(self) -> None:
        """Where a staged geometry is the same shape as a value the incoming changes name
        (their ancestor or their new value), stage that value's own bytes: PostGIS writes
        its own blob for a shape QGIS wrote, and the same shape must compare equal."""
        geoms = {t.name: t.geom[0] for t in self.tables.values() if t.tracked and t.geom}
        with self.quiet():
            for tbl, col in geoms.items():
                q, qc = quote(tbl), quote(col)
                named = self.conn.execute(  # in the order the changes come, ancestor first
                    f"SELECT v.row, upper(v.hex), hex(s.{qc}) FROM (SELECT row, seq, 0 AS side, "
                    "json_extract(old, ?1) AS hex FROM incoming WHERE tbl = ?2 AND old IS NOT "
                    "NULL UNION ALL SELECT row, seq, 1, json_extract(new, ?1) FROM incoming "
                    "WHERE tbl = ?2 AND old IS NOT NULL AND new IS NOT NULL) v JOIN "
                    f"{q} s ON s.uuid = v.row WHERE typeof(v.hex) = 'text' AND s.{qc} IS NOT "
                    "NULL ORDER BY v.seq, v.side", ('$."' + col.replace('"', '\\"') + '"', tbl))
                staged: dict[str, str] = {}  # (only of the rows it changes)
                now: dict[str, str] = {}
                for row, text, held in named:
                    if text != now.get(row, held) and _same_shape(
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
            self.conn.execute("UPDATE sync_state SET capture = 0")
            yield
            self.conn.execute("UPDATE sync_state SET capture = 1")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def snapshot(self) -> None:
        """Keep the staged state, to tell later what the command changed."""
        self._before = self.path + ".before"
        dst = sqlite3.connect(self._before)
        with dst:
            self.conn.backup(dst)
        dst.close()

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
        added = _columns_added(conn, self.tables)
        if added:  # brought by a GIS package: added in PostgreSQL too
            grow.grow(self.pg, added, in_database=False)
            self.tables = {t.name: t for t in mirror.mirrored(conn)}
        conn.execute("ATTACH DATABASE ? AS before", (self._before,))
        counts = {"inserted": 0, "updated": 0, "deleted": 0}
        try:
            for tbl, col, kind, default in added:  # what the rows held before: the default
                conn.execute(f"ALTER TABLE before.{quote(tbl)} ADD COLUMN {quote(col)} {kind}"
                             + (f" DEFAULT {default}" if default is not None else ""))
            with self.pg.cursor() as cur:
                cur.execute("SET LOCAL toksun.capture = 'off'")
                # the layers first (a row they refuse stops the command before the sync's
                # own tables are written); the log last: whoever numbers log rows holds the
                # log's lock until it commits (see sql.LOG_LOCK), so other writers wait for
                # that part alone
                refused: list = []
                for t in sorted(self.tables.values(),
                                key=lambda t: (t.name == "sync_changes", not t.tracked)):
                    if not t.tracked and refused:
                        refused = _again(conn, cur, self.tables, locked, refused, counts)
                        if refused:
                            raise Unwritable(_named(conn, cur, self.tables, refused))
                    if t.name == "sync_changes" and conn.execute(
                            "SELECT EXISTS (SELECT 1 FROM main.sync_changes n WHERE NOT EXISTS "
                            "(SELECT 1 FROM before.sync_changes o WHERE o.seq = n.seq))"
                    ).fetchone()[0]:
                        cur.execute(sql.LOG_LOCK)
                    if sift and t.tracked:
                        got, no = _sift(conn, cur, t, locked)
                        refused += no
                    else:
                        got = _write_table(conn, cur, t, locked and t.tracked)
                    for kind, n in got.items():
                        counts[kind] += n
        finally:
            conn.execute("DETACH DATABASE before")
        return counts

    def close(self) -> None:
        self.conn.close()


class Unwritable(Exception):
    """Rows of the layers PostgreSQL's own rules refused: ``rows`` holds a
    :class:`RefusedRow` for each."""

    def __init__(self, rows: list[RefusedRow]):
        super().__init__("; ".join(
            f"the {r.op} of {r.table} row {r.row}"
            + (f", field {', '.join(r.columns)}" if r.columns else "") + f": {r.reason}"
            for r in rows))
        self.rows = rows


@dataclass(frozen=True)
class RefusedRow:
    table: str
    row: str  # its uuid
    op: str  # insert, update or delete: what the stage asked of it
    columns: tuple[str, ...]  # the columns the database named (none: the row as a whole)
    reason: str  # the database's words


def raced(exc: Exception) -> bool:
    """Whether PostgreSQL rolled a transaction back because another got there first: a
    deadlock, a serialisation failure, or a row uuid another merge inserted meanwhile (a
    row lock cannot hold a row that is not there yet)."""
    import psycopg2.errors
    if isinstance(exc, (psycopg2.errors.DeadlockDetected,
                        psycopg2.errors.SerializationFailure)):
        return True
    detail = getattr(getattr(exc, "diag", None), "message_detail", None) or ""
    return isinstance(exc, psycopg2.errors.UniqueViolation) and detail.startswith("Key (uuid)=")


def rule_broken(exc: Exception) -> bool:
    """Whether ``exc`` is a rule of the database a value or a row breaks (its type, NOT
    NULL, CHECK, a foreign key, a trigger's RAISE), not a race or a fault."""
    import psycopg2
    return (isinstance(exc, (psycopg2.IntegrityError, psycopg2.DataError))
            or getattr(exc, "pgcode", None) == "P0001") and not raced(exc)


def said(exc) -> str:
    """The database's reason for refusing a value or a row, with its detail (but the row's
    values it repeats: the row is named by its uuid)."""
    diag = exc.diag
    why = (diag.message_primary or str(exc)).strip()
    detail = (diag.message_detail or "").strip().rstrip(".")
    if detail and not detail.startswith("Failing row contains"):
        why += f" ({detail})"
    return why


def _sift(conn: sqlite3.Connection, cur, t: mirror.Table, locked: bool,
          rows: list[str] | None = None) -> tuple[dict[str, int], list]:
    """:func:`_write_table` for a layer (``rows``: those uuids alone); where the database
    refuses some of its rows the others are written, and each refused one is returned as
    (table, uuid, error), found by halving the rows written at once, each part in a
    savepoint."""
    import psycopg2
    counts = {"inserted": 0, "updated": 0, "deleted": 0}
    refused: list = []
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_only (uuid TEXT PRIMARY KEY)")

    def attempt(part: list[str] | None) -> Exception | None:
        if part is not None:
            conn.execute("DELETE FROM temp.toksun_only")
            conn.executemany("INSERT INTO temp.toksun_only VALUES (?)", ((u,) for u in part))
        cur.execute("SAVEPOINT toksun_rows")
        try:
            got = _write_table(conn, cur, t, locked, only=part is not None)
        except psycopg2.Error as exc:
            if not rule_broken(exc):
                raise
            cur.execute("ROLLBACK TO SAVEPOINT toksun_rows; RELEASE SAVEPOINT toksun_rows")
            return exc
        cur.execute("RELEASE SAVEPOINT toksun_rows")
        for kind, n in got.items():
            counts[kind] += n
        return None

    def halve(part: list[str]) -> None:
        exc = attempt(part)
        if exc is not None and len(part) == 1:
            refused.append((t.name, part[0], exc))
        elif exc is not None:
            halve(part[:len(part) // 2])
            halve(part[len(part) // 2:])

    if rows is not None:
        halve(rows)
    elif attempt(None) is not None:
        halve(_changed_rows(conn, t))
    return counts, refused


def _again(conn: sqlite3.Connection, cur, tables: dict, locked: bool, refused: list,
           counts: dict[str, int]) -> list:
    """The rows refused of those in ``refused``, each tried again until no more goes in: a
    row may have needed one of another layer written after it (a foreign key)."""
    while refused:
        left = []
        for name, row, _ in refused:
            got, no = _sift(conn, cur, tables[name], locked, [row])
            left += no
            for kind, n in got.items():
                counts[kind] += n
        if len(left) == len(refused):
            return left
        refused = left
    return refused


def _changed_rows(conn: sqlite3.Connection, t: mirror.Table) -> list[str]:
    """The uuids of the rows of a layer the stage inserted, changed or deleted."""
    q = quote(t.name)
    differ = " OR ".join(f"n.{quote(c)} IS NOT o.{quote(c)}" for c in t.names
                         if c not in ("uuid", t.serial)) or "0"
    return [u for (u,) in conn.execute(
        f"SELECT n.uuid FROM main.{q} n LEFT JOIN before.{q} o ON o.uuid = n.uuid WHERE "
        f"o.uuid IS NULL OR {differ} UNION SELECT o.uuid FROM before.{q} o WHERE NOT EXISTS "
        f"(SELECT 1 FROM main.{q} n WHERE n.uuid = o.uuid) ORDER BY 1")]


def _named(conn: sqlite3.Connection, cur, tables: dict, refused: list) -> list[RefusedRow]:
    """Each refused (table, uuid, error) with what the stage asked of the row and the
    columns the database's error names (by itself, by its constraint, or by COPY's
    line)."""
    out = []
    for name, row, exc in refused:
        q = quote(name)
        now, was = (conn.execute(f"SELECT EXISTS (SELECT 1 FROM {db}.{q} WHERE uuid = ?)",
                                 (row,)).fetchone()[0] for db in ("main", "before"))
        op = "update" if now and was else "insert" if now else "delete"
        diag = exc.diag
        cols: list[str] = []
        if diag.column_name:
            cols = [diag.column_name]
        elif diag.constraint_name and diag.table_name == name and op != "delete":
            cur.execute("SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON "
                        "a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE "
                        "c.conrelid = %s::regclass AND c.conname = %s ORDER BY a.attnum",
                        (q, diag.constraint_name))
            cols = [c for (c,) in cur.fetchall()]
        else:  # COPY's line names the column, or the n-th field an update sets
            got = re.search(r"^COPY \S+, line \d+, column (\w+)", diag.context or "")
            col = got.group(1) if got else ""
            nth = re.fullmatch(r"new(\d+)", col)
            if nth and op == "update":
                t = tables[name]
                fields = [c for c in t.names if c not in t.key and c != t.serial and conn.execute(
                    f"SELECT n.{quote(c)} IS NOT o.{quote(c)} FROM main.{q} n JOIN before.{q} o "
                    "ON o.uuid = n.uuid WHERE n.uuid = ?", (row,)).fetchone()[0]]
                cols = fields[int(nth.group(1)):][:1]
            elif col in tables[name].names:
                cols = [col]
        out.append(RefusedRow(name, row, op, tuple(cols), said(exc)))
    return out


def _same_shape(a: bytes, b: bytes) -> bool:
    try:
        return blob_wkb(a) == blob_wkb(b)
    except (ValueError, KeyError, IndexError):
        return False


def _columns_added(conn: sqlite3.Connection, known: dict) -> list[grow.Column]:
    """Columns the stage's tables have and PostgreSQL's lack: (table, column, type,
    default)."""
    return [(name, r[1], r[2] or "", r[4])
            for name, t in known.items()
            for r in conn.execute(f"PRAGMA table_info({quote(name)})") if r[1] not in t.names]


def _match(keys: Iterable[str], a: str, b: str, same: str = "IS") -> str:
    return " AND ".join(f"{a}.{quote(k)} {same} {b}.{quote(k)}" for k in keys)


def _pg_types(cur, t: mirror.Table) -> dict[str, str]:
    cur.execute("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                "attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (quote(t.name),))
    return dict(cur.fetchall())


def _changed(cur, t: mirror.Table, count: int, what: str) -> None:
    if cur.rowcount != count:
        raise Busy(f"{count - cur.rowcount} row(s) of {t.name} were changed in the database "
                   f"while this ran ({what}); nothing was changed: run it again")


def _write_table(conn: sqlite3.Connection, cur, t: mirror.Table,
                 locked: bool = False, only: bool = False) -> dict[str, int]:
    """Write one table's inserts, updates and deletes set-based: each batch is copied into a
    temporary table, then one statement applies it where the fields still hold what was
    staged (or, ``locked``, by key alone); fewer rows than sent means the database changed
    meanwhile. ``only``: just the rows (of a tracked table) whose uuids ``toksun_only``
    holds."""
    q, cols, key = quote(t.name), t.names, t.key
    sel = ", ".join(f"n.{quote(c)}" for c in cols)
    out = {"inserted": 0, "updated": 0, "deleted": 0}
    types: dict[str, str] | None = None
    picked = {a: f" AND {a}.uuid IN (SELECT uuid FROM temp.toksun_only)" if only else ""
              for a in "no"}
    # a row whose key the stage numbered itself is new whatever its number
    new_rows = conn.execute(
        f"SELECT {sel} FROM main.{q} n WHERE NOT EXISTS (SELECT 1 FROM before.{q} o WHERE "
        f"{_match(key, 'o', 'n')}){picked['n']} ORDER BY "
        f"{', '.join('n.' + quote(k) for k in key)}")
    written = t.written
    pick = [cols.index(c) for c in written]
    rows = ([r[i] for i in pick] for r in new_rows)
    convert = copy_in.converters(t, written)
    if t.name in ON_DEMAND:
        cur.execute(f"CREATE TEMP TABLE toksun_new (LIKE {q})")
        out["inserted"] = copy_in.copy_rows(cur, "toksun_new", written, rows, convert)
        names = ", ".join(map(quote, written))
        cur.execute(f"INSERT INTO {q} ({names}) SELECT {names} FROM toksun_new "
                    "ON CONFLICT DO NOTHING; DROP TABLE toksun_new")
    else:
        out["inserted"] = copy_in.copy_rows(cur, q, written, rows, convert)

    # The fields any row changed (a serial key is the database's own number: a row the stage
    # took out and put back has a new one here, never written there), then the changed rows,
    # streamed: a merge can change a great many.
    joined = f"FROM main.{q} n JOIN before.{q} o ON {_match(key, 'o', 'n')}{picked['n']}"
    may = [c for c in cols if c not in key and c != t.serial]
    flags = conn.execute("SELECT " + ", ".join(
        f"coalesce(max(n.{quote(c)} IS NOT o.{quote(c)}), 0)" for c in may) + f" {joined}"
    ).fetchone() if may else ()
    fields = [c for c, changed in zip(may, flags) if changed]
    updated = 0
    if fields:
        types = _pg_types(cur, t)
        spec = [f"{quote(k)} {types[k]}" for k in key]
        temp_cols: list[str] = list(key)
        for i, c in enumerate(fields):
            spec += [f"set{i} boolean", f"new{i} {types[c]}"]
            temp_cols += [f"set{i}", f"new{i}"]
            if not locked:
                spec.append(f"old{i} {'bytea' if t.is_geom(c) else types[c]}")
                temp_cols.append(f"old{i}")
        cur.execute(f"CREATE TEMP TABLE toksun_upd ({', '.join(spec)})")
        key_conv = copy_in.converters(t, list(key))
        new_conv = copy_in.converters(t, fields)
        old_conv = copy_in.converters(t, fields, geometry="wkb")
        nk, nf = len(key), len(fields)

        def upd_rows():
            nonlocal updated
            for row in conn.execute(
                    f"SELECT {', '.join(f'n.{quote(k)}' for k in key)}, "
                    f"{', '.join(f'n.{quote(c)}' for c in fields)}, "
                    f"{', '.join(f'o.{quote(c)}' for c in fields)} {joined} WHERE "
                    + " OR ".join(f"n.{quote(c)} IS NOT o.{quote(c)}" for c in fields)):
                updated += 1
                out_row = [f(v) for f, v in zip(key_conv, row[:nk])]
                for fn, fo, a, b in zip(new_conv, old_conv, row[nk:nk + nf], row[nk + nf:]):
                    hit = a != b or type(a) is not type(b)
                    out_row += [hit, fn(a) if hit else None]
                    if not locked:
                        out_row.append(fo(b) if hit else None)
                yield out_row
        copy_in.copy_rows(cur, "toksun_upd", temp_cols, upd_rows(),
                          [copy_in.as_is] * len(temp_cols))
        cur.execute("ANALYZE toksun_upd")  # so a big layer is looked up by key, not scanned
        sets = ", ".join(f"{quote(c)} = CASE WHEN u.set{i} THEN u.new{i} ELSE t.{quote(c)} END"
                         for i, c in enumerate(fields))
        held = "TRUE" if locked else " AND ".join(
            f"(NOT u.set{i} OR {t.compared(c, 't')} IS NOT DISTINCT FROM u.old{i})"
            for i, c in enumerate(fields))
        cur.execute(f"UPDATE {q} AS t SET {sets} FROM toksun_upd u WHERE "
                    f"{_match(key, 't', 'u', '=')} AND {held}")
        _changed(cur, t, updated, "updated")
        cur.execute("DROP TABLE toksun_upd")
        out["updated"] = updated

    # what a deleted row held (locked: its key alone)
    held_cols = list(key) if locked else cols
    gone = conn.execute(f"SELECT {', '.join(f'o.{quote(c)}' for c in held_cols)} FROM "
                        f"before.{q} o WHERE NOT EXISTS (SELECT 1 FROM main.{q} n WHERE "
                        f"{_match(key, 'o', 'n')}){picked['o']}").fetchall()
    if gone:
        types = types or _pg_types(cur, t)
        spec = [f"c{i} {'bytea' if t.is_geom(c) else types[c]}"
                for i, c in enumerate(held_cols)]
        cur.execute(f"CREATE TEMP TABLE toksun_del ({', '.join(spec)})")
        copy_in.copy_rows(cur, "toksun_del", [f"c{i}" for i in range(len(held_cols))], gone,
                          copy_in.converters(t, held_cols, geometry="wkb"))
        cur.execute("ANALYZE toksun_del")
        held = " AND ".join([f"t.{quote(k)} = d.c{held_cols.index(k)}" for k in key]
                            + [f"{t.compared(c, 't')} IS NOT DISTINCT FROM d.c{i}"
                               for i, c in enumerate(held_cols) if c not in key])
        cur.execute(f"DELETE FROM {q} AS t USING toksun_del d WHERE {held}")
        _changed(cur, t, len(gone), "deleted")
        cur.execute("DROP TABLE toksun_del")
        out["deleted"] = len(gone)
    return out


@contextlib.contextmanager
def staged(pg) -> Iterator[Stage]:
    """A stage of the master ``pg`` holds (enter it before taking locks meant to last the
    command's transaction: tracking what was added to the schema commits on its own)."""
    with tempfile.TemporaryDirectory(prefix="toksun-stage-") as workdir:
        st = Stage(pg, workdir)
        try:
            yield st
        finally:
            st.close()
