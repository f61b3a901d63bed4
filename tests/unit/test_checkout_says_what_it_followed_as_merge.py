# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit checkout`` says what it followed of the master's own edits as ``field-kit
merge`` says it: the area and centre of the shapes first, then the codes the rows were
given (stdout), each warning (a code naming no patch) on stderr; not the codes first, mixed
into the shapes' lines."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.sync import package_checkout, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.test_codes_follow import CODE, NEW, NEW_HOME, VERIFIED
from tests.unit.test_shape_edited_in_the_master import in_the_shell

GIVEN = "patch_verifications: 1 row given the patch_code of the patch it names"
NAMES_NONE = "patch_verifications: 1 row given a patch_code that names no patch"
RECOMPUTED = "recomputed from their geometry for 1 feature"
NOWHERE = "CT6504222017000099999"


def edited_in_the_shell(master) -> None:
    """The patch of one verification renamed, a code naming no patch typed into another,
    a patch's shape changed: in the sqlite3 shell, without their area, centre and codes."""
    in_the_shell(master, f"UPDATE mine_patches SET patch_code = '{NEW}' WHERE patch_code = "
                         f"'{CODE}'")
    in_the_shell(master, f"UPDATE patch_verifications SET patch_code = '{NOWHERE}' WHERE "
                         f"patch_code = '{NEW_HOME}'")
    in_the_shell(master, "UPDATE mine_patches SET geom = (SELECT geom FROM mine_patches "
                         "WHERE fid = 5) WHERE fid = 6")


def _followed(lines: str) -> list[str]:
    """The lines saying what was followed in the master, in order."""
    return [line for line in lines.splitlines()
            if RECOMPUTED in line or "patch_verifications: 1 row" in line]


def test_checkout_says_the_shapes_then_the_codes_as_merge_does(master, tmp_path, capsys):
    tech = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, tech, "tab-1", township="郭勒布依乡")
    edit(tech, VERIFIED)
    edit(tech, VERIFIED.replace(CODE, NEW_HOME))
    package_export.export(tech, tmp_path / "tab-1.zip")
    assert cli(capsys, "merge", master, tmp_path / "tab-1.zip")[0] == errors.OK
    # the same master twice: one merged into, the other checked out of
    gis = tmp_path / "gis-a.gpkg"  # a package with nothing the edits touch
    package_checkout.checkout(master, gis, "gis-a", role="gis")
    edit(gis, "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE fid = 2")
    package_export.export(gis, tmp_path / "gis-a.zip")
    twin = tmp_path / "twin.gpkg"
    shutil.copyfile(master, twin)
    for m in (master, twin):
        edited_in_the_shell(m)

    code, m_out, m_err = cli(capsys, "merge", twin, tmp_path / "gis-a.zip")
    assert code == errors.OK, m_err
    code, out, err = cli(capsys, "checkout", master, tmp_path / "gis-b.gpkg", "--device",
                         "gis-b", "--role", "gis")
    assert code == errors.OK, err
    said = _followed(out)
    assert len(said) == 2 and RECOMPUTED in said[0] and said[1].startswith(GIVEN), out
    assert said == _followed(m_out), (out, m_out)  # as merge says them
    assert _followed(err) == _followed(m_err), (err, m_err)
    assert f"field-kit: warning: {NAMES_NONE}" in err, err
    assert NAMES_NONE not in out, out
