# SPDX-License-Identifier: GPL-2.0-or-later
"""The checkouts ``checkout --replace`` retired, as the master keeps them (its ``sync_meta``,
never a package's): a change package of one that turns up later (a lost tablet found) is
refused saying so, when it was replaced and what to do with its changes, not as forged."""

from __future__ import annotations

import hashlib
import hmac
import sqlite3

from ..bilingual import counted, them
from . import changelog, registry

REPLACED = "replaced_checkouts"  # device -> [{checkout, key, issued_at, replaced_at}]


def keep(src: sqlite3.Connection, device: str) -> None:
    """Note ``device``'s checkout the master holds now, about to be replaced (in the
    transaction that registers the new one)."""
    row = src.execute("SELECT checkout_uuid, key, issued_at FROM sync_devices WHERE device = ?",
                      (device,)).fetchone()
    if row is None:
        return
    kept = registry.json_meta(src, REPLACED)
    kept.setdefault(device, []).append({"checkout": row[0], "key": row[1], "issued_at": row[2],
                                        "replaced_at": changelog.now()})
    registry.set_json_meta(src, REPLACED, kept)


def refusal(master: sqlite3.Connection, name: str, manifest: dict, body: bytes, sig: str,
            same_master: bool) -> str | None:
    """Why a change package whose signature the device's present key refuses cannot be
    merged, where it is of a checkout of the device that ``checkout --replace`` retired:
    one the master kept, signed by its key; or, the master keeping none for the device
    (replaced before it kept them), one that records this master (``same_master``) and
    another checkout than the present one. None otherwise."""
    device = manifest["device"]
    now = master.execute("SELECT checkout_uuid, issued_at FROM sync_devices WHERE device = ?",
                         (device,)).fetchone()
    if now is None or manifest.get("checkout") == now[0]:
        return None
    kept = registry.json_meta(master, REPLACED).get(device, [])
    was = next((k for k in kept if k.get("checkout") == manifest.get("checkout")), None)
    if was is not None:
        good = hmac.new(bytes.fromhex(was["key"]), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, good):
            return None
        said = (f"from device {device!r}'s checkout of {changelog.local_time(was['issued_at'])}"
                f", replaced by checkout --replace on {changelog.local_time(was['replaced_at'])}")
    elif not kept and same_master:
        said = (f"from an earlier checkout of device {device!r}, replaced by checkout "
                f"--replace on {changelog.local_time(now[1])} (replaced before this master "
                "kept the checkouts it replaced: its signature cannot be checked)")
    else:
        return None
    seqs = f"seq {manifest.get('seq_from')} to {manifest.get('seq_to')}"
    n = manifest["counts"]["changes"]
    return (f"{name}: {said}: its {counted(n, 'change')} ({seqs}) cannot "
            f"be merged; re-enter {them(n)} in the device's present package or in the master: "
            "field-kit log on the old package lists each with its row and fields")


__all__ = ["REPLACED", "keep", "refusal"]
