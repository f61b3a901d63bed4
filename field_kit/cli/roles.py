# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit roles``: who may change what in field packages, the master's ``sync_roles``
(:mod:`field_kit.sync.registry`), listed, or given and taken back by a supervisor; field
packages take the grants at their next pull."""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3

from .. import errors
from ..db import connect, in_command, table_exists
from ..plan import schema
from ..sync import masters, registry, regrant
from .parsing import Help
from .said import MASTER_HELP, _capture_not_whole, _capture_said, _json_out, _tell, _warn

SPEC = regrant.SPEC


def cmd_roles(a) -> int:
    changes = a.changes or []
    if changes and a.json:
        raise errors.BadInput("--json goes with the listing, not with --grant or --revoke")
    master = a.master if masters.is_postgres(a.master) else _file(a.master)
    if not changes:
        listed = regrant.grants_of(master)
        if a.json:
            _json_out({"master": masters.shown(master), "grants": listed})
        else:
            _print(masters.shown(master), listed)
        # (the grants are the sync's own, right as they are; a change of them is refused)
        _capture_said(master, _capture_not_whole(master), shown=False)
        return errors.OK
    done = regrant.change(master, changes)
    for line in regrant.told(master, done):
        if line.startswith("warning: "):
            _warn([line.removeprefix("warning: ")])
        else:
            _tell(line)
    return errors.OK


def _file(path: str) -> str:
    """A GeoPackage master (or a field package, or the QField project folder holding it)."""
    from ..qfield import package_file
    return package_file(path)


def _print(shown: str, listed: list[dict]) -> None:
    _tell(f"who may change what in the field packages of {shown}: gis, every table")
    granted = [g for g in listed if g["role"] in schema.ROLES and g["role"] != schema.GIS
               and not g["ignored"] and not g["unused"]]
    for role in (r for r in schema.ROLES if r != schema.GIS):
        mine = [g for g in granted if g["role"] == role]
        if not mine:
            _tell(f"{role} may change no table", "  ")
        for tbl in dict.fromkeys(g["table"] for g in mine):
            cols = {(tbl, g["column"]) for g in mine if g["table"] == tbl}
            _tell(f"{role} may change {registry.granted_said(cols)}", "  ")
    for g in listed:  # what grants nothing, each marked
        grant = f"({g['role']}, {g['table']}, {g['column']})"
        if g["ignored"]:
            _tell(f"ignored: {g['ignored']}", "  ")
        elif g["unused"]:
            _tell(f"unused: the plan's default grant {grant}: this master has no table "
                  f"{g['table']}", "  ")
        elif g["role"] == schema.GIS:
            _tell(f"unused: grant {grant} in sync_roles: gis changes every table already", "  ")


def emptied(path) -> bool:
    """Whether the GeoPackage master at ``path`` holds a ``sync_roles`` with no grant."""
    with contextlib.suppress(errors.SyncError, sqlite3.Error, OSError):
        if os.path.isfile(path):
            with contextlib.closing(connect(path, readonly=True)) as conn:
                return (table_exists(conn, "sync_state") and table_exists(conn, "sync_roles")
                        and not registry.roles_held(conn))
    return False


def given_back(path) -> list[str]:
    """What ``init`` run again on a master whose ``sync_roles`` was :func:`emptied` says:
    it put the plan's default grants back (:func:`registry.seed_roles`), and how to take
    them back."""
    with contextlib.closing(connect(path, readonly=True)) as conn:
        back = {(t, c) for r, t, c in registry.roles_held(conn) if r == schema.TECHNICIAN}
    return [f"sync_roles was empty (technicians could change no table), so init gave back "
            f"the plan's default grants: {schema.TECHNICIAN} may change "
            f"{registry.granted_said(back)}; to take them back: field-kit roles "
            f"{in_command(path)} "
            f"--revoke {schema.TECHNICIAN} TABLE"] if back else []


class _Change(argparse.Action):
    """``--grant``/``--revoke`` ROLE SPEC, kept in the order given."""

    def __call__(self, parser, namespace, values, option_string=None):
        namespace.changes = [*(namespace.changes or []), (self.const, *values)]


def register(subparsers) -> None:
    """Add the ``roles`` command to ``field-kit``'s subparsers."""
    help_ = Help("list who may change what in field packages (the master's sync_roles), or "
                 "give and take back a role's grants; packages get them at their next pull",
                 "列出谁可以在外业数据包中修改什么（主库的 sync_roles），或授予、收回某个角色的"
                 "权限；外业数据包在下次拉取时得到这些权限")
    sp = subparsers.add_parser("roles", help=help_, description=help_)
    sp.set_defaults(func=cmd_roles, changes=None)
    sp.add_argument("master", help=MASTER_HELP)
    sp.add_argument("--grant", action=_Change, const=True, nargs=2, metavar=("ROLE", SPEC),
                    help=Help("let ROLE (technician) change the table, or those of its "
                              "columns (may be given several times; all in one transaction)",
                              "允许 ROLE（technician）修改该表，或该表的这些字段（可多次给出；"
                              "全部在一个事务中完成）"))
    sp.add_argument("--revoke", action=_Change, const=False, nargs=2, metavar=("ROLE", SPEC),
                    help=Help("take that back (one column of a table granted whole: its other "
                              "columns stay granted, by name)",
                              "收回上述权限（从整表授予的表中收回一个字段时：其他字段按名称"
                              "保持授予）"))
    sp.add_argument("--json", action="store_true", help=Help(
        "print the listing as one JSON document (keys listed in the README)",
        "以一个 JSON 文档输出列表（键见 README）"))
