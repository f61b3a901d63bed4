# SPDX-License-Identifier: GPL-2.0-or-later
"""The set-based step of a merge, in SQL over the temp table ``incoming``
(:mod:`field_kit.sync.change_list`), before :class:`field_kit.sync.three_way.Applier` takes the rest
change by change.

It settles the changes that are certain to meet no other edit: no earlier change of this
merge (in the engine's order: by package, then seq) touches their row, and the master's log
has no change of it. For those the three-way rules of :mod:`field_kit.sync.three_way` come
down to:

* an update of a row that is here, where every field is at its ancestor value or already at
  the new one: written (``applied``), or nothing to write (``already``); one logged without
  some value it replaced (repair's) is the engine's, which holds it as a conflict;
* an insert of a row that is not here: inserted (a column it does not name takes the
  table's default, as the engine's insert gives it);
* a delete of a row that is here with every field at the deleted value: deleted.

Everything else (a conflict, a missing row, the later changes of a row two changes touch) is
left to the engine, which finds the settled ones in the log.
It first marks the changes merged before (``already``) and those the package's role may not
make (``refused``). Each settled change gets the same records the engine would write: a
``sync_changes`` row (origin ``merge:<id>``, with the device's seq) and its fate in
``sync_applied``. Runs inside the merge's transaction, with capture off.
"""

from __future__ import annotations

import json
import sqlite3

from ..db import quote
from . import drift, json_fields, log_values, registry
from .outcomes import MEND_VALUE, MERGED_BEFORE, WHOLE, barred_feature, merge_refusal
from .registry import tracked_tables

# what a refused update with several values adds to its reason (one the role refused says
# its own: outcomes.merge_refusal)
_BEFORE, _AFTER = WHOLE.split("{fields}")
REFUSED_WHOLE = (_BEFORE, _AFTER + MEND_VALUE)
# the edited columns of a change, as a JSON array
_WROTE = "(SELECT json_group_array(key) FROM json_each(coalesce(incoming.new, incoming.old)))"
_RECORD = ("INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, "
           "origin, src_seq) ")


def _theirs(side: str, col: str, blobs) -> str:
    """SQL for a field's value in a change's JSON ``side``, as the table stores it."""
    got = _in_json(side, col)
    return f"toksun_blob_or_text({got})" if col in blobs else got


def _ours(col: str, blobs) -> str:
    """SQL for a field's present value, in the change log's terms, without column affinity
    (so '5' and 5 differ, as they do in Python)."""
    ref = f"r.{quote(col)}"
    return log_values.logged_sql(ref) if col in blobs else f"+{ref}"


def _in_json(side: str, col: str) -> str:
    return json_fields.get(f"i.{side}", col)


def settle(conn: sqlite3.Connection, slots: dict, progress=None) -> None:
    """Settle what can be settled set-based. ``slots`` maps each slot to (merge id, role)."""
    tick = progress or (lambda fraction: None)
    # built here, once every package is in: row by row as the changes arrived it cost
    # several times more
    conn.execute("CREATE INDEX IF NOT EXISTS temp.incoming_row ON incoming (row)")
    log_values.value_functions(conn)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS merge_slots (slot INTEGER PRIMARY KEY, "
                 "merge_id TEXT, role TEXT)")
    conn.execute("DELETE FROM merge_slots")
    conn.executemany("INSERT INTO merge_slots VALUES (?, ?, ?)",
                     [(s, m, r) for s, (m, r) in slots.items()])
    conn.execute("UPDATE incoming SET status = 'already', reason = ? WHERE status IS NULL AND "
                 "EXISTS (SELECT 1 FROM sync_applied a WHERE a.device = incoming.device AND "
                 "a.change_uuid = incoming.change)", (MERGED_BEFORE,))
    tick(0.05)
    tables = tracked_tables(conn)
    # what the role may never make is refused for that, whatever else a check found in it
    # (a bad value): the pull then says the same of it
    open_ = "(status IS NULL OR status = 'refused')"
    geoms = {t.name: t.geom for t in tables}

    def why(role: str, tbl: str, op: str, wrote: str, granted: str) -> str | None:
        # the reason the SQL's refusal gets, every column named (a few rows: the refused)
        return merge_refusal({tbl: set(json.loads(granted))}, role, tbl, op,
                             json.loads(wrote), geoms.get(tbl))
    conn.create_function("toksun_role_refusal", 5, why, deterministic=True)
    for slot, (_, role) in slots.items():
        allowed = registry.grants(conn, role)
        if allowed is None:
            continue
        conn.executemany("UPDATE incoming SET status = 'refused', reason = toksun_role_refusal("
                         f"?, tbl, op, {_WROTE}, '[]') WHERE slot = ? AND {open_} AND tbl = ?",
                         [(role, slot, t.name) for t in tables if not allowed.get(t.name)])
        for tbl, cols in allowed.items():  # grants of some columns only
            if "*" not in cols:
                conn.execute(
                    "UPDATE incoming SET status = 'refused', reason = CASE op WHEN 'insert' "
                    f"THEN ? ELSE ? END WHERE slot = ? AND {open_} AND tbl = ? AND op IN "
                    "('insert', 'delete')", (barred_feature(role, tbl, "insert", cols),
                                             barred_feature(role, tbl, "delete", cols),
                                             slot, tbl))
                granted = json.dumps(sorted(cols))
                conn.execute(
                    "UPDATE incoming SET status = 'refused', reason = toksun_role_refusal(?, "
                    f"tbl, op, {_WROTE}, ?) WHERE slot = ? AND {open_} AND tbl = ? AND op = "
                    "'update' AND EXISTS (SELECT 1 FROM json_each(coalesce(incoming.new, "
                    "incoming.old)) WHERE key NOT IN (SELECT value FROM json_each(?)))",
                    (role, granted, slot, tbl, granted))
    tick(0.1)
    # the first change of a row in the engine's order (ids run in package, then seq order)
    # meets the row as the engine would: the later ones are left to the engine, which then
    # finds it in the log
    conn.execute("UPDATE incoming SET status = 'candidate' WHERE status IS NULL AND NOT EXISTS "
                 "(SELECT 1 FROM incoming j WHERE j.row = incoming.row AND j.id < incoming.id "
                 "AND (j.status IS NULL OR j.status = 'candidate')) AND NOT EXISTS "
                 "(SELECT 1 FROM sync_changes WHERE row_uuid = incoming.row)")
    tick(0.2)
    # each table's share of the step as its share of the changes
    many = dict(conn.execute("SELECT tbl, count(*) FROM incoming WHERE status = 'candidate' "
                             "GROUP BY tbl").fetchall())
    done, total = 0, sum(many.values()) or 1
    for t in tables:
        if many.get(t.name):
            start, share = 0.2 + 0.7 * done / total, 0.7 * many[t.name] / total
            _settle_table(conn, t, lambda f, start=start, share=share: tick(start + share * f))
            done += many[t.name]
    tick(0.9)
    # a change is refused whole: one that would have written other values too names them
    # (one the role refused names them already; one kept out as this master undid it has
    # no value to mend: its own reason says the way on)
    conn.execute("UPDATE incoming SET reason = reason || ?1 || (SELECT group_concat(value, "
                 "', ') FROM json_each(incoming.keys)) || ?2 WHERE status = 'refused' AND "
                 "op = 'update' AND json_array_length(keys) > 1 AND instr(reason, ?1) = 0 "
                 "AND kept_out = ''", REFUSED_WHOLE)
    conn.execute("UPDATE incoming SET status = NULL WHERE status = 'candidate'")
    conn.execute("INSERT OR REPLACE INTO sync_applied (change_uuid, merge_id, status, device) "
                 "SELECT i.change, s.merge_id, i.status, i.device FROM incoming i "
                 "JOIN merge_slots s "
                 "USING (slot) WHERE i.settled ORDER BY i.device, i.change")  # (its key: appends)
    tick(1.0)


def _groups(conn, tbl: str, op: str, keys: str) -> list[tuple[str, list]]:
    return [(k, json.loads(k)) for (k,) in conn.execute(
        f"SELECT DISTINCT {keys} FROM incoming WHERE status = 'candidate' AND tbl = ? AND "
        "op = ?", (tbl, op))]


def _settle_table(conn: sqlite3.Connection, t: registry.Tracked, progress) -> None:
    """Settle ``t``'s candidates; ``progress(fraction)`` hears each statement done."""
    tbl, cols, q = t.name, t.column_names, quote(t.name)
    blobs = t.blobs
    updates, inserts, deletes = (_groups(conn, tbl, "update", "keys"),
                                 _groups(conn, tbl, "insert", "keys"),
                                 _groups(conn, tbl, "delete", "keys_old"))
    total = 3 + 4 * len(updates) + 3 * len(inserts) + len(deletes)  # the statements below
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        progress(min(done / total, 1.0))
    # (an update's row is looked up as its group is read, below)
    conn.execute(f"UPDATE incoming SET fid = (SELECT rowid FROM {q} WHERE uuid = incoming.row) "
                 "WHERE status = 'candidate' AND tbl = ? AND op != 'update'", (tbl,))
    step()
    origin = "'merge:' || s.merge_id"
    for keys, fields in updates:
        # the ancestor value first: what most fields hold (one JSON look-up, not two)
        clean = " AND ".join(f"({_ours(k, blobs)} IS {_in_json('old', k)} OR {_ours(k, blobs)} IS "
                             f"{_in_json('new', k)})" for k in fields) or "1"
        differs = " OR ".join(f"{_ours(k, blobs)} IS NOT {_in_json('new', k)}"
                              for k in fields) or "0"
        old = log_values.object_sql([(k, f"r.{quote(k)}") for k in fields], blobs=blobs)
        # The group's clean changes, each row read once: classified, its present values
        # kept for the log; then written in the layer's order (fid).
        conn.execute("CREATE TEMP TABLE bulk_rows (fid INTEGER PRIMARY KEY, id INTEGER, "
                     "new TEXT, applied INTEGER, was TEXT)")
        # CROSS JOIN: walk the group and look each row up by uuid, never scan the layer (the
        # planner, without statistics, might: time growing with the layer)
        conn.execute(f"INSERT INTO bulk_rows SELECT r.rowid, i.id, i.new, {differs}, {old} "
                     f"FROM incoming AS i CROSS JOIN {q} AS r ON r.uuid = i.row WHERE "
                     "i.status = 'candidate' AND i.tbl = ? AND i.op = 'update' AND i.keys = ? "
                     f"AND i.keys_old = i.keys AND {clean}", (tbl, keys))
        step()
        conn.execute("UPDATE incoming SET status = CASE b.applied WHEN 0 THEN 'already' ELSE "
                     "'applied' END, reason = CASE b.applied WHEN 0 THEN 'same values already "
                     "here' ELSE '' END, settled = 1 FROM bulk_rows AS b WHERE incoming.id = "
                     "+b.id")
        step()
        conn.execute(
            f"{_RECORD} SELECT i.change, i.tbl, i.row, 'update', b.was, i.new, i.device, i.at, "
            f"{origin}, i.seq FROM bulk_rows b JOIN incoming i ON i.id = +b.id JOIN merge_slots "
            "s ON s.slot = i.slot ORDER BY i.row")  # in the order of the log's row index
        step()
        if fields:
            sets = ", ".join(f"{quote(k)} = {_theirs('new', k, blobs)}" for k in fields)
            conn.execute(f"UPDATE {q} SET {sets} FROM bulk_rows AS i WHERE {q}.rowid = +i.fid "
                         "AND i.applied")
        conn.execute("DROP TABLE bulk_rows")
        step()
    for keys, fields in inserts:
        names = "".join(f", {quote(k)}" for k in fields)
        values = "".join(f", {_theirs('new', k, blobs)}" for k in fields)
        conn.execute(
            f"INSERT INTO {q} (uuid{names}) SELECT i.row{values} FROM incoming i WHERE "
            "i.status = 'candidate' AND i.fid IS NULL AND i.tbl = ? AND i.op = 'insert' AND "
            "i.keys = ? ORDER BY i.id", (tbl, keys))
        step()
        conn.execute(
            f"{_RECORD} SELECT i.change, i.tbl, i.row, 'insert', NULL, i.new, i.device, i.at, "
            f"{origin}, i.seq FROM incoming i JOIN merge_slots s USING (slot) WHERE "
            "i.status = 'candidate' AND i.fid IS NULL AND i.tbl = ? AND i.op = 'insert' AND "
            "i.keys = ? ORDER BY i.id", (tbl, keys))
        step()
        conn.execute("UPDATE incoming SET status = 'applied', reason = '', settled = 1 WHERE "
                     "status = 'candidate' AND fid IS NULL AND tbl = ? AND op = 'insert' AND "
                     "keys = ?", (tbl, keys))
        step()
    whole = log_values.object_sql([(c, f"r.{quote(c)}") for c in cols], blobs=blobs)
    # a column a delete does not name holds its default where no one edited it (as the
    # engine holds it, drift.constant_defaults): another value is an edit the delete did
    # not see, left to the engine's conflict
    dflt = {c: d for c, d in drift.constant_default_sql(conn, tbl).items() if c in cols}
    for keys, fields in deletes:
        same = " AND ".join([f"{_ours(k, blobs)} IS {_in_json('old', k)}" for k in fields] + [
            f"+r.{quote(c)} IS ({d})" for c, d in dflt.items() if c not in fields]) or "1"
        conn.execute(
            f"UPDATE incoming AS i SET status = 'applied', reason = '', settled = 1 FROM {q} "
            f"AS r WHERE r.rowid = i.fid AND i.status = 'candidate' AND i.tbl = ? AND "
            f"i.op = 'delete' AND i.keys_old = ? AND {same}", (tbl, keys))
        step()
    conn.execute(
        f"{_RECORD} SELECT i.change, i.tbl, i.row, 'delete', {whole}, NULL, i.device, i.at, "
        f"{origin}, i.seq FROM incoming i JOIN merge_slots s USING (slot) JOIN {q} r ON "
        "r.rowid = i.fid WHERE i.settled AND i.tbl = ? AND i.op = 'delete' ORDER BY i.id",
        (tbl,))
    step()
    conn.execute(f"DELETE FROM {q} WHERE rowid IN (SELECT fid FROM incoming WHERE settled AND "
                 "tbl = ? AND op = 'delete')", (tbl,))
    step()


__all__ = ["settle"]
