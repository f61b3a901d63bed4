# SPDX-License-Identifier: GPL-2.0-or-later
"""How much room a checkout or an export needs, said when the disk it writes to is full.

A checkout copies the master whole, then cuts and compacts the copy (a second copy of what
is kept), so it needs about twice the master's size free while it works, though the
package it leaves is smaller. An export's change package takes its change list and its
pictures."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator

from ..bilingual import one_said, size_said
from ..db import FileProblem

NEEDS = 2  # times the master's size


def checkout_full(master, out: str, problem: FileProblem) -> FileProblem:
    """``problem`` (the disk full writing a checkout to ``out``, a package or a QField
    project folder) said with the room the checkout needs and the room there is."""
    try:
        room = _free(out)
    except OSError:
        return problem
    if os.path.isfile(master):  # (a PostgreSQL master's address: its size is not at hand)
        need = size_said(NEEDS * os.path.getsize(master), up=True)
        room = f"the checkout needs about {need.en} free there while it works; {room}"
    return FileProblem(f"cannot write {out}: the disk is full; nothing was changed: {room}: "
                       "free some space and run it again", problem.code)


def _free(out: str) -> str:
    free = size_said(shutil.disk_usage(os.path.dirname(os.path.abspath(out))).free)
    return f"{free.en} {'is' if one_said(free.en) else 'are'} free there"


def export_full(out: str, need: int, problem: FileProblem) -> FileProblem:
    """``problem`` (the disk full writing the change package ``out``, a USB stick say)
    said with the room the package takes (``need`` bytes) and the room there is."""
    try:
        room = _free(out)
    except OSError:
        return problem
    return FileProblem(f"cannot write {out}: the disk is full; nothing was changed: the change "
                       f"package needs about {size_said(need, up=True).en} there; {room}: free "
                       "some space, or export to another disk, and run it again", problem.code)


@contextlib.contextmanager
def said(master, out: str) -> Iterator[None]:
    """A checkout of ``master`` to ``out`` (a package, a QField project folder): the disk
    full, said with the room it needs (every face says it so); a full disk that is not
    ``out``'s (the master's, registering the device) is said as it is, naming that file."""
    try:
        yield
    except FileProblem as exc:
        # (the master's own disk full, as the device is registered there: the master named)
        if not exc.full or os.fspath(out) not in exc.message:
            raise
        raise checkout_full(master, out, exc) from None
