# SPDX-License-Identifier: GPL-2.0-or-later
"""The three sync actions the app offers, over the sync core (``changelog``, ``package_export``,
``merge``): how many changes wait, export them to a folder (a USB stick), take an updated
master. Kept in one small module so the app does not depend on the core's inner names."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..db import connect, in_command, table_exists
from ..errors import BadInput, SyncError
from ..forms.definitions import BY_TABLE
from ..qfield import project_folder
from ..sync import changelog, cut_short, log_reads, package_export, registry, waiting_edits
from ..sync.pull import not_brought_said, undone_said

# what the app's forms fill: their record tables, and the photos taken in them
FORM_TABLES = frozenset(BY_TABLE) | {"photos"}


def package_state(gpkg) -> dict | None:
    """The package's sync state (kind, device, role, ...), or None for a plain GeoPackage."""
    conn = connect(gpkg, readonly=True)
    try:
        return changelog.state(conn) if changelog.is_installed(conn) else None
    finally:
        conn.close()


class NotAPackage(BadInput):
    """A master, or a file with no change capture, given where a field package is wanted:
    said for what it is, first."""


def refuse_not_a_package(gpkg) -> None:
    """Refuse a file that is no field package: a master (a record typed would go straight
    into it, past every check of a merge), or a GeoPackage without change capture (nothing
    typed would ever be sent). A file no GeoPackage at all is refused on opening it."""
    state = package_state(gpkg)
    if state is None:  # what the file is, as the command line says it, leads
        said = changelog.no_capture(os.fspath(gpkg))
        raise NotAPackage(said.message, said.zh)
    if state["kind"] != changelog.PACKAGE:
        raise NotAPackage(f"{gpkg} is the master, not a field package; open a package made "
                          f"from it by checkout: field-kit checkout "
                          f"{in_command(os.fspath(gpkg))} OUT.gpkg --device NAME")


def granted_without_form(gpkg) -> dict[str, set[str]]:
    """The layers of the package its role may change that the app has no form for (a
    bureau's own record layer granted in the master's ``sync_roles``), each with the
    columns granted (``*``: every one). Empty for GIS staff, who may change every layer and
    edit in QGIS, nor for a file that is no field package."""
    conn = connect(gpkg, readonly=True)
    try:
        got = role_grants(conn)
        if got is None:
            return {}
        # (a grant naming no table of the package gives nothing to edit: the sync names it)
        return {tbl: cols for tbl, cols in sorted(got[1].items())
                if tbl not in FORM_TABLES and table_exists(conn, tbl)}
    finally:
        conn.close()


def _package_role(conn: sqlite3.Connection) -> str | None:
    """The role of a field package; None for a master, a file without change capture."""
    if not changelog.is_installed(conn):
        return None
    st = changelog.state(conn)
    return st["role"] if st["kind"] == changelog.PACKAGE else None


def role_grants(conn: sqlite3.Connection) -> tuple[str, dict[str, set[str]]] | None:
    """(role, its grants) of a field package; None where everything may be changed (GIS
    staff's package, a master, a file without change capture)."""
    try:
        role = _package_role(conn)
        allowed = None if role is None else registry.grants(conn, role)
    except (SyncError, sqlite3.Error):
        return None
    return None if allowed is None or role is None else (role, allowed)


def grants_held(conn: sqlite3.Connection) -> tuple[str, set[tuple[str, str]]] | None:
    """(role, its grants (table, column)) of a field package as a pull compares them with
    the master's: its ``sync_roles``, less the grants naming nothing; None for a file that
    is no field package."""
    try:
        role = _package_role(conn)
        if role is None:
            return None
        void = set(registry.ignored_grants(conn))
        return role, {(t, c) for r, t, c in registry.roles_held(conn) - void if r == role}
    except (SyncError, sqlite3.Error):
        return None


def capture_problems(gpkg) -> list[str]:
    """What is not whole in the package's change capture (empty when all is well)."""
    from ..sync import drift
    conn = connect(gpkg, readonly=True)
    try:
        return [str(d) for d in drift.broken(drift.find(conn))]
    finally:
        conn.close()


def clock_said(gpkg) -> list[str]:
    """Warnings of this device's clock reading before the package was checked out, and of
    the edits dated so (:func:`field_kit.sync.device_clock.said`); none where it cannot be
    read (said elsewhere)."""
    from ..sync import device_clock
    try:
        conn = connect(gpkg, readonly=True)
        try:
            return device_clock.said(conn)
        finally:
            conn.close()
    except (SyncError, sqlite3.Error, OSError):
        return []


def changes_waiting(gpkg) -> int:
    """Local changes not yet exported (0 for a file without change capture)."""
    conn = connect(gpkg, readonly=True)
    try:
        if not changelog.is_installed(conn):
            return 0
        st = changelog.state(conn)
        return log_reads.pending(conn) if st["kind"] == changelog.PACKAGE else 0
    finally:
        conn.close()


def waiting_on_dropped_layers(gpkg) -> dict[str, int]:
    """Layer -> the records whose edits waiting a merge refuses, the package's last pull
    having found the layer dropped from the master (none in a file without change capture)."""
    conn = connect(gpkg, readonly=True)
    try:
        if not changelog.is_installed(conn):
            return {}
        return {tbl: sum(len(rows) for rows in reasons.values())
                for tbl, reasons in waiting_edits.on_dropped_layers(conn).items()}
    finally:
        conn.close()


def waiting(gpkg) -> tuple[int, int, int]:
    """(changes not exported yet, how many of them add and delete again rows never sent,
    how many delete rows and put them back: the master gets each such row's insert and
    delete, which change nothing there)."""
    conn = connect(gpkg, readonly=True)
    try:
        if not changelog.is_installed(conn):
            return 0, 0, 0
        st = changelog.state(conn)
        if st["kind"] != changelog.PACKAGE:
            return 0, 0, 0
        n = log_reads.pending(conn)
        if not n:
            return 0, 0, 0
        ops: dict[str, list[str]] = {}
        for row, op in conn.execute(
                f"SELECT row_uuid, op FROM ({log_reads.log_sql(conn)}) WHERE seq > ? AND "
                "origin = 'local' ORDER BY seq", (st["exported_seq"],)):
            ops.setdefault(row, []).append(op)
        void = sum(len(o) for o in ops.values() if o[0] == "insert" and o[-1] == "delete")
        # (a row deleted, then put back by Undo delete: the delete and its insert again)
        back = sum(2 * sum(1 for a, b in zip(o, o[1:]) if a == "delete" and b == "insert")
                   for o in ops.values() if not (o[0] == "insert" and o[-1] == "delete"))
        return n, min(void, n), min(back, n - min(void, n))
    finally:
        conn.close()


def export_changes(gpkg, folder, everything: bool = False,
                   progress: Callable[[int, int], None] | None = None
                   ) -> tuple[Path | None, dict]:
    """Write a change package into ``folder``, named by device and time so exports never
    overwrite each other; return (its path, or None when nothing waited, manifest).
    ``everything``: all local changes since checkout again (to replace a lost package;
    merging them twice changes nothing); ``progress(written, pictures)`` as each picture
    is written."""
    st = package_state(gpkg) or {}
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{st.get('device') or 'device'}-{stamp}"
    out = Path(folder) / f"{name}.zip"
    n = 1
    while out.exists():  # (two exports within one second: the first is kept)
        n += 1
        out = Path(folder) / f"{name}-{n}.zip"
    try:
        manifest = package_export.export(gpkg, out, everything=everything, progress=progress)
    except BaseException:
        # a stick that filled up keeps no half-written package to be taken for a whole one
        for part in (f"{out}.part", f"{out}.part.db"):
            with contextlib.suppress(OSError):
                os.remove(part)
        raise
    if not manifest["counts"]["changes"]:
        return None, manifest
    manifest["photos_added"], manifest["photos_removed"] = _photos_sent(gpkg, manifest)
    return out, manifest


# what an export the app did not see end had done: its file whole and noted as sent, whole
# but not noted (sent again next time), or not whole
EXPORT_ENDED, EXPORT_UNNOTED, EXPORT_CUT = cut_short.ENDED, cut_short.UNNOTED, cut_short.CUT


def export_cut_short(gpkg) -> dict | None:
    """An export the package was stopped in (the app killed, the power gone), found as the
    package is opened again and forgotten then: ``zip`` (the file it was writing),
    ``started``, what it had done (``ended``, ``unnoted``, ``cut``) and, when cut,
    ``removed``: whether its unfinished file was found and removed (the USB stick may not
    be in). None when every export ended in sight."""
    return cut_short.settle_file(gpkg)


def _photos_sent(gpkg, manifest: dict) -> tuple[int, int]:
    """The photos the export carries as the master will hold them once merged: added,
    taken off (one picture on two records is two photos, its bytes stored once; a photo
    deleted and put back is one photo, or none at all, added and deleted again)."""
    conn = connect(gpkg, readonly=True)
    try:
        ops: dict[str, list[str]] = {}
        for row, op in conn.execute(
                "SELECT row_uuid, op FROM sync_changes WHERE seq BETWEEN ? AND ? AND origin = "
                "'local' AND tbl = 'photos' ORDER BY seq",
                (manifest.get("seq_from") or 0, manifest.get("seq_to") or 0)):
            ops.setdefault(row, []).append(op)
    finally:
        conn.close()
    added = sum(1 for o in ops.values() if o[0] == "insert" and o[-1] != "delete")
    removed = sum(1 for o in ops.values() if o[0] != "insert" and o[-1] == "delete")
    return added, removed


def last_export(gpkg) -> Path | None:
    """Whether the package has been exported before (then 'export again' makes sense): a
    stand-in path, or None. Reads only."""
    try:
        st = package_state(gpkg) or {}
    except Exception:  # noqa: BLE001 - a file that cannot be read has no export to redo
        return None
    return Path(gpkg) if st.get("exported_seq") else None


def pull_update(gpkg, master) -> dict:
    """Bring the updated master into the package, keeping unsent edits; counts by status,
    ``brought``: rows brought whole because the master moved them into the package's area;
    for a QField project's package, ``photos`` written to its folder, ``zip`` written again
    and ``problems``: what could not be done (as the command says it)."""
    done = project_folder.pull(gpkg, master)
    # conflicts: those left open (the package's own value kept against the master's)
    # fields: values written into records the package held; kept: the conflicts met, each
    # (table, row, field, the package's value kept, the master's); undone: (what is said,
    # the values) of the device's values the master holds no more, a merge undone since
    return {**done.result.counts, "conflict": done.result.conflicts,
            "fields": len(done.result.fields_in), "fields_in": done.result.fields_in,
            "kept": done.result.kept,
            "brought": len(done.result.brought), "replaced": done.result.replaced,
            "undone": undone_said(done.result),
            "resent": done.result.resent, "given_up": done.result.given_up,
            "gave_way": [line for g in done.result.gave_way for line in g.said()],
            "rows": done.result.rows_settled,
            "closed": done.result.closed, "dropped": done.result.dropped,
            "grants": done.result.grants,
            "not_brought": not_brought_said(done.result),
            "photos": len(done.photos), "zip": done.zip,
            "problems": done.warnings + done.problems}
