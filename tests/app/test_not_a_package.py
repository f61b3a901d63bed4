# SPDX-License-Identifier: GPL-2.0-or-later
"""The app opens field packages alone: a master (a record typed there went straight into it,
past every check a merge makes, and only Export said the file was not the right one) or a
GeoPackage without change capture (it opened with an empty list and nothing typed could
ever be sent) is refused before anything is typed, said in a box and on standard error, in
the technician's language."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.test_read_only import BY_HAND, ROOT


def _plain(tmp_path) -> Path:
    """A GeoPackage of the county's own, written without the toolkit."""
    path = tmp_path / "wells.gpkg"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
    conn.execute("CREATE TABLE wells (fid INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["master", "plain", "empty"])
def test_a_file_that_is_no_field_package_is_not_opened(master, tmp_path, kind):
    path = master if kind == "master" else _plain(tmp_path)
    if kind == "empty":  # a copy cut short
        path.write_bytes(b"")
    before = path.read_bytes()
    said = {"master": (f"{path} is the master, not a field package; open a package made from "
                       f"it by checkout: field-kit checkout {path} OUT.gpkg --device NAME",
                       f"{path} 是主库，不是外业数据包；请打开从它签出（checkout）的外业数据包："
                       f"field-kit checkout {path}"),
            "plain": (f"{path} is neither a master nor a field package (no change capture in "
                      "it", f"{path} 既不是主库，也不是外业数据包"),
            "empty": (f"{path} is an empty file (0 bytes), neither a master nor a field package",
                      f"{path} 是空文件（0 字节），既不是主库，也不是外业数据包")}[kind]
    for lang, text in (("en", said[0]), ("zh", said[1])):
        got = subprocess.run([sys.executable, "-c", BY_HAND, str(path), "--lang", lang],
                             cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert got.returncode == 2, got  # (9: the window opened)
        assert "Traceback" not in got.stderr, got.stderr
        assert got.stdout.startswith("BOX ") and text in got.stdout and text in got.stderr, got
        # what the file is leads, in the box and on standard error
        assert got.stdout.startswith(f"BOX {text}"), got.stdout
        assert got.stderr.startswith(f"field-kit app: {text}"), got.stderr
    assert path.read_bytes() == before
    assert not Path(f"{path}.lock").exists()
