# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync commands on a PostgreSQL master: each runs the one sync core on a stage
(:mod:`field_kit.sync.postgis.stage`) inside one PostgreSQL transaction."""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from collections.abc import Iterator

from ...db import connect
from ...errors import Busy, Refused, SyncError
from .. import merge as sync_merge
from . import address
from .stage import staged

RETRIES = 5  # a deadlock with an editor, or a row two merges bring in at once, is tried again


def _retrying(run):
    """Run ``run(pg)`` in a transaction, tried again (up to RETRIES times) where PostgreSQL
    rolled it back whole because another transaction got there first: a deadlock, a
    serialisation failure, or a row uuid another merge inserted meanwhile (a row lock cannot
    hold a row that is not there yet; tried again, the merge finds that row and meets it
    three-way). Any other rule of the database a merged value breaks refuses the merge."""
    import psycopg2
    import psycopg2.errors

    def raced(exc: Exception) -> bool:
        if isinstance(exc, (psycopg2.errors.DeadlockDetected,
                            psycopg2.errors.SerializationFailure)):
            return True
        detail = getattr(getattr(exc, "diag", None), "message_detail", None) or ""
        return isinstance(exc, psycopg2.errors.UniqueViolation) and \
            detail.startswith("Key (uuid)=")

    def go(target: str):
        pg = address.connect(target)
        try:
            for attempt in range(RETRIES):
                committing = False
                try:
                    out = run(pg)
                    committing = True
                    pg.commit()
                    return out
                except psycopg2.Error as exc:
                    if address.lost(pg, exc):
                        raise address.connection_lost(target, exc,
                                                      committing=committing) from None
                    pg.rollback()
                    if not raced(exc):
                        raise _refused(exc) from None
                    if attempt == RETRIES - 1:
                        raise Busy(f"{target}: in use (other transactions came first "
                                   f"{RETRIES} times); nothing was changed: run it again"
                                   ) from None
                except BaseException:
                    if not pg.closed:
                        pg.rollback()
                    raise
        finally:
            pg.close()
    return go


def _refused(exc: BaseException) -> Refused:
    return Refused(f"the database refused it: {str(exc).strip()}; nothing was changed")


def _devices(packages: list) -> list[str]:
    """The devices the packages say they come from (read unchecked, only to pick the locks:
    the merge checks each package in full)."""
    out = set()
    for path in packages:
        with contextlib.suppress(Exception), zipfile.ZipFile(path) as zf:
            out.add(str(json.loads(zf.read("manifest.json")).get("device")))
    return sorted(out)


def merge(target: str, packages: list, **kwargs) -> sync_merge.MergeReport:
    """:func:`field_kit.sync.merge.merge` into a PostgreSQL master: only the rows the
    packages touch are staged, locked until the merge commits. Merges of different devices
    run side by side; two of one device's packages merge one after the other."""
    def run(pg):
        with staged(pg) as st:
            with pg.cursor() as cur:
                for device in _devices(packages):
                    cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                                (f"toksun:{device}",))
            st.without_spatial_index()
            st.copy_small()

            def fill(conn) -> None:
                changes = [c for (c,) in conn.execute("SELECT DISTINCT change FROM incoming")]
                st.copy_rows(conn.execute("SELECT DISTINCT tbl, row FROM incoming").fetchall(),
                             changes)
                st.align_geometry()
                st.snapshot()

            report = sync_merge.merge_into(st.conn, packages, before_apply=fill, **kwargs)
            if report.results:
                st.write_back(locked=True)
            return report
    return _retrying(run)(target)


@contextlib.contextmanager
def master_file(target: str | os.PathLike, *, needs: str, write: bool = False,
                **args) -> Iterator[str]:
    """The path of a GeoPackage master for ``target``: itself, or for a PostgreSQL master a
    stage holding what the command ``needs`` (:meth:`Stage.copy_for`). With ``write``, what
    the command changed in the stage is written back in one transaction (refused as "in use"
    where the database changed meanwhile)."""
    if not address.is_postgres(target):
        yield os.fspath(target)
        return
    pg = address.connect(str(target))
    path = None
    try:
        with staged(pg) as st:
            path = st.path
            st.copy_for(needs, **args)
            if write:
                st.snapshot()
            st.conn.close()  # the command opens the file itself
            yield st.path
            if write:
                st.conn = connect(st.path)
                st.write_back()
                pg.commit()
    except BaseException as exc:
        if address.lost(pg, exc):
            raise address.connection_lost(str(target), exc) from None
        if not pg.closed:
            pg.rollback()
        if type(exc).__module__.startswith("psycopg2"):  # a rule of the database, by name
            raise _refused(exc) from None
        if isinstance(exc, SyncError) and path and path in exc.message:
            from ..masters import shown  # the master as the user knows it, not its stage
            exc.message = exc.message.replace(path, shown(target))
            exc.args = (exc.message,)
        raise
    finally:
        pg.close()
