# SPDX-License-Identifier: GPL-2.0-or-later
"""Photos taken in QField: files under the project's ``DCIM/`` that ``photos`` rows name by a
path relative to the project. Before a change package is written they are brought in like
the app's photos: read, checked as JPEG or PNG, hashed, their EXIF position, time and
heading read, the ``photos`` row completed and the bytes stored in ``attachments`` — in the
package, with capture on, so the change package carries them."""

from __future__ import annotations

import hashlib
import os
import posixpath
import sqlite3

from ..db import transaction
from ..errors import BadInput
from ..forms import exif
from ..forms.store import ATTACHMENTS_DDL
from . import attribute_forms as qforms

_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def image_type(data: bytes) -> str | None:
    """The MIME type of a JPEG or PNG by its first bytes; None for anything else."""
    return next((mime for magic, mime in _MAGIC if data.startswith(magic)), None)


def _record_table(conn: sqlite3.Connection, record_uuid: str) -> str | None:
    for form_table in ("patch_verifications", "project_inspections"):
        if conn.execute(f'SELECT 1 FROM "{form_table}" WHERE uuid = ?',
                        (record_uuid,)).fetchone():
            return form_table
    return None


def _path_in(folder: str, name: str) -> str | None:
    """The file a stored path names, inside ``folder`` only (no escaping it)."""
    rel = posixpath.normpath(name.replace("\\", "/"))
    if rel.startswith(("../", "/")) or rel == ".." or os.path.isabs(rel):
        return None
    return os.path.join(folder, *rel.split("/"))


def bring_in(conn: sqlite3.Connection, folder: str | os.PathLike) -> list[str]:
    """Complete every ``photos`` row that names a file but has no bytes yet; return the
    names brought in. Raise BadInput naming every missing or unreadable file (nothing is
    written then)."""
    folder = os.fspath(folder)
    rows = conn.execute("SELECT uuid, record_uuid, record_table, file_name FROM photos "
                        "WHERE sha256 IS NULL AND file_name IS NOT NULL "
                        "ORDER BY fid").fetchall()
    if not rows:
        return []
    missing, not_images, ready = [], [], []
    for uuid, record_uuid, record_table, name in rows:
        path = _path_in(folder, name)
        if path is None or not os.path.isfile(path):
            missing.append(name)
            continue
        with open(path, "rb") as fh:
            data = fh.read()
        mime = image_type(data)
        if mime is None:
            not_images.append(name)
            continue
        ready.append((uuid, record_uuid, record_table, name, data, mime))
    problems = []
    if missing:
        problems.append(f"photo file(s) missing from {folder}: {', '.join(missing)} "
                        f"(照片文件缺失)")
    if not_images:
        problems.append(f"not a JPEG or PNG image: {', '.join(not_images)} "
                        "(不是 JPEG/PNG 图片)")
    if problems:
        raise BadInput("; ".join(problems) + "; nothing was exported: copy the photos back "
                       f"into {qforms.PHOTO_DIR}/ or delete their photo records")
    conn.execute(ATTACHMENTS_DDL)
    with transaction(conn):
        for uuid, record_uuid, record_table, _name, data, mime in ready:
            sha = hashlib.sha256(data).hexdigest()
            info = exif.parse_jpeg(data) if mime == "image/jpeg" else exif.PhotoInfo()
            conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                         "VALUES (?, ?, ?, ?)", (sha, data, len(data), mime))
            table = record_table or (_record_table(conn, record_uuid) if record_uuid else None)
            conn.execute(
                "UPDATE photos SET sha256 = ?, mime_type = ?, taken_at = ?, lon = ?, lat = ?, "
                "heading = ?, record_table = ? WHERE uuid = ?",
                (sha, mime, info.taken_at, info.lon, info.lat, info.heading, table, uuid))
    return [r[3] for r in ready]
