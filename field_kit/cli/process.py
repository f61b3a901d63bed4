# SPDX-License-Identifier: GPL-2.0-or-later
"""The ``field-kit`` process (the ``field-kit`` script, ``python -m field_kit``, ``python -m
field_kit.cli``): the command line is loaded first, which takes a moment. A stop then
(Ctrl-C, SIGTERM), before any command began, is said as that of a command that committed
nothing, with the signal's exit code: not as a traceback, nor (SIGTERM's default) in
silence. This module imports little itself, so that the loading happens inside the guard."""

from __future__ import annotations

import signal
import sys


class Terminated(KeyboardInterrupt):
    """SIGTERM: a KeyboardInterrupt, so that whatever lets Ctrl-C through lets it through;
    raised as such from the first moment the process takes the signals, so that wherever it
    is heard (the command taking the signals as it is stopped, a stop lost and raised again
    once it has) it is said as SIGTERM."""


def main() -> int:
    heard: list[int] = []
    through: list[bool] = []

    def stop(signum: int, frame) -> None:
        _ignored()  # once only, as a command's stop (cli.stopping): a second cuts it short
        heard.append(signum)
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    sys.unraisablehook = _raised_again(sys.unraisablehook, through)
    try:
        try:  # (a stop as soon as the first signal is taken, the second not yet, is heard)
            for s in (signal.SIGINT, signal.SIGTERM):
                signal.signal(s, stop)
            from .commands import main as command
            return command()  # (which takes the signals as a command's from its start)
        finally:  # the process is through (its command said so, or --help): a stop is too
            # late to stop anything, even as Python ends it
            through.append(True)
            _ignored()
            if hasattr(signal, "setitimer"):  # nor is one lost just before raised again:
                # its alarm, ringing once Python has given SIGALRM back, would kill the process
                signal.setitimer(signal.ITIMER_REAL, 0)
    except KeyboardInterrupt as exc:  # (a command's own stop is said within it)
        return _stopped(isinstance(exc, Terminated))
    except Exception:  # an error ending the loading once it was stopped is what the stop
        # left, as a command's (cli.stopping.taken): Python 3.11 raises a stop that came as
        # a class named its fields (a dataclass's, as its module loads) as a RuntimeError
        if not heard:
            raise
        return _stopped(heard[0] == signal.SIGTERM)
    finally:
        _handled()


def _raised_again(hook, through: list[bool]):
    """``sys.unraisablehook`` for a stop raised where Python can only print it and go on
    (in a weak reference's callback, such as the import system's; a ``__del__``): the
    command would then run to its end as if never stopped, its exit code 0. The stop is
    raised again a moment later, where it stops the command (again, if it is lost again),
    unless the process is ``through`` by then."""
    if not hasattr(signal, "setitimer"):  # (Windows)
        return hook
    lost: list[type[BaseException]] = []

    def again(signum: int, frame) -> None:
        if frame is not None and frame.f_code is unraisable.__code__:
            signal.setitimer(signal.ITIMER_REAL, 0.001)  # (not in the hook itself)
            return
        if lost and not through:
            raise lost.pop()()

    def unraisable(what) -> None:
        if not isinstance(what.exc_value, KeyboardInterrupt):
            hook(what)
            return
        if through:  # (too late to stop anything: see main)
            return
        lost[:] = [type(what.exc_value)]
        signal.signal(signal.SIGALRM, again)
        signal.setitimer(signal.ITIMER_REAL, 0.001)

    return unraisable


def _ignored() -> None:
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_IGN)


def _handled() -> None:
    """A stop that came as Python ran code it made from a string (the ``__init__`` a
    dataclass or a named tuple gets as its module loads) leaves CPython's mark of a Ctrl-C
    never handled, though it was: ``python -m`` would then end the process by SIGINT itself,
    whatever its exit code (a shell's 130 for SIGTERM's 143). Running a string of code
    clears the mark, as CPython does before each."""
    exec("None")


def _stopped(sigterm: bool) -> int:
    """Say that the process was stopped while it loaded; its exit code."""
    from .. import errors  # (loaded here, as all else: a stop as it loads is heard too)
    said, code = errors.stop_said(sigterm)
    line = f"{said}; nothing was committed"
    print(f"field-kit: {line}", file=sys.stderr)
    from ..messages_zh import chinese, command_line_language
    if command_line_language() == "zh":
        print(f"field-kit: {chinese(line)}", file=sys.stderr)
    return code
