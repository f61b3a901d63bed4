# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit``: the command line, one small function per command over the library
(:mod:`.commands` for the sync, :mod:`.importer`, :mod:`.reports`); :mod:`.process` runs it
as the process's own."""

from __future__ import annotations

# (nothing loaded here: ``field-kit`` takes Ctrl-C and SIGTERM only once this has run)
__all__ = ["main"]


def __getattr__(name: str) -> object:
    # ``main`` loaded when asked for: the process loads it under its guard (.process)
    if name == "main":
        from .commands import main
        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
