# SPDX-License-Identifier: GPL-2.0-or-later
"""One conflict settled: its decision written into the master as a recorded change (origin
``resolve:<conflict id>``, the master's device), or none where it changes nothing (the
decision is kept in ``sync_conflicts``). A row deleted comes back with the values it held
when deleted, and the photos its delete took; a shape taken brings its area and centre; a
code another row holds now is refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from ..bilingual import counted
from ..db import quote, table_exists
from ..errors import BadInput, CodeTaken, Refused
from . import (
    changelog,
    codes,
    codes_unchecked,
    field_check,
    rederive,
    registry,
    typed_shape,
    typed_values,
)
from .conflict_reads import Reads, last_delete
from .conflicts import Conflict
from .three_way import LIVE, Applier


def settle(conn, applier: Applier, t: registry.Tracked, c: Conflict, take, value, who: str,
           me: str, shapes: rederive.Shapes, said: list, decided: Collection[str] = ()
           ) -> None:
    """Settle ``c`` (what is said of it added to ``said``); a row conflict leaves the fields
    ``decided`` (settled by decisions of their own) as they are."""
    tbl, row, fld = c.tbl, c.row_uuid, c.field
    at = changelog.now()
    change = {"change": changelog.new_uuid(), "table": tbl, "row": row, "device": me, "at": at}
    applier.origin = f"resolve:{c.id}"
    cur = applier.current(tbl, row)
    if fld is None:  # a row conflict: a side is the row's values, or null when deleted
        if value is not None:
            raise BadInput(f"conflict {c.id} is about a whole row: use --take")
        # "ours" is what the master holds now, the row or nothing: kept as it is
        chosen = (cur[1] if cur else None) if take == "ours" else c.side(take)
        if chosen is None and cur is not None:
            conn.execute(f"DELETE FROM {quote(tbl)} WHERE rowid = ?", (cur[0],))
            applier.record(change, "delete", cur[1], None)
        elif chosen is not None and cur is None:
            if take == "ancestor":
                field_check.require(conn, c.id, tbl, chosen)
            _bring_back(applier, t, change, chosen, shapes, settling=c.id)
            said.extend(_photos_back(applier, c, me, shapes))
        elif cur is not None:  # the row stays, with the chosen side's values
            if take == "ancestor":
                field_check.require(conn, c.id, tbl, chosen or {}, cur[1])
            write = {k: (chosen or {})[k] for k in t.differ(chosen or {}, cur[1])
                     if k in cur[1] and k not in decided}
            if t.geom in write:  # its area and centre follow the shape taken
                write.update(shapes.values(t, row, {**cur[1], **write}))
            if write:  # nothing changed is no edit: a later delete must not meet one
                applier.update(tbl, cur[0], write)
                applier.record(change, "update", {k: cur[1][k] for k in write}, write)
        resolution = f"take:{take}"
    else:
        if value is not None:
            chosen = typed_values.coerce(t, fld, value, f"conflict {c.id}: ",
                             typed_shape.layer_of(conn, tbl, fld) if t.is_blob(fld) else None)
            resolution = f"value:{typed_values.as_written(value, chosen)}"
        elif take == "ours":  # what the master holds now: an edit since the merge stays
            chosen, resolution = (cur[1].get(fld) if cur else None), "take:ours"
        elif take == "ancestor" and not c.ancestor_known:
            raise Refused(f"{c.no_ancestor()}; nothing was settled")
        else:
            chosen, resolution = c.side(take), f"take:{take}"
        if value is not None or take == "ancestor":  # typed, or a package's unchecked old
            field_check.require(conn, c.id, tbl, {fld: chosen}, cur[1] if cur else None)
        if value is not None and chosen is None:  # emptied: by the field's own rule
            said.append(field_check.emptied(conn, c.id, tbl, fld))
        elif value is not None:  # a code the master has no list for: written as given
            said.extend(filter(None, [codes_unchecked.typed_unchecked(conn, c.id, tbl, fld)]))
        if cur is None:
            # its row deleted since by a change that met no conflict (a package that edited
            # the field, then deleted the row): "ours" keeps it deleted; another side brings
            # it back with that value, as the row's conflict would have in the other order;
            # deleted by the decision on the row's own conflict, it stays so (as in the order
            # the field's decision comes first)
            by_row = _row_settled_deleted(conn, c)
            if by_row is not None and take != "ours":
                said.append(f"conflict {c.id}: the row stays deleted, as conflict {by_row} "
                            f"settled it; field {fld} not written")
            elif take != "ours":
                _bring_back(applier, t, change, {fld: chosen}, shapes, settling=c.id,
                            logged=True)
        elif not t.same(fld, cur[1].get(fld), chosen):
            # the decision itself is kept in sync_conflicts, not as an edit
            write = {fld: chosen}
            _refuse_code_taken(conn, c.id, t.name, row, write, "writing it into")
            if fld == t.geom:  # its area and centre follow the shape taken, in one change
                write.update(shapes.values(t, row, {**cur[1], fld: chosen}))
            applier.update(tbl, cur[0], write)
            applier.record(change, "update", {k: cur[1].get(k) for k in write}, write)
    applier.flush_log()
    conn.execute("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, "
                 "resolved_at = ?, resolved_by = ? WHERE id = ?", (resolution, at, who, c.id))


def _row_settled_deleted(conn: sqlite3.Connection, c: Conflict) -> int | None:
    """The conflict of ``c``'s row from ``c``'s merge whose decision deleted the row (its
    latest delete), if that is what took it out."""
    gone = last_delete(Reads(conn), c.tbl, c.row_uuid)
    kind, _, ref = (gone or {}).get("origin", "").partition(":")
    if kind != "resolve" or not ref.isdigit():
        return None
    got = conn.execute("SELECT id FROM sync_conflicts WHERE id = ? AND merge_id = ? AND "
                       "row_uuid = ? AND field IS NULL", (int(ref), c.merge_id,
                                                          c.row_uuid)).fetchone()
    return got[0] if got else None


def _refuse_code_taken(conn: sqlite3.Connection, settling: int, tbl: str, row: str,
                       values: dict, doing: str) -> None:
    """Refuse a decision that would give ``row`` a code (a patch code, a project id)
    another row of the master holds now, naming it, or leave it without one."""
    col = codes.UNIQUE.get(tbl)
    if col in values and (values[col] is None or not str(values[col]).strip()):
        raise BadInput(f"conflict {settling}: {col} left empty: each row of {tbl} is named by "
                       f"its {col}; give it one; nothing was changed")
    taken = codes.holder(conn, tbl, row, values)
    if taken is not None:
        col, code, other = taken
        raise CodeTaken(f"conflict {settling}: {col} {code} already names row {other} in the "
                      f"master: {doing} row {row} would give it to a second row; nothing was "
                      "changed (--take ours keeps it as it is, or give that row another code "
                      "first)")


def _bring_back(applier: Applier, t: registry.Tracked, change: dict, chosen: dict,
                shapes: rederive.Shapes, settling: int, logged: bool = False) -> None:
    """Insert the deleted row of ``change`` again: its values when it was deleted, with the
    ``chosen`` ones over them (and the area and centre of its shape). ``logged``: refused
    where the log has no values of it."""
    got = applier.last_delete(change["row"])
    if got is None and logged:  # (a delete logged without its values)
        raise BadInput(f"conflict {settling}: row {change['row']} is deleted and its values "
                       "were not logged: --take ours keeps it deleted")
    values = {**(got[0] if got else {}), **chosen}
    _refuse_code_taken(applier.conn, settling, t.name, change["row"], values, "bringing back")
    if t.geom in values:  # back with the area and centre of its shape
        values.update(shapes.values(t, change["row"], values))
    applier.insert(t.name, change["row"], values)
    applier.record(change, "insert", None, values)


def _photos_back(applier: Applier, c: Conflict, me: str, shapes: rederive.Shapes
                 ) -> list[str]:
    """A record kept whose delete took its photos with it (the field app's Delete record
    does): those photos brought back too, as the same package deleted them; what is said of
    them. A photo whose bytes the master no longer holds stays deleted, and is named."""
    conn = applier.conn
    tables = registry.by_name(conn)
    if "photos" not in tables:
        return []
    deleted = conn.execute(f"SELECT origin, device FROM sync_changes WHERE tbl = ? AND "
                           f"row_uuid = ? AND op = 'delete' AND {LIVE} ORDER BY seq "
                           "DESC LIMIT 1", (c.tbl, c.row_uuid)).fetchone()
    if deleted is None:
        return []
    back, lost = [], []
    for photo, name, sha in conn.execute(
            "SELECT row_uuid, json_extract(old, '$.file_name'), json_extract(old, '$.sha256') "
            "FROM sync_changes WHERE tbl = 'photos' AND op = 'delete' AND origin = ? AND "
            "device = ? AND json_extract(old, '$.record_uuid') = ? AND "
            "json_extract(old, '$.record_table') = ? ORDER BY seq",
            (*deleted, c.row_uuid, c.tbl)).fetchall():
        if applier.current("photos", photo) is not None:
            continue
        if not table_exists(conn, "attachments") or conn.execute(
                "SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)).fetchone() is None:
            lost.append(name or photo)
            continue
        _bring_back(applier, tables["photos"], {
            "change": changelog.new_uuid(), "table": "photos", "row": photo, "device": me,
            "at": changelog.now()}, {}, shapes, settling=c.id)
        back.append(name or photo)
    said = [f"conflict {c.id}: {counted(len(back), 'photo')} deleted with the row brought back "
            "with it "
            f"({', '.join(back)})"] if back else []
    if lost:
        said.append(f"conflict {c.id}: {counted(len(lost), 'photo')} deleted with the row not "
                    "brought back: the master no longer holds "
                    f"{'its file' if len(lost) == 1 else 'their files'} ({', '.join(lost)})")
    return said
