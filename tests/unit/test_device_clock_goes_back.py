# SPDX-License-Identifier: GPL-2.0-or-later
"""A device whose clock is set back between two of its edits (it ran 10 minutes fast, then
was set right): its later edit is dated before its earlier one, yet the two never conflict
with each other; they reach the master in the device's order, in a GIS package or a QField
project, exported apart or together."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.qfield import checkout as qfield_checkout
from field_kit.sync import changelog, merge, package_checkout
from tests.unit.gpkg_factory import edit, rows

NOTE = "UPDATE patch_verifications SET notes = ? WHERE notes = ?"


def _gis_package(master, tmp_path: Path) -> tuple[Path, Path]:
    pkg = tmp_path / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    return pkg, pkg


def _qfield_project(master, tmp_path: Path) -> tuple[Path, Path]:
    project = qfield_checkout(master, tmp_path / "qf", "phone2", township="托克逊镇")
    return Path(project["folder"]) / "package.gpkg", Path(project["folder"])


def clock_fast(pkg: Path) -> None:
    """The edits captured so far, as a clock 10 minutes fast dated them."""
    with sqlite3.connect(pkg) as conn:
        conn.execute("UPDATE sync_capture SET at = at + 10.0 / 1440")


def inserted(pkg: Path) -> None:
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on, notes) SELECT uuid, patch_code, 'B', '李四', '2026-11-30', "
         "'first' FROM mine_patches WHERE township = '托克逊镇' ORDER BY fid LIMIT 1")


def merged(master, exported: Path, out: Path) -> merge.MergeReport:
    assert cli.main(["export", str(exported), str(out)]) == 0
    rep = merge.merge(master, [out])
    assert not rep.refused
    return rep


PACKAGES = pytest.mark.parametrize("made", [_gis_package, _qfield_project],
                                   ids=["gis-package", "qfield"])


@PACKAGES
def test_an_edit_after_the_clock_is_set_back_follows_the_device_insert(master, tmp_path,
                                                                       made):
    pkg, exported = made(master, tmp_path)
    inserted(pkg)
    clock_fast(pkg)
    assert merged(master, exported, tmp_path / "1.zip").totals["conflict"] == 0
    edit(pkg, NOTE, "second", "first")  # the clock set right: dated before the insert
    rep = merged(master, exported, tmp_path / "2.zip")
    assert rep.totals["conflict"] == 0
    assert rows(master, "SELECT count(*) FROM sync_conflicts") == [(0,)]
    assert rows(master, "SELECT notes FROM patch_verifications WHERE notes IN ('first', "
                "'second')") == [("second",)]


@PACKAGES
def test_two_edits_of_a_field_in_one_package_apply_in_the_device_order(master, tmp_path,
                                                                       made):
    pkg, exported = made(master, tmp_path)
    inserted(pkg)
    edit(pkg, NOTE, "fast", "first")
    clock_fast(pkg)
    edit(pkg, NOTE, "right", "fast")  # the clock set right, before the export
    rep = merged(master, exported, tmp_path / "1.zip")
    assert rep.totals["conflict"] == 0
    assert rows(master, "SELECT count(*) FROM sync_conflicts") == [(0,)]
    assert rows(master, "SELECT notes FROM patch_verifications WHERE notes IN ('first', "
                "'fast', 'right')") == [("right",)]


def _sealed_times(pkg: Path) -> tuple[list[str], list[str]]:
    """(the times the package's edits were captured at, those the log gives them sealed)."""
    conn = connect(pkg)
    try:
        captured = [at for (at,) in conn.execute(
            "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', at) FROM sync_capture ORDER BY seq")]
        top = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
        changelog.seal(conn)
        return captured, [at for (at,) in conn.execute(
            "SELECT at FROM sync_changes WHERE seq > ? ORDER BY seq", (top,))]
    finally:
        conn.close()


def test_sealing_dates_edits_as_a_clock_going_on(setup):
    _master, pkg, _b, _tmp = setup
    edit(pkg, "UPDATE mine_patches SET phase = 'one'")  # 20 edits of one time
    edit(pkg, "UPDATE mine_patches SET phase = 'two' WHERE fid = 1")
    captured, sealed = _sealed_times(pkg)
    assert len(sealed) == 21 and len(set(sealed[:20])) == 1
    assert sealed == captured  # dated in order: as they were
    edit(pkg, "UPDATE mine_patches SET phase = 'three' WHERE fid = 2")
    edit(pkg, "UPDATE mine_patches SET phase = 'four' WHERE fid <= 3")
    with sqlite3.connect(pkg) as conn:  # a minute on, then the clock set back an hour
        conn.execute("UPDATE sync_capture SET at = julianday(?) + CASE WHEN seq = (SELECT "
                     "min(seq) FROM sync_capture) THEN 1.0 / 1440 ELSE -1.0 / 24 END",
                     (sealed[-1][:-1],))
    captured, after = _sealed_times(pkg)
    minute_on = datetime.fromisoformat(sealed[-1][:-1]) + timedelta(minutes=1)
    assert captured == [_at(minute_on)] + [_at(minute_on - timedelta(minutes=61))] * 3
    assert after == [_at(minute_on)] + [_at(minute_on + timedelta(milliseconds=1))] * 3


def _at(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds") + "Z"
