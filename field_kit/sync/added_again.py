# SPDX-License-Identifier: GPL-2.0-or-later
"""A column a field package dropped (:mod:`field_kit.sync.column_edits`) and then added again
by the same name (QGIS's "Add Field", ``ALTER TABLE … ADD COLUMN``).

The column comes back empty: its rows hold nothing where the master holds values. It is
not a column of the package's own (the master has it, or had it when the package was
checked out or last exported), so it is no schema change and its emptiness is no edit:

* the next command tracks it again and says so (``status``), by table and column;
* what is written into it before a pull reaches the master as an edit of the value the row
  held before the drop (kept when the drop was settled, ``sync_column_values``), never of
  an empty one: the first logged change of each row since (an update of it, or the row's
  delete) is given that value as its earlier one (:func:`mend`, at every seal);
* a pull fills it back (:func:`refill`): each row the package has written nothing into
  since takes the package's own last logged value, or else the master's; the values
  written since stay, and go to the master as edits.
"""

from __future__ import annotations

import sqlite3

from ..bilingual import counted
from ..db import chunks, file_columns, marks, quote, table_exists
from . import changelog, json_fields, log_values, registry, schema_sent

DROPPED = "columns_dropped_here"  # sync_meta of a package: table -> column -> when
AGAIN = "columns_added_again"  # sync_meta of a package: table -> column -> {"seq", "kept"}
VALUES = "sync_column_values"


def _record(conn: sqlite3.Connection, key: str) -> dict:
    return registry.json_meta(conn, key)


def _set_record(conn: sqlite3.Connection, key: str, value: dict) -> None:
    """Keep table -> columns, the tables left with none left out."""
    registry.set_json_meta(conn, key, {t: cols for t, cols in value.items() if cols})


def dropped(conn: sqlite3.Connection, tbl: str, col: str, at: str) -> None:
    """Remember in a field package that ``col`` of ``tbl`` was dropped (its values as they
    were stay in ``sync_column_values``)."""
    record = _record(conn, DROPPED)
    record.setdefault(tbl, {})[col] = at
    _set_record(conn, DROPPED, record)


def kept_columns(conn: sqlite3.Connection, tbl: str) -> set[str]:
    """The columns of ``tbl`` whose values before a drop a field package keeps."""
    return set(_record(conn, DROPPED).get(tbl, {})) | set(_record(conn, AGAIN).get(tbl, {}))


def found(conn: sqlite3.Connection, drifts: list) -> list[tuple[str, str]]:
    """(table, column) of the columns added since the last command that a field package had
    dropped (read only)."""
    from .drift import COLUMN_ADDED
    if changelog.state(conn)["kind"] != changelog.PACKAGE:
        return []
    here = _record(conn, DROPPED)
    # the columns the master had at checkout, or has had from this package since
    sent = {t: {*cols, *(had or ())} for t, (cols, had) in schema_sent.known(conn).items()}
    return [(d.table, d.column or "") for d in drifts if d.kind == COLUMN_ADDED and (
        d.column in here.get(d.table, {}) or d.column in sent.get(d.table, ()))]


def said(conn: sqlite3.Connection, drifts: list) -> list[str]:
    """"table.column" of every column dropped and added again that no pull filled yet."""
    waiting = [(t, c) for t, cols in _record(conn, AGAIN).items() for c in cols]
    return [f"{t}.{c}" for t, c in dict.fromkeys(waiting + found(conn, drifts))]


def adopt(conn: sqlite3.Connection, again: list[tuple[str, str]]) -> None:
    """Record the columns ``again`` (:func:`found`) before they are tracked again, with the
    log's last seq: what is logged of them after it was written since."""
    if not again:
        return
    here, record = _record(conn, DROPPED), _record(conn, AGAIN)
    seq = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
    for tbl, col in again:
        kept = here.get(tbl, {}).pop(col, None) is not None
        record.setdefault(tbl, {})[col] = {"seq": seq, "kept": kept}
    _set_record(conn, DROPPED, here)
    _set_record(conn, AGAIN, record)


def mend(conn: sqlite3.Connection) -> None:
    """Give the first logged change since a column came back of each row that held a value
    before the drop (an update that writes it, or the row's delete) that value as its
    earlier one; inside the seal's transaction, before anything is exported."""
    record = _record(conn, AGAIN)
    if not record:
        return
    (exported,), = conn.execute("SELECT exported_seq FROM sync_state")
    for tbl, cols in record.items():
        blobs = registry.describe(conn, tbl).blobs
        for col, rec in cols.items():
            if not rec.get("kept"):
                continue
            since = max(rec["seq"], exported)
            first = (f"SELECT min(seq) FROM sync_changes WHERE seq > {since} AND tbl = ? AND "
                     f"origin = 'local' AND (op = 'delete' OR op = 'update' AND "
                     f"{json_fields.kind('new', col)} IS NOT NULL) GROUP BY row_uuid")
            earlier = f"json({log_values.json_sql('v.value', col in blobs)})"
            conn.execute(
                f"UPDATE sync_changes SET old = {json_fields.put('old', col, earlier)} FROM "
                f"{VALUES} AS v WHERE v.tbl = ? AND v.col = ? AND v.row_uuid = "
                f"sync_changes.row_uuid AND sync_changes.seq IN ({first})", (tbl, col, tbl))


def refill(master: sqlite3.Connection, conn: sqlite3.Connection
           ) -> list[tuple[str, str, int, int]]:
    """Fill the columns dropped and added again back (a pull, inside its transaction, with
    capture off): each row nothing was written into since takes the package's own last
    logged value of it, or else the master's. Returns (table, column, rows filled, rows
    that keep the value written since) of each."""
    out = []
    record = _record(conn, AGAIN)
    for tbl, cols in record.items():
        t = registry.by_name(conn).get(tbl)
        there = set(file_columns(master, tbl))
        for col, rec in cols.items():
            if t is None or col not in t.column_names:
                continue
            own, written = {}, set()
            for seq, row, new in conn.execute(
                    "SELECT seq, row_uuid, new FROM sync_changes WHERE tbl = ? AND origin = "
                    "'local' AND new IS NOT NULL ORDER BY seq", (tbl,)):
                vals = log_values.loads(new)
                if col not in vals:
                    continue
                if seq > rec["seq"]:
                    written.add(row)
                else:
                    own[row] = log_values.decode(col, vals[col], t.blobs)
            uuids = [r for (r,) in conn.execute(f"SELECT uuid FROM {quote(tbl)} WHERE uuid IS "
                                                "NOT NULL") if r not in written]
            values: dict = {}
            if col in there:
                for part in chunks(uuids):
                    values.update(master.execute(
                        f"SELECT uuid, {quote(col)} FROM {quote(tbl)} WHERE uuid IN "
                        f"{marks(len(part))}", part))
            values.update({r: v for r, v in own.items() if r not in written})
            before = conn.total_changes
            conn.executemany(f"UPDATE {quote(tbl)} SET {quote(col)} = ? WHERE uuid = ? AND "
                             f"{quote(col)} IS NOT ?",
                             [(v, r, v) for r, v in values.items()])
            out.append((tbl, col, conn.total_changes - before, len(written)))
    forget(conn, {t: list(cols) for t, cols in record.items()})
    return out


def forget(conn: sqlite3.Connection, columns: dict[str, list[str]]) -> None:
    """Forget what was kept of ``columns`` (table -> columns): filled back by a pull, or
    brought whole by one."""
    records = {key: _record(conn, key) for key in (DROPPED, AGAIN)}
    for tbl, cols in columns.items():
        for col in cols:
            for record in records.values():
                record.get(tbl, {}).pop(col, None)
            if table_exists(conn, VALUES):
                conn.execute(f"DELETE FROM {VALUES} WHERE tbl = ? AND col = ?", (tbl, col))
    for key, record in records.items():
        _set_record(conn, key, record)


def refilled(tbl: str, col: str, filled: int, kept: int) -> str:
    """What a pull says of a column it filled back."""
    return (f"column {tbl}.{col}, dropped and added again in this package, filled back with "
            f"the master's values in {counted(filled, 'row')}; {counted(kept, 'row')} "
            f"{'keeps' if kept == 1 else 'keep'} the value written "
            "into it since")


def waiting(name: str) -> str:
    """What ``status`` says of a column dropped and added again (``name``: table.column)."""
    return (f"column {name} was dropped and added again in this package: it holds nothing "
            "where the master holds values until the next pull fills them back (the values "
            "written into it since stay, and go to the master as edits of the master's)")
