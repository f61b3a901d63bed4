# SPDX-License-Identifier: GPL-2.0-or-later
"""A command stopped by SIGTERM (a shutdown, ``timeout``, systemd) ends as one stopped by
Ctrl-C does: the exception unwinds the command, so its transaction is rolled back and its
temporary files removed, and the user is told so, with an exit code of its own."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import threading
from collections.abc import Iterable, Iterator

from .. import db, errors
from ..sync import masters, package_checkout
from .process import Terminated


class Undone(str):
    """What a command stopped before it did what it was run for left undone, where it had
    committed something of its own first (a checkout: the master given its id)."""


def _raise(signum: int, frame) -> None:
    # once only: a second signal while the first unwinds would cut the rollback short
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stop = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    db.STOPPING[:] = [stop]  # (raised inside a function SQLite runs, SQLite says an error)
    raise stop()


@contextlib.contextmanager
def stoppable(*, exiting: bool = False) -> Iterator[None]:
    """SIGINT and SIGTERM raise in the command (the main thread only: elsewhere Python
    takes no handler, and the caller keeps its own). ``exiting``: the process ends with the
    command; a signal after it is ignored, as the command is through and has said so (the
    default action would end it 143 with no word, its work done)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    db.STOPPING.clear()
    for s in before:
        signal.signal(s, _raise)
    try:
        yield
    finally:
        db.STOPPING.clear()
        for s, handler in before.items():
            signal.signal(s, signal.SIG_IGN if exiting else
                          handler if handler is not None else signal.SIG_DFL)


def taken(exc: BaseException) -> KeyboardInterrupt | None:
    """The stop ``exc`` is, or stands for: an error ending a command a stop was asked of is
    what the stop left (SQLite's own, for a stop raised inside a function it ran, or the
    toolkit's word for that); None for any other error. Once taken, an error is an error
    again (what the stopped command still reads to say what stands of it)."""
    if isinstance(exc, KeyboardInterrupt):
        stop = exc
    elif db.STOPPING:
        stop = db.STOPPING[0]()
    else:
        return None
    db.STOPPING.clear()
    return stop


def stopped(exc: KeyboardInterrupt, done: str | None = None) -> tuple[str, int]:
    """What a stopped command says, and its exit code; ``done``: what stands of it, where it
    was stopped after it committed (:func:`done`), or what it left :class:`Undone`."""
    said, code = errors.stop_said(isinstance(exc, Terminated))
    if done is None:
        return f"{said}; nothing was committed", code
    if isinstance(done, Undone):
        return f"{said}: {done}", code
    return f"{said} after its changes were committed: {done}", code


def done(args: argparse.Namespace, committed: Iterable[str]) -> str | None:
    """What stands of the command ``args`` ran, stopped once it had committed to the files
    in ``committed`` (its temporary files' commits are none of them), or None."""
    if args.command == "export":
        return _exported(args, [_same(p) for p in committed])
    given = {_same(v): v for v in vars(args).values() if isinstance(v, str)}
    where = None
    for path in reversed(list(committed)):  # the last: a pull commits to the master, then
        # to the package it is done in (a file of a QField project: the folder given)
        where = given.get(_same(path)) or given.get(_same(os.path.dirname(path)))
        if where is not None:
            break
    else:
        return None
    if masters.is_postgres(where):
        where = masters.shown(where)
    if args.command == "checkout" and not os.path.exists(args.out):
        held = _registered(args.master, args.device, _unnamed(args))
        if held is None:
            return Undone(f"no package was written and device {args.device} was not "
                          f"registered in {where}")
        if not held:  # (--replace: the package it was to replace)
            return Undone(f"no package was written and device {args.device} was not "
                          f"registered again in {where}: its earlier package stands")
        return (f"device {args.device} is registered in {where}, its package not yet named "
                f"{args.out}: run the same checkout again, which makes it")
    if args.command == "checkout" and getattr(args, "target", None) != "qfield":
        # (its package is what it was run for, not the master)
        return (f"`field-kit checkout` is done: device {args.device} is registered in {where} "
                f"and its package {args.out} is written")
    unzipped = _project_zip(args.pkg) if args.command == "pull" else None
    if unzipped is not None and not os.path.exists(unzipped):
        return (f"`field-kit pull` is done in {where}, its zip for QField ({unzipped}) not "
                "written yet: run the same pull again, which writes it")
    return (f"`field-kit {args.command}` is done in {where}; run `field-kit status` on it to "
            "see what it holds")


def _registered(master: str, device: str, unnamed: str) -> bool | None:
    """Whether ``master`` holds the checkout left unnamed as ``unnamed`` (a checkout stopped
    may have committed the master's id alone, or, run again, met an earlier registration of
    ``device``; a PostgreSQL master's may have been turned down by the database): True;
    False where it holds another of ``device``'s; None where none. A master that cannot be
    read is taken as holding it, as said before."""
    try:
        held = masters.device_checkout(master, device)
    except errors.SyncError:  # (the master out of reach)
        return True
    if held is None:
        return None
    # (none left: this checkout's was never registered)
    return package_checkout.checkout_of(unnamed) == held


def _unnamed(args: argparse.Namespace) -> str:
    """Where a checkout stopped once registered keeps its package unnamed (a QField
    project's: in its folder, unnamed too)."""
    from ..qfield.project import GPKG_NAME
    part = args.out + db.PART
    if getattr(args, "target", None) == "qfield":
        return os.path.join(part, GPKG_NAME + db.PART)
    return part


def _exported(args: argparse.Namespace, committed: list[str]) -> str | None:
    """What stands of an export stopped once its change package was written: the package,
    and whether the field package noted it as sent (it commits that after)."""
    if _same(args.out) not in committed:
        return None
    if committed[-1] != _same(args.out):
        return f"the change package {args.out} is written and {args.pkg} noted it as sent"
    return (f"the change package {args.out} is whole and can be merged, but {args.pkg} has "
            "not noted that it was sent: the next export carries these changes again "
            "(merging them twice changes nothing)")


def _project_zip(pkg: str) -> str | None:
    """The zip a pull writes again beside a QField project folder (given as the folder or
    its package), or None for a field package of its own."""
    from ..qfield.project import GPKG_NAME
    if os.path.isdir(pkg):
        return os.path.abspath(pkg).rstrip(os.sep) + ".zip"
    if os.path.basename(pkg) == GPKG_NAME:
        return os.path.dirname(os.path.abspath(pkg)) + ".zip"
    return None


def _same(path: str) -> str:
    """A file as any of its names, a PostgreSQL master as messages name it."""
    if masters.is_postgres(path):
        return masters.shown(path)
    return os.path.realpath(path) if path else path
