# SPDX-License-Identifier: GPL-2.0-or-later
"""A package's own part of a merge, once the set-based step settled what it could: the rest
of its changes applied change by change (:class:`~field_kit.sync.three_way.Applier`), its
photos' bytes stored, its device's mark moved on, and its row in ``sync_merges`` with what
its result says besides the counts (a device clock that was wrong, refusals looked at again,
the rows named)."""

from __future__ import annotations

import contextlib
import heapq
import os
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from itertools import chain

from ..db import chunks, marks
from ..plan.values import deleted_values, names_in
from . import change_list, changelog, log_values
from .outcomes import (
    AHEAD,
    ALREADY,
    BEHIND,
    CLOCK_SLACK_DAYS,
    CONFLICT,
    MERGED_BEFORE,
    NAMED,
    REFUSED,
    REFUSED_AHEAD,
    REFUSED_BEHIND,
    Outcome,
    Result,
)
from .three_way import LATEST, Applier


@contextlib.contextmanager
def _page_cache(conn: sqlite3.Connection, size: int | None) -> Iterator[None]:
    """PRAGMA cache_size = ``size`` for a while (None: as it is)."""
    was = conn.execute("PRAGMA cache_size").fetchone()[0]
    if size is not None:
        conn.execute(f"PRAGMA cache_size = {int(size)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(was)}")


FREE_EVERY = 8 * 1024 * 1024  # bytes of photos written between two lettings go of memory


def _store_attachment(conn: sqlite3.Connection, sha: str, size: int, pieces: Iterable,
                      mime: str | None) -> None:
    """A photo's bytes, read a piece at a time from ``pieces``, into ``attachments`` (kept
    where it is there already, then not read): written into its blob a piece at a time
    where SQLite's blob I/O is at hand (Python 3.11), so the photo is never held whole beside
    the copy SQLite makes of the row (a photo twice over, as the blob is no table's last
    column)."""
    if not hasattr(conn, "blobopen"):
        conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                     "VALUES (?, ?, ?, ?)", (sha, bytearray().join(pieces), size, mime))
        return
    cur = conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                       "VALUES (?, zeroblob(?), ?, ?)", (sha, size, size, mime))
    if cur.rowcount:
        with conn.blobopen("attachments", "data", cur.lastrowid) as blob:
            for piece in pieces:
                blob.write(piece)


def apply(conn: sqlite3.Connection, pkg, merge_id: str, progress=None, *,
                   photo_cache: int | None = None, fresh: set | None = None,
                   name_all: bool = False, made: tuple[list, list] = ([], [])) -> Result:
    """The engine's change-by-change apply of what the set-based step left, then the
    package's attachments (through a page cache of ``photo_cache``, as PRAGMA cache_size
    takes it), device mark and audit row. ``fresh``: (table, column) this merge added;
    ``made``: the layers and the columns ("table.column") this package added to the master
    (a package adding one is merged, and recorded, though no change in it is new)."""
    rest = change_list.changes(conn, pkg.slot)
    # merged by an earlier package of this merge (the same changes given twice)
    done = set(conn.execute(
        "SELECT device, change FROM incoming WHERE slot = ? AND status IS NULL AND EXISTS "
        "(SELECT 1 FROM sync_applied a WHERE a.device = incoming.device AND a.change_uuid = "
        "incoming.change)", (pkg.slot,)))
    applier = Applier(conn, merge_id=merge_id, origin=f"merge:{merge_id}", policy=LATEST,
                      role=pkg.role, fresh=fresh or ())
    result = Result(merge_id, os.path.basename(pkg.path), pkg.device)
    result.layers, result.schema = made
    settled = conn.execute("SELECT seq, change, tbl, row, op, status, reason, kept_out FROM "
                           "incoming WHERE slot = ? AND status IS NOT NULL ORDER BY seq",
                           (pkg.slot,)).fetchall()
    engine = applier.apply(rest, done, progress)
    seqs = [c["seq"] for c in rest]

    def in_seq_order() -> list:
        return [o for _, o in heapq.merge(((r[0], Outcome(*r[1:])) for r in settled),
                                          zip(seqs, engine), key=lambda so: so[0])]
    result.defer(Counter(r[5] for r in settled) + Counter(o.status for o in engine),
                 in_seq_order)
    result.written_over = len(applier.written_over)
    result.in_part = len(applier.in_part)
    named = (REFUSED, CONFLICT)  # (or every outcome's row: name_all)
    result.names = _names(conn, pkg.slot, list(dict.fromkeys(chain(
        ((r[2], r[3]) for r in settled if name_all or r[5] in named),
        ((o.table, o.row) for o in engine if name_all or o.status in named))))[:NAMED])
    # a photo's pages are written once: in a merge's big cache they would only add up
    with _page_cache(conn, photo_cache if pkg.attachments else None):
        unfreed = 0
        for sha in pkg.attachments:
            if sha in pkg.not_whole:  # (the photos it is the picture of are refused)
                continue
            size = pkg.attachments.size(sha)
            _store_attachment(conn, sha, size, pkg.attachments.pieces(sha),
                              pkg.attachments.mime(sha))
            # what SQLite kept of writing the photo let go before the next is read: kept,
            # a merge held each photo's bytes beside the next one's (150 MiB for 30 MB)
            # (once per few megabytes: small photos by the thousand need it no more often)
            unfreed += size
            if unfreed >= FREE_EVERY:
                conn.execute("PRAGMA shrink_memory")
                unfreed = 0
    m = pkg.manifest
    conn.execute("UPDATE sync_devices SET merged_seq = max(merged_seq, ?) WHERE device = ?",
                 (m.get("seq_to") or 0, pkg.device))
    result.refused_before = _refused_before(
        conn, pkg, merge_id, chain(((r[1], r[5]) for r in settled),
                                   ((o.change, o.status) for o in engine)))
    fates = chain(((r[5], r[6]) for r in settled), ((o.status, o.reason) for o in engine))
    handled = any(status != REFUSED and why != MERGED_BEFORE for status, why in fates) or \
        any(made)
    seen = conn.execute("SELECT 1 FROM sync_merges WHERE package_sha256 = ?",
                        (pkg.sha256,)).fetchone()
    if handled or (result.count(REFUSED) and not seen):
        counts = result.counts
        at = changelog.now()
        conn.execute(
            "INSERT INTO sync_merges (merge_id, package, package_sha256, device, at, seq_from, "
            "seq_to, applied, already, conflicts, refused) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (merge_id, result.source, pkg.sha256, pkg.device, at, m.get("seq_from"),
             m.get("seq_to"), result.went_in, counts[ALREADY], counts[CONFLICT],
             counts[REFUSED]))
        refused = {change for change, status in chain(
            ((r[1], r[5]) for r in settled), ((o.change, o.status) for o in engine))
            if status == REFUSED}
        result.clock = _clock_wrong(conn, pkg, merge_id, at, refused)
        result.met_ahead = _met_ahead(conn, pkg, merge_id, at)
    else:  # nothing new: no merge recorded, none to name or undo, but those that merged it
        result.merge_id = ""
        result.merged_before = [r[0] for r in conn.execute(
            "SELECT merge_id FROM sync_merges WHERE undone_at IS NULL AND (package_sha256 = ? "
            "OR merge_id IN (SELECT a.merge_id FROM incoming i JOIN sync_applied a ON "
            "a.device = i.device AND a.change_uuid = i.change WHERE i.slot = ?)) ORDER BY at",
            (pkg.sha256, pkg.slot))]
    return result


def _clock_wrong(conn: sqlite3.Connection, pkg, merge_id: str, at: str,
                 refused: Collection[str] = ()) -> list:
    """(AHEAD or BEHIND, edits, earliest, latest, against) of the package's edits this merge
    decided that are dated after it (``at``) or before the master checked the package out,
    beyond CLOCK_SLACK_DAYS: its device's clock was wrong, and the later-edit rule reads
    those times as given (see outcomes.Result.clock_said); then (REFUSED_AHEAD or
    REFUSED_BEHIND, …) of the ``refused`` changes dated so, whose values (a day filled in
    as today) that clock may have given."""
    issued = conn.execute("SELECT issued_at FROM sync_devices WHERE device = ? AND "
                          "checkout_uuid = ?",
                          (pkg.device, pkg.manifest.get("checkout"))).fetchone()
    out, apart = [], []
    for kind, against, test in ((AHEAD, at, "> julianday(?) + ?"),
                                (BEHIND, issued[0] if issued else None, "< julianday(?) - ?")):
        if against is None:
            continue
        n, first, last = conn.execute(
            "SELECT count(*), min(at), max(at) FROM incoming i WHERE slot = ? AND "
            f"julianday(at) {test} AND EXISTS (SELECT 1 FROM sync_applied a WHERE "
            "a.device = i.device AND a.change_uuid = i.change AND a.merge_id = ?)",
            (pkg.slot, against, CLOCK_SLACK_DAYS, merge_id)).fetchone()
        if n:
            out.append((kind, n, first, last, against))
        dates = sorted(when for change, when in conn.execute(
            f"SELECT change, at FROM incoming WHERE slot = ? AND julianday(at) {test}",
            (pkg.slot, against, CLOCK_SLACK_DAYS)) if change in refused)
        if dates:
            apart.append((REFUSED_AHEAD if kind == AHEAD else REFUSED_BEHIND, len(dates),
                          dates[0], dates[-1], against))
    return out + apart


def _met_ahead(conn: sqlite3.Connection, pkg, merge_id: str, at: str) -> tuple | None:
    """(conflicts, devices, earliest, latest, ``at``) of this merge's conflicts that set the
    package's value aside for another device's edit dated after the merge (``at``), beyond
    CLOCK_SLACK_DAYS (merged now or before): the later-edit rule read that time as given;
    None where there are none."""
    n, devices, first, last = conn.execute(
        "SELECT count(DISTINCT c.id), group_concat(DISTINCT s.device), min(s.at), max(s.at) "
        "FROM sync_conflicts c JOIN sync_changes s ON s.row_uuid = c.row_uuid AND s.tbl = "
        "c.tbl WHERE c.merge_id = ?1 AND c.device = ?2 AND s.device IS NOT ?2 AND "
        "julianday(s.at) > julianday(?3) + ?4 AND (c.field IS NULL OR s.new IS NULL OR "
        "json_type(s.new, '$.\"' || c.field || '\"') IS NOT NULL)",
        (merge_id, pkg.device, at, CLOCK_SLACK_DAYS)).fetchone()
    if not n:
        return None
    return n, sorted(devices.split(",")), first, last, at


def _refused_before(conn: sqlite3.Connection, pkg, merge_id: str, now) -> tuple | None:
    """(merge id, time, refused again, not refused now) where this very package file was
    merged before (its first merge, not undone) and refused changes of it that this merge
    looked at again (``now``: (change, status) of each): a refusal is no fate, so each is
    decided anew, by the grants and fields of today; None where there are none."""
    first = conn.execute("SELECT merge_id, at FROM sync_merges WHERE package_sha256 = ? AND "
                         "undone_at IS NULL ORDER BY at LIMIT 1", (pkg.sha256,)).fetchone()
    if first is None:
        return None
    # its changes that merge gave no fate, nor any other but this one
    then = {c for (c,) in conn.execute(
        "SELECT change FROM incoming i WHERE slot = ? AND NOT EXISTS (SELECT 1 FROM "
        "sync_applied a WHERE a.device = i.device AND a.change_uuid = i.change AND "
        "a.merge_id != ?)", (pkg.slot, merge_id))}
    statuses = [status for change, status in now if change in then]
    if not statuses:
        return None
    again = sum(1 for s in statuses if s == REFUSED)
    return first[0], first[1], again, len(statuses) - again


def _names(conn: sqlite3.Connection, slot: int, rows: list) -> dict:
    """The names of ``rows`` (table, uuid), as the master holds them, or as the slot's
    changes wrote them (a new row refused) or found them (a row deleted)."""
    names = names_in(conn, rows)
    missing = set(rows) - set(names)
    if not missing:
        return names
    written: dict = {}
    for part in chunks(sorted({row for _, row in missing})):  # (those rows' changes alone)
        for tbl, row, old, new in conn.execute(
                "SELECT tbl, row, old, new FROM incoming WHERE slot = ? AND row IN "
                f"{marks(len(part))} ORDER BY seq", (slot, *part)):
            if (tbl, row) in missing:  # (a row deleted: by what it held)
                written[(tbl, row)] = {**(log_values.loads(old) if old else {}),
                                       **written.get((tbl, row), {}),
                                       **(log_values.loads(new) if new else {})}
    for key, values in deleted_values(conn, missing).items():  # deleted here before
        written[key] = {**values, **written.get(key, {})}
    return {**names, **names_in(conn, written, written)}
