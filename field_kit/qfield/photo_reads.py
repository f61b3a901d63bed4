# SPDX-License-Identifier: GPL-2.0-or-later
"""The photos an export read in, kept beside the project folder for the next copy back.

An export brings QField's photos into the package (:mod:`.dcim`): each photo row's sha256,
and what its file says, is set as an edit of the package, and sent. The phone never gets
that edit: its copy of the project, brought back again (copied over the folder, or as the
zip), holds the photo as not read, and its picture read again would be an edit from no
sha256, which the master, holding the first reading's, takes for a conflict of the device
with itself. So the readings an export made are kept in ``<folder>.photos-read.json``, beside
the folder, where copying the phone's folder or zip back does not reach: before the photos
of a copy that lacks them are read, they are logged in it again (the same changes, which the
master merged once), so a picture taken again since is read as an edit of the one sent, and
the newest picture wins cleanly. A reading is put back only on the photo it was made on, as
the package holds it then (the same file name, the values it read over), and only in a
package of the same checkout.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3

from ..db import quote, transaction
from ..forms.store import ATTACHMENTS_DDL
from ..sync import capture_switch, changelog, log_values

SUFFIX = ".photos-read.json"


def path_for(folder: str) -> str:
    """The file beside the project folder ``folder`` that keeps its readings."""
    return os.path.abspath(folder).rstrip(os.sep) + SUFFIX


def _load(folder: str, checkout: str) -> list[dict]:
    """The readings kept for ``folder``'s package of ``checkout`` (none for another's)."""
    try:
        with open(path_for(folder), encoding="utf-8") as fh:
            kept = json.load(fh)
    except (OSError, ValueError):
        return []
    if not isinstance(kept, dict) or kept.get("checkout") != checkout:
        return []
    return [r for r in kept.get("readings", []) if isinstance(r, dict)]


def sent(folder: str, checkout: str) -> set[tuple]:
    """The readings kept for ``folder``, as :mod:`.copies` compares edits (what they changed
    and when): a copy lacking only these was not worked on."""
    return {("photos", r["row"], "update", r["new"], r["at"]) for r in _load(folder, checkout)}


def remember(conn: sqlite3.Connection, folder: str) -> None:
    """Keep the package's readings of its photos (its own updates setting a sha256) beside
    ``folder``, with those kept before. Not kept (the file cannot be written) the export goes
    on: a copy brought back later then meets its first reading as a conflict, nothing lost."""
    with transaction(conn):
        changelog.seal(conn)
    st = changelog.state(conn)
    readings = _load(folder, st["checkout_uuid"])
    known = {r["change"] for r in readings}
    for change, row, old, new, at in conn.execute(
            "SELECT change_uuid, row_uuid, old, new, at FROM sync_changes WHERE tbl = 'photos' "
            "AND op = 'update' AND origin = 'local' AND json_type(new, '$.sha256') IS NOT NULL "
            "ORDER BY seq").fetchall():
        if change in known:
            continue
        got = conn.execute("SELECT file_name FROM photos WHERE uuid = ?", (row,)).fetchone()
        readings.append({"change": change, "row": row, "old": old, "new": new, "at": at,
                         "file_name": got[0] if got else None})
        known.add(change)
    target = path_for(folder)
    with contextlib.suppress(OSError):
        with open(target + ".part", "w", encoding="utf-8") as fh:
            json.dump({"checkout": st["checkout_uuid"], "device": st["device"],
                       "readings": readings}, fh, ensure_ascii=False, indent=1)
        os.replace(target + ".part", target)


def put_back(conn: sqlite3.Connection, folder: str, path_of) -> int:
    """Log again in the package the readings kept beside ``folder`` that it lacks (a copy of
    the project brought back from the phone), each on its photo as it was read over; a
    picture the file still holds is stored again (``path_of`` gives a stored name's file).
    Returns how many were put back."""
    st = changelog.state(conn)
    back = 0
    with transaction(conn), capture_switch.capture_off(conn):
        for r in due(conn, folder):
            new = log_values.loads(r["new"])
            conn.execute(f"UPDATE photos SET {', '.join(f'{quote(c)} = ?' for c in new)} "
                         "WHERE uuid = ?", (*new.values(), r["row"]))
            changelog.record(conn, [(r["change"], "photos", r["row"], "update", r["old"],
                                     r["new"], st["device"], r["at"], "local", None)])
            back += 1
            _store(conn, new.get("sha256"), new.get("mime_type"), path_of(r["file_name"] or ""))
    return back


def due(conn: sqlite3.Connection, folder: str) -> list[dict]:
    """The readings kept beside ``folder`` that :func:`put_back` logs again in the package
    (reads only): those it lacks whose photo is as it was read over."""
    readings = _load(folder, changelog.state(conn)["checkout_uuid"])
    if not readings:
        return []
    have = {c for (c,) in conn.execute(
        "SELECT change_uuid FROM sync_changes WHERE tbl = 'photos'")}
    out = []
    written: dict[str, dict] = {}  # each photo as the readings before left it
    for r in readings:
        if r.get("change") in have:
            continue
        old, new = log_values.loads(r["old"] or "{}"), log_values.loads(r["new"])
        cols = sorted(set(old) | set(new))
        got = conn.execute(f"SELECT file_name, {', '.join(map(quote, cols))} FROM photos "
                           "WHERE uuid = ?", (r["row"],)).fetchone()
        if got is None:
            continue
        held = {**dict(zip(["file_name", *cols], got)), **written.get(r["row"], {})}
        if held["file_name"] != r.get("file_name") or \
                {c: held[c] for c in cols} != {c: old.get(c) for c in cols}:
            continue  # not the photo as it was read over: left to be read as it is
        written.setdefault(r["row"], {}).update(new)
        out.append(r)
    return out


def _store(conn: sqlite3.Connection, sha: str | None, mime: str | None,
           path: str | None) -> None:
    """The picture ``sha`` into the package's attachments when the file still holds it."""
    if not sha or path is None or not os.path.isfile(path):
        return
    with open(path, "rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != sha:
        return  # taken again since (or stored smaller): read again by the export
    conn.execute(ATTACHMENTS_DDL)
    conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) VALUES "
                 "(?, ?, ?, ?)", (sha, data, len(data), mime or "image/jpeg"))
