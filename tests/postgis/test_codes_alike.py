# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master holds codes differing only by letter case or the spaces around them
to one row as a GeoPackage master does: the merge meets the master's rows holding a code
alike to one it gives, which the stage (the rows of the codes as given) does not hold."""

import shutil

import pytest

from field_kit.cli.commands import main
from tests.postgis.cluster import query


def _published(database, plan_gpkg, tmp_path) -> None:
    shutil.copyfile(plan_gpkg, tmp_path / "plan.gpkg")
    assert main(["init", database, "--from", str(tmp_path / "plan.gpkg")]) == 0


@pytest.mark.parametrize("reverse", [False, True])
def test_codes_alike_to_anothers_are_refused_by_name(database, plan_gpkg, tmp_path, capsys,
                                                     reverse):
    from tests.unit.test_codes_alike import alike_codes_merged

    _published(database, plan_gpkg, tmp_path)
    alike_codes_merged(database, tmp_path, capsys, lambda sql: query(database, sql), reverse)


def test_a_code_typed_to_settle_a_conflict_alike_to_anothers_is_refused(
        database, plan_gpkg, tmp_path, capsys, monkeypatch):
    from tests.unit.test_codes_alike import typing_an_alike_code

    _published(database, plan_gpkg, tmp_path)
    typing_an_alike_code(database, tmp_path, capsys, lambda: dict(query(
        database, "SELECT uuid, patch_code FROM mine_patches")), monkeypatch)
