# SPDX-License-Identifier: GPL-2.0-or-later
"""Errors of the sync core and the ``field-kit`` exit codes, in one table.

Every command exits with one of these codes; scripts and the QGIS plugin rely on them.

====  ===================  ====================================================================
code  name                 meaning
====  ===================  ====================================================================
0     OK                   done; for ``merge``: everything applied or already applied
1     CONFLICTS            done, but conflicts are pending (``field-kit conflicts`` lists them);
                           ``merge``: this merge's, or, of a package merged again, those its
                           earlier merge recorded that are open yet
2     BAD_INPUT            bad arguments, missing or unreadable file, unknown id; a file that
                           cannot be written or read (read-only, the disk full, damaged);
                           the connection to a PostgreSQL master lost (run it again)
3     REFUSED              a package, or some changes in it, were refused (reason printed);
                           refused packages leave the master byte-for-byte unchanged;
                           ``resolve``: a conflict whose value the master changed since it
                           was recorded (named; nothing was settled); a decision leaving a
                           record with two fields that do not fit together (a sub-class of
                           another class, a year closed after the verification's), named
                           with the other field's conflict to settle with it
4     INTERNAL             an unexpected error (a bug): nothing was committed
5     INVALID              ``import``: the source failed validation (report printed); nothing
                           was written, the master is byte-for-byte unchanged
6     PLAN_INCONSISTENT    ``check-plan``: the plan's own figures disagree somewhere (each
                           finding printed with the sections it cites)
7     BUSY                 the file is in use by another program (an edit session in QGIS not
                           saved yet, another merge): nothing was changed; run it again later
8     CAPTURE_BROKEN       change capture in the file is not whole (triggers dropped or altered,
                           a tracked column or table gone): edits may be missing from the log;
                           ``field-kit repair`` first, nothing was changed
130   INTERRUPTED          stopped by Ctrl-C (SIGINT): rolled back, its temporary files
                           removed; run it again (128 + the signal's number, as a shell says)
143   TERMINATED           stopped by SIGTERM (a shutdown, ``timeout``, systemd): the same
====  ===================  ====================================================================

When a merge has both refusals and pending conflicts, REFUSED wins: it needs attention first.
"""

from __future__ import annotations

OK = 0
CONFLICTS = 1
BAD_INPUT = 2
REFUSED = 3
INTERNAL = 4
INVALID = 5
PLAN_INCONSISTENT = 6
BUSY = 7
CAPTURE_BROKEN = 8
INTERRUPTED = 130
TERMINATED = 143

EXIT_CODES = {
    OK: "clean",
    CONFLICTS: "conflicts pending",
    BAD_INPUT: "bad input",
    REFUSED: "refused",
    INTERNAL: "internal error",
    INVALID: "import refused: validation errors",
    PLAN_INCONSISTENT: "plan figures inconsistent",
    BUSY: "file in use, nothing changed",
    CAPTURE_BROKEN: "change capture broken: run field-kit repair",
    INTERRUPTED: "interrupted (Ctrl-C), nothing committed",
    TERMINATED: "stopped (SIGTERM), nothing committed",
}


def add_note(exc: BaseException, note: str) -> None:
    """Note on ``exc`` what the work it stopped did all the same, which the command line
    says after the error: ``BaseException.add_note`` of Python 3.11, here from 3.9 on."""
    notes = getattr(exc, "__notes__", None)
    if not isinstance(notes, list):
        notes = []
        setattr(exc, "__notes__", notes)  # noqa: B010 (no such attribute before 3.11)
    notes.append(note)


def stop_said(sigterm: bool) -> tuple[str, int]:
    """How a stop is said, and its exit code: SIGTERM's, or Ctrl-C's."""
    return ("stopped (SIGTERM)", TERMINATED) if sigterm else ("interrupted (Ctrl-C)",
                                                             INTERRUPTED)


# (in Chinese, for the help of a user whose locale is Chinese)
EXIT_CODES_ZH = {
    OK: "完成",
    CONFLICTS: "有待处理的冲突",
    BAD_INPUT: "输入有误",
    REFUSED: "被拒绝",
    INTERNAL: "内部错误",
    INVALID: "导入被拒绝：校验有误",
    PLAN_INCONSISTENT: "规划数字前后不一致",
    BUSY: "文件被占用，未作任何更改",
    CAPTURE_BROKEN: "变更捕获不完整：请运行 field-kit repair",
    INTERRUPTED: "已中断（Ctrl-C），未提交任何内容",
    TERMINATED: "已被终止（SIGTERM），未提交任何内容",
}


class SyncError(Exception):
    """An error with a clear one-line message and the exit code the CLI returns for it."""

    exit_code = INTERNAL

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh  # the message in Chinese, where the one who raised it has it


class BadInput(SyncError):
    """Wrong arguments or a file that is not what it should be (not a package at all, etc.)."""

    exit_code = BAD_INPUT


class NoMaster(BadInput):
    """A PostgreSQL schema that is not there (``exists`` false) or holds no master:
    ``schema`` of ``database``, and ``masters``, the schemas there holding one the user may
    open (the one most often meant), so that each face says where to choose it."""

    def __init__(self, message: str, *, schema: str, database: str, exists: bool,
                 masters: list[str]) -> None:
        super().__init__(message)
        self.schema, self.database = schema, database
        self.exists, self.masters = exists, list(masters)


class Refused(SyncError):
    """A change package that must not touch the master: forged, altered, foreign, too big..."""

    exit_code = REFUSED


class Behind(Refused):
    """A change package refused for its device's earlier changes, seqs ``first`` to ``last``,
    not merged yet (another package of ``device``, to merge first)."""

    def __init__(self, message: str, *, device: str, first: int, last: int) -> None:
        super().__init__(message)
        self.device, self.first, self.last = device, first, last


class NotRegistered(Refused):
    """A change package of a device this very master lost, restored from a backup made
    before ``device`` was checked out: the device registered again from its field package
    (:func:`field_kit.sync.readmit.readmit`), the package merges."""

    def __init__(self, message: str, *, device: str) -> None:
        super().__init__(message)
        self.device = device


class NotUsable(Refused):
    """A schema holding a master that ``role`` may not use, while ``masters``, the schemas of
    ``database`` holding one it may use, are there (most often the one meant: a county's GIS
    staff given the default schema, another county's)."""

    def __init__(self, message: str, *, schema: str, database: str, role: str,
                 masters: list[str]) -> None:
        super().__init__(message)
        self.schema, self.database, self.role = schema, database, role
        self.masters = list(masters)


class PairsApart(Refused):
    """Decisions refused for leaving a row with a code its parent code does not hold (a
    sub-class of another class): ``apart`` holds, for each such row, the two fields and what
    the decisions would leave in them, the open conflicts to settle together (``ids``) and
    the sides that, taken for all of them, leave a pair that fits (``fits``, best first;
    none where no side does)."""

    def __init__(self, message: str, apart: list | None = None) -> None:
        super().__init__(message)
        self.apart = list(apart or ())


class RulesBroken(Refused):
    """Decisions refused for leaving a record breaking a rule of its form over two fields (a
    year closed after its verification's year): ``broken`` holds, for each such record, the
    rules broken and the open conflicts to settle together, with the sides that keep the rule
    (:class:`~field_kit.sync.pairs.Broken`)."""

    def __init__(self, message: str, zh: str | None = None, broken: list | None = None
                 ) -> None:
        super().__init__(message, zh)
        self.broken = list(broken or ())


class LaterEdit(Refused):
    """Settling would write over what the master holds since the conflicts were recorded (an
    edit in QGIS or psql, a later merge): nothing was settled. ``conflicts`` are those
    conflicts, each with what it held then and who changed it (``changed_since``)."""

    def __init__(self, message: str, conflicts: list | None = None) -> None:
        super().__init__(message)
        self.conflicts = list(conflicts or ())


class CodeTaken(Refused):
    """A decision would give a row a code (a patch code, a project id) another row holds."""


class Busy(SyncError):
    """Another connection holds the file's write lock past the wait: nothing was changed."""

    exit_code = BUSY


class CaptureBroken(SyncError):
    """Capture in a file is not whole: edits may have escaped the log; repair first."""

    exit_code = CAPTURE_BROKEN


class Cancelled(SyncError):
    """The user stopped long work; the transaction is rolled back, nothing has changed."""

    exit_code = INTERNAL
