# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit readmit``: a device a master restored from a backup lost, registered again
from its field package (:mod:`field_kit.sync.readmit`), so that its changes merge."""

from __future__ import annotations

from .. import errors
from ..sync import masters, readmit
from .parsing import Help, command
from .said import _package, _tell


def cmd_readmit(a) -> int:
    package = _package(a.package)
    _tell(readmit.said(masters.readmit(a.master, package), a.master, package))
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
