# SPDX-License-Identifier: GPL-2.0-or-later
"""How a master is named to a person and at the start of a file's name."""

from __future__ import annotations

from field_kit.sync import masters


def test_a_master_starts_a_file_name_without_spaces_or_brackets_of_its_own():
    assert masters.file_stem("/data/county master.gpkg") == "county master"
    pg = "postgresql://sup@db.example/province?schema=toksun"
    assert masters.shown(pg) == "PostgreSQL province (schema toksun)"
    assert masters.file_stem(pg) == "province-toksun"
