# SPDX-License-Identifier: GPL-2.0-or-later
"""The three-way, per-field apply used by ``merge`` (into the master) and ``pull`` (into a
field package). Vocabulary as in kart: **ancestor** is the value the change started from
(its ``old``), **ours** the value in the file now, **theirs** the change's ``new``.

Per field of an update: ours == theirs -> nothing to do; ours == ancestor -> theirs is
written; otherwise a conflict, recorded in ``sync_conflicts`` with ancestor, ours and theirs.
Per row: a delete of a row that changed since the deleting device saw it, or an update of a
row deleted here, is a conflict. The later of the two wins in the table (an edit later than
the delete brings the row back from the delete's logged old values); the other side is kept
in the conflict, and ``resolve`` can take it (a deleted row comes back whole). A delete that
takes away the edits of several devices keeps each device's values in a conflict of its own,
naming it. A geometry is
compared by its shape, not its bytes (GDAL, QGIS and PostGIS write one shape with headers and
byte orders of their own), and one written back with the shape it had is no edit of it.

Which value stays in the table decides whether merge order matters. ``merge`` keeps, per
field, the value of the *latest* edit (by the changes' time, then change UUID: a total
order), so any merge order of the same packages ends with the same table; three-way only
decides what is reported as a conflict. A clean edit (ours == ancestor) older than the
value here is not applied but kept as an ``update/newer`` conflict, so it is not lost.
Only which side a conflict calls "ours", and so the list of conflicts, depends on order.
``pull`` keeps the field package's own value (its unsent edit), and the master will see
that conflict when the package comes.

Each change ends as ``applied``, ``already`` (nothing left to do, or handled before: its
device and UUID are in ``sync_applied``), ``conflict`` or ``refused`` (role), never silently dropped
(:mod:`field_kit.sync.outcomes`).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Collection

from ..bilingual import counted
from ..db import chunks, marks, quote
from ..plan import schema
from . import changelog, codes, drift, log_reads, log_values, registry, rewritten
from .field_check import RULED_TABLES, FieldCheck
from .outcomes import (
    ALREADY,
    APPLIED,
    CONFLICT,
    MEND_VALUE,
    MERGED_BEFORE,
    NOT_HERE,
    REFUSED,
    WHOLE,
    Outcome,
    merge_refusal,
)
from .registry import same_logged, tracked_columns, tracked_tables

LATEST, KEEP_OURS = "latest", "keep-ours"


class _Broken(Exception):
    """A change whose values, as the three-way would write them, break a rule of the
    record's form (``said``): refused whole."""

    def __init__(self, said: list[str]):
        super().__init__("; ".join(said))
        self.said = said


RESTORE = ":restore"  # origin suffix of a deleted row brought back by an edit
# the ids of the records that bring a row back, each made from the edit that brings it: the
# same, however the merge applied that edit (and so the ids of what follows from it)
_RESTORING = uuid.UUID("0d6f1c52-8b7e-4f0a-9c3d-5e2b7a41f8c6")
# what a change in conflict whose values the table took says (the later edit)
WRITTEN_OVER = ("; the package's values written, the later edit: the values they replaced are "
                "kept in the conflict")
# what a change in conflict says of its fields in conflict whose values the table took (the
# later edits), others held
WRITTEN_IN_PART = (" the package's values written, the later edits: the values they replaced "
                   "are kept in their conflicts")
PARKED = ":parked"  # origin suffix of an edit of a deleted row, kept for its values
TOUCH = ":touch"  # origin suffix of a delete logged only for its time (row already gone)


PROGRESS_EVERY = 1000  # changes between two progress reports

# The origins of what settling the conflicts of merge ``?`` wrote.
SETTLED_BY = "SELECT 'resolve:' || id FROM sync_conflicts WHERE merge_id = ?"
# What an undone merge wrote (an edit it kept aside, a row it brought back, a delete it
# logged for its time too), what settling its conflicts wrote, and the undo's own records,
# do not count in deciding which edit of a field is the latest: after an undo the field is
# as if the merge never happened.
_UNDONE = "SELECT merge_id FROM sync_merges WHERE undone_at IS NOT NULL"
_SUFFIXES = f"SELECT '' AS s UNION ALL SELECT '{PARKED}' UNION ALL SELECT '{RESTORE}' " \
    f"UNION ALL SELECT '{TOUCH}'"
LIVE = (f"origin NOT LIKE 'undo:%' AND origin NOT IN (SELECT 'merge:' || merge_id || s FROM "
        f"({_UNDONE}) AS u, ({_SUFFIXES}) AS x) AND origin NOT IN (SELECT 'resolve:' || id "
        f"FROM sync_conflicts WHERE merge_id IN ({_UNDONE}))")


def _key(at, device, seq) -> tuple:
    """The order of edits: time, then device, then the device's own sequence."""
    return (at or "", device or "", seq or 0)


_NO_KEY = _key(None, None, None)
PREFETCH = 2000  # changes whose rows and history are read together
UNKNOWN = object()  # an ancestor the change was logged without
# why an update resting on an edit of its own device the master does not hold is refused
ON_OWN_EDIT_NOT_HERE = (
    "it replaced values of {fields} this device wrote in an edit the master does not hold "
    "(refused at an earlier merge, or made by another copy of the device): nothing of it was "
    "written; pull, then export: the pull sends that edit again, with this one")


def _trusted_types(conn: sqlite3.Connection, tbl: str, cols: list[str]) -> dict:
    """column -> Python types that a column stores and reads back unchanged (so a value
    written can be kept as is; any other is read back from the file)."""
    decl = {r[1]: r[2] for r in conn.execute(f"PRAGMA table_info({quote(tbl)})")}
    keep = {"INTEGER": (int,), "TEXT": (str,), "REAL": (float,), "BLOB": (int, float, str),
            "NUMERIC": (int,)}
    return {c: keep[registry.affinity(decl.get(c, ""))] for c in cols}


class _History:
    """What the three-way apply needs from a row's recorded changes, kept up to date."""

    __slots__ = ("row_key", "delete", "_fields", "_raw")

    def __init__(self):
        self.row_key = _NO_KEY  # latest edit (with new values, not a restore)
        self.delete = None  # (key, old JSON) of the latest delete
        self._fields: dict = {}  # field -> (key, value) of its latest edit
        self._raw: list = []  # (key, new JSON) not parsed into _fields yet

    def add(self, key, op, origin, old, new, parsed: bool) -> None:
        if op == "delete" and (self.delete is None or key > self.delete[0]):
            self.delete = (key, old)
        if new is None or origin is None or origin.lower().endswith(RESTORE):
            return
        if key > self.row_key:
            self.row_key = key
        if not parsed:
            self._raw.append((key, new))
            return
        if self._raw:
            self.fields()
        out = self._fields
        for fld, val in new.items():
            if fld not in out or key > out[fld][0]:
                out[fld] = (key, val)

    def fields(self) -> dict:
        if self._raw:
            out = self._fields
            for key, new in self._raw:
                for fld, val in log_values.loads(new).items():
                    if fld not in out or key > out[fld][0]:
                        out[fld] = (key, val)
            self._raw.clear()
        return self._fields


class Applier:
    """Applies parsed changes to one open connection, inside the caller's transaction with
    capture off. Writes data, ``sync_changes`` (with ``origin``), ``sync_applied`` and
    ``sync_conflicts``."""

    def __init__(self, conn: sqlite3.Connection, *, merge_id: str, origin: str,
                 policy: str = LATEST, role: str = schema.GIS, skip_missing: bool = False,
                 fresh: Collection[tuple[str, str]] = ()):
        self.conn, self.merge_id, self.origin = conn, merge_id, origin
        self.policy, self.role, self.skip_missing = policy, role, skip_missing
        # (table, column) this merge added to the file: its rows hold the column's default,
        # no one's edit, so a change's value for it meets no other value
        self.fresh = fresh
        self._own: dict[str, set] = {}  # row uuid -> fields this file's own edits wrote
        # row uuid -> the value each field had before the package's first edit of it: the
        # ancestor of a later delete of the row, whose old values hold the package's own edits
        self._before: dict[str, dict] = {}
        tables = tracked_tables(conn)
        self.cols = {t.name: tracked_columns(conn, t) for t in tables}
        self.blobs = {t.name: t.blobs for t in tables}
        self.geoms = {t.name: t.geom for t in tables}  # (a refusal says a feature moved)
        self.grants = registry.grants(conn, role)
        self.select = {t: f"SELECT rowid, {', '.join(map(quote, c))} FROM {quote(t)} WHERE uuid = ?"
                       for t, c in self.cols.items()}
        self.log: list[tuple] = []
        # the changes in conflict whose values the table took, all of them (the later edit),
        # the values they replaced kept in their conflicts
        self.written_over: set[str] = set()
        # the changes in conflict of which the table took some fields (a field of no conflict,
        # or the later edit of one) and held others: applied in part
        self.in_part: set[str] = set()
        self.applied: list[tuple] = []
        self.conflicts: list[tuple] = []
        # While apply() runs, what it reads is read once per chunk of changes and then kept
        # up to date by its own writes (nothing else writes: the caller's transaction, capture
        # off): rows (tbl, uuid) -> (fid, values) or None, and row uuid -> _History.
        self._rows: dict | None = None
        self._hist: dict | None = None
        self._next_seq = 0
        self._update_sql: dict = {}
        self._pending: list = []
        self._trust = {t: _trusted_types(conn, t, c) for t, c in self.cols.items()}
        self._defaults: dict[str, dict] = {}  # table -> drift.constant_defaults, when read
        self._refused: dict[str, list] = {}  # device -> the seqs of its edits refused here
        self._check: FieldCheck | None = None
        # the rows found when capture began again on a layer rewritten (or dropped and added
        # back) since: see _order
        again = registry.json_meta(conn, rewritten.REWRITTEN)
        self._found = {t: found for t, found in registry.json_meta(conn, drift.AS_FOUND).items()
                       if t in again}
        self._ahead: dict[str, dict] = {}  # (apply(): row -> the values the package leaves)

    @property
    def field_check(self) -> FieldCheck:
        """The master's fields and code lists, read when a change first needs them."""
        if self._check is None:
            self._check = FieldCheck(self.conn)
        return self._check

    # -- reading ---------------------------------------------------------------------------
    def _flush_updates(self) -> None:
        """Write the kept updates, in fid order (a row's own updates stay in their order)."""
        if not self._pending:
            return
        self._pending.sort(key=lambda u: (u[0], u[1], u[2]))
        run_sql, run = "", []  # type: tuple[str, list]
        for _, _, _, sql, args in self._pending:
            if sql != run_sql and run:
                self.conn.executemany(run_sql, run)
                run = []
            run_sql = sql
            run.append(args)
        if run:
            self.conn.executemany(run_sql, run)
        self._pending.clear()

    def _read(self, tbl: str, row: str) -> tuple[int, dict] | None:
        self._flush_updates()
        got = self.conn.execute(self.select[tbl], (row,)).fetchone()
        if got is None:
            return None
        blobs = self.blobs[tbl]
        return got[0], {c: log_values.encode(c, v, blobs)
                        for c, v in zip(self.cols[tbl], got[1:])}

    def current(self, tbl: str, row: str) -> tuple[int, dict] | None:
        rows = self._rows
        if rows is not None:
            key = (tbl, row)
            if key in rows:
                return rows[key]
            got = rows[key] = self._read(tbl, row)
            return got
        return self._read(tbl, row)

    def flush_log(self) -> None:
        if self.log:
            if self._rows is not None:  # seqs given here, so history keys know them
                self.conn.executemany(
                    "INSERT INTO sync_changes (seq, change_uuid, tbl, row_uuid, op, old, new, "
                    "device, at, origin, src_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    self.log)
            else:
                changelog.record(self.conn, self.log)
            self.log.clear()

    def _history(self, row: str) -> _History:
        hist = self._hist
        assert hist is not None  # only while apply() runs
        h = hist.get(row)
        if h is None:
            h = hist[row] = _History()
            self._load_history([row])
        return h

    def _prefetch(self, changes: list[dict]) -> None:
        """Read the rows and the recorded history of the rows ``changes`` touch, in chunks."""
        self._flush_updates()
        rows, hist = self._rows, self._hist
        assert rows is not None and hist is not None  # only while apply() runs
        by_table: dict[str, list] = {}
        for c in changes:
            key = (c["table"], c["row"])
            if key not in rows and c["table"] in self.select:
                rows[key] = None
                by_table.setdefault(c["table"], []).append(c["row"])
        for tbl, uuids in by_table.items():
            cols = self.cols[tbl]
            sel = (f"SELECT uuid, rowid, {', '.join(map(quote, cols))} FROM {quote(tbl)} "
                   "WHERE uuid IN ")
            blobs = self.blobs[tbl]
            enc = [c for c in cols if c in blobs]
            for part in chunks(uuids):
                for got in self.conn.execute(sel + marks(len(part)), part):
                    vals = dict(zip(cols, got[2:]))
                    for col in enc:
                        vals[col] = log_values.encode(col, vals[col], blobs)
                    rows[(tbl, got[0])] = (got[1], vals)
        fresh = []
        for c in changes:
            if c["row"] not in hist:
                hist[c["row"]] = _History()
                fresh.append(c["row"])
        self._load_history(fresh)

    def _load_history(self, uuids: list) -> None:
        hist = self._hist
        assert hist is not None  # only while apply() runs
        for part in chunks(uuids):
            for row, op, origin, at, device, seq, old, new, tbl in self.conn.execute(
                    "SELECT row_uuid, op, origin, at, device, coalesce(src_seq, seq), old, new, "
                    "tbl FROM sync_changes WHERE row_uuid IN " + marks(len(part)) +
                    f" AND {LIVE} ORDER BY seq",
                    part):
                hist[row].add(self._order(tbl, op, origin, at, device, seq), op, origin, old,
                              new, parsed=False)

    def _order(self, tbl: str, op: str, origin: str | None, at, device, seq) -> tuple:
        """The order key of a logged change; none for a row as the capture of a layer
        rewritten found it (:data:`~field_kit.sync.drift.AS_FOUND`): no edit made then, so
        an edit a package made before (of a layer dropped and added back) is not taken as
        the older."""
        if op == "insert" and (origin or "local") == "local" and any(
                first <= at <= last for first, last in self._found.get(tbl, ())):
            return _NO_KEY
        return _key(at, device, seq)

    def latest_fields(self, row: str) -> dict:
        """field -> (order key, value) of the latest recorded edit of each field of a row
        (rows brought back are skipped: they keep the times of the edits they had)."""
        if self._hist is not None:
            return self._history(row).fields()
        self.flush_log()
        out: dict = {}
        for at, device, seq, new, tbl, op, origin in self.conn.execute(
                "SELECT at, device, coalesce(src_seq, seq), new, tbl, op, origin FROM "
                f"sync_changes WHERE row_uuid = ? AND new IS NOT NULL AND origin NOT LIKE ? AND "
                f"{LIVE}", (row, "%" + RESTORE)):
            key = self._order(tbl, op, origin, at, device, seq)
            for fld, val in log_values.loads(new).items():
                if fld not in out or key > out[fld][0]:
                    out[fld] = (key, val)
        return out

    def own_fields(self, row: str) -> set:
        """The fields of a row that edits made in this file wrote (for a field package: its
        own values; one it holds from checkout or a pull is the master's)."""
        got = self._own.get(row)
        if got is None:
            got = self._own[row] = set()
            for (new,) in self.conn.execute("SELECT new FROM sync_changes WHERE row_uuid = ? "
                                            "AND origin = 'local' AND new IS NOT NULL", (row,)):
                got.update(log_values.loads(new))
        return got

    def ours_key(self, row: str, fld: str) -> tuple:
        """The order key of the edit that gave ``fld`` its present value."""
        return self.latest_fields(row).get(fld, (_NO_KEY,))[0]

    def row_key(self, row: str) -> tuple:
        """The order key of the latest edit (insert or update) of a row."""
        if self._hist is not None:
            return self._history(row).row_key
        self.flush_log()
        got = self.conn.execute(
            "SELECT at, device, coalesce(src_seq, seq) FROM sync_changes WHERE row_uuid = ? "
            f"AND new IS NOT NULL AND origin NOT LIKE ? AND {LIVE} ORDER BY at DESC, device DESC, "
            "coalesce(src_seq, seq) DESC LIMIT 1",
            (row, "%" + RESTORE)).fetchone()
        return _key(*got) if got else _key(None, None, None)

    def last_delete(self, row: str) -> tuple[dict, tuple] | None:
        """The old values and order key of the last delete of a row."""
        if self._hist is not None:
            got = self._history(row).delete
            return (log_values.loads(got[1]), got[0]) if got and got[1] else None
        self.flush_log()
        got = self.conn.execute(
            "SELECT old, at, device, coalesce(src_seq, seq) FROM sync_changes WHERE "
            f"row_uuid = ? AND op = 'delete' AND {LIVE} ORDER BY at DESC, device DESC, "
            "coalesce(src_seq, seq) DESC LIMIT 1", (row,)).fetchone()
        return (log_values.loads(got[0]), _key(*got[1:])) if got and got[0] else None

    # -- writing ---------------------------------------------------------------------------
    def insert(self, tbl: str, row: str, values: dict) -> None:
        cols = [c for c in values if c in self.cols[tbl]]
        sql = (f"INSERT INTO {quote(tbl)} (uuid{''.join(', ' + quote(c) for c in cols)}) "
               f"VALUES (?{', ?' * len(cols)})")
        blobs = self.blobs[tbl]
        self.conn.execute(sql, [row] + [log_values.decode(c, values[c], blobs) for c in cols])
        if self._rows is not None:  # read back when next needed (defaults, fid)
            self._rows.pop((tbl, row), None)

    def update(self, tbl: str, fid: int, values: dict, row: str | None = None) -> None:
        key = (tbl, *values)
        sql = self._update_sql.get(key)
        if sql is None:
            sets = ", ".join(f"{quote(c)} = ?" for c in values)
            sql = f"UPDATE {quote(tbl)} SET {sets} WHERE rowid = ?"
            self._update_sql[key] = sql
        blobs = self.blobs[tbl]
        args = [log_values.decode(c, v, blobs) for c, v in values.items()]
        args.append(fid)
        if self._rows is None:
            self.conn.execute(sql, args)
            return
        # kept, and written in the file's order at the end of the chunk (fewer page reads)
        self._pending.append((tbl, fid, len(self._pending), sql, args))
        if row is not None:
            key = (tbl, row)
            cached = self._rows.get(key)
            if cached is None or cached[0] != fid:
                self._rows.pop(key, None)
                return
            trust, vals = self._trust[tbl], dict(cached[1])
            for c, v in values.items():
                if c in blobs and isinstance(v, str):  # as the log holds what is stored
                    v = log_values.encode(c, log_values.blob_or_text(v), blobs)
                elif v is not None and (type(v) not in trust.get(c, ()) or v != v):
                    self._rows.pop(key, None)  # stored as SQLite converts it: read it back
                    return
                vals[c] = v
            self._rows[key] = (fid, vals)

    def _conflict(self, c: dict, fld, kind: str, ancestor, ours, theirs, by=None) -> None:
        """Record a conflict; ``by`` is the (device, time) of the edit that gave "theirs", when
        it is not the incoming change."""
        d = log_values.dumps
        device, at = by or (c.get("device"), c.get("at"))
        self.conflicts.append((self.merge_id, c["change"], c["table"], c["row"], fld, kind,
                               None if ancestor is UNKNOWN else d(ancestor), d(ours),
                               d(theirs), device or None, at or None))

    def record(self, c: dict, op: str, old, new, change: str | None = None,
               suffix: str = "") -> None:
        d = log_values.dumps
        entry = (change or c["change"], c["table"], c["row"], op,
                 None if old is None else d(old), None if new is None else d(new),
                 c.get("device"), c.get("at"), self.origin + suffix, c.get("seq"))
        if self._hist is None:
            self.log.append(entry)
            return
        seq = self._next_seq
        self._next_seq += 1
        self.log.append((seq, *entry))
        src = entry[9]
        self._history(c["row"]).add(_key(entry[7], entry[6], seq if src is None else src), op,
                                    entry[8], entry[4], new, parsed=True)

    # -- the three-way apply ---------------------------------------------------------------
    def apply(self, changes: list[dict], done: set[tuple], progress=None) -> list[Outcome]:
        """Apply ``changes``; ``progress(fraction)`` is told how far it got every
        ``PROGRESS_EVERY`` changes and may raise to stop (the caller's transaction rolls back)."""
        self.flush_log()
        self._rows, self._hist = {}, {}
        self._next_seq = log_reads.last_seq(self.conn) + 1
        # row -> the values the package's changes leave it with, of the rows its changes
        # the form's rules hold (a rule is held to the record as the package leaves it)
        self._ahead = {}
        for ch in changes:
            if ch["op"] != "delete" and ch["table"] in RULED_TABLES:
                self._ahead.setdefault(ch["row"], {}).update(ch["new"] or {})
        try:
            return self._apply(changes, done, progress)
        finally:
            self._rows = self._hist = None
            self._pending.clear()

    def _apply(self, changes: list[dict], done: set[tuple], progress=None) -> list[Outcome]:
        out = []
        for i, c in enumerate(changes):
            if i % PREFETCH == 0:
                self._prefetch(changes[i:i + PREFETCH])
            if progress is not None and i % PROGRESS_EVERY == 0:
                progress(i / len(changes))
            tbl, op = c["table"], c["op"]
            if (c.get("device"), c["change"]) in done:
                out.append(Outcome(c["change"], tbl, c["row"], op, ALREADY, MERGED_BEFORE))
                continue
            why = merge_refusal(self.grants, self.role, tbl, op,
                                (c["new"] or c["old"] or {}).keys(), self.geoms.get(tbl))
            if why is not None:
                out.append(Outcome(c["change"], tbl, c["row"], op, REFUSED, why))
                self._refused.setdefault(c.get("device") or "", []).append(c.get("seq") or 0)
                continue
            status, reason = getattr(self, "op_" + op)(c)
            if status == REFUSED and c.get("device"):
                self._refused.setdefault(c["device"], []).append(c.get("seq") or 0)
            if op == "update":
                before = self._before.setdefault(c["row"], {})
                for fld, v in c["old"].items():
                    before.setdefault(fld, v)
            if status != REFUSED:  # a refusal is no fate: merged again, it is looked at again
                done.add((c.get("device"), c["change"]))
                self.applied.append((c["change"], self.merge_id, status, c.get("device") or ""))
            out.append(Outcome(c["change"], tbl, c["row"], op, status, reason))
        self._flush_updates()
        self.flush_log()
        self.conn.executemany("INSERT OR REPLACE INTO sync_applied (change_uuid, merge_id, "
                              "status, device) VALUES (?, ?, ?, ?)", self.applied)
        self.conn.executemany(
            "INSERT INTO sync_conflicts (merge_id, change_uuid, tbl, row_uuid, field, kind, "
            "ancestor, ours, theirs, device, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.conflicts)
        self.applied.clear()
        self.conflicts.clear()
        return out

    def _fields(self, c: dict, fid: int, ours: dict, ancestor: dict, kind: str):
        """Three-way per field; returns (written, conflicted, held: the conflicted fields
        whose value here was kept over the change's, logged: how many fields its record
        logged, those written and those it is now the latest edit of, the same value here)."""
        theirs_key = _key(c.get("at"), c.get("device"), c.get("seq"))
        write, touch, conflicted, held = {}, {}, 0, 0
        start = len(self.conflicts)
        blobs = self.blobs[c["table"]]
        for fld, theirs in c["new"].items():
            mine, blob = ours.get(fld), fld in blobs
            if blob and fld in ancestor and same_logged(True, ancestor[fld], theirs):
                continue  # a geometry written again with its shape (GDAL's whole-row write)
            if same_logged(blob, mine, theirs):
                # same value: logged all the same (an older edit too, which leaves the
                # latest as it was): undoing the merge that wrote it first leaves it to this
                if self.policy == LATEST:
                    touch[fld] = theirs
                continue
            # (an update logged without the value it replaced: repair's, after capture was off)
            anc = ancestor.get(fld, UNKNOWN if kind.startswith("update") else None)
            clean = same_logged(blob, mine, anc) and kind != "insert/insert"
            if self.policy == KEEP_OURS:  # a pull keeps only the package's own edits
                clean = clean or fld not in self.own_fields(c["row"])
            elif (c["table"], fld) in self.fresh and self.ours_key(c["row"], fld) == _NO_KEY:
                clean = True
            # pull keeps its own edits; merge keeps the latest edit of the field
            newer = clean if self.policy == KEEP_OURS else theirs_key > self.ours_key(c["row"], fld)
            if clean and newer:
                write[fld] = theirs
                continue
            # a real conflict, or a clean edit older than the value here: never drop it.
            # "ours" is what the master holds once this change is settled: when the incoming
            # value is the later one it goes into the table, and the value it replaces is kept
            # in the conflict as "theirs", with the device and time of the edit that made it.
            conflicted += 1
            kind_ = kind if not clean else "update/newer"
            if newer:
                write[fld] = theirs
                at, device, _ = self.ours_key(c["row"], fld)
                self._conflict(c, fld, kind_, anc, theirs, mine, by=(device, at))
            else:
                held += 1
                self._conflict(c, fld, kind_, anc, mine, theirs)
        if write and self.policy == LATEST:
            said = self._rules_broken(c, ours, write)
            if said:  # nothing of it written, none of its conflicts kept
                del self.conflicts[start:]
                raise _Broken(said)
        if write:
            self.update(c["table"], fid, write, c["row"])
        if write or touch:
            both = {**touch, **write}
            self.record(c, "update", {k: ours.get(k) for k in both}, both)
        return write, conflicted, held, len(write) + len(touch)

    def _rules_broken(self, c: dict, ours: dict, write: dict) -> list[str]:
        """What the rules of the record's form (a year closed not after its verification's
        year, a class and its sub-class, a treated area under the measured one) say of the
        values ``write`` that the three-way decided to write over ``ours``, a rule only where
        ``write`` sets a field of it; none where the package's later changes of the row leave
        it keeping them (a class and a sub-class saved apart on a device)."""
        said: list[str] = []
        for record in ({**ours, **write}, {**ours, **self._ahead.get(c["row"], {}), **write}):
            said = self.field_check.rules_broken(c["table"], write, record)
            if not said:  # (as written, or as the package's later changes leave it)
                return []
        return said

    def _update_op(self, c: dict, ancestor: dict, kind: str = "update/update"):
        cur = self.current(c["table"], c["row"])
        if cur is None:
            return None
        fid, ours = cur
        if kind == "update/update" and self.policy == LATEST:
            resting = self._on_own_edit_not_here(c, ours)
            if resting:
                return REFUSED, ON_OWN_EDIT_NOT_HERE.format(fields=", ".join(resting))
        try:
            write, conflicted, held, logged = self._fields(c, fid, ours, ancestor, kind)
        except _Broken as broken:  # (refused whole: its other values are said not written too)
            whole = WHOLE.format(fields=", ".join(c["new"])) + MEND_VALUE \
                if len(c["new"]) > 1 else ""
            return REFUSED, "; ".join(broken.said) + whole
        if conflicted and not held:  # in conflict, yet the master took all of it
            self.written_over.add(c["change"])
            return CONFLICT, f"{counted(conflicted, 'field')} in conflict{WRITTEN_OVER}"
        if conflicted:
            if logged:  # some of it taken, some held (audit.applied_in_part reads the same)
                self.in_part.add(c["change"])
            if conflicted > held:
                return CONFLICT, (f"{counted(conflicted, 'field')} in conflict; "
                                  f"{conflicted - held} of them{WRITTEN_IN_PART}")
            return CONFLICT, f"{counted(conflicted, 'field')} in conflict"
        return (APPLIED, "") if write else (ALREADY, "same values already here")

    def _on_own_edit_not_here(self, c: dict, ours: dict) -> list[str]:
        """The fields of update ``c`` whose value here its own device wrote, while ``c``
        replaced another: it rests on an edit of the device this master does not hold (one
        it refused, the device not having pulled since; or another copy's of the device).
        Applied, its fields met the device's own value as another's (a conflict with itself)
        and the refused edit's other fields were lost unsaid; refused, the next pull sends
        both again, together."""
        device = c.get("device") or ""
        if not device:
            return []
        blobs = self.blobs[c["table"]]
        # (field, the order key of the edit that gave it its value here)
        differ = [(f, self.ours_key(c["row"], f)) for f, was in c["old"].items()
                  if f in c["new"] and not same_logged(f in blobs, ours.get(f), was)]
        # (two copies of a device editing one field apart are a conflict: only an edit the
        # master refused between the one it holds and this one tells this case)
        return [f for f, (_, by, wrote) in differ
                if by == device and self._refused_between(device, wrote, c.get("seq"))]

    def _refused_between(self, device: str, after: int, before: int | None) -> bool:
        """Whether the master refused an edit of ``device`` numbered between ``after`` and
        ``before``: at an earlier merge (its audit row counts the package's refusals), or
        at this one (before the engine, or by it)."""
        if before is None:
            return False
        if any(after < n < before for n in self._refused.get(device, ())):
            return True
        incoming = self.conn.execute("SELECT 1 FROM sqlite_temp_master WHERE name = "
                                     "'incoming'").fetchone()
        return self.conn.execute(
            "SELECT 1 FROM sync_merges WHERE device = ? AND refused > 0 AND undone_at IS NULL "
            "AND seq_to > ? AND seq_from < ?" + (
                " UNION ALL SELECT 1 FROM temp.incoming WHERE device = ? AND status = "
                "'refused' AND seq > ? AND seq < ?" if incoming else "") + " LIMIT 1",
            (device, after, before) * (2 if incoming else 1)).fetchone() is not None

    # -- one handler per operation, looked up as "op_" + op --------------------------------
    def op_insert(self, c: dict):
        cur = self.current(c["table"], c["row"])
        if cur is None:
            self.insert(c["table"], c["row"], c["new"])
            self.record(c, "insert", None, c["new"])
            return APPLIED, ""
        return self._update_op(c, {}, "insert/insert")

    def op_update(self, c: dict):
        got = self._update_op(c, c["old"])
        if got is not None:
            return got
        if self.skip_missing:
            return ALREADY, NOT_HERE
        got = self.last_delete(c["row"])
        if got is None:  # never inserted here: applying it would make a row of one edit
            # (or a row of a layer rewritten since, by another tool: said so)
            return REFUSED, rewritten.refusal(
                self.conn, c["table"], c["row"], c["new"], self.blobs[c["table"]]
            ) or "update of a row that does not exist here (never inserted)"
        deleted, delete_key = got
        # a row conflict's sides are the row's values and nothing (deleted): "ours" is the
        # side the table holds, "theirs" the one kept aside
        earlier = self.policy != LATEST or \
            _key(c.get("at"), c.get("device"), c.get("seq")) < delete_key
        taken, broken = None, []
        if not earlier:  # (a row back would hold a code another row holds since, or break
            deleted = {**deleted,  # a rule of its form with this edit: it stays deleted)
                       **{f: v for f, (_, v) in self.latest_fields(c["row"]).items()}}
            taken = codes.holder(self.conn, c["table"], c["row"], {**deleted, **c["new"]})
            broken = self._rules_broken(c, deleted, c["new"])
        if earlier or taken or broken:
            self._conflict(c, None, "update/delete", c["old"], None, c["new"])
            # parked: logged without touching the table, so that if a later edit brings
            # the row back, it comes back with this edit's values where they are the latest
            self.record(c, "update", c["old"], c["new"], suffix=PARKED)
            if taken:
                return CONFLICT, (f"edit of a row deleted here earlier, whose {taken[0]} "
                                  f"{taken[1]} row {taken[2]} holds now: kept as a conflict, "
                                  "the row stays deleted")
            if broken:
                return CONFLICT, (f"edit of a row deleted here earlier, which it would bring "
                                  f"back with {'; '.join(broken)}: kept as a conflict, the "
                                  "row stays deleted")
            return CONFLICT, "edit of a row deleted later; kept as a conflict"
        self._conflict(c, None, "update/delete", c["old"], c["new"], None,
                       by=(delete_key[1], delete_key[0]))
        # an edit later than the delete: bring the row back, then apply the edit three-way
        self.insert(c["table"], c["row"], deleted)
        self.record(c, "insert", None, deleted, change=str(uuid.uuid5(_RESTORING, c["change"])),
                    suffix=RESTORE)
        again = self._update_op(c, c["old"])
        if again is None or again[0] != CONFLICT:  # (or every field of it taken: noted)
            self.written_over.add(c["change"])
        return CONFLICT, "edit of a row deleted here earlier: the row is back, with this edit"

    def _by_writer(self, row: str, changed: dict, edited: tuple) -> dict[tuple, dict]:
        """The fields of ``row`` a delete takes away (``changed``: field -> the value here)
        by the (device, time) of the latest edit that wrote them, each device's with the
        time of its latest; a field no recorded edit wrote goes with the row's latest edit
        (``edited``, its order key)."""
        keys = self.latest_fields(row)
        groups: dict[str, tuple[str, dict]] = {}
        for fld, value in changed.items():
            at, device, _ = keys[fld][0] if fld in keys else edited
            at_before, fields = groups.setdefault(device, (at or "", {}))
            fields[fld] = value
            groups[device] = (max(at_before, at or ""), fields)
        return {(device, at or None): fields for device, (at, fields) in groups.items()}

    def op_delete(self, c: dict):
        cur = self.current(c["table"], c["row"])
        if cur is None:
            got = self.last_delete(c["row"])
            if got is None and not self.skip_missing:
                # never deleted here: a row of a layer rewritten since, its fate unknown
                gone = rewritten.refusal(self.conn, c["table"], c["row"], None,
                                         self.blobs[c["table"]])
                if gone:
                    return REFUSED, gone
            if self.policy != LATEST:
                got = None
            if got and _key(c.get("at"), c.get("device"), c.get("seq")) > got[1]:
                # deleted here too, earlier: log this later delete so later-vs-earlier
                # decisions about the row see it (undo-merge skips such records)
                self.record(c, "delete", got[0], None, suffix=TOUCH)
            return ALREADY, "already deleted"
        fid, ours = cur
        blobs = self.blobs[c["table"]]
        changed = {k: ours.get(k) for k, v in c["old"].items()
                   if not same_logged(k in blobs, ours.get(k), v)}
        # a column the deleting file never had (added since, here or by another package):
        # its ancestor there is the column's default, and another value is someone's edit
        if self._defaults.get(c["table"]) is None:
            self._defaults[c["table"]] = drift.constant_defaults(self.conn, c["table"],
                                                                 self.blobs[c["table"]])
        dflt = {k: v for k, v in self._defaults[c["table"]].items()
                if k in ours and k not in c["old"]}
        changed.update({k: ours[k] for k, v in dflt.items() if ours[k] != v})
        ancestor = {**{k: dflt[k] for k in changed if k in dflt}, **c["old"],
                    **self._before.get(c["row"], {})}
        edited = self.row_key(c["row"])
        later = edited > _key(c.get("at"), c.get("device"), c.get("seq"))
        if later or (changed and self.policy != LATEST):
            self._conflict(c, None, "delete/update", ancestor, changed, None)
            return CONFLICT, "delete of a row edited later; the row is kept"
        # deleted: the edits it undoes are the side kept aside, a conflict for each device
        # that wrote them, naming it with the values it gave
        for by, theirs in self._by_writer(c["row"], changed, edited).items():
            self._conflict(c, None, "delete/update", ancestor, None, theirs, by=by)
        self.conn.execute(f"DELETE FROM {quote(c['table'])} WHERE rowid = ?", (fid,))
        if self._rows is not None:
            self._rows[(c["table"], c["row"])] = None
        self.record(c, "delete", ours, None)
        if changed:
            self.written_over.add(c["change"])
        return (CONFLICT, "delete of a row edited before; deleted") if changed else (APPLIED, "")
