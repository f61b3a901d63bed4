# SPDX-License-Identifier: GPL-2.0-or-later
"""Writing an import plan into the master: one transaction, refused while it has errors.

Rows are written with plain SQL; the change log's triggers record each insert, update and
delete with the master's device, as for any other edit; in a master they are then logged as
the import's (origin ``import:<file name>``), so that history says where they came from.
"""

from __future__ import annotations

import os
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import db, errors
from ..bilingual import counted
from ..plan import schema
from ..sync import changelog, conflicts, log_reads, project_figures
from . import mapping as mapmod

Progress = Callable[[float], None]
ORIGIN = conflicts.IMPORTED


@dataclass
class ImportResult:
    updated: int = 0
    inserted: int = 0
    deleted: int = 0
    unchanged: int = 0
    missing_kept: int = 0
    mapping_saved: bool = False
    seq_from: int | None = None  # the change log's rows written by this import
    seq_to: int | None = None
    in_package: bool = False  # written into a GIS field package, not the master
    # the figures of a project its patches hold unlike once written (warned of, as a merge
    # warns of them: project_figures.Apart)
    apart: list = field(default_factory=list)

    @property
    def written(self) -> bool:
        return bool(self.updated or self.inserted or self.deleted)


class Invalid(errors.SyncError):
    """An import refused because its validation report has errors; nothing was written."""

    exit_code = getattr(errors, "INVALID", errors.REFUSED)


def apply_import(master: str | os.PathLike, plan, *, delete_missing: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Write a plan in one transaction; refuse (nothing written) if it has errors.
    ``progress(fraction)`` hears how far it got, the last time before the commit: raising
    from it (a cancel) writes nothing."""
    tick = progress or (lambda f: None)
    if plan.has_errors:
        raise Invalid(f"the import has {counted(len(plan.errors), 'error')} and was not written; "
                      "the master is unchanged")
    doomed = [m for m in plan.missing if m.deletable] if delete_missing else []
    res = ImportResult(unchanged=len(plan.unchanged),
                       missing_kept=len(plan.missing) - len(doomed))
    conn = db.connect(master)
    try:
        refuse_technician(conn, master)
        st = changelog.state(conn)
        res.in_package = st["kind"] == changelog.PACKAGE
        q = db.quote(plan.layer)
        work = len(plan.updates) + len(plan.inserts) + len(doomed)
        done = 0
        with db.transaction(conn):
            if log_reads.last_seq(conn) != plan.base_seq:
                raise errors.Refused("the master changed since this import was planned: "
                                     "plan it again")
            # the master's own edits not logged yet are logged as its own, before the import's
            labelled = st["kind"] == changelog.MASTER
            if labelled:
                changelog.seal(conn)
            before = log_reads.last_seq(conn)
            for ch in plan.updates:
                cols = list(ch.values)
                cur = conn.execute(
                    f"UPDATE {q} SET {', '.join(db.quote(c) + ' = ?' for c in cols)} "
                    "WHERE uuid = ?", [ch.values[c] for c in cols] + [ch.uuid])
                if cur.rowcount != 1:
                    raise errors.Refused(f"row {ch.uuid} ({ch.key}) is no longer in the master")
                res.updated += 1
                done += 1
                if done % 50 == 0:
                    tick(done / max(1, work))
            figured = [ch.uuid for ch in plan.updates if _figures(ch.values)]
            for ch in plan.inserts:
                vals = {"uuid": str(uuidlib.uuid4()), **ch.values}
                if _figures(vals):
                    figured.append(vals["uuid"])
                conn.execute(f"INSERT INTO {q} ({', '.join(db.quote(c) for c in vals)}) "
                             f"VALUES ({', '.join('?' for _ in vals)})", list(vals.values()))
                res.inserted += 1
                done += 1
                if done % 50 == 0:
                    tick(done / max(1, work))
            for m in doomed:
                res.deleted += conn.execute(f"DELETE FROM {q} WHERE uuid = ?",
                                            (m.uuid,)).rowcount
            if res.written:
                _touch_contents(conn, plan.layer)
            if plan.layer == project_figures.TABLE:
                res.apart = project_figures.of_patches(conn, figured + _alike(conn, plan))
            res.mapping_saved = mapmod.save(conn, plan.source_key, plan.layer, plan.mapping)
            after = log_reads.last_seq(conn)
            if after > before:
                res.seq_from, res.seq_to = before + 1, after
                if labelled:
                    _label(conn, before, f"{ORIGIN}:{Path(plan.source).name}")
            tick(1.0)  # (the last word before the commit: raising here writes nothing)
        return res
    finally:
        conn.close()


def _figures(values: dict) -> bool:
    """Whether a row's values written set its project or a figure of its project."""
    return any(c in values for c in ("project_uuid", *project_figures.PROJECT_COLUMNS))


def _alike(conn, plan) -> list[str]:
    """The patches (uuids) the source gives a project or a project's figure, as the master
    holds them already (nothing to write on them)."""
    if not {"project_id", *project_figures.PROJECT_COLUMNS} & set(plan.mapping.values()):
        return []
    codes = sorted(set(plan.unchanged))
    return [u for part in db.chunks(codes) for (u,) in conn.execute(
        f"SELECT uuid FROM {db.quote(plan.layer)} WHERE patch_code IN {db.marks(len(part))}",
        part)]


def apart_if_written(master: str | os.PathLike, plan) -> list:
    """The figures of a project its patches would hold unlike once ``plan`` is written
    (:class:`project_figures.Apart`), nothing written: a dry run, and a run with nothing to
    write (the patches may disagree still), warn of them as an import writing them does."""
    if plan.layer != project_figures.TABLE or plan.has_errors:
        return []
    written = [(ch.uuid, ch.values) for ch in plan.updates if _figures(ch.values)]
    written += [(None, ch.values) for ch in plan.inserts if _figures(ch.values)]
    conn = db.connect(master, readonly=True)
    try:
        return project_figures.if_written(conn, written + [(u, {}) for u in _alike(conn, plan)])
    finally:
        conn.close()


def refuse_technician(conn, master: str | os.PathLike) -> None:
    """Refuse an import into a technician's field package: its plan layers are the master's
    (a technician records verifications); said before anything is read or planned."""
    if not changelog.is_installed(conn):
        return
    st = changelog.state(conn)
    if st["kind"] == changelog.PACKAGE and st["role"] == schema.TECHNICIAN:
        raise errors.Refused(
            f"{master} is a technician's field package: it cannot change plan layers; "
            "import into the master (nothing was written)",
            f"{master} 是技术员的外业数据包，不能修改规划图层：请导入主库（未写入任何内容）")


def _label(conn, before: int, origin: str) -> None:
    """Log the edits after seq ``before`` as the import's. (Only in a master: a field
    package sends the master its own edits, ``local``, and the import's are among them.)"""
    changelog.seal(conn)
    conn.execute("UPDATE sync_changes SET origin = ? WHERE seq > ? AND origin = 'local'",
                 (origin, before))


def _touch_contents(conn, layer: str) -> None:
    """Keep gpkg_contents' date and extent right, as GDAL does when it writes."""
    ext = conn.execute(f"SELECT min(ST_MinX(geom)), min(ST_MinY(geom)), max(ST_MaxX(geom)), "
                       f"max(ST_MaxY(geom)) FROM {db.quote(layer)}").fetchone()
    conn.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                 + (", min_x = ?, min_y = ?, max_x = ?, max_y = ?" if ext[0] is not None else "")
                 + " WHERE table_name = ?", (*(ext if ext[0] is not None else ()), layer))
