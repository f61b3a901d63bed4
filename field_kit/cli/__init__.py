# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit``: the command line, one small function per command over the library
(:mod:`.commands` for the sync, :mod:`.importer`, :mod:`.reports`)."""

from .commands import main

__all__ = ["main"]
