# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit pull``: the master's newer state brought into a field package, and what it
replaced or could not bring said by row and field."""

from __future__ import annotations

import os
import sys

from .. import errors
from ..bilingual import Line
from ..sync import pull_said
from .parsing import Help, command
from .said import _codes_followed, _derived, _in_conflict, _say, _tell, _warn


def cmd_pull(a) -> int:
    from ..qfield import project_folder
    pulled = project_folder.pull(a.pkg, a.master)
    r = pulled.result
    c = r.counts
    # skipped by a package's cut or with a table brought whole: not "already" here
    left = pull_said.left_out(r)
    _tell(f"pulled into {pulled.package}: applied {c['applied']}, already "
          f"{c['already'] - sum(left.values())}, conflicts "
          f"{_in_conflict(c['conflict'] - r.settled_here - r.met_again, r.conflicts)} (where "
          f"they clash, the package's unsent values kept), fields brought in "
          f"{len(r.fields_in)}")
    _said(pull_said.met(r, a.master, pulled.package))
    _derived(r.derived)
    _codes_followed(r.codes_followed)
    _said(pull_said.brought(r, pulled.package))
    if pulled.photos:
        # (beside the package: a project zipped with its folder inside sits a level down)
        here = os.path.dirname(os.path.abspath(pulled.package))
        _tell(f"{len(pulled.photos)} photo(s) written to {here}, as the master holds them: "
              f"{', '.join(pulled.photos)}")
    if pulled.project and not pulled.project_kept:
        _tell(f"{pulled.project} written again: the folder lacked its project file, which "
              "QField opens the project by")
    elif pulled.project:
        _tell(f"{pulled.project} written again: the grants or layers the pull brought change "
              f"what QField shows and lets this device edit (the one it replaces kept as "
              f"{pulled.project_kept}: changes made to it in QGIS are there)")
    if pulled.zip:
        _tell(f"{pulled.zip} written again from the folder (for QField's import from ZIP)")
    _warn(pulled.warnings)
    for problem in pulled.problems:
        _say(problem)
    if pulled.problems:
        return errors.BAD_INPUT
    return errors.CONFLICTS if r.conflicts else errors.OK


def _said(lines: list[Line]) -> None:
    """A pull's lines on stdout, in Chinese too as :func:`_say` says one."""
    for line in lines:
        _say(line.en, line.zh, to=sys.stdout, prefix=line.indent)


def register(subparsers) -> None:
    """Add the ``pull`` command to ``field-kit``'s subparsers."""
    sp = command(subparsers, "pull", cmd_pull, Help(
        "bring the master's newer state into a field package",
        "把主库的最新状态拉取到外业数据包"))
    sp.add_argument("pkg", help=Help("the field package, or the QField project folder holding it",
                                     "外业数据包，或包含它的 QField 项目文件夹"))
    sp.add_argument("master")
