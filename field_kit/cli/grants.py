# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit grants``: what GIS staff editing a PostgreSQL master in QGIS are given
(:mod:`field_kit.sync.postgis.roles`), given by a supervisor or printed for psql."""

from __future__ import annotations

from .. import errors
from ..sync import masters
from .commands import _tell, _warn


def cmd_grants(a) -> int:
    from ..sync.postgis import roles
    if not masters.is_postgres(a.master):
        raise errors.BadInput("grants are for a PostgreSQL master: a GeoPackage master has no "
                              "database roles (what each role may change in field packages is "
                              "in its sync_roles)")
    layers = [n.strip() for n in a.layers.split(",") if n.strip()] if a.layers else None
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


def register(subparsers) -> None:
    """Add the ``grants`` command to ``field-kit``'s subparsers."""
    help_ = ("give a database role what GIS staff editing a PostgreSQL master in QGIS need "
             "(read every table, edit the layers), as a supervisor; or print the statements")
    sp = subparsers.add_parser("grants", help=help_, description=help_)
    sp.set_defaults(func=cmd_grants)
    sp.add_argument("master", help="the PostgreSQL master: postgresql://HOST/DB[?schema=NAME] "
                    "or 'service=NAME [schema=NAME]'")
    sp.add_argument("--editor", required=True, metavar="ROLE", help="the role of GIS staff")
    sp.add_argument("--layers", help="the layers they edit (comma-separated; default: every "
                    "table the master tracks)")
    sp.add_argument("--print", action="store_true", help="print the statements (for psql), "
                    "give nothing")
