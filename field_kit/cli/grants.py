# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit grants``: what GIS staff editing a PostgreSQL master in QGIS are given
(:mod:`field_kit.sync.postgis.roles`), given or taken back by a supervisor, or printed for
psql."""

from __future__ import annotations

from .. import errors
from ..sync import masters
from .parsing import Help
from .said import _tell, _warn


def cmd_grants(a) -> int:
    from ..sync.postgis import roles
    if not masters.is_postgres(a.master):
        raise errors.BadInput("grants are for a PostgreSQL master: a GeoPackage master has no "
                              "database roles (what each role may change in field packages is "
                              "in its sync_roles)")
    layers = [n.strip() for n in a.layers.split(",") if n.strip()] if a.layers else None
    if a.revoke:
        return _take_back(a, layers)
    given = roles.give_editor(a.master, a.editor, layers, give=not a.print)
    if a.print:
        for statement in given.statements:
            print(f"{statement};")
        return errors.OK
    _tell(f"{a.editor} given the editors' grants on {masters.shown(a.master)}: reads every "
          f"table, edits {', '.join(given.layers) or 'none'}")
    if given.unreadable:
        _warn([f"{a.editor} cannot read {', '.join(given.unreadable)}: only its owner can "
               "give that (make it the schema owner's: ALTER TABLE ... OWNER TO the role "
               "owning the schema, then run grants again)"])
    return errors.OK


def _take_back(a, layers: list[str] | None) -> int:
    """``grants --revoke``: what the editors' grants gave ``a.editor`` taken back, and said."""
    from ..sync.postgis import roles
    taken = roles.take_back_editor(a.master, a.editor, layers, take=not a.print)
    if a.print:
        for statement in taken.statements:
            print(f"{statement};")
        return errors.OK
    master = masters.shown(a.master)
    if taken.every and not (taken.layers or taken.reads):
        _tell(f"{a.editor} holds none of the editors' grants on {master}; nothing was taken back")
    elif taken.every:
        _tell(f"{a.editor} no longer holds the editors' grants on {master}: took back reading "
              f"its tables and editing {', '.join(taken.layers) or 'none'}")
    elif not taken.layers:
        _tell(f"{a.editor} was not given {', '.join(taken.not_given)} to edit on {master}; "
              "nothing was taken back")
    else:
        still = f"; still edits {', '.join(taken.still)}" if taken.still else ""
        _tell(f"{a.editor} no longer edits {', '.join(taken.layers)} on {master}{still}")
        if taken.not_given:
            _tell(f"{a.editor} was not given {', '.join(taken.not_given)} to edit: nothing to "
                  "take back there", "  ")
    if taken.elsewhere:
        _warn([f"{a.editor} may still edit {', '.join(taken.elsewhere)}: given through PUBLIC "
               "or a role it is a member of, not by the editors' grants; take it back there"])
    return errors.OK


def register(subparsers) -> None:
    """Add the ``grants`` command to ``field-kit``'s subparsers."""
    help_ = Help("give a database role what GIS staff editing a PostgreSQL master in QGIS "
                 "need (read every table, edit the layers), as a supervisor, or take it back "
                 "(--revoke); or print the statements",
                 "由主管授予一个数据库角色 GIS 人员在 QGIS 中编辑 PostgreSQL 主库所需的权限"
                 "（读取所有表、编辑图层），或收回这些权限（--revoke）；或打印相应的语句")
    sp = subparsers.add_parser("grants", help=help_, description=help_)
    sp.set_defaults(func=cmd_grants)
    sp.add_argument("master", help=Help(
        "the PostgreSQL master: postgresql://HOST/DB[?schema=NAME] or 'service=NAME "
        "[schema=NAME]'", "PostgreSQL 主库：postgresql://HOST/DB[?schema=NAME] 或 "
        "'service=NAME [schema=NAME]'"))
    sp.add_argument("--editor", required=True, metavar="ROLE", help=Help(
        "the role of GIS staff", "GIS 人员的数据库角色"))
    sp.add_argument("--layers", help=Help(
        "the layers they edit (comma-separated; default: every table the master tracks)",
        "他们编辑的图层（以逗号分隔；默认：主库记录修改的所有表）"))
    sp.add_argument("--print", action="store_true", help=Help(
        "print the statements (for psql), give nothing",
        "只打印语句（供 psql 使用），不授予任何权限"))
    sp.add_argument("--revoke", action="store_true", help=Help(
        "take back what grants gave the role: editing the --layers, or without them all of it "
        "(reading too)",
        "收回 grants 授予该角色的权限：收回对 --layers 的编辑；不给出 --layers 时全部收回（包括"
        "读取）"))
