# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit pull``: the master's newer state brought into a field package, and what it
replaced or could not bring said by row and field."""

from __future__ import annotations

import sys

from .. import errors
from ..bilingual import Line
from ..sync import pull_said
from .parsing import Help, command
from .said import _codes_followed, _derived, _say, _warn


def cmd_pull(a) -> int:
    from ..qfield import project_folder
    pulled = project_folder.pull(a.pkg, a.master)
    r = pulled.result
    _said([pull_said.pulled_into(pulled)])
    _said(pull_said.met(r, a.master, pulled.package))
    _derived(r.derived)
    _codes_followed(r.codes_followed)
    _said(pull_said.brought(r, pulled.package))
    _said(pull_said.project_written(pulled))
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
