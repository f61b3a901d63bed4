# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading a form's context from a GeoPackage, saving a record, attaching photos.

Records are written with plain SQL to their table, in one transaction, so the change log
captures a save like any other edit. Photo bytes go once, by SHA-256, into ``attachments``
(not tracked: the ``photos`` rows that name them are).
"""

from __future__ import annotations

import csv
import hashlib
import re
import sqlite3
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from fractions import Fraction
from pathlib import Path

from ..bilingual import Text, counted
from ..db import quote, table_exists, transaction
from ..plan import geometry, schema
from ..plan.rules import latest_first
from ..plan.shipped import target_units_en
from . import drafts, exif, photo_size
from .model import Code, Context, Form, Problem
from .validate import _text, clean_values, errors, read_days, validate

ATTACHMENTS_DDL = """CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY, data BLOB NOT NULL, size INTEGER NOT NULL, mime_type TEXT)"""


class PhotoError(ValueError):
    """A file given as a photo that is not a JPEG, PNG or HEIC picture, or (``cut_short``)
    not the whole of one."""

    def __init__(self, name: str, cut_short: bool = False):
        self.name, self.cut_short = name, cut_short
        super().__init__(
            f"not the whole picture, cut short: {name}; copy it again / 照片文件不完整（被截断）："
            f"{name}；请重新复制" if cut_short else
            f"not a photo (JPEG, PNG or HEIC): {name} / 不是照片（JPEG、PNG 或 HEIC）：{name}")


class FormError(ValueError):
    """A save refused because the values have errors; ``problems`` lists them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "; ".join(f"{p.field}: {p.message.en} / {p.message.zh}" for p in problems)
        super().__init__(f"record not saved, {counted(len(problems), 'error')}: {lines}")


# --- reading --------------------------------------------------------------------------

def _rows(conn: sqlite3.Connection, sql: str, *args) -> list[dict]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _sort(codes: Iterable[tuple]) -> dict[str, tuple[Code, ...]]:
    out: dict[str, list] = {}
    """Codes grouped by list, by sort_order (missing last), then by their row order."""
    for row in sorted(codes, key=lambda c: (c[0], c[1] is None, c[1] or 0, c[2])):
        out.setdefault(row[0], []).append(row[3])
    return {k: tuple(v) for k, v in out.items()}


def load_code_lists(conn: sqlite3.Connection) -> dict[str, tuple[Code, ...]]:
    """The ``code_lists`` table as {list name: codes in display order}."""
    rows = conn.execute("SELECT list_name, code, label_zh, label_en, parent_code, sort_order "
                        "FROM code_lists ORDER BY rowid").fetchall()
    return _sort((r[0], r[5], n, Code(str(r[1]), Text(r[2] or "", r[3] or ""), _text(r[4])))
                 for n, r in enumerate(rows))


def plan_lists(conn: sqlite3.Connection) -> dict[str, tuple[Code, ...]]:
    """A plan master's lists for its layers' ``township`` and ``phase``
    (:func:`township_and_phase_lists` of its townships layer); none where the file has not
    the plan's code lists (a county's own layers of those names hold their own values)."""
    try:
        conn.execute("SELECT 1 FROM code_lists LIMIT 1")
        towns = conn.execute("SELECT name_zh, name_en FROM townships ORDER BY fid").fetchall()
    except sqlite3.OperationalError:
        return {}
    return township_and_phase_lists(towns)


def township_names(conn: sqlite3.Connection) -> dict[str, str | None]:
    """Each township's name and other name (its aliases) -> its name in the plan's list;
    None for another name two townships share. Empty where the file has no townships."""
    try:
        rows = conn.execute("SELECT name_zh, aliases FROM townships").fetchall()
    except sqlite3.OperationalError:
        return {}
    names: dict[str, str | None] = {zh: zh for zh, _ in rows if zh}
    real = set(names)
    for zh, aliases in rows:
        for a in re.split(r"[、,;；，\s]+", aliases or ""):
            if a and a not in real:
                names[a] = zh if names.get(a, zh) == zh else None
    return names


def township_and_phase_lists(towns) -> dict[str, tuple[Code, ...]]:
    """The lists a plan layer's ``township`` and ``phase`` are picked from: the townships
    (``(name_zh, name_en)`` pairs, a township picked by its Chinese name; none where there
    are none) and the plan's phases."""
    lists = {"phase": tuple(Code(p, Text(p, en)) for p, en in schema.PHASES.items())}
    if any(zh for zh, _ in towns):
        lists["township"] = tuple(Code(zh, Text(zh, en or zh)) for zh, en in towns if zh)
    return lists


def code_lists_from_csv(path) -> dict[str, tuple[Code, ...]]:
    """The same from ``resources/plan/code_lists.csv`` (file order where no sort_order)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return _sort((r["list_name"], int(r["sort_order"]) if r.get("sort_order") else None, n,
                  Code(r["code"], Text(r["label_zh"], r["label_en"]),
                       _text(r.get("parent_code"))))
                 for n, r in enumerate(rows))


def _without_geometry(row: dict) -> tuple[dict, bytes | None]:
    blob = row.pop(schema.GEOMETRY_COLUMN, None)
    row.pop("fid", None)
    return row, geometry.blob_wkb(bytes(blob)) if blob else None


def form_context(conn: sqlite3.Connection, form: Form, record_or_subject_uuid: str,
                 today: date | None = None) -> Context:
    """Everything ``validate`` needs for a saved record (to edit it) or a subject (a patch's
    or a project's uuid, to start a new record)."""
    record = next(iter(_rows(conn, f'SELECT * FROM "{form.table}" WHERE uuid = ?',
                             record_or_subject_uuid)), None)
    photo_count = 0
    if record is not None:
        record, _ = _without_geometry(record)
        subject_uuid = record.get(form.subject_column)
        photo_count = conn.execute("SELECT count(*) FROM photos WHERE record_uuid = ? AND "
                                   "record_table = ?", (record["uuid"], form.table)).fetchone()[0]
    else:
        subject_uuid = record_or_subject_uuid
    found = _rows(conn, f'SELECT * FROM "{form.subject_table}" WHERE uuid = ?', subject_uuid)
    if not found and record is None:
        raise LookupError(f"no {form.table} record and no {form.subject_table} row with "
                          f"uuid {record_or_subject_uuid!r}")
    subject, wkb = _without_geometry(found[0]) if found else (None, None)
    wkbs: tuple[bytes, ...] = (wkb,) if wkb else ()
    targets: tuple[dict, ...] = ()
    on_project = form.subject_table == "restoration_projects" and bool(subject_uuid)
    # (a file that is not the whole plan: what they would check is said unchecked)
    reads = ("code_lists", "project_targets") if on_project else ("code_lists",)
    lacking = tuple(t for t in reads if not table_exists(conn, t))
    if on_project:
        wkbs = tuple(geometry.blob_wkb(bytes(r[0])) for r in conn.execute(
            f"SELECT {schema.GEOMETRY_COLUMN} FROM mine_patches WHERE project_uuid = ? AND "
            f"{schema.GEOMETRY_COLUMN} IS NOT NULL", (subject_uuid,)))
    if on_project and "project_targets" not in lacking:
        units_en = target_units_en(conn)  # (a master made before holds none: the plan's)
        targets = tuple({**t, "unit_en": units_en.get(t["uuid"], "")} for t in _rows(
            conn, "SELECT * FROM project_targets WHERE project_uuid = ? ORDER BY rowid",
            subject_uuid))
    return Context(code_lists={} if "code_lists" in lacking else load_code_lists(conn),
                   today=today or date.today(), photo_count=photo_count, subject=subject,
                   subject_wkbs=wkbs, targets=targets, record=record, lacking=lacking,
                   **_clock_wrong(conn))


# said beside a date a new record leaves empty, the device's clock being wrong
CLOCK_WRONG = Text("未按今天填写：本设备时钟显示为 {reads}，早于本数据包的签出时间（{at}），"
                   "按它填写的日期有误。请填写实际日期，并校正时钟",
                   "Not filled in with today: this device's clock reads {reads}, before this "
                   "package was checked out ({at}), so the date it gives is wrong. Type the "
                   "real date, and set the clock right")


def _clock_wrong(conn: sqlite3.Connection) -> dict:
    """The Context's ``clock_wrong`` and ``earliest_today`` where the device's clock is known
    to read wrong; none where it reads right, or cannot be told."""
    from ..sync import changelog, device_clock  # (the sync reads the forms' definitions)
    if not changelog.is_installed(conn):  # no checkout time to tell the clock by
        return {}
    wrong = device_clock.reads_wrong(conn)
    if wrong is None:
        return {}
    return {"clock_wrong": CLOCK_WRONG.format(reads=wrong[0], at=wrong[1]),
            "earliest_today": device_clock.checked_out_day(conn)}


def list_records(conn: sqlite3.Connection, form: Form, subject_uuid: str) -> list[dict]:
    """A subject's saved records, newest first: uuid, date, person (verifier or inspector),
    photo count and created_at, so a face can list them to reopen one."""
    date_col = next(f.columns[0] for f in form.fields if f.widget == "date")
    person = next(c for c in ("verifier", "inspector") if c in form.columns)
    read_days(conn)
    return _rows(conn, f'SELECT uuid, "{date_col}" AS date, "{person}" AS person, '
                       f"(SELECT count(*) FROM photos p WHERE p.record_uuid = r.uuid AND "
                       f"p.record_table = ?) AS photos, created_at FROM \"{form.table}\" r "
                       f'WHERE "{form.subject_column}" = ? ORDER BY '
                       f'{latest_first(quote(date_col), "r.")}', form.table, subject_uuid)


# --- writing --------------------------------------------------------------------------

def _transaction(conn: sqlite3.Connection):
    """One transaction of our own; inside the caller's, a savepoint (the caller commits)."""
    return transaction(conn, nested=True)


def _now() -> str:
    """UTC in the GeoPackage DATETIME form."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _sql(value):
    if isinstance(value, date):
        return value.isoformat()
    return float(value) if isinstance(value, Fraction) else value


def save_record(conn: sqlite3.Connection, form: Form, values: dict, photos: Iterable = (),
                context: Context | None = None, removed: Iterable[str] = (),
                kept: Iterable[str] = ()) -> str:
    """Write the record (insert, or update when ``values['uuid']`` is saved already),
    attach ``photos`` (file paths) and detach its photos ``removed`` (their uuids) in one
    transaction; return its uuid. ``kept``: columns the role may not change, written back
    as the record holds them (cleaned, a date or a trimmed name would be an edit of the
    column, which the merge refuses).

    Raises FormError listing the errors if ``validate`` finds any; warnings do not stop it.
    """
    geometry.register_functions(conn)
    record_uuid = _text(values.get("uuid")) or str(uuidlib.uuid4())
    saved = _rows(conn, f'SELECT * FROM "{form.table}" WHERE uuid = ?', record_uuid)
    exists = bool(saved)
    if exists:  # fields not given keep their saved values, never silently emptied
        values = {**{c: saved[0].get(c) for c in form.columns}, **values}
    if context is None:
        key = record_uuid if exists else _text(values.get(form.subject_column))
        context = form_context(conn, form, key) if key else Context(
            code_lists=load_code_lists(conn))
    files = list(photos)
    gone = [u for u in removed if exists and conn.execute(
        "SELECT 1 FROM photos WHERE uuid = ? AND record_uuid = ? AND record_table = ?",
        (u, record_uuid, form.table)).fetchone()]
    context = replace(context, photo_count=context.photo_count + len(files) - len(gone))
    problems = errors(validate(form, values, context))
    if problems:
        raise FormError(problems)
    clean, _ = clean_values(form, values, context)
    row = {c: _sql(clean[c]) for c in form.columns}
    lon, lat = clean.get("position_lon"), clean.get("position_lat")
    row[schema.GEOMETRY_COLUMN] = (geometry.gpkg_blob(geometry.point_wkb(lon, lat), schema.CRS_EPSG)
                                   if lon is not None and lat is not None else None)
    if exists:
        row.update((c, saved[0][c]) for c in kept if c in row and c in saved[0])
    contents = [_photo_bytes(f) for f in files]  # read before taking the write lock
    with _transaction(conn):
        if exists:
            sets = ", ".join(f'"{c}" = ?' for c in row)
            conn.execute(f'UPDATE "{form.table}" SET {sets} WHERE uuid = ?',
                         (*row.values(), record_uuid))
        else:
            row.update(uuid=record_uuid, created_at=_now())
            names = ", ".join(f'"{c}"' for c in row)
            conn.execute(f'INSERT INTO "{form.table}" ({names}) VALUES '
                         f'({", ".join("?" * len(row))})', tuple(row.values()))
        for name, data in contents:
            _insert_photo(conn, form.table, record_uuid, name, data)
        conn.executemany("DELETE FROM photos WHERE uuid = ?", [(u,) for u in gone])
    return record_uuid


def _photo_bytes(photo) -> tuple[str, bytes]:
    """(file name, bytes) of a photo given as a path or as (file name, bytes) already
    prepared (e.g. made smaller by the app); refused unless it is a whole picture (a copy
    stopped partway would be stored with its lower part grey)."""
    if isinstance(photo, tuple):
        name, data = photo
    else:
        name, data = Path(photo).name, Path(photo).read_bytes()
    if _mime_type(data) == "application/octet-stream":
        raise PhotoError(name)
    if not photo_size.whole(data):
        raise PhotoError(name, cut_short=True)
    return name, data


# --- photos ---------------------------------------------------------------------------

def _mime_type(data: bytes) -> str:
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    return "application/octet-stream"


def _insert_photo(conn: sqlite3.Connection, record_table: str, record_uuid: str,
                  file_name: str, data: bytes, caption: str | None = None) -> str:
    sha = hashlib.sha256(data).hexdigest()
    mime = _mime_type(data)
    conn.execute(ATTACHMENTS_DDL)
    conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                 "VALUES (?, ?, ?, ?)", (sha, data, len(data), mime))
    same = conn.execute("SELECT uuid FROM photos WHERE record_uuid = ? AND record_table = ? "
                        "AND sha256 = ?", (record_uuid, record_table, sha)).fetchone()
    if same:  # the same picture attached twice to one record is one photo
        return same[0]
    info = exif.parse_jpeg(data) if mime == "image/jpeg" else exif.PhotoInfo()
    photo_uuid = str(uuidlib.uuid4())
    conn.execute(
        "INSERT INTO photos (uuid, record_uuid, record_table, sha256, file_name, mime_type, "
        "taken_at, lon, lat, heading, caption) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (photo_uuid, record_uuid, record_table, sha, file_name, mime, info.taken_at,
         info.lon, info.lat, info.heading, caption))
    return photo_uuid


def attach_photo(conn: sqlite3.Connection, record_table: str, record_uuid: str, path,
                 caption: str | None = None) -> str:
    """Store the file's bytes once and a ``photos`` row for the record; return its uuid.
    ``path`` may also be (file name, bytes). A file that is not a whole picture raises
    PhotoError."""
    name, data = _photo_bytes(path)
    with _transaction(conn):
        return _insert_photo(conn, record_table, record_uuid, name, data, caption)


def list_photos(conn: sqlite3.Connection, record_table: str, record_uuid: str) -> list[dict]:
    return _rows(conn, "SELECT uuid, sha256, file_name, mime_type, taken_at, lon, lat, heading, "
                       "caption FROM photos WHERE record_table = ? AND record_uuid = ? "
                       "ORDER BY rowid", record_table, record_uuid)


def photo_data(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """A photo's bytes (for a thumbnail), or None when this file does not carry them."""
    try:
        row = conn.execute("SELECT data FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
    except sqlite3.OperationalError:  # no attachments table yet
        return None
    return bytes(row[0]) if row else None


@dataclass(frozen=True)
class Kept:
    """A saved record and its photos' rows as they are (their row ids left out), and the
    draft of it a delete drops, for :func:`restore_record` to put back after
    :func:`delete_record`."""

    table: str
    record: dict
    photos: tuple[dict, ...]
    draft: drafts.Draft | None = None
    # the form's rescue file, as it was: what was typed that the package could not take
    rescue: dict | None = None
    # what was only on the form's screen (neither the package nor a rescue file took it),
    # held in memory: the way back puts it on the form again
    screen: dict | None = None


def _as_is(conn: sqlite3.Connection, table: str, where: str, *args) -> list[dict]:
    pk = {r[1] for r in conn.execute(f"PRAGMA table_info({quote(table)})") if r[5]}
    cur = conn.execute(f"SELECT * FROM {quote(table)} WHERE {where}", args)
    names = [d[0] for d in cur.description]
    return [{n: v for n, v in zip(names, r) if n not in pk} for r in cur.fetchall()]


def record_as_is(conn: sqlite3.Connection, form: Form, record_uuid: str,
                 draft_id: str | None = None) -> Kept:
    """The saved record ``record_uuid``, its photos' rows and its draft ``draft_id`` (what
    it holds goes with the record), before a delete."""
    (record,) = _as_is(conn, form.table, "uuid = ?", record_uuid)
    return Kept(form.table, record, tuple(_as_is(
        conn, "photos", "record_table = ? AND record_uuid = ?", form.table, record_uuid)),
        drafts.load_draft(conn, draft_id) if draft_id else None)


def restore_record(conn: sqlite3.Connection, kept: Kept) -> None:
    """Put a deleted record back with its photos and its draft, as they were and with the
    same uuids, in one transaction (the photos' bytes stayed); captured as inserts, the
    record reaches the master as it was, its delete undone."""
    with _transaction(conn):
        for table, rows in ((kept.table, (kept.record,)), ("photos", kept.photos)):
            for row in rows:
                conn.execute(f"INSERT INTO {quote(table)} ({', '.join(map(quote, row))}) "
                             f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
        if kept.draft is not None:
            d = kept.draft
            drafts.save_in_transaction(conn, d.draft_id, d.form_id, d.values, d.subject_uuid,
                                       d.updated_at)


def not_restorable(conn: sqlite3.Connection, form: Form,
                   kept: Kept) -> tuple[str, list[str]] | None:
    """Why :func:`restore_record` can no longer put ``kept`` back as it was, or None when it
    can: ``("subject", [])`` its patch or project is no longer here, ``("record", [])`` a
    record of its uuid is here again, ``("columns", names)`` its table or the photos' table
    has lost columns it had (the package changed under it)."""
    subject = kept.record.get(form.subject_column)
    if subject is not None and conn.execute(
            f"SELECT 1 FROM {quote(form.subject_table)} WHERE uuid = ?", (subject,)).fetchone() \
            is None:
        return "subject", []
    lost = []
    for table, rows in ((kept.table, (kept.record,)), ("photos", kept.photos)):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({quote(table)})")}
        lost += [f"{table}.{c}" for c in dict.fromkeys(c for r in rows for c in r)
                 if c not in have]
    if lost:
        return "columns", lost
    if conn.execute(f"SELECT 1 FROM {quote(kept.table)} WHERE uuid = ?",
                    (kept.record["uuid"],)).fetchone():
        return "record", []
    return None


def delete_record(conn: sqlite3.Connection, form: Form, record_uuid: str) -> int:
    """Delete a saved record and detach its photos, in one transaction (captured, they are
    deleted in the master at the next merge); the number of photos it had. The photos' bytes
    stay: another record may share them."""
    with _transaction(conn):
        n = conn.execute("DELETE FROM photos WHERE record_table = ? AND record_uuid = ?",
                         (form.table, record_uuid)).rowcount
        conn.execute(f"DELETE FROM {quote(form.table)} WHERE uuid = ?", (record_uuid,))
    return n
