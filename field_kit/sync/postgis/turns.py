# SPDX-License-Identifier: GPL-2.0-or-later
"""One device's packages, merged by sessions at once, merge in the order of its changes.

A merge locks each device its packages come from until it commits (merges of one device
run one after the other; the stage is made once the locks are held, so it holds what the
device's earlier merge added), and claims the changes each package holds, by the device and
the package's last seq, from its first statement. A package refused because its device's
earlier changes are not merged yet (:class:`~field_kit.errors.Behind`) is not refused where
another session claims them: the merge rolls back, waits for that session to end (said as
any lock it waits for is said, :mod:`.waiting`) and runs again."""

from __future__ import annotations

import os

from ..package_manifest import said_manifest
from . import address, waiting

# (by schema: each county names its devices itself, and one database's advisory locks are
# shared)
_DEVICE = "hashtext('toksun:' || quote_ident(current_schema()) || ':' || %s)"
_SEQ_MAX = 2**31 - 1  # a claim's seq is the second key of a two-key advisory lock (int4)


def _claims(packages: list) -> list[tuple[str, int]]:
    """(device, last seq) of each package holding changes, read unchecked (only to pick the
    locks: the merge checks each package in full)."""
    out = set()
    for m in map(said_manifest, packages):
        last = (m or {}).get("seq_to")
        if m and m.get("device") is not None and isinstance(last, int) and last > 0:
            out.add((str(m["device"]), min(last, _SEQ_MAX)))
    return sorted(out)


def take(pg, packages: list) -> None:
    """Claim the changes of ``packages`` and lock their devices, in ``pg``'s transaction:
    waits while another merge of one of the devices runs."""
    claims = _claims(packages)
    devices = sorted({str(m["device"]) for m in map(said_manifest, packages)
                      if m and m.get("device") is not None})
    with pg.cursor() as cur:
        for device, last in claims:
            cur.execute(f"SELECT pg_advisory_xact_lock_shared({_DEVICE}, %s)", (device, last))
        for device in devices:
            cur.execute(f"SELECT pg_advisory_xact_lock({_DEVICE})", (device,))


def merging(pg, behind: list) -> list[tuple[str, str, int, int, int]]:
    """Of the packages ``behind`` (:attr:`~field_kit.sync.merge.MergeReport.behind`), those
    whose device's earlier changes another session is merging: (package path, device, first
    seq, last seq, the seq that session claims), one a claim."""
    out = []
    with pg.cursor() as cur:
        for path, device, first, last in behind:
            cur.execute("SELECT DISTINCT l.objid::bigint FROM pg_locks l WHERE l.locktype = "
                        "'advisory' AND l.objsubid = 2 AND l.granted AND l.pid <> "
                        "pg_backend_pid() AND l.database = (SELECT oid FROM pg_database WHERE "
                        f"datname = current_database()) AND l.classid = {_DEVICE}::oid AND "
                        "l.objid::bigint BETWEEN %s AND %s ORDER BY 1",
                        (device, first, min(last, _SEQ_MAX)))
            out += [(path, device, first, last, seq) for (seq,) in cur.fetchall()]
    return out


def wait(target: str, claimed: list[tuple[str, str, int, int, int]]) -> None:
    """Wait until the sessions merging the ``claimed`` changes (:func:`merging`) have
    committed or rolled back, saying so (:func:`waiting.tell`)."""
    for path, device, first, last, _ in claimed:
        waiting.tell(f"{address.shown(target)}: {os.path.basename(path)}: the earlier changes "
                     f"of device {device!r} (seq {first} to {last}) are being merged by another "
                     "session: waiting for that merge to end, then merging this package")
    pg = address.connect(target)
    try:
        with address.transaction(target, pg), waiting.said(target, pg):
            with pg.cursor() as cur:
                for _, device, _, _, seq in claimed:
                    cur.execute(f"SELECT pg_advisory_xact_lock({_DEVICE}, %s)", (device, seq))
            pg.rollback()
    finally:
        pg.close()


__all__ = ["take", "merging", "wait"]
