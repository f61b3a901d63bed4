# SPDX-License-Identifier: GPL-2.0-or-later
"""How far a long command got (``checkout: 42%``), on stderr where stderr is a terminal: one
line written over in place, ended once the command is through or stopped. Elsewhere (a
script, a log) nothing: stderr holds only what the command says."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator

from ..messages_zh import chinese, command_line_language
from .parsing import Help

# at most five writes a second: a terminal over a slow link keeps up
INTERVAL = 0.2

# the line being written over, if any: what else goes to stderr ends it first
_shown: _Line | None = None


class _Line:
    def __init__(self, what: str, stream) -> None:
        self.what, self.stream = what, stream
        self.zh = command_line_language() == "zh"
        self.percent: int | None = None
        self.at = 0.0
        self.open = False  # written to and not ended
        # (a PostgreSQL master's wait is said from a thread of its own, ending the line)
        self.lock = threading.RLock()

    def __call__(self, fraction: float) -> None:
        # (rounded down: 100% only once the command is through)
        percent = max(0, min(99, int(fraction * 100)))
        now = time.monotonic()
        if percent != self.percent and now - self.at >= INTERVAL:
            self.write(percent)

    def write(self, percent: int) -> None:
        self.percent, self.at = percent, time.monotonic()
        line = f"{self.what}: {percent}%"
        # (a write that fails, the terminal gone, does not stop the work it shows)
        with self.lock, contextlib.suppress(OSError, ValueError):
            self.stream.write("\r" + (chinese(line) if self.zh else line))
            self.stream.flush()
            self.open = True

    def end(self) -> None:
        with self.lock:
            if self.open:
                self.open = False
                with contextlib.suppress(OSError, ValueError):
                    self.stream.write("\n")
                    self.stream.flush()


def add_option(parser: argparse.ArgumentParser) -> None:
    """The option a command showing its progress takes to show none."""
    parser.add_argument("--no-progress", dest="progress", action="store_false",
                        help=Help("show no progress line (shown only where stderr is a "
                                  "terminal)", "不显示进度行（仅当 stderr 为终端时才显示）"))


@contextlib.contextmanager
def shown(what: str, args: argparse.Namespace
          ) -> Iterator[Callable[[float], None] | None]:
    """``progress(fraction)`` for the library's step of the command ``what``, shown on
    stderr, or None where it is not shown (stderr no terminal, ``--no-progress``). The line
    reads 100% once the step is through; stopped (Ctrl-C, an error), it is ended where it
    got to, and what the command says of it comes on a line of its own."""
    global _shown
    stream = sys.stderr
    try:
        terminal = getattr(args, "progress", True) and stream.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    if not terminal:
        yield None
        return
    line = _shown = _Line(what, stream)
    try:
        yield line
        line.write(100)
    finally:
        _shown = None
        line.end()


def break_line() -> None:
    """The progress line, if one is shown, ended before something else is said on stderr
    (the next tick writes it again below)."""
    if _shown is not None:
        _shown.end()
