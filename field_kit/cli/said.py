# SPDX-License-Identifier: GPL-2.0-or-later
"""What a ``field-kit`` command says: its lines on stdout, its warnings and errors on stderr,
in Chinese too where the user's locale is, and the checks every command says alike."""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import sys

from .. import errors
from ..db import connect, in_command
from ..messages_zh import chinese, command_line_language
from ..plan.values import figure_shown
from ..sync import drift, log_values, masters, outcomes, rederive
from ..sync.conflicts import shown as _show
from ..sync.untracked_said import not_tracked_said
from .parsing import Help

PACKAGE_HELP = Help("a field package (or the QField project folder holding it), or a master",
                    "外业数据包（或包含它的 QField 项目文件夹），或主库")

MASTER_HELP = Help(
    "the master: a GeoPackage, or PostgreSQL: postgresql://HOST/DB[?schema=NAME] or "
    "'service=NAME [schema=NAME]'", "主库：GeoPackage 文件，或 PostgreSQL："
    "postgresql://HOST/DB[?schema=NAME] 或 'service=NAME [schema=NAME]'")

JSON_HELP = Help("print one JSON document instead of text (keys listed in the README)",
                 "输出一个 JSON 文档而非文本（键见 README）")

SHOWN_ROWS = 10  # rows named in a line; a repair may find tens of thousands


def _package(path: str) -> str:
    """A field package given by its file or by the QField project folder holding it (what
    may be missing from a project's package said as a warning)."""
    from ..qfield import package_file
    warned: list[str] = []
    package = package_file(path, warned)
    _warn(warned)
    return package


def _tell(line: str, indent: str = "") -> None:
    """A line of what a command did, on stdout, in Chinese too as :func:`_say` says one."""
    _say(line, to=sys.stdout, prefix=indent)


def _warn(warnings: list[str]) -> None:
    zh = command_line_language() == "zh"
    for warning in warnings:
        print(f"field-kit: warning: {warning}", file=sys.stderr)
        if zh and chinese(warning) != warning:
            print(f"field-kit: 注意：{chinese(warning)}", file=sys.stderr)

def _print_not_tracked(said: str, tables: dict, indent: str = "") -> None:
    for line in not_tracked_said(said, tables, indent):
        _say(line.en, line.zh, to=sys.stdout, prefix=line.indent)


def _json_out(data) -> None:
    """Machine-readable output: one JSON document on stdout (keys in the README); ±Infinity
    as the change log writes it (JSON has no word for it)."""
    print(log_values.finite(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)))


def _capture_not_whole(path) -> list[drift.Drift]:
    """What ``status`` names as change capture not whole in the GeoPackage ``path`` (read
    once, read only). None for a PostgreSQL master, whose stage refuses every command
    before it reads anything where capture there is not whole (a table dropped there it
    warns of itself, to a command that only reads), nor for a file that cannot
    be read as one with capture (the command itself says what is wrong with it)."""
    if masters.is_postgres(path):
        return []
    with contextlib.suppress(errors.SyncError, sqlite3.Error, OSError), \
            contextlib.closing(connect(path, readonly=True)) as conn:
        return drift.broken(drift.find(conn))
    return []


def _capture_said(path, problems: list[drift.Drift], shown: bool) -> None:
    """Capture not whole in ``path``, said on stderr as ``status`` says it, each table named:
    by a command that ``shown`` the change log, which misses the edits made while capture
    was not whole; or as a warning by one that reads the data as it is, or only the sync's
    own tables."""
    if not problems:
        return
    renamed = [d for d in problems if d.kind == drift.TABLE_RENAMED]
    if shown:
        for d in problems:
            _say(f"change capture not whole: {d}")
        # (a table renamed took its triggers along: its edits are kept, under its old name)
        _say(drift.rename_back(masters.shown(path), renamed) if renamed else
             "edits made while capture was not whole are missing from the changes shown "
             f"until field-kit repair {in_command(path)} has looked")
        return
    _warn([f"change capture not whole: {d}" for d in problems] + [
        "this command reads the file as it is, but the sync (export, merge, pull) stops until "
        + ("the layers renamed are renamed back (field-kit status "
           f"{in_command(path)} says how)" if renamed else
           f"field-kit repair {in_command(path)} has looked: edits made while capture was "
           "not whole are not in the change log")])


def _show_zh(value) -> str:
    """A value as a Chinese line shows it: empty (NULL) as 空, else as :func:`_show`."""
    return "空" if value is None else _show(value, zh=True)


def _figured(value, zh: bool = False) -> str:
    """A value as the conflicts listing and a Chinese line of history show it: a figure as
    the reports and the dialogs write it (52,000, not 52000.0), else (text, a code, NaN) as
    :func:`_show` (``zh``: :func:`_show_zh`) shows it."""
    if isinstance(value, float) and math.isfinite(value):
        return figure_shown(value)
    return _show_zh(value) if zh else _show(value)


def _figured_zh(value) -> str:
    """:func:`_figured` in Chinese."""
    return _figured(value, zh=True)


def _codes_followed(followed: list) -> None:
    """The codes a command gave rows of the rows they name on stdout; rows left naming
    none as warnings."""
    for f in followed:
        if not f.warning:
            _tell(f.said())
    _warn([f.said() for f in followed if f.warning])


# (a merge's or a pull's conflicts, said alike everywhere)
_in_conflict = outcomes.in_conflict_said


def _derived(followed: list, *, each: bool = False) -> None:
    """What became of the area and centre of the shapes a command wrote: those recomputed
    on stdout, those not (and why) as warnings; in Chinese too where the locale is."""
    for line in rederive.said([f for f in followed if f.why is None], each=each):
        _tell(line)
    _warn([f.said() for f in followed if f.why is not None])


def _in_language(en: str, zh: str, indent: str = "") -> None:
    """A line of history, as its changes are printed: in the user's language alone."""
    print(indent + (zh if command_line_language() == "zh" else en))


def _say(message: str, zh: str | None = None, *, to=None, prefix: str = "field-kit: "
         ) -> None:
    """An error on stderr (or ``to``); for a user whose locale is Chinese, in Chinese too
    where the message is known (the English line stays, for scripts and logs)."""
    to = to or sys.stderr
    print("\n".join(prefix + line for line in message.split("\n")), file=to)
    if command_line_language() == "zh":
        zh = zh or chinese(message)
        if zh != message:
            print("\n".join(prefix + line for line in zh.split("\n")), file=to)
