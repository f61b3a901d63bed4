# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS projects saved into the master (``qgis_projects``, Project > Save To > GeoPackage),
as a field package carries them.

QGIS keeps such a project zipped (a .qgz) in ``content``, as hex text, its layers' sources
in the .qgs inside naming the master's file (``./county.gpkg|layername=…``, or its whole
path). Copied as it is, a package's project would open the master's layers, edited past the
sync, or none on another computer. A package's copy names the package's own file instead, so
that it opens the package's layers; a layer from another file keeps its source.

A pull brings a project the master saved again since, unless the package's copy was saved
over in the package itself: that one is kept, and named. A master that tracks
``qgis_projects`` (named at ``init --tables``) sends its projects as edits, left as they are.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import zipfile
from xml.sax.saxutils import escape, unescape

from ..bilingual import noun, them
from ..db import table_exists
from . import registry

TABLE = "qgis_projects"
# sync_meta of a package: project name -> [sha256 of the master's content brought, sha256 of
# the content written into the package]
BROUGHT_KEY = "qgis_projects_brought"


def _sha(content) -> str:
    return hashlib.sha256(content if isinstance(content, bytes) else
                          str(content).encode()).hexdigest()


def _zip_bytes(content) -> tuple[bytes, bool] | None:
    """The .qgz's bytes and whether ``content`` held them as hex text (as QGIS writes them);
    None where it is neither."""
    if isinstance(content, bytes) and content[:2] == b"PK":
        return content, False
    text = content.decode("ascii", "replace") if isinstance(content, bytes) else content
    if not isinstance(text, str):
        return None
    try:
        data = bytes.fromhex(text)
    except ValueError:
        return None
    return (data, True) if data[:2] == b"PK" else None


def _sources(master: str) -> re.Pattern:
    """A layer source naming the file ``master`` (its whole path or its name, as QGIS
    writes it with absolute or relative paths), up to the ``|`` of its layer or its end."""
    names = sorted({os.path.abspath(master), os.path.basename(master)}, key=len, reverse=True)
    alt = "|".join(re.escape(escape(n, {'"': "&quot;"})) for n in names)
    return re.compile(rf'(?<=[>"])(?:\./)?(?:{alt})(?=[|"<])')


# a layer's source in the .qgs, up to its layer's ``|``: a file named beside the project
# (relative, as QGIS saves by default), which the package, elsewhere, would not find
_SOURCE = re.compile(r'(?:(?<=<datasource>)|(?<=source="))(?!/|[A-Za-z]:|\w+:)[^<"|]+'
                     r'(?=[|"<])')


def _from_masters_folder(text: str, master: str) -> str:
    """``text`` with each source naming a file by its place beside ``master`` (but the
    master's own) naming it by its whole path, as found from the master's folder."""
    home, itself = os.path.dirname(os.path.abspath(master)), os.path.abspath(master)

    def whole(m: re.Match) -> str:
        named = unescape(m.group(0), {"&quot;": '"'})
        found = os.path.normpath(os.path.join(home, named))
        if found == itself or not os.path.splitext(named)[1]:  # (no file: a name, a query)
            return m.group(0)
        return escape(found, {'"': "&quot;"})
    return _SOURCE.sub(whole, text)


def _qgs_texts(content) -> list[str] | None:
    """The .qgs texts of ``content`` (a project as ``qgis_projects`` holds it); None for no
    project QGIS wrote."""
    found = _zip_bytes(content)
    if found is None:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(found[0])) as z:
            return [z.read(i).decode("utf-8") for i in z.infolist()
                    if i.filename.endswith(".qgs")]
    except (zipfile.BadZipFile, UnicodeDecodeError, ValueError):
        return None


def names_master(content, master: str) -> bool:
    """Whether a layer of the project ``content`` names the file ``master``."""
    pattern = _sources(master)
    return any(pattern.search(text) for text in _qgs_texts(content) or ())


def pointed_here(content, master: str, package: str):
    """``content`` (a project as ``qgis_projects`` holds it) with the sources naming the
    file ``master`` naming the file ``package`` instead (beside the project: relative), and
    other files named beside the master by their whole paths; as it is where nothing
    changes or it is no project QGIS wrote."""
    found = _zip_bytes(content)
    if found is None or _qgs_texts(content) is None:
        return content
    data, as_hex = found
    pattern = _sources(master)
    here = "./" + escape(os.path.basename(package), {'"': "&quot;"})
    out = io.BytesIO()
    changed = False
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            member = zin.read(info)
            if info.filename.endswith(".qgs"):
                text = member.decode("utf-8")
                new = pattern.sub(lambda m: here, _from_masters_folder(text, master))
                changed = changed or new != text
                member = new.encode("utf-8")
            zout.writestr(info, member)
    if not changed:
        return content
    return out.getvalue().hex() if as_hex else out.getvalue()


def _carried(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` holds projects this module carries (the table there, not tracked:
    a tracked one's rows travel as edits, as the master holds them)."""
    return table_exists(conn, TABLE) and TABLE not in {
        t.name for t in registry.tracked_tables(conn)}


def _brought(conn: sqlite3.Connection) -> dict:
    return registry.json_meta(conn, BROUGHT_KEY) or {}


def point_here(conn: sqlite3.Connection, master: str, package: str) -> list[str]:
    """Point each project a new package ``conn`` copied from ``master`` at ``package`` (its
    file), noting what it holds; the names of those that named the master."""
    if not _carried(conn):
        return []
    said, noted = [], {}
    for name, content in conn.execute(f"SELECT name, content FROM {TABLE}").fetchall():
        new = pointed_here(content, master, package)
        if new is not content:
            conn.execute(f"UPDATE {TABLE} SET content = ? WHERE name = ?", (new, name))
            if names_master(content, master):
                said.append(name)
        noted[name] = [_sha(content), _sha(new)]
    registry.set_json_meta(conn, BROUGHT_KEY, noted)
    return said


def bring(src: sqlite3.Connection, conn: sqlite3.Connection, master: str,
          package: str) -> tuple[list[str], list[str], list[str]]:
    """Bring into the package ``conn`` each project the master ``src`` saved since the
    checkout or the last pull, pointed at ``package``: (those brought pointed at it, those
    brought as they are, naming no layer of the master's file, those the package saved over
    itself, kept as it holds them)."""
    if not _carried(src) or (table_exists(conn, TABLE) and not _carried(conn)):
        return [], [], []
    noted = _brought(conn)
    brought: list[str] = []
    as_they_are: list[str] = []
    kept: list[str] = []
    here = ({n: c for n, c in conn.execute(f"SELECT name, content FROM {TABLE}")}
            if table_exists(conn, TABLE) else None)
    for name, content, meta in src.execute(f"SELECT name, content, metadata FROM {TABLE}"):
        was = noted.get(name)
        if was and was[0] == _sha(content):
            continue  # (the master's as it was brought before)
        mine = None if here is None else here.get(name)
        # saved over in the package: its own (a copy still naming the master's file, as a
        # checkout of an earlier version left it, is none)
        if mine is not None and (was is None or _sha(mine) != was[1]) and \
                not names_master(mine, master):
            kept.append(name)
            continue
        new = pointed_here(content, master, package)
        if here is None:
            conn.execute(f"CREATE TABLE {TABLE}(name TEXT PRIMARY KEY, metadata BLOB, "
                         "content BLOB)")
            here = {}
        conn.execute(f"INSERT OR REPLACE INTO {TABLE} (name, metadata, content) "
                     "VALUES (?, ?, ?)", (name, meta, new))
        noted[name] = [_sha(content), _sha(new)]
        (brought if names_master(content, master) else as_they_are).append(name)
    if brought or as_they_are:
        registry.set_json_meta(conn, BROUGHT_KEY, noted)
    return brought, as_they_are, kept


def said_here(names: list[str], package: str) -> str | None:
    """What a checkout or a pull says of the projects it pointed at the package."""
    if not names:
        return None
    return (f"QGIS {noun(len(names), 'project')} saved in the master, pointed at this "
            "package's own layers "
            f"(./{os.path.basename(package)}): {', '.join(names)}")


def said_as_they_are(names: list[str]) -> str | None:
    """What a pull says of the projects the master saved again that name none of its layers
    by its file, brought as they are (another file's named by its whole path)."""
    if not names:
        return None
    return (f"QGIS {noun(len(names), 'project')} saved again in the master, naming none of "
            f"its layers by its file, brought as {'it is' if len(names) == 1 else 'they are'}: "
            f"{', '.join(names)}")


def said_kept(names: list[str]) -> str | None:
    """What a pull says of the projects the master saved again that the package kept."""
    if not names:
        return None
    return (f"QGIS {noun(len(names), 'project')} saved again in the master but also saved "
            f"over in this package, kept as the package holds {them(len(names))}: "
            f"{', '.join(names)}")


__all__ = ["pointed_here", "names_master", "point_here", "bring", "said_here",
           "said_as_they_are", "said_kept", "BROUGHT_KEY"]
