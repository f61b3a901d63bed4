# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo whose picture in a change package is not whole is not merged.

The app and the export refuse a picture cut short (a copy from the phone stopped partway:
:func:`field_kit.forms.photo_size.whole`), but a package an earlier version made can carry
one: a decoder fills the rest grey without a word, and in the master it would pass for the
picture for good. Each change giving a photo such a picture is refused, naming the photo's
file and its record; its bytes are not stored. The rest of the package is merged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from ..bilingual import EN
from ..db import marks, quote, table_exists
from ..plan.values import column_named, names_in
from . import log_values

# the tables of the records a photo belongs to
RECORD_TABLES = ("patch_verifications", "project_inspections")


def refuse_cut_short(conn: sqlite3.Connection, slot: int, not_whole: Collection[str]) -> int:
    """Refuse the open changes of ``slot`` in ``incoming`` that give a photo a picture of
    ``not_whole`` (the sha256 of the package's pictures cut short), each naming the photo's
    file and its record; how many were refused. Changes merged before are left alone."""
    if not not_whole:
        return 0
    found = conn.execute(
        "SELECT id, row, seq FROM incoming WHERE slot = ? AND tbl = 'photos' AND status IS "
        "NULL AND change NOT IN (SELECT change_uuid FROM sync_applied) AND "
        f"json_extract(new, '$.sha256') IN {marks(len(not_whole))} ORDER BY seq",
        (slot, *sorted(not_whole))).fetchall()
    refused = [(said(conn, slot, row, seq), id_) for id_, row, seq in found]
    conn.executemany("UPDATE incoming SET status = 'refused', reason = ? WHERE id = ?", refused)
    return len(refused)


def said(conn: sqlite3.Connection, slot: int, photo: str, seq: int) -> str:
    """Why the change ``seq`` of ``slot`` giving ``photo`` a picture cut short is refused."""
    values = _written(conn, slot, "photos", photo, seq)
    name = values.get("file_name") or photo
    record = values.get("record_uuid")
    of = f" of {_record_said(conn, slot, values.get('record_table'), record)}" if record else ""
    return (f"photo {name}{of}: its picture is not whole, cut short (a copy stopped partway); "
            "the photo is not taken: delete it on the device, attach the picture to the record "
            "again, whole, and export again")


def _written(conn: sqlite3.Connection, slot: int, tbl: str, row: str, seq: int | None = None
             ) -> dict:
    """A row's values as the master holds them, with what the slot's changes up to ``seq``
    (all of them: None) wrote over them."""
    values: dict = {}
    if table_exists(conn, tbl):
        got = conn.execute(f"SELECT * FROM {quote(tbl)} WHERE uuid = ?", (row,))
        held = got.fetchone()
        if held is not None:
            values = dict(zip([d[0] for d in got.description], held))
    for (new,) in conn.execute(
            "SELECT new FROM incoming WHERE slot = ? AND tbl = ? AND row = ? AND new IS NOT "
            "NULL AND seq <= coalesce(?, seq) ORDER BY seq", (slot, tbl, row, seq)):
        values.update(log_values.loads(new))
    return values


def _record_said(conn: sqlite3.Connection, slot: int, table: str | None, record: str) -> str:
    """A photo's record by its layer's title, then its patch or project and day with its
    uuid, or its uuid alone where nothing names it; "record UUID" where its table is not
    known (a photo an earlier version logged without it)."""
    if table is None:
        table = next((t for t in RECORD_TABLES if _written(conn, slot, t, record)), None)
    if table is None:
        return f"record {record}"
    named = names_in(conn, [(table, record)],
                     {(table, record): _written(conn, slot, table, record)}).get((table, record))
    return f"{column_named(table, EN)} {f'{named} (row {record})' if named else record}"


__all__ = ["RECORD_TABLES", "refuse_cut_short", "said"]
