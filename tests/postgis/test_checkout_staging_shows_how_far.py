# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout from a PostgreSQL master shows how far it got while the master's rows are
staged (before the package file is begun), not only once the package is written; a Cancel
heard then leaves nothing: no package, the device not registered."""

from __future__ import annotations

import os

import pytest

from field_kit import errors
from field_kit.db import PART
from field_kit.sync import masters
from tests.postgis.cluster import query


def test_progress_moves_while_the_master_is_staged(plan_database, tmp_path):
    out = tmp_path / "tab-1.gpkg"
    heard: list[tuple[float, bool]] = []
    masters.checkout(plan_database, out, "tab-1",
                     progress=lambda f: heard.append((f, os.path.exists(f"{out}{PART}"))))
    staging = [f for f, begun in heard if not begun]
    assert len(set(staging)) >= 5, heard  # table by table, not one jump at the end
    assert 0 < staging[0] < staging[-1] <= masters.STAGED, staging
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0, fractions
    assert query(plan_database, "SELECT device FROM sync_devices") == [("tab-1",)]


def test_a_cancel_while_staging_leaves_nothing(plan_database, tmp_path):
    out = tmp_path / "tab-1.gpkg"

    def cancel(fraction: float) -> None:
        if fraction > 0 and not os.path.exists(f"{out}{PART}"):
            raise errors.Cancelled("cancelled by the user; nothing was changed")
    with pytest.raises(errors.Cancelled):
        masters.checkout(plan_database, out, "tab-1", progress=cancel)
    assert not [p for p in os.listdir(tmp_path) if p.startswith("tab-1")], os.listdir(tmp_path)
    assert query(plan_database, "SELECT device FROM sync_devices") == []
    masters.checkout(plan_database, out, "tab-1")  # nothing held: it is made at once
    assert query(plan_database, "SELECT device FROM sync_devices") == [("tab-1",)]
