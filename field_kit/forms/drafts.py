# SPDX-License-Identifier: GPL-2.0-or-later
"""Forms in progress, kept so that closing the app, a crash or a power cut loses nothing.

Each change is committed at once to ``form_drafts`` in the same GeoPackage. The table is
not part of the plan schema and the change log does not track it: a draft is the
technician's own unfinished work, never sent. The file's journal mode is left as it is
(QGIS may have the file open too); SQLite's default ``synchronous=FULL`` makes a commit
durable in either mode, and a connection set lower is raised to FULL for the draft's commit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ..db import transaction

DDL = """CREATE TABLE IF NOT EXISTS form_drafts (
    draft_id TEXT PRIMARY KEY, form_id TEXT NOT NULL, subject_uuid TEXT,
    values_json TEXT NOT NULL, updated_at TEXT NOT NULL)"""
_FULL = 2  # PRAGMA synchronous value


@dataclass(frozen=True)
class Draft:
    draft_id: str
    form_id: str
    subject_uuid: str | None
    values: dict
    updated_at: str
    saved_as: str | None = None  # a rescue file's: the record its values were saved as


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (Fraction, Decimal)):
        return float(value)
    raise TypeError(f"a draft cannot hold {type(value).__name__}")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def save_draft(conn: sqlite3.Connection, form_id: str, values: dict,
               subject_uuid: str | None = None, draft_id: str | None = None) -> str:
    """Keep ``values`` (JSON-able: text, numbers, dates, lists such as pending photo paths)
    and commit before returning; return the draft's id (new when ``draft_id`` is None).

    The connection must not be in the middle of another transaction: committing the
    draft would commit that too.
    """
    if conn.in_transaction:
        raise RuntimeError("save_draft needs a connection with no open transaction; "
                           "commit or roll back first (or keep drafts on their own connection)")
    draft_id = draft_id or str(uuidlib.uuid4())
    level = conn.execute("PRAGMA synchronous").fetchone()[0]
    if level < _FULL:
        conn.execute("PRAGMA synchronous = FULL")
    try:
        with transaction(conn):
            _upsert(conn, draft_id, form_id, values, subject_uuid)
    finally:
        if level < _FULL:
            conn.execute(f"PRAGMA synchronous = {int(level)}")
    return draft_id


# A draft of a saved record keeps, under this key, the record as the form found it: the
# fields the technician left as they were then take the record's values of the day it comes
# back (a pull, a merge or GIS staff may have changed them since), never the old ones.
BASE = "_base"


def rebase(kept: dict, now: dict) -> tuple[dict, list[str]]:
    """A draft's values over the record as it is ``now`` (both in the form's terms): a
    value the draft left as it found it takes the record's present one, one it changed
    keeps the draft's. Returns the values and the keys changed on both sides since, where
    the draft's value is kept and must be said. A draft kept before drafts knew their base
    keeps all its values."""
    base = kept.get(BASE)
    values = {k: v for k, v in kept.items() if k != BASE}
    if not isinstance(base, dict):
        return values, []
    out, clashes = dict(now), []
    for key, value in values.items():
        if key not in base or value != base[key]:  # the technician changed it
            out[key] = value
            if not key.startswith("_") and key in base and now.get(key) not in (
                    base[key], value):
                clashes.append(key)
    # a value typed keeps the unit it was typed in
    units, found = values.get("_units") or {}, base.get("_units") or {}
    out["_units"] = {**(now.get("_units") or {}), **{
        col: unit for col, unit in units.items()
        if unit != found.get(col) or values.get(col) != base.get(col)}}
    return out, clashes


# A draft keeps, under this key, what was typed in fields the role may no longer change (a
# pull took their grant away): it cannot be saved, and stays to be seen and copied until the
# technician throws it away, through later edits and Saves of the rest of the record.
STRANDED = "_stranded"


def stranded(kept: dict, now: dict, locked: set[str]) -> dict:
    """What the draft ``kept`` holds typed in the keys ``locked`` (the columns of fields the
    role may not change) that the record ``now`` does not hold: kept earlier, or changed
    from the record as the draft found it (a draft without its base: from ``now``)."""
    found = kept.get(BASE)
    base = found if isinstance(found, dict) else now
    out = {k: v for k, v in (kept.get(STRANDED) or {}).items()
           if k in locked and v != now.get(k)}
    for key in locked:
        if key in kept and kept[key] != base.get(key) and kept[key] != now.get(key):
            out[key] = kept[key]
    return out


# what a draft keeps, and holds stranded, of the photos added to its record: their files;
# and of the saved photos it takes off the record: their uuids
PHOTOS = "_photos"
REMOVED = "_removed_photos"


def stranded_photos(kept: dict, key: str = PHOTOS) -> list[str]:
    """The photo files the draft ``kept`` added to its record (``key`` PHOTOS), or the
    uuids of the saved photos it took off (REMOVED), kept or held stranded, each once:
    stranded all, when the role may no longer add or take off photos."""
    held = (kept.get(STRANDED) or {}).get(key) or []
    return list(dict.fromkeys([*(kept.get(key) or []), *held]))


def unstranded(kept: dict, locked: set[str]) -> dict:
    """What the draft ``kept`` held stranded in keys the role may change again (the grant
    given back): typed values once more."""
    return {k: v for k, v in (kept.get(STRANDED) or {}).items() if k not in locked}


def only_stranded(record_uuid: str, held: dict) -> dict:
    """A draft of a record saved as it is, holding only what is typed and cannot be saved."""
    return {"uuid": record_uuid, STRANDED: held, BASE: {}}


def holds_only_stranded(values: dict) -> bool:
    """Whether a draft's ``values`` are :func:`only_stranded`'s: its record is saved, and
    nothing in it waits for a Save, only typed text that cannot be saved."""
    return bool(values.get(STRANDED)) and set(values) <= {"uuid", STRANDED, BASE}


def save_in_transaction(conn: sqlite3.Connection, draft_id: str, form_id: str, values: dict,
                        subject_uuid: str | None, updated_at: str | None = None) -> None:
    """Keep a draft inside the caller's transaction (a Save's: the record and what its
    draft still holds are written together, or neither). ``updated_at``: a draft put back
    as it was keeps the time it was last edited (by default: now)."""
    with transaction(conn, join=True):
        _upsert(conn, draft_id, form_id, values, subject_uuid, updated_at)


def _upsert(conn: sqlite3.Connection, draft_id: str, form_id: str, values: dict,
            subject_uuid: str | None, updated_at: str | None = None) -> None:
    text = json.dumps(values, ensure_ascii=False, default=_json_default, sort_keys=True)
    conn.execute(DDL)
    conn.execute(
        "INSERT INTO form_drafts (draft_id, form_id, subject_uuid, values_json, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (draft_id) DO UPDATE SET form_id = "
        "excluded.form_id, subject_uuid = excluded.subject_uuid, values_json = "
        "excluded.values_json, updated_at = excluded.updated_at",
        (draft_id, form_id, subject_uuid, text, updated_at or _now()))


def _has_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                        "name = 'form_drafts'").fetchone() is not None


def load_drafts(conn: sqlite3.Connection, form_id: str | None = None,
                subject_uuid: str | None = None) -> list[Draft]:
    """Drafts, newest first, optionally only those of one form and/or one subject."""
    if not _has_table(conn):
        return []
    sql = "SELECT draft_id, form_id, subject_uuid, values_json, updated_at FROM form_drafts " \
          "WHERE 1 = 1"
    args: list[str] = []
    if form_id is not None:
        sql, args = sql + " AND form_id = ?", args + [form_id]
    if subject_uuid is not None:
        sql, args = sql + " AND subject_uuid = ?", args + [subject_uuid]
    rows = conn.execute(sql + " ORDER BY updated_at DESC, draft_id", args).fetchall()
    return [Draft(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


def load_draft(conn: sqlite3.Connection, draft_id: str) -> Draft | None:
    if not _has_table(conn):
        return None
    r = conn.execute("SELECT draft_id, form_id, subject_uuid, values_json, updated_at "
                     "FROM form_drafts WHERE draft_id = ?", (draft_id,)).fetchone()
    return Draft(r[0], r[1], r[2], json.loads(r[3]), r[4]) if r else None


def discard_draft(conn: sqlite3.Connection, draft_id: str) -> None:
    """Forget a draft (after its record is saved, or when the user throws it away)."""
    if not _has_table(conn):
        return
    with transaction(conn, join=True):
        conn.execute("DELETE FROM form_drafts WHERE draft_id = ?", (draft_id,))


# --- rescue files: a draft kept outside the package ----------------------------------------
# When the package cannot take a draft (its disk is full, its USB stick was pulled out, the
# file was moved), the form's values go to a JSON file in the user's data folder instead,
# and come back the next time the same form is opened on that package.

RESCUE_ENV = "TOKSUN_FIELD_KIT_RESCUE"


def rescue_dir() -> Path:
    """Where rescue files go: $TOKSUN_FIELD_KIT_RESCUE, else the user's data folder."""
    if os.environ.get(RESCUE_ENV):
        return Path(os.environ[RESCUE_ENV])
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "toksun-field-kit" / "rescue"


def package_identity(conn: sqlite3.Connection, package) -> str:
    """What tells a package from any other: its checkout's id (the same wherever the file is
    moved), else its full path. Every QField project's package is named package.gpkg, and
    packages checked out of one master share their patches' ids."""
    try:
        row = conn.execute("SELECT checkout_uuid FROM sync_state").fetchone()
    except sqlite3.Error:
        row = None
    return (row[0] if row and row[0] else None) or str(Path(package).resolve())


def _own(package, identity: str | None) -> str:
    return identity or str(Path(package).resolve())


def rescue_path(package, form_id: str, subject_uuid: str | None,
                record_uuid: str | None, identity: str | None = None) -> Path:
    """The rescue file of a form of the package ``identity`` names (by default its path)."""
    tag = hashlib.sha256(_own(package, identity).encode()).hexdigest()[:10]
    return rescue_dir() / (f"{Path(package).stem}-{tag}-{form_id}-{subject_uuid or 'none'}-"
                           f"{record_uuid or 'new'}.json")


def write_rescue(package, form_id: str, values: dict, subject_uuid: str | None,
                 identity: str | None = None) -> Path:
    """Write the values to their rescue file (written whole, then renamed); return its path."""
    return put_rescue(package, rescue_content(package, form_id, values, subject_uuid, identity),
                      identity)


def rescue_content(package, form_id: str, values: dict, subject_uuid: str | None,
                   identity: str | None = None) -> dict:
    """What a rescue file of the values holds (as :func:`put_rescue` writes it)."""
    return {"package": str(Path(package).resolve()), "form_id": form_id,
            "identity": _own(package, identity), "subject_uuid": subject_uuid,
            "values": values, "updated_at": _now()}


def put_rescue(package, held: dict, identity: str | None = None) -> Path:
    """Write a rescue file's content ``held`` (as :func:`forget_rescue` returned it: a
    delete undone puts it back as it was, its time too); return its path."""
    path = rescue_path(package, held["form_id"], held.get("subject_uuid"),
                       (held.get("values") or {}).get("uuid"), identity)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, held)
    return path


def _write(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, default=_json_default, sort_keys=True, indent=1)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _rescue_of(package, form_id: str, subject_uuid: str | None, record_uuid: str | None,
               identity: str | None) -> tuple[Path, dict] | None:
    """The package's own rescue file and its content: the file another package of the same
    name wrote is not its own (nor, under an earlier version's name, one another path
    wrote)."""
    own = _own(package, identity)
    earlier = rescue_dir() / (f"{Path(package).stem}-{form_id}-{subject_uuid or 'none'}-"
                              f"{record_uuid or 'new'}.json")
    for path in (rescue_path(package, form_id, subject_uuid, record_uuid, identity), earlier):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("identity", data.get("package")) in (own, str(Path(package).resolve())):
            return path, data
    return None


def rescues(package, identity: str | None = None) -> list[Draft]:
    """Every rescue file of the package (its own: as :func:`_rescue_of` tells them), whatever
    its form or subject: what was typed that only a rescue file holds."""
    own = {_own(package, identity), str(Path(package).resolve())}
    out = []
    for path, text in _rescue_texts(rescue_dir(), Path(package).stem):
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if data.get("identity", data.get("package")) in own and data.get("form_id"):
            out.append(_as_draft(path, data["form_id"], data))
    return out


# the rescue files' texts as last read, by folder and package name, with the stat they were
# read at: the patch list asks at every refresh, and only a file changed since is read again
_READ: dict[tuple[str, str], dict[Path, tuple[tuple[int, int, int], str]]] = {}


def _rescue_texts(folder: Path, stem: str) -> list[tuple[Path, str]]:
    """The text of each rescue file of packages named ``stem`` in ``folder`` (those that
    cannot be read left out), read again only when its inode, time or size changed (a file
    is written whole and renamed: a new inode)."""
    before = _READ.get((str(folder), stem), {})
    now: dict[Path, tuple[tuple[int, int, int], str]] = {}
    for path in sorted(folder.glob(f"{stem}-*.json")):
        try:
            st = path.stat()
            seen = (st.st_ino, st.st_mtime_ns, st.st_size)
            held = before.get(path)
            now[path] = held if held and held[0] == seen else \
                (seen, path.read_text(encoding="utf-8"))
        except OSError:
            continue
    _READ[(str(folder), stem)] = now  # (a file gone is forgotten)
    return [(path, text) for path, (_, text) in now.items()]


def rescues_of(conn: sqlite3.Connection) -> list[Draft]:
    """Every rescue file of the package ``conn`` has open (none of one in memory)."""
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return []
    path = row[2] if row else None
    return rescues(path, package_identity(conn, path)) if path else []


def _as_draft(path: Path, form_id: str, data: dict) -> Draft:
    return Draft(str(path), form_id, data.get("subject_uuid"), data.get("values") or {},
                 data.get("updated_at") or "", data.get("saved_as"))


def read_rescue(package, form_id: str, subject_uuid: str | None,
                record_uuid: str | None, identity: str | None = None) -> Draft | None:
    found = _rescue_of(package, form_id, subject_uuid, record_uuid, identity)
    if found is None:
        return None
    path, data = found
    return _as_draft(path, form_id, {**data, "subject_uuid": subject_uuid})


def mark_rescue(package, form_id: str, subject_uuid: str | None, saved_as: str,
                identity: str | None = None) -> None:
    """Name, in a new record's rescue file, the uuid its record is about to be saved as:
    left behind by a save cut short before the file's removal, it is known as saved (its
    record exists) and not brought back to be saved a second time."""
    found = _rescue_of(package, form_id, subject_uuid, None, identity)
    if found is not None:
        with contextlib.suppress(OSError):  # unmarked, it is as it was
            _write(found[0], {**found[1], "saved_as": saved_as})


def forget_rescue(package, form_id: str, subject_uuid: str | None,
                  record_uuid: str | None, identity: str | None = None) -> dict | None:
    """Remove the form's rescue file; return what it held (None: there was none)."""
    found = _rescue_of(package, form_id, subject_uuid, record_uuid, identity)
    with contextlib.suppress(OSError):
        if found is not None:
            found[0].unlink()
    return found[1] if found else None
