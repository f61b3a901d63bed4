# SPDX-License-Identifier: GPL-2.0-or-later
"""What a field package's next export carries: its edits not exported yet, by layer and
record, each record named as the rest of the product names it. Reads only: ``status``
never seals the capture."""

from __future__ import annotations

import json
import sqlite3

from ..bilingual import EN, ZH, counted
from ..db import chunks, quote
from ..plan.values import column_named, feature_name, names_in
from . import changelog, drift, log_reads, log_values, registry
from .outcomes import refusal, table_grant_asked

ADDED, CHANGED, DELETED, NEVER_SENT = "added", "changed", "deleted", "never_sent"
# what became of a record by its edits waiting, in the order status says them
KINDS = (ADDED, CHANGED, DELETED, NEVER_SENT)


def _by_row(conn: sqlite3.Connection, after: int | None = None
            ) -> dict[tuple[str, str], list]:
    """(table, uuid) -> [first op, last op, the values its edits held, the columns its
    updates wrote], in edit order: its edits after seq ``after`` (by default, those not
    exported yet)."""
    if after is None:
        after = changelog.state(conn)["exported_seq"]
    from .refused import handled
    rows: dict[tuple[str, str], list] = {}
    # (read as bytes: text a shell wrote into a geometry column need not be UTF-8, and
    # only the fields that name a record are wanted of it)
    for tbl, row, op, old, new in conn.execute(
            f"SELECT tbl, row_uuid, op, CAST(old AS BLOB), CAST(new AS BLOB) FROM "
            f"({log_reads.log_sql(conn)}) WHERE seq > ? AND origin = 'local' AND "
            "coalesce(change_uuid, '') NOT IN (SELECT value FROM json_each(?)) ORDER BY seq",
            (after, json.dumps(handled(conn)))):
        got = rows.setdefault((tbl, row), [op, op, {}, set()])
        got[1] = op
        # a deleted row by what it held then; else by the latest values written
        held = old if op == "delete" and old else new
        values = log_values.loads(held.decode("utf-8", "replace")) if held else {}
        got[2].update(values)
        if op == "update":
            got[3].update(values)
    return rows


def refused_ahead(conn: sqlite3.Connection, after: int | None = None, rows: dict | None = None
                  ) -> dict[str, dict[str, list[str]]]:
    """The edits after seq ``after`` (by default, those not exported yet; ``rows``: those
    :func:`_by_row` read) that the master will refuse, the package's role not given them by
    the grants it was checked out with (a technician's edit of a layer of the county's own,
    say): table -> the reason -> the uuids of the rows so; and the edits of a layer the
    package's last pull found dropped from the master, whatever the role. Empty for GIS
    staff's package with no such layer."""
    from .refused import DROPPED_LAYER
    st = changelog.state(conn)
    allowed = registry.grants(conn, st["role"]) if st["kind"] == changelog.PACKAGE else None
    gone = registry.dropped_in_master(conn) if st["kind"] == changelog.PACKAGE else set()
    if allowed is None and not gone:
        return {}
    geoms = {t.name: t.geom for t in registry.tracked(conn)}
    out: dict[str, dict[str, list[str]]] = {}
    for (tbl, row), (first, last, values, wrote) in (rows or _by_row(conn, after)).items():
        op = "insert" if first == "insert" else "delete" if last == "delete" else "update"
        why = (DROPPED_LAYER.format(layer=tbl) if tbl in gone else None if allowed is None
               else refusal(allowed, st["role"], tbl, op, wrote if op == "update" else values,
                            geoms.get(tbl)))
        if why is not None:
            why += "" if tbl in gone else table_grant_asked(allowed, st["role"], tbl)
            out.setdefault(tbl, {}).setdefault(why, []).append(row)
    return out


def on_dropped_layers(conn: sqlite3.Connection) -> dict[str, dict[str, list[str]]]:
    """Of :func:`refused_ahead`, the edits waiting of the layers the package's last pull
    found dropped from the master (a merge refuses them): what the field app and QGIS say
    of them, a line per layer by :func:`refused_said`."""
    gone = registry.dropped_in_master(conn)
    return {tbl: reasons for tbl, reasons in refused_ahead(conn).items() if tbl in gone} \
        if gone else {}


def refused_said(refused: dict[str, dict[str, list[str]]], layer: str | None = None
                 ) -> list[str]:
    """What is said of :func:`refused_ahead`'s edits: a line per reason (of ``layer``'s
    alone, or of every layer)."""
    return [f"the master will refuse the edits of {len(rows)} of these: {why}" if layer else
            f"the master will refuse the edits of {counted(len(rows), 'feature')} of {tbl}: {why}"
            for tbl, reasons in refused.items() if layer in (None, tbl)
            for why, rows in reasons.items()]


def never_sent(conn: sqlite3.Connection, row: str) -> bool:
    """True for a row of a field package added there and not exported since: the master
    never had it, and its delete before an export takes it nowhere but here."""
    if not changelog.is_installed(conn):
        return False
    st = changelog.state(conn)
    if st["kind"] != changelog.PACKAGE:
        return False
    first = conn.execute(f"SELECT op FROM ({log_reads.log_sql(conn)}) WHERE seq > ? AND "
                         "origin = 'local' AND row_uuid = ? ORDER BY seq LIMIT 1",
                         (st["exported_seq"], row)).fetchone()
    return first is not None and first[0] == "insert"


def _kind(first: str, last: str) -> str:
    if first == "insert":
        return NEVER_SENT if last == "delete" else ADDED
    return DELETED if last == "delete" else CHANGED


def _not_logged_yet(conn: sqlite3.Connection, drifts: list, logged: dict) -> list[tuple]:
    """(table, uuid or None, rowid, operation, the row's values) of the rows whose edits the next
    command logs (in a column or layer added since the last; a layer not tracked yet may
    have no uuids), beside those ``logged`` holds."""
    out = []
    for tbl, ops in drift.unlogged_rows(conn, drifts).items():
        for part in chunks(sorted(ops)):
            got = conn.execute(f"SELECT rowid, * FROM {quote(tbl)} WHERE rowid IN "
                               f"({', '.join('?' * len(part))})", part)
            cols = [d[0] for d in got.description][1:]
            for rowid, *values in got:
                held = dict(zip(cols, values))
                uuid = held.get("uuid") or None  # (a blank one is none)
                if (tbl, uuid) not in logged:
                    out.append((tbl, uuid, rowid, ops[rowid], held))
    return out


def waiting(conn: sqlite3.Connection, drifts: list | None = None) -> list[dict]:
    """Per layer with edits waiting, in the order first edited: ``table``, ``layer`` (its
    title in the plan, English and Chinese; a layer of the county's own by its name) and,
    per kind of :data:`KINDS`, the records so, each ``{"row": uuid, "name": ...}`` (named by
    :func:`~field_kit.plan.values.feature_name`, from the row the file holds, else from
    what its edits held; by its uuid where nothing names it). Edits the next command logs
    (``drifts``: what ``drift.find`` read) come after those logged; a row of a layer added
    that has no uuid yet is ``{"row": None, "fid": ..., "name": ...}``."""
    rows = _by_row(conn)
    refused = refused_ahead(conn, rows=rows)
    names = names_in(conn, rows, {k: v[2] for k, v in rows.items()})
    out: dict[str, dict] = {}

    def layer(tbl: str) -> dict:
        if tbl not in out:
            own = registry.own_named_as_plan(conn, tbl)  # (not the plan's table: its name)
            out[tbl] = {"table": tbl, "layer": {lang: tbl if own else column_named(tbl, lang)
                                                for lang in (EN, ZH)},
                        **{k: [] for k in KINDS},
                        "refused": refused_said(refused, tbl)}
        return out[tbl]
    for (tbl, row), (first, last, *_) in rows.items():
        layer(tbl)[_kind(first, last)].append({"row": row,
                                               "name": names.get((tbl, row), row)})
    later = _not_logged_yet(conn, drift.find(conn) if drifts is None else drifts, rows)
    blobs = {t.name: t.blobs for t in registry.tracked(conn)}
    for tbl, row, rowid, op, held in later:
        name = feature_name(tbl, held, blobs.get(tbl, ())) or row or f"fid {rowid}"
        layer(tbl)[_kind(op, op)].append({"row": row, **({} if row else {"fid": rowid}),
                                          "name": str(name)})
    return list(out.values())


def said(layer: dict, first: int = 5) -> list[str]:
    """What status says of one layer of :func:`waiting`: a line of counts, then a line per
    kind naming its first ``first`` records and how many more."""
    counts = ", ".join(f"{len(layer[k])} {_COUNTED[k]}" for k in KINDS if layer[k])
    lines = [f"waiting to be sent in {layer['layer']['en']}: {counts}"]
    for k in KINDS:
        more = len(layer[k]) - first
        if layer[k]:
            lines.append(f"{_LISTED[k]}: {', '.join(r['name'] for r in layer[k][:first])}"
                         + (f" and {more} more" if more > 0 else ""))
    return lines + layer.get("refused", [])


_COUNTED = {ADDED: "added", CHANGED: "changed", DELETED: "deleted",
            NEVER_SENT: "added and deleted again"}
# (an insert and its delete both travel: the master gets them and is left as it was)
_LISTED = {**_COUNTED, NEVER_SENT: "added and deleted again, the master never had them (the "
           "export sends both: together they change nothing)"}
