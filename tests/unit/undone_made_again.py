# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's merge undone in the master (undo-merge), then the same package merged
again, as the GeoPackage and the PostgreSQL tests both play it: the master holds the
technician's edits again."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from field_kit.sync import masters, package_export
from tests.unit.gpkg_factory import edit

DEVICE = "王强"


def value(package, sql: str, *args):
    with closing(sqlite3.connect(package)) as conn:
        return conn.execute(sql, args).fetchone()[0]


def _nothing() -> None:
    pass


def sent_undone(master, package, sql: str, *args, before_undo=_nothing) -> str:
    """``sql`` run on the technician's ``package``, exported, merged and the merge undone
    (``before_undo()`` run first): returns the package's zip, to merge again."""
    edit(package, sql, *args)
    out = str(package.with_suffix(".zip"))
    package_export.export(package, out)
    (result,) = masters.merge(master, [out]).results
    before_undo()
    masters.undo(master, result.merge_id)
    return out


def new_record(master, package, before_undo=_nothing) -> tuple[str, str]:
    """The technician's new verification of the first patch in ``package``, merged and
    undone (``before_undo()`` run first): (the zip, the record's uuid)."""
    z = sent_undone(master, package,
                    "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, notes) "
                    "SELECT uuid, patch_code, ?, '第一次' FROM mine_patches ORDER BY fid LIMIT 1",
                    DEVICE, before_undo=before_undo)
    return z, value(package, "SELECT uuid FROM patch_verifications WHERE notes = '第一次'")


def merged_again(master, z: str) -> None:
    report = masters.merge(master, [z], again_undone=True)  # (asked for: merged again)
    assert report.totals["applied"] == 1 and report.totals["conflict"] == 0, report.totals


def open_conflicts(package) -> int:
    return value(package, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'")


def pulled_writes(package) -> int:
    """How many changes pulls wrote into ``package``."""
    return value(package, "SELECT count(*) FROM sync_changes WHERE origin = 'pull'")


def notes(package, row: str):
    return value(package, "SELECT notes FROM patch_verifications WHERE uuid = ?", row)
