# SPDX-License-Identifier: GPL-2.0-or-later
"""Bringing capture back after it was bypassed, and recovering the edits made meanwhile.

A tool that rebuilds a table drops its triggers; edits made then never reach the log.
A field package keeps a compact record of every tracked row as it was when the package was
written (``sync_baseline``: table, uuid and a CRC-32 of each column's value). The log since
then, replayed over that record, says what each column should hold now; a column that holds
something else was edited while capture was off. :func:`repair` logs those edits as the
triggers would have: an insert with its values; an update of the changed fields, with their
earlier values where the log knows them; a delete with the row's last known values. Where
the earlier value of a field is not known (the record keeps only its checksum), the update
is logged with no ancestor, so the merge holds it as a conflict for a supervisor rather than
applying it blind, and repair names the row. On a file without the record (a master, an
older package), it reinstalls capture and names every table whose edits it cannot vouch for.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from ..db import connect, file_columns, quote, table_exists, transaction
from . import (
    accepted,
    capture_switch,
    changelog,
    column_edits,
    conflicts,
    drift,
    log_reads,
    log_values,
    registry,
    rewritten,
    schema_sent,
    triggers,
)
from .geometry_named import renamed_said as geometry_renamed

DDL = ("CREATE TABLE IF NOT EXISTS sync_baseline (tbl TEXT NOT NULL, uuid TEXT NOT NULL, "
       "digest BLOB NOT NULL, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID")


def _crc(value) -> int:
    if isinstance(value, (bytes, memoryview)):
        return zlib.crc32(bytes(value))
    return zlib.crc32(repr(value).encode())


_NULL_CRC = _crc(None)


def digest(values) -> bytes:
    """One CRC-32 per column value, in column order."""
    return struct.pack(f"<{len(values)}I", *map(_crc, values))


def _columns(d: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(d) // 4}I", d)


def write_baseline(conn: sqlite3.Connection, tables: list[str] | None = None, *,
                   progress=None) -> None:
    """Record every tracked row as it is now (checkout; inside the caller's transaction);
    or only the rows of ``tables`` (a pull brought them, or columns of them, with values no
    logged edit explains; the log replayed over the rest still gives what it holds now).
    ``progress(fraction)`` hears how many of the rows are recorded (0..1)."""
    if tables is not None and not table_exists(conn, "sync_baseline"):
        return  # a package from before the record: repair vouches for none of its rows
    conn.execute(DDL)
    if tables is None:
        conn.execute("DELETE FROM sync_baseline")
    conn.executemany("DELETE FROM sync_baseline WHERE tbl = ?", [(t,) for t in tables or ()])
    column_edits.forget_baseline_columns(conn, tables)  # in the registry's order of now
    recorded = [t for t in registry.tracked(conn) if tables is None or t.name in tables]
    total = sum(conn.execute(f"SELECT count(*) FROM {quote(t.name)}").fetchone()[0]
                for t in recorded) if progress is not None else 0
    done = 0
    for t in recorded:
        cols = "".join(", " + quote(c) for c in t.column_names)
        rows = conn.execute(f"SELECT uuid{cols} FROM {quote(t.name)} WHERE uuid IS NOT NULL")
        while True:  # in chunks: a layer of millions is never all in memory
            chunk = rows.fetchmany(10_000)
            if not chunk:
                break
            conn.executemany("INSERT INTO sync_baseline (tbl, uuid, digest) VALUES (?, ?, ?)",
                             [(t.name, r[0], digest(r[1:])) for r in chunk])
            done += len(chunk)
            if progress is not None:
                progress(min(1.0, done / total))


@dataclass
class Repair:
    path: str
    problems: list = field(default_factory=list)  # the drifts found, as text
    recovered: dict = field(default_factory=dict)  # table -> edits logged
    unvouched: dict = field(default_factory=dict)  # table -> row uuids (or "*": every row)
    gone: list = field(default_factory=list)  # tables gone from the file (nothing to repair)
    closed: dict = field(default_factory=dict)  # table gone -> its open conflicts closed
    # table -> why it cannot be tracked as it is now: left as it was, its capture broken, so
    # every command names it until it is mended (a table once tracked is never dropped from
    # tracking unsaid, its edits since with it)
    untrackable: dict = field(default_factory=dict)
    renamed: str | None = None  # what to do about tables renamed, which stop the repair
    master: bool = False  # the file a master's (else a field package's)


def _gone_columns(conn: sqlite3.Connection, bad: list) -> list[tuple[str, str, str | None]]:
    """(table, column, its new name or None) of each tracked column gone from the file, as
    ``column_edits.renamed_in_place`` tells a rename from a drop."""
    tables = registry.by_name(conn)
    out = []
    for tbl in dict.fromkeys(d.table for d in bad if d.kind == drift.COLUMN_GONE):
        was = list(tables[tbl].columns)
        now = list(registry.describe(conn, tbl).columns)
        renamed = column_edits.renamed_in_place(was, now)
        out += [(tbl, c, renamed.get(c)) for c, _ in was if c not in dict(now)]
    return out


def _gone_noted(conn: sqlite3.Connection, bad: list) -> list[str]:
    """Columns gone from a master's tables without being prepared, remembered as prepared
    ones are (:func:`column_edits.gone`): a package's edits of one are refused at merge by
    name, where a GIS package's would have added it back beside the values it now has under
    another name. What is said of each."""
    record = registry.json_meta(conn, column_edits.GONE)
    said = []
    tables = registry.by_name(conn)
    for tbl, col, new in _gone_columns(conn, bad):
        now = registry.describe(conn, tbl).geom
        if col == tables[tbl].geom and now not in (None, col):
            # its geometry under another name: one geometry (geometry_named)
            said.append(geometry_renamed(tbl, col, str(now)))
            continue
        record.setdefault(tbl, {})[col] = {"at": changelog.now(),
                                           **({"renamed_to": new} if new else {})}
        said.append(f"{tbl}: column {col} " + (f"renamed {new}" if new else "dropped") +
                    f", as the master holds it now: field packages' edits of {col} are "
                    "refused at merge, by name")
    registry.set_json_meta(conn, column_edits.GONE, record)
    return said


def _own_renamed(conn: sqlite3.Connection, bad: list) -> list[str]:
    """A column a package added itself and renamed without preparing it is its column under
    the new name, as a prepared rename makes it: its edits under the old name are not sent
    (export --all sent them too, and the master refused them, the old name being another
    package's column there). What is said of each."""
    said = []
    for tbl, col, new in _gone_columns(conn, bad):
        if new and schema_sent.own(conn, tbl, col):
            column_edits.forget_logged(conn, tbl, col)
            said.append(f"{tbl}: column {col}, which this package added, renamed {new}: its "
                        f"values go under {new} only")
    return said


def _record(conn: sqlite3.Connection, t: registry.Tracked) -> tuple[list[str], dict]:
    """The columns the record at checkout holds, in order, and uuid -> the row's digest."""
    return (column_edits.baseline_columns(conn, t),  # written by the registry of then
            dict(conn.execute("SELECT uuid, digest FROM sync_baseline WHERE tbl = ?",
                              (t.name,))))


def _as_at_checkout(at_checkout: list[str], d: bytes) -> dict:
    return {c: (crc, None) for c, crc in zip(at_checkout, _columns(d))}


def _replayed(conn: sqlite3.Connection, t: registry.Tracked, cols: list[str],
              at_checkout: list[str], record: dict) -> dict:
    """uuid -> (column -> (crc, value or None when only the crc is known)), or None where
    the row was deleted, of the rows the log since checkout names (unsealed edits too): the
    record replayed with the log. An edit the master refused that a pull handled (gave up
    for the master's values, or logged again) is left out: what the row holds since is
    logged after it, the mend that brought it back to the master's value folded away. One
    given up that the package still holds (the master had no row or layer to give back) is
    replayed as any edit."""
    from .refused import replaced
    blobs = {c for c in cols if t.is_blob(c)}
    rows: dict = {}
    for row, op, new in conn.execute(
            f"SELECT row_uuid, op, new FROM ({log_reads.log_sql(conn)}) WHERE tbl = ? AND "
            "coalesce(change_uuid, '') NOT IN (SELECT value FROM json_each(?)) ORDER BY seq",
            (t.name, json.dumps(replaced(conn)))):
        if row not in rows and row in record:
            rows[row] = _as_at_checkout(at_checkout, record[row])
        if op == "delete":
            rows[row] = None
            continue
        vals = {c: log_values.decode(c, v, blobs) for c, v in log_values.loads(new).items()}
        if op == "insert" and row in record:
            # a record written after the insert (a pull that brought columns, their values
            # with them, writes its table's anew) holds what the insert did not name
            rows[row] = _as_at_checkout(at_checkout, record[row])
        elif op == "insert" or rows.get(row) is None:
            rows[row] = {}
        rows[row].update({c: (_crc(v), (v,)) for c, v in vals.items()})
    return rows


def _expected(conn: sqlite3.Connection, t: registry.Tracked, cols: list[str]) -> dict:
    """uuid -> (column -> (crc, value or None when only the crc is known)), or None where
    the row was deleted: the record at checkout with the log since replayed over it."""
    at_checkout, record = _record(conn, t)
    rows = {u: _as_at_checkout(at_checkout, d) for u, d in record.items()}
    rows.update(_replayed(conn, t, cols, at_checkout, record))
    return rows


def _as_stored(value, decl: str):
    """A column's default as a row of it holds it, by the column's affinity
    (:func:`~field_kit.sync.registry.affinity`): a REAL column holds ``DEFAULT 1`` as 1.0,
    an INTEGER or NUMERIC one ``DEFAULT 1.0`` as 1."""
    kind = registry.affinity(decl)
    if kind == "REAL" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in ("INTEGER", "NUMERIC") and isinstance(value, float) and value.is_integer() \
            and abs(value) < 2 ** 63:
        return int(value)
    return value


def _defaults(conn: sqlite3.Connection, tbl: str, cols: list[str]) -> dict:
    """Each column's default as its rows hold it: what a column the record does not know
    (added since) holds in every row."""
    kinds = dict(registry.describe(conn, tbl).columns)
    return {c: _as_stored(conn.execute(f"SELECT {drift.default_sql(conn, tbl, c)}").fetchone()[0],
                          kinds.get(c, "")) for c in cols}


def _differences(conn: sqlite3.Connection, t: registry.Tracked, cols: list[str]
                 ) -> Iterator[tuple[int | None, str | None, str, dict, dict]]:
    """Each row whose values in ``cols`` are not those the record and the log since say it
    holds: (rowid, uuid, op, old, new). An insert (a row the record does not know, or
    with no uuid, which the triggers give every row) has ``new`` its values; an update,
    ``new`` the values changed and ``old`` their earlier ones, each as a 1-tuple, or None
    where only its checksum is known; a delete (a recorded row gone), ``old`` its last
    known values so. Reads only; a row the log does not name is compared by its digest."""
    at_checkout, record = _record(conn, t)
    touched = _replayed(conn, t, cols, at_checkout, record)
    defaults = _defaults(conn, t.name, cols)
    blank = {c: (_crc(defaults[c]), (defaults[c],)) for c in cols}  # added since: default
    extra = [c for c in cols if c not in at_checkout]
    fast = set(at_checkout) <= set(cols)
    for rowid, row, *values in conn.execute(
            f"SELECT rowid, uuid{''.join(', ' + quote(c) for c in cols)} FROM {quote(t.name)}"):
        vals = dict(zip(cols, values))
        if row in touched:
            was = touched.pop(row)
            record.pop(row, None)
        else:
            d = record.pop(row, None) if row else None
            if d is not None and fast and digest([vals[c] for c in at_checkout]) == d and \
                    all(_crc(vals[c]) == blank[c][0] for c in extra):
                continue  # as recorded
            was = None if d is None else _as_at_checkout(at_checkout, d)
        if was is None:
            yield rowid, row, "insert", {}, vals
            continue
        old: dict = {}
        new: dict = {}
        for c, v in vals.items():
            crc, known = was.get(c, blank[c])
            if _crc(v) != crc:  # (a checksum of NULL is NULL's: known so)
                new[c], old[c] = v, (None,) if known is None and crc == _NULL_CRC else known
        if new:
            yield rowid, row, "update", old, new
    for u in touched:
        record.pop(u, None)
    gone = [(u, was) for u, was in touched.items() if was is not None]
    gone += [(u, _as_at_checkout(at_checkout, d)) for u, d in record.items()]
    for u, was in gone:
        yield None, u, "delete", {c: v for c, (_, v) in was.items()}, {}


def _match_rows(conn: sqlite3.Connection, tbl: str) -> tuple[int, int]:
    """Give the rows of a table rebuilt without its uuid column (``ogr2ogr -overwrite``,
    say) the uuids of their record: a row whose values are those the record and the log say
    a recorded row holds takes its uuid; then, for the rows left, the one recorded row whose
    values but one are (the geometry first: moved, or one field edited while capture was
    off, logged then as an update without its earlier value). Returns (rows matched, rows)."""
    cols, expected, defaults = _as_recorded(conn, tbl)
    recorded = {u: tuple(was[c][0] if c in was else _crc(defaults[c]) for c in cols)
                for u, was in expected.items() if was is not None}
    geom = registry.by_name(conn)[tbl].geom
    q = quote(tbl)
    conn.execute(f"ALTER TABLE {q} ADD COLUMN uuid TEXT")
    rows = [(rowid, tuple(map(_crc, values))) for rowid, *values in conn.execute(
        f"SELECT rowid{''.join(', ' + quote(c) for c in cols)} FROM {q}")]
    given: list[tuple[str, int]] = []
    # every value; then every value but one, the geometry's first
    skips = [None] + sorted(range(len(cols)), key=lambda i: cols[i] != geom)
    for skip in skips:
        def key(crcs: tuple, skip=skip) -> tuple:
            return crcs if skip is None else crcs[:skip] + crcs[skip + 1:]
        free: dict[tuple, list[str]] = {}
        for u, crcs in recorded.items():
            free.setdefault(key(crcs), []).append(u)
        left = []
        for rowid, crcs in rows:
            got = free.get(key(crcs), [])
            # (rows alike in every value are alike: any of them; but one, only one)
            if got and (skip is None or len(got) == 1):
                u = got.pop(0)
                given.append((u, rowid))
                del recorded[u]
            else:
                left.append((rowid, crcs))
        rows = left
    conn.executemany(f"UPDATE {q} SET uuid = ? WHERE rowid = ?", given)
    return len(given), len(given) + len(rows)


def _as_recorded(conn: sqlite3.Connection, tbl: str) -> tuple[list[str], dict, dict]:
    """The table's columns as it is now, what its record and the log since say each row
    holds (:func:`_expected`), and each column's default as its rows hold it
    (:func:`_defaults`)."""
    cols = registry.describe(conn, tbl).column_names
    expected = _expected(conn, registry.by_name(conn)[tbl], cols)
    return cols, expected, _defaults(conn, tbl, cols)


def _recover(conn: sqlite3.Connection, tbl: str, rep: Repair) -> None:
    t = registry.by_name(conn)[tbl]
    device = changelog.state(conn)["device"]
    at = changelog.now()
    enc = log_values.encode
    log: list[tuple[str, str, dict | None, dict | None]] = []
    unvouched: list[str] = []
    for _, row, op, was, now in _differences(conn, t, registry.describe(conn, tbl).column_names):
        if row is None:
            continue  # (none: the rows' uuids are filled first)
        old = {c: enc(c, v[0]) for c, v in was.items() if v is not None}
        if len(old) < len(was):  # left out of old: not known, which is not empty
            unvouched.append(row)
        log.append((row, op, None if op == "insert" else old,
                    None if op == "delete" else {c: enc(c, v) for c, v in now.items()}))
    changelog.record(conn, ((changelog.new_uuid(), tbl, row, op,
                             None if old is None else log_values.dumps(old),
                             None if new is None else log_values.dumps(new), device, at,
                             "local", None) for row, op, old, new in log))
    if log:
        rep.recovered[tbl] = len(log)
    if unvouched:
        rep.unvouched[tbl] = unvouched


def repair(path: str | os.PathLike) -> Repair:
    """Reinstall capture where it is not whole and recover the edits made meanwhile."""
    path = os.fspath(path)
    conn = connect(path)
    try:
        changelog.state(conn)
        rep = Repair(path)
        with transaction(conn):
            # read before anything is sealed: the captured edits name the rows a column
            # added since was written into, which adopting it logs (drift.adopt)
            found = drift.find(conn)
            bad = drift.broken(found)
            rep.problems = [str(d) for d in bad]
            renamed = [d for d in bad if d.kind == drift.TABLE_RENAMED]
            if renamed:  # nothing to reinstall: renamed back, they capture as before
                rep.renamed = drift.rename_back(path, renamed)
                return rep
            if not bad:
                changelog.seal(conn)  # only additions: adopted as any command does
                return rep
            # what was added to the layers whose capture is whole, adopted as any command
            # does; the others' edits, those added with them, are recovered below
            changelog.seal(conn, added_only=True, left={d.table for d in bad})
            master = rep.master = changelog.state(conn)["kind"] == changelog.MASTER
            rep.problems += (_gone_noted if master else _own_renamed)(conn, bad)
            capture_switch.switch_capture(conn, False)
            has_record = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sync_baseline'").fetchone()
            for tbl in sorted({d.table for d in bad}):
                if any(d.table == tbl and d.kind == drift.TABLE_GONE for d in bad):
                    registry.untrack(conn, tbl, registry.GONE)
                    rep.gone.append(tbl)  # (its rows with it: no edit of one left to send)
                    if master:  # its open conflicts: nothing left to settle
                        n = conflicts.close_with_layer(conn, tbl)
                        if n:
                            rep.closed[tbl] = n
                    continue
                # (rebuilt with no INTEGER PRIMARY KEY, or rows sharing a uuid: told before
                # anything of it is touched)
                why = registry.why_untrackable(conn, tbl) or triggers.shared_uuid(conn, tbl)
                if why is not None:
                    rep.untrackable[tbl] = why  # left registered: named until mended
                    continue
                triggers.drop_triggers(conn, tbl)
                had_uuid = "uuid" in file_columns(conn, tbl)
                if has_record and not had_uuid:  # rebuilt: its rows found by their values
                    matched, n = _match_rows(conn, tbl)
                    rep.problems.append(
                        f"{tbl}: its uuid column was gone (the layer rebuilt): {matched} of "
                        f"its {n} rows found again by their values; the others are logged "
                        "as inserted, and the rows of its record not found as deleted")
                # rows inserted meanwhile get their uuid first: each is then an insert
                triggers.uuid_problem(conn, tbl)  # (uuids unshared: above; now indexed)
                if has_record:
                    _recover(conn, tbl, rep)
                else:
                    rep.unvouched[tbl] = ["*"]
                    if not had_uuid:
                        rep.problems.append(f"{tbl}: its uuid column is gone: its rows cannot "
                                            "be matched with their record")
                        if master:  # rewritten: packages checked out before are told
                            rep.problems.append(rewritten.note(conn, tbl))
                triggers.track(conn, tbl)  # (it can be: both reasons it could not are above)
            if master:  # said by every pull into a package holding them, until accepted
                accepted.note(conn, [t for t, rows in rep.unvouched.items() if rows == ["*"]])
            capture_switch.switch_capture(conn, True)
            if not rep.untrackable:  # (else said again, until those are mended too)
                capture_switch.forget_switches(conn)  # the edits made meanwhile: recovered above
            changelog.seal(conn, left=rep.untrackable)
        return rep
    finally:
        conn.close()


def changed_outside(conn: sqlite3.Connection, t: registry.Tracked, unsure: Collection[str] = ()
                    ) -> dict[str, list]:
    """op -> the rows of ``t`` (rowid; a row deleted, its uuid) whose tracked values, but
    those of the columns ``unsure``, are not those its record and the log say, where the
    record is kept (read only): edits the triggers did not see, which :func:`repair` logs.
    A shape's other bytes alone are no edit where its earlier bytes are known by their
    checksum only (QGIS writes a feature's shape back, in GDAL's form, on any edit, and the
    triggers log no change of the same shape), nor where they are the same shape; a shape
    emptied (NULL, or an empty one), or drawn where there was none, is."""
    from ..plan.geometry import same_shape
    if not table_exists(conn, "sync_baseline"):
        return {}
    have = set(file_columns(conn, t.name))
    out: dict[str, list] = {}
    factory = conn.text_factory
    # (text that is not UTF-8, a shell slip into a geometry, say, is compared as it is)
    conn.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        for rowid, row, op, was, now in _differences(
                conn, t, [c for c in t.column_names if c in have and c not in unsure]):
            if op == "update" and all(
                    t.is_blob(c) and _a_shape(now[c]) and (v is None or (isinstance(
                        v[0], bytes) and same_shape(v[0], now[c]))) for c, v in was.items()):
                continue
            out.setdefault(op, []).append(row if op == "delete" else rowid)
    finally:
        conn.text_factory = factory
    return out


def _a_shape(value) -> bool:
    """Whether ``value`` is a GeoPackage geometry that is not empty (its header's flag)."""
    return isinstance(value, bytes) and len(value) > 3 and value[:2] == b"GP" and \
        not value[3] & 0x10
