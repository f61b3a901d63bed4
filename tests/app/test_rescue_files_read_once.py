# SPDX-License-Identifier: GPL-2.0-or-later
"""The list of patches marks those with edits in a rescue file without reading every rescue
file at each refresh: a refresh with nothing changed opens none; a file changed is read
again alone; a new file is seen; a file removed takes its mark (✎) away."""

from __future__ import annotations

import builtins
import io
import os
import sqlite3
from pathlib import Path

import pytest

from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts


@pytest.fixture
def opened(monkeypatch, rescue_dir) -> list[Path]:
    """The rescue files opened (by open(), a Path's open or read_text), in order."""
    seen: list[Path] = []
    real = io.open

    def counted(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file).parent == rescue_dir:
            seen.append(Path(file))
        return real(file, *args, **kwargs)
    monkeypatch.setattr(io, "open", counted)
    monkeypatch.setattr(builtins, "open", counted)
    return seen


def _patches(package, n: int) -> list[str]:
    conn = sqlite3.connect(package)
    try:
        return [r[0] for r in conn.execute(
            "SELECT uuid FROM mine_patches ORDER BY patch_code LIMIT ?", (n,))]
    finally:
        conn.close()


def _rescued(window) -> set[str]:
    """The patches the list marks as having edits in a rescue file."""
    return {uuid for (kind, uuid), item in window.list.items.items()
            if kind == PATCH and "✎edits in a rescue file" in item.text(0)}


def test_a_refresh_reads_only_the_rescue_files_changed(window, package, opened):
    first, second, third = _patches(package, 3)
    identity = drafts.package_identity(window.conn, package)

    def write(subject: str, note: str) -> Path:
        return drafts.write_rescue(package, "patch_verification", {"notes": note}, subject,
                                   identity)
    a, b = write(first, "沙坑"), write(second, "堆土")
    window.list.refresh_marks(window.conn)
    assert _rescued(window) == {first, second}
    opened.clear()
    window.list.refresh_marks(window.conn)
    assert opened == []  # nothing changed: nothing read
    assert _rescued(window) == {first, second}

    write(first, "沙坑北侧")  # one changed: it alone is read again
    opened.clear()
    window.list.refresh_marks(window.conn)
    assert set(opened) == {a}, opened
    assert _rescued(window) == {first, second}

    c = write(third, "新的")  # a new one is seen
    opened.clear()
    window.list.refresh_marks(window.conn)
    assert set(opened) == {c}, opened
    assert _rescued(window) == {first, second, third}

    b.unlink()  # one removed: its mark goes, and nothing is read
    opened.clear()
    window.list.refresh_marks(window.conn)
    assert opened == []
    assert _rescued(window) == {first, third}
