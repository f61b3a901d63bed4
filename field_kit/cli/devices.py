# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit readmit``: a device a master restored from a backup lost, registered again
from its field package (:mod:`field_kit.sync.readmit`), so that its changes merge."""

from __future__ import annotations

import os

from .. import errors
from ..sync import masters, readmit
from .parsing import Help, command
from .said import _package, _tell


def cmd_readmit(a) -> int:
    if masters.is_postgres(a.master):
        raise errors.Refused(
            f"{masters.shown(a.master)}: readmit registers a device again in a GeoPackage "
            "master only, not in a PostgreSQL one; nothing was registered: check the device "
            "out again (field-kit checkout MASTER NEW.gpkg --device DEVICE, cut as before) "
            "and enter its changes again in NEW.gpkg (field-kit log FIELD_PACKAGE lists them)")
    package = _package(a.package)
    got = readmit.readmit(a.master, package)
    name, master = os.path.basename(package), os.path.basename(os.fspath(a.master))
    if got["already"]:
        _tell(f"device {got['device']!r} is registered in {master} already, with the key and "
              f"checkout of {name}; nothing was changed")
        return errors.OK
    _tell(f"device {got['device']!r} ({got['role']}) registered again in {master} from "
          f"{name}, with its key, checkout and base (seq {got['base']}): its change packages "
          "merge now (field-kit merge MASTER PACKAGE; field-kit export FIELD_PACKAGE ALL.zip "
          "--all sends all its changes), and its pull is refused until they are merged and "
          "the device is checked out again (checkout --replace)")
    return errors.OK


def register(subparsers) -> None:
    """Add the ``readmit`` command to ``field-kit``'s subparsers."""
    sp = command(subparsers, "readmit", cmd_readmit, Help(
        "register again, in a master restored from a backup made before its checkout, the "
        "device of a field package checked out from this master, so that its changes merge",
        "在从该设备签出之前的备份恢复的主库中，用从此主库签出的外业数据包重新登记该设备，"
        "以便合并其修改"))
    sp.add_argument("master")
    sp.add_argument("package", metavar="FIELD_PACKAGE", help=Help(
        "the device's field package (it holds the device's key; a change package does not), "
        "or the QField project folder holding it",
        "该设备的外业数据包（其中有该设备的密钥，修改包中没有），或包含它的 QField 项目文件夹"))
