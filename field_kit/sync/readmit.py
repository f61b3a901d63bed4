# SPDX-License-Identifier: GPL-2.0-or-later
"""A device registered again in a master restored from a backup made before its checkout.

Such a master holds neither the device nor the key its packages are signed with, and refuses
them (:func:`~field_kit.sync.master_id.before_checkout`). The device's field package holds
both, and records the master it was checked out from (:mod:`~field_kit.sync.master_id`):
where that is this master, by its id and name, :func:`readmit` registers the device again
with the package's own key, checkout and base, nothing of its changes merged yet, so that
its change packages merge as any package brought up to a change the master lacks (field by
field, conflicts recorded). A change package carries no key and cannot be the source.

The master does not know what the package was cut to, nor holds the change it was brought
up to: its pull is refused (:func:`refuse_pull`) until its changes are merged and the device
is checked out again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from ..db import connect, in_command, is_database, must_be_file, transaction
from ..errors import BadInput, Refused
from . import changelog, master_id, registry, subset

READMITTED = "readmitted"  # sync_meta of a master: device -> the checkout registered again


def readmit(master: str | os.PathLike, package: str | os.PathLike,
            master_name: str | None = None, register: bool = True) -> dict:
    """Register in the GeoPackage ``master`` the device of the field package ``package``;
    returns its ``device``, ``role``, ``checkout``, ``base`` and ``already`` (registered
    so before: nothing written). Refused by name: a change package, a package checked out
    from another master or recording none, a device the master holds for another key.
    ``register`` False: the same, nothing written (whether there is anything to ask)."""
    name = os.path.basename(os.fspath(package))
    must_be_file(package)
    if not is_database(package):
        raise BadInput(f"{name}: not a field package: a change package does not carry its "
                       "device's key, which its field package (the .gpkg) holds; nothing was "
                       "registered")
    with contextlib.closing(connect(package, readonly=True)) as conn:
        st = changelog.state(conn)
        came = master_id.recorded(conn)
    if st["kind"] != changelog.PACKAGE:
        raise BadInput(f"{name} is a master, not a field package; nothing was registered")
    here_name = master_name or os.path.basename(os.fspath(master))
    with contextlib.closing(changelog.open_master(master)) as src:
        here = master_id.of_master(src)
        device = st["device"]
        if came is None:
            raise Refused(f"{name}: device {device!r}'s package records no master it was "
                          "checked out from (checked out before the record): it cannot be "
                          "told to be this master's; nothing was registered")
        elsewhere = master_id.elsewhere(came, here_name, here)
        if elsewhere:
            raise Refused(f"{name}: {elsewhere}; nothing was registered: merge its packages "
                          f"into {came[0]}" + master_id.restored_under_another_name(
                              came, here_name, here, os.fspath(master)))
        held = src.execute("SELECT key, checkout_uuid, issued_at FROM sync_devices WHERE "
                           "device = ?", (device,)).fetchone()
        said = {"device": device, "role": st["role"], "checkout": st["checkout_uuid"],
                "base": st["base_seq"], "already": held is not None}
        if held is not None and (held[0], held[1]) != (st["key"], st["checkout_uuid"]):
            raise Refused(f"{name}: this master holds device {device!r} for another checkout "
                          f"and key (checked out {changelog.local_time(held[2])}); nothing was "
                          "registered: its packages are refused, as those of a checkout "
                          "replaced")
        if held is not None or not register:
            return said
        with transaction(src):
            src.execute("INSERT INTO sync_devices (device, role, key, checkout_uuid, "
                        "base_seq, merged_seq, subset, issued_at) VALUES (?, ?, ?, ?, ?, 0, "
                        "NULL, ?)", (device, st["role"], st["key"], st["checkout_uuid"],
                                     st["base_seq"], st["created_at"]))
            again = registry.json_meta(src, READMITTED)
            again[device] = st["checkout_uuid"]
            registry.set_json_meta(src, READMITTED, again)
    return said


def said(got: dict, master: str | os.PathLike, package: str | os.PathLike) -> str:
    """What :func:`readmit` did (``got``), as the command line says it (QGIS says its own
    way on, :mod:`qgis_plugin.readmit_said`)."""
    name, here = os.path.basename(os.fspath(package)), os.path.basename(os.fspath(master))
    if got["already"]:
        return (f"device {got['device']!r} is registered in {here} already, with the key and "
                f"checkout of {name}; nothing was changed: its change packages merge as they "
                f"are (field-kit merge {in_command(os.fspath(master))} PACKAGE)")
    return (f"device {got['device']!r} ({got['role']}) registered again in {here} from "
            f"{name}, with its key, checkout and base (seq {got['base']}): its change packages "
            f"merge now (field-kit merge {in_command(os.fspath(master))} PACKAGE; field-kit "
            f"export {in_command(os.fspath(package))} ALL.zip --all sends all its changes), "
            "and its pull is refused until they are merged and the device is checked out "
            "again (checkout --replace)")


def refuse_pull(src: sqlite3.Connection, conn: sqlite3.Connection, package, st: dict,
                master_typed: str) -> None:
    """Refuse the pull of a package (``conn``) whose device :func:`readmit` registered: the
    master knows neither its cut nor the master state it was brought up to (the cut said
    again is the package's own record of it; ``master_typed``: the master as a command names
    it)."""
    if _readmitted(src, st):
        raise Refused(
            f"{package}: device {st['device']!r} was registered again in this master "
            "(field-kit readmit), which knows neither what its package was cut to nor the "
            "master it was brought up to; nothing was pulled: " + master_id.check_out_again(
                in_command(os.fspath(package)), st["device"], master_typed, st["role"],
                cut_options(src, conn, st)))


def _readmitted(src: sqlite3.Connection, st: dict) -> bool:
    return registry.json_meta(src, READMITTED).get(st["device"]) == st["checkout_uuid"]


def cut_options(src: sqlite3.Connection, conn: sqlite3.Connection, st: dict) -> str | None:
    """The options of ``field-kit checkout`` that cut the package ``conn`` of state ``st``
    as it was: as the master ``src`` holds its checkout, else as the package recorded it
    (None: neither knows it, a package checked out before the record from a master that
    lacks its checkout or registered its device again)."""
    held = src.execute("SELECT 1 FROM sync_devices WHERE device = ? AND checkout_uuid = ?",
                       (st["device"], st["checkout_uuid"])).fetchone()
    if held is None or _readmitted(src, st):
        own = subset.package_cut(conn)
        return None if own is None else subset.as_options(own)
    return subset.as_options(subset.device_subset(src, st["device"]))


__all__ = ["READMITTED", "cut_options", "readmit", "refuse_pull", "said"]
