# SPDX-License-Identifier: GPL-2.0-or-later
"""A file of its own for every photo a QField project holds.

Photos of two records may carry one file name with other pictures in it (two cameras both
writing ``DSC_0001.jpg``: the field app keeps a photo's own name). In a project folder one
name is one file, so the photos that would share it, but the first, are given a name free
in the folder (``DSC_0001-2.jpg``) and their rows in the package point at it. A name
written with backslashes (``DCIM\\DSC_0001.jpg``, from Windows) is written as its file is,
with slashes: QField on a phone would not find the file by the other.

That name is the folder's, not the record's: it is where QField finds the picture here.
So it is written with capture off and logged with the origin :data:`ORIGIN`, which an
export never sends (it sends the package's own edits, ``local``): the master, and every
other device, keep the name the photo came with, and the log still explains what the row
holds (``field-kit repair`` replays it). An edit of such a photo made here later is
logged with the folder's name as its earlier value: :func:`as_sent` gives it the master's
before it is sent.
"""

from __future__ import annotations

import os
import posixpath
import sqlite3

from ..db import transaction
from ..sync import capture_switch, changelog, log_values

ORIGIN = "folder"  # the origin of a name given in the project folder


def key(name: str) -> str:
    """One key for the names of one file: the path as stored, made plain, in one case (a
    phone's storage and Windows take ``DSC_0001.JPG`` and ``dsc_0001.jpg`` for one file)."""
    return posixpath.normpath(name.replace("\\", "/")).casefold()


def _keeper(rows: list, folder: str, path_of, holds, changed: set) -> str | None:
    """The sha256 of the picture that keeps the name shared by ``rows`` (uuid, name, sha,
    stored): a photo not read yet (QField's, its file is the one there) or one whose bytes
    the package lacks (it cannot be written elsewhere); else the picture the file holds
    now; else the first photo the package held before (a pull's rows come after)."""
    fixed = [sha for _u, _n, sha, stored in rows if sha is None or not stored]
    if fixed:
        return fixed[0]
    path = path_of(rows[0][1])
    if os.path.isfile(path):
        found = next((sha for _u, _n, sha, _s in rows if holds(path, sha)), None)
        if found is not None:
            return found
    return sorted(rows, key=lambda r: r[0] in changed)[0][2]


def _free(name: str, taken: set[str], folder: str) -> str:
    """``name`` with a number added, free among ``taken`` and the folder's files."""
    head, base = posixpath.split(posixpath.normpath(name.replace("\\", "/")))
    stem, ext = posixpath.splitext(base)
    there = os.path.join(folder, *head.split("/")) if head else folder
    present = {f.casefold() for f in os.listdir(there)} if os.path.isdir(there) else set()
    n = 2
    while True:
        candidate = posixpath.join(head, f"{stem}-{n}{ext}") if head else f"{stem}-{n}{ext}"
        if key(candidate) not in taken and f"{stem}-{n}{ext}".casefold() not in present:
            taken.add(key(candidate))
            return candidate
        n += 1


def give_own(conn: sqlite3.Connection, folder: str, path_of, holds,
             changed: set) -> dict[str, str]:
    """Point every photo whose name another picture of the package holds at a name of its
    own, and one named with backslashes at its name with slashes (see the module's text);
    ``path_of`` gives a stored name's file in the folder (None outside it), ``holds(path,
    sha)`` whether that file is the picture ``sha``. Returns {photo uuid: the name it was
    given}."""
    stored = {sha for (sha,) in conn.execute("SELECT sha256 FROM attachments")}
    groups: dict[str, list] = {}
    for uuid, name, sha in conn.execute(
            "SELECT uuid, file_name, sha256 FROM photos WHERE file_name IS NOT NULL "
            "ORDER BY fid"):
        if path_of(name) is not None:
            groups.setdefault(key(name), []).append((uuid, name, sha, sha in stored))
    taken = set(groups)
    given: dict[str, tuple[str, str]] = {}
    for rows in groups.values():
        if len({sha for _u, _n, sha, _s in rows}) < 2:
            continue  # one picture: its photos share the file
        keep = _keeper(rows, folder, path_of, holds, changed)
        others: dict[str, str] = {}
        for uuid, name, sha, _s in rows:
            if sha != keep:
                if sha not in others:
                    others[sha] = _free(name, taken, folder)
                given[uuid] = (name, others[sha])
    for rows in groups.values():
        for uuid, name, _sha, _s in rows:
            if uuid not in given and "\\" in name:
                given[uuid] = (name, posixpath.normpath(name.replace("\\", "/")))
    if not given:
        return {}
    device = changelog.state(conn)["device"]
    with transaction(conn), capture_switch.capture_off(conn):
        conn.executemany("UPDATE photos SET file_name = ? WHERE uuid = ?",
                         [(new, uuid) for uuid, (_old, new) in given.items()])
        at = changelog.now()
        changelog.record(conn, [
            (changelog.new_uuid(), "photos", uuid, "update", log_values.dumps({"file_name": old}),
             log_values.dumps({"file_name": new}), device, at, ORIGIN, None)
            for uuid, (old, new) in given.items()])
    return {uuid: new for uuid, (_old, new) in given.items()}


def as_sent(conn: sqlite3.Connection) -> None:
    """Give the edits made here to photos pointed at a name of the folder's (taken again in
    QField, deleted), not sent yet, the name the master knows as their earlier value: the
    merge compares it with what the master holds, and would meet a change no one made."""
    given: dict[str, tuple[str, str]] = {}
    for row, old, new in conn.execute(
            "SELECT row_uuid, old, new FROM sync_changes WHERE origin = ? AND tbl = 'photos' "
            "ORDER BY seq", (ORIGIN,)):
        given[row] = (log_values.loads(old)["file_name"], log_values.loads(new)["file_name"])
    if not given:
        return
    with transaction(conn):
        changelog.seal(conn)
        mended = []
        for seq, row, old in conn.execute(
                "SELECT seq, row_uuid, old FROM sync_changes WHERE origin = 'local' AND "
                "tbl = 'photos' AND old IS NOT NULL AND seq > (SELECT exported_seq FROM "
                "sync_state)").fetchall():
            was = log_values.loads(old)
            if row in given and was.get("file_name") == given[row][1]:
                mended.append((log_values.dumps({**was, "file_name": given[row][0]}), seq))
        conn.executemany("UPDATE sync_changes SET old = ? WHERE seq = ?", mended)
